package seed

import (
	"math"
	"slices"
	"time"
)

// ---- touchpoints and their join tables ----

var touchpointCols = []string{"id", "created_at", "updated_at", "kind", "occurred_at", "summary", "next_step", "next_step_due_on", "account_id", "created_by_id"}

func (w *world) touchpointSource(id *ids) *rowSource {
	s := w.newScratch()
	v := make([]any, len(touchpointCols))
	src := &rowSource{n: len(w.accts), vals: v}
	var next int64
	var acctID, ownerID any
	src.fill = func(i int) int {
		acctID = id.accounts + int64(i)
		ownerID = id.users[w.accts[i].owner]
		return len(w.simTouchpoints(s, i))
	}
	src.set = func(k int) {
		t := &s.touches[k]
		occurred := w.at(t.ago, t.minute)
		created := occurred.Add(time.Duration(t.lag) * time.Minute)
		v[0] = id.touchpoints + next
		v[1], v[2] = created, created
		v[3] = touchVals[t.kind]
		v[4] = occurred
		v[5] = touchSummaries[t.kind][t.summary]
		v[6], v[7] = nil, nil
		if t.next >= 0 {
			v[6] = touchNextSteps[t.next]
			v[7] = w.date(t.ago - t.nextDue)
		}
		v[8] = acctID
		v[9] = ownerID
		next++
	}
	return src
}

// touchJoinSource writes touchpoint_staff (staff=true) or
// touchpoint_contacts rows.
func (w *world) touchJoinSource(id *ids, staff bool) *rowSource {
	s := w.newScratch()
	v := make([]any, 2)
	src := &rowSource{n: len(w.accts), vals: v}
	type pair struct{ touch, other int64 }
	var pairs []pair
	var touchNo, contactBase int64
	src.fill = func(i int) int {
		a := &w.accts[i]
		pairs = pairs[:0]
		for _, t := range w.simTouchpoints(s, i) {
			tid := id.touchpoints + touchNo
			touchNo++
			if staff {
				for _, u := range t.staff[:t.nStaff] {
					pairs = append(pairs, pair{tid, id.users[u]})
				}
			} else {
				for _, c := range t.contacts[:t.nContacts] {
					pairs = append(pairs, pair{tid, id.contacts + contactBase + int64(c)})
				}
			}
		}
		contactBase += int64(a.nContacts)
		if a.dmReplaced {
			contactBase++
		}
		return len(pairs)
	}
	src.set = func(k int) {
		v[0], v[1] = pairs[k].touch, pairs[k].other
	}
	return src
}

// ---- satisfaction surveys ----

var surveyCols = []string{"id", "created_at", "updated_at", "surveyed_on", "score", "recommend_score", "channel", "comment", "account_id", "contact_id"}

type surveySim struct {
	ago       int32
	score     int64
	recommend int64 // -1 for not asked
	channel   uint8
	comment   string
	contact   int8
}

