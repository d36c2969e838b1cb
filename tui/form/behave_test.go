package form

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/tui/theme"
	"caseload/tui/tuitest"
)

func prefilled() Model {
	today := domain.MustDate(2026, time.November, 23)
	return New("p", "Payment", theme.Default(), []Field{
		{Key: "amount", Label: "Amount", Value: "100.00", Validate: func(v string) error {
			if _, err := domain.ParseMoney(v); err != nil || v == "" {
				return errors.New("give an amount in pounds, e.g. 50.00; a figure with at most two decimal places and no symbols")
			}
			return nil
		}},
		{Key: "type", Label: "Event", Choices: []string{"letter-1", "hearing"}},
		{Key: "date", Label: "Date", Check: func(v string, all Values) error {
			d, err := domain.ParseDate(v)
			if err != nil {
				return errors.New("use YYYY-MM-DD")
			}
			return domain.EventType(all["type"]).When().Check("date", d, today)
		}},
	}, nil)
}

func TestAPrefilledFieldIsReplacedByTyping(t *testing.T) {
	tuitest.NoColour()
	m := prefilled()
	m, _ = tuitest.Type(m, "25")
	if got := m.Values()["amount"]; got != "25" {
		t.Fatalf("typing over the pre-filled 100.00 gave %q, want 25", got)
	}
	// An arrow key keeps the value and edits it.
	m = prefilled()
	m, _ = tuitest.Press(m, "left")
	m, _ = tuitest.Type(m, "5")
	if got := m.Values()["amount"]; got != "100.050" {
		t.Fatalf("← then 5 gave %q, want 100.050", got)
	}
	// Backspace on the selected value clears it.
	m = prefilled()
	m, _ = tuitest.Press(m, "backspace")
	if got := m.Values()["amount"]; got != "" {
		t.Fatalf("backspace on the selected value left %q", got)
	}
}

func TestProblemsShowOnlyOnceTouchedAndWrapUnderTheField(t *testing.T) {
	tuitest.NoColour()
	m := prefilled()
	m, _ = tuitest.Press(m, "tab", "tab") // to the empty date
	if v := m.View(60); strings.Contains(v, "✗") {
		t.Fatalf("an untouched empty date is flagged:\n%s", v)
	}
	m, _ = tuitest.Press(m, "shift+tab", "shift+tab") // back to the amount: the date was left, so touched
	if v := m.View(60); !strings.Contains(v, "✗ use YYYY-MM-DD") {
		t.Fatalf("a date left empty is not flagged:\n%s", v)
	}
	m, _ = tuitest.Type(m, "x")
	v := m.View(60)
	if !strings.Contains(v, "✗ give an amount in pounds") {
		t.Fatalf("a wrong amount is not flagged:\n%s", v)
	}
	// The long message wraps under the field's value, not at the left edge.
	lines := strings.Split(v, "\n")
	for i, line := range lines {
		if strings.Contains(line, "✗ give an amount") {
			next := strings.TrimPrefix(lines[i+1], "│")
			if strings.TrimSpace(next) == "" || !strings.HasPrefix(next, strings.Repeat(" ", len("  Amount  "))) {
				t.Fatalf("the message's second line is not indented under the field:\n%s", v)
			}
		}
	}
}

func TestAHearingMayBeInTheFutureALetterMayNot(t *testing.T) {
	tuitest.NoColour()
	m := prefilled()
	m, _ = tuitest.Press(m, "tab", "tab")
	m, _ = tuitest.Type(m, "2027-01-11")
	if v := m.View(80); !strings.Contains(v, "is in the future") {
		t.Fatalf("a future letter is not refused:\n%s", v)
	}
	m, _ = tuitest.Press(m, "shift+tab", "right", "tab") // the event: hearing
	if v := m.View(80); strings.Contains(v, "✗") {
		t.Fatalf("a future hearing is refused:\n%s", v)
	}
}

func TestSaveFromAnyFieldAndTheHelpSaysHow(t *testing.T) {
	tuitest.NoColour()
	m := New("s", "Note", theme.Default(), []Field{
		{Key: "a", Label: "A", Value: "x"},
		{Key: "b", Label: "B"},
	}, func(v Values) tea.Cmd { return func() tea.Msg { return ConfirmMsg{ID: "s", Text: "save " + v["a"]} } })
	saves := false
	for _, b := range m.ShortHelp() {
		saves = saves || b.Help().Desc == "save"
	}
	if !saves {
		t.Fatal("the short help does not say how to save")
	}
	m, _ = tuitest.Press(m, "ctrl+s")
	if !m.Confirming() {
		t.Fatalf("ctrl+s on the first field did not ask to confirm:\n%s", m.View(60))
	}
	if h := m.ShortHelp(); len(h) == 0 || h[0].Help().Desc != "confirm and save" {
		t.Fatalf("while confirming, the help is %v", h)
	}
}
