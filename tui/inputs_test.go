package tui

import (
	"strings"
	"testing"
)

// The write-off form starts from the whole debt, selected: typing 50
// replaces it (as in a spreadsheet cell) rather than making 1100.0050.
func TestAPrefilledAmountIsReplacedByTyping(t *testing.T) {
	m := start(t, 80, 24)
	m = press(t, m, "/")
	m = typeText(t, m, "NW1001")
	m = press(t, m, "enter", "L", "w")
	if v := m.View(); !strings.Contains(v, "Write off debt on NW1001") || !strings.Contains(v, "typing replaces it") {
		t.Fatalf("no write-off form with the debt selected:\n%s", v)
	}
	m = typeText(t, m, "50")
	m = press(t, m, "tab")
	m = typeText(t, m, "uneconomic, approved by J Smith")
	m = press(t, m, "ctrl+s")
	v := m.View()
	if !strings.Contains(v, "Confirm:") || !strings.Contains(v, "£50.00") {
		t.Fatalf("typing 50 over the debt did not give £50.00:\n%s", v)
	}
	if !strings.Contains(v, "y/enter confirm and save") {
		t.Fatalf("the help line does not say how to save:\n%s", v)
	}
}
