package sync

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"caseload/domain"
	"caseload/store"
	"caseload/tui/common"
)

// cells is the display width of s.
func cells(s string) int { return lipgloss.Width(s) }

// View draws the pane in exactly its height.
func (m Model) View() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	if m.bacs != nil {
		return m.bacs.View()
	}
	head := m.header() + "\n" + m.tabs()
	bodyH := max(m.height-2, 1)
	var body string
	if m.form != nil && m.running == "" {
		f := m.form.View(m.width)
		if lipgloss.Height(f) > bodyH {
			// A short screen shows the form alone, its bottom (the
			// problem or the confirmation) kept in view.
			return lastLines(f, m.height)
		}
		body = f
	} else {
		body = m.partView(bodyH)
	}
	if m.ask != nil {
		q := m.question()
		body = common.FitHeight(body, max(bodyH-lipgloss.Height(q), 0)) + "\n" + q
	}
	return common.FitHeight(head+"\n"+body, m.height)
}

// lastLines keeps the last h lines of s (exactly h).
func lastLines(s string, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[len(lines)-h:]
	}
	return common.FitHeight(strings.Join(lines, "\n"), h)
}

// header names this replica and its unsynced count.
func (m Model) header() string {
	s := m.ctx.Styles
	self := m.ctx.Store.Self()
	count := "counting unsynced changes…"
	switch {
	case m.loaded && !m.synced:
		count = "never synced"
	case m.loaded:
		count = plural(int(m.unsynced), "unsynced change")
	}
	line := fmt.Sprintf("Replica %s · id %s · %s", self.Name, self.ID, count)
	if cells(line) > m.width {
		line = fmt.Sprintf("Replica %s · id %s · %s", self.Name, self.Short(), count)
	}
	return s.Title.Render(common.Truncate(line, m.width))
}

// tabs are the pane's parts, with what waits for review counted.
func (m Model) tabs() string {
	s := m.ctx.Styles
	labels := []string{"Export", "Import", "Conflicts", "Duplicates"}
	if m.loaded {
		labels[partConflicts] = fmt.Sprintf("Conflicts %d", len(m.conflicts))
		labels[partDuplicates] = fmt.Sprintf("Duplicates %d", len(m.duplicates))
	}
	parts := make([]string, len(labels))
	for i, l := range labels {
		if part(i) == m.part {
			parts[i] = s.BadgeActive.Render("[" + l + "]")
		} else {
			parts[i] = s.Badge.Render(" " + l + " ")
		}
	}
	return common.Truncate(strings.Join(parts, " "), m.width)
}

// question is the write waiting for y, wrapped to the width.
func (m Model) question() string {
	s := m.ctx.Styles
	var b []string
	for _, line := range common.Wrap(m.ask.text, m.width-2) {
		b = append(b, "  "+line)
	}
	b = append(b, s.Warning.Render("  y to confirm · any other key cancels · nothing is written until you confirm"))
	return s.Muted.Render(strings.Repeat("─", m.width)) + "\n" + strings.Join(b, "\n")
}

func (m Model) partView(h int) string {
	switch m.part {
	case partImport:
		return m.importView(h)
	case partConflicts:
		return m.conflictsView(h)
	case partDuplicates:
		return m.duplicatesView(h)
	}
	return m.exportView(h)
}

