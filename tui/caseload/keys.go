package caseload

import (
	"github.com/charmbracelet/bubbles/key"

	"caseload/tui/common"
)

// KeyMap is the caseload pane's keys.
type KeyMap struct {
	common.ListKeys
	NextSection, PrevSection           key.Binding
	Filter, ClearFilter, Sort          key.Binding
	Open, Back                         key.Binding
	Note, Event, Pause, Complete, Done key.Binding
	UndoDone                           key.Binding
	Ledger, Arrange, RTB               key.Binding
	Mark                               key.Binding
	PreAction                          key.Binding
	DirectDebit                        key.Binding
	Refresh                            key.Binding
	// While searching: open the match, search every patch.
	OpenMatch, EveryPatch key.Binding
	// In the account view: the timeline in full.
	FullTimeline key.Binding
}

// DefaultKeyMap is the caseload pane's key bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		ListKeys:     common.DefaultListKeys(),
		NextSection:  key.NewBinding(key.WithKeys("]", "right", "l"), key.WithHelp("]/→", "next section")),
		PrevSection:  key.NewBinding(key.WithKeys("[", "left", "h"), key.WithHelp("[/←", "previous section")),
		Filter:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		ClearFilter:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Sort:         key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Open:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open account")),
		Back:         key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to list")),
		Note:         key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "note")),
		Event:        key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "case event")),
		Pause:        key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "pause")),
		Complete:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "complete follow-up")),
		Done:         key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "done for today")),
		UndoDone:     key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo done today")),
		Ledger:       key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "ledger")),
		Arrange:      key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "arrangement")),
		RTB:          key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "right to buy")),
		Refresh:      key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "reload")),
		Mark:         key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "mark for visit pack")),
		PreAction:    key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "pre-action checklist")),
		DirectDebit:  key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "direct debit")),
		OpenMatch:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open match")),
		EveryPatch:   key.NewBinding(key.WithKeys("ctrl+a"), key.WithHelp("ctrl+a", "every patch")),
		FullTimeline: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "notes in full")),
	}
}
