package seed

import (
	"math"
	"slices"
	"strconv"
	"time"
)

// Account kinds, lifecycle stages and geographic scopes, as stored.
const (
	kindB2B uint8 = iota
	kindEndCustomer
	kindDistributor
	kindInternal
)

var kindNames = [...]string{"B2B", "END_CUSTOMER", "DISTRIBUTOR", "INTERNAL"}

const (
	stageExploration uint8 = iota
	stageFormation
	stageStable
	stageDecline
	stageLost
)

var stageNames = [...]string{"EXPLORATION", "FORMATION", "STABLE", "DECLINE", "LOST"}

const (
	geoLocal uint8 = iota
	geoRegional
	geoNational
)

var geoNames = [...]string{"LOCAL", "REGIONAL", "NATIONAL"}

// Importance bands by current value rank; they decide team coverage and how
// much contact an account gets.
const (
	bandRest  uint8 = iota
	bandTop20       // top 20% of customers by value
	bandTop10       // top 10%
	bandTop3        // top 3%: executive sponsor
)

const (
	historyDays     = 3 * 365 // orders go back this far from AsOf
	medianValueFen  = 60_000_000
	valueSigma      = 1.45
	ordersPerYearAt = 6.4 // orders per year of an account at the median value
)

// acct is the plan of one account: everything the per-table generators need
// to agree on. Rows are generated from it (and a per-table random stream)
// when each table is written, so only this small struct is kept per account.
type acct struct {
	parent    int32 // index of the parent account, -1 for none
	root      int32 // index of the group's top account (own index if none)
	depth     uint8 // 0 for a top-level account
	kind      uint8
	stage     uint8
	geo       uint8
	band      uint8
	category  uint8
	word      uint8 // index into the category's words
	brandH    uint8
	brandT    uint8
	faded     bool
	children  uint8
	place     place
	owner     int32 // staff index of the key-account manager
	value     int64 // current annual value in fen; for prospects 0
	potential int64
	growth    float64 // yearly growth factor of order value
	quality   float64 // payer quality, standard normal
	margin    float64
	rate      float64 // orders per year while active
	startAgo  int32   // first possible order, days before AsOf
	stopAgo   int32   // last possible order, days before AsOf
	terms     int32   // payment terms, days
	created   int32   // account created, days before AsOf
	influence int32
	expClose  int32 // prospects: expected close, days after AsOf

	// contacts: n regular contacts (index 0 is the decision maker), plus a
	// former decision maker when dmReplaced.
	nContacts  uint8
	dmReplaced bool
	leftIdx    int8  // a regular contact that left, -1 for none
	touchMask  uint8 // contacts that touchpoints may involve
	nTouch     uint8
	touchFrom  int32 // touchpoints happen from this many days ago
	touchTo    int32 // … to this many days ago
	nSurveys   uint8
	nComplaint uint8

	sponsor, service, sales, presales int32 // staff indexes, -1 for none

	tierHeld   uint8 // distributors: rank of the tier held, 0 for none
	tierTarget uint8 // rank the generated numbers are built around

	// Filled by the order simulation.
	nOrders      int32
	nCollections int32
	rev3y        int64
	rev12        int64
	receivables  int64
	overdue      int64
}

// world is the planned data set.
type world struct {
	opts   Options
	asOf   time.Time
	staff  []staffUser
	roster roster
	accts  []acct
	faded  []int32 // indexes of the planted fading accounts

	// dayAccept[ago] is the chance an order lands on that day (weekends and
	// the Spring Festival month are quiet).
	dayAccept []float64

	counts counts
}

type counts struct {
	orders, collections, contacts, touchpoints        int64
	surveys, complaints, teamMembers, partnerProfiles int64
}

func (w *world) date(ago int32) time.Time {
	return w.asOf.Add(-time.Duration(ago) * 24 * time.Hour)
}

