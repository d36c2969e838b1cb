package ledger

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/tui/tuitest"
)

// startOn is the ledger pane at 80×24 with ref selected.
func startOn(t *testing.T, ref string) tea.Model {
	return tuitest.Start(New(newContext(t)), ref, 80, 24)
}

// The ledger as the officer first sees it: transactions, balance, chart.
func TestGoldenFirstFrame(t *testing.T) {
	tuitest.RequireScreen(t, startOn(t, "NW1001"))
}

// Each posting form's confirm step, with the balance it will leave.
func TestGoldenConfirm(t *testing.T) {
	for _, tc := range []struct {
		name, ref string
		steps     []string
	}{
		{"payment", "NW1001", []string{"p", "type:50.00", "ctrl+s"}},
		{"adjustment", "NW1001", []string{"a", "type:10.00", "ctrl+s", "type:heating overcharged", "ctrl+s"}},
		{"transfer", "NW1006", []string{"t", "tab", "type:NW1001", "ctrl+s"}},
		{"refund", "NW1006", []string{"r", "ctrl+s"}},
		{"write-off", "NW1001", []string{"w", "type:10.00", "ctrl+s", "type:uneconomic to pursue", "ctrl+s"}},
		{"reverse", "NW1001", []string{"x", "ctrl+s"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tuitest.RequireScreen(t, tuitest.Steps(startOn(t, tc.ref), tc.steps...))
		})
	}
}
