package bacs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/domain/arrangement"
	dbacs "caseload/domain/bacs"
	"caseload/domain/bacs/bacstest"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/tuitest"
)

func TestMain(m *testing.M) {
	tuitest.NoColour()
	os.Exit(m.Run())
}

func saw[T any](msgs []tea.Msg) bool {
	for _, m := range msgs {
		if _, ok := m.(T); ok {
			return true
		}
	}
	return false
}

func TestBacsViewMakesAFileImportsAnAdviceAndSettlesAnException(t *testing.T) {
	st := tuitest.Store(t)
	if _, err := st.SetUpMandate(t.Context(), store.NewMandate{Ref: "NW1004", Payer: "Dan Demo", SortCode: "20-00-00", Account: "58177632",
		Day: 15, Frequency: arrangement.Monthly, Amount: domain.MustMoney("346.67")}, tuitest.Today); err != nil {
		t.Fatal(err)
	}
	o := dbacs.Originator{SUN: "123456", Name: "EXAMPLE COUNCIL", SortCode: "401234", Account: "12345678"}
	m := New(tuitest.Context(t, st)).WithOriginator(o).SetSize(80, 24)
	m, _ = tuitest.Drive(m, m.Init())
	if v := m.View(); !strings.Contains(v, "No Bacs runs yet") || !strings.Contains(v, "Run log 0") {
		t.Fatalf("first view:\n%s", v)
	}

	// a: the AUDDIS file; its confirmation says what it would hold.
	out := filepath.Join(t.TempDir(), "auddis.txt")
	m, _ = tuitest.Press(m, "a")
	if !m.Capturing() {
		t.Fatal("the file form does not have the keyboard")
	}
	m, _ = tuitest.Press(m, "tab")
	m, _ = tuitest.Type(m, out)
	m, _ = tuitest.Press(m, "ctrl+s")
	if v := m.View(); !strings.Contains(v, "1 instruction (1 new instruction 0N)") {
		t.Fatalf("confirmation:\n%s", v)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatal("the file was written before the officer confirmed")
	}
	m, msgs := tuitest.Press(m, "y")
	if m.Capturing() || !saw[common.ChangedMsg](msgs) {
		t.Fatalf("after y: form open %v, msgs %v", m.Capturing(), msgs)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.Contains(string(b), "NW1004DD01") {
		t.Fatalf("the AUDDIS file: %v", err)
	}
	if v := m.View(); !strings.Contains(v, "Run log 1") || !strings.Contains(v, "1 instruction (1 new instruction 0N), effective Wed 25 Nov") {
		t.Fatalf("run log:\n%s", v)
	}

	// i: an ADDACS naming a mandate that is not ours is an exception.
	advice := filepath.Join(t.TempDir(), "addacs.xml")
	if err := os.WriteFile(advice, bacstest.ADDACS(tuitest.Today, "123456", []bacstest.Amendment{{Ref: "ZZ0001DD01", Reason: "1", Effective: tuitest.Today}}), 0o600); err != nil {
		t.Fatal(err)
	}
	m, _ = tuitest.Press(m, "i")
	m, _ = tuitest.Type(m, advice)
	m, _ = tuitest.Press(m, "ctrl+s")
	if v := m.View(); !strings.Contains(v, "Import this ADDACS advice?") {
		t.Fatalf("import confirmation:\n%s", v)
	}
	m, _ = tuitest.Press(m, "y")
	m, _ = tuitest.Press(m, "]")
	if v := m.View(); !strings.Contains(v, "[Exceptions 1]") || !strings.Contains(v, "no mandate has reference ZZ0001DD01") {
		t.Fatalf("exceptions:\n%s", v)
	}

	// s: settle it with a note.
	m, _ = tuitest.Press(m, "s")
	m, _ = tuitest.Type(m, "not ours: told the bank")
	m, _ = tuitest.Press(m, "ctrl+s", "y")
	if v := m.View(); !strings.Contains(v, "[Exceptions 0]") || !strings.Contains(v, "No open exceptions") {
		t.Fatalf("after settling:\n%s", v)
	}

	// p asks first; any other key cancels and writes nothing.
	m, _ = tuitest.Press(m, "p")
	if !m.Capturing() || !strings.Contains(m.View(), "y to confirm") {
		t.Fatalf("posting did not ask:\n%s", m.View())
	}
	m, _ = tuitest.Press(m, "n")
	if runs, _ := st.BacsRuns(t.Context()); len(runs) != 2 {
		t.Fatalf("runs after a cancelled post: %d", len(runs))
	}
	m, _ = tuitest.Press(m, "p", "y")
	if v := m.View(); !strings.Contains(v, "No Direct Debit collections to post") {
		t.Fatalf("post:\n%s", v)
	}

	// esc goes back to the Sync pane.
	if _, msgs := tuitest.Press(m, "esc"); !saw[CloseMsg](msgs) {
		t.Fatalf("esc: %v", msgs)
	}
}

func TestBacsViewRefusesAFileWithoutTheServiceUser(t *testing.T) {
	st := tuitest.Store(t)
	t.Setenv("CASELOAD_BACS_SUN", "")
	m := New(tuitest.Context(t, st)).SetSize(80, 24)
	m, _ = tuitest.Drive(m, m.Init())
	m, _ = tuitest.Press(m, "c", "ctrl+s")
	if v := m.View(); !strings.Contains(v, "service user number") {
		t.Fatalf("view:\n%s", v)
	}
	if runs, _ := st.BacsRuns(t.Context()); len(runs) != 0 {
		t.Fatal("a refused file recorded a run")
	}
}
