package worklist

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"caseload/domain"
	"caseload/domain/court"
)

// A council's own recovery ladder, as data (issue 15 "The recovery ladder
// as data"). Without one, the worklist runs RULES.md's default arrears
// ladder (new-arrears, first-letter, pre-action, consider-nosp: rules.go),
// whose technical arrears, pre-action checklist and waiting words are not
// expressible as the conditions below; with one, those four rules give way
// to the council's steps and every other rule runs as before.
//
// The policy file's "ladder" section:
//
//	"ladder": {
//	  "name": "London Borough of Hackney (2020)",
//	  "nosp": {"in_force_after_months": 3, "in_force_weeks": 52},
//	  "steps": [
//	    {"id": "letter-2", "label": "send arrears letter 2", "priority": 55,
//	     "document": "income-collection-letter-2",
//	     "when": {
//	       "arrears_after_grace": {"at_least": "10.00"},
//	       "since": [{"step": "letter-1", "min_days": 14, "max_months": 3}],
//	       "nosp": ["never-served"],
//	       "arrangement": ["none"]
//	     }},
//	    …
//	  ]
//	}
//
// Steps are in ladder order; the first whose conditions all hold is the
// account's step (one item, rule recovery-step). A step's fields:
//
//   - id: lower-case letters, digits and hyphens, unique; label: the action
//     in the officer's words; priority 1–100; document: the id of the
//     document it produces ("" for none).
//   - event: the case event type that records the step taken (default: the
//     id). "since" conditions and recurrence read the latest such event. It
//     may name a type caseload does not record yet (sms, court-warning):
//     until one is recorded the step counts as never taken.
//   - possession: the step belongs to possession proceedings (not for
//     garage and sundry accounts). Steps recorded by a possession event
//     (nosp-served, court-claim, …) are possession steps anyway.
//   - recur: {"after_days": N} or {"after_months": N}. Without it a step is
//     taken once in an arrears episode and never once a later step of the
//     ladder has been recorded (the ladder never goes backwards). With it,
//     the step is not held by later steps, and may be recommended again
//     once that long has passed since it was last recorded; the reason
//     says so.
//
// Conditions ("when"; every one named must hold, none is required):
//
//   - arrears_after_grace: {"at_least": "10.00"} or {"at_least_weeks": 4},
//     and/or {"below": "10.00"} or {"below_weeks": 4}. Arrears after grace
//     are the balance less this rent week's charge plus this rent week's
//     payments (the week from Monday): what was owed before this week.
//     Weeks are of the weekly charge, or of zero-charge.week_amount.
//   - since: a list of {"step": ID, "min_days"|"min_months": N,
//     "max_days"|"max_months": N, "or_never": bool}: the latest record of
//     the step (a step id of this ladder, or any case event type) lies in
//     the window: at least min_days days ago (domain.ForDays: exactly N days
//     counts), on or after min_months calendar months after it
//     (domain.MonthsAfter), no more than max_days days ago, on or before
//     max_months months after it. or_never: also holds when there is none.
//   - nosp: any of "never-served", "served" (served, not yet in force),
//     "in-force", "lapsed".
//   - arrangement: any of "none" (no live arrangement and no suspended or
//     postponed order), "informal-kept", "informal-breached" (a live
//     arrangement, no order), "court-kept", "court-breached" (a suspended or
//     postponed order in force, its terms kept or not, as court-order-breach
//     reads them).
//   - court_date: any of "none", "past", "future" (the latest hearing:
//     before today, or today and later).
//   - court_outcome: any of "none", "order-outright", "order-suspended",
//     "order-postponed": the latest order in this episode, or "none" when
//     there is none or a later hearing has no outcome yet; or a court
//     outcome code that makes no order ("adjourned-generally",
//     "adjourned-on-terms", "adjourned-to-date", "struck-out", "withdrawn",
//     "stay-of-execution"), recorded on a hearing or a court-outcome event
//     after the latest order.
//
// A paused account takes no step: a pause holds arrears recovery. A step
// fires only while the account is current and owes money.
//
// "nosp" gives the council's reading of a NOSP's life: in force from
// in_force_after_days days or in_force_after_months months after service,
// for in_force_weeks weeks. Without it the statutory dates are used
// (NOSPDates: in force after the date stated in the notice, to the last
// day to issue proceedings).
type Ladder struct {
	Name  string      `json:"name"`
	NOSP  *LadderNOSP `json:"nosp,omitempty"`
	Steps []Step      `json:"steps"`
}

