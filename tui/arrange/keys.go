package arrange

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the arrangement pane's keys.
type KeyMap struct {
	// Browsing the result (no field has the keyboard).
	Edit, Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	History, Afford, Save, CancelArrangement      key.Binding
	Claimant, Reset                               key.Binding
	// Editing the figures.
	Next, Prev, Choose, DoneEditing key.Binding
	// ChoosePrev and ChooseNext are Choose's two directions (the help
	// shows them as one, ←/→); NextOrDone moves on, leaving the last field.
	ChoosePrev, ChooseNext, NextOrDone key.Binding
	// The affordability sub-form.
	Apply, Back key.Binding
}

// DefaultKeyMap is the arrangement pane's key bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Edit:              key.NewBinding(key.WithKeys("e", "enter"), key.WithHelp("e/enter", "edit figures")),
		Up:                key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "scroll up")),
		Down:              key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "scroll down")),
		PageUp:            key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown:          key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Top:               key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "first instalment")),
		Bottom:            key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "last instalment")),
		History:           key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "schedule/history")),
		Afford:            key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "affordability")),
		Save:              key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save as arrangement")),
		CancelArrangement: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "cancel live arrangement")),
		Claimant:          key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "UC claimant type")),
		Reset:             key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reset to account")),
		Next:              key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab/↓", "next field")),
		Prev:              key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab/↑", "previous field")),
		Choose:            key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "choose")),
		ChoosePrev:        key.NewBinding(key.WithKeys("left")),
		ChooseNext:        key.NewBinding(key.WithKeys("right", " ")),
		NextOrDone:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next field (done on the last)")),
		DoneEditing:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "done editing")),
		Apply:             key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "use suggestion")),
		Back:              key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to calculator")),
	}
}