func (m Model) exportView(h int) string {
	s := m.ctx.Styles
	w := m.width
	var b []string
	add := func(line string) { b = append(b, common.Truncate(line, w)) }
	add("")
	add(s.Title.Render(" v  Visit pack") + ": everything needed to work on chosen accounts offline")
	switch n := len(m.marks); {
	case n > 0:
		add(fmt.Sprintf("      marked in the caseload: %s (%d)", listRefs(m.marks, 6), n))
	default:
		add(s.Muted.Render("      none marked yet (v on an account in the caseload marks it)"))
	}
	also := "or your whole patch (" + m.ctx.Officer + ")"
	if m.selected != "" {
		also = "selected account: " + m.selected + " · " + also
	}
	add("      " + also)
	add(s.Title.Render(" c  Changes pack") + ": what another replica has not yet been seen to hold")
	if len(m.peers) == 0 {
		add(s.Muted.Render("      no replica known yet: you can type its name"))
	} else {
		var names []string
		for _, p := range m.peers {
			if p.LastPack != "" {
				names = append(names, p.Name+" (last pack "+p.LastPack+")")
			} else {
				names = append(names, p.Name)
			}
		}
		add("      known: " + strings.Join(names, " · "))
	}
	add(s.Muted.Render(" Packs are encrypted with a passphrase unless you choose otherwise."))
	add("")
	switch {
	case m.running != "" && m.part == partExport:
		add(s.Warning.Render(" " + m.running))
	case m.running != "":
		add(s.Muted.Render(" " + m.running))
	case m.lastExport != nil:
		r := m.lastExport
		add(s.Good.Render(" Written: ") + truncLeft(r.file, w-10))
		add(fmt.Sprintf("   %s pack %s · %s", r.manifest.Kind, r.manifest.PackID, plural(r.manifest.Counts.Changes, "change")))
		if r.plain {
			add(s.Danger.Render("   NOT encrypted: keep the file safe and delete it when done."))
		} else {
			add(s.Good.Render("   encrypted") + " (the receiver needs the passphrase)")
		}
	}
	return common.FitHeight(strings.Join(b, "\n"), h)
}

func (m Model) importView(h int) string {
	s := m.ctx.Styles
	w := m.width
	var b []string
	add := func(line string) { b = append(b, common.Truncate(line, w)) }
	add("")
	add(s.Title.Render(" i  Import a pack file") + ": all of it or nothing; a dry run shows first")
	add(s.Muted.Render("    A refused file (wrong passphrase, damaged, altered, for another replica)"))
	add(s.Muted.Render("    changes nothing."))
	if m.identity.Fingerprint != "" {
		add(s.Muted.Render("    This replica signs its packs with key " + m.identity.Fingerprint + "."))
	}
	add("")
	switch {
	case m.running != "" && m.part == partImport:
		add(s.Warning.Render(" " + m.running))
	case m.running != "":
		add(s.Muted.Render(" " + m.running))
	case m.lastImport != nil:
		for _, line := range m.lastImport.report(m, w-1) {
			b = append(b, " "+line)
		}
	}
	return common.FitHeight(strings.Join(b, "\n"), h)
}

// fieldName is a conflict's field in words: an account field by its name,
// another record's field with the record's kind.
func fieldName(c store.Conflict) string {
	if c.Entity == "account" {
		return c.Field
	}
	return c.Entity + " " + c.Field
}

// changedBy says who set a conflicting value and when, first so a narrow
// screen keeps it: "by asmith 23 Nov 2026 10:15 UTC".
func changedBy(officer, at string) string {
	if officer == "" {
		return "by (unknown)"
	}
	when := at
	if t, err := time.Parse("2006-01-02T15:04:05Z", at); err == nil {
		when = t.Format("2 Jan 2006 15:04") + " UTC"
	}
	return "by " + officer + " " + when
}

// dateWords turns a stored YYYY-MM-DD into the officer's form.
func dateWords(s string, short bool) string {
	d, err := domain.ParseDate(s)
	if err != nil {
		return s
	}
	if short {
		return d.Short()
	}
	return d.Human()
}

