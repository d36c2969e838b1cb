package domain

import "github.com/shopspring/decimal"

// Round money once, at the end (RULES.md "Counting time"): a figure that
// divides is computed exactly from the amounts it comes from and rounded to
// the penny once, never built from another rounded figure. "2 months' rent"
// on £110 a week is 110 × 52 × 2 ÷ 12 = £953.333… → £953.33, not a rounded
// month (£476.67) doubled (£953.34). Every division of money in caseload
// goes through RoundOnce.

// Rounding is which way a figure goes to the penny.
type Rounding int

// The roundings. HalfUp is the default (RULES.md); Down is for a figure
// that may not exceed its share (a discount percentage, a maximum
// repayment, an affordable offer); Up is for instalments, so that the last
// one is the smaller.
const (
	HalfUp Rounding = iota // to the nearest penny, halves away from zero
	Down                   // towards minus infinity (a floor)
	Up                     // towards plus infinity (a ceiling)
)

var penny = decimal.New(1, -2)

// RoundOnce is num ÷ den, divided exactly and rounded once to the penny as
// r says. den must not be zero.
func RoundOnce(num, den decimal.Decimal, r Rounding) Money {
	if den.Sign() < 0 {
		num, den = num.Neg(), den.Neg()
	}
	if r == HalfUp {
		return Money{d: num.DivRound(den, 2)}
	}
	// QuoRem truncates towards zero and leaves the exact remainder.
	q, rem := num.QuoRem(den, 2)
	switch {
	case r == Down && rem.Sign() < 0:
		q = q.Sub(penny)
	case r == Up && rem.Sign() > 0:
		q = q.Add(penny)
	}
	return Money{d: q}
}

// ProRata is amount × num ÷ den, rounded half-up once: a part of a week's
// charge (days ÷ 7), a share of a month, a percentage (num ÷ 100).
func ProRata(amount Money, num, den int64) Money {
	return RoundOnce(amount.d.Mul(decimal.NewFromInt(num)), decimal.NewFromInt(den), HalfUp)
}

// MonthsRent is n calendar months of a weekly charge the way Universal
// Credit counts them (RULES.md "Universal Credit and Housing Benefit"):
// weekly × (52 − rent-free weeks) × n ÷ 12, rounded half-up once, so two
// months is never a rounded month doubled (£110 a week: one month £476.67,
// two months £953.33).
func MonthsRent(weekly Money, months, rentFreeWeeks int) Money {
	return ProRata(weekly, int64(52-rentFreeWeeks)*int64(months), 12)
}
