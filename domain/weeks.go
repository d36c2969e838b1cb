package domain

import "github.com/shopspring/decimal"

// Weeks is an amount in weeks of a weekly charge ("arrears in weeks",
// RULES.md "Rent accounting"). It keeps the exact amount and charge, in
// whole pence, so that every figure shown is rounded once from them: one
// decimal for officers (10.746 weeks → "10.7"), two for CLI.md's
// arrears_weeks ("10.75"). Never round one of those from the other.
type Weeks struct {
	amountP, weeklyP int64
}

// WeeksOf is amountP ÷ weeklyP, both in whole pence. A negative amount is
// no weeks; a weekly charge of zero or less gives the zero Weeks (callers
// that must tell "no charge" apart use ArrearsWeeks).
func WeeksOf(amountP, weeklyP int64) Weeks {
	if weeklyP <= 0 || amountP <= 0 {
		return Weeks{}
	}
	return Weeks{amountP: amountP, weeklyP: weeklyP}
}

// ArrearsWeeks is arrears in weeks of the current weekly charge: zero when
// not in arrears. ok is false when the weekly charge is zero (weeks are then
// meaningless). This is the only place the formula lives.
func ArrearsWeeks(balance, weekly Money) (w Weeks, ok bool) {
	if !weekly.IsPositive() {
		return Weeks{}, false
	}
	return WeeksOf(balance.PenceValue(), weekly.PenceValue()), true
}

// IsZero reports no weeks at all.
func (w Weeks) IsZero() bool { return w.amountP == 0 }

// Decimal is the figure rounded half-up once to places decimals.
func (w Weeks) Decimal(places int32) decimal.Decimal {
	if w.weeklyP <= 0 {
		return decimal.New(0, -places)
	}
	return decimal.NewFromInt(w.amountP).DivRound(decimal.NewFromInt(w.weeklyP), places)
}

// String is the officer's figure, one decimal half-up: "10.7".
func (w Weeks) String() string { return w.Decimal(1).StringFixed(1) }

// Hundredths is the machine figure, two decimals half-up: "10.75" (CLI.md
// arrears_weeks).
func (w Weeks) Hundredths() string { return w.Decimal(2).StringFixed(2) }

// Words is "6.0 weeks".
func (w Weeks) Words() string { return w.String() + " weeks" }
