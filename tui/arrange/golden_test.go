package arrange

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/tui/tuitest"
)

// startOn is the arrangement pane at 80×24 with ref selected.
func startOn(t *testing.T, ref string) tea.Model {
	return tuitest.Start(New(tuitest.Context(t, tuitest.Store(t))), ref, 80, 24)
}

// The calculator as the officer first sees it, filled from the account.
func TestGoldenFirstFrame(t *testing.T) {
	tuitest.RequireScreen(t, startOn(t, "NW1001"))
}

// Each form's confirm step: saving the schedule as an arrangement, and
// cancelling the live one.
func TestGoldenConfirm(t *testing.T) {
	for _, tc := range []struct {
		name  string
		steps []string
	}{
		{"save", []string{"e", "down", "down", "down", "down", "type:50.00", "esc", "s", "ctrl+s"}},
		{"cancel", []string{"e", "down", "down", "down", "down", "type:50.00", "esc", "s", "ctrl+s", "y", "x", "type:tenant moved out", "ctrl+s"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tuitest.RequireScreen(t, tuitest.Steps(startOn(t, "NW1001"), tc.steps...))
		})
	}
}
