package worklist

import (
	"time"

	"caseload/domain"
)

// NOSP is the dates of a Notice of Seeking Possession (Housing Act 1985 s83).
type NOSP struct {
	Served domain.Date
	// ProceedingsFrom is the date stated in the notice after which
	// proceedings may begin.
	ProceedingsFrom domain.Date
	// Stated is true when ProceedingsFrom was recorded from the notice
	// itself; false when NOSPDates worked it out.
	Stated bool
	// LastDay is the last day to issue proceedings: the notice stays in
	// force to the end of the same date 12 months after ProceedingsFrom.
	LastDay domain.Date
}

// NOSPDates gives a notice's dates from its service date and, when known,
// the date stated in it (zero when not recorded).
//
// The rule (RULES.md "Possession") when the notice's date is not recorded:
// at least 28 days after service and on a rent-period boundary of a weekly
// tenancy, so the first Sunday or Monday on or after service + 28 days
// (served Mon 12 May 2025 → Mon 9 Jun 2025; served Thu 2 Oct 2025 → Sun 2
// Nov 2025). The notice stays in force to the end of the same date 12
// months later (domain.MonthsAfter: clamped to the month's end), the last
// day to issue proceedings (2 Nov 2026).
func NOSPDates(served, stated domain.Date) NOSP {
	n := NOSP{Served: served}
	if !stated.IsZero() && !stated.Before(served) {
		n.ProceedingsFrom, n.Stated = stated, true
	} else {
		n.ProceedingsFrom = domain.FirstOnOrAfter(served.AddDays(nospNoticeDays), time.Sunday, time.Monday)
	}
	n.LastDay = domain.MonthsAfter(n.ProceedingsFrom, nospInForceMonths)
	return n
}

// A NOSP gives at least 28 days' notice and stays in force 12 months.
const (
	nospNoticeDays    = 28
	nospInForceMonths = 12
)

// InForce reports whether the notice is still in force on today (to the
// end of its last day).
func (n NOSP) InForce(today domain.Date) bool { return !today.After(n.LastDay) }

// LastDayWords is "last day to issue: Mon 2 Nov 2026": the words and the
// due date of nosp-expiring come from this one date.
func (n NOSP) LastDayWords() string { return "last day to issue: " + n.LastDay.Human() }

// eventSlot indexes the case event types in a fixed array, so reading the
// latest of each type needs no map per account.
func eventSlot(t domain.EventType) int {
	switch t {
	case domain.EventLetter1:
		return 0
	case domain.EventLetter2:
		return 1
	case domain.EventPreAction:
		return 2
	case domain.EventReferral:
		return 3
	case domain.EventAPARequested:
		return 4
	case domain.EventAPAInPlace:
		return 5
	case domain.EventTPDRequested:
		return 6
	case domain.EventNOSPServed:
		return 7
	case domain.EventCourtClaim:
		return 8
	case domain.EventHearing:
		return 9
	case domain.EventOrderOutright:
		return 10
	case domain.EventOrderSuspended:
		return 11
	case domain.EventOrderPostponed:
		return 12
	case domain.EventWarrantApplied:
		return 13
	case domain.EventEvictionDate:
		return 14
	case domain.EventEvicted:
		return 15
	case domain.EventStageReset:
		return 16
	case domain.EventDDUnpaid:
		return 17
	}
	return -1
}

const nSlots = 18

// caseEvents is the latest event of each type, after the stage-reset rule.
type caseEvents [nSlots]Event

func (c *caseEvents) get(t domain.EventType) Event { return c[eventSlot(t)] }

func (c *caseEvents) date(t domain.EventType) domain.Date { return c[eventSlot(t)].Date }

