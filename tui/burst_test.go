package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"caseload/tui/tuitest"
)

// TestABurstTypedIntoTheSearchIsSearched: keys that reach the running
// program in one read ("/" and then "Fay" a moment later, as a terminal
// delivers a fast-typed name) are all typed into the search; the
// highlight's own announcements of the matches on the way ("F" first
// highlights another account), arriving after the burst, must not take
// the search away.
func TestABurstTypedIntoTheSearchIsSearched(t *testing.T) {
	tm := teatest.NewTestModel(t, newTestApp(t), teatest.WithInitialTermSize(100, 30))
	tuitest.WaitFor(t, tm, "Alice Example")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/")})
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("Fay")})
	tuitest.WaitFor(t, tm, "/ Fay", "1 match")
	time.Sleep(300 * time.Millisecond) // late echoes of the highlight
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	// Still searching, and the header names the highlighted account, not
	// one passed on the way.
	v := tm.FinalModel(t).View()
	if !strings.Contains(v, "/ Fay") || !strings.Contains(v, "account NW1006") {
		t.Fatalf("after the burst:\n%s", v)
	}
}
