package bacs

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the Bacs view's keys.
type KeyMap struct {
	NextPart, PrevPart, Up, Down, Refresh, Close key.Binding
	Collect, AUDDIS, Post, Import, Settle        key.Binding
	Yes                                          key.Binding
}

// DefaultKeyMap is the Bacs view's key bindings; every write asks first.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		NextPart: key.NewBinding(key.WithKeys("]", "right", "l"), key.WithHelp("]/→", "next list")),
		PrevPart: key.NewBinding(key.WithKeys("[", "left", "h"), key.WithHelp("[/←", "previous list")),
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Refresh:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "reload")),
		Close:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to Sync")),
		Collect:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "collection file")),
		AUDDIS:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "AUDDIS file")),
		Post:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "post collections")),
		Import:   key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "import advice")),
		Settle:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "settle exception")),
		Yes:      key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "confirm (any other key cancels)")),
	}
}
