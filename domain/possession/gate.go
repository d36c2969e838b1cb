// Package possession is the gate in front of the court: the rules that
// decide whether a possession step may be recorded on a case (RULES.md
// "Possession for rent arrears"). A court claim waits for the Pre-Action
// Protocol checklist, arrears, a notice in force and no pending benefit
// claim; the court steps come in their order (claim, hearing or order,
// warrant, eviction date, eviction). The store refuses what this package
// refuses on every event it writes; the CLI and the TUI ask it first, and
// the TUI offers only the steps that may come next. An officer may
// override a refusal with a reason, which is kept.
//
// It is pure: the facts and the day come in as parameters.
package possession

import (
	"fmt"
	"strings"

	"caseload/domain"
	"caseload/domain/court"
	"caseload/domain/worklist"
)

// Refusal is why a step may not be recorded.
type Refusal struct {
	Step domain.EventType
	// Missing are the open checklist items (court claims only).
	Missing []domain.PreActionItem
	// Reasons say every reason in words.
	Reasons []string
	// OutOfOrder is true when the step comes before the step it needs (a
	// warrant with no order): the event picker does not offer it.
	OutOfOrder bool
}

// ClaimToday says whether a court claim may be issued today: "allowed",
// or the refusal in one line (r nil: nothing refuses it).
func ClaimToday(r *Refusal) string {
	if r == nil {
		return "allowed"
	}
	return r.Text()
}

// Text is the refusal in one line: "court claim refused: pre-action steps
// open: rent statements, support referral; no NOSP in force".
func (r *Refusal) Text() string {
	return stepName(r.Step) + " refused: " + strings.Join(r.Reasons, "; ")
}

// Beyond are the reasons other than the open checklist items.
func (r *Refusal) Beyond() []string {
	if len(r.Missing) > 0 {
		return r.Reasons[1:]
	}
	return r.Reasons
}

// stepName is the step as an officer names it in a sentence.
func stepName(t domain.EventType) string {
	switch t {
	case domain.EventCourtClaim:
		return "court claim"
	case domain.EventWarrantApplied:
		return "warrant application"
	case domain.EventEvicted:
		return "eviction"
	}
	return strings.ToLower(t.Label())
}

// Err is the refusal as a validation error: bad input, nothing written.
func (r *Refusal) Err() error {
	return &domain.ValidationError{Field: string(r.Step), Reason: "refused: " + strings.Join(r.Reasons, "; ") +
		" (an override needs a reason)"}
}

func (r *Refusal) outOfOrder(format string, args ...any) {
	r.OutOfOrder = true
	r.Reasons = append(r.Reasons, fmt.Sprintf(format, args...))
}

func (r *Refusal) protocol(format string, args ...any) {
	r.Reasons = append(r.Reasons, fmt.Sprintf(format, args...))
}

// steps are the latest case events of each type on a day, since the
// latest stage reset (a reset starts the ladder again).
type steps map[domain.EventType]worklist.Event

func stepsOn(evs []worklist.Event, on domain.Date) steps {
	s := steps{}
	for _, e := range evs {
		if e.Date.IsZero() || e.Date.After(on) {
			continue
		}
		if cur, ok := s[e.Type]; !ok || !e.Date.Before(cur.Date) {
			s[e.Type] = e
		}
	}
	if reset, ok := s[domain.EventStageReset]; ok {
		for t, e := range s {
			if t != domain.EventStageReset && t.IsLadder() && e.Date.Before(reset.Date) {
				delete(s, t)
			}
		}
		for _, t := range []domain.EventType{domain.EventTermsVaried} {
			if e, ok := s[t]; ok && e.Date.Before(reset.Date) {
				delete(s, t)
			}
		}
	}
	return s
}

func (s steps) has(t domain.EventType) bool { _, ok := s[t]; return ok }

// latestOrder is the latest possession order of any kind.
func (s steps) latestOrder() (worklist.Event, bool) {
	var o worklist.Event
	for _, t := range []domain.EventType{domain.EventOrderOutright, domain.EventOrderSuspended, domain.EventOrderPostponed} {
		if e, ok := s[t]; ok && (o.Date.IsZero() || !e.Date.Before(o.Date)) {
			o = e
		}
	}
	return o, !o.Date.IsZero()
}