func (w *world) surveySource(id *ids) *rowSource {
	s := w.newScratch()
	r := s.r
	v := make([]any, len(surveyCols))
	src := &rowSource{n: len(w.accts), vals: v}
	var next, contactBase, base int64
	var acctID any
	var ss [4]surveySim
	var days [4]int32
	src.fill = func(i int) int {
		a := &w.accts[i]
		acctID = id.accounts + int64(i)
		base = contactBase
		contactBase += int64(a.nContacts)
		if a.dmReplaced {
			contactBase++
		}
		n := int(a.nSurveys)
		if n == 0 {
			return 0
		}
		r.reset(streamSurveys, i)
		lo, hi := int32(1), min(730, a.created-30)
		if a.stage == stageLost {
			lo, hi = a.stopAgo, min(a.stopAgo+365, a.created-30)
		}
		hi = max(hi, lo)
		for k := range n {
			days[k] = lo + int32(r.IntN(int(hi-lo)+1))
		}
		if a.faded {
			days[n-1] = int32(r.between(20, 90))
			for k := range n - 1 {
				days[k] = int32(r.between(120, 700))
			}
		}
		slices.Sort(days[:n])
		slices.Reverse(days[:n])
		mean := clampF(7.6+0.6*a.quality+0.5*r.NormFloat64(), 3, 9.5)
		for k := range n {
			sv := &ss[k]
			sv.ago = days[k]
			sc := mean + 0.9*r.NormFloat64()
			if a.faded {
				// Satisfaction falls survey after survey.
				sc = 8.8 - 1.6*float64(k+(4-n)) + 0.4*r.NormFloat64()
			}
			sv.score = int64(clampF(math.Round(sc), 0, 10))
			sv.recommend = -1
			if r.chance(0.85) {
				sv.recommend = int64(clampI(int(sv.score)+r.between(-2, 1), 0, 10))
			}
			switch x := r.Float64(); {
			case x < 0.4:
				sv.channel = 1
			case x < 0.6:
				sv.channel = 0
			case x < 0.8:
				sv.channel = 2
			case x < 0.95:
				sv.channel = 4
			default:
				sv.channel = 3
			}
			sv.comment = ""
			if r.chance(0.25) {
				if sv.score <= 5 {
					sv.comment = badSurveyComments[r.pick(len(badSurveyComments))]
				} else {
					sv.comment = surveyComments[r.pick(len(surveyComments))]
				}
			}
			sv.contact = 0
			if a.faded || a.dmReplaced || r.chance(0.25) {
				sv.contact = 1
			}
		}
		return n
	}
	src.set = func(k int) {
		sv := &ss[k]
		on := w.date(sv.ago)
		created := on.Add(3 * time.Hour) // entered the day after it was answered
		if sv.ago > 1 {
			created = created.Add(day)
		}
		v[0] = id.surveys + next
		v[1], v[2] = created, created
		v[3] = on
		v[4] = sv.score
		v[5] = nil
		if sv.recommend >= 0 {
			v[5] = sv.recommend
		}
		v[6] = channelVals[sv.channel]
		v[7] = nil
		if sv.comment != "" {
			v[7] = sv.comment
		}
		v[8] = acctID
		v[9] = id.contacts + base + int64(sv.contact)
		next++
	}
	return src
}

// ---- complaints ----

var complaintCols = []string{"id", "created_at", "updated_at", "opened_at", "severity", "topic", "description", "status", "resolved_at", "account_id"}

func (w *world) complaintSource(id *ids) *rowSource {
	s := w.newScratch()
	r := s.r
	v := make([]any, len(complaintCols))
	src := &rowSource{n: len(w.accts), vals: v}
	var next int64
	var acctID any
	var i0 int
	src.fill = func(i int) int {
		acctID = id.accounts + int64(i)
		i0 = i
		r.reset(streamComplaints, i)
		return int(w.accts[i].nComplaint)
	}
	src.set = func(int) {
		a := &w.accts[i0]
		lo, hi := int32(1), min(730, a.created-10)
		if a.faded {
			lo, hi = 60, 250
		}
		ago := lo + int32(r.IntN(int(max(hi, lo)-lo)+1))
		opened := w.at(ago, int32(r.between(8*60, 20*60)))
		var sev int
		switch x := r.Float64(); {
		case x < 0.45:
			sev = 0
		case x < 0.85:
			sev = 1
		default:
			sev = 2
		}
		topic := complaintTopics[r.pick(len(complaintTopics))]
		resolvedIn := int32(r.between(1, 30))
		resolve := ago > 20 && r.chance(0.9)
		if a.faded && r.chance(0.5) {
			resolve = false
		}
		v[0] = id.complaints + next
		v[1], v[2] = opened, opened
		v[3] = opened
		v[4] = severityVal[sev]
		v[5], v[6] = topic.zh, topic.en
		v[7], v[8] = "OPEN", nil
		if resolve && ago-resolvedIn >= 1 {
			resolved := w.at(ago-resolvedIn, 17*60)
			v[7], v[8], v[2] = "RESOLVED", resolved, resolved
		}
		v[9] = acctID
		next++
	}
	return src
}

