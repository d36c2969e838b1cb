package enforcement

import (
	"github.com/charmbracelet/bubbles/key"

	"caseload/tui/common"
)

// KeyMap is the enforcement pane's keys.
type KeyMap struct {
	common.ListKeys
	// Event records the next step (the caseload's event form); PreAction
	// opens the pre-action checklist.
	Event, PreAction key.Binding
	// FullTimeline shows each step of the timeline in full.
	FullTimeline key.Binding
	Refresh      key.Binding
	// Document previews the account's next document to print and record;
	// PrintRun plans a print run of the patch. While one is open:
	// NextDoc/PrevDoc choose another, Format switches PDF and text,
	// Confirm prints, Close goes back to the case.
	Document, PrintRun       key.Binding
	NextDoc, PrevDoc, Format key.Binding
	Confirm, Close           key.Binding
}

// DefaultKeyMap is the enforcement pane's key bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		ListKeys:     common.DefaultListKeys(),
		Event:        key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "record next step")),
		PreAction:    key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "pre-action checklist")),
		FullTimeline: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "timeline in full")),
		Refresh:      key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "reload")),
		Document:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "document")),
		PrintRun:     key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "print run")),
		NextDoc:      key.NewBinding(key.WithKeys("right", "l", "]"), key.WithHelp("→", "next document")),
		PrevDoc:      key.NewBinding(key.WithKeys("left", "h", "["), key.WithHelp("←", "previous document")),
		Format:       key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "PDF/text")),
		Confirm:      key.NewBinding(key.WithKeys("enter", "y"), key.WithHelp("enter", "print and record")),
		Close:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the case")),
	}
}
