package domain

import (
	"slices"
	"strings"
)

// PreActionItem is one item of a tenancy's Pre-Action Protocol checklist
// (Pre-Action Protocol for Possession Claims by Social Landlords, Part 2;
// RULES.md "Possession for rent arrears"). A court claim waits until every
// item is ticked in the current arrears episode.
type PreActionItem string

// The seven items, in the order an officer usually works through them.
const (
	PreActionContact     PreActionItem = "contact"
	PreActionIncome      PreActionItem = "income"
	PreActionArrangement PreActionItem = "arrangement"
	PreActionStatements  PreActionItem = "statements"
	PreActionBenefits    PreActionItem = "benefits"
	PreActionReferral    PreActionItem = "referral"
	PreActionLetter      PreActionItem = "letter"
)

// PreActionItems lists the checklist in order.
var PreActionItems = []PreActionItem{PreActionContact, PreActionIncome, PreActionArrangement, PreActionStatements,
	PreActionBenefits, PreActionReferral, PreActionLetter}

// ParsePreActionItem reads an item name.
func ParsePreActionItem(s string) (PreActionItem, error) {
	return oneOf("item", strings.ToLower(strings.TrimSpace(s)), PreActionItems)
}

// Label is the item in an officer's words.
func (i PreActionItem) Label() string {
	switch i {
	case PreActionContact:
		return "contact made about the cause of the arrears"
	case PreActionIncome:
		return "income and expenditure discussed or offered"
	case PreActionArrangement:
		return "an affordable arrangement offered"
	case PreActionStatements:
		return "rent statements sent (the last 13 weeks at least)"
	case PreActionBenefits:
		return "benefit position checked (DWP/HB liaison where a claim is pending)"
	case PreActionReferral:
		return "support referral offered (money advice, welfare benefits; safeguarding where vulnerable)"
	case PreActionLetter:
		return "the written pre-action letter sent"
	}
	return string(i)
}

// Short is the item's name in a list: "rent statements".
func (i PreActionItem) Short() string {
	switch i {
	case PreActionContact:
		return "contact about the cause"
	case PreActionIncome:
		return "income and expenditure"
	case PreActionArrangement:
		return "arrangement offered"
	case PreActionStatements:
		return "rent statements"
	case PreActionBenefits:
		return "benefits check"
	case PreActionReferral:
		return "support referral"
	case PreActionLetter:
		return "pre-action letter"
	}
	return string(i)
}

// BenefitClaim is what the officer found about a benefit claim: a complete
// claim pending means no claim may be issued (protocol para 2.6).
type BenefitClaim string

// The claim states a mark may record ("" records nothing about a claim).
const (
	ClaimUnsaid  BenefitClaim = ""
	ClaimPending BenefitClaim = "pending"
	ClaimNone    BenefitClaim = "none"
)

// PreActionMark is one thing that ticks or unticks an item, or records the
// benefit claim: an officer's tick, or an event, note or arrangement that
// implies it.
type PreActionMark struct {
	// Item is the item marked; "" when the mark only records the claim.
	Item PreActionItem
	Date Date
	// Done is a tick; false unticks.
	Done  bool
	Claim BenefitClaim
	// Officer and Source say who and what made the mark ("ticked",
	// "pre-action event", "phone note", "arrangement saved").
	Officer string
	Source  string
}

// PreActionFromEvent is the item a case event ticks: a pre-action event the
// letter, unless its detail starts with an item's name ("statements: sent
// 13 weeks"), which it then ticks; a referral the referral; a managed
// payment or deduction request the benefit check.
func PreActionFromEvent(t EventType, detail string) (PreActionItem, bool) {
	switch t {
	case EventPreAction:
		word := strings.ToLower(strings.TrimSpace(detail))
		if i := strings.IndexAny(word, " :;,."); i >= 0 {
			word = word[:i]
		}
		if it, err := ParsePreActionItem(word); err == nil && word != "" {
			return it, true
		}
		return PreActionLetter, true
	case EventReferral:
		return PreActionReferral, true
	case EventAPARequested, EventTPDRequested:
		return PreActionBenefits, true
	}
	return "", false
}

