package reports

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"caseload/tui/common"
)

// headerLines is the height of the pane's heading: what the report is
// for, the choices, and a blank line.
const headerLines = 3

// sideBySide reports whether the figures and the trends are shown
// together: on a screen wide enough, unless the officer asked for the
// trends on their own (to scroll them).
func (m Model) sideBySide() bool { return m.width >= 140 && !m.showTrends }

// trendsWidth is the width of the trends column beside the figures, or
// the whole width when they are shown alone.
func (m Model) trendsWidth() int {
	if m.sideBySide() {
		return m.width * 2 / 5
	}
	return m.width
}

// figuresWidth is the width of the figures column.
func (m Model) figuresWidth() int {
	if m.sideBySide() {
		return m.width - m.trendsWidth() - 3
	}
	return m.width
}

// bodyHeight is the height under the heading.
func (m Model) bodyHeight() int { return max(m.height-headerLines, 1) }

// View draws the pane in exactly its height.
func (m Model) View() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	var body string
	switch {
	case m.picker != nil:
		body = m.pickerView()
	case m.drill != nil:
		body = m.drillView()
	case !m.loaded:
		body = m.waitView()
	case m.sideBySide():
		left := common.FitHeight(m.figuresView(m.figuresWidth()), m.bodyHeight())
		right := common.FitHeight(m.trendsVP.View(), m.bodyHeight())
		rule := strings.TrimSuffix(strings.Repeat(" │ \n", m.bodyHeight()), "\n")
		body = lipgloss.JoinHorizontal(lipgloss.Top, padBlock(left, m.figuresWidth()), rule, right)
	case m.showTrends:
		body = m.trendsVP.View()
	default:
		body = m.figuresView(m.width)
	}
	lines := strings.Split(common.FitHeight(m.header()+"\n"+common.FitHeight(body, m.bodyHeight()), m.height), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// padBlock pads every line of a block to width cells, so a column beside
// it starts in the same place on every line.
func padBlock(s string, width int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = common.PadRight(l, width)
	}
	return strings.Join(lines, "\n")
}

// header names the report on screen, the choice being loaded when it
// differs, and the choices the keys move between.
func (m Model) header() string {
	s := m.ctx.Styles
	shown := m.shown
	if !m.loaded {
		shown = m.choice
	}
	title := "Reports · " + shown.scopeWords() + " · " + shown.periodWords()
	if shown.soFar(m.ctx.Today) {
		title += " so far"
	}
	// The day the figures stand at: the period's end once it has closed.
	right := "as at today"
	if !shown.soFar(m.ctx.Today) {
		right = "as at " + shown.period().To.Short()
	}
	switch {
	case m.loading && m.choice != m.shown && m.loaded:
		right = "loading " + m.choice.scopeWords() + " · " + m.choice.periodWords() + "…"
	case m.loading:
		right = "loading…"
	case m.loadErr != nil:
		right = "✗ not loaded: ctrl+r tries again"
	}
	line := common.Truncate(title, max(m.width-lipgloss.Width(right)-2, 10))
	gap := max(m.width-lipgloss.Width(line)-lipgloss.Width(right), 1)
	first := s.Title.Render(line) + strings.Repeat(" ", gap) + s.Muted.Render(right)
	choices := "scope " + marked(scopeNames, int(m.choice.scope)) + "  ·  period " + marked(kindNames, int(m.choice.kind))
	return common.Truncate(first, m.width) + "\n" + s.Muted.Render(common.Truncate(choices, m.width)) + "\n"
}

// marked lists the names with the chosen one in brackets: "[week] month
// year" (brackets, not colour, say which).
func marked(names []string, chosen int) string {
	out := make([]string, len(names))
	for i, n := range names {
		if i == chosen {
			n = "[" + n + "]"
		}
		out[i] = n
	}
	return strings.Join(out, " ")
}

// waitView is the body before the first report arrives.
func (m Model) waitView() string {
	s := m.ctx.Styles
	if m.loadErr != nil {
		return s.Error.Render(common.Truncate("  ✗ "+m.loadErr.Error(), m.width)) + "\n" +
			s.Muted.Render("  ctrl+r tries again.")
	}
	return s.Muted.Render("  Working out the figures (loading)… the screen stays free: keys still work.")
}

