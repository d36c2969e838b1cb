package sync

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/tuitest"
)

func startHost(t *testing.T, st *store.Store, dir string) *teatest.TestModel {
	t.Helper()
	m := New(tuitest.Context(t, st)).WithDir(dir)
	return teatest.NewTestModel(t, tuitest.Open(m, ""), teatest.WithInitialTermSize(80, 24))
}

func send(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		tm.Send(keyMsg(k))
	}
}

// sendText types s one key per character.
func sendText(tm *teatest.TestModel, s string) {
	for _, r := range s {
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// waitFor waits until the output holds every one of wants. WaitFor
// consumes what it reads, so text that arrives together is waited for
// together.
func waitFor(t *testing.T, tm *teatest.TestModel, wants ...string) {
	t.Helper()
	waitHiding(t, tm, "", wants...)
}

// waitHiding is waitFor that also fails if secret is ever drawn.
func waitHiding(t *testing.T, tm *teatest.TestModel, secret string, wants ...string) {
	t.Helper()
	leaked := false
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		if secret != "" && strings.Contains(string(b), secret) {
			leaked = true
			return true
		}
		for _, w := range wants {
			if !strings.Contains(string(b), w) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(20*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	if leaked {
		t.Fatal("the passphrase was drawn on the screen")
	}
}

func finish(t *testing.T, tm *teatest.TestModel) tuitest.Host[Model] {
	t.Helper()
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	return tm.FinalModel(t, teatest.WithFinalTimeout(20*time.Second)).(tuitest.Host[Model])
}

func TestTeatestExportShowsProgressThenTheResult(t *testing.T) {
	office, dir := tuitest.Store(t), t.TempDir()
	tm := startHost(t, office, dir)
	waitFor(t, tm, "never synced") // a new database has exchanged nothing yet
	tm.Send(common.VisitMarksMsg{Refs: []string{"NW1001", "NW1002", "NW1004"}})
	waitFor(t, tm, "marked in the caseload: NW1001, NW1002, NW1004 (3)")
	send(tm, "v")
	waitFor(t, tm, "Export a visit pack · 3 accounts marked in the caseload")
	const secret = "hunter2-secret"
	send(tm, "tab", "tab", "tab", "tab")
	sendText(tm, secret)
	send(tm, "tab")
	sendText(tm, secret)
	send(tm, "enter")
	waitHiding(t, tm, secret, "Confirm:", "encrypted visit pack of 3 accounts")
	send(tm, "y")
	// age's scrypt takes a second or more: the screen says what it is doing.
	waitHiding(t, tm, secret, "Exporting…")
	waitHiding(t, tm, secret, "Written:", "encrypted (the receiver needs the passphrase)")
	final := finish(t, tm)
	if !strings.Contains(final.Status, "Visit pack ") || !strings.Contains(final.Status, ", encrypted, written to ") {
		t.Errorf("status %q", final.Status)
	}
	data, err := os.ReadFile(filepath.Join(dir, "caseload-visit-2026-11-23.clpack"))
	if err != nil || !strings.HasPrefix(string(data), "caseload-pack 2 age\n") {
		t.Fatalf("pack: %v %q", err, data[:min(len(data), 30)])
	}
}

func TestTeatestImportRaisesAConflictThatTheOfficerSettles(t *testing.T) {
	office, lap := tuitest.Store(t), laptop(t)
	mustImport(t, lap, plainPack(t, office, store.ExportOptions{Accounts: []string{"NW1001"}}))
	if err := lap.SetAccountFields(t.Context(), "NW1001", map[string]string{"phone": "07700 900111"}); err != nil {
		t.Fatal(err)
	}
	if err := office.SetAccountFields(t.Context(), "NW1001", map[string]string{"phone": "07700 900222"}); err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, plainPack(t, lap, store.ExportOptions{Changes: true, For: "office"}))

	tm := startHost(t, office, t.TempDir())
	waitFor(t, tm, "Conflicts 0")
	send(tm, "i")
	waitFor(t, tm, "Import a pack into office")
	sendText(tm, path)
	send(tm, "enter", "enter", "enter")
	waitFor(t, tm, "Confirm:", "Import the NOT encrypted pack")
	send(tm, "y")
	// The office has not met the laptop's key: it shows the fingerprint
	// and asks.
	id, _ := lap.Identity(t.Context())
	waitFor(t, tm, "does not trust yet", id.Fingerprint, "Trust this key and import? y/n")
	send(tm, "y")
	waitFor(t, tm, "Imported changes pack from laptop", "1 conflict raised", "Conflicts 1", "signed by laptop")
	send(tm, "]")
	waitFor(t, tm, "[Conflicts 1]", "(shown everywhere now)", "other by jsmith")
	send(tm, "S")
	waitFor(t, tm, "y to confirm")
	send(tm, "y")
	waitFor(t, tm, "[Conflicts 0]", "No conflicts waiting")
	final := finish(t, tm)
	if !strings.Contains(final.Status, "Conflict 1 settled") {
		t.Errorf("status %q", final.Status)
	}
	if left, _ := office.Conflicts(t.Context()); len(left) != 0 {
		t.Fatalf("conflicts left %+v", left)
	}
}
