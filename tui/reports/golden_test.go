package reports

import (
	"os"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/tui/tuitest"
)

func TestMain(m *testing.M) {
	tuitest.NoColour()
	os.Exit(m.Run())
}

// startAt is the Reports pane on the fixture caseload at w×h, its first
// report computed.
func startAt(t *testing.T, w, h int) tea.Model {
	return tuitest.Start(New(tuitest.Context(t, tuitest.Store(t))), "", w, h)
}

// The officer's week as a manager first sees it, at 80×24 and 160×48.
func TestGoldenFirstFrame(t *testing.T) {
	for _, tc := range []struct {
		name string
		w, h int
	}{{"80x24", 80, 24}, {"160x48", 160, 48}} {
		t.Run(tc.name, func(t *testing.T) {
			tuitest.RequireScreen(t, startAt(t, tc.w, tc.h))
		})
	}
}

// The other screens at 80×24: the trends, the accounts behind a figure,
// and the whole borough's month.
func TestGoldenScreens(t *testing.T) {
	for _, tc := range []struct {
		name  string
		steps []string
	}{
		{"trends", []string{"c"}},
		{"trends-scrolled", []string{"c", "pgdown", "pgdown"}},
		{"accounts-behind-arrears", []string{"j", "j", "j", "j", "j", "j", "j", "j", "j", "j", "j", "enter"}},
		{"borough-month", []string{"s", "s", "p"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tuitest.RequireScreen(t, tuitest.Steps(startAt(t, 80, 24), tc.steps...))
		})
	}
}
