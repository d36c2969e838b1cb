package arrangement

import (
	"fmt"
	"strconv"

	"caseload/domain"
)

// MaxInstalments is the longest schedule the calculator draws (CLI.md): 1,040
// instalments is 20 years of weekly payments. Anything longer is not a
// repayment plan an officer could monitor or a court would accept.
const MaxInstalments = 1040

// Request is what the officer asks the calculator (CLI.md "caseload
// arrangement calc"): the arrears balance, how often and from when, and
// exactly one of an instalment amount or a date to clear the balance by.
type Request struct {
	Balance   domain.Money
	Frequency Frequency
	Start     domain.Date
	// Instalment is the amount of each instalment; nil when ClearBy is given.
	// A pointer, because "not given" and "£0.00" (refused) must differ.
	Instalment *domain.Money
	// ClearBy is the last date an instalment may fall on; zero when
	// Instalment is given.
	ClearBy domain.Date
}

// Plan is a repayment schedule against the arrears balance only (the
// ongoing charge is paid on top). Its JSON is the CLI contract.
type Plan struct {
	Frequency   Frequency    `json:"frequency"`
	Instalment  domain.Money `json:"instalment"`
	Count       int          `json:"count"`
	FirstDate   domain.Date  `json:"first_date"`
	FinalDate   domain.Date  `json:"final_date"`
	FinalAmount domain.Money `json:"final_amount"`
	Total       domain.Money `json:"total"`
	Schedule    []Line       `json:"schedule"`
}

// Line is one instalment of a Plan.
type Line struct {
	N            int          `json:"n"`
	Date         domain.Date  `json:"date"`
	Amount       domain.Money `json:"amount"`
	BalanceAfter domain.Money `json:"balance_after"`
}

// Calculate draws the schedule. With an instalment, every instalment is that
// amount and the last one the remainder (an instalment larger than the
// balance is one payment of the balance). With a clear-by date, the
// instalment is the smallest whole-pence amount that clears the balance
// with the instalments dated on or before that date, and the last one takes
// the remainder. Refusals are *domain.ValidationError with a reason an
// officer can act on.
func Calculate(r Request) (Plan, error) {
	if err := checkPositivePence("balance", r.Balance, "must be more than £0.00 (got %s): there are no arrears to schedule"); err != nil {
		return Plan{}, err
	}
	if _, err := ParseFrequency(string(r.Frequency)); err != nil {
		return Plan{}, err
	}
	if r.Start.IsZero() {
		return Plan{}, domain.Invalid("start", "give the date of the first instalment")
	}
	if r.Instalment != nil && !r.ClearBy.IsZero() {
		return Plan{}, domain.Invalid("instalment", "give an instalment or a clear-by date, not both")
	}
	if r.Instalment == nil && r.ClearBy.IsZero() {
		return Plan{}, domain.Invalid("instalment", "give an instalment amount or a clear-by date")
	}
	cal, _ := newCalendar(r.Start, r.Frequency)
	balance := r.Balance.PenceValue()

	var inst, count int64
	if r.Instalment != nil {
		if err := checkPositivePence("instalment", *r.Instalment, "must be at least £0.01 (got %s): an instalment has to repay something"); err != nil {
			return Plan{}, err
		}
		inst = min(r.Instalment.PenceValue(), balance)
		count = ceilDiv(balance, inst)
		if count > MaxInstalments {
			return Plan{}, domain.Invalid("instalment", "that would take %s instalments (%s): the limit is %s — raise the instalment to at least %s",
				thousands(count), yearsOf(count, r.Frequency), thousands(MaxInstalments),
				domain.Pence(ceilDiv(balance, MaxInstalments)).Human())
		}
	} else {
		if r.ClearBy.Before(r.Start) {
			return Plan{}, domain.Invalid("clear-by", "%s is before the start, %s: give a clear-by date on or after the first instalment",
				r.ClearBy.Human(), r.Start.Human())
		}
		dates := int64(cal.datesOnOrBefore(r.ClearBy))
		// inst = ⌈balance ÷ dates⌉ is the smallest instalment that can clear
		// the balance in that many payments: one penny less and dates × inst
		// falls short. Rounding up can overshoot by up to dates − 1 pence, so
		// paying inst on every date could leave a last instalment of zero or
		// less (£1.00 over 11 weeks: ⌈100 ÷ 11⌉ = 10p, and 11 × 10p = £1.10).
		// So the count is ⌈balance ÷ inst⌉, not dates: it is never more than
		// dates (inst ≥ balance ÷ dates), so the plan still clears by the
		// date, and the last instalment is between 1p and inst.
		inst = ceilDiv(balance, dates)
		count = ceilDiv(balance, inst)
		if count > MaxInstalments {
			return Plan{}, domain.Invalid("clear-by", "clearing by %s would take %s instalments (%s): the limit is %s — clear by %s or earlier (instalments of at least %s %s)",
				r.ClearBy.Human(), thousands(count), yearsOf(count, r.Frequency), thousands(MaxInstalments),
				cal.due(MaxInstalments).Human(), domain.Pence(ceilDiv(balance, MaxInstalments)).Human(), r.Frequency.Per())
		}
	}

	n := int(count)
	final := balance - (count-1)*inst
	regular := domain.Pence(inst) // shared by every full line: Money is immutable
	lines := make([]Line, n)
	left := balance
	for i := range n {
		amount := regular
		if i == n-1 {
			amount = domain.Pence(final)
			left = 0
		} else {
			left -= inst
		}
		lines[i] = Line{N: i + 1, Date: cal.due(i + 1), Amount: amount, BalanceAfter: domain.Pence(left)}
	}
	return Plan{
		Frequency:   r.Frequency,
		Instalment:  regular,
		Count:       n,
		FirstDate:   lines[0].Date,
		FinalDate:   lines[n-1].Date,
		FinalAmount: lines[n-1].Amount,
		Total:       domain.Pence(balance),
		Schedule:    lines,
	}, nil
}

