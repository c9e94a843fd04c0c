package seed

import (
	"math"
	"strings"
	"time"
)

// rowSource is a pgx.CopyFromSource that generates rows account by
// account: fill(i) prepares the rows of account i in the writer's scratch
// buffers and returns how many there are, set(k) loads row k into vals.
// Only one account's rows exist at a time.
type rowSource struct {
	n, i      int
	rows, row int
	fill      func(i int) int
	set       func(k int)
	vals      []any
}

func (s *rowSource) Next() bool {
	for s.row >= s.rows {
		if s.i >= s.n {
			return false
		}
		s.rows = s.fill(s.i)
		s.i++
		s.row = 0
	}
	s.set(s.row)
	s.row++
	return true
}

func (s *rowSource) Values() ([]any, error) { return s.vals, nil }
func (s *rowSource) Err() error             { return nil }

// ids are the first ids reserved in each table; row k of a table gets
// first+k. Users, categories and tiers may pre-exist, so they are looked
// up by natural key instead.
type ids struct {
	accounts, orders, collections, contacts, touchpoints int64
	surveys, complaints, team, partners                  int64
	users, categories, tiers                             []int64 // by staff index, category index, rank-1
}

// Pre-boxed enum values: assigning them to vals does not allocate.
var (
	kindVals   = boxStrings(kindNames[:])
	stageVals  = boxStrings(stageNames[:])
	geoVals    = boxStrings(geoNames[:])
	statusVals = boxStrings(statusNames[:])
	touchVals  = boxStrings(touchKinds[:])
	regionVals = func() []any {
		v := make([]any, len(regions))
		for i, r := range regions {
			v[i] = r.code
		}
		return v
	}()
	productVals     = boxStrings(productLines)
	ratingVals      = boxStrings([]string{"AAA", "AA", "A", "BBB", "BB", "B", "C"})
	roleVals        = boxStrings([]string{"DECISION_MAKER", "INFLUENCER", "USER", "GATEKEEPER", "APPROVER"})
	attVals         = boxStrings([]string{"SUPPORTER", "NEUTRAL", "OPPONENT"})
	channelVals     = boxStrings([]string{"SMS", "EMAIL", "PHONE", "VISIT", "WEB"})
	severityVal     = boxStrings([]string{"LOW", "MEDIUM", "HIGH"})
	trueVal     any = true
	falseVal    any = false
)

