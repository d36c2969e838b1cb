package chart

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/shopspring/decimal"

	"caseload/tui/common"
)

// Line is a line chart of one series drawn in braille dots (each cell is
// two dots across and four down), with its scale on the left and the
// first and last points named under the axis.
type Line struct {
	Values []decimal.Decimal
	// Scale writes the scale's labels (Pounds, Percent, Count).
	Scale Format
	// From and To name the first and last points ("30 Nov 25", "23 Nov 26").
	From, To string
	// Zero keeps zero on the scale, so the line's height is its size and
	// not only its change.
	Zero bool
}

// dotBits are the braille dot bits by row (top to bottom) and column.
var dotBits = [4][2]rune{{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}}

// Lines draws the chart in width×height cells: height-2 rows of plot, the
// axis and the names of the ends. The scale shows the highest and lowest
// value and, on five rows or more, the value at the middle row; values
// are placed to the dot, rounded half up, and consecutive points are
// joined. It returns nothing when the room cannot hold a readable chart
// (fewer than 2 rows or 8 plot columns) or there are no values.
func (l Line) Lines(width, height int) []string {
	rows := height - 2
	if rows < 2 || len(l.Values) == 0 {
		return nil
	}
	scale := l.Scale
	if scale == nil {
		scale = Count
	}
	lo, hi := span(l.Values)
	if l.Zero {
		lo, hi = decimal.Min(lo, decimal.Zero), decimal.Max(hi, decimal.Zero)
	}
	dotsY := rows * 4
	labels := make([]string, rows)
	labels[0], labels[rows-1] = scale(hi), scale(lo)
	if rows >= 5 && hi.GreaterThan(lo) {
		// The middle row's centre, in dots from the bottom: its value.
		mid := rows / 2
		centre := decimal.NewFromInt(int64((rows-1-mid)*4*2 + 3)).Div(decimal.NewFromInt(2))
		labels[mid] = scale(lo.Add(hi.Sub(lo).Mul(centre).Div(decimal.NewFromInt(int64(dotsY - 1)))))
	}
	labelW := 0
	for _, s := range labels {
		labelW = max(labelW, lipgloss.Width(s))
	}
	plotW := width - labelW - 2
	if rows < 2 || plotW < 8 {
		return nil
	}
	dotsX := plotW * 2
	grid := make([][]rune, rows)
	for r := range grid {
		grid[r] = make([]rune, plotW)
	}
	set := func(x, y int) { // y counts dots from the top
		grid[y/4][x/2] |= dotBits[y%4][x%2]
	}
	n := len(l.Values)
	px, py := -1, -1
	for i, v := range l.Values {
		x := dotsX - 1
		if n > 1 {
			x = (i*(dotsX-1)*2 + (n - 1)) / (2 * (n - 1))
		}
		y := dotsY - 1 - level(v, lo, hi, dotsY-1)
		if px < 0 {
			set(x, y)
		} else {
			join(px, py, x, y, set)
		}
		px, py = x, y
	}
	out := make([]string, 0, height)
	for r, cells := range grid {
		tick := "│"
		if labels[r] != "" {
			tick = "┤"
		}
		var b strings.Builder
		b.WriteString(common.PadLeft(labels[r], labelW) + " " + tick)
		for _, c := range cells {
			if c == 0 {
				b.WriteByte(' ')
			} else {
				b.WriteRune(0x2800 + c)
			}
		}
		out = append(out, strings.TrimRight(b.String(), " "))
	}
	out = append(out, strings.Repeat(" ", labelW+1)+"└"+strings.Repeat("─", plotW))
	ends := common.PadLeft(l.To, plotW)
	if lipgloss.Width(l.From)+lipgloss.Width(l.To)+2 <= plotW {
		ends = common.PadRight(l.From, plotW-lipgloss.Width(l.To)) + l.To
	}
	return append(out, strings.TrimRight(strings.Repeat(" ", labelW+2)+ends, " "))
}

// join sets the dots of a straight line from (x0, y0) to (x1, y1)
// (Bresenham's, every step one dot), so a steep change is a continuous
// stroke and not two dots far apart.
func join(x0, y0, x1, y1 int, set func(x, y int)) {
	dx, dy := abs(x1-x0), -abs(y1-y0)
	sx, sy := 1, 1
	if x0 > x1 {
		sx = -1
	}
	if y0 > y1 {
		sy = -1
	}
	e := dx + dy
	for {
		set(x0, y0)
		if x0 == x1 && y0 == y1 {
			return
		}
		if e2 := 2 * e; e2 >= dy {
			e += dy
			x0 += sx
		} else {
			e += dx
			y0 += sy
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
