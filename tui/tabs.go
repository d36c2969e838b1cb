package tui

import (
	"github.com/charmbracelet/lipgloss"

	"caseload/tui/common"
)

// fitTabs cuts the inactive tabs' labels ("4 Right to Buy") so the tab row
// (the active one in brackets, each other padded by a space either side)
// fits width cells: the longest labels give way first, each keeping its
// digit, and the active tab is never cut. Labels that fit are returned as
// they are.
func fitTabs(labels []string, active, width int) []string {
	total := 0
	for _, l := range labels {
		total += lipgloss.Width(l) + 2
	}
	if total <= width || active < 0 || active >= len(labels) {
		return labels
	}
	budget := width - lipgloss.Width(labels[active]) - 2
	// The widest label an inactive tab may keep: the largest that fits.
	widest := 0
	for limit := 2; ; limit++ {
		used, longer := 0, false
		for i, l := range labels {
			if i != active {
				used += min(lipgloss.Width(l), limit) + 2
				longer = longer || lipgloss.Width(l) > limit
			}
		}
		if used > budget {
			break
		}
		widest = limit
		if !longer {
			break
		}
	}
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = l
		if i != active {
			out[i] = common.Truncate(l, max(widest, 2))
		}
	}
	return out
}