// LadderNOSP is a council's reading of when its NOSPs are in force.
type LadderNOSP struct {
	InForceAfterDays   int `json:"in_force_after_days,omitempty"`
	InForceAfterMonths int `json:"in_force_after_months,omitempty"`
	InForceWeeks       int `json:"in_force_weeks"`
}

// Step is one step of a council's recovery ladder.
type Step struct {
	ID         string     `json:"id"`
	Label      string     `json:"label"`
	Priority   int        `json:"priority"`
	Event      string     `json:"event,omitempty"`
	Document   string     `json:"document,omitempty"`
	Possession bool       `json:"possession,omitempty"`
	When       Conditions `json:"when"`
	Recur      *Recur     `json:"recur,omitempty"`
}

// Recur says when a step may be recommended again.
type Recur struct {
	AfterDays   int `json:"after_days,omitempty"`
	AfterMonths int `json:"after_months,omitempty"`
}

// Conditions are what must hold for a step to be next.
type Conditions struct {
	Arrears     *ArrearsBand `json:"arrears_after_grace,omitempty"`
	Since       []Since      `json:"since,omitempty"`
	NOSP        []string     `json:"nosp,omitempty"`
	Arrangement []string     `json:"arrangement,omitempty"`
	CourtDate   []string     `json:"court_date,omitempty"`
	Outcome     []string     `json:"court_outcome,omitempty"`
}

// ArrearsBand bounds the arrears after grace.
type ArrearsBand struct {
	AtLeast      *domain.Money    `json:"at_least,omitempty"`
	AtLeastWeeks *decimal.Decimal `json:"at_least_weeks,omitempty"`
	Below        *domain.Money    `json:"below,omitempty"`
	BelowWeeks   *decimal.Decimal `json:"below_weeks,omitempty"`
}

// Since is a window after the latest record of a step.
type Since struct {
	Step      string `json:"step"`
	MinDays   int    `json:"min_days,omitempty"`
	MinMonths int    `json:"min_months,omitempty"`
	MaxDays   int    `json:"max_days,omitempty"`
	MaxMonths int    `json:"max_months,omitempty"`
	OrNever   bool   `json:"or_never,omitempty"`
}

// The condition values a file may name.
var (
	nospStates         = []string{"never-served", "served", "in-force", "lapsed"}
	arrangementStates  = []string{"none", "informal-kept", "informal-breached", "court-kept", "court-breached"}
	courtDateStates    = []string{"none", "past", "future"}
	courtOutcomeStates = append([]string{"none", string(domain.EventOrderOutright), string(domain.EventOrderSuspended),
		string(domain.EventOrderPostponed)}, outcomeCodes()...)
)

// outcomeCodes are the court outcome codes that make no order: a ladder's
// court_outcome may name them too (an order's outcome reads as its order).
func outcomeCodes() []string {
	var out []string
	for _, in := range court.Outcomes {
		if in.Order == "" {
			out = append(out, string(in.Code))
		}
	}
	return out
}

var stepID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// parseLadder reads the "ladder" section strictly: an unknown key anywhere
// in it is refused, as in the rest of the policy file.
func parseLadder(raw json.RawMessage) (*Ladder, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var l Ladder
	if err := dec.Decode(&l); err != nil {
		return nil, domain.Invalid("ladder", "%s", strings.TrimPrefix(err.Error(), "json: "))
	}
	if dec.More() {
		return nil, domain.Invalid("ladder", "more than one JSON value")
	}
	if err := l.Validate(); err != nil {
		return nil, err
	}
	return &l, nil
}

