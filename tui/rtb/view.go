package rtb

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"caseload/domain/rtb"
	"caseload/store"
	"caseload/tui/common"
)

// rowHeight is the lines per claim in the list: who and the next deadline
// on the first, the stage and the warnings on the second, so every marker
// fits in words even at 80 columns.
const rowHeight = 2

// below is what sits under the list or the claim: the open form, and the
// calculator's live answer under its form.
func (m Model) below() string {
	if m.form == nil {
		return ""
	}
	v := m.form.View(m.width)
	if m.formKind == formDiscount {
		if d := m.discountView(); d != "" {
			v += "\n" + d
		}
	}
	return v
}

// previewLines is the height of the panel under the list that shows the
// highlighted claim in full words: at least a few lines, and whatever the
// rows leave free (none on a short screen or with a form open).
func (m Model) previewLines() int {
	if m.form != nil || m.height < 16 {
		return 0
	}
	least := 5
	if m.height >= 40 {
		least = 9
	}
	return max(least, m.viewHeight()-1-len(m.visible)*rowHeight)
}

// viewHeight is the height left for the list or the claim above a form.
func (m Model) viewHeight() int {
	h := m.height
	if b := m.below(); b != "" {
		h -= lipgloss.Height(b)
	}
	return max(h, 1)
}

// rowsFit is the number of claims the list shows at once.
func (m Model) rowsFit() int {
	return max((m.viewHeight()-1-m.previewLines())/rowHeight, 1)
}

// View draws the pane in exactly its height.
func (m Model) View() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	var top string
	if m.viewing {
		top = m.caseHeader() + "\n" + m.vp.View()
	} else {
		top = m.listView()
	}
	b := m.below()
	if b == "" {
		return common.FitHeight(top, m.height)
	}
	if lipgloss.Height(b) >= m.height {
		return common.FitHeight(b, m.height)
	}
	return common.FitHeight(common.FitHeight(top, m.height-lipgloss.Height(b))+"\n"+b, m.height)
}

func (m Model) caseHeader() string {
	s := m.ctx.Styles
	l, ok := m.lineByID(m.viewID)
	if !ok {
		return s.Muted.Render("Loading the claim…")
	}
	head := s.Title.Render("Right to Buy · "+l.Ref+" "+l.Name) + "  " + string(l.Stage)
	if !l.Open {
		head += s.Muted.Render(" (closed)")
	}
	if m.vp.TotalLineCount() > m.vp.Height {
		head += s.Muted.Render(fmt.Sprintf("  %d%% · j/k scroll", int(m.vp.ScrollPercent()*100)))
	}
	return common.Truncate(head, m.width)
}

func (m Model) listView() string {
	s := m.ctx.Styles
	var b strings.Builder
	b.WriteString(m.infoLine() + "\n")
	switch {
	case !m.loaded:
		b.WriteString(s.Muted.Render("  Loading Right to Buy claims…"))
	case m.loadErr != nil:
		b.WriteString(s.Error.Render(common.Truncate("  ✗ "+m.loadErr.Error(), m.width)))
	case len(m.visible) == 0:
		msg := "  No open Right to Buy claims."
		if m.selected != "" {
			msg += " n opens one for " + m.selected + "."
		}
		if !m.showClosed && len(m.lines) > 0 {
			msg += " a shows the closed ones."
		}
		b.WriteString(s.Muted.Render(common.Truncate(msg, m.width)))
	}
	end := min(m.offset+m.rowsFit(), len(m.visible))
	for i := m.offset; i < end; i++ {
		b.WriteString(m.renderRow(m.lines[m.visible[i]], i == m.cursor))
		if i < end-1 {
			b.WriteByte('\n')
		}
	}
	list := b.String()
	if p := m.previewLines(); p > 0 {
		area := m.viewHeight() - p
		return common.FitHeight(list, area) + "\n" + s.Muted.Render(strings.Repeat("─", m.width)) + "\n" + common.FitHeight(m.preview(), p-1)
	}
	return list
}

// infoLine counts the claims and says what the list shows.
func (m Model) infoLine() string {
	s := m.ctx.Styles
	open, overdue, soon := 0, 0, 0
	for _, l := range m.lines {
		if !l.Open {
			continue
		}
		open++
		switch l.Urgency() {
		case rtb.UrgencyOverdue:
			overdue++
		case rtb.UrgencyDueToday, rtb.UrgencyDueSoon:
			soon++
		}
	}
	who := "whole borough"
	if m.patch != "" {
		who = m.patch + "'s patch"
	}
	// Most telling first: the line is cut to the width.
	parts := []string{s.Title.Render("Right to Buy")}
	if m.selected != "" {
		if _, ok := m.lineForRef(m.selected); !ok {
			parts = append(parts, s.Warning.Render(m.selected+" has no claim: n starts one"))
		}
	}
	parts = append(parts, fmt.Sprintf("%d open", open))
	if overdue > 0 {
		parts = append(parts, s.Danger.Render(fmt.Sprintf("%d OVERDUE", overdue)))
	}
	if soon > 0 {
		parts = append(parts, s.Warning.Render(fmt.Sprintf("%d DUE SOON", soon)))
	}
	if m.showClosed {
		parts = append(parts, s.Muted.Render("closed shown"))
	}
	parts = append(parts, who, s.Muted.Render("most urgent first"))
	return common.Truncate(strings.Join(parts, " · "), m.width)
}

