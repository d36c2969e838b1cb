package arrangement

import (
	"fmt"
	"strings"

	"caseload/domain"
	"github.com/shopspring/decimal"
)

// The Pre-Action Protocol asks the landlord to agree an affordable sum from
// the resident's income and expenditure. This file turns an income and
// expenditure statement into monthly figures and a suggested instalment.

// Group is a part of an income and expenditure statement.
type Group string

// The groups, in the order a statement is read. Priority bills are the ones
// with serious consequences when unpaid (the debt-advice meaning: council
// tax, energy, fines…); rent arrears are a priority debt too, which is why
// other (non-priority) debts are listed last.
const (
	GroupIncome     Group = "income"
	GroupPriority   Group = "priority-bills"
	GroupEssential  Group = "essential-spending"
	GroupOtherDebts Group = "other-debts"
)

// Groups lists every group in display order.
var Groups = []Group{GroupIncome, GroupPriority, GroupEssential, GroupOtherDebts}

// Label is the officer's words for the group.
func (g Group) Label() string {
	switch g {
	case GroupIncome:
		return "Income"
	case GroupPriority:
		return "Priority bills"
	case GroupEssential:
		return "Essential spending"
	case GroupOtherDebts:
		return "Other debts"
	}
	return string(g)
}

// Heading is a line an income and expenditure form offers.
type Heading struct {
	Group Group
	Name  string
	Label string
}

// Headings are the lines a statement starts with; an officer may add lines
// of their own under any group.
var Headings = []Heading{
	{GroupIncome, "wages", "Wages and salary"},
	{GroupIncome, "benefits", "Benefits (not Universal Credit)"},
	{GroupIncome, "uc", "Universal Credit"},
	{GroupIncome, "pensions", "Pensions"},
	{GroupIncome, "other-income", "Other income"},
	// The ongoing charge belongs in the statement: the instalment is paid
	// on top of it, so it must come out of income before any surplus.
	{GroupPriority, "rent", "Rent and charges"},
	{GroupPriority, "council-tax", "Council Tax"},
	{GroupPriority, "energy", "Gas and electricity"},
	{GroupPriority, "water", "Water"},
	{GroupPriority, "tv-licence", "TV licence"},
	{GroupPriority, "court-fines", "Court fines"},
	{GroupPriority, "child-maintenance", "Child maintenance"},
	{GroupPriority, "other-priority", "Other priority bills"},
	{GroupEssential, "food", "Food and housekeeping"},
	{GroupEssential, "travel", "Travel"},
	{GroupEssential, "phone", "Phone and internet"},
	{GroupEssential, "childcare", "Childcare"},
	{GroupEssential, "clothing", "Clothing"},
	{GroupEssential, "other-essential", "Other essential spending"},
	{GroupOtherDebts, "loans", "Loans"},
	{GroupOtherDebts, "cards", "Credit and store cards"},
	{GroupOtherDebts, "catalogues", "Catalogues and buy now pay later"},
	{GroupOtherDebts, "other-debts", "Other debts"},
}

// Item is one line of a statement: Amount every Period.
type Item struct {
	Group  Group
	Name   string // a Heading name or the officer's own words
	Amount domain.Money
	Period Frequency
	// RentFreeWeeks (0–4) is for a weekly, fortnightly or four-weekly rent
	// line: weeks of the year with nothing to pay. A monthly figure already
	// spreads the year, so it takes none.
	RentFreeWeeks int
}

// Statement is an income and expenditure statement.
type Statement []Item

// AffordabilityPolicy is how a team turns a surplus into a suggested
// instalment.
type AffordabilityPolicy struct {
	// SharePercent (1–100) is the part of the monthly surplus suggested for
	// the arrears.
	SharePercent int
	// MinimumWeekly is the least ever suggested, as a weekly amount; other
	// frequencies get its equivalent (× 2, × 4, × 52 ÷ 12).
	MinimumWeekly domain.Money
}

// DefaultAffordability is the default policy: half the surplus, never less
// than £1.00 a week. The shared rules and references name no share (the
// Standard Financial Statement sets spending guidelines, not what part of a
// surplus to take), so this is our choice: most agreements fail within three
// to six months (peers.md, Voicescape), and one that leaves the household
// half its margin for the bills nobody lists is likelier to be kept. The £1.00
// a week floor is the usual token payment: it keeps the habit of paying and
// shows the court an agreement was offered.
var DefaultAffordability = AffordabilityPolicy{SharePercent: 50, MinimumWeekly: domain.Pounds(1)}

// Validate refuses a share outside 1–100 and a negative minimum.
func (p AffordabilityPolicy) Validate() error {
	if p.SharePercent < 1 || p.SharePercent > 100 {
		return domain.Invalid("share", "%d%% is outside 1–100%%", p.SharePercent)
	}
	if p.MinimumWeekly.IsNegative() || !domain.Pence(p.MinimumWeekly.PenceValue()).Equal(p.MinimumWeekly) {
		return domain.Invalid("minimum", "%s must be £0.00 or more in whole pence", p.MinimumWeekly.Human())
	}
	return nil
}

