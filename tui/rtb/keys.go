package rtb

import (
	"github.com/charmbracelet/bubbles/key"

	"caseload/tui/common"
)

// KeyMap is the Right to Buy pane's keys. None of them is a digit, q, ?
// or tab: those are the root's.
type KeyMap struct {
	common.ListKeys
	Open, Back                  key.Binding
	Event, Check, Discount, New key.Binding
	Closed, Refresh             key.Binding
}

// DefaultKeyMap is the pane's key bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		ListKeys: common.DefaultListKeys(),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Event:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "record")),
		Check:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "check")),
		Discount: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "discount")),
		New:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new")),
		Closed:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "closed")),
		Refresh:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "reload")),
	}
}

// ShortHelp is the one-line help for what is on screen: every action, in
// words short enough that the root's own keys still fit at 80 columns
// (e record the next step, c set a fraud check, d discount calculator,
// n new claim, a show or hide closed claims).
func (m Model) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.form != nil:
		return m.form.ShortHelp()
	case m.viewing:
		return []key.Binding{k.Back, k.Event, k.Check, k.Discount, k.New}
	}
	return []key.Binding{k.Open, k.Event, k.Check, k.Discount, k.New, k.Closed}
}

// FullHelp is every key, grouped.
func (m Model) FullHelp() [][]key.Binding {
	k := m.keys
	switch {
	case m.form != nil:
		return m.form.FullHelp()
	case m.viewing:
		return [][]key.Binding{
			{k.Back, k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
			{k.Event, k.Check, k.Discount, k.New},
		}
	}
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
		{k.Open, k.Back, k.Closed, k.Refresh},
		{k.Event, k.Check, k.Discount, k.New},
	}
}