// PreActionFromNote reports whether a note on this channel ticks contact:
// a conversation (phone, visit, office), not a letter or a text.
func PreActionFromNote(c Channel) (PreActionItem, bool) {
	switch c {
	case ChannelPhone, ChannelVisit, ChannelOffice:
		return PreActionContact, true
	}
	return "", false
}

// PreActionEpisodeStart is the first day whose marks count: a stage reset
// restarts the protocol (marks on the reset day count), and so does a new
// arrears episode (marks on or before the last day the arrears were
// cleared do not). Zero when neither happened.
func PreActionEpisodeStart(reset, cleared Date) Date {
	from := reset
	if !cleared.IsZero() {
		from = MaxDate(from, cleared.AddDays(1))
	}
	return from
}

// PreActionTick is where one item stands.
type PreActionTick struct {
	Item    PreActionItem
	Done    bool
	Date    Date
	Officer string
	Source  string
}

// DoneWords says who ticked the item, when and from what: "Mon 2 Nov
// 2026, asmith (event)" (`caseload preaction`'s ticked lines, the TUI
// checklist form's hints). "officer not recorded" stands for an unknown
// officer.
func (t PreActionTick) DoneWords() string {
	officer := t.Officer
	if officer == "" {
		officer = "officer not recorded"
	}
	return t.Date.Human() + ", " + officer + " (" + t.Source + ")"
}

// PreActionChecklist is a tenancy's checklist on a day.
type PreActionChecklist struct {
	// From is the first day whose marks count (zero: every mark).
	From  Date
	Ticks []PreActionTick
	// ClaimPending is true while the latest claim mark says pending, from
	// ClaimDate.
	ClaimPending bool
	ClaimDate    Date
}

// NewPreActionChecklist works out the checklist from its marks: marks
// before from or after asOf do not count (zero asOf: none is too late);
// for each item the latest mark wins, and on one day later marks in the
// list win over earlier ones.
func NewPreActionChecklist(marks []PreActionMark, from, asOf Date) PreActionChecklist {
	c := PreActionChecklist{From: from, Ticks: make([]PreActionTick, len(PreActionItems))}
	for i, it := range PreActionItems {
		c.Ticks[i].Item = it
	}
	ms := slices.Clone(marks)
	slices.SortStableFunc(ms, func(a, b PreActionMark) int { return a.Date.Compare(b.Date) })
	for _, m := range ms {
		if m.Date.IsZero() || m.Date.Before(from) || (!asOf.IsZero() && m.Date.After(asOf)) {
			continue
		}
		switch m.Claim {
		case ClaimPending:
			c.ClaimPending, c.ClaimDate = true, m.Date
		case ClaimNone:
			c.ClaimPending, c.ClaimDate = false, m.Date
		}
		if i := slices.Index(PreActionItems, m.Item); i >= 0 {
			c.Ticks[i] = PreActionTick{Item: m.Item, Done: m.Done, Date: m.Date, Officer: m.Officer, Source: m.Source}
		}
	}
	return c
}

// ClaimWords is the benefit claim while one is pending: "PENDING since
// Mon 2 Nov 2026" ("" when none is).
func (c PreActionChecklist) ClaimWords() string {
	if !c.ClaimPending {
		return ""
	}
	return "PENDING since " + c.ClaimDate.Human()
}

// Open lists the items not ticked, in checklist order.
func (c PreActionChecklist) Open() []PreActionItem {
	var out []PreActionItem
	for _, t := range c.Ticks {
		if !t.Done {
			out = append(out, t.Item)
		}
	}
	return out
}

// Complete reports whether every item is ticked.
func (c PreActionChecklist) Complete() bool { return len(c.Ticks) > 0 && len(c.Open()) == 0 }

// CompletedOn is the day the last item was ticked (zero unless complete).
func (c PreActionChecklist) CompletedOn() Date {
	if !c.Complete() {
		return Date{}
	}
	var d Date
	for _, t := range c.Ticks {
		d = MaxDate(d, t.Date)
	}
	return d
}

// OpenWords names the open items: "contact about the cause, pre-action
// letter".
func (c PreActionChecklist) OpenWords() string {
	open := c.Open()
	words := make([]string, len(open))
	for i, it := range open {
		words[i] = it.Short()
	}
	return strings.Join(words, ", ")
}
