package arrangement

import (
	"errors"
	"fmt"
	"strings"

	"caseload/domain"
)

// An account's arrangements over time. Which arrangement is live is
// derived, never stored: it is the latest made that is not cancelled. So
// recording a new arrangement ends the earlier one without writing to it,
// two officers recording arrangements on different replicas converge on the
// later one, and cancelling the newest brings the one it replaced back to
// life.

// RecordState is where an arrangement stands in its account's history.
type RecordState string

// The states of an arrangement record.
const (
	// Live is the latest made and not cancelled; its monitored state
	// (kept, broken, completed, not yet due) is in Record.Status.
	Live RecordState = "live"
	// Superseded was ended by a later arrangement.
	Superseded RecordState = "superseded"
	// Cancelled was cancelled by an officer, with a reason.
	Cancelled RecordState = "cancelled"
)

// Record is one arrangement of an account, with its state.
type Record struct {
	ID     string
	Ref    string
	Terms  Terms
	MadeOn domain.Date
	MadeBy string
	State  RecordState
	// Count, FinalDate and FinalAmount are the schedule the terms draw
	// (zero when the terms cannot be drawn, e.g. from an older schema).
	Count       int
	FinalDate   domain.Date
	FinalAmount domain.Money
	// Status is the live arrangement's monitored state on the day read,
	// and Checks every check made so far (both empty unless live).
	Status Status
	Checks []Check
	// SupersededBy is the arrangement that ended this one, made on EndedOn.
	SupersededBy string
	EndedOn      domain.Date
	// CancelledOn and CancelReason say when and why it was cancelled.
	CancelledOn  domain.Date
	CancelReason string
}

// Draw fills the schedule the record's terms draw (left zero when they
// cannot be drawn).
func (r *Record) Draw() {
	inst := r.Terms.Instalment
	if p, err := Calculate(Request{Balance: r.Terms.Arrears, Frequency: r.Terms.Frequency, Start: r.Terms.Start, Instalment: &inst}); err == nil {
		r.Count, r.FinalDate, r.FinalAmount = p.Count, p.FinalDate, p.FinalAmount
	}
}

// SetStates gives each of an account's records, newest made first, its
// state: the first not cancelled is live, and each older one not cancelled
// was ended by the nearest newer one not cancelled.
func SetStates(newestFirst []Record) {
	var newer *Record
	for i := range newestFirst {
		r := &newestFirst[i]
		switch {
		case !r.CancelledOn.IsZero():
			r.State = Cancelled
			continue
		case newer == nil:
			r.State = Live
		default:
			r.State, r.SupersededBy, r.EndedOn = Superseded, newer.ID, newer.MadeOn
		}
		newer = r
	}
}

// MonitorLive monitors the live record on today against the account's
// ledger txns (void rows left out) with graceDays, with its checks so far.
func MonitorLive(recs []Record, txns []domain.Txn, today domain.Date, graceDays int) {
	for i := range recs {
		if recs[i].State == Live {
			recs[i].Status = Monitor(recs[i].Terms, txns, today, graceDays)
			recs[i].Checks = History(recs[i].Terms, txns, today, graceDays)
		}
	}
}

// TermsWords are the terms as an officer says them: "£10.00 a week from
// Mon 30 Nov 2026 towards £1,100.00".
func (r Record) TermsWords() string { return r.Terms.Words() }

// Words are the terms as an officer says them: "£10.00 a week from Mon 30
// Nov 2026 towards £1,100.00" (a record's TermsWords, the account view's
// Arrangement line).
func (t Terms) Words() string {
	return fmt.Sprintf("%s %s from %s towards %s", t.Instalment.Human(), t.Frequency.Per(),
		t.Start.Human(), t.Arrears.Human())
}

// Words is a live arrangement's monitored state as an officer reads it
// beside its terms: "kept, …", "broken, …" with the monitor's reason.
func (s Status) Words() string {
	return strings.ToLower(string(s.State)) + ", " + s.Reason
}

// LiveWords is the live arrangement in one line: its id, terms and
// monitored state ("none" without one), as `caseload account show` says it.
func (r Record) LiveWords() string {
	return r.ID + ": " + r.TermsWords() + " — " + r.Status.Words()
}

// Words is the record's state in words: "live — kept: …", "superseded on
// Mon 23 Nov 2026 by arrangement 9f3a61c2-12", "cancelled on … : reason".
func (r Record) Words() string {
	switch r.State {
	case Live:
		if r.Status.State == Broken {
			return "live — broken: " + r.Status.Reason
		}
		return "live — " + r.Status.Reason
	case Superseded:
		return fmt.Sprintf("superseded on %s by arrangement %s", r.EndedOn.Human(), r.SupersededBy)
	case Cancelled:
		return fmt.Sprintf("cancelled on %s: %s", r.CancelledOn.Human(), r.CancelReason)
	}
	return string(r.State)
}

// Ended reports whether nothing more is expected under the arrangement:
// superseded, cancelled, or live and completed.
func (r Record) Ended() bool {
	return r.State != Live || r.Status.State == Completed
}

// Cancellable refuses an arrangement that has nothing left to cancel:
// already cancelled, ended by a later one, or completed.
func (r Record) Cancellable() error {
	switch {
	case r.State == Cancelled:
		return domain.Invalid("id", "arrangement %s was already cancelled on %s (%s)", r.ID, r.CancelledOn.Human(), r.CancelReason)
	case r.State == Superseded:
		return domain.Invalid("id", "arrangement %s was ended on %s by arrangement %s: cancel that one instead", r.ID, r.EndedOn.Human(), r.SupersededBy)
	case r.State == Live && r.Status.State == Completed:
		return domain.Invalid("id", "arrangement %s is %s: nothing is left to cancel", r.ID, r.Status.Reason)
	}
	return nil
}