// Summary is the plan in one line for an officer: "52 instalments of £19.24
// a week from Mon 2 Mar 2026; the last, £1.57, on Mon 22 Feb 2027".
func (p Plan) Summary() string {
	switch {
	case p.Count == 0:
		return "no instalments"
	case p.Count == 1:
		return fmt.Sprintf("one instalment of %s on %s", p.FinalAmount.Human(), p.FinalDate.Human())
	case p.FinalAmount.Equal(p.Instalment):
		return fmt.Sprintf("%s instalments of %s %s from %s to %s",
			thousands(int64(p.Count)), p.Instalment.Human(), p.Frequency.Per(), p.FirstDate.Human(), p.FinalDate.Human())
	}
	return fmt.Sprintf("%s instalments of %s %s from %s; the last, %s, on %s",
		thousands(int64(p.Count)), p.Instalment.Human(), p.Frequency.Per(), p.FirstDate.Human(),
		p.FinalAmount.Human(), p.FinalDate.Human())
}

// checkPositivePence refuses an amount that is zero, negative or not whole
// pence; notPositive is the reason for the first two, with a %s for the amount.
func checkPositivePence(field string, m domain.Money, notPositive string) error {
	if !m.IsPositive() {
		return domain.Invalid(field, notPositive, m.Human())
	}
	if !domain.Pence(m.PenceValue()).Equal(m) {
		return domain.Invalid(field, "%s is not whole pence", m.Decimal())
	}
	return nil
}

// ceilDiv is ⌈a ÷ b⌉ for a ≥ 0, b > 0.
func ceilDiv(a, b int64) int64 { return (a + b - 1) / b }

// yearsOf says how long count instalments take, in whole years.
func yearsOf(count int64, f Frequency) string {
	y := count / int64(f.PerYear())
	if y == 1 {
		return "1 year"
	}
	return thousands(y) + " years"
}

// thousands writes n with thousands separators: 1,040.
func thousands(n int64) string {
	if n < 0 {
		return "-" + thousands(-n)
	}
	s := strconv.FormatInt(n, 10)
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}
