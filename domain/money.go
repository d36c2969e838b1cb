package domain

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Money is an amount in pounds and pence. It is exact (decimal, never
// float64); the ledger's sign convention applies: positive is a debit (the
// resident owes more), negative a credit. This file holds the only money
// parser and formatter in caseload.
type Money struct {
	d decimal.Decimal
}

// Zero is £0.00.
var Zero = Money{}

var hundred = decimal.NewFromInt(100)

// Pence makes Money from a whole number of pence, as SQLite stores it.
func Pence(p int64) Money { return Money{d: decimal.New(p, -2)} }

// Pounds makes Money from whole pounds.
func Pounds(p int64) Money { return Money{d: decimal.NewFromInt(p)} }

// FromDecimal rounds d half-up to the penny. Every caller that divides money
// states its own rounding first; this is for values already in pence.
func FromDecimal(d decimal.Decimal) Money { return Money{d: d.Round(2)} }

// ParseMoney reads pounds strictly: an optional minus, digits, and at most
// two decimal places ("95.2", "95.20", "-25"). Thousands separators,
// currency symbols, spaces, exponents and more decimals are refused with a
// reason an officer can act on.
func ParseMoney(s string) (Money, error) {
	if s == "" {
		return Money{}, fmt.Errorf("amount is empty: give pounds like 95.20")
	}
	if strings.ContainsAny(s, "£$€") {
		return Money{}, fmt.Errorf("amount %q has a currency symbol: give plain pounds like 95.20", s)
	}
	body := strings.TrimPrefix(s, "-")
	if strings.HasPrefix(body, "+") || strings.HasPrefix(body, "-") {
		return Money{}, fmt.Errorf("amount %q is not a number: give pounds like 95.20", s)
	}
	if strings.Contains(body, ",") {
		return Money{}, fmt.Errorf("amount %q has a thousands separator: write 1234.50, not 1,234.50", s)
	}
	whole, frac, hasPoint := strings.Cut(body, ".")
	if !allDigits(whole) || (hasPoint && frac != "" && !allDigits(frac)) || (hasPoint && frac == "") {
		return Money{}, fmt.Errorf("amount %q is not a number: give pounds like 95.20", s)
	}
	if len(frac) > 2 {
		return Money{}, fmt.Errorf("amount %q has more than two decimal places: give whole pence like 95.20", s)
	}
	if len(whole) > 12 {
		return Money{}, fmt.Errorf("amount %q is too large", s)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return Money{}, fmt.Errorf("amount %q is not a number: give pounds like 95.20", s)
	}
	return Money{d: d}, nil
}

// MustMoney is ParseMoney for literals in tests and tables.
func MustMoney(s string) Money {
	m, err := ParseMoney(s)
	if err != nil {
		panic(err)
	}
	return m
}

// Decimal is the exact value.
func (m Money) Decimal() decimal.Decimal { return m.d }

// PenceValue is the amount in whole pence, as SQLite stores it. Money
// made by Pence or ParseMoney has exponent −2…0 and fits in an int64, so
// the common case is integer arithmetic (bulk loads call this millions of
// times); anything else takes the exact decimal path, rounding half-up.
func (m Money) PenceValue() int64 {
	if e := m.d.Exponent(); e >= -2 && e <= 0 && m.d.NumDigits() <= 15 {
		c := m.d.CoefficientInt64()
		for ; e > -2; e-- {
			c *= 10
		}
		return c
	}
	return m.d.Mul(hundred).Round(0).IntPart()
}

// Add, Sub and Neg are exact.
func (m Money) Add(o Money) Money { return Money{d: m.d.Add(o.d)} }
func (m Money) Sub(o Money) Money { return Money{d: m.d.Sub(o.d)} }
func (m Money) Neg() Money        { return Money{d: m.d.Neg()} }

// Abs is the amount without its sign.
func (m Money) Abs() Money { return Money{d: m.d.Abs()} }

// MulInt multiplies by a whole number (exact).
func (m Money) MulInt(n int64) Money { return Money{d: m.d.Mul(decimal.NewFromInt(n))} }

// Sign is -1, 0 or +1.
func (m Money) Sign() int { return m.d.Sign() }

// IsZero, IsPositive and IsNegative test the sign.
func (m Money) IsZero() bool     { return m.d.IsZero() }
func (m Money) IsPositive() bool { return m.d.IsPositive() }
func (m Money) IsNegative() bool { return m.d.IsNegative() }

// Cmp compares: -1, 0, +1.
func (m Money) Cmp(o Money) int { return m.d.Cmp(o.d) }

// LessThan and GreaterThan compare amounts.
func (m Money) LessThan(o Money) bool    { return m.d.LessThan(o.d) }
func (m Money) GreaterThan(o Money) bool { return m.d.GreaterThan(o.d) }

// Equal reports the same amount (2.5 equals 2.50).
func (m Money) Equal(o Money) bool { return m.d.Equal(o.d) }

// MaxMoney and MinMoney pick the larger or smaller amount.
func MaxMoney(a, b Money) Money {
	if b.GreaterThan(a) {
		return b
	}
	return a
}

// MinMoney picks the smaller amount.
func MinMoney(a, b Money) Money {
	if b.LessThan(a) {
		return b
	}
	return a
}

// String is the machine form for CSV and JSON: "1234.50", "-95.20".
func (m Money) String() string { return m.d.StringFixed(2) }

// Human is the form people read: "£1,234.50", "-£95.20".
func (m Money) Human() string {
	s := m.d.Abs().StringFixed(2)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if m.d.IsNegative() && !m.d.Round(2).IsZero() {
		b.WriteByte('-')
	}
	b.WriteString("£")
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	b.WriteByte('.')
	b.WriteString(frac)
	return b.String()
}

// Balance is the form for an account balance: "£412.30" when owed,
// "£12.00 CR" when in credit, so the sign is never the only signal.
func (m Money) Balance() string {
	if m.IsNegative() {
		return m.Abs().Human() + " CR"
	}
	return m.Human()
}

// MarshalText writes the machine form, so JSON money is "1234.50".
func (m Money) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads the machine form strictly.
func (m *Money) UnmarshalText(b []byte) error {
	v, err := ParseMoney(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}
