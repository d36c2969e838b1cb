// Package enforcement is one account's enforcement case as an officer
// reads it (issue 15 "Enforcement pane"): the stage on one line, a
// timeline of every enforcement step, the notices in force with their
// dates and how they were counted, the Pre-Action Protocol checklist, the
// court order and its terms, kept or breached, and the steps that may
// legally come next. The store reads the facts (Case) and Read assembles
// the view, so the TUI's enforcement pane and `caseload enforcement` show
// the same facts in the same words.
//
// It is pure: the facts and the day come in as parameters. Every rule it
// shows is decided elsewhere, once: the notice dates by worklist.NOSPDates,
// the checklist and the gate by possession, the order by worklist.CourtOrder,
// the recommendation by the worklist.
package enforcement

import (
	"slices"
	"strconv"
	"strings"

	"caseload/domain"
	"caseload/domain/court"
	"caseload/domain/possession"
	"caseload/domain/worklist"
)

// Case is what the store reads for one account.
type Case struct {
	Ref  string
	Name string
	// Stage and StageDate are the account's latest enforcement-ladder
	// event ("" when none).
	Stage     domain.EventType
	StageDate domain.Date
	// Steps are every case event of the account, oldest first (Read
	// fills their words).
	Steps []Step
	// Facts are the account's worklist facts, settled under the policy.
	Facts worklist.Facts
}

// Step is one recorded case event, as the timeline shows it.
type Step struct {
	Date domain.Date      `json:"date"`
	Type domain.EventType `json:"type"`
	// Label is the step in the officer's words.
	Label string `json:"label"`
	// Officer is who recorded it.
	Officer string `json:"officer"`
	Detail  string `json:"detail,omitempty"`
	// Outcome is a hearing's court outcome ("" none), in words in
	// OutcomeWords.
	Outcome      court.Outcome `json:"outcome,omitempty"`
	OutcomeWords string        `json:"outcome_words,omitempty"`
	// Terms are the order's terms as the officer wrote them.
	Terms          string      `json:"terms,omitempty"`
	PossessionDate domain.Date `json:"possession_date,omitzero"`
}

// Words are the step as the timeline says it: its label, the court's
// outcome, the order's terms, the date for possession and the detail.
func (s Step) Words() string {
	var b strings.Builder
	b.WriteString(s.Label)
	if s.OutcomeWords != "" {
		b.WriteString(": " + strings.ToLower(s.OutcomeWords))
	}
	if s.Terms != "" {
		b.WriteString(" [terms: " + s.Terms + "]")
	}
	if !s.PossessionDate.IsZero() {
		b.WriteString(" [possession on " + s.PossessionDate.Human() + "]")
	}
	if s.Detail != "" {
		b.WriteString(" (" + s.Detail + ")")
	}
	return b.String()
}

// Notice is a notice served on the case with its dates.
type Notice struct {
	Type   domain.EventType `json:"type"`
	Label  string           `json:"label"`
	Served domain.Date      `json:"served"`
	// ProceedingsFrom is the date after which proceedings may begin.
	ProceedingsFrom domain.Date `json:"proceedings_from"`
	// LastDay is the last day to issue proceedings (a NOSP; zero for a
	// notice of proceedings, which the introductory tenancy bounds).
	LastDay domain.Date `json:"last_day,omitzero"`
	// ReviewBy is the last day the tenant may ask for a review (a notice
	// of proceedings: 14 days beginning with service).
	ReviewBy domain.Date `json:"review_by,omitzero"`
	// InForce is true while proceedings may still be issued on it.
	InForce bool `json:"in_force"`
	// Status says where the notice stands today, in words.
	Status string `json:"status"`
	// Counted says how each date was counted, in words.
	Counted []string `json:"counted"`
}

// Court is the case in court: the claim, the hearing, the order and what
// followed it.
type Court struct {
	// Lines are the court case in words, in order: the claim, the latest
	// hearing, the order and its terms, the warrant and the eviction.
	Lines []string `json:"lines"`
	// Order is true when there is a possession order; Breached when its
	// terms are not kept.
	Order    bool `json:"order"`
	Breached bool `json:"breached"`
}

// Next is a step that may legally come next.
type Next struct {
	Type  domain.EventType `json:"type"`
	Label string           `json:"label"`
	// Refused is why the gate holds it back today ("" when it may be
	// recorded now); recording it then needs an override with a reason.
	Refused string `json:"refused,omitempty"`
}

