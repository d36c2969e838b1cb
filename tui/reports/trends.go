package reports

import (
	"strings"

	"github.com/shopspring/decimal"

	"caseload/tui/chart"
	"caseload/tui/common"
)

// trend is one of the 52-week charts: a line with its scale, or a family
// of small series drawn as sparklines (the cases at each stage).
type trend struct {
	title string
	// now is the latest value as read, with its week ("£58,537.22 at
	// 22 Nov").
	now string
	// words is the week-on-week and year-on-year change in words;
	// formula how each week's figure is made.
	words   string
	formula string
	values  []decimal.Decimal
	scale   chart.Format
	zero    bool
	// from and to name the first and last weeks.
	from, to string
	// rows, when set, are drawn as sparklines instead of a line.
	rows []sparkRow
}

// sparkRow is one small series of a family: its label, its weeks, its
// latest value as read and its change in words.
type sparkRow struct {
	label  string
	values []decimal.Decimal
	now    string
	words  string
}

// chartRows is the height of each line chart: taller when there is room.
func (m Model) chartRows() int {
	if m.height >= 40 {
		return 10
	}
	return 8
}

// trendLines draws every trend in width cells: its title and latest
// value, its change in words (wrapped), and its chart.
func (m Model) trendLines(width int) []string {
	s := m.ctx.Styles
	var out []string
	switch {
	case m.trendsErr != nil:
		return []string{s.Error.Render(common.Truncate("  ✗ "+m.trendsErr.Error(), width))}
	case m.trendsLoading:
		// The last trends stay up under the marker until the new ones come.
		out = append(out, s.Muted.Render("  Weekly trends for "+m.choice.scopeWords()+" (loading)…"), "")
	}
	if len(m.bands) > 0 {
		at := "at " + m.shown.period().To.DayMonth()
		if m.shown.soFar(m.ctx.Today) {
			at = "today"
		}
		out = append(out, s.Label.Render(common.Truncate("Accounts in arrears by weeks of the weekly charge, "+at, width)))
		for _, l := range chart.Bars(m.bands, width-2) {
			out = append(out, "  "+l)
		}
		out = append(out, "")
	}
	if len(m.trends) == 0 {
		return append(out, s.Muted.Render("  No weekly figures for this choice."))
	}
	for i, t := range m.trends {
		if i > 0 {
			out = append(out, "")
		}
		head := t.title
		if t.now != "" {
			head += " — " + t.now
		}
		out = append(out, s.Label.Render(common.Truncate(head, width)))
		for _, l := range common.Wrap(t.words, width-2) {
			out = append(out, "  "+l)
		}
		for _, l := range common.Wrap("= "+t.formula, width-2) {
			out = append(out, s.Muted.Render("  "+l))
		}
		if len(t.rows) > 0 {
			out = append(out, sparkLines(t.rows, width)...)
			continue
		}
		if len(t.values) == 0 {
			out = append(out, s.Muted.Render("  No weeks to draw."))
			continue
		}
		out = append(out, chart.Line{Values: t.values, Scale: t.scale, From: t.from, To: t.to, Zero: t.zero}.Lines(width, m.chartRows())...)
	}
	return out
}

// sparkLines draws a family as one sparkline a row, labels and latest
// values aligned, each row's change in words under it.
func sparkLines(rows []sparkRow, width int) []string {
	labelW, nowW := 0, 0
	for _, r := range rows {
		labelW, nowW = max(labelW, len([]rune(r.label))), max(nowW, len([]rune(r.now)))
	}
	sparkW := max(min(52, width-labelW-nowW-4), 8)
	var out []string
	for _, r := range rows {
		line := "  " + common.PadRight(r.label, labelW) + " " + common.PadRight(chart.SparkZero(r.values, sparkW), sparkW) + " " + common.PadLeft(r.now, nowW)
		out = append(out, common.Truncate(line, width))
		if r.words != "" {
			for _, l := range common.Wrap(r.words, width-4) {
				out = append(out, "    "+l)
			}
		}
	}
	return out
}

// fitTrends renders the trends into their viewport at the current size.
func (m *Model) fitTrends() {
	w := m.trendsWidth()
	m.trendsVP.Width, m.trendsVP.Height = max(w, 1), m.bodyHeight()
	if m.width > 0 {
		m.trendsVP.SetContent(strings.Join(m.trendLines(w), "\n"))
	}
}
