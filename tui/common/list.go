package common

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
)

// ListKeys move the highlight in a scrolling list; every pane with a list
// embeds them in its KeyMap.
type ListKeys struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
}

// DefaultListKeys are the list keys: j/k and arrows, g/G, page up/down.
func DefaultListKeys() ListKeys {
	return ListKeys{
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
	}
}

// Move applies a movement key to the highlighted row of a list of n rows
// that shows page rows at once. ok is false when msg is not a list key.
// The row may come back out of range: Scroll puts it right.
func (k ListKeys) Move(msg tea.KeyMsg, row, n, page int) (next int, ok bool) {
	switch {
	case key.Matches(msg, k.Up):
		return row - 1, true
	case key.Matches(msg, k.Down):
		return row + 1, true
	case key.Matches(msg, k.Top):
		return 0, true
	case key.Matches(msg, k.Bottom):
		return n - 1, true
	case key.Matches(msg, k.PageUp):
		return row - max(page, 1), true
	case key.Matches(msg, k.PageDown):
		return row + max(page, 1), true
	}
	return row, false
}

// Scroll keeps the highlighted row inside a list of n rows and on a screen
// of height rows whose first row is top; it returns the row and top.
func Scroll(row, top, n, height int) (int, int) {
	row = max(min(row, n-1), 0)
	if row < top {
		top = row
	}
	if height > 0 && row >= top+height {
		top = row - height + 1
	}
	if height > 0 {
		top = min(top, max(n-height, 0))
	}
	return row, max(top, 0)
}

// Scroll moves a viewport (an account view, a document, a chart page) by
// the list keys; it reports whether msg was one of them.
func (k ListKeys) Scroll(vp *viewport.Model, msg tea.KeyMsg) bool {
	switch {
	case key.Matches(msg, k.Up):
		vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		vp.HalfPageUp()
	case key.Matches(msg, k.PageDown):
		vp.HalfPageDown()
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	default:
		return false
	}
	return true
}