// Affordability is what a statement comes to, in calendar months.
type Affordability struct {
	Income     domain.Money
	Priority   domain.Money
	Essential  domain.Money
	OtherDebts domain.Money
	// Outgoings = Priority + Essential + OtherDebts.
	Outgoings domain.Money
	// Surplus = Income − Outgoings; negative when more goes out than comes in.
	Surplus domain.Money
	// Suggestions holds one suggested instalment per frequency, in the
	// order of Frequencies.
	Suggestions []Suggestion
	// Reason says the result in words.
	Reason string
}

// Suggestion is a suggested instalment at one frequency.
type Suggestion struct {
	Frequency Frequency
	Amount    domain.Money
	// AtMinimum is true when the share of the surplus came to less than the
	// policy's minimum, so the minimum is suggested instead.
	AtMinimum bool
}

// Suggested is the suggestion for frequency f (zero Suggestion when f is unknown).
func (a Affordability) Suggested(f Frequency) Suggestion {
	for _, s := range a.Suggestions {
		if s.Frequency == f {
			return s
		}
	}
	return Suggestion{}
}

// Assess converts every line to a calendar month (weekly × 52 ÷ 12,
// fortnightly × 26 ÷ 12, four-weekly × 13 ÷ 12, monthly as it is; rent-free
// weeks come off the 52) and suggests an instalment at every frequency.
//
// Rounding (RULES.md "Round money once"): every line is summed exactly, and
// each figure shown (a group's total, Outgoings, Surplus) is rounded half-up
// to the penny once from the exact sums, never from another rounded figure.
// A suggestion is the policy's share of the exact surplus converted to the
// frequency and rounded down to the penny once, because an affordable offer
// must not creep above the share; it is never below the policy's minimum.
//
// Outgoings include payments to other debts as the household makes them
// today. Rent arrears rank ahead of those debts, so when the surplus is thin
// the reason says so: money advice can ask those creditors to take less.
func Assess(s Statement, p AffordabilityPolicy) (Affordability, error) {
	if err := p.Validate(); err != nil {
		return Affordability{}, err
	}
	// Sums are kept in 48ths of a penny a month: 48 is the least common
	// multiple of the divisors (12 a year for monthly, and 12 × 1, 2 or 4
	// weeks), so every line adds exactly and only the group total divides.
	var sum48 [4]int64
	for i, it := range s {
		if err := it.validate(i + 1); err != nil {
			return Affordability{}, err
		}
		g := groupIndex(it.Group)
		pence := it.Amount.PenceValue()
		if w := it.Period.weeks(); w > 0 {
			sum48[g] += pence * int64(52-it.RentFreeWeeks) * int64(4/w)
		} else {
			sum48[g] += pence * 48
		}
	}
	// Each figure shown is rounded once from the exact 48ths: the group
	// totals, Outgoings and Surplus alike. So Income − Outgoings may differ
	// from Surplus by a penny; that is the price of never building a figure
	// from a rounded one (RULES.md "Round money once").
	in48 := sum48[0]
	out48 := sum48[1] + sum48[2] + sum48[3]
	surplus48 := in48 - out48
	a := Affordability{
		Income:     fortyEighths(sum48[0]),
		Priority:   fortyEighths(sum48[1]),
		Essential:  fortyEighths(sum48[2]),
		OtherDebts: fortyEighths(sum48[3]),
		Outgoings:  fortyEighths(out48),
		Surplus:    fortyEighths(surplus48),
	}

	atMinimum := false
	for _, f := range Frequencies {
		minimum := ChargePer(p.MinimumWeekly, f, 0)
		share := domain.Zero
		if surplus48 > 0 {
			// The exact surplus a month × 12 = a year; × share%; ÷
			// instalments a year; rounded down once (surplus48 is in 48ths of a penny).
			share = domain.RoundOnce(decimal.NewFromInt(surplus48*12*int64(p.SharePercent)),
				decimal.NewFromInt(4800*100*int64(f.PerYear())), domain.Down)
		}
		sg := Suggestion{Frequency: f, Amount: share}
		if sg.Amount.LessThan(minimum) {
			sg = Suggestion{Frequency: f, Amount: minimum, AtMinimum: true}
			atMinimum = true
		}
		a.Suggestions = append(a.Suggestions, sg)
	}
	a.Reason = a.reason(p, atMinimum)
	return a, nil
}

