package caseload

import (
	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/common"
)

// The search (/) looks through the whole caseload, every section at once,
// and with ctrl+a through every officer's patch: an officer looking for a
// resident should not need to know which tab the case sits under today.

// sectionOf is the first section an account is listed in (the whole
// caseload when it is on no list today).
func sectionOf(l store.CaseLine) int {
	for i, s := range sections {
		if s != worklist.SectionWhole && inSection(l, s) {
			return i
		}
	}
	return len(sections) - 1
}

// searching reports whether the list shows search matches rather than a
// section.
func (m Model) searching() bool { return m.filter.Value() != "" }

// togglePatches switches the search between this officer's patch and every
// patch, and reloads.
func (m *Model) togglePatches() tea.Cmd {
	m.everyPatch = !m.everyPatch
	text := "Searching every patch (ctrl+a: only " + m.ctx.Officer + "'s)."
	if !m.everyPatch {
		text = "Searching " + m.ctx.Officer + "'s patch (ctrl+a: every patch)."
	}
	return tea.Batch(m.load(), common.Status(text))
}

// sectionWord is the label of the section a match is in, for its row.
func sectionWord(l store.CaseLine, wide bool) string {
	i := sectionOf(l)
	if sections[i] == worklist.SectionWhole {
		return "no list" // in the caseload, on no list today
	}
	if wide {
		return sectionLabel(sections[i])
	}
	return shortLabels[i]
}