// View is the enforcement case of one account on one day.
type View struct {
	Ref  string `json:"ref"`
	Name string `json:"name"`
	// Stage is the stage on one line: "NOSP served on Mon 7 Sep 2026".
	Stage     string           `json:"stage"`
	StageType domain.EventType `json:"stage_type,omitempty"`
	StageDate domain.Date      `json:"stage_date,omitzero"`
	Balance   domain.Money     `json:"balance"`
	// Arrears is the balance in words ("£1,200.00 owed (12.0 weeks)").
	Arrears string `json:"arrears"`
	// Timeline is every enforcement step, oldest first.
	Timeline []Step `json:"timeline"`
	// Notices are the notices served since the stage was last reset.
	Notices []Notice `json:"notices"`
	// PreAction is the checklist in words (none for accounts without
	// possession steps).
	PreAction []string `json:"pre_action"`
	// Court is the case in court (nil before a claim or an order).
	Court *Court `json:"court"`
	// Recommended are the worklist's items for the account today.
	Recommended []worklist.Item `json:"recommended"`
	// Next are the enforcement steps that may legally come next.
	Next []Next `json:"next"`
	// NotDue says why the letters and the notice are not offered: the
	// account owes nothing, so no step to recover arrears is due ("" when
	// it owes).
	NotDue string `json:"not_due,omitempty"`
	// Vulnerable: the resident is flagged vulnerable (support referral /
	// safeguarding review before any enforcement).
	Vulnerable bool `json:"vulnerable"`
	// Possession is false for accounts without possession steps (garages,
	// sundry debts): no notices or court.
	Possession bool `json:"possession"`

	// Facts are the facts the view was read from: the event form asks
	// the gate with them.
	Facts worklist.Facts `json:"-"`
}

// Read assembles the enforcement view of c on today under policy p.
func Read(c Case, today domain.Date, p worklist.Policy) View {
	f := &c.Facts
	v := View{Ref: c.Ref, Name: c.Name, StageType: c.Stage, StageDate: c.StageDate,
		Stage: domain.StageWords(c.Stage, c.StageDate), Balance: f.Balance, Arrears: arrearsWords(f.Balance, f.Weekly),
		Timeline: []Step{}, Notices: []Notice{}, PreAction: []string{}, Recommended: []worklist.Item{}, Next: []Next{},
		Vulnerable: f.Vulnerable, Possession: f.Kind.HasPossessionSteps(), Facts: c.Facts}
	c.Steps = slices.Clone(c.Steps) // the caller's stay as they were
	for i := range c.Steps {
		s := &c.Steps[i]
		s.Label, s.OutcomeWords = s.Type.Label(), s.Outcome.Words()
	}
	for _, s := range c.Steps {
		if IsEnforcement(s.Type) {
			v.Timeline = append(v.Timeline, s)
		}
	}
	since := current(c.Steps, today)
	if v.Possession {
		v.Notices = notices(since, today, p)
		v.Court = courtCase(f, since, today, p)
	}
	if lines := possession.PreActionLines(f, today, p); lines != nil {
		v.PreAction = lines
	}
	if l, ok := worklist.Evaluate(c.Facts, today, p); ok {
		v.Recommended = append(v.Recommended, l.Items()...)
	}
	v.Next = next(f, since, today, p, v.Notices)
	if _, claimed := latest(since, domain.EventCourtClaim); !claimed && !f.Balance.IsPositive() && f.Kind.HasPossessionSteps() {
		v.NotDue = "nothing owed (balance " + f.Balance.Balance() + "): no letter or notice is due"
	}
	return v
}

// IsEnforcement reports whether an event is an enforcement step the
// timeline shows: the ladder, notices, court steps and breach letters
// (not support steps such as referrals or managed payments).
func IsEnforcement(t domain.EventType) bool {
	return t.IsLadder() || t.NeedsPossessionSteps() ||
		t == domain.EventInformalBreachLetter || t == domain.EventCourtBreachLetter
}

// current are the steps dated on or before today (hearings and eviction
// dates, set ahead, whatever their date) since the latest stage reset: a
// reset starts the case again (RULES.md "The arrears ladder").
func current(steps []Step, today domain.Date) []Step {
	var reset domain.Date
	for _, s := range steps {
		if s.Type == domain.EventStageReset && !s.Date.After(today) && s.Date.After(reset) {
			reset = s.Date
		}
	}
	var out []Step
	for _, s := range steps {
		ahead := s.Type == domain.EventHearing || s.Type == domain.EventEvictionDate
		if s.Date.Before(reset) || (s.Date.After(today) && !ahead) || s.Type == domain.EventStageReset {
			continue
		}
		out = append(out, s)
	}
	return out
}

