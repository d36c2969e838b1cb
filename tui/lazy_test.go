package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/tui/tuitest"
)

// readsOf are the packages whose messages were seen: which panes read.
func readsOf(seen []tea.Msg) map[string]bool {
	out := map[string]bool{}
	for _, msg := range seen {
		pkg, _, _ := strings.Cut(fmt.Sprintf("%T", msg), ".")
		out[pkg] = true
	}
	return out
}

// The first screen waits for no pane but the caseload: the others read
// when they are first shown (a tab, a digit, a jump), once.
func TestPanesLoadWhenFirstShown(t *testing.T) {
	var m tea.Model = newTestApp(t)
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m, seen := tuitest.Drive(m, m.Init())
	reads := readsOf(seen)
	if !reads["caseload"] {
		t.Fatalf("the caseload did not load at start: %v", reads)
	}
	for _, pane := range []string{"rtb", "sync", "reports"} {
		if reads[pane] {
			t.Errorf("the %s pane read at start, before it was shown", pane)
		}
	}
	for _, step := range []struct {
		key, pane string
		reads     bool
	}{
		{"7", "reports", true}, {"1", "reports", false}, {"7", "reports", false}, // once
		{"shift+tab", "enforcement", false}, {"shift+tab", "sync", true}, {"4", "rtb", true},
	} {
		var cmd tea.Cmd
		m, cmd = m.Update(tuitest.Key(step.key))
		var seen []tea.Msg
		m, seen = tuitest.Drive(m, cmd)
		if got := readsOf(seen)[step.pane]; got != step.reads {
			t.Errorf("%s: the %s pane read: %v, want %v", step.key, step.pane, got, step.reads)
		}
	}
	if v := m.View(); !strings.Contains(v, "[4 Right to") {
		t.Errorf("4 did not show the Right to Buy pane:\n%s", v)
	}
}