// Validate checks a ladder: ids, labels, priorities, known step references,
// condition values and windows.
func (l *Ladder) Validate() error {
	if len(l.Steps) == 0 {
		return domain.Invalid("ladder.steps", "a ladder needs at least one step")
	}
	if n := l.NOSP; n != nil {
		if (n.InForceAfterDays > 0) == (n.InForceAfterMonths > 0) {
			return domain.Invalid("ladder.nosp", "give one of in_force_after_days or in_force_after_months")
		}
		if n.InForceAfterDays < 0 || n.InForceAfterDays > 365 || n.InForceAfterMonths < 0 || n.InForceAfterMonths > 24 {
			return domain.Invalid("ladder.nosp", "in force after 1–365 days or 1–24 months")
		}
		if n.InForceWeeks < 1 || n.InForceWeeks > 104 {
			return domain.Invalid("ladder.nosp.in_force_weeks", "%d is outside 1–104", n.InForceWeeks)
		}
	}
	ids := map[string]bool{}
	for i, s := range l.Steps {
		at := "ladder.steps[" + strconv.Itoa(i) + "]"
		if !stepID.MatchString(s.ID) {
			return domain.Invalid(at+".id", "%q must be lower-case letters, digits and hyphens, like \"letter-1\"", s.ID)
		}
		if ids[s.ID] {
			return domain.Invalid(at+".id", "%q is used by an earlier step", s.ID)
		}
		ids[s.ID] = true
		if strings.TrimSpace(s.Label) == "" {
			return domain.Invalid(at+".label", "say what the officer does, like \"send arrears letter 1\"")
		}
		if s.Priority < 1 || s.Priority > 100 {
			return domain.Invalid(at+".priority", "%d is outside 1–100", s.Priority)
		}
		if s.Event != "" && !stepID.MatchString(s.Event) {
			return domain.Invalid(at+".event", "%q must be a case event type like \"letter-1\"", s.Event)
		}
		if s.Document != "" && !stepID.MatchString(s.Document) {
			return domain.Invalid(at+".document", "%q must be lower-case letters, digits and hyphens", s.Document)
		}
		if r := s.Recur; r != nil {
			if (r.AfterDays > 0) == (r.AfterMonths > 0) || r.AfterDays < 0 || r.AfterMonths < 0 || r.AfterDays > 3650 || r.AfterMonths > 120 {
				return domain.Invalid(at+".recur", "give one of after_days (1–3650) or after_months (1–120)")
			}
		}
		if err := s.When.validate(at+".when", l.Steps); err != nil {
			return err
		}
	}
	return nil
}

func (w *Conditions) validate(at string, steps []Step) error {
	if a := w.Arrears; a != nil {
		at := at + ".arrears_after_grace"
		if a.AtLeast != nil && a.AtLeastWeeks != nil || a.Below != nil && a.BelowWeeks != nil {
			return domain.Invalid(at, "give pounds or weeks for each bound, not both")
		}
		if a.AtLeast == nil && a.AtLeastWeeks == nil && a.Below == nil && a.BelowWeeks == nil {
			return domain.Invalid(at, "give at_least, at_least_weeks, below or below_weeks")
		}
		for _, m := range []*domain.Money{a.AtLeast, a.Below} {
			if m != nil && (m.IsNegative() || !m.Equal(domain.Pence(m.PenceValue()))) {
				return domain.Invalid(at, "£%s must be pounds and pence, not negative", m)
			}
		}
		for _, d := range []*decimal.Decimal{a.AtLeastWeeks, a.BelowWeeks} {
			if d != nil && (d.IsNegative() || !d.Equal(d.Round(2)) || d.GreaterThan(decimal.NewFromInt(104))) {
				return domain.Invalid(at, "%s weeks must be 0–104 with at most two decimals", d)
			}
		}
	}
	for j, s := range w.Since {
		at := at + ".since[" + strconv.Itoa(j) + "]"
		if !stepKnown(s.Step, steps) {
			return domain.Invalid(at+".step", "%q is neither a step of this ladder nor a case event type", s.Step)
		}
		if s.MinDays > 0 && s.MinMonths > 0 || s.MaxDays > 0 && s.MaxMonths > 0 {
			return domain.Invalid(at, "give days or months for each bound, not both")
		}
		for _, n := range []int{s.MinDays, s.MinMonths, s.MaxDays, s.MaxMonths} {
			if n < 0 || n > 3650 {
				return domain.Invalid(at, "%d is outside 0–3650", n)
			}
		}
	}
	for _, set := range []struct {
		name   string
		vals   []string
		states []string
	}{{"nosp", w.NOSP, nospStates}, {"arrangement", w.Arrangement, arrangementStates},
		{"court_date", w.CourtDate, courtDateStates}, {"court_outcome", w.Outcome, courtOutcomeStates}} {
		for _, v := range set.vals {
			if !contains(set.states, v) {
				return domain.Invalid(at+"."+set.name, "%q is not one of %s", v, strings.Join(set.states, ", "))
			}
		}
	}
	return nil
}

