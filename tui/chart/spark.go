package chart

import (
	"strings"

	"github.com/shopspring/decimal"
)

// blocks are a cell's heights in eighths, lowest to full.
var blocks = []rune("▁▂▃▄▅▆▇█")

// Spark is a sparkline: one cell per value (the last of each run when
// there are more values than width), the lowest value one eighth high and
// the highest full, so a flat series is a level line and even the lowest
// week is visible. It is at most width cells; "" for no values.
func Spark(values []decimal.Decimal, width int) string { return spark(values, width, false) }

// SparkZero is a sparkline whose scale reaches zero: a count's height is
// its size, and a run of zeros is the lowest line, not the middle one.
func SparkZero(values []decimal.Decimal, width int) string { return spark(values, width, true) }

func spark(values []decimal.Decimal, width int, zero bool) string {
	values = sample(values, width)
	lo, hi := span(values)
	if zero {
		lo, hi = decimal.Min(lo, decimal.Zero), decimal.Max(hi, decimal.Zero)
	}
	var b strings.Builder
	for _, v := range values {
		n := 0
		if hi.GreaterThan(lo) || !zero {
			n = level(v, lo, hi, len(blocks)-1)
		}
		b.WriteRune(blocks[n])
	}
	return b.String()
}
