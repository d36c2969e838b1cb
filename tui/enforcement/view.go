package enforcement

import (
	"fmt"
	"strings"

	"caseload/domain"
	"caseload/tui/common"
)

// labelWidth is the width of the label column; dateWidth of a timeline
// step's date ("Wed 11 Mar 2026" and two spaces).
const (
	labelWidth = 12
	dateWidth  = 17
)

func splitLines(s string) []string { return strings.Split(s, "\n") }

// View draws the pane: a title line, the case (scrolled with j/k) and an
// open form under it.
func (m Model) View() string {
	if m.width == 0 {
		return ""
	}
	s := m.ctx.Styles
	if m.ref == "" && m.doc == nil {
		return s.Muted.Render(common.Truncate("No account selected: highlight one in the Caseload pane (1).", m.width))
	}
	head := s.Title.Render("Enforcement " + m.ref)
	if m.doc != nil {
		head = m.doc.head(m)
	} else if m.loaded && m.err == nil {
		head += "  " + m.view.Name
		if m.view.Vulnerable {
			head += "  " + s.Danger.Render("⚠ VULNERABLE")
		}
	}
	if m.vp.TotalLineCount() > m.vp.Height {
		head += s.Muted.Render(fmt.Sprintf("  (%d%% · j/k scroll)", int(m.vp.ScrollPercent()*100)))
	}
	v := common.Truncate(head, m.width) + "\n" + m.vp.View()
	if m.form != nil {
		f := m.form.View(m.width)
		v = common.FitHeight(v, max(m.height-len(splitLines(f)), 1)) + "\n" + f
	}
	return v
}

// render is the case in width cells: one labelled block per part, in the
// order an officer checks them before acting.
func (m Model) render(w int) string {
	s := m.ctx.Styles
	switch {
	case m.ref == "":
		return ""
	case !m.loaded:
		return s.Muted.Render("Loading " + m.ref + "…")
	case m.err != nil:
		return s.Error.Render("✗ " + m.err.Error())
	}
	v := m.view
	var b strings.Builder
	label := ""
	// row writes a value under a label, wrapped; danger marks it in the
	// danger style line by line, so no colour runs into the next label.
	row := func(l, value string, danger bool) {
		prefix := s.Label.Render(common.PadRight(l, labelWidth))
		for _, line := range common.Wrap(value, w-labelWidth) {
			if danger {
				line = s.Danger.Render(line)
			}
			b.WriteString(prefix + line + "\n")
			prefix = strings.Repeat(" ", labelWidth)
		}
	}
	// block writes lines under one label, each wrapped with its own
	// prefix and the following lines indented to match; the label shows
	// on the first only.
	block := func(l string, lines [][2]string) {
		label = l
		for _, line := range lines {
			prefix := s.Label.Render(common.PadRight(label, labelWidth))
			for _, part := range common.WrapIndent(line[0], line[1], w-labelWidth) {
				b.WriteString(prefix + part + "\n")
				prefix = strings.Repeat(" ", labelWidth)
			}
			label = ""
		}
	}
	plain := func(lines []string) [][2]string {
		out := make([][2]string, len(lines))
		for i, l := range lines {
			out[i] = [2]string{"", l}
		}
		return out
	}
	row("Stage", v.Stage, false)
	row("Balance", v.Arrears, v.Balance.IsPositive())
	if v.Vulnerable {
		row("Flags", "⚠ VULNERABLE — "+domain.VulnerableCaution, true)
	}

	if v.Possession {
		b.WriteString("\n")
		var notices [][2]string
		for _, n := range v.Notices {
			glyph := "✓ "
			if !n.InForce {
				glyph = "✗ "
			}
			notices = append(notices, [2]string{glyph, n.Label + " " + n.Served.Human() + ": " + n.Status})
			for _, how := range n.Counted {
				notices = append(notices, [2]string{"  ", how})
			}
		}
		if len(notices) == 0 {
			notices = plain([]string{"none served"})
		}
		block("Notices", notices)
		court := []string{"no claim issued"}
		if v.Court != nil {
			court = v.Court.Lines
		}
		label = "Court"
		for _, line := range court {
			row(label, line, strings.Contains(line, "BREACHED"))
			label = ""
		}
		pre := append([]string(nil), v.PreAction...)
		if len(pre) > 0 {
			pre[0] += " (t: checklist)"
		}
		block("Pre-action", plain(pre))
	}

	b.WriteString("\n")
	var todo [][2]string
	for _, it := range v.Recommended {
		todo = append(todo, [2]string{fmt.Sprintf("%d ", it.Priority), string(it.Rule) + ": " + it.Reason + " → " + it.Action})
	}
	if len(todo) == 0 {
		todo = plain([]string{"nothing on the worklist today"})
	}
	block("To do", todo)

	var may []string
	var next [][2]string
	for _, n := range v.Next {
		if n.Refused == "" {
			may = append(may, string(n.Type))
		} else {
			next = append(next, [2]string{"✗ ", n.Refused})
		}
	}
	if len(may) > 0 {
		next = append([][2]string{{"✓ ", "may record now (e): " + strings.Join(may, ", ")}}, next...)
	}
	if v.NotDue != "" {
		next = append([][2]string{{"– ", v.NotDue}}, next...)
	}
	if len(next) == 0 {
		next = plain([]string{"no enforcement step may come next"})
	}
	block("Next steps", next)

	b.WriteString("\n")
	var steps [][2]string
	for _, st := range v.Timeline {
		text := st.Words() + " — " + st.Officer
		if !m.full {
			text = common.Truncate(text, w-labelWidth-dateWidth)
		}
		steps = append(steps, [2]string{common.PadRight(st.Date.Human(), dateWidth), text})
	}
	if len(steps) == 0 {
		steps = plain([]string{"no enforcement step recorded"})
	}
	block("Timeline", steps)
	return strings.TrimRight(b.String(), "\n")
}