func stepKnown(id string, steps []Step) bool {
	for _, s := range steps {
		if s.ID == id {
			return true
		}
	}
	_, err := domain.ParseEventType(id)
	return err == nil
}

func contains(set []string, v string) bool {
	for _, s := range set {
		if s == v {
			return true
		}
	}
	return false
}

// event is the case event type that records the step.
func (s *Step) event() string {
	if s.Event != "" {
		return s.Event
	}
	return s.ID
}

// EventType is the case event type that records the step taken (the
// step's event, or its id): what a document issued for the step records.
func (s *Step) EventType() domain.EventType { return domain.EventType(s.event()) }

// possession reports a step of possession proceedings: marked so, or
// recorded by a possession event (nosp-served, court-claim, …).
func (s *Step) possession() bool {
	return s.Possession || domain.EventType(s.event()).NeedsPossessionSteps()
}

// eventOf is the event type a since condition reads: the step's own event
// when it names a step of the ladder, else the event type itself.
func (l *Ladder) eventOf(id string) string {
	for i := range l.Steps {
		if l.Steps[i].ID == id {
			return l.Steps[i].event()
		}
	}
	return id
}

// history is the latest record of each event type in this arrears
// episode: after the latest stage reset, and (for steps that are not
// possession steps) after the last day the account owed nothing. Events
// after today are left out except hearings, which are set in the future.
type history map[string]domain.Date

func historyOf(evs []Event, today, cleared domain.Date) history {
	h := history{}
	reset := domain.Date{}
	for _, e := range evs {
		if e.Type == domain.EventStageReset && !e.Date.After(today) && e.Date.After(reset) {
			reset = e.Date
		}
	}
	for _, e := range evs {
		if e.Date.IsZero() || e.Type == domain.EventStageReset || (e.Date.After(today) && e.Type != domain.EventHearing) {
			continue
		}
		if !reset.IsZero() && e.Date.Before(reset) {
			continue
		}
		if !cleared.IsZero() && !e.Date.After(cleared) && !e.Type.NeedsPossessionSteps() {
			continue
		}
		if t := string(e.Type); e.Date.After(h[t]) {
			h[t] = e.Date
		}
	}
	return h
}

// recovery is the council ladder's evaluation of one account.
type recovery struct {
	e       *eval
	l       *Ladder
	h       history
	graceP  int64 // arrears after grace, pence
	chargeP int64 // this week's charge taken off
	paidP   int64 // this week's payments added back
}

// recoveryStep runs the council's ladder: the first step whose conditions
// hold becomes the account's recovery-step item. When none does, Waiting
// says what the ladder waits for.
func (e *eval) recoveryStep() {
	l := e.c.p.Ladder
	r := recovery{e: e, l: l, h: historyOf(e.f.Events, e.today, e.f.ClearedOn)}
	r.afterGrace()
	for i := range l.Steps {
		s := &l.Steps[i]
		why, ok := r.holds(i, s)
		if !ok {
			continue
		}
		reason := s.ID + ": " + strings.Join(why, "; ")
		e.items = append(e.items, Item{Rule: RuleRecoveryStep, Priority: s.Priority, Reason: reason, Action: s.Label,
			Due: e.today, Step: s.ID, Document: s.Document, possession: s.possession()})
		return
	}
	if e.wantWaiting {
		e.waiting = r.waitingFor()
	}
}

// waitingFor says what the ladder waits for when no step fires: the first
// step after the highest one recorded in this episode whose conditions are
// not all met, and which. "" when nothing is recorded yet (no ladder has
// started) or no step is left.
func (r *recovery) waitingFor() string {
	steps := r.l.Steps
	k := -1
	for i := range steps {
		if !r.h[steps[i].event()].IsZero() {
			k = i
		}
	}
	if k < 0 {
		return ""
	}
	for j := k + 1; j < len(steps); j++ {
		s := &steps[j]
		if s.possession() && !r.e.f.Kind.HasPossessionSteps() {
			continue
		}
		if unmet := r.unmet(s); len(unmet) > 0 {
			return "waiting: " + s.Label + " (" + s.ID + ") " + strings.Join(unmet, ", ")
		}
	}
	return ""
}

