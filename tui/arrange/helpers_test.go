package arrange

import (
	"os"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/tuitest"
)

func TestMain(m *testing.M) {
	tuitest.NoColour()
	os.Exit(m.Run())
}

// newPane builds the pane over st on today, sized w×h.
func newPane(t testing.TB, st *store.Store, today domain.Date, w, h int) Model {
	ctx := tuitest.Context(t, st)
	ctx.Today = today
	return New(ctx).SetSize(w, h)
}

// drive is the unit tests' event loop (tuitest.Drive).
func drive(t testing.TB, m Model, cmd tea.Cmd) (Model, []tea.Msg) {
	t.Helper()
	return tuitest.Drive(m, cmd)
}

// keyMsg is the key message for a name or runes (tuitest.Key).
func keyMsg(k string) tea.KeyMsg { return tuitest.Key(k) }

// press sends keys one by one, running what each one starts.
func press(t testing.TB, m Model, keys ...string) (Model, []tea.Msg) {
	t.Helper()
	return tuitest.Press(m, keys...)
}

// typeText types text one rune at a time.
func typeText(t testing.TB, m Model, s string) Model {
	t.Helper()
	m, _ = tuitest.Type(m, s)
	return m
}

// selectAccount selects ref as the caseload would, and waits for the load.
func selectAccount(t testing.TB, m Model, ref string) Model {
	t.Helper()
	m, _ = drive(t, m, common.Select(ref))
	return m
}
