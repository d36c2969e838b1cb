package form

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/tui/theme"
	"caseload/tui/tuitest"
)

// whenForm shows its "Card" field only when the method is card, and the
// card field refuses an empty value.
func whenForm() Model {
	return New("w", "When form", theme.Default(), []Field{
		{Key: "method", Label: "Method", Choices: []string{"cash", "card"}},
		{Key: "card", Label: "Card", When: func(v Values) bool { return v["method"] == "card" }, Validate: func(v string) error {
			if v == "" {
				return errors.New("give the last four digits")
			}
			return nil
		}},
		{Key: "note", Label: "Note"},
	}, nil)
}

// submitted is the values a SubmitMsg among msgs carries (nil: none).
func submitted(msgs []tea.Msg) Values {
	for _, msg := range msgs {
		if s, ok := msg.(SubmitMsg); ok {
			return s.Values
		}
	}
	return nil
}

func TestAFieldShownWhenIsHiddenSkippedAndLeftOutUntilItApplies(t *testing.T) {
	tuitest.NoColour()
	m := whenForm()
	t.Run("hidden", func(t *testing.T) {
		if v := m.View(80); strings.Contains(v, "Card") {
			t.Fatalf("a field that does not apply is drawn:\n%s", v)
		}
		if m.Err() != "" {
			t.Fatalf("a hidden field's problem blocks the form: %q", m.Err())
		}
		m, _ := tuitest.Press(m, "tab")
		m, _ = tuitest.Type(m, "paid at the desk")
		if v := m.View(80); !strings.Contains(v, "› Note") {
			t.Fatalf("tab did not skip the hidden field:\n%s", v)
		}
		m, _ = tuitest.Press(m, "shift+tab")
		if v := m.View(80); !strings.Contains(v, "› Method") {
			t.Fatalf("shift+tab did not skip the hidden field:\n%s", v)
		}
		_, msgs := tuitest.Press(m, "ctrl+s")
		got := submitted(msgs)
		if got == nil || got["note"] != "paid at the desk" {
			t.Fatalf("saving without the hidden field: %v", got)
		}
		if _, ok := got["card"]; ok {
			t.Fatalf("a hidden field's value was submitted: %v", got)
		}
	})
	t.Run("shown", func(t *testing.T) {
		m, _ := tuitest.Press(m, "right") // card
		if v := m.View(80); !strings.Contains(v, "Card") {
			t.Fatalf("the field that now applies is not drawn:\n%s", v)
		}
		m, msgs := tuitest.Press(m, "ctrl+s")
		if submitted(msgs) != nil || !strings.Contains(m.View(80), "give the last four digits") {
			t.Fatalf("a shown field's problem did not block saving:\n%s", m.View(80))
		}
		m, _ = tuitest.Type(m, "1234")
		m, _ = tuitest.Press(m, "enter") // on to the note
		_, msgs = tuitest.Press(m, "enter")
		if got := submitted(msgs); got["card"] != "1234" || got["method"] != "card" {
			t.Fatalf("saving with the shown field: %v", got)
		}
	})
	t.Run("hidden again", func(t *testing.T) {
		m, _ := tuitest.Press(m, "right", "tab")
		m, _ = tuitest.Type(m, "1234")
		m, _ = tuitest.Press(m, "shift+tab", "left") // back to cash
		_, msgs := tuitest.Press(m, "ctrl+s")
		if got := submitted(msgs); got == nil || got["card"] != "" {
			t.Fatalf("a value typed before the field was hidden was saved: %v", got)
		}
	})
}