// plan builds the world: staff, account structure and attributes,
// importance bands, teams and the shape of each account's engagement.
func plan(opts Options) *world {
	w := &world{opts: opts, asOf: opts.AsOf}
	w.dayAccept = make([]float64, historyDays+2)
	for ago := range w.dayAccept {
		d := w.date(int32(ago))
		f := monthFactor[d.Month()-1]
		switch d.Weekday() {
		case time.Saturday:
			f *= 0.25
		case time.Sunday:
			f *= 0.15
		}
		w.dayAccept[ago] = f
	}
	w.planStaff()
	w.planAccounts()
	w.planBands()
	w.planEngagement()
	return w
}

var monthFactor = [12]float64{0.85, 0.55, 0.95, 0.9, 0.9, 1.0, 0.85, 0.85, 0.95, 0.8, 0.95, 1.0}

// planAccounts lays out groups and draws each account's attributes.
func (w *world) planAccounts() {
	n := w.opts.Accounts
	w.accts = make([]acct, n)
	s := newRNG(w.opts.Seed)
	s.reset(streamStructure, 0)

	// Group layout: a parent, its subsidiaries, and now and then a
	// subsidiary with subsidiaries of its own (three levels at most).
	// Parents come before their children so ids increase down the tree.
	for i := 0; i < n; {
		a := &w.accts[i]
		a.parent, a.root = -1, int32(i)
		startGroup := i == 0 || s.chance(0.03)
		if !startGroup || n-i < 4 {
			i++
			continue
		}
		root := i
		i++
		kids := s.between(2, 8)
		for k := 0; k < kids && i < n; k++ {
			c := &w.accts[i]
			c.parent, c.root, c.depth = int32(root), int32(root), 1
			w.accts[root].children++
			mid := i
			i++
			if (root == 0 && k == 0) || s.chance(0.22) {
				grand := s.between(2, 3)
				for g := 0; g < grand && i < n; g++ {
					gc := &w.accts[i]
					gc.parent, gc.root, gc.depth = int32(mid), int32(root), 2
					w.accts[mid].children++
					i++
				}
			}
		}
	}

	r := newRNG(w.opts.Seed)
	for i := range w.accts {
		r.reset(streamAccount, i)
		w.planAccount(r, i)
	}
}

