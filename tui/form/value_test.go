package form

import (
	"testing"

	"caseload/tui/tuitest"
)

// A form is a value: what is typed into one copy never shows in another,
// as a pane's model before an Update must stay as it was.
func TestCopiesOfAFormDoNotShareFields(t *testing.T) {
	before := newTestForm()
	after, _ := tuitest.Type(before, "12.50")
	if got := before.Values()["amount"]; got != "" {
		t.Fatalf("typing into a copy changed the original: amount %q", got)
	}
	if got := after.Values()["amount"]; got != "12.50" {
		t.Fatalf("amount = %q, want 12.50", got)
	}
	moved, _ := tuitest.Press(before, "tab")
	if before.focus != 0 || before.fields[0].touched || moved.focus != 1 || !moved.fields[0].touched {
		t.Fatalf("tab on a copy: original focus %d touched %v; copy focus %d touched %v",
			before.focus, before.fields[0].touched, moved.focus, moved.fields[0].touched)
	}
	sized := Sized(&after, 60)
	if sized.fields[0].input.Width == after.fields[0].input.Width {
		t.Fatalf("Sized changed the form it was given, or sized nothing (width %d)", after.fields[0].input.Width)
	}
	if Sized(nil, 60) != nil {
		t.Fatal("Sized(nil) is not nil")
	}
}

// View only renders: drawing the form twice, at any width, leaves it
// exactly as it was.
func TestViewChangesNothing(t *testing.T) {
	tuitest.NoColour()
	m := newTestForm()
	m.SetWidth(80)
	widths := func() []int {
		var w []int
		for _, f := range m.fields {
			w = append(w, f.input.Width)
		}
		return w
	}
	was := widths()
	first := m.View(80)
	_ = m.View(40)
	if second := m.View(80); second != first {
		t.Fatalf("a second View differs from the first:\n%s\n---\n%s", first, second)
	}
	for i, w := range widths() {
		if w != was[i] {
			t.Fatalf("View changed field %d's width from %d to %d", i, was[i], w)
		}
	}
}
