package form

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/tui/theme"
	"caseload/tui/tuitest"
)

func textForm() Model {
	return New("t", "Note", theme.Default(), []Field{
		{Key: "text", Label: "What was said"},
		{Key: "reference", Label: "Reference"},
		{Key: "file", Label: "File"},
	}, nil)
}

// typeRunes sends text as one key message, as a paste arrives.
func typeRunes(m Model, s string) Model {
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)})
	return m
}

// The text input drops C0 and C1 controls as they arrive; what it lets
// through that could still deceive (a bidi override) the cleaner refuses,
// naming the field. Either way nothing hostile is submitted.
func TestFormsRefuseControlCharactersAsTheyAreTyped(t *testing.T) {
	tuitest.NoColour()
	cases := []struct{ name, text, want string }{
		{"an escape sequence", "hello\x1b[2J", "What was said: holds an escape character"},
		{"a NUL", "a\x00b", "What was said: holds a NUL character"},
		{"a C1 control", "a\u009bb", "What was said: holds a control character (U+009B)"},
		{"a bidi override", "a\u202eb", "What was said: holds a bidirectional text control"},
		{"an isolate", "a\u2066b", "What was said: holds a bidirectional text control"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := typeRunes(textForm(), c.text)
			if v := m.Values()["text"]; strings.ContainsAny(v, "\x1b\x00\u009b\u202e\u2066") && !strings.HasPrefix(m.Err(), c.want) {
				t.Fatalf("value %q kept with Err() = %q, want %q", v, m.Err(), c.want)
			}
			m, msgs := tuitest.Press(m, "enter", "enter", "enter")
			for _, msg := range msgs {
				if s, ok := msg.(SubmitMsg); ok && strings.ContainsAny(s.Values["text"], "\x1b\x00\u009b\u202e\u2066") {
					t.Fatalf("a control character was submitted: %q", s.Values["text"])
				}
			}
			if strings.Contains(m.View(80), "\x1b") {
				t.Fatal("the refusal drew the escape character")
			}
		})
	}
}

func TestFormsTellTheOfficerACardNumberWillBeMasked(t *testing.T) {
	tuitest.NoColour()
	m := typeRunes(textForm(), "paid 4111.1111.1111.1111")
	if m.Err() != "" || !strings.Contains(m.View(80), "⚠ a card number will be masked to its last four digits") {
		t.Fatalf("err %q\n%s", m.Err(), m.View(80))
	}
	// A file path's digits are not a card number.
	m, _ = tuitest.Press(m, "tab", "tab")
	m = typeRunes(m, "/tmp/Test4111111111/1111/1111.clpack")
	if m.Err() != "" || strings.Count(m.View(80), "will be masked") != 1 {
		t.Fatalf("err %q\n%s", m.Err(), m.View(80))
	}
}

func TestFormsBoundLengthsByField(t *testing.T) {
	tuitest.NoColour()
	m, _ := tuitest.Press(textForm(), "tab")
	m = typeRunes(m, strings.Repeat("R", 65))
	if !strings.Contains(m.Err(), "Reference: is 65 characters long: at most 64") {
		t.Fatalf("err %q", m.Err())
	}
}
