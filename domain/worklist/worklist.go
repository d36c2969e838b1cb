// Package worklist is the daily triage list of a Housing Income Officer:
// facts about each account + today + a policy → one line per account that
// needs something, under its most urgent item, with the other reasons
// listed (RULES.md "The default worklist policy", DESIGN.md "Worklist").
//
// It is pure: no I/O, no clock. The caseload pane, `caseload worklist` and
// the tests all call Evaluate or Build, so they can never disagree.
package worklist

import (
	"slices"
	"strings"

	"caseload/domain"
)

// Rule is a worklist rule id from RULES.md.
type Rule string

// The rules, highest default priority first.
const (
	RuleRTBDeadline       Rule = "rtb-deadline"
	RuleDiaryDue          Rule = "diary-due"
	RuleNOSPExpiring      Rule = "nosp-expiring"
	RuleCourtOrderBreach  Rule = "court-order-breach"
	RuleArrangementBroken Rule = "arrangement-broken"
	RuleDDUnpaid          Rule = "dd-unpaid"
	RuleDDNoticeLate      Rule = "dd-notice-late"
	RuleConsiderNOSP      Rule = "consider-nosp"
	RuleUCManagedPayment  Rule = "uc-managed-payment"
	RulePreAction         Rule = "pre-action"
	RuleVulnerableReview  Rule = "vulnerable-review"
	RuleFirstLetter       Rule = "first-letter"
	RuleNewArrears        Rule = "new-arrears"
	RuleFormerTenantDebt  Rule = "former-tenant-debt"
	RuleCreditRefund      Rule = "credit-refund"
	// RuleRecoveryStep is a step of a council's own recovery ladder
	// (Policy.Ladder): the item's Step names it. It stands in for the
	// default ladder's new-arrears, first-letter, pre-action and
	// consider-nosp when a ladder is set.
	RuleRecoveryStep Rule = "recovery-step"
)

// Rules lists every rule in the RULES.md table order.
var Rules = []Rule{
	RuleRTBDeadline, RuleDiaryDue, RuleNOSPExpiring, RuleCourtOrderBreach, RuleArrangementBroken,
	RuleDDUnpaid, RuleDDNoticeLate, RuleConsiderNOSP, RuleUCManagedPayment, RulePreAction, RuleVulnerableReview,
	RuleFirstLetter, RuleNewArrears, RuleFormerTenantDebt, RuleCreditRefund,
}

// ParseRule reads a rule id (for "mark done"): one of Rules, or
// recovery-step (the council ladder's rule, not in the RULES.md table).
func ParseRule(s string) (Rule, error) {
	if s == string(RuleRecoveryStep) {
		return RuleRecoveryStep, nil
	}
	for _, r := range Rules {
		if string(r) == s {
			return r, nil
		}
	}
	names := make([]string, len(Rules))
	for i, r := range Rules {
		names[i] = string(r)
	}
	return "", domain.Invalid("rule", "%q is not one of %s", s, strings.Join(names, ", "))
}

// Ladder reports whether the rule is a rung of the arrears ladder: current
// accounts only, held by a kept arrangement and by technical arrears.
func (r Rule) Ladder() bool {
	switch r {
	case RuleNewArrears, RuleFirstLetter, RulePreAction, RuleConsiderNOSP, RuleUCManagedPayment, RuleRecoveryStep:
		return true
	}
	return false
}

// order is the rule's place in the RULES.md table; recovery-step, not in
// it, comes last.
func (r Rule) order() int {
	if i := slices.Index(Rules, r); i >= 0 {
		return i
	}
	return len(Rules)
}

// Item is one thing to do on an account. The JSON names are the
// `caseload worklist --format json` fields (CLI.md) apart from ref, which
// is the line's.
type Item struct {
	Rule     Rule   `json:"rule"`
	Priority int    `json:"priority"`
	Reason   string `json:"reason"`
	Action   string `json:"action"`
	// Due is the date the action is due: today for most rules, the
	// deadline for rtb-deadline and diary-due, the last day the notice is in
	// force for nosp-expiring, and the contact target for arrangement-broken.
	Due domain.Date `json:"due"`
	// Step and Document are a recovery-step item's ladder step id and the
	// id of the document the step produces ("" for other rules).
	Step     string `json:"step,omitempty"`
	Document string `json:"document,omitempty"`
	// possession: a recovery step of possession proceedings (NOSP, court),
	// listed under Notices & court.
	possession bool
}