// truncLeft cuts a path from the left ("…/caseload-visit-2026-11-23.clpack"):
// the file's name matters more than its folders.
func truncLeft(s string, width int) string {
	if cells(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && cells(string(r))+1 > width {
		r = r[1:]
	}
	return "…" + string(r)
}

// window is the first row to show so the cursor stays in view.
func window(cursor, rows int) int {
	return max(cursor-rows+1, 0)
}

func (m Model) conflictsView(h int) string {
	s := m.ctx.Styles
	if len(m.conflicts) == 0 {
		return common.FitHeight("\n"+s.Muted.Render(common.Truncate("  No conflicts waiting. When two officers change the same field without", m.width))+"\n"+
			s.Muted.Render(common.Truncate("  seeing each other's change, the import raises one here to settle.", m.width)), h)
	}
	const detailH = 4
	rows := max(h-1-detailH, 1)
	w := m.width
	fixed := 2 + 9 + 16 + 10
	valW := min(max((w-fixed)/2, 8), 40)
	row := func(glyph, ref, field, kept, other, raised string) string {
		return common.PadRight(glyph, 2) + common.PadRight(ref, 9) + common.PadRight(field, 16) +
			common.PadRight(kept, valW) + common.PadRight(other, valW) + common.Truncate(raised, 10)
	}
	var b []string
	b = append(b, s.Label.Render(common.Truncate(row("", "ref", "field", "kept (shown now)", "other (it beat)", "raised"), w)))
	from := window(m.conflictAt, rows)
	for i := from; i < min(from+rows, len(m.conflicts)); i++ {
		c := m.conflicts[i]
		glyph := ""
		if i == m.conflictAt {
			glyph = common.SelectGlyph
		}
		line := common.Truncate(row(glyph, c.Ref, fieldName(c), c.Kept, c.Other, dateWords(c.Raised, true)), w)
		if i == m.conflictAt {
			line = s.Selected.Render(common.PadRight(line, w))
		}
		b = append(b, line)
	}
	c, _ := m.conflict()
	detail := []string{
		s.Muted.Render(strings.Repeat("─", w)),
		s.Title.Render(common.Truncate(fmt.Sprintf("Conflict %d · %s · %s · raised %s", c.ID, c.Ref, fieldName(c), dateWords(c.Raised, false)), w)),
		common.Truncate("  kept  "+changedBy(c.KeptBy, c.KeptAt)+" (shown everywhere now): "+c.Kept, w),
		common.Truncate("  other "+changedBy(c.OtherBy, c.OtherAt)+" (the value it beat):    "+c.Other, w),
	}
	return common.FitHeight(strings.Join(b, "\n"), h-detailH) + "\n" + strings.Join(detail, "\n")
}

func (m Model) duplicatesView(h int) string {
	s := m.ctx.Styles
	if len(m.duplicates) == 0 {
		return common.FitHeight("\n"+s.Muted.Render(common.Truncate("  No probable duplicate payments waiting. An import flags a payment with the", m.width))+"\n"+
			s.Muted.Render(common.Truncate("  same account, amount, date and method from two replicas here.", m.width)), h)
	}
	const detailH = 5
	rows := max(h-1-detailH, 1)
	w := m.width
	row := func(glyph, ref, first, second, flagged, reason string) string {
		return common.PadRight(glyph, 2) + common.PadRight(ref, 9) + common.PadRight(first, 16) + common.PadRight(second, 16) +
			common.PadRight(flagged, 11) + reason
	}
	var b []string
	b = append(b, s.Label.Render(common.Truncate(row("", "ref", "first", "second", "flagged", "why"), w)))
	from := window(m.dupAt, rows)
	for i := from; i < min(from+rows, len(m.duplicates)); i++ {
		d := m.duplicates[i]
		glyph := ""
		if i == m.dupAt {
			glyph = common.SelectGlyph
		}
		line := common.Truncate(row(glyph, d.Ref, d.First, d.Second, dateWords(d.Flagged, true), d.Reason), w)
		if i == m.dupAt {
			line = s.Selected.Render(common.PadRight(line, w))
		}
		b = append(b, line)
	}
	d, _ := m.duplicate()
	detail := []string{
		s.Muted.Render(strings.Repeat("─", w)),
		s.Title.Render(common.Truncate(fmt.Sprintf("Duplicate %d on %s · %s and %s · flagged %s", d.ID, d.Ref, d.First, d.Second, dateWords(d.Flagged, false)), w)),
	}
	why := common.Wrap(d.Reason, w-2)
	for i := range min(len(why), 2) {
		detail = append(detail, "  "+why[i])
	}
	for len(detail) < detailH-1 {
		detail = append(detail, "")
	}
	detail = append(detail, s.Muted.Render(common.Truncate("  Both are kept. Recorded twice? L opens the ledger to reverse one; then r.", w)))
	return common.FitHeight(strings.Join(b, "\n"), h-detailH) + "\n" + strings.Join(detail, "\n")
}
