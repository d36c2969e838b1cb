package tui

import (
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/tuitest"
)

// A new, empty database's first screen says how to load an extract and
// how to open the demo, rather than "Nothing in Today today".
func TestAnEmptyDatabaseSaysHowToLoadAnExtract(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "new.db"), store.Options{Officer: tuitest.Officer, Now: tuitest.Now, ReplicaName: "office"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var m tea.Model = New(Options{Context: t.Context(), Store: st, Today: tuitest.Today, Officer: tuitest.Officer, Policy: worklist.DefaultPolicy()})
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m = drive(t, m, m.(App).Init())
	v := strings.Join(strings.Fields(m.View()), " ")
	for _, want := range []string{"No accounts yet", "caseload ingest accounts FILE.csv", "caseload demo", "never synced"} {
		if !strings.Contains(v, want) {
			t.Errorf("the first screen lacks %q:\n%s", want, m.View())
		}
	}
}
