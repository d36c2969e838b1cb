package chart

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/shopspring/decimal"

	"caseload/tui/common"
)

// Bar is one row of a bar chart: its label, the value its length shows,
// and the words printed after it (the value as an officer reads it).
type Bar struct {
	Label string
	Value decimal.Decimal
	Text  string
}

// eighths are a cell filled from the left in eighths, empty to full.
var eighths = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"}

// Bars draws horizontal bars in rows of at most width cells: the labels
// left-aligned in one column, each bar as long as its value against the
// largest (to the eighth of a cell, rounded half up; a value above zero
// is never drawn as nothing), then its text. Negative values draw as
// none. The bars get what the labels and texts leave, at least 4 cells.
func Bars(bars []Bar, width int) []string {
	labelW, textW := 0, 0
	hi := decimal.Zero
	for _, b := range bars {
		labelW = max(labelW, lipgloss.Width(b.Label))
		textW = max(textW, lipgloss.Width(b.Text))
		if b.Value.GreaterThan(hi) {
			hi = b.Value
		}
	}
	barW := max(width-labelW-textW-2, 4)
	out := make([]string, 0, len(bars))
	for _, b := range bars {
		n := 0
		if b.Value.IsPositive() {
			n = max(level(b.Value, decimal.Zero, hi, barW*8), 1)
		}
		bar := strings.Repeat("█", n/8) + eighths[n%8]
		line := common.PadRight(b.Label, labelW) + " " + common.PadRight(bar, barW) + " " + b.Text
		out = append(out, common.Truncate(strings.TrimRight(line, " "), width))
	}
	return out
}
