package arrange

import (
	"os"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/theme"
	"caseload/tui/tuitest"
)

func TestMain(m *testing.M) {
	tuitest.NoColour()
	os.Exit(m.Run())
}

// newPane builds the pane over st on today, sized w×h.
func newPane(st *store.Store, today domain.Date, w, h int) Model {
	ctx := &common.Context{Store: st, Today: today, Officer: tuitest.Officer, Styles: theme.Default(), Holidays: domain.DefaultHolidays()}
	return New(ctx, worklist.DefaultPolicy()).SetSize(w, h)
}

// drive runs a command and feeds its messages back to the pane, flattening
// batches, until nothing is left: the unit-test event loop. Messages meant
// for the root (status, errors) are collected.
func drive(t testing.TB, m Model, cmd tea.Cmd) (Model, []tea.Msg) {
	t.Helper()
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for rounds := 0; len(queue) > 0 && rounds < 200; rounds++ {
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
		switch msg.(type) {
		case nil:
			continue
		case common.StatusMsg, common.ErrMsg:
			out = append(out, msg)
			continue
		}
		var next tea.Cmd
		m, next = m.Update(msg)
		queue = append(queue, next)
	}
	return m, out
}

// keyMsg is the key message for a name ("enter", "esc", "tab"…) or runes.
func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// press sends keys one by one, running what each one starts.
func press(t testing.TB, m Model, keys ...string) (Model, []tea.Msg) {
	t.Helper()
	var all []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(keyMsg(k))
		var out []tea.Msg
		m, out = drive(t, m, cmd)
		all = append(all, out...)
	}
	return m, all
}

// typeText sends each character of s as its own key.
func typeText(t testing.TB, m Model, s string) Model {
	t.Helper()
	for _, r := range s {
		m, _ = press(t, m, string(r))
	}
	return m
}

// selectAccount selects ref as the caseload would, and waits for the load.
func selectAccount(t testing.TB, m Model, ref string) Model {
	t.Helper()
	m, _ = drive(t, m, common.Select(ref))
	return m
}