// ---- account teams ----

var teamCols = []string{"id", "created_at", "updated_at", "role", "access_level", "account_id", "user_id", "added_by_id"}

func (w *world) teamSource(id *ids) *rowSource {
	s := w.newScratch()
	r := s.r
	v := make([]any, len(teamCols))
	src := &rowSource{n: len(w.accts), vals: v}
	type member struct {
		role, access string
		user         int32
		addedBy      int32
		ago          int32
	}
	var ms []member
	var next int64
	var acctID any
	src.fill = func(i int) int {
		a := &w.accts[i]
		acctID = id.accounts + int64(i)
		r.reset(streamTeamRows, i)
		joined := max(1, a.created-int32(r.between(1, 20)))
		ms = append(ms[:0], member{"ACCOUNT_MANAGER", "EDIT", a.owner, w.roster.admin, joined})
		later := func() int32 { return int32(r.between(1, int(max(1, min(joined, 900))))) }
		if a.sponsor >= 0 {
			ms = append(ms, member{"EXECUTIVE_SPONSOR", "EDIT", a.sponsor, w.roster.admin, later()})
		}
		if a.service >= 0 {
			ms = append(ms, member{"SERVICE_MANAGER", "EDIT", a.service, a.owner, later()})
		}
		if a.sales >= 0 {
			access := "READ"
			if r.chance(0.5) {
				access = "EDIT"
			}
			ms = append(ms, member{"SALES", access, a.sales, a.owner, later()})
		}
		if a.presales >= 0 {
			ms = append(ms, member{"PRESALES", "READ", a.presales, a.owner, later()})
		}
		return len(ms)
	}
	src.set = func(k int) {
		m := &ms[k]
		t := w.at(m.ago, 11*60)
		v[0] = id.team + next
		v[1], v[2] = t, t
		v[3], v[4] = m.role, m.access
		v[5] = acctID
		v[6] = id.users[m.user]
		v[7] = id.users[m.addedBy]
		next++
	}
	return src
}

// ---- partner profiles ----

var partnerCols = []string{"id", "created_at", "updated_at", "channel_type", "registered_capital_minor", "annual_performance_minor", "total_staff", "certified_staff", "sales_staff", "territory", "on_probation", "probation_until", "next_evaluation_on", "account_id", "tier_id", "partner_manager_id"}

func (w *world) partnerSource(id *ids) *rowSource {
	s := w.newScratch()
	r := s.r
	v := make([]any, len(partnerCols))
	src := &rowSource{n: len(w.accts), vals: v}
	var next int64
	var i0 int
	src.fill = func(i int) int {
		if w.accts[i].kind != kindDistributor {
			return 0
		}
		i0 = i
		return 1
	}
	src.set = func(int) {
		a := &w.accts[i0]
		r.reset(streamPartner, i0)
		p := partnerFor(r, a)
		created := w.at(max(1, a.created-5), 10*60)
		updated := w.at(int32(r.between(1, 90)), 15*60)
		if updated.Before(created) {
			updated = created
		}
		v[0] = id.partners + next
		v[1], v[2] = created, updated
		v[3] = p.channelType
		v[4] = p.capitalFen
		v[5] = a.rev12
		v[6], v[7], v[8] = p.total, p.certified, p.salesHC
		v[9] = p.territory
		v[10], v[11] = falseVal, nil
		if p.probation {
			v[10], v[11] = trueVal, w.date(-p.probationDays)
		}
		v[12] = w.date(-p.nextEvalIn)
		v[13] = id.accounts + int64(i0)
		v[14] = id.tiers[a.tierHeld-1]
		pms := w.roster.pmsByRegion[a.place.region]
		v[15] = id.users[pms[int(i0)%len(pms)]]
		next++
	}
	return src
}
