package arrange

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/tui/tuitest"
)

// BenchmarkKeystroke1040 is one keystroke in the balance field with a
// 1,040-instalment schedule on screen: the key's Update (which recalculates
// the whole schedule) and the View it shows, at 160×48. It must stay well
// inside a frame (16 ms) for the result to follow the officer's typing.
func BenchmarkKeystroke1040(b *testing.B) {
	m := newPane(b, nil, tuitest.Today, 160, 48)
	m, _ = press(b, m, "e")
	m = typeText(b, m, "1040.0")
	m, _ = press(b, m, "tab", "tab", "tab", "tab")
	m = typeText(b, m, "1")
	m, _ = press(b, m, "shift+tab", "shift+tab", "shift+tab", "shift+tab")
	if !m.planOK || m.plan.Count != 1040 || m.focus != fBalance {
		b.Fatalf("set-up: plan ok %v count %d focus %d", m.planOK, m.plan.Count, m.focus)
	}
	// Alternate "1040.0" → "1040.00" → "1040.0": both are 1,040 instalments.
	keys := []tea.KeyMsg{keyMsg("0"), keyMsg("backspace")}
	b.ResetTimer()
	for i := range b.N {
		m, _ = m.Update(keys[i%2])
		if v := m.View(); !strings.Contains(v, "1,040 instalments") {
			b.Fatalf("lost the schedule:\n%s", v)
		}
	}
}
