package ledger

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the ledger pane's keys.
type KeyMap struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
	Pay, Adjust, Transfer, Refund, WriteOff key.Binding
	Reverse, Statement, Back, Refresh       key.Binding
}

// DefaultKeyMap is the ledger pane's key bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:        key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:      key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Top:       key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "oldest")),
		Bottom:    key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "newest")),
		PageUp:    key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown:  key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Pay:       key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "payment")),
		Adjust:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "adjust")),
		Transfer:  key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "transfer")),
		Refund:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refund")),
		WriteOff:  key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "write off")),
		Reverse:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "reverse line")),
		Statement: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "statement")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to ledger")),
		Refresh:   key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "reload")),
	}
}
