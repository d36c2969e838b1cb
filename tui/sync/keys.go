package sync

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the Sync pane's keys.
type KeyMap struct {
	NextPart, PrevPart     key.Binding
	Visit, Changes, Import key.Binding
	Up, Down               key.Binding
	Keep, Swap, Select     key.Binding
	Ledger, Reviewed       key.Binding
	Refresh                key.Binding
	Bacs                   key.Binding
	Yes, No                key.Binding
}

// DefaultKeyMap is the Sync pane's key bindings. Settling a conflict uses
// capitals (K, S) so that j/k scrolling never starts one by accident; every
// write still asks for y first.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		NextPart: key.NewBinding(key.WithKeys("]", "right", "l"), key.WithHelp("]/→", "next tab")),
		PrevPart: key.NewBinding(key.WithKeys("[", "left", "h"), key.WithHelp("[/←", "previous tab")),
		Visit:    key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "visit pack")),
		Changes:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "changes pack")),
		Import:   key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "import")),
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Keep:     key.NewBinding(key.WithKeys("K"), key.WithHelp("K", "keep shown")),
		Swap:     key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "swap")),
		Select:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "select")),
		Ledger:   key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "open ledger")),
		Reviewed: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "mark reviewed")),
		Refresh:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "reload")),
		Bacs:     key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "Bacs: Direct Debit files and advices")),
		Yes:      key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "confirm")),
		No:       key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("any other key", "cancel")),
	}
}