// unmet words the conditions of step s that do not hold today.
func (r *recovery) unmet(s *Step) []string {
	e := r.e
	var out []string
	if a := s.When.Arrears; a != nil {
		now := " (now " + money(r.graceP) + ")"
		switch {
		case a.AtLeast != nil && r.graceP < pence(*a.AtLeast):
			out = append(out, "once arrears after grace reach "+a.AtLeast.Human()+now)
		case a.AtLeastWeeks != nil && r.graceP*100 < r.weeksP(*a.AtLeastWeeks):
			out = append(out, "once arrears after grace reach "+money((r.weeksP(*a.AtLeastWeeks)+99)/100)+now)
		case a.Below != nil && r.graceP >= pence(*a.Below):
			out = append(out, "while arrears after grace are below "+a.Below.Human()+now)
		case a.BelowWeeks != nil && r.graceP*100 >= r.weeksP(*a.BelowWeeks):
			out = append(out, "while arrears after grace are below "+money((r.weeksP(*a.BelowWeeks)+99)/100)+now)
		}
	}
	for _, sc := range s.When.Since {
		if _, ok := r.since(sc); ok {
			continue
		}
		ev := r.l.eventOf(sc.Step)
		last := r.h[ev]
		switch {
		case last.IsZero():
			out = append(out, "once "+ev+" is recorded")
		case sc.MinDays > 0 && !domain.ForDays(last, e.today, sc.MinDays):
			out = append(out, "from "+when(last.AddDays(sc.MinDays), e.today)+" ("+days(sc.MinDays)+" after "+ev+")")
		case sc.MinMonths > 0 && e.today.Before(domain.MonthsAfter(last, sc.MinMonths)):
			out = append(out, "from "+when(domain.MonthsAfter(last, sc.MinMonths), e.today)+" ("+months(sc.MinMonths)+" after "+ev+")")
		default:
			out = append(out, "but "+ev+" of "+when(last, e.today)+" is too long ago")
		}
	}
	for _, c := range []struct {
		name  string
		set   []string
		state func() (string, string)
	}{{"NOSP", s.When.NOSP, r.nospState}, {"arrangement", s.When.Arrangement, r.arrangementState},
		{"court date", s.When.CourtDate, r.courtDate}, {"court outcome", s.When.Outcome, r.outcome}} {
		if len(c.set) == 0 {
			continue
		}
		if st, words := c.state(); !contains(c.set, st) {
			out = append(out, "once "+c.name+" "+strings.Join(c.set, " or ")+" (now "+words+")")
		}
	}
	return out
}

// afterGrace is the arrears less this rent week's charge plus this rent
// week's payments.
func (r *recovery) afterGrace() {
	e := r.e
	r.chargeP = e.weeklyP
	week := domain.RentWeekStart(e.today)
	for i := range e.f.Payments {
		t := &e.f.Payments[i]
		if t.Type.IsPayment() && t.Amount.IsNegative() && !t.Date.Before(week) && !t.Date.After(e.today) {
			r.paidP -= pence(t.Amount)
		}
	}
	r.graceP = e.balP - r.chargeP + r.paidP
}

// holds checks step i's conditions, returning the figures and dates that
// made it fire.
func (r *recovery) holds(i int, s *Step) ([]string, bool) {
	e := r.e
	if s.possession() && !e.f.Kind.HasPossessionSteps() {
		return nil, false
	}
	var why []string
	last := r.h[s.event()]
	switch {
	case s.Recur != nil && !last.IsZero():
		again, ok := r.recurs(s, last)
		if !ok {
			return nil, false
		}
		why = append(why, again)
	case !last.IsZero() && s.Recur == nil:
		return nil, false // taken once in this episode and it does not recur
	case s.Recur == nil && r.laterStep(i):
		return nil, false // the ladder never goes backwards
	}
	w := &s.When
	if w.Arrears != nil {
		words, ok := r.arrears(w.Arrears)
		if !ok {
			return nil, false
		}
		why = append(why, words)
	}
	for _, sc := range w.Since {
		words, ok := r.since(sc)
		if !ok {
			return nil, false
		}
		why = append(why, words)
	}
	if len(w.NOSP) > 0 {
		st, words := r.nospState()
		if !contains(w.NOSP, st) {
			return nil, false
		}
		why = append(why, words)
	}
	if len(w.Arrangement) > 0 {
		st, words := r.arrangementState()
		if !contains(w.Arrangement, st) {
			return nil, false
		}
		why = append(why, words)
	}
	if len(w.CourtDate) > 0 {
		st, words := r.courtDate()
		if !contains(w.CourtDate, st) {
			return nil, false
		}
		why = append(why, words)
	}
	if len(w.Outcome) > 0 {
		st, words := r.outcome()
		if !contains(w.Outcome, st) {
			return nil, false
		}
		why = append(why, words)
	}
	if len(why) == 0 {
		why = append(why, e.arrears())
	}
	return why, true
}

