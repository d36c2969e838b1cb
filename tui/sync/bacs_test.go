package sync

import (
	"strings"
	"testing"

	"caseload/tui/tuitest"
)

func TestBOpensTheBacsViewAndEscComesBack(t *testing.T) {
	m := newPane(t, tuitest.Store(t), t.TempDir(), 80, 24)
	m, _ = tuitest.Press(m, "b")
	if v := m.View(); !strings.Contains(v, "Bacs · Direct Debit files and advices") || !strings.Contains(v, "No Bacs runs yet") {
		t.Fatalf("b:\n%s", v)
	}
	// The view's own keys: a opens its AUDDIS form, which has the keyboard
	// (so the root leaves q and digits alone); esc leaves the form, then
	// the view.
	m, _ = tuitest.Press(m, "a")
	if !m.Capturing() || !strings.Contains(m.View(), "Make the AUDDIS file") {
		t.Fatalf("a:\n%s", m.View())
	}
	m, _ = tuitest.Press(m, "esc", "esc")
	if m.Capturing() || !strings.Contains(m.View(), "Replica") {
		t.Fatalf("esc esc:\n%s", m.View())
	}
}