func (w *world) planAccount(r *rng, i int) {
	a := &w.accts[i]
	inGroup := a.parent >= 0 || a.children > 0

	// Kind and category.
	switch {
	case inGroup:
		a.kind = kindB2B
	default:
		x := r.Float64()
		switch {
		case x < 0.0125:
			a.kind = kindInternal
		case x < 0.0125+0.10:
			a.kind = kindDistributor
		case x < 0.0125+0.10+0.25:
			a.kind = kindEndCustomer
		default:
			a.kind = kindB2B
		}
	}
	switch a.kind {
	case kindDistributor:
		a.category = catChannel
	case kindInternal:
		a.category = catInternal
	case kindEndCustomer:
		a.category = catConsumer
	default:
		if a.parent >= 0 && r.chance(0.9) {
			a.category = w.accts[a.root].category
		} else {
			a.category = b2bCategoryPick[r.pick(len(b2bCategoryPick))]
		}
	}
	a.word = uint8(r.pick(len(categories[a.category].words)))
	if a.parent >= 0 {
		a.brandH, a.brandT = w.accts[a.root].brandH, w.accts[a.root].brandT
	} else {
		a.brandH, a.brandT = uint8(r.pick(len(brandHead))), uint8(r.pick(len(brandTail)))
	}

	// Place and scope.
	switch a.depth {
	case 2:
		places := regionPlaces[w.accts[a.parent].place.region] // near the regional parent
		a.place = places[r.pick(len(places))]
	default:
		reg := regionPick[r.pick(len(regionPick))]
		a.place = regionPlaces[reg][r.pick(len(regionPlaces[reg]))]
	}
	switch {
	case a.children > 0 && a.depth == 0:
		a.geo = geoNational
	case a.children > 0:
		a.geo = geoRegional
	case a.kind == kindEndCustomer:
		a.geo = geoLocal
	default:
		x := r.Float64()
		switch {
		case x < 0.06:
			a.geo = geoNational
		case x < 0.28:
			a.geo = geoRegional
		default:
			a.geo = geoLocal
		}
	}

	// Lifecycle.
	x := r.Float64()
	switch {
	case a.kind == kindInternal:
		a.stage = stageStable
	case x < 0.08 && a.children == 0:
		a.stage = stageExploration
	case x < 0.26:
		a.stage = stageFormation
	case x < 0.86:
		a.stage = stageStable
	case x < 0.97:
		a.stage = stageDecline
	default:
		a.stage = stageLost
	}
	// Distributors are signed partners: not prospects, not lost. The first
	// five anchor the five tiers, so they are steady.
	distributorNo := -1
	if a.kind == kindDistributor {
		distributorNo = w.distributorCount()
		if a.stage == stageExploration || a.stage == stageLost || distributorNo < len(tiers) {
			a.stage = stageStable
		}
	}
	anchor := distributorNo >= 0 && distributorNo < len(tiers)
	if a.stage != stageExploration && a.kind != kindInternal && !anchor && r.chance(0.03) {
		a.faded = true
		a.stage = stageStable
		w.faded = append(w.faded, int32(i))
	}

	// Value: lognormal, so a minority carries most of the revenue.
	v := r.lognormal(math.Log(medianValueFen), valueSigma)
	switch {
	case a.kind == kindEndCustomer:
		v = min(v*0.3, 300_000_000) // consumers and micro-businesses stay small
	case a.kind == kindInternal:
		v *= 0.5
	case a.children > 0 && a.depth == 0:
		v *= 3
	}
	if a.kind == kindDistributor {
		a.tierTarget = distributorTarget(r, distributorNo)
		lo, hi := perfBand(a.tierTarget)
		v = math.Exp(math.Log(lo) + r.Float64()*(math.Log(hi)-math.Log(lo)))
	}
	a.quality = r.NormFloat64()
	rel := math.Log(v / medianValueFen)
	a.margin = clampF(0.2-0.025*rel+0.04*r.NormFloat64(), 0.07, 0.32)
	a.influence = int32(clampF(math.Round(45+9*rel+14*r.NormFloat64()), 0, 100))
	if a.children > 0 {
		a.influence = min(100, a.influence+15)
	}
	switch categories[a.category].style {
	case styleInstitution:
		a.influence = min(100, a.influence+10)
	}

	if a.stage == stageExploration {
		a.potential = int64(v*r.lognormal(0.4, 0.5)) / 100 * 100
		a.expClose = int32(r.between(30, 548))
		a.created = int32(r.between(5, 400))
		a.terms = 30
		return
	}
	a.value = int64(v)
	a.potential = int64(v*r.lognormal(0.25, 0.45)) / 100 * 100

	// Order rhythm: bigger accounts order more often.
	rate := ordersPerYearAt * math.Pow(v/medianValueFen, 0.42) * r.lognormal(0, 0.3)
	if a.kind == kindDistributor {
		rate *= 1.6
	}
	a.rate = clampF(rate, 0.7, 160)
	a.startAgo, a.stopAgo = historyDays, 1
	switch a.stage {
	case stageFormation:
		a.startAgo = int32(r.between(60, 540))
		a.growth = r.lognormal(0.25, 0.15)
	case stageStable:
		a.growth = r.lognormal(0.03, 0.12)
	case stageDecline:
		a.growth = r.lognormal(-0.35, 0.12)
	case stageLost:
		a.stopAgo = int32(r.between(380, 900))
		a.growth = r.lognormal(-0.2, 0.2)
	}
	if a.faded {
		a.growth = r.lognormal(0, 0.1)
		a.stopAgo = int32(r.between(120, 300))
		a.rate = max(a.rate, 5)
	}
	if a.startAgo >= historyDays {
		a.created = historyDays + int32(r.between(30, 2500))
	} else {
		a.created = a.startAgo + int32(r.between(10, 150))
	}

	// Payment terms: cash for consumers, longer for big accounts.
	switch {
	case a.kind == kindEndCustomer:
		a.terms = int32([]int{0, 0, 15, 30}[r.pick(4)])
	case rel > 1.5:
		a.terms = int32([]int{45, 60, 60, 90}[r.pick(4)])
	case rel > 0:
		a.terms = int32([]int{30, 30, 45, 60}[r.pick(4)])
	default:
		a.terms = int32([]int{15, 30, 30, 30, 45}[r.pick(5)])
	}
}

