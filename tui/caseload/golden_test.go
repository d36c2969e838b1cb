package caseload

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

// start is the caseload pane on the fixture caseload at 80×24.
func start(t *testing.T) tea.Model {
	return tuitest.Start(New(tuitest.Context(t, tuitest.Store(t))), "", 80, 24)
}

// The worklist as the officer first sees it.
func TestGoldenFirstFrame(t *testing.T) {
	tuitest.RequireScreen(t, start(t))
}

// Each form's confirm step: what will be saved, shown before anything is
// written. Steps are keys, or text typed when they start with "type:".
func TestGoldenConfirm(t *testing.T) {
	for _, tc := range []struct {
		name  string
		steps []string
	}{
		{"note", []string{"n", "down", "type:Agreed ten pounds a week extra", "ctrl+s"}},
		{"event", []string{"e", "ctrl+s"}},
		{"pause", []string{"p", "type:2026-12-21", "down", "type:Awaiting a benefit decision", "ctrl+s"}},
		{"complete", []string{"c", "ctrl+s"}},
		{"preaction", []string{"t", "right", "ctrl+s"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tuitest.RequireScreen(t, tuitest.Steps(start(t), tc.steps...))
		})
	}
}
