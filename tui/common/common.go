// Package common is what every pane shares: the program context (store,
// today, officer, styles), the messages panes send each other through the
// root, and small helpers for commands and layout.
package common

import (
	"caseload/domain/letters"
	"context"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"caseload/domain"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/theme"
)

// Context is the program's shared, read-only context, built once by the
// root and passed to every pane.
type Context struct {
	// Ctx is cancelled when the officer quits: every store call a pane
	// starts takes it, so nothing keeps reading after the TUI has gone.
	Ctx     context.Context
	Store   *store.Store
	Today   domain.Date
	Officer string
	Styles  *theme.Styles
	// Holidays are the bank holidays for working-day rules.
	Holidays domain.Holidays
	// Policy is the worklist policy (cadence, grace days, RTB urgency).
	Policy worklist.Policy
	// LedgerSource, when set, is the ledger pane's door instead of Store
	// (a small fake in a pane test); see Ledger.
	LedgerSource store.LedgerDoor
	// CaseloadSource, likewise, is the caseload pane's door; see Caseload.
	CaseloadSource store.CaseloadDoor
	// Templates are the document templates in force (nil: the shipped
	// ones), as `caseload letter` reads them.
	Templates *letters.Set
}

// AccountSelectedMsg says the officer chose an account: every pane shows it.
// From names the pane whose highlight moved, when that is how it was chosen:
// that pane already shows it, and an echo arriving after later keys (a
// burst typed into a search) must not move its highlight back.
// Seq orders one pane's announcements: commands run concurrently, so an
// earlier one may arrive after a later one, and the root drops it.
type AccountSelectedMsg struct {
	Ref  string
	From string
	Seq  int
}

// PaneID names a pane, so a pane asks for another by name, not by its
// place in the tab row.
type PaneID string

// The panes, in the order of the tab row.
const (
	PaneCaseload PaneID = "caseload"
	PaneLedger   PaneID = "ledger"
	PaneArrange  PaneID = "arrangement"
	PaneRTB      PaneID = "rtb"
	PaneSync     PaneID = "sync"
	// PaneEnforcement is the selected account's enforcement case.
	PaneEnforcement PaneID = "enforcement"
)

// SwitchPaneMsg asks the root to show a pane.
type SwitchPaneMsg struct{ Pane PaneID }

// SwitchTo returns a command that asks the root to show a pane.
func SwitchTo(p PaneID) tea.Cmd {
	return func() tea.Msg { return SwitchPaneMsg{Pane: p} }
}

// StatusMsg is a message for the status bar.
type StatusMsg struct{ Text string }

// ErrMsg is a failure for the status bar.
type ErrMsg struct{ Err error }

// ChangedMsg says the database changed (after a write or an import): panes
// reload what they show. Refs lists the accounts touched (nil: any).
type ChangedMsg struct{ Refs []string }

// Status returns a command that shows text in the status bar.
func Status(format string) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Text: format} }
}

// Select returns a command that selects an account everywhere.
func Select(ref string) tea.Cmd {
	return func() tea.Msg { return AccountSelectedMsg{Ref: ref} }
}

// Highlighted returns a command saying pane from's highlight moved to ref
// (its seq-th move): every other pane shows it.
func Highlighted(from, ref string, seq int) tea.Cmd {
	return func() tea.Msg { return AccountSelectedMsg{Ref: ref, From: from, Seq: seq} }
}

// Changed returns a command announcing a write.
func Changed(refs ...string) tea.Cmd {
	return func() tea.Msg { return ChangedMsg{Refs: refs} }
}

// Touches reports whether a change message concerns ref.
func (m ChangedMsg) Touches(ref string) bool {
	if m.Refs == nil {
		return true
	}
	for _, r := range m.Refs {
		if r == ref {
			return true
		}
	}
	return false
}

// Truncate cuts s to width cells, marking the cut with "…".
func Truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if lipgloss.Width(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && lipgloss.Width(string(r))+1 > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// PadRight pads s with spaces to width cells (cutting it when longer).
func PadRight(s string, width int) string {
	s = Truncate(s, width)
	if n := width - lipgloss.Width(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// PadLeft right-aligns s in width cells (for money).
func PadLeft(s string, width int) string {
	s = Truncate(s, width)
	if n := width - lipgloss.Width(s); n > 0 {
		return strings.Repeat(" ", n) + s
	}
	return s
}

// FitHeight pads or cuts a block of text to exactly h lines, so a pane
// never pushes the header off the top of the screen.
func FitHeight(s string, h int) string {
	if h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// SelectGlyph marks the highlighted row, so selection survives NO_COLOR.
const SelectGlyph = "›"

// VisitMarksMsg carries the accounts the officer marked in the caseload for
// the next visit pack (in the order marked).
type VisitMarksMsg struct{ Refs []string }

// Count writes a whole number with thousands separators: "99,074".
func Count(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Wrap breaks text into lines of at most width cells (at least 10),
// between words; a single word longer than a line is cut with "…".
func Wrap(text string, width int) []string {
	width = max(width, 10)
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case lipgloss.Width(line)+1+lipgloss.Width(w) <= width:
			line += " " + w
		default:
			lines = append(lines, Truncate(line, width))
			line = w
		}
	}
	if line != "" {
		lines = append(lines, Truncate(line, width))
	}
	return lines
}

// WrapIndent wraps text to width with prefix on its first line and the
// following lines indented to match ("  60 pre-action: …").
func WrapIndent(prefix, text string, width int) []string {
	indent := strings.Repeat(" ", lipgloss.Width(prefix))
	lines := Wrap(text, width-lipgloss.Width(prefix))
	if len(lines) == 0 {
		return []string{prefix}
	}
	for i := range lines {
		if i == 0 {
			lines[i] = prefix + lines[i]
		} else {
			lines[i] = indent + lines[i]
		}
	}
	return lines
}