// Line is one account on the worklist.
type Line struct {
	Ref     string
	Name    string
	Kind    domain.AccountKind
	Status  domain.AccountStatus
	Balance domain.Money
	// Weeks is the arrears in weeks of the weekly charge (domain.ArrearsWeeks:
	// exact, rounded once where it is shown; zero in credit); WeeksKnown is
	// false when the weekly charge is zero.
	Weeks      domain.Weeks
	WeeksKnown bool
	// Top is the most urgent item (zero Rule when nothing is to be done
	// today); Others the rest, most urgent first.
	Top    Item
	Others []Item
	// Done are the items the officer already marked done today: off the
	// list, still shown as "done today".
	Done []Item
	// Technical explains why arrears-ladder rules were held back as
	// technical arrears ("UC pays about £410.50 monthly; next expected
	// about 9 Dec"); "" when technical arrears held nothing back.
	Technical string
	// Notes are facts worth seeing that need no action: an arrangement kept
	// or completed, a pause, a rule replaced by vulnerable-review.
	Notes []string
	// Paused is true while the account is paused: it belongs in the Paused
	// section and only its RTB deadlines and the officer's own diary
	// follow-ups are triaged.
	Paused      bool
	PausedUntil domain.Date
	PauseReason string

	arrearsP int64 // sort key: arrears in pence (0 in credit)
	creditP  int64 // sort key: credit in pence (0 in arrears)
}

// Triaged reports whether the line has something to do today.
func (l Line) Triaged() bool { return l.Top.Rule != "" }

// Items is Top followed by Others.
func (l Line) Items() []Item {
	if !l.Triaged() {
		return nil
	}
	return append([]Item{l.Top}, l.Others...)
}

// Has reports whether an item of rule r is on the line to do today.
func (l Line) Has(r Rule) bool {
	if l.Top.Rule == r {
		return true
	}
	for _, it := range l.Others {
		if it.Rule == r {
			return true
		}
	}
	return false
}

// Section is a view of the worklist (a tab in the caseload pane).
type Section string

// The sections.
const (
	SectionToday      Section = "today"
	SectionBroken     Section = "broken"
	SectionNotices    Section = "notices"
	SectionRightToBuy Section = "rtb"
	SectionDiary      Section = "diary"
	SectionPaused     Section = "paused"
	// SectionWhole is every account of the caseload, on the list or not
	// (the caseload pane's last tab); no Line is In it by itself.
	SectionWhole Section = "whole"
)

// Sections lists the sections in tab order.
var Sections = []Section{SectionToday, SectionBroken, SectionNotices, SectionRightToBuy, SectionDiary, SectionPaused}

// CaseloadSections are the caseload pane's tabs (and `caseload worklist
// --section`): the worklist's sections, then the whole caseload.
var CaseloadSections = append(append([]Section{}, Sections...), SectionWhole)

// ParseSection reads a section name ("today", "broken", … "whole").
func ParseSection(s string) (Section, error) {
	names := make([]string, len(CaseloadSections))
	for i, sec := range CaseloadSections {
		if string(sec) == s {
			return sec, nil
		}
		names[i] = string(sec)
	}
	return "", domain.Invalid("section", "%q is not one of %s", s, strings.Join(names, ", "))
}

// Label is the section's tab title.
func (s Section) Label() string {
	switch s {
	case SectionToday:
		return "Today"
	case SectionBroken:
		return "Broken arrangements"
	case SectionNotices:
		return "Notices & court"
	case SectionRightToBuy:
		return "Right to Buy"
	case SectionDiary:
		return "Diary"
	case SectionPaused:
		return "Paused"
	case SectionWhole:
		return "Whole caseload"
	}
	return string(s)
}

// In reports whether the line belongs in section s. A line can be in
// several sections; every triaged line is in Today.
func (l Line) In(s Section) bool {
	switch s {
	case SectionToday:
		return l.Triaged()
	case SectionBroken:
		return l.Has(RuleArrangementBroken)
	case SectionNotices:
		return l.Has(RuleNOSPExpiring) || l.Has(RuleCourtOrderBreach) || l.Has(RuleConsiderNOSP) || l.hasPossessionStep()
	case SectionRightToBuy:
		return l.Has(RuleRTBDeadline)
	case SectionDiary:
		return l.Has(RuleDiaryDue)
	case SectionPaused:
		return l.Paused
	}
	return false
}