// Check decides whether step may be recorded on date for the account of f
// (nil: it may). Only possession court steps are gated; a NOSP, a notice
// of proceedings and every other event may always be recorded. p is the
// worklist policy, whose court-order-breach test decides whether a
// suspended or postponed order is breached.
func Check(f *worklist.Facts, step domain.EventType, date domain.Date, p worklist.Policy) *Refusal {
	s := stepsOn(f.Events, date)
	r := &Refusal{Step: step}
	claim, claimed := s[domain.EventCourtClaim]
	switch step {
	case domain.EventCourtClaim:
		if claimed {
			r.outOfOrder("a court claim was issued on %s: proceedings are under way (a stage-reset starts again)", claim.Date.Human())
			break
		}
		claimProtocol(r, f, s, date)
	case domain.EventHearing, domain.EventOrderOutright, domain.EventOrderSuspended, domain.EventOrderPostponed:
		if !claimed {
			r.outOfOrder("no court claim recorded: a hearing or an order needs a claim first")
		}
	case domain.EventCourtOutcome:
		if h, ok := s[domain.EventHearing]; !ok || (claimed && h.Date.Before(claim.Date)) {
			r.outOfOrder("no hearing recorded: a court outcome is the outcome of a hearing")
		}
	case domain.EventCourtBreachLetter:
		if o, ok := s.latestOrder(); !ok || o.Type == domain.EventOrderOutright {
			r.outOfOrder("no suspended or postponed order whose terms could be breached")
		}
	case domain.EventTermsVaried:
		if o, ok := s.latestOrder(); !ok || o.Type == domain.EventOrderOutright {
			r.outOfOrder("no suspended or postponed order whose terms the court could vary")
		}
	case domain.EventWarrantApplied:
		o, ok := s.latestOrder()
		switch {
		case !ok:
			r.outOfOrder("no possession order: a warrant needs an outright order, or a suspended or postponed order that is breached")
		case o.Type != domain.EventOrderOutright:
			if _, _, breached := worklist.OrderBreach(f, date, p); !breached {
				r.outOfOrder("the %s of %s is being kept: a warrant needs its terms breached",
					strings.ToLower(o.Type.Label()), o.Date.Human())
			}
		}
		if ok {
			if needs, words := court.NeedsPermission(o.Date, date); needs {
				r.protocol("%s (record the permission as the override reason)", words)
			}
		}
	case domain.EventEvictionDate:
		if !s.has(domain.EventWarrantApplied) {
			r.outOfOrder("no warrant applied for: an eviction date needs a warrant first")
		}
	case domain.EventEvicted:
		if !s.has(domain.EventEvictionDate) {
			r.outOfOrder("no eviction date set: record the eviction date first")
		}
	}
	if len(r.Reasons) == 0 {
		return nil
	}
	return r
}

// claimProtocol adds what holds a court claim back.
func claimProtocol(r *Refusal, f *worklist.Facts, s steps, date domain.Date) {
	cl := worklist.PreActionChecklist(f, date)
	if open := cl.Open(); len(open) > 0 {
		r.Missing = open
		r.protocol("pre-action steps open: %s", cl.OpenWords())
	}
	if !f.Balance.IsPositive() {
		r.protocol("the account is not in arrears (balance %s)", f.Balance.Balance())
	}
	if f.TenancyType == domain.TenancyIntroductory {
		notice(r, s, domain.EventNoticeOfProceedings, "notice of proceedings", date, false)
	} else {
		notice(r, s, domain.EventNOSPServed, "NOSP", date, true)
	}
	if cl.ClaimPending {
		r.protocol("a complete benefit claim is pending (recorded %s): liaise with DWP/HB and wait for the decision", cl.ClaimDate.Human())
	}
}

// notice adds why no notice of type t is in force on date. A NOSP lapses
// 12 months after its date; a notice of proceedings is bounded by the
// introductory tenancy itself.
func notice(r *Refusal, s steps, t domain.EventType, name string, date domain.Date, lapses bool) {
	ev, ok := s[t]
	if !ok {
		r.protocol("no %s in force: serve one first", name)
		return
	}
	n := worklist.NoticeOf(ev)
	switch {
	case !date.After(n.ProceedingsFrom):
		r.protocol("the %s served %s allows proceedings only after %s", name, ev.Date.Human(), n.ProceedingsFrom.Human())
	case lapses && date.After(n.LastDay):
		r.protocol("the %s served %s is no longer in force (its last day to issue was %s): serve a new one", name, ev.Date.Human(), n.LastDay.Human())
	}
}

// Next lists the event types that may come next on date, in the order of
// domain.EventTypes: every step that is not out of order. A court claim
// the protocol still holds back is listed (recording it needs the open
// items ticked or an override with a reason).
func Next(f *worklist.Facts, date domain.Date, p worklist.Policy) []domain.EventType {
	var out []domain.EventType
	for _, t := range domain.EventTypes {
		if t.NeedsPossessionSteps() && !f.Kind.HasPossessionSteps() {
			continue
		}
		if r := Check(f, t, date, p); r == nil || !r.OutOfOrder {
			out = append(out, t)
		}
	}
	return out
}
