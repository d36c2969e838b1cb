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
}

// DefaultKeyMap is the enforcement pane's key bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		ListKeys:     common.DefaultListKeys(),
		Event:        key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "record next step")),
		PreAction:    key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "pre-action checklist")),
		FullTimeline: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "timeline in full")),
		Refresh:      key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "reload")),
	}
}