// readEvents keeps the latest event of each type. Events dated after today
// are left out (a letter cannot have been sent tomorrow) except hearings
// and eviction dates, which are set in the future. A stage-reset wipes the
// ladder: ladder events dated before the latest reset no longer count, so
// a new arrears episode starts from the first rung. Arrears cleared do the
// same for the letters and pre-action steps recorded on or before the day
// the account last owed nothing (cleared); a notice or claim keeps its own
// legal life and is read by its own rules.
func readEvents(evs []Event, today, cleared domain.Date) caseEvents {
	var c caseEvents
	for _, e := range evs {
		i := eventSlot(e.Type)
		if i < 0 || e.Date.IsZero() {
			continue
		}
		if e.Date.After(today) && e.Type != domain.EventHearing && e.Type != domain.EventEvictionDate {
			continue
		}
		if c[i].Date.IsZero() || !e.Date.Before(c[i].Date) {
			c[i] = e
		}
	}
	if reset := c.date(domain.EventStageReset); !reset.IsZero() {
		for i := range c {
			if c[i].Type.IsLadder() && c[i].Type != domain.EventStageReset && c[i].Date.Before(reset) {
				c[i] = Event{}
			}
		}
	}
	if !cleared.IsZero() {
		for _, t := range []domain.EventType{domain.EventLetter1, domain.EventLetter2, domain.EventPreAction} {
			if i := eventSlot(t); !c[i].Date.IsZero() && !c[i].Date.After(cleared) {
				c[i] = Event{}
			}
		}
	}
	return c
}

// rung is a step of the arrears ladder, in order. An account's rung is the
// highest step recorded in the current arrears episode (after the last
// stage-reset and after the last day it owed nothing): the default policy
// never recommends a step below it (RULES.md "The arrears ladder").
type rung int

const (
	rungNone rung = iota
	rungLetter1
	rungLetter2
	rungPreAction
	rungNOSP
	rungCourt
)

// reached is the highest rung recorded in the current episode. Notices and
// court steps count when dated after the day the arrears were last cleared.
func (c *caseEvents) reached(cleared domain.Date) rung {
	r := rungNone
	step := func(t domain.EventType, at rung) {
		if d := c.date(t); !d.IsZero() && d.After(cleared) && at > r {
			r = at
		}
	}
	step(domain.EventLetter1, rungLetter1)
	step(domain.EventLetter2, rungLetter2)
	step(domain.EventPreAction, rungPreAction)
	step(domain.EventNOSPServed, rungNOSP)
	for _, t := range []domain.EventType{domain.EventCourtClaim, domain.EventHearing, domain.EventOrderOutright,
		domain.EventOrderSuspended, domain.EventOrderPostponed, domain.EventWarrantApplied, domain.EventEvictionDate, domain.EventEvicted} {
		step(t, rungCourt)
	}
	return r
}

// nospInForce reports the NOSP in force today, if any: served, not yet
// lapsed, and not superseded by a court claim issued on or after service
// (the notice has done its job) or by a stage reset (handled in readEvents).
func nospInForce(c *caseEvents, today domain.Date) (NOSP, bool) {
	served := c.get(domain.EventNOSPServed)
	if served.Date.IsZero() {
		return NOSP{}, false
	}
	if claim := c.date(domain.EventCourtClaim); !claim.IsZero() && !claim.Before(served.Date) {
		return NOSP{}, false
	}
	n := NOSPDates(served.Date, firstDate(served.Detail))
	return n, n.InForce(today)
}

// inProceedings reports whether possession proceedings are under way: a
// claim, hearing, order, warrant or eviction date since the last reset.
func inProceedings(c *caseEvents) bool {
	for _, t := range []domain.EventType{domain.EventCourtClaim, domain.EventHearing, domain.EventOrderOutright,
		domain.EventOrderSuspended, domain.EventOrderPostponed, domain.EventWarrantApplied, domain.EventEvictionDate} {
		if !c.date(t).IsZero() {
			return true
		}
	}
	return false
}

// orderInForce is the suspended or postponed order whose terms the tenant
// must keep: the later of the two, unless an outright order, a warrant
// application or an eviction came on or after it (then the order has been
// acted on and court-order-breach has nothing left to prompt).
func orderInForce(c *caseEvents) (Event, bool) {
	o := c.get(domain.EventOrderSuspended)
	if p := c.get(domain.EventOrderPostponed); !p.Date.IsZero() && (o.Date.IsZero() || !p.Date.Before(o.Date)) {
		o = p
	}
	if o.Date.IsZero() {
		return Event{}, false
	}
	for _, t := range []domain.EventType{domain.EventOrderOutright, domain.EventWarrantApplied, domain.EventEvicted} {
		if d := c.date(t); !d.IsZero() && !d.Before(o.Date) {
			return Event{}, false
		}
	}
	return o, true
}
