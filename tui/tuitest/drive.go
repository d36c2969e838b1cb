package tuitest

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// Updater is a pane (whose Update returns its own concrete type) or the
// root (whose Update returns tea.Model): anything the event loop can drive.
type Updater[M any] interface {
	Update(tea.Msg) (M, tea.Cmd)
}

// Drive is the unit tests' event loop: it runs cmd and every command the
// resulting messages lead to, feeding each message back through Update
// (flattening batches; a Quit is recorded, not fed back), a bounded number
// of rounds. It returns the model and every message seen, in order.
func Drive[M Updater[M]](m M, cmd tea.Cmd) (M, []tea.Msg) {
	var seen []tea.Msg
	queue := []tea.Cmd{cmd}
	for rounds := 0; len(queue) > 0 && rounds < 10_000; rounds++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if batch, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, batch...)
			continue
		}
		if msg == nil {
			continue
		}
		seen = append(seen, msg)
		if _, ok := msg.(tea.QuitMsg); ok {
			continue
		}
		var next tea.Cmd
		m, next = m.Update(msg)
		queue = append(queue, next)
	}
	return m, seen
}

// Key is the key message for a key's name ("enter", "esc", "tab",
// "shift+tab", arrows, "backspace", "ctrl+u", "ctrl+r", "pgdown"…) or, for
// anything else, the runes typed. Runes are sent as one message so that
// non-ASCII text ("£") arrives intact.
func Key(name string) tea.KeyMsg {
	switch name {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	case "pgup":
		return tea.KeyMsg{Type: tea.KeyPgUp}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case "home":
		return tea.KeyMsg{Type: tea.KeyHome}
	case "end":
		return tea.KeyMsg{Type: tea.KeyEnd}
	case "ctrl+a":
		return tea.KeyMsg{Type: tea.KeyCtrlA}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "ctrl+d":
		return tea.KeyMsg{Type: tea.KeyCtrlD}
	case "ctrl+r":
		return tea.KeyMsg{Type: tea.KeyCtrlR}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	case "ctrl+s":
		return tea.KeyMsg{Type: tea.KeyCtrlS}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

// Press sends each key in turn, driving what it starts, and returns every
// message seen.
func Press[M Updater[M]](m M, keys ...string) (M, []tea.Msg) {
	var all []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(Key(k))
		var seen []tea.Msg
		m, seen = Drive(m, cmd)
		all = append(all, seen...)
	}
	return m, all
}

// Type types text one rune at a time (as a person does), driving each.
func Type[M Updater[M]](m M, text string) (M, []tea.Msg) {
	var all []tea.Msg
	for _, r := range text {
		var cmd tea.Cmd
		m, cmd = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		var seen []tea.Msg
		m, seen = Drive(m, cmd)
		all = append(all, seen...)
	}
	return m, all
}

// WaitFor waits until a teatest program's output holds every want.
func WaitFor(t testing.TB, tm *teatest.TestModel, wants ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, w := range wants {
			if !strings.Contains(string(b), w) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}
