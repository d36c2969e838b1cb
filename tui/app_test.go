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
	return New(Options{Store: tuitest.Store(t), Today: tuitest.Today, Officer: tuitest.Officer, Policy: worklist.DefaultPolicy()})
}

// drive runs a command and feeds its messages back, flattening batches,
// until nothing is left (a few rounds): the unit-test event loop.
func drive(t *testing.T, m tea.Model, cmd tea.Cmd) tea.Model {
	t.Helper()
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
		if msg == nil {
			continue
		}
		if _, ok := msg.(tea.QuitMsg); ok {
			continue
		}
		var next tea.Cmd
		m, next = m.Update(msg)
		queue = append(queue, next)
	}
	return m
}

func press(t *testing.T, m tea.Model, keys ...string) tea.Model {
	t.Helper()
	for _, k := range keys {
		var msg tea.KeyMsg
		switch k {
		case "enter":
			msg = tea.KeyMsg{Type: tea.KeyEnter}
		case "esc":
			msg = tea.KeyMsg{Type: tea.KeyEsc}
		case "tab":
			msg = tea.KeyMsg{Type: tea.KeyTab}
		case "down":
			msg = tea.KeyMsg{Type: tea.KeyDown}
		default:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		m = drive(t, m, cmd)
	}
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