// urgency is the claim's time left in words, with its style.
func (m Model) urgency(l store.RTBLine) (string, lipgloss.Style) {
	s := m.ctx.Styles
	switch {
	case !l.Open:
		return "closed", s.Muted
	case !l.HasNext:
		return "waiting", s.Muted
	}
	return rtb.LeftWords(l.Next.DaysLeft, m.dueSoon), leftStyle(l.Next.DaysLeft, m.dueSoon, m.ctx.Styles)
}

// marker is one word-marker on a claim with its style.
type marker struct {
	text  string
	style lipgloss.Style
}

// markers are the claim's warnings in words, most telling first (the line
// is cut to the width): a fraud concern, a deadline on a bank holiday or a
// weekend, a date the statute leaves ±1 day, records to put right. On a
// narrow screen the fraud marker is short; the preview under the list and
// the claim's view say in full that the clocks keep running.
func (m Model) markers(l store.RTBLine) []marker {
	s := m.ctx.Styles
	var out []marker
	if l.FraudConcern {
		text := "⚑ FRAUD CONCERN"
		if m.width >= 100 {
			text += " — clocks keep running"
		}
		out = append(out, marker{text, s.Danger})
	}
	if l.HasNext {
		d := l.Next.Deadline
		switch {
		case d.BankHoliday != "":
			out = append(out, marker{"bank holiday", s.Warning})
		case weekend(d.Due):
			out = append(out, marker{"weekend", s.Warning})
		}
		if d.PlusMinusOneDay {
			out = append(out, marker{"±1 day", s.Muted})
		}
	}
	if len(l.Problems) > 0 {
		out = append(out, marker{"✗ records to fix", s.Error})
	}
	return out
}

func (m Model) nameWidth() int { return min(max(m.width/5, 14), 28) }

// renderRow draws a claim in two lines.
func (m Model) renderRow(l store.RTBLine, selected bool) string {
	s := m.ctx.Styles
	glyph := "  "
	if selected {
		glyph = common.SelectGlyph + " "
	}
	word, wordStyle := m.urgency(l)
	next := ""
	if l.HasNext {
		// The date first: a long deadline name may be cut, the date never.
		d := l.Next.Deadline
		next = "due " + d.Due.Short() + " · " + d.Name
		if m.width >= 120 {
			next = "due " + d.Due.Human() + " · " + d.Name + " · " + string(d.Who)
		}
	}
	head := glyph + common.PadRight(l.Ref, 8) + common.PadRight(l.Name, m.nameWidth()) + " "
	restW := max(m.width-lipgloss.Width(head)-13, 8)
	var words []string
	for _, mk := range m.markers(l) {
		words = append(words, mk.text)
	}
	second := "    " + string(l.Stage)
	if len(words) > 0 {
		second += " · " + strings.Join(words, " · ")
	}
	if selected {
		line1 := head + common.PadRight(word, 13) + common.Truncate(next, restW)
		return s.Selected.Render(common.PadRight(line1, m.width)) + "\n" + s.Selected.Render(common.PadRight(second, m.width))
	}
	line1 := head + wordStyle.Render(common.PadRight(word, 13)) + common.Truncate(next, restW)
	if !l.Open {
		line1 = s.Muted.Render(common.PadRight(glyph+common.PadRight(l.Ref, 8)+common.PadRight(l.Name, m.nameWidth())+" "+word, m.width))
	}
	// The second line: the stage muted, each marker in its own colour, cut
	// to the width with the words kept whole where they fit.
	var b strings.Builder
	b.WriteString(s.Muted.Render(common.Truncate("    "+string(l.Stage), m.width)))
	used := lipgloss.Width("    " + string(l.Stage))
	for _, mk := range m.markers(l) {
		w := lipgloss.Width(" · " + mk.text)
		if used+w > m.width {
			b.WriteString(s.Muted.Render(common.Truncate(" · "+mk.text, max(m.width-used, 0))))
			break
		}
		b.WriteString(" · " + mk.style.Render(mk.text))
		used += w
	}
	return line1 + "\n" + b.String()
}

// preview is the highlighted claim in full words under the list.
func (m Model) preview() string {
	s := m.ctx.Styles
	l, ok := m.current()
	if !ok {
		return ""
	}
	f := l.Case.Facts()
	var b []string
	b = append(b, s.Title.Render(common.Truncate(fmt.Sprintf("%s %s · %s · RTB1 received %s · %s", l.Ref, l.Name, l.Address,
		f.Received.Human(), l.ID), m.width)))
	// Most important first: the panel is cut to its height.
	if l.HasNext {
		style := leftStyle(l.Next.DaysLeft, m.dueSoon, s)
		for _, line := range common.WrapIndent("Next: ", fmt.Sprintf("%s — %s to act", l.Next.Words(), l.Next.Deadline.Who), m.width) {
			b = append(b, style.Render(line))
		}
	} else {
		b = append(b, s.Muted.Render("Nothing waiting: "+strings.ToLower(string(l.Stage))))
	}
	if l.FraudConcern {
		for _, line := range common.WrapIndent("", "⚑ FRAUD CONCERN: "+concernWords(l.Case.Fraud())+" — the clocks keep running.", m.width) {
			b = append(b, s.Danger.Render(line))
		}
	}
	if l.HasNext {
		for _, warn := range l.Next.Deadline.Warnings {
			if strings.HasPrefix(warn, "fraud concern") {
				continue // said above, in full
			}
			for _, line := range common.WrapIndent("Warning: ", warn, m.width) {
				b = append(b, s.Warning.Render(line))
			}
		}
		b = append(b, common.WrapIndent("How: ", l.Next.Deadline.Rule, m.width)...)
	}
	b = append(b, s.Muted.Render(common.Truncate("enter opens every date and how it was counted · e records the next step", m.width)))
	return strings.Join(b, "\n")
}