// hasPossessionStep reports a recovery step of possession proceedings on
// the line to do today.
func (l Line) hasPossessionStep() bool {
	for _, it := range l.Items() {
		if it.Rule == RuleRecoveryStep && it.possession {
			return true
		}
	}
	return false
}

// Summary counts a worklist by section, for the tab badges and reports.
type Summary struct {
	Today      int
	Broken     int
	Notices    int
	RightToBuy int
	Diary      int
	Paused     int
	// Technical is how many accounts had arrears-ladder items held back as
	// technical arrears; TechnicalOff how many of them that left with
	// nothing to do today (what the suppression took off the list).
	Technical    int
	TechnicalOff int
	// DoneToday is how many accounts have an item marked done today.
	DoneToday int
}

// Summarise counts lines (as Build returns them) by section.
func Summarise(lines []Line) Summary {
	var s Summary
	for i := range lines {
		l := &lines[i]
		if l.In(SectionToday) {
			s.Today++
		}
		if l.In(SectionBroken) {
			s.Broken++
		}
		if l.In(SectionNotices) {
			s.Notices++
		}
		if l.In(SectionRightToBuy) {
			s.RightToBuy++
		}
		if l.In(SectionDiary) {
			s.Diary++
		}
		if l.In(SectionPaused) {
			s.Paused++
		}
		if l.Technical != "" {
			s.Technical++
			if !l.Triaged() {
				s.TechnicalOff++
			}
		}
		if len(l.Done) > 0 {
			s.DoneToday++
		}
	}
	return s
}

// Evaluate applies every rule to one account on today under p. ok is false
// when the account needs no line at all: nothing to do, not paused, nothing
// done today and no technical arrears held back. A line with ok but not
// Triaged belongs only in the Paused section, the "done today" list or the
// technical-arrears count.
func Evaluate(f Facts, today domain.Date, p Policy) (Line, bool) {
	c := compile(&p)
	var e eval
	return c.evaluate(&e, &f, today)
}

// Build evaluates a whole caseload and returns its lines sorted for the
// worklist: highest priority first; within equal priority larger arrears
// first, then larger credit; then by ref. Lines with nothing to do today
// (paused, done, technical only) come after every triaged line.
func Build(facts []Facts, today domain.Date, p Policy) []Line {
	c := compile(&p)
	var e eval
	lines := make([]Line, 0, len(facts)/2+1)
	for i := range facts {
		if l, ok := c.evaluate(&e, &facts[i], today); ok {
			lines = append(lines, l)
		}
	}
	// Sort small keys, not the lines themselves: a Line is a few hundred
	// bytes and 20,000 of them would spend the sort copying.
	keys := make([]lineKey, len(lines))
	for i := range lines {
		keys[i] = keyOf(&lines[i], int32(i))
	}
	slices.SortFunc(keys, compareKeys)
	out := make([]Line, len(lines))
	for i, k := range keys {
		out[i] = lines[k.i]
	}
	return out
}

// lineKey is what the worklist order reads of a line.
type lineKey struct {
	priority        int
	arrears, credit int64
	ref             string
	i               int32
}

func keyOf(l *Line, i int32) lineKey {
	k := lineKey{priority: -1, arrears: l.arrearsP, credit: l.creditP, ref: l.Ref, i: i}
	if l.Triaged() {
		k.priority = l.Top.Priority
	}
	return k
}

func compareKeys(a, b lineKey) int {
	switch {
	case a.priority != b.priority:
		return b.priority - a.priority
	case a.arrears != b.arrears:
		return cmp64(b.arrears, a.arrears)
	case a.credit != b.credit:
		return cmp64(b.credit, a.credit)
	}
	return strings.Compare(a.ref, b.ref)
}

// CompareLines is the worklist order of two lines (Build's order).
func CompareLines(a, b Line) int { return compareKeys(keyOf(&a, 0), keyOf(&b, 0)) }

func cmp64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
