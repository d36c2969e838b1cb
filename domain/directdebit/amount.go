package directdebit

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"caseload/domain"
	"caseload/domain/arrangement"
)

// What a collection is made of: the ongoing charge at the mandate's
// frequency and, when the account has a live arrangement, its instalment
// at the same frequency. The money rules are the calculator's: the charge
// is arrangement.ChargePer (for monthly, weekly × (52 − rent-free weeks) ÷
// 12, rounded half-up once: domain.MonthsRent), and an instalment agreed
// at another frequency is converted exactly and rounded once, up, as
// instalments are (DESIGN.md "Money").

// AmountBasis is what a collection amount is worked out from.
type AmountBasis struct {
	// Charges are the account's charge components; the weekly charge is
	// their sum on the collection date.
	Charges       []domain.ChargeComponent
	RentFreeWeeks int
	// Arrangement is the live arrangement's terms (nil when none).
	Arrangement *arrangement.Terms
}

// CollectionAmount is one collection's amount and how it is made.
type CollectionAmount struct {
	// Weekly is the weekly charge on the date.
	Weekly domain.Money
	// Charge is the charge part; Instalment the arrangement's part.
	Charge, Instalment domain.Money
	Total              domain.Money
	Frequency          arrangement.Frequency
}

// Line is the amount in words: "£478.83 rent + £43.34 arrears = £522.17 a
// month", or "£478.83 a month" with no arrangement.
func (a CollectionAmount) Line() string {
	if a.Instalment.IsZero() {
		return a.Total.Human() + " " + a.Frequency.Per()
	}
	return fmt.Sprintf("%s rent + %s arrears = %s %s", a.Charge.Human(), a.Instalment.Human(), a.Total.Human(), a.Frequency.Per())
}

// AmountOn is the amount a mandate collecting at frequency f collects on
// date on.
func (b AmountBasis) AmountOn(f arrangement.Frequency, on domain.Date) CollectionAmount {
	out := CollectionAmount{Frequency: f, Weekly: domain.WeeklyCharge(b.Charges, on)}
	out.Charge = arrangement.ChargePer(out.Weekly, f, b.RentFreeWeeks)
	if t := b.Arrangement; t != nil && t.Instalment.IsPositive() && !on.Before(t.Start) {
		out.Instalment = Convert(t.Instalment, t.Frequency, f)
	}
	out.Total = out.Charge.Add(out.Instalment)
	return out
}

// Convert is an instalment paid at frequency from as paid at frequency to:
// × its instalments a year ÷ the other's (52, 26, 13 or 12), rounded up to
// the penny once. The same frequency is the instalment as it is.
func Convert(instalment domain.Money, from, to arrangement.Frequency) domain.Money {
	if from == to || from.PerYear() == 0 || to.PerYear() == 0 {
		return instalment
	}
	num := instalment.Decimal().Mul(decimal.NewFromInt(int64(from.PerYear())))
	return domain.RoundOnce(num, decimal.NewFromInt(int64(to.PerYear())), domain.Up)
}

// Recalculation is what a change of charges does to one mandate.
type Recalculation struct {
	Mandate Mandate
	// Old is the amount the mandate collects on the first affected
	// collection; New what the account's charges make it.
	Old, New CollectionAmount
	// First is the first collection on or after the effective date: the
	// one the new amount belongs to.
	First Collection
	// From is the first collection the new amount is collected on: First
	// when the notice is in time, else the first collection at least the
	// notice period away.
	From Collection
	// NoticeBy is the last day the notice could be given for First.
	NoticeBy domain.Date
	// Late is set when the notice could not be given in time for First:
	// First is collected at the old amount.
	Late bool
}

// Collector is who collects, as an advance notice names them.
const Collector = "the council's rents team"

// Changed reports whether the mandate must collect a new amount from
// From: false once the change has been recorded, so a second run changes
// nothing.
func (c Recalculation) Changed() bool { return !c.Mandate.AmountOn(c.From.Due).Equal(c.New.Total) }

// PlanAmount works out what a change of charges effective on effective
// does to an open mandate, with notice given today: the new amount from
// the first collection on or after effective when that is at least the
// notice period (in working days) away, otherwise from the first
// collection that is, with Late set. ok is false when the mandate is not
// open or has no collection in the next two years.
func (p Policy) PlanAmount(m Mandate, b AmountBasis, effective, today domain.Date, h domain.Holidays) (c Recalculation, ok bool) {
	if !m.State.Open() {
		return c, false
	}
	from := domain.MaxDate(effective, today)
	next := m.Next(from, 1, h)
	if len(next) == 0 {
		return c, false
	}
	c = Recalculation{Mandate: m, First: next[0]}
	c.New = b.AmountOn(m.Frequency, c.First.Due)
	c.Old = CollectionAmount{Frequency: m.Frequency, Total: m.AmountOn(c.First.Due)}
	c.From = c.First
	// The notice must reach the payer NoticeWorkingDays working days before
	// the day Bacs debits them.
	c.NoticeBy = h.AddWorkingDays(c.First.On, -p.NoticeWorkingDays)
	if c.Old.Total.Equal(c.New.Total) {
		return c, true
	}
	earliest := h.AddWorkingDays(today, p.NoticeWorkingDays)
	if c.First.On.Before(earliest) {
		c.Late = true
		for _, col := range m.Next(c.First.Due.AddDays(1), 60, h) {
			if !col.On.Before(earliest) {
				c.From = col
				break
			}
		}
		c.New = b.AmountOn(m.Frequency, c.From.Due)
	}
	return c, true
}

// Notice is the advance notice of a new amount, as the payer reads it
// (GoCardless's list of what a notice says: the amount, the date, the
// frequency, the reference, the notice period and who collects).
func (c Recalculation) Notice(collector string, noticeDays int) string {
	m := c.Mandate
	var b strings.Builder
	fmt.Fprintf(&b, "Direct Debit advance notice to %s. ", m.Payer)
	fmt.Fprintf(&b, "From %s your Direct Debit to %s, reference %s, will be %s %s", c.From.On.Human(), collector,
		m.Reference, c.New.Total.Human(), m.Frequency.Per())
	if !c.New.Instalment.IsZero() {
		fmt.Fprintf(&b, " (%s)", c.New.Line())
	}
	fmt.Fprintf(&b, ", collected from account %s. ", m.Masked())
	fmt.Fprintf(&b, "We give at least %d working days' notice of any change to the amount or date.", noticeDays)
	return b.String()
}

// LateWords says why a change could not be given its notice in time, for
// the worklist and the account's timeline.
func (c Recalculation) LateWords() string {
	return fmt.Sprintf("%s: the new amount %s is due from the collection on %s but notice was needed by %s; that collection stays at %s and %s is collected from %s",
		c.Mandate.Reference, c.New.Total.Human(), c.First.On.Human(), c.NoticeBy.Human(), c.Old.Total.Human(),
		c.New.Total.Human(), c.From.On.Human())
}
