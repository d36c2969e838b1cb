package sync

import (
	"os"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/tuitest"
)

// screen drives the Sync pane at 80×24 on the fixture through steps,
// working in a temporary folder so the packs' paths on screen are the same
// every run; it returns to the package's folder, where the goldens are.
func screen(t *testing.T, steps ...string) tea.Model {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := os.Chdir(wd); err != nil {
			t.Fatal(err)
		}
	}()
	return tuitest.Steps(start(t), steps...)
}

// start is the pane on the fixture, two accounts marked for a visit, a
// pack of NW1001 waiting to be imported in the working folder.
func start(t *testing.T) tea.Model {
	st := tuitest.Store(t)
	if err := os.WriteFile("office.clpack", plainPack(t, st, store.ExportOptions{Accounts: []string{"NW1001"}}), 0o600); err != nil {
		t.Fatal(err)
	}
	m := tuitest.Start(New(tuitest.Context(t, st)).WithDir("packs"), "", 80, 24)
	m, _ = tuitest.Drive(m, func() tea.Msg { return common.VisitMarksMsg{Refs: []string{"NW1001", "NW1003"}} })
	return m
}

// The Sync pane as the officer first sees it.
func TestGoldenFirstFrame(t *testing.T) {
	tuitest.RequireScreen(t, screen(t))
}

// Each form's confirm step: what will be written or imported, before
// anything is.
func TestGoldenConfirm(t *testing.T) {
	for _, tc := range []struct {
		name  string
		steps []string
	}{
		{"visit-pack", []string{"v", "down", "down", "down", "right", "ctrl+s"}},
		{"changes-pack", []string{"c", "right", "tab", "type:laptop", "down", "down", "right", "ctrl+s"}},
		{"import", []string{"i", "type:office.clpack", "ctrl+s"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tuitest.RequireScreen(t, screen(t, tc.steps...))
		})
	}
}
