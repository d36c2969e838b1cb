package caseload

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/common"
)

// shortLabels are the section tabs when the screen is narrow.
var shortLabels = []string{"Today", "Broken", "Notices", "RTB", "Diary", "Paused", "All"}

// previewLines is the height of the panel under the list that shows the
// highlighted account's items in full (none on a short screen or with a
// form open).
func (m Model) previewLines() int {
	if m.form != nil || m.height < 16 {
		return 0
	}
	return 6
}

// listHeight is the number of account rows that fit.
func (m Model) listHeight() int {
	h := m.height - 3 - m.previewLines() // sections, info, column header
	if m.form != nil {
		h -= lipgloss.Height(m.form.View(m.width))
	}
	return max(h, 1)
}

// preview is the highlighted account's worklist items in full words.
func (m Model) preview() string {
	s := m.ctx.Styles
	l, ok := m.current()
	if !ok {
		return ""
	}
	var b []string
	head := l.Ref + "  " + l.Name + "  " + l.Balance.Balance()
	if l.WeeksKnown && l.Balance.IsPositive() {
		head += " (" + l.Weeks.Words() + ")"
	}
	if l.Address != "" {
		head += "  · " + l.Address + " " + l.Postcode
	}
	b = append(b, s.Title.Render(common.Truncate(head, m.width)))
	wrap := func(prefix, text string) { b = append(b, common.WrapIndent(prefix, text, m.width)...) }
	for _, it := range l.Items() {
		wrap(fmt.Sprintf("%3d %s: ", it.Priority, it.Rule), it.Reason+" → "+it.Action)
	}
	for _, n := range l.Notes {
		wrap("    · ", n)
	}
	if l.Technical != "" {
		wrap("    not yet due: ", l.Technical)
	}
	if len(b) == 1 && m.early {
		b = append(b, s.Muted.Render("    what to do: "+m.marker()))
	} else if len(b) == 1 {
		b = append(b, s.Muted.Render("    nothing to do today"))
	}
	return strings.Join(b, "\n")
}

// View draws the pane.
func (m Model) View() string {
	if m.width == 0 {
		return ""
	}
	if m.detail != nil {
		v := m.detail.view(m.width)
		if m.form != nil {
			f := m.form.View(m.width)
			v = common.FitHeight(v, max(m.height-lipgloss.Height(f), 1)) + "\n" + f
		}
		return v
	}
	s := m.ctx.Styles
	var b strings.Builder
	b.WriteString(m.sectionTabs() + "\n")
	b.WriteString(m.infoLine() + "\n")
	reason := "reason"
	if m.early {
		reason = m.marker()
	}
	b.WriteString(s.Label.Render(m.row("", "pri", "ref", "name", "balance", "weeks", "rule", reason)) + "\n")
	h := m.listHeight()
	switch {
	case !m.loaded && !m.early:
		b.WriteString(s.Muted.Render("  Loading the caseload…"))
	case len(m.lines) == 0 && !m.everyPatch:
		for _, line := range emptyWords(m.width) {
			b.WriteString(s.Muted.Render(line) + "\n")
		}
	case len(m.visible) == 0 && m.filter.Value() != "":
		b.WriteString(s.Muted.Render("  No account matches “" + m.filter.Value() + "”. esc clears the filter."))
	case len(m.visible) == 0:
		b.WriteString(s.Muted.Render("  Nothing in " + sectionLabel(sections[m.section]) + " today."))
	}
	end := min(m.offset+h, len(m.visible))
	for i := m.offset; i < end; i++ {
		b.WriteString(m.renderLine(m.lines[m.visible[i]], i == m.cursor))
		if i < end-1 {
			b.WriteByte('\n')
		}
	}
	if more := m.earlyMore(); more > 0 && end == len(m.visible) && end-m.offset < h {
		b.WriteString("\n" + s.Muted.Render(fmt.Sprintf("  … %d more when the worklist has loaded", more)))
	}
	below := ""
	switch {
	case m.form != nil:
		below = m.form.View(m.width)
	case m.previewLines() > 0:
		below = s.Muted.Render(strings.Repeat("─", m.width)) + "\n" + common.FitHeight(m.preview(), m.previewLines()-1)
	}
	if below == "" {
		return common.FitHeight(b.String(), m.height)
	}
	return common.FitHeight(b.String(), m.height-lipgloss.Height(below)) + "\n" + below
}

func (m Model) sectionTabs() string {
	s := m.ctx.Styles
	render := func(labels []string) string {
		parts := make([]string, len(sections))
		for i := range sections {
			n := 0
			if i < len(m.counts) {
				n = m.counts[i]
			}
			label := fmt.Sprintf("%s %d", labels[i], n)
			if m.early && sections[i] != worklist.SectionWhole {
				label = labels[i] + " …" // not known until the worklist is
			}
			if i == m.section {
				parts[i] = s.BadgeActive.Render("[" + label + "]")
			} else {
				parts[i] = s.Badge.Render(" " + label + " ")
			}
		}
		return strings.Join(parts, " ")
	}
	full := make([]string, len(sections))
	for i, sec := range sections {
		full[i] = sectionLabel(sec)
	}
	if line := render(full); lipgloss.Width(line) <= m.width {
		return line
	}
	return common.Truncate(render(shortLabels), m.width)
}