// distributorCount counts distributors planned so far; the first five get
// the five tiers in order so every tier occurs even in a small data set.
func (w *world) distributorCount() int {
	w.roster.distributors++
	return w.roster.distributors - 1
}

// planBands ranks customers by value and marks the top bands.
func (w *world) planBands() {
	idx := make([]int32, 0, len(w.accts))
	for i := range w.accts {
		if w.accts[i].value > 0 && w.accts[i].kind != kindInternal {
			idx = append(idx, int32(i))
		}
	}
	slices.SortFunc(idx, func(a, b int32) int {
		va, vb := w.accts[a].value, w.accts[b].value
		switch {
		case va > vb:
			return -1
		case va < vb:
			return 1
		}
		return int(a - b)
	})
	for rank, i := range idx {
		q := float64(rank) / float64(len(idx))
		a := &w.accts[i]
		switch {
		case q < 0.03:
			a.band = bandTop3
		case q < 0.10:
			a.band = bandTop10
		case q < 0.20:
			a.band = bandTop20
		}
	}
}

// planEngagement decides owners, teams, contacts, touchpoints, surveys and
// complaints per account.
func (w *world) planEngagement() {
	r := newRNG(w.opts.Seed)
	ro := &w.roster
	for i := range w.accts {
		r.reset(streamTeam, i)
		a := &w.accts[i]
		reg := a.place.region

		// Owner: a KAM of the region; subsidiaries often share the
		// group's owner.
		if a.parent >= 0 && r.chance(0.5) {
			a.owner = w.accts[a.parent].owner
		} else {
			kams := ro.kamsByRegion[reg]
			if len(kams) == 0 {
				kams = ro.kams
			}
			a.owner = kams[r.pick(len(kams))]
		}

		a.sponsor, a.service, a.sales, a.presales = -1, -1, -1, -1
		if a.band >= bandTop3 && r.chance(0.9) {
			a.sponsor = ro.execByRegion[reg]
		}
		if a.band >= bandTop10 && r.chance(0.88) {
			a.service = pickRegional(r, ro.serviceByRegion[reg], ro.service)
		}
		if a.band >= bandTop20 && r.chance(0.8) {
			a.sales = pickRegional(r, ro.salesByRegion[reg], ro.sales)
		}
		if a.band >= bandTop10 && r.chance(0.5) {
			a.presales = ro.presales[r.pick(len(ro.presales))]
		}

		// Contacts.
		switch {
		case a.stage == stageExploration:
			a.nContacts = uint8(r.between(2, 3))
		case a.band >= bandTop20:
			a.nContacts = uint8(r.between(4, 6))
		default:
			a.nContacts = uint8(r.between(2, 6))
		}
		a.leftIdx = -1
		if !a.faded && a.created > 450 && r.chance(0.04) {
			a.dmReplaced = true
			a.nContacts = min(a.nContacts, 5) // six rows at most, the former one included
		}
		if a.nContacts > 2 && r.chance(0.07) {
			a.leftIdx = int8(r.between(2, int(a.nContacts)-1))
		}
		for j := 0; j < int(a.nContacts); j++ {
			if int8(j) != a.leftIdx {
				a.touchMask |= 1 << j
			}
		}

		// Touchpoints over the last year.
		a.touchFrom, a.touchTo = 1, min(365, max(1, a.created-31)) // once contacts exist
		switch {
		case a.faded:
			a.nTouch = uint8(r.between(4, 8))
			a.touchFrom = int32(r.between(150, 210))
			a.touchTo = 365
		case a.stage == stageLost:
			a.nTouch = uint8(r.between(0, 2))
		case a.stage == stageExploration:
			a.nTouch = uint8(r.between(4, 10))
		case a.band >= bandTop10:
			a.nTouch = uint8(r.between(12, 16))
		case a.band >= bandTop20:
			a.nTouch = uint8(r.between(10, 15))
		default:
			a.nTouch = uint8(r.between(6, 13))
		}

		// Surveys and complaints for customers.
		if a.stage != stageExploration {
			switch {
			case a.faded:
				a.nSurveys = uint8(r.between(3, 4))
			case a.stage == stageLost:
				a.nSurveys = uint8(r.between(1, 2))
			case a.band >= bandTop20:
				a.nSurveys = uint8(r.between(2, 4))
			default:
				a.nSurveys = uint8(r.between(1, 3))
			}
			p := 0.1
			if a.faded {
				p = 0.45
			}
			if r.chance(p) {
				a.nComplaint = uint8(r.between(1, 2))
			}
		}

		// Partner tier held: mostly what the numbers support, some above
		// (downgrade candidates), some below (upgrade candidates).
		if a.kind == kindDistributor {
			a.tierHeld = a.tierTarget
			if w.roster.distributorsSeen >= len(tiers) { // the anchors hold what they support
				x := r.Float64()
				switch {
				case x < 0.18 && a.tierTarget > 1:
					a.tierHeld = a.tierTarget - 1
				case x < 0.28 && a.tierTarget < 5:
					a.tierHeld = a.tierTarget + 1
				}
			}
			w.roster.distributorsSeen++
		}
	}
}