// WindowMonths is how far from today an arrangement may start: an
// agreement is recorded when it is made, or soon after, and a start more
// than a year away either way is a typing slip (2062 for 2026), not a plan.
const WindowMonths = 12

// Proposal is an arrangement an officer asks to record.
type Proposal struct {
	Ref        string
	Start      domain.Date
	Frequency  Frequency
	Instalment domain.Money
	// Arrears is the arrears balance the arrangement is for; zero means
	// the account's balance now.
	Arrears domain.Money
}

// Plan checks a proposed arrangement against the account's balance on
// today and draws its schedule: the arrears it is for and the plan, or why
// it is refused.
func (n Proposal) Plan(balance domain.Money, today domain.Date) (arrears domain.Money, plan Plan, err error) {
	if _, err := ParseFrequency(string(n.Frequency)); err != nil {
		return arrears, plan, err
	}
	if n.Start.IsZero() {
		return arrears, plan, domain.Invalid("start", "give the date of the first instalment")
	}
	if earliest := domain.MonthsAfter(today, -WindowMonths); n.Start.Before(earliest) {
		return arrears, plan, domain.Invalid("start", "%s is more than a year ago: give a start from %s on", n.Start.Human(), earliest.Human())
	}
	if latest := domain.MonthsAfter(today, WindowMonths); n.Start.After(latest) {
		return arrears, plan, domain.Invalid("start", "%s is more than a year ahead: give a start up to %s", n.Start.Human(), latest.Human())
	}
	if !n.Instalment.IsPositive() {
		return arrears, plan, domain.Invalid("instalment", "must be at least £0.01 (got %s): an instalment has to repay something", n.Instalment.Human())
	}
	arrears = n.Arrears
	if arrears.IsZero() {
		arrears = balance
		if !arrears.IsPositive() {
			return arrears, plan, domain.Invalid("arrears", "%s is not in arrears (balance %s): there is nothing to arrange, or give the arrears it is for",
				n.Ref, arrears.Balance())
		}
	} else if err := CheckArrears(arrears); err != nil {
		return arrears, plan, err
	}
	inst := n.Instalment
	plan, err = Calculate(Request{Balance: arrears, Frequency: n.Frequency, Start: n.Start, Instalment: &inst})
	if err != nil {
		var ve *domain.ValidationError
		if errors.As(err, &ve) && ve.Field == "balance" {
			return arrears, plan, domain.Invalid("arrears", "%s", ve.Reason)
		}
		return arrears, plan, err
	}
	return arrears, plan, nil
}

// CheckArrears is the rule for arrears an officer types for an
// arrangement (`arrangement add --arrears`, a proposal's Arrears): more
// than £0.00. Left out, the arrears are the balance; typed as zero or
// less, they are a mistake.
func CheckArrears(arrears domain.Money) error {
	if !arrears.IsPositive() {
		return domain.Invalid("arrears", "must be more than £0.00 (got %s): give the arrears the arrangement is for", arrears.Human())
	}
	return nil
}

// ScheduleWords is the schedule the record's terms draw: "110
// instalments, the last (£10.00) on Mon 1 Jan 2029", "one instalment, on
// …", or "no schedule" when they cannot be drawn.
func (r Record) ScheduleWords() string {
	if r.Count == 0 {
		return "no schedule"
	}
	if r.Count == 1 {
		return "one instalment, on " + r.FinalDate.Human()
	}
	return fmt.Sprintf("%d instalments, the last (%s) on %s", r.Count, r.FinalAmount.Human(), r.FinalDate.Human())
}

// Word is a monitored state as a word that stands out without colour:
// KEPT, BROKEN, NOT-YET-DUE (`arrangement show`'s State line and checks
// table, the calculator's cancel confirmation).
func (s State) Word() string { return strings.ToUpper(string(s)) }

// Preview is what recording an arrangement would do: the
// confirmation step of the calculator's save.
type Preview struct {
	// Arrears is what the arrangement is for (the balance when not given).
	Arrears domain.Money
	// Plan is the schedule its terms draw.
	Plan Plan
	// Ends is the live arrangement it would end (nil when none).
	Ends *Record
	// BreachedOrder is the date of a suspended or postponed order whose
	// terms are breached today (zero when none), and OrderWarning says that
	// the arrangement will not vary it.
	BreachedOrder domain.Date
	OrderWarning  string
}

// Words says what saving would do, for a confirmation: "Save £10.00
// weekly from Mon 30 Nov 2026 towards £1,100.00 on NW1001 — ends the live
// £5.00 weekly arrangement".
func (p Preview) Words(ref string) string {
	s := fmt.Sprintf("Save %s %s from %s towards %s on %s (%s)", p.Plan.Instalment.Human(), p.Plan.Frequency,
		p.Plan.FirstDate.Human(), p.Arrears.Human(), ref, p.Plan.Summary())
	if p.Ends != nil {
		s += fmt.Sprintf(" — ends the live %s %s arrangement", p.Ends.Terms.Instalment.Human(), p.Ends.Terms.Frequency)
	}
	if p.OrderWarning != "" {
		s += " — ⚠ " + p.OrderWarning
	}
	return s
}
