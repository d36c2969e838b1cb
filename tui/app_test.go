package tui

import (
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"caseload/domain/worklist"
	"caseload/tui/tuitest"
)

func TestMain(m *testing.M) {
	tuitest.NoColour()
	os.Exit(m.Run())
}

func newTestApp(t *testing.T) App {
	t.Helper()
	return New(Options{Context: t.Context(), Store: tuitest.Store(t), Today: tuitest.Today, Officer: tuitest.Officer, Policy: worklist.DefaultPolicy()})
}

// drive is the unit tests' event loop (tuitest.Drive).
func drive(t *testing.T, m tea.Model, cmd tea.Cmd) tea.Model {
	t.Helper()
	m, _ = tuitest.Drive(m, cmd)
	return m
}

// press sends keys one by one, running what each one starts.
func press(t *testing.T, m tea.Model, keys ...string) tea.Model {
	t.Helper()
	m, _ = tuitest.Press(m, keys...)
	return m
}

func start(t *testing.T, w, h int) tea.Model {
	t.Helper()
	var m tea.Model = newTestApp(t)
	m, _ = m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return drive(t, m, m.Init())
}

func TestFirstScreenShowsTheWorklist(t *testing.T) {
	m := start(t, 80, 24)
	v := m.View()
	for _, want := range []string{"caseload · Mon 23 Nov 2026 · asmith", "Caseload", "NW1001", "Alice Example", "NW1004"} {
		if !strings.Contains(v, want) {
			t.Errorf("first screen lacks %q:\n%s", want, v)
		}
	}
	if n := strings.Count(v, "\n") + 1; n != 24 {
		t.Errorf("view is %d lines, want 24", n)
	}
	t.Log("\n" + v)
}

func TestTeatestFirstFrame(t *testing.T) {
	tm := teatest.NewTestModel(t, newTestApp(t), teatest.WithInitialTermSize(80, 24))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), "Alice Example") },
		teatest.WithDuration(5*time.Second))
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// typeText types text one rune at a time (money and names may be
// non-ASCII, which teatest's Type would garble).
func typeText(t *testing.T, m tea.Model, s string) tea.Model {
	t.Helper()
	m, _ = tuitest.Type(m, s)
	return m
}

func TestCaseloadFilterAsYouType(t *testing.T) {
	m := start(t, 80, 24)
	m = press(t, m, "]", "]", "]", "]", "]", "]") // Whole caseload
	if v := m.View(); !strings.Contains(v, "Whole caseload") || !strings.Contains(v, "NW1005") {
		t.Fatalf("whole caseload section:\n%s", v)
	}
	m = press(t, m, "/")
	m = typeText(t, m, "carol")
	v := m.View()
	if !strings.Contains(v, "NW1003") || strings.Contains(v, "NW1001") || !strings.Contains(v, "1 match") {
		t.Fatalf("filter by name:\n%s", v)
	}
	// q while typing is text, not quit.
	m = typeText(t, m, "q")
	if strings.Contains(m.View(), "Carol Fictional") {
		t.Fatal("'carolq' still matches Carol")
	}
	m = press(t, m, "esc")
	if v := m.View(); !strings.Contains(v, "NW1001") || !strings.Contains(v, "NW1006") {
		t.Fatalf("esc did not clear the filter:\n%s", v)
	}
	m = press(t, m, "/")
	m = typeText(t, m, "zz99")
	if v := m.View(); !strings.Contains(v, "6 match") {
		t.Fatalf("filter by postcode without its space:\n%s", v)
	}
}

func TestCaseloadSections(t *testing.T) {
	m := start(t, 100, 30)
	v := m.View()
	if !strings.Contains(v, "[Today 4]") || !strings.Contains(v, "Diary 1") {
		t.Fatalf("section badges:\n%s", v)
	}
	m = press(t, m, "]", "]", "]", "]") // Diary
	v = m.View()
	if !strings.Contains(v, "[Diary 1]") || !strings.Contains(v, "NW1004") || strings.Contains(v, "NW1001 ") {
		t.Fatalf("diary section:\n%s", v)
	}
}

func TestCaseloadOpenNoteAndTimeline(t *testing.T) {
	m := start(t, 100, 30)
	m = press(t, m, "/")
	m = typeText(t, m, "NW1001")
	m = press(t, m, "enter", "enter") // keep the filter, open the account
	v := m.View()
	if !strings.Contains(v, "Account NW1001") || !strings.Contains(v, "account NW1001 ·") {
		t.Fatalf("opening did not show and select the account:\n%s", v)
	}
	m = press(t, m, "n")
	m = press(t, m, "right") // channel: visit
	m = press(t, m, "tab")
	m = typeText(t, m, "Agreed to pay £10 extra; card 4111 1111 1111 1111")
	m = press(t, m, "enter", "enter") // to follow-up, then confirm step
	if v := m.View(); !strings.Contains(v, "Confirm:") {
		t.Fatalf("no confirmation step:\n%s", v)
	}
	m = press(t, m, "y", "pgdown") // the timeline is below the account's details
	v = m.View()
	if !strings.Contains(v, "Agreed to pay £10 extra") || !strings.Contains(v, "**** **** **** 1111") {
		t.Fatalf("the note is not on the timeline, masked:\n%s", v)
	}
	if strings.Contains(v, "4111 1111 1111 1111") {
		t.Fatal("a card number reached the screen")
	}
}