func pickRegional(r *rng, regional, all []int32) int32 {
	if len(regional) > 0 {
		return regional[r.pick(len(regional))]
	}
	return all[r.pick(len(all))]
}

// simulateAccount runs the order simulation of account i for the totals
// its row carries (receivables must be written with the account, before
// its orders) and counts the rows the account will have in every table, so
// ids can be reserved once the accounts are written.
func (w *world) simulateAccount(s *scratch, i int) {
	a := &w.accts[i]
	a.nOrders, a.nCollections, a.rev3y, a.rev12, a.receivables, a.overdue = 0, 0, 0, 0, 0, 0
	for _, o := range w.simOrders(s, i) {
		a.nOrders++
		a.nCollections += int32(o.nColl)
		if o.status != statusShipped {
			continue
		}
		a.rev3y += o.amount
		if o.ago <= 365 {
			a.rev12 += o.amount
		}
		out := o.amount - o.collAmt[0] - o.collAmt[1]
		a.receivables += out
		if o.dueAgo >= 1 {
			a.overdue += out
		}
	}
	c := &w.counts
	c.orders += int64(a.nOrders)
	c.collections += int64(a.nCollections)
	c.contacts += int64(a.nContacts)
	if a.dmReplaced {
		c.contacts++
	}
	c.touchpoints += int64(a.nTouch)
	c.surveys += int64(a.nSurveys)
	c.complaints += int64(a.nComplaint)
	c.teamMembers++
	for _, m := range [...]int32{a.sponsor, a.service, a.sales, a.presales} {
		if m >= 0 {
			c.teamMembers++
		}
	}
	if a.kind == kindDistributor {
		c.partnerProfiles++
	}
}

// appendPadded appends n in decimal, zero-padded to width.
func appendPadded(b []byte, n int64, width int) []byte {
	var tmp [20]byte
	d := strconv.AppendInt(tmp[:0], n, 10)
	for i := len(d); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, d...)
}