func (m Model) infoLine() string {
	s := m.ctx.Styles
	if m.filtering || m.filter.Value() != "" {
		where := "whole caseload"
		if m.everyPatch {
			where = "every patch"
		}
		return common.Truncate(m.filter.View()+s.Muted.Render(fmt.Sprintf("  %d match · %s", len(m.visible), where)), m.width)
	}
	who := "whole borough"
	if m.patch != "" {
		who = m.patch + "'s patch"
	}
	if m.early {
		// The accounts are known, the worklist's order is not yet.
		order := m.sort.String()
		if m.sort == sortPriority {
			order = sortRef.String()
		}
		shown := fmt.Sprintf("%d shown", len(m.visible))
		if more := m.earlyMore(); more > 0 {
			shown = fmt.Sprintf("%d of %d", len(m.visible), len(m.visible)+more)
		}
		info := fmt.Sprintf("⏳ %s · %s · by %s · %s", m.marker(), who, order, shown)
		return s.Muted.Render(common.Truncate(info, m.width))
	}
	info := fmt.Sprintf("%s · %s · sorted by %s · %d shown", sectionLabel(sections[m.section]), who, m.sort, len(m.visible))
	return s.Muted.Render(common.Truncate(info, m.width))
}

// widths of the fixed columns; name and reason share the rest.
const (
	wGlyph = 2
	wPri   = 4
	wRef   = 9
	wBal   = 12
	wWeeks = 6
	wRule  = 19
)

func (m Model) showRule() bool { return m.width >= 110 }

func (m Model) row(glyph, pri, ref, name, bal, weeks, rule, reason string) string {
	rest := m.width - wGlyph - wPri - wRef - wBal - wWeeks - 4
	if m.showRule() {
		rest -= wRule
	}
	nameW := min(max(rest/3, 12), 24)
	reasonW := max(rest-nameW, 8)
	cols := common.PadRight(glyph, wGlyph) + common.PadLeft(pri, wPri-1) + " " + common.PadRight(ref, wRef) +
		common.PadRight(name, nameW) + " " + common.PadLeft(bal, wBal) + " " + common.PadLeft(weeks, wWeeks-1) + "  "
	if m.showRule() {
		cols += common.PadRight(rule, wRule)
	}
	return cols + common.Truncate(reason, reasonW)
}

func (m Model) renderLine(l store.CaseLine, selected bool) string {
	s := m.ctx.Styles
	glyph := ""
	if m.isMarked(l.Ref) {
		glyph = "✚" // in the next visit pack
	}
	if selected {
		glyph = common.SelectGlyph
		if m.isMarked(l.Ref) {
			glyph = "›✚"
		}
	}
	pri, rule, reason := "", "", ""
	switch {
	case l.Triaged():
		pri, rule, reason = fmt.Sprint(l.Top.Priority), string(l.Top.Rule), l.Top.Reason
		if len(l.Others) > 0 {
			reason += fmt.Sprintf(" (+%d)", len(l.Others))
		}
	case l.Paused:
		rule, reason = "paused", "until "+l.PausedUntil.DayMonth()+": "+l.PauseReason
	case l.Technical != "":
		rule, reason = "technical", l.Technical
	case len(l.Done) > 0:
		rule, reason = "done today", string(l.Done[0].Rule)
	}
	weeks := ""
	if l.WeeksKnown && l.Balance.IsPositive() {
		weeks = l.Weeks.String()
	}
	if m.searching() && !m.early {
		// A match may be in any section: say which (once the worklist
		// tells).
		reason = "[" + sectionWord(l, m.showRule()) + "] " + reason
	}
	line := m.row(glyph, pri, l.Ref, l.Name, l.Balance.Balance(), weeks, rule, reason)
	switch {
	case selected:
		return s.Selected.Render(common.PadRight(line, m.width))
	case l.Triaged() && l.Top.Priority >= 85:
		return s.Danger.Render(line)
	case l.Triaged() && l.Top.Priority >= 70:
		return s.Warning.Render(line)
	case !l.Triaged():
		return s.Muted.Render(line)
	}
	return line
}

// emptyWords is the first screen of a database with no accounts: how to
// load the council's extract, or where to see the demo.
func emptyWords(width int) []string {
	var out []string
	for _, p := range []string{
		"No accounts yet.",
		"Load the housing system's extract: quit (q) and run  caseload ingest accounts FILE.csv  then  caseload ingest transactions FILE.csv  (formats: the extract spec). The accounts appear here.",
		"Or try a demo caseload first:  caseload demo  (it makes its own database, never this one).",
	} {
		out = append(out, common.WrapIndent("  ", p, width)...)
		out = append(out, "")
	}
	return out
}
