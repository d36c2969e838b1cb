package tui

import (
	"strings"
	"testing"
)

// The enforcement pane (6) always shows the account highlighted in the
// caseload, as the ledger and arrangement panes do: moving the highlight
// and coming back shows the new account's case.
func TestTheEnforcementPaneFollowsTheHighlightedAccount(t *testing.T) {
	m := start(t, 80, 24)
	first := m.(App).selected
	if first == "" {
		t.Fatal("no account highlighted at start")
	}
	m = press(t, m, "6")
	if v := m.View(); !strings.Contains(v, "Enforcement "+first) {
		t.Fatalf("pane 6 does not show the highlighted %s:\n%s", first, v)
	}
	m = press(t, m, "1", "j")
	next := m.(App).selected
	if next == first {
		t.Fatal("j did not move the highlight")
	}
	m = press(t, m, "6")
	if v := m.View(); !strings.Contains(v, "Enforcement "+next) || strings.Contains(v, "Enforcement "+first) {
		t.Fatalf("pane 6 does not follow the highlight to %s:\n%s", next, v)
	}
}
