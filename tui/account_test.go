package tui

import (
	"strings"
	"testing"
)

// header is the first line of the screen.
func header(m interface{ View() string }) string {
	return strings.SplitN(m.View(), "\n", 2)[0]
}

// The highlighted row on the caseload is the account of the whole TUI:
// the header names it, pane 2 shows its ledger and the payment form is
// for it, without pressing enter first.
func TestTheHighlightedAccountIsTheAccountEverywhere(t *testing.T) {
	m := start(t, 100, 30)
	m = press(t, m, "]", "]", "]", "]", "]", "]") // Whole caseload: NW1001…NW1006
	m = press(t, m, "j", "j")
	row := ""
	for _, line := range strings.Split(m.View(), "\n") {
		if strings.Contains(line, "›") {
			row = line
		}
	}
	ref := ""
	for _, f := range strings.Fields(row) {
		if strings.HasPrefix(f, "NW10") {
			ref = f
		}
	}
	if ref == "" {
		t.Fatalf("no highlighted row:\n%s", m.View())
	}
	if h := header(m); !strings.Contains(h, "account "+ref) {
		t.Fatalf("header %q does not name the highlighted %s", h, ref)
	}
	m = press(t, m, "2")
	if v := m.View(); !strings.Contains(v, ref) || strings.Contains(v, "No account chosen") {
		t.Fatalf("pane 2 does not show %s:\n%s", ref, v)
	}
	m = press(t, m, "p")
	if v := m.View(); !strings.Contains(v, "on "+ref) && !strings.Contains(v, "to "+ref) {
		t.Fatalf("the payment form is not for %s:\n%s", ref, v)
	}
	m = press(t, m, "esc", "1", "k")
	if h := header(m); strings.Contains(h, "account "+ref) {
		t.Fatalf("after moving up the header still names %s: %q", ref, h)
	}
	m = press(t, m, "tab", "tab") // the arrangement calculator
	if v := m.View(); strings.Contains(v, ref) {
		t.Fatalf("the calculator shows %s, not the highlighted account:\n%s", ref, v)
	}
}