// recurs reports whether a recurring step may be recommended again, last
// having been recorded on last.
func (r *recovery) recurs(s *Step, last domain.Date) (string, bool) {
	e := r.e
	var due bool
	var every string
	if s.Recur.AfterMonths > 0 {
		due = !e.today.Before(domain.MonthsAfter(last, s.Recur.AfterMonths))
		every = months(s.Recur.AfterMonths)
	} else {
		due = domain.ForDays(last, e.today, s.Recur.AfterDays)
		every = days(s.Recur.AfterDays)
	}
	if !due {
		return "", false
	}
	return "again: last " + s.event() + " " + when(last, e.today) + " (" + days(e.today.DaysSince(last)) + " ago; " + s.ID + " recurs after " + every + ")", true
}

// laterStep reports whether a step after step i in the ladder has been
// recorded in this episode.
func (r *recovery) laterStep(i int) bool {
	for j := i + 1; j < len(r.l.Steps); j++ {
		if !r.h[r.l.Steps[j].event()].IsZero() {
			return true
		}
	}
	return false
}

// weeksP is n weeks of the weekly charge (or of the zero-charge week), in
// hundredths of a penny.
func (r *recovery) weeksP(n decimal.Decimal) int64 {
	return r.e.c.weeks(n.Shift(2).Round(0).IntPart(), r.e.weeklyP)
}

func (r *recovery) arrears(a *ArrearsBand) (string, bool) {
	g := r.graceP * 100
	var bounds []string
	switch {
	case a.AtLeast != nil:
		if g < pence(*a.AtLeast)*100 {
			return "", false
		}
		bounds = append(bounds, "≥ "+a.AtLeast.Human())
	case a.AtLeastWeeks != nil:
		thr := r.weeksP(*a.AtLeastWeeks)
		if g < thr {
			return "", false
		}
		bounds = append(bounds, "≥ "+weeksWords(*a.AtLeastWeeks)+" ("+money((thr+99)/100)+")")
	}
	switch {
	case a.Below != nil:
		if g >= pence(*a.Below)*100 {
			return "", false
		}
		bounds = append(bounds, "< "+a.Below.Human())
	case a.BelowWeeks != nil:
		thr := r.weeksP(*a.BelowWeeks)
		if g >= thr {
			return "", false
		}
		bounds = append(bounds, "< "+weeksWords(*a.BelowWeeks)+" ("+money((thr+99)/100)+")")
	}
	return money(r.graceP) + " after grace (balance " + money(r.e.balP) + " less this week's rent " + money(r.chargeP) +
		" plus this week's payments " + money(r.paidP) + ") " + strings.Join(bounds, " and "), true
}

func weeksWords(d decimal.Decimal) string {
	if d.Equal(decimal.NewFromInt(1)) {
		return "1 week's rent"
	}
	return d.String() + " weeks' rent"
}

func months(n int) string {
	if n == 1 {
		return "1 month"
	}
	return strconv.Itoa(n) + " months"
}

// since checks a window after the latest record of a step.
func (r *recovery) since(sc Since) (string, bool) {
	e := r.e
	ev := r.l.eventOf(sc.Step)
	last := r.h[ev]
	if last.IsZero() {
		if sc.OrNever {
			return "no " + ev + " recorded", true
		}
		return "", false
	}
	if sc.MinDays > 0 && !domain.ForDays(last, e.today, sc.MinDays) {
		return "", false
	}
	if sc.MinMonths > 0 && e.today.Before(domain.MonthsAfter(last, sc.MinMonths)) {
		return "", false
	}
	if sc.MaxDays > 0 && domain.ForDays(last, e.today, sc.MaxDays+1) {
		return "", false
	}
	if sc.MaxMonths > 0 && e.today.After(domain.MonthsAfter(last, sc.MaxMonths)) {
		return "", false
	}
	var window []string
	switch {
	case sc.MinDays > 0:
		window = append(window, "at least "+days(sc.MinDays))
	case sc.MinMonths > 0:
		window = append(window, "at least "+months(sc.MinMonths))
	}
	switch {
	case sc.MaxDays > 0:
		window = append(window, "at most "+days(sc.MaxDays))
	case sc.MaxMonths > 0:
		window = append(window, "at most "+months(sc.MaxMonths))
	}
	words := ev + " " + when(last, e.today) + " (" + days(e.today.DaysSince(last)) + " ago"
	if len(window) > 0 {
		words += "; " + strings.Join(window, ", ")
	}
	return words + ")", true
}

