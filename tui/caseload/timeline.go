package caseload

import (
	"strings"

	"caseload/tui/common"
)

// A note on the timeline is often longer than the screen is wide: enter in
// the account view shows every entry in full, wrapped under its date, and
// enter again puts them back to one line each.

// timelineEntry is one entry of the timeline in width cells: cut to one
// line, or in full.
func timelineEntry(text string, width int, full bool) string {
	if !full {
		return common.Truncate(text, width) + "\n"
	}
	// Continuation lines start under the text, past the date ("23 Nov 26  ").
	const dateW = 11
	lines := common.Wrap(text, width-dateW)
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteString(strings.Repeat(" ", dateW))
		}
		b.WriteString(l + "\n")
	}
	return b.String()
}

func fullWords(full bool) string {
	if full {
		return "  (enter: one line each)"
	}
	return "  (enter: notes in full)"
}

// toggleFull shows the timeline in full or one line each.
func (d *detail) toggleFull(w, h int) {
	d.full = !d.full
	d.setSize(w, h)
}
