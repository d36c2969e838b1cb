// Package chart draws small charts as text for the terminal: a sparkline
// (one row of block heights), horizontal bars and a line chart of braille
// dots with a labelled scale. It is our own, not a library's: the charts
// are a few hundred lines, take exact decimals (money is never float64,
// not even for drawing), and are made so that shapes and labels carry the
// meaning — they never use colour, so they read the same under NO_COLOR.
package chart

import (
	"strings"

	"github.com/shopspring/decimal"

	"caseload/domain"
	"caseload/tui/common"
)

// Format writes one value as a scale or bar label.
type Format func(decimal.Decimal) string

// Pounds is money to the whole pound, with thousands separators: "£1,204",
// "-£35". Scales use it: pence there are noise.
func Pounds(d decimal.Decimal) string {
	return strings.TrimSuffix(domain.FromDecimal(d.Round(0)).Human(), ".00")
}

// Money is money to the penny: "£1,204.50".
func Money(d decimal.Decimal) string { return domain.FromDecimal(d).Human() }

// Percent is a percentage to one place, rounded half away from zero:
// "97.3%".
func Percent(d decimal.Decimal) string { return d.Round(1).StringFixed(1) + "%" }

// Count is a whole number with thousands separators: "1,204".
func Count(d decimal.Decimal) string { return common.Count(d.Round(0).IntPart()) }

// span is the lowest and highest of values (zero and zero for none).
func span(values []decimal.Decimal) (lo, hi decimal.Decimal) {
	for i, v := range values {
		if i == 0 || v.LessThan(lo) {
			lo = v
		}
		if i == 0 || v.GreaterThan(hi) {
			hi = v
		}
	}
	return lo, hi
}

// level places v between lo and hi on a scale of 0..steps, rounded half
// up; every value is at the middle when lo and hi are the same.
func level(v, lo, hi decimal.Decimal, steps int) int {
	if !hi.GreaterThan(lo) {
		return steps / 2
	}
	n := v.Sub(lo).Mul(decimal.NewFromInt(int64(steps))).Div(hi.Sub(lo)).Round(0).IntPart()
	return int(min(max(n, 0), int64(steps)))
}

// sample picks width values out of values when there are more than width,
// taking the last of each run (a week's figure is its end's), so the
// newest value is always drawn.
func sample(values []decimal.Decimal, width int) []decimal.Decimal {
	if width <= 0 {
		return nil
	}
	n := len(values)
	if n <= width {
		return values
	}
	out := make([]decimal.Decimal, width)
	for i := range out {
		out[i] = values[(i+1)*n/width-1]
	}
	return out
}