// nospState is the latest NOSP's state under the ladder's reading of its
// life, or the statutory dates without one.
func (r *recovery) nospState() (string, string) {
	e := r.e
	served := r.h[string(domain.EventNOSPServed)]
	if served.IsZero() {
		return "never-served", "no NOSP served"
	}
	var from, until domain.Date // in force from, through until
	if n := r.l.NOSP; n != nil {
		if n.InForceAfterMonths > 0 {
			from = domain.MonthsAfter(served, n.InForceAfterMonths)
		} else {
			from = served.AddDays(n.InForceAfterDays) // ForDays: n days since service
		}
		until = domain.WeeksBeginningWith(from, n.InForceWeeks)
	} else {
		d := NOSPDates(served, firstDate(e.ev.get(domain.EventNOSPServed).Detail))
		from, until = d.ProceedingsFrom.AddDays(1), d.LastDay
	}
	base := "NOSP served " + when(served, e.today)
	switch {
	case e.today.Before(from):
		return "served", base + ", in force from " + when(from, e.today)
	case e.today.After(until):
		return "lapsed", base + ", lapsed after " + when(until, e.today)
	}
	return "in-force", base + ", in force " + when(from, e.today) + " to " + when(until, e.today)
}

func (r *recovery) arrangementState() (string, string) {
	e := r.e
	if o, ok := orderInForce(&e.ev); ok {
		_, why := e.orderBreach()
		kind := strings.ToLower(o.Type.Label()) + " of " + when(o.Date, e.today)
		if len(why) > 0 {
			return "court-breached", kind + " breached: " + strings.Join(why, "; ")
		}
		return "court-kept", kind + " kept"
	}
	if e.live {
		if e.broken {
			return "informal-breached", e.brokenWords()
		}
		return "informal-kept", arrangementWords(e.f.Arrangement) + " kept"
	}
	return "none", "no live arrangement"
}

func (r *recovery) courtDate() (string, string) {
	e := r.e
	d := r.h[string(domain.EventHearing)]
	switch {
	case d.IsZero():
		return "none", "no court date"
	case d.Before(e.today):
		return "past", "court date " + when(d, e.today) + " passed"
	}
	return "future", "court date " + when(d, e.today)
}

func (r *recovery) outcome() (string, string) {
	e := r.e
	var code string
	var on domain.Date
	for _, t := range []domain.EventType{domain.EventOrderOutright, domain.EventOrderSuspended, domain.EventOrderPostponed} {
		if d := r.h[string(t)]; !d.IsZero() && !d.Before(on) {
			code, on = string(t), d
		}
	}
	// An outcome that made no order (adjourned, struck out, withdrawn, a
	// stay) answers the hearing it was recorded for.
	var decided Event
	for _, ev := range e.f.Events {
		if ev.Type.CarriesOutcome() && ev.Outcome != court.OutcomeNone && !ev.Date.After(e.today) &&
			!ev.Date.Before(decided.Date) && ev.Date.After(on) {
			decided = ev
		}
	}
	if hearing := r.h[string(domain.EventHearing)]; hearing.After(on) && (decided.Date.IsZero() || hearing.After(decided.Date)) {
		if hearing.Before(e.today) {
			return "none", "no outcome recorded for the hearing of " + when(hearing, e.today)
		}
		return "none", "hearing " + when(hearing, e.today) + " to come"
	}
	if !decided.Date.IsZero() {
		return string(decided.Outcome), "outcome: " + strings.ToLower(decided.Outcome.Words()) + " " + when(decided.Date, e.today)
	}
	if code == "" {
		return "none", "no court outcome"
	}
	return code, "outcome: " + strings.ToLower(domain.EventType(code).Label()) + " " + when(on, e.today)
}

// String names the ladder for explanations.
func (l *Ladder) String() string {
	if l == nil {
		return "RULES.md default"
	}
	return fmt.Sprintf("%s (%d steps)", l.Name, len(l.Steps))
}