func TestCaseloadPauseTakesCaseOffUntilTheDate(t *testing.T) {
	app := newTestApp(t)
	var m tea.Model = app
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m = drive(t, m, m.Init())
	m = press(t, m, "/")
	m = typeText(t, m, "Alice")
	m = press(t, m, "enter", "p")
	m = typeText(t, m, "2026-12-07")
	m = press(t, m, "tab")
	m = typeText(t, m, "Awaiting HB backdate decision")
	m = press(t, m, "enter", "y", "esc", "esc") // back to the list, clear the search
	if v := m.View(); strings.Contains(v, "Alice Example") || !strings.Contains(v, "[Today 3]") {
		t.Fatalf("a paused case is still on Today:\n%s", v)
	}
	m = press(t, m, "]", "]", "]", "]", "]") // Paused
	if v := m.View(); !strings.Contains(v, "NW1001") || !strings.Contains(v, "until 7 Dec") {
		t.Fatalf("the paused case is not in Paused:\n%s", v)
	}
	// On the date it is back.
	later := New(Options{Context: t.Context(), Store: app.ctx.Store, Today: tuitest.Today.AddDays(14), Officer: tuitest.Officer, Policy: worklist.DefaultPolicy()})
	var m2 tea.Model = later
	m2, _ = m2.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m2 = drive(t, m2, m2.Init())
	if v := m2.View(); !strings.Contains(v, "Alice Example") {
		t.Fatalf("the case did not come back after the pause:\n%s", v)
	}
}

func TestHelpAndQuit(t *testing.T) {
	m := start(t, 120, 40)
	m = press(t, m, "?")
	v := m.View()
	for _, want := range []string{"mark for visit pack", "complete follow-up", "next pane", "quit"} {
		if !strings.Contains(v, want) {
			t.Errorf("full help lacks %q:\n%s", want, v)
		}
	}
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	if cmd == nil {
		t.Fatal("q did not quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("q did not quit")
	}
}

func TestQuitAsksWhenAFormHasInput(t *testing.T) {
	m := start(t, 100, 30)
	m = press(t, m, "n")
	m = press(t, m, "tab")
	m = typeText(t, m, "half a note")
	m = press(t, m, "esc") // leaves the form: the input is gone, nothing saved
	if strings.Contains(m.View(), "half a note") {
		t.Fatal("esc did not close the form")
	}
	m = press(t, m, "n", "tab")
	m = typeText(t, m, "another")
	// The form is capturing: q is text.
	m = typeText(t, m, "q")
	if !strings.Contains(m.View(), "anotherq") {
		t.Fatalf("q in a form was not typed:\n%s", m.View())
	}
}

func TestMarkForVisitPack(t *testing.T) {
	m := start(t, 100, 30)
	m = press(t, m, "v")
	v := m.View()
	if !strings.Contains(v, "✚") || !strings.Contains(v, "marked for the visit pack (1 marked") {
		t.Fatalf("marking:\n%s", v)
	}
}

// benchDrive is the event loop without a testing.T (benchmarks).
func benchDrive(m tea.Model, cmd tea.Cmd) tea.Model {
	m, _ = tuitest.Drive(m, cmd)
	return m
}

func TestKeysInOneBurstAreSeparatePresses(t *testing.T) {
	m := start(t, 100, 30)
	var cmd tea.Cmd
	m, cmd = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jj")})
	m = drive(t, m, cmd)
	selected := ""
	for _, l := range strings.Split(m.View(), "\n") {
		if strings.HasPrefix(l, "›") {
			selected = l
		}
	}
	if !strings.Contains(selected, "NW1003") {
		t.Fatalf("two j's in one message should move two rows, to NW1003; selected %q", selected)
	}
}

func TestHelpLineDoesNotOfferQWhileTyping(t *testing.T) {
	m := start(t, 120, 30)
	if v := m.View(); !strings.Contains(v, "q quit") {
		t.Fatalf("the help line should offer q when nothing is capturing:\n%s", v)
	}
	m = press(t, m, "/")
	v := m.View()
	if strings.Contains(v, "q quit") || !strings.Contains(v, "ctrl+c quit now") {
		t.Fatalf("while filtering, q is text: the help line must say ctrl+c:\n%s", v)
	}
}
