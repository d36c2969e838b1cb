package ledger

import (
	"github.com/charmbracelet/bubbles/key"

	"caseload/tui/common"
)

// KeyMap is the ledger pane's keys.
type KeyMap struct {
	common.ListKeys
	Pay, Adjust, Transfer, Refund, WriteOff key.Binding
	Reverse, Statement, Back, Refresh       key.Binding
}

// DefaultKeyMap is the ledger pane's key bindings.
func DefaultKeyMap() KeyMap {
	k := KeyMap{
		ListKeys:  common.DefaultListKeys(),
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
	// Oldest is at the top of a ledger, newest at the bottom.
	k.Top.SetHelp("g", "oldest")
	k.Bottom.SetHelp("G", "newest")
	return k
}
