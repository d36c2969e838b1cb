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
func Spark(values []decimal.Decimal, width int) string {
	values = sample(values, width)
	lo, hi := span(values)
	var b strings.Builder
	for _, v := range values {
		b.WriteRune(blocks[level(v, lo, hi, len(blocks)-1)])
	}
	return b.String()
}
