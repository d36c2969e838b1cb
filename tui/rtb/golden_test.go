package rtb

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/tui/tuitest"
)

// startOn is the Right to Buy pane at 80×24 on the fixture's claims, with
// ref selected ("" for none).
func startOn(t *testing.T, ref string) tea.Model {
	return tuitest.Start(newPane(t, fixture(t).st), ref, 80, 24)
}

// The claims as the officer first sees them, most urgent first.
func TestGoldenFirstFrame(t *testing.T) {
	tuitest.RequireScreen(t, startOn(t, ""))
}

// Each form's confirm step: the claim as it will stand afterwards.
func TestGoldenConfirm(t *testing.T) {
	for _, tc := range []struct {
		name, ref string
		steps     []string
	}{
		{"event", "NW1002", []string{"e", "ctrl+s"}},
		{"check", "NW1002", []string{"c", "ctrl+s"}},
		{"new-claim", "NW1005", []string{"n", "ctrl+s"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tuitest.RequireScreen(t, tuitest.Steps(startOn(t, tc.ref), tc.steps...))
		})
	}
}
