package seed

import (
	"slices"
)

// Touchpoint kinds, as stored.
var touchKinds = [...]string{"VISIT", "CALL", "MEETING", "EMAIL", "EVENT"}

const (
	tkVisit uint8 = iota
	tkCall
	tkMeeting
	tkEmail
	tkEvent
)

// touchSim is one generated touchpoint with its participants.
type touchSim struct {
	ago       int32 // day, days before AsOf
	minute    int32 // minute of the day, China time
	lag       int32 // minutes from occurring to being logged
	nextDue   int32 // days after the touchpoint the next step is due
	kind      uint8
	summary   uint8
	next      int8 // index into touchNextSteps, -1 for none
	nStaff    uint8
	nContacts uint8
	staff     [4]int32 // staff indexes; [0] is the owner
	contacts  [3]uint8 // regular contact indexes of the account
}

// simTouchpoints generates the touchpoints of account i. Like simOrders it
// is replayable: the touchpoints, touchpoint_staff and touchpoint_contacts
// writers each call it.
func (w *world) simTouchpoints(s *scratch, i int) []touchSim {
	a := &w.accts[i]
	buf := s.touches[:0]
	if a.nTouch == 0 {
		s.touches = buf
		return buf
	}
	r := s.r
	r.reset(streamTouchpoints, i)
	from, to := a.touchFrom, max(a.touchTo, a.touchFrom)
	days := s.days[:0]
	for range a.nTouch {
		days = append(days, from+int32(r.IntN(int(to-from)+1)))
	}
	slices.Sort(days)
	slices.Reverse(days)
	english := w.staff[a.owner].locale == "en"

	var eligible [8]uint8
	ne := 0
	for j := range a.nContacts {
		if a.touchMask&(1<<j) != 0 {
			eligible[ne] = j
			ne++
		}
	}

	for _, ago := range days {
		t := touchSim{ago: ago, next: -1}
		switch x := r.Float64(); {
		case x < 0.28:
			t.kind = tkVisit
		case x < 0.58:
			t.kind = tkCall
		case x < 0.73:
			t.kind = tkMeeting
		case x < 0.93:
			t.kind = tkEmail
		default:
			t.kind = tkEvent
		}
		t.minute = 9*60 + int32(r.IntN(9*60))
		t.lag = 10 + int32(r.IntN(300))
		texts := len(touchSummaries[t.kind])
		if english {
			t.summary = uint8(texts - 1)
		} else {
			t.summary = uint8(r.IntN(texts - 1))
		}
		if r.chance(0.55) {
			if english {
				t.next = int8(len(touchNextSteps) - 1)
			} else {
				t.next = int8(r.IntN(len(touchNextSteps) - 1))
			}
			t.nextDue = 3 + int32(r.IntN(28))
		}

		// Staff: the owner, and now and then the rest of the team.
		t.staff[0], t.nStaff = a.owner, 1
		faceToFace := t.kind == tkVisit || t.kind == tkMeeting || t.kind == tkEvent
		if a.sales >= 0 && r.chance(0.25) {
			t.staff[t.nStaff] = a.sales
			t.nStaff++
		}
		if faceToFace {
			if a.presales >= 0 && r.chance(0.3) {
				t.staff[t.nStaff] = a.presales
				t.nStaff++
			} else if a.presales < 0 && r.chance(0.08) {
				t.staff[t.nStaff] = w.roster.presales[r.pick(len(w.roster.presales))]
				t.nStaff++
			}
		}
		if (t.kind == tkMeeting || t.kind == tkEvent) && a.sponsor >= 0 && r.chance(0.35) {
			t.staff[t.nStaff] = a.sponsor
			t.nStaff++
		} else if t.kind == tkCall && a.service >= 0 && r.chance(0.2) {
			t.staff[t.nStaff] = a.service
			t.nStaff++
		}

		// Contacts: one, more for face-to-face; the decision maker often.
		want := 1
		if faceToFace && r.chance(0.4) {
			want++
			if r.chance(0.3) {
				want++
			}
		}
		want = min(want, ne)
		pool := eligible
		first := 0
		if r.chance(0.45) {
			t.contacts[0] = pool[0] // the decision maker
			first = 1
			t.nContacts = 1
		}
		for c := first; c < want; c++ {
			j := c + r.IntN(ne-c)
			pool[c], pool[j] = pool[j], pool[c]
			t.contacts[t.nContacts] = pool[c]
			t.nContacts++
		}
		buf = append(buf, t)
	}
	s.days = days
	s.touches = buf
	return buf
}