// figureLayout is the columns of a figure row in width cells: the name,
// the value, and the formula beside them — or, when that would leave the
// formula fewer than 40 cells (80 columns), formulaW 0: the formula goes
// under the name across the whole width, which reads better than a
// narrow column of many lines.
func figureLayout(width int) (nameW, valueW, formulaW int) {
	valueW = 13
	nameW = min(30, max(width/3, 16))
	formulaW = width - 2 - nameW - 1 - valueW - 3
	if formulaW < 40 {
		return width - 2 - 1 - valueW - 3, valueW, 0
	}
	return nameW, valueW, formulaW
}

// figureBlocks renders every figure (with a heading where its section
// starts): the lines of each, and the line each figure starts on (its
// section's heading, for the first of a section).
func (m Model) figureBlocks(width int) (lines []string, starts []int) {
	s := m.ctx.Styles
	nameW, valueW, formulaW := figureLayout(width)
	for _, n := range m.notes {
		for _, l := range common.Wrap(n, width-2) {
			lines = append(lines, s.Muted.Render("  "+l))
		}
	}
	if len(m.notes) > 0 {
		lines = append(lines, "")
	}
	section := ""
	for i, f := range m.figures {
		if f.section != section {
			section = f.section
			if i > 0 {
				lines = append(lines, "")
			}
			starts = append(starts, len(lines))
			// A rule, not only a style, marks the heading under NO_COLOR.
			head := "── " + common.Truncate(section, max(width-4, 1)) + " "
			lines = append(lines, s.Label.Render(head+strings.Repeat("─", max(width-lipgloss.Width(head), 0))))
		} else {
			starts = append(starts, len(lines))
		}
		names := common.Wrap(f.name, nameW)
		var formula []string
		if formulaW > 0 {
			formula = common.Wrap(f.formula, formulaW)
		}
		mark := "  "
		if f.drillable() {
			mark = " ▸" // enter lists the accounts behind it
		}
		glyph := "  "
		if i == m.cursor {
			glyph = common.SelectGlyph + " "
		}
		for j := 0; j < max(len(names), len(formula), 1); j++ {
			var b strings.Builder
			b.WriteString(glyph)
			glyph = "  "
			b.WriteString(common.PadRight(at(names, j), nameW) + " ")
			if j == 0 {
				b.WriteString(common.PadLeft(f.value, valueW) + mark + " ")
			} else {
				b.WriteString(strings.Repeat(" ", valueW+3))
			}
			line := b.String()
			if j == 0 && i == m.cursor {
				line = s.Selected.Render(line)
			}
			if f := at(formula, j); f != "" {
				line += s.Muted.Render(f)
			}
			lines = append(lines, strings.TrimRight(line, " "))
		}
		if formulaW == 0 && f.formula != "" {
			for j, l := range common.Wrap(f.formula, width-6) {
				prefix := "      "
				if j == 0 {
					prefix = "    = "
				}
				lines = append(lines, s.Muted.Render(prefix+l))
			}
		}
	}
	return lines, starts
}

// at is the i-th line, or "" past the end.
func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return ""
}

// figuresView is the figures shown from the scrolled line.
func (m Model) figuresView(width int) string {
	if len(m.figures) == 0 {
		return m.ctx.Styles.Muted.Render("  No figures for this choice.")
	}
	lines, _ := m.figureBlocks(width)
	from := min(m.offset, max(len(lines)-1, 0))
	return strings.Join(lines[from:min(from+m.bodyHeight(), len(lines))], "\n")
}

// pageFigures is about how many figures a screen shows, for page keys.
func (m Model) pageFigures() int { return max(m.bodyHeight()/2, 1) }

// clamp keeps the highlighted figure in range and its first lines on
// screen.
func (m *Model) clamp() {
	m.cursor = max(min(m.cursor, len(m.figures)-1), 0)
	if len(m.figures) == 0 || m.width == 0 {
		m.offset = 0
		return
	}
	lines, starts := m.figureBlocks(m.figuresWidth())
	start, end := starts[m.cursor], len(lines)
	if m.cursor == 0 {
		start = 0 // the notes above the first figure too
	}
	if m.cursor+1 < len(starts) {
		end = starts[m.cursor+1]
	}
	h := m.bodyHeight()
	if start < m.offset {
		m.offset = start
	}
	if end > m.offset+h {
		m.offset = min(end-h, start)
	}
	m.offset = max(min(m.offset, len(lines)-h), 0)
}