// latest is the latest step of type t ("ok" false when none).
func latest(steps []Step, t domain.EventType) (Step, bool) {
	var out Step
	for _, s := range steps {
		if s.Type == t && (out.Date.IsZero() || !s.Date.Before(out.Date)) {
			out = s
		}
	}
	return out, !out.Date.IsZero()
}

// orderOn is a possession order recorded on the day of a hearing.
func orderOn(steps []Step, day domain.Date) (Step, bool) {
	for _, s := range steps {
		switch s.Type {
		case domain.EventOrderOutright, domain.EventOrderSuspended, domain.EventOrderPostponed:
			if s.Date == day {
				return s, true
			}
		}
	}
	return Step{}, false
}

// notices are the latest NOSP and notice of proceedings with their dates,
// counted by worklist.NoticeOf as the gate and the worklist count them.
func notices(steps []Step, today domain.Date, p worklist.Policy) []Notice {
	out := []Notice{}
	claim, claimed := latest(steps, domain.EventCourtClaim)
	for _, t := range []domain.EventType{domain.EventNOSPServed, domain.EventNoticeOfProceedings} {
		s, ok := latest(steps, t)
		if !ok {
			continue
		}
		n := worklist.NoticeOf(worklist.Event{Type: s.Type, Date: s.Date, Detail: s.Detail})
		nv := Notice{Type: t, Label: t.Label(), Served: s.Date, ProceedingsFrom: n.ProceedingsFrom,
			Counted: []string{"proceedings may begin after: " + n.ProceedingsWords()}}
		lapses := t == domain.EventNOSPServed
		if lapses {
			nv.LastDay = n.LastDay
			nv.Counted = append(nv.Counted, "last day to issue: "+n.LastDayCounted())
		} else {
			nv.ReviewBy = domain.DaysBeginningWith(s.Date, 14)
			nv.Counted = append(nv.Counted, "review may be asked for until "+nv.ReviewBy.Human()+" (14 days beginning with service)")
		}
		switch {
		case claimed && !claim.Date.Before(s.Date):
			nv.Status = "used: court claim issued on " + claim.Date.Human()
		case lapses && today.After(n.LastDay):
			nv.Status = "LAPSED: its last day to issue was " + n.LastDay.Human() + "; serve a new one"
		case !today.After(n.ProceedingsFrom):
			nv.InForce = true
			from := n.ProceedingsFrom.AddDays(1)
			nv.Status = "in force: proceedings may begin after " + n.ProceedingsFrom.Human() + " (issue from " + from.Human() +
				", in " + days(from.DaysSince(today)) + ")"
		case lapses:
			nv.InForce = true
			nv.Status = "in force: proceedings may be issued now; " + n.LastDayWords() + " (" + days(n.LastDay.DaysSince(today)) + " left)"
		default:
			nv.InForce = true
			nv.Status = "in force: proceedings may be issued now"
		}
		if lapses && nv.InForce {
			nv.Counted = append(nv.Counted, "nosp-expiring from "+n.ExpiringFrom(p).Human()+
				" ("+strconv.Itoa(p.NOSPExpiringDays)+" days before the last day)")
		}
		out = append(out, nv)
	}
	return out
}

// courtCase is the claim, the latest hearing, the order (worklist.CourtOrder)
// and any warrant and eviction, nil when there is none of them.
func courtCase(f *worklist.Facts, steps []Step, today domain.Date, p worklist.Policy) *Court {
	var c Court
	if s, ok := latest(steps, domain.EventCourtClaim); ok {
		c.Lines = append(c.Lines, "claim issued on "+s.Date.Human())
	}
	if s, ok := latest(steps, domain.EventHearing); ok {
		line := "hearing on " + s.Date.Human()
		switch {
		case s.Date.After(today):
			line = "hearing listed for " + s.Date.Human() + " (in " + days(s.Date.DaysSince(today)) + ")"
		case s.Outcome != "":
			line += ": " + strings.ToLower(s.Outcome.Words())
		default:
			if o, ok := latest(steps, domain.EventCourtOutcome); ok && !o.Date.Before(s.Date) {
				line += ": " + strings.ToLower(o.Outcome.Words())
			} else if o, ok := orderOn(steps, s.Date); ok {
				line += ": " + strings.ToLower(o.Label) + " made"
			} else {
				line += ": no outcome recorded (record a court-outcome)"
			}
		}
		c.Lines = append(c.Lines, line)
	}
	if lines, breached, ok := worklist.CourtOrder(f, today, p); ok {
		c.Order, c.Breached = true, breached
		c.Lines = append(c.Lines, lines...)
	}
	if s, ok := latest(steps, domain.EventWarrantApplied); ok {
		c.Lines = append(c.Lines, "warrant applied for on "+s.Date.Human())
	}
	if s, ok := latest(steps, domain.EventEvictionDate); ok {
		line := "eviction on " + s.Date.Human()
		if s.Date.After(today) {
			line += " (in " + days(s.Date.DaysSince(today)) + ")"
		}
		c.Lines = append(c.Lines, line)
	}
	if s, ok := latest(steps, domain.EventEvicted); ok {
		c.Lines = append(c.Lines, "evicted on "+s.Date.Human())
	}
	if len(c.Lines) == 0 {
		return nil
	}
	return &c
}

