package form

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/tui/theme"
	"caseload/tui/tuitest"
)

func newTestForm() Model {
	return New("f", "Test form", theme.Default(), []Field{
		{Key: "amount", Label: "Amount", Validate: func(v string) error {
			if v == "" || strings.ContainsAny(v, "£,") {
				return errors.New("give pounds like 10.00")
			}
			return nil
		}},
		{Key: "method", Label: "Method", Choices: []string{"card", "cash", "dd"}},
		{Key: "pass", Label: "Passphrase", Masked: true},
	}, func(v Values) tea.Cmd {
		return func() tea.Msg { return ConfirmMsg{ID: "f", Text: "pay " + v["amount"] + " by " + v["method"]} }
	})
}

func TestFormValidatesConfirmsThenSubmits(t *testing.T) {
	tuitest.NoColour()
	m := newTestForm()
	m, _ = tuitest.Type(m, "£5")
	if m.Err() == "" || !strings.Contains(m.View(80), "give pounds like 10.00") {
		t.Fatalf("a bad amount is not explained in place:\n%s", m.View(80))
	}
	m, _ = tuitest.Press(m, "backspace", "backspace")
	m, _ = tuitest.Type(m, "12.50")
	if m.Err() != "" || !m.Dirty() {
		t.Fatalf("err %q dirty %v", m.Err(), m.Dirty())
	}
	m, _ = tuitest.Press(m, "enter", "right", "enter") // next field, cash, next field
	m, _ = tuitest.Type(m, " two words ")
	m, msgs := tuitest.Press(m, "enter") // last field: ask for confirmation
	if !m.Confirming() || !strings.Contains(m.View(80), "Confirm: pay 12.50 by cash") {
		t.Fatalf("no confirmation step:\n%s", m.View(80))
	}
	for _, msg := range msgs {
		if _, ok := msg.(SubmitMsg); ok {
			t.Fatal("submitted before confirmation")
		}
	}
	if strings.Contains(m.View(80), "two words") {
		t.Fatal("a masked field was drawn")
	}
	_, msgs = tuitest.Press(m, "y")
	var got Values
	for _, msg := range msgs {
		if s, ok := msg.(SubmitMsg); ok {
			got = s.Values
		}
	}
	if got == nil || got["amount"] != "12.50" || got["method"] != "cash" || got["pass"] != " two words " {
		t.Fatalf("submitted %v; want the values, the passphrase with its spaces", got)
	}
}

func TestFormFailKeepsInput(t *testing.T) {
	m := newTestForm()
	m, _ = tuitest.Type(m, "9.99")
	m, _ = tuitest.Press(m, "enter", "enter", "enter")
	m.Fail(errors.New("no account NW0000"))
	if m.Confirming() || !strings.Contains(m.View(80), "no account NW0000") || m.Values()["amount"] != "9.99" {
		t.Fatalf("after a failed save:\n%s", m.View(80))
	}
	m, msgs := tuitest.Press(m, "esc")
	cancelled := false
	for _, msg := range msgs {
		_, cancelled = msg.(CancelMsg)
	}
	if !cancelled {
		t.Fatal("esc did not cancel")
	}
}