func boxStrings(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

const (
	day = 24 * time.Hour
	cst = 8 * time.Hour // business hours are China Standard Time
)

// at is the instant minute (China time) of the day ago days before AsOf.
func (w *world) at(ago, minute int32) time.Time {
	return w.asOf.Add(-time.Duration(ago)*day + time.Duration(minute)*time.Minute - cst)
}

// ---- accounts ----

var accountCols = []string{
	"id", "created_at", "updated_at", "code", "name", "name_en", "kind", "geo_scope", "region", "province", "city",
	"industry", "lifecycle_stage", "credit_rating", "credit_limit_minor", "receivables_minor",
	"overdue_receivables_minor", "payment_terms_days", "price_coefficient", "influence_score",
	"potential_value_minor", "expected_close_on", "category_id", "parent_id", "owner_id",
}

func (w *world) accountSource(id *ids) *rowSource {
	s := w.newScratch()
	r := s.r
	v := make([]any, len(accountCols))
	src := &rowSource{n: len(w.accts), vals: v}
	src.fill = func(i int) int {
		w.simulateAccount(s, i)
		return 1
	}
	src.set = func(int) {
		i := src.i - 1
		a := &w.accts[i]
		r.reset(streamName, i)
		name, nameEn := w.accountName(r, i)
		created := w.at(a.created, int32(r.between(9*60, 18*60)))
		updated := w.at(int32(r.between(1, 90)), int32(r.between(9*60, 18*60)))
		if updated.Before(created) {
			updated = created.Add(time.Duration(r.between(1, 600)) * time.Minute)
		}
		s.b = append(s.b[:0], 'C')
		s.b = appendPadded(s.b, int64(i+1), 7)

		v[0] = id.accounts + int64(i)
		v[1], v[2] = created, updated
		v[3] = string(s.b)
		v[4] = name
		v[5] = nil
		if nameEn != "" {
			v[5] = nameEn
		}
		v[6], v[7], v[8] = kindVals[a.kind], geoVals[a.geo], regionVals[a.place.region]
		v[9], v[10] = a.place.province.zh, a.place.city.zh
		v[11] = categories[a.category].industry
		v[12] = stageVals[a.stage]

		rel := 0.0
		if a.value > 0 {
			rel = math.Log(float64(a.value) / medianValueFen)
		}
		// Credit: rated customers, limits that cover their receivables
		// (a few run over).
		v[13] = nil
		limit := int64(0)
		if a.stage != stageExploration || r.chance(0.3) {
			score := a.quality + 0.3*rel + 0.5*r.NormFloat64()
			rating := 6
			for k, cut := range [...]float64{2.0, 1.2, 0.4, -0.4, -1.2, -2.0} {
				if score > cut {
					rating = k
					break
				}
			}
			v[13] = ratingVals[rating]
			base := float64(a.value) * float64(max(a.terms, 15)) / 365 * r.lognormal(0.4, 0.3)
			limit = int64(math.Max(base, float64(a.receivables)*1.15))
			if r.chance(0.05) {
				limit = a.receivables * 9 / 10
			}
			limit = (limit + 999_999) / 1_000_000 * 1_000_000 // whole 万元
		}
		v[14], v[15], v[16] = limit, a.receivables, a.overdue
		v[17] = int64(a.terms)

		var coef float64
		switch a.kind {
		case kindDistributor:
			coef = [...]float64{0.80, 0.84, 0.88, 0.92, 0.95}[a.tierHeld-1] + 0.01*r.NormFloat64()
		case kindEndCustomer:
			coef = 1.05 + 0.04*r.NormFloat64()
		case kindInternal:
			coef = 0.85
		default:
			coef = 1.0 - 0.03*rel + 0.02*r.NormFloat64()
		}
		v[18] = math.Round(clampF(coef, 0.75, 1.2)*10000) / 10000
		v[19] = int64(a.influence)
		v[20] = a.potential
		v[21] = nil
		if a.stage == stageExploration {
			v[21] = w.date(-a.expClose)
		}
		v[22] = id.categories[a.category]
		v[23] = nil
		if a.parent >= 0 {
			v[23] = id.accounts + int64(a.parent)
		}
		v[24] = id.users[a.owner]
	}
	return src
}

// accountName names account i in Chinese and, for some, in English.
func (w *world) accountName(r *rng, i int) (string, string) {
	a := &w.accts[i]
	cat := &categories[a.category]
	word := cat.words[a.word]
	brand := zhEn{brandHead[a.brandH].zh + brandTail[a.brandT].zh, brandHead[a.brandH].en + brandTail[a.brandT].en}
	city := a.place.city
	reg := &regions[a.place.region]
	regShort := zhEn{strings.TrimSuffix(reg.zh, "区"), reg.en}
	wantEn := r.Float64()
	var zh, en string
	inGroup := a.parent >= 0 || a.children > 0
	switch {
	case inGroup && a.depth == 0:
		zh, en = brand.zh+suffixGroup.zh, brand.en+" "+suffixGroup.en
		wantEn = 0
	case inGroup && a.children > 0:
		zh, en = brand.zh+"集团"+regShort.zh+suffixRegional.zh, brand.en+" Group "+regShort.en+" "+suffixRegional.en
		wantEn = 0
	case inGroup && (r.chance(0.5) || cat.style != styleBrand):
		zh, en = brand.zh+"集团"+city.zh+suffixBranch.zh, brand.en+" Group "+city.en+" "+suffixBranch.en
		wantEn = 0
	case inGroup:
		zh, en = city.zh+brand.zh+word.zh+suffixLtd.zh, city.en+" "+brand.en+" "+word.en+" "+suffixLtd.en
		wantEn = 0
	case cat.style == styleInstitution:
		zh, en = city.zh+word.zh, city.en+" "+word.en
		wantEn -= 0.15
	case cat.style == styleOpsCenter:
		zh, en = brand.zh+"集团"+regShort.zh+word.zh, brand.en+" Group "+regShort.en+" "+word.en
	case cat.style == styleInternal:
		zh, en = ourName.zh+city.zh+word.zh, ourName.en+" "+city.en+" "+word.en
		wantEn = 0
	case cat.style == styleConsumer && r.chance(0.4):
		s := surnames[r.pick(len(surnames))]
		g := givenNames[r.pick(len(givenNames))]
		zh, en = s.zh+g.zh+"（个人）", g.en+" "+s.en+" (individual)"
		wantEn += 0.25
	case cat.style == styleConsumer:
		zh, en = city.zh+brand.zh+word.zh, city.en+" "+brand.en+" "+word.en
		wantEn += 0.25
	case a.geo == geoLocal:
		zh, en = city.zh+brand.zh+word.zh+suffixLtd.zh, city.en+" "+brand.en+" "+word.en+" "+suffixLtd.en
	default:
		zh, en = brand.zh+word.zh+suffixJSC.zh, brand.en+" "+word.en+" "+suffixJSC.en
	}
	if wantEn > 0.35 {
		en = ""
	}
	return zh, en
}

// ---- orders and collections ----

var orderCols = []string{"id", "created_at", "updated_at", "order_no", "order_date", "amount_minor", "margin_minor", "product_line", "status", "account_id"}

func (w *world) orderSource(id *ids) *rowSource {
	s := w.newScratch()
	v := make([]any, len(orderCols))
	src := &rowSource{n: len(w.accts), vals: v}
	var next int64 // orders written so far
	var acctID any
	src.fill = func(i int) int {
		acctID = id.accounts + int64(i)
		return len(w.simOrders(s, i))
	}
	src.set = func(k int) {
		o := &s.orders[k]
		date := w.date(o.ago)
		created := date.Add(time.Duration(o.ago%480+60) * time.Minute)
		v[0] = id.orders + next
		v[1] = created
		v[2] = created
		if o.status != statusShipped && o.ago > 2 {
			v[2] = created.Add(48 * time.Hour) // cancelled or returned later
		}
		// SO + a running number, like an ERP's sales-order sequence.
		// Increasing, so the unique index on order_no only appends.
		b := append(s.b[:0], 'S', 'O')
		b = appendPadded(b, next+1, 10)
		s.b = b
		v[3] = string(b)
		v[4] = date
		v[5], v[6] = o.amount, o.margin
		v[7] = productVals[o.product]
		v[8] = statusVals[o.status]
		v[9] = acctID
		next++
	}
	return src
}

var collectionCols = []string{"id", "created_at", "updated_at", "due_on", "received_on", "amount_minor", "account_id", "order_id"}

func (w *world) collectionSource(id *ids) *rowSource {
	s := w.newScratch()
	v := make([]any, len(collectionCols))
	src := &rowSource{n: len(w.accts), vals: v}
	var orderNo, collNo int64
	// rowsOf maps a collection row of the current account to its order.
	type ref struct {
		order int64
		k     int
		part  int
	}
	var refs []ref
	var acctID any
	src.fill = func(i int) int {
		acctID = id.accounts + int64(i)
		orders := w.simOrders(s, i)
		refs = refs[:0]
		for k := range orders {
			for p := range int(orders[k].nColl) {
				refs = append(refs, ref{order: orderNo, k: k, part: p})
			}
			orderNo++
		}
		return len(refs)
	}
	src.set = func(j int) {
		rf := refs[j]
		o := &s.orders[rf.k]
		recv := w.date(o.collAgo[rf.part])
		created := recv.Add(time.Duration(o.collAgo[rf.part]%420+120) * time.Minute)
		v[0] = id.collections + collNo
		v[1], v[2] = created, created
		v[3] = w.date(o.dueAgo)
		v[4] = recv
		v[5] = o.collAmt[rf.part]
		v[6] = acctID
		v[7] = id.orders + rf.order
		collNo++
	}
	return src
}

// ---- contacts ----

var contactCols = []string{"id", "created_at", "updated_at", "name", "title", "department", "email", "phone", "buying_role", "attitude", "relationship_strength", "active", "left_at", "account_id", "reports_to_id"}

var mobilePrefixes = []string{"138", "139", "136", "137", "135", "186", "187", "188", "189", "158", "159", "150", "151", "152", "177", "180", "181", "199"}

// contactSim is one generated contact.
type contactSim struct {
	role             int8 // index into roleVals, -1 for none
	reportsTo        int8 // contact index, -1 for none
	attitude         uint8
	strength         int64
	active           bool
	createdAgo       int32
	leftAgo          int32
	title, dept      string
	name, emailLocal string
}

func (w *world) contactSource(id *ids) *rowSource {
	s := w.newScratch()
	r := s.r
	v := make([]any, len(contactCols))
	src := &rowSource{n: len(w.accts), vals: v}
	var base, next int64
	var acctID any
	var cs [8]contactSim
	var domain string
	src.fill = func(i int) int {
		a := &w.accts[i]
		acctID = id.accounts + int64(i)
		base = next
		r.reset(streamContacts, i)
		domain = w.mailDomain(i)
		n := int(a.nContacts)
		for j := range n {
			c := &cs[j]
			*c = contactSim{role: -1, reportsTo: -1, active: true}
			var td titleDept
			switch j {
			case 0:
				c.role = 0
				td = titlesDecisionMaker[r.pick(len(titlesDecisionMaker))]
			case 1:
				c.role, c.reportsTo = 1, 0
				td = titlesInfluencer[r.pick(len(titlesInfluencer))]
			default:
				c.reportsTo = int8(r.pick(2))
				switch x := r.Float64(); {
				case x < 0.3:
					c.role = 2
					td = titlesUser[r.pick(len(titlesUser))]
				case x < 0.5:
					c.role = 3
					td = titlesGatekeeper[r.pick(len(titlesGatekeeper))]
				case x < 0.7:
					c.role = 4
					td = titlesApprover[r.pick(len(titlesApprover))]
				case x < 0.9:
					c.role = 1
					td = titlesInfluencer[r.pick(len(titlesInfluencer))]
				default:
					td = titlesUser[r.pick(len(titlesUser))]
				}
			}
			c.title, c.dept = td.title, td.dept
			w.contactPerson(r, c)
			switch x := r.Float64(); {
			case x < 0.35:
				c.attitude = 0
			case x < 0.85:
				c.attitude = 1
			default:
				c.attitude = 2
			}
			c.strength = int64(r.between(1, 4))
			if j == 0 && a.band >= bandTop10 {
				c.strength = int64(r.between(3, 5))
			}
			c.createdAgo = a.created - int32(r.IntN(int(min(30, max(1, a.created-1)))))
			if int8(j) == a.leftIdx {
				c.active = false
				c.leftAgo = clampI32(int32(r.between(30, 600)), 1, max(1, c.createdAgo-1))
			}
		}
		if a.faded {
			// The decision maker left recently; nobody replaced them.
			dm := &cs[0]
			dm.active = false
			dm.leftAgo = int32(r.between(14, 110))
			dm.attitude = 1 + uint8(r.pick(2))
			dm.strength = 2
		}
		if a.dmReplaced {
			// The former decision maker left a while ago; the current one
			// joined around then.
			old := &cs[n]
			*old = contactSim{role: 0, reportsTo: -1, attitude: 0, strength: 4}
			td := titlesDecisionMaker[r.pick(len(titlesDecisionMaker))]
			old.title, old.dept = td.title, td.dept
			w.contactPerson(r, old)
			old.createdAgo = cs[0].createdAgo
			old.leftAgo = int32(r.between(400, int(max(401, a.created-40))))
			cs[0].createdAgo = old.leftAgo - int32(r.IntN(20))
			n++
		}
		return n
	}
	src.set = func(j int) {
		c := &cs[j]
		created := w.at(c.createdAgo, 600+int32(j)*7)
		v[0] = id.contacts + next
		v[1] = created
		v[2] = created
		v[3] = c.name
		v[4], v[5] = c.title, c.dept
		s.b = append(append(append(s.b[:0], c.emailLocal...), '@'), domain...)
		v[6] = string(s.b)
		b := append(s.b[:0], mobilePrefixes[int(next)%len(mobilePrefixes)]...)
		b = appendPadded(b, (next*7919+int64(j)*104729)%100_000_000, 8)
		s.b = b
		v[7] = string(b)
		v[8] = nil
		if c.role >= 0 {
			v[8] = roleVals[c.role]
		}
		v[9] = attVals[c.attitude]
		v[10] = c.strength
		v[11], v[12] = trueVal, nil
		if !c.active {
			left := w.at(c.leftAgo, 600)
			v[11], v[12], v[2] = falseVal, left, left
		}
		v[13] = acctID
		v[14] = nil
		if c.reportsTo >= 0 {
			v[14] = id.contacts + base + int64(c.reportsTo)
		}
		next++
	}
	return src
}

func clampI32(v, lo, hi int32) int32 { return max(lo, min(hi, v)) }

// contactPerson names a contact and builds the local part of their email.
func (w *world) contactPerson(r *rng, c *contactSim) {
	s := surnames[r.pick(len(surnames))]
	b := make([]byte, 0, 24)
	if r.chance(0.08) {
		g := englishGiven[r.pick(len(englishGiven))]
		c.name = g + " " + s.en
		b = appendLower(b, g)
	} else {
		g := givenNames[r.pick(len(givenNames))]
		c.name = s.zh + g.zh
		b = appendLower(b, g.en)
	}
	b = append(b, '.')
	b = appendLower(b, s.en)
	c.emailLocal = string(b)
}

func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch >= 'A' && ch <= 'Z':
			b = append(b, ch+'a'-'A')
		case ch >= 'a' && ch <= 'z', ch >= '0' && ch <= '9':
			b = append(b, ch)
		}
	}
	return b
}

// mailDomain is the made-up mail domain of account i.
func (w *world) mailDomain(i int) string {
	a := &w.accts[i]
	b := make([]byte, 0, 32)
	switch categories[a.category].style {
	case styleInstitution:
		b = appendLower(b, a.place.city.en)
		b = append(b, '-')
		b = appendPadded(b, int64(i+1), 1)
	case styleInternal:
		b = append(b, "summit"...)
	default:
		b = appendLower(b, brandHead[a.brandH].en)
		b = appendLower(b, brandTail[a.brandT].en)
		if a.parent < 0 && a.children == 0 {
			b = appendPadded(b, int64(i+1), 1)
		}
	}
	return string(append(b, ".example.cn"...))
}