// next are the enforcement steps that may legally come next on today:
// possession.Next (the event picker's list), kept to enforcement steps
// and to the case's side of the court door — before a claim, the letters
// and the notice the tenancy takes; once a claim is issued, the court's
// steps — each with the gate's refusal when it holds the step back.
func next(f *worklist.Facts, steps []Step, today domain.Date, p worklist.Policy, notices []Notice) []Next {
	_, claimed := latest(steps, domain.EventCourtClaim)
	reached := rungOf(f, steps, notices)
	protocolDone := worklist.PreActionChecklist(f, today).Complete()
	out := []Next{}
	for _, t := range possession.Next(f, today, p) {
		if !IsEnforcement(t) || t == domain.EventStageReset || t == domain.EventDDUnpaid {
			continue
		}
		if r := rank(t); r > 0 && r < reached {
			continue // an earlier rung of the letters than the case has reached
		}
		if t == domain.EventPreAction && protocolDone {
			continue
		}
		if claimed != inCourt(t) {
			continue
		}
		if (t == domain.EventNOSPServed && f.TenancyType == domain.TenancyIntroductory) ||
			(t == domain.EventNoticeOfProceedings && f.TenancyType != domain.TenancyIntroductory) {
			continue
		}
		if t == domain.EventInformalBreachLetter && f.Arrangement == nil {
			continue
		}
		if !claimed && !f.Balance.IsPositive() && t != domain.EventCourtClaim {
			continue // nothing owed: no step to recover arrears is due
		}
		n := Next{Type: t, Label: t.Label()}
		if r := possession.Check(f, t, today, p); r != nil {
			n.Refused = r.Text()
		}
		out = append(out, n)
	}
	return out
}

// rank orders the steps before a notice: a text, the first letter, the
// second, then a notice in force (0: not one of them).
func rank(t domain.EventType) int {
	switch t {
	case domain.EventSMS:
		return 1
	case domain.EventLetter1:
		return 2
	case domain.EventLetter2:
		return 3
	case domain.EventNOSPServed, domain.EventNoticeOfProceedings:
		return 4
	}
	return 0
}

// rungOf is the highest of those the case has reached in this arrears
// episode: letters recorded after the arrears were last cleared, or a
// notice in force.
func rungOf(f *worklist.Facts, steps []Step, notices []Notice) int {
	r := 0
	for _, s := range steps {
		if n := rank(s.Type); n > r && n < 4 && s.Date.After(f.ClearedOn) {
			r = n
		}
	}
	for _, n := range notices {
		if n.InForce {
			r = 4
		}
	}
	return r
}

// inCourt reports whether a step belongs to proceedings once a claim is
// issued.
func inCourt(t domain.EventType) bool {
	switch t {
	case domain.EventHearing, domain.EventCourtOutcome, domain.EventOrderOutright, domain.EventOrderSuspended,
		domain.EventOrderPostponed, domain.EventTermsVaried, domain.EventCourtBreachLetter,
		domain.EventWarrantApplied, domain.EventEvictionDate, domain.EventEvicted:
		return true
	}
	return false
}

func arrearsWords(balance, weekly domain.Money) string {
	switch {
	case balance.IsPositive():
		if w, ok := domain.ArrearsWeeks(balance, weekly); ok {
			return balance.Human() + " owed (" + w.Words() + ")"
		}
		return balance.Human() + " owed"
	case balance.IsNegative():
		return balance.Abs().Human() + " in credit"
	}
	return "nothing owed"
}

func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}