func (a Affordability) reason(p AffordabilityPolicy, atMinimum bool) string {
	minimum := p.MinimumWeekly.Human() + " a week minimum"
	var b strings.Builder
	switch {
	case a.Surplus.IsNegative():
		fmt.Fprintf(&b, "a deficit: outgoings are %s a month more than income, so no instalment is affordable on these figures — suggest the %s and refer for money advice and a benefits check",
			a.Surplus.Abs().Human(), minimum)
	case a.Surplus.IsZero():
		fmt.Fprintf(&b, "nothing left over each month — suggest the %s and refer for money advice and a benefits check", minimum)
	case atMinimum:
		fmt.Fprintf(&b, "%s a month left over: %d%% of it is under the %s, so suggest the minimum",
			a.Surplus.Human(), p.SharePercent, minimum)
	default:
		fmt.Fprintf(&b, "%s a month left over: %d%% of it is %s a month (%s a week)",
			a.Surplus.Human(), p.SharePercent, a.Suggested(Monthly).Amount.Human(), a.Suggested(Weekly).Amount.Human())
	}
	if atMinimum && a.OtherDebts.IsPositive() {
		fmt.Fprintf(&b, "; rent arrears rank ahead of the %s a month going to other debts", a.OtherDebts.Human())
	}
	return b.String()
}

func (it Item) validate(line int) error {
	where := fmt.Sprintf("line %d (%s)", line, it.Name)
	if groupIndex(it.Group) < 0 {
		return domain.Invalid("group", "%s: %q is not one of income, priority-bills, essential-spending, other-debts", where, it.Group)
	}
	if !it.Period.Valid() {
		return domain.Invalid("period", "%s: %q is not one of weekly, fortnightly, four-weekly, monthly", where, it.Period)
	}
	if it.Amount.IsNegative() {
		return domain.Invalid("amount", "%s: %s is negative: enter what comes in or goes out as a positive amount", where, it.Amount.Human())
	}
	if !domain.Pence(it.Amount.PenceValue()).Equal(it.Amount) {
		return domain.Invalid("amount", "%s: %s is not whole pence", where, it.Amount.Decimal())
	}
	if err := domain.RentFreeWeeksValid(it.RentFreeWeeks); err != nil {
		return err
	}
	if it.RentFreeWeeks > 0 && it.Period == Monthly {
		return domain.Invalid("rent_free_weeks", "%s: a monthly amount already covers the whole year: give rent-free weeks only with a weekly, fortnightly or four-weekly amount", where)
	}
	return nil
}

func groupIndex(g Group) int {
	for i, x := range Groups {
		if x == g {
			return i
		}
	}
	return -1
}

// ToMonthly converts an amount paid every period to a calendar month,
// rounded half-up to the penny once: amount × (52 − rent-free weeks) ÷ (12 ×
// weeks in the period) (the Universal Credit conversion, domain.MonthsRent,
// for weekly), monthly as it is (rent-free weeks are ignored: a monthly
// figure already spreads the year). An unknown period is treated as monthly;
// callers parse periods with ParseFrequency first.
func ToMonthly(amount domain.Money, period Frequency, rentFreeWeeks int) domain.Money {
	w := period.weeks()
	if w == 0 {
		return amount
	}
	return domain.ProRata(amount, int64(52-rentFreeWeeks), int64(12*w))
}

// FromMonthly is the reverse of ToMonthly: a calendar-monthly amount as one
// paid every period, × 12 × weeks in the period ÷ (52 − rent-free weeks),
// rounded half-up once.
func FromMonthly(monthly domain.Money, period Frequency, rentFreeWeeks int) domain.Money {
	w := period.weeks()
	if w == 0 {
		return monthly
	}
	return domain.ProRata(monthly, int64(12*w), int64(52-rentFreeWeeks))
}

// ChargePer is the ongoing weekly charge as paid at frequency f: × 1, 2 or 4
// for the weekly-based frequencies (what a charged week costs; in a rent-free
// week only the instalment is due), and for monthly the UC conversion with
// rent-free weeks, × (52 − rent-free weeks) ÷ 12 (domain.MonthsRent).
func ChargePer(weekly domain.Money, f Frequency, rentFreeWeeks int) domain.Money {
	if w := f.weeks(); w > 0 {
		return weekly.MulInt(int64(w))
	}
	return domain.MonthsRent(weekly, 1, rentFreeWeeks)
}

// ChargeLine is what the resident pays each instalment, the ongoing charge
// beside the instalment: "£120.00 rent + £10.00 arrears = £130.00 a week".
func ChargeLine(weeklyCharge, instalment domain.Money, f Frequency, rentFreeWeeks int) string {
	rent := ChargePer(weeklyCharge, f, rentFreeWeeks)
	return fmt.Sprintf("%s rent + %s arrears = %s %s", rent.Human(), instalment.Human(), rent.Add(instalment).Human(), f.Per())
}

// fortyEighths is n 48ths of a penny as money, rounded half-up once.
func fortyEighths(n int64) domain.Money {
	return domain.RoundOnce(decimal.NewFromInt(n), decimal.NewFromInt(4800), domain.HalfUp)
}
