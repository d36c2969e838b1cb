package ledger

import (
	"strings"

	"github.com/shopspring/decimal"

	"caseload/domain"
	"caseload/store"
	"caseload/tui/common"
)

// The balance chart: the account's balance at the end of each week (or
// month, when the screen is narrow) of the last twelve months, as bars of
// block characters rising from the lowest balance shown, with the £ scale
// labelled on the left and the months along the bottom. Heights and labels
// carry the meaning, so it reads the same without colour.

// levels are the eighths of a character cell, empty to full.
var levels = []string{" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"}

// point is the balance at the end of one bucket (a week or a month); ok is
// false before the account's first transaction.
type point struct {
	end     domain.Date
	balance domain.Money
	ok      bool
}

// balanceAt is the running balance after the last line dated on or before
// d (lines are in date order); ok is false when there is none yet.
func balanceAt(lines []store.LedgerLine, d domain.Date) (domain.Money, bool) {
	lo, hi := 0, len(lines)
	for lo < hi {
		mid := (lo + hi) / 2
		if lines[mid].Date.After(d) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	if lo == 0 {
		return domain.Zero, false
	}
	return lines[lo-1].Balance, true
}

// weeklyPoints are the 52 rent weeks ending with today's.
func weeklyPoints(lines []store.LedgerLine, today domain.Date) []point {
	last := domain.RentWeekStart(today).AddDays(6)
	out := make([]point, 52)
	for i := range out {
		end := last.AddDays(-7 * (51 - i))
		b, ok := balanceAt(lines, domain.MinDate(end, today))
		out[i] = point{end: end, balance: b, ok: ok}
	}
	return out
}

// monthlyPoints are the 12 calendar months ending with today's.
func monthlyPoints(lines []store.LedgerLine, today domain.Date) []point {
	first := domain.MustDate(today.Year(), today.Month(), 1)
	out := make([]point, 12)
	for i := range out {
		end := first.AddMonthsClamped(-(11 - i) + 1).AddDays(-1)
		b, ok := balanceAt(lines, domain.MinDate(end, today))
		out[i] = point{end: end, balance: b, ok: ok}
	}
	return out
}

// poundsLabel is a scale label in whole pounds: "£1,100", "£250 CR".
func poundsLabel(m domain.Money) string {
	whole := domain.FromDecimal(m.Decimal().Round(0))
	s := strings.TrimSuffix(whole.Abs().Human(), ".00")
	if whole.IsNegative() {
		s += " CR"
	}
	return s
}

// chartLines draws the chart in at most width cells: rows of bars and one
// axis line. It returns nothing when the width cannot hold a readable
// chart or there is no transaction yet.
func chartLines(lines []store.LedgerLine, today domain.Date, width, rows int) []string {
	if rows <= 0 || len(lines) == 0 {
		return nil
	}
	// The scale: the lowest and highest balance shown, always including £0
	// so a debt and a credit are never drawn alike.
	lo, hi := domain.Zero, domain.Zero
	weekly := weeklyPoints(lines, today)
	for _, p := range weekly {
		if p.ok {
			lo, hi = domain.MinMoney(lo, p.balance), domain.MaxMoney(hi, p.balance)
		}
	}
	labels := []string{poundsLabel(hi), poundsLabel(lo), "£0"}
	labelW := 0
	for _, l := range labels {
		labelW = max(labelW, len([]rune(l)))
	}
	plot := width - labelW - 2
	points, unit := weekly, "week"
	if plot < 52 {
		points, unit = monthlyPoints(lines, today), "month"
	}
	if plot < len(points) {
		return nil
	}
	// Each bucket is one or more cells wide, using the room there is but
	// keeping space for the caption.
	cell := max(min((plot-24)/len(points), 3), 1)
	span := hi.Sub(lo).Decimal()
	eighths := make([]int, len(points))
	for i, p := range points {
		if !p.ok || span.IsZero() {
			continue
		}
		// Rounded half-up to the nearest eighth of a cell.
		e := p.balance.Sub(lo).Decimal().Mul(decimal.NewFromInt(int64(rows * 8))).Div(span).Round(0).IntPart()
		eighths[i] = int(e)
	}
	zeroRow := -1
	if lo.IsNegative() && hi.IsPositive() {
		// The row whose band holds £0, counted from the top.
		z := domain.Zero.Sub(lo).Decimal().Mul(decimal.NewFromInt(int64(rows))).Div(span).IntPart()
		zeroRow = rows - 1 - int(min(z, int64(rows-1)))
	}
	var out []string
	for r := 0; r < rows; r++ {
		label, tick := "", "│"
		switch {
		case r == 0:
			label, tick = poundsLabel(hi), "┤"
		case r == rows-1:
			label, tick = poundsLabel(lo), "┤"
		case r == zeroRow:
			label, tick = "£0", "┤"
		}
		var b strings.Builder
		b.WriteString(common.PadLeft(label, labelW) + " " + tick)
		floor := (rows - 1 - r) * 8
		for i := range points {
			n := max(min(eighths[i]-floor, 8), 0)
			b.WriteString(strings.Repeat(levels[n], cell))
		}
		out = append(out, b.String())
	}
	room := width - labelW - 2 - len(points)*cell
	out = append(out, strings.Repeat(" ", labelW+1)+"└"+axis(points, cell, unit, room))
	return out
}

// axis is the line under the bars: month names where each month begins
// (when there is room for them), a rule elsewhere, and the longest caption
// that fits in room cells.
func axis(points []point, cell int, unit string, room int) string {
	cells := []rune(strings.Repeat("─", len(points)*cell))
	next := 0 // the first cell a label may use
	for i, p := range points {
		// A bucket that ends in a new month (or is a month) starts it.
		startsMonth := unit == "month" || i == 0 || points[i-1].end.Month() != p.end.Month()
		if !startsMonth {
			continue
		}
		name := []rune(p.end.Month().String()[:3])
		if unit == "week" && i == 0 {
			continue // a partial month at the left edge
		}
		at := i * cell
		if at < next || at+len(name) > len(cells) {
			continue
		}
		copy(cells[at:], name)
		next = at + len(name) + 1
	}
	caption := ""
	for _, c := range []string{" balance at each " + unit + "'s end, last 12 months", " " + unit + "ly balance, 12 months", " " + unit + "ly, 12 months", " 12 months"} {
		if len([]rune(c)) <= room {
			caption = c
			break
		}
	}
	return string(cells) + caption
}
