package ledger

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"caseload/domain"
	"caseload/tui/tuitest"
)

func typeText(tm *teatest.TestModel, s string) {
	for _, r := range s {
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// waitFor waits until the output holds every one of what (tuitest.WaitFor).
func waitFor(t *testing.T, tm *teatest.TestModel, what ...string) {
	t.Helper()
	tuitest.WaitFor(t, tm, what...)
}

func TestTeatestFirstFrameShowsTheSelectedAccount(t *testing.T) {
	tm := teatest.NewTestModel(t, tuitest.Open(New(newContext(t)), "NW1001"), teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "NW1001 Alice Example", "Balance £1,100.00 owed (11.0 weeks)", "weekly £100.00", "£1,100 ┤", "23 Nov 26")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

func TestTeatestPaymentForm(t *testing.T) {
	ctx := newContext(t)
	tm := teatest.NewTestModel(t, tuitest.Open(New(ctx), "NW1001"), teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "Balance £1,100.00 owed")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("p")})
	waitFor(t, tm, "Payment to NW1001", "what was paid, in pounds")
	// Validation follows the typing: three decimals are wrong…
	typeText(tm, "50.123")
	waitFor(t, tm, "more than two decimal places")
	// …and removing one puts it right (the hint for the field returns).
	tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	waitFor(t, tm, "50.12", "what was paid, in pounds")
	tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	// Through method (→ card), date (today) and reference to the confirmation.
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	tm.Send(tea.KeyMsg{Type: tea.KeyRight})
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	typeText(tm, "R-778")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "Confirm:", "Post £50.00 card payment to NW1001", "balance after:", "£1,050.00")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("y")})
	waitFor(t, tm, "Balance £1,050.00 owed", "R-778", "Saved")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	final := tm.FinalModel(t).(tuitest.Host[Model])
	last := final.Pane.lines[final.Pane.cursor]
	if last.Type != domain.TxnPayment || last.Method != "card" || last.Reference != "R-778" || !last.Balance.Equal(domain.MustMoney("1050")) {
		t.Fatalf("the highlighted line after saving: %+v", last)
	}
	if a, _ := ctx.Store.Account(t.Context(), "NW1001"); !a.Balance.Equal(domain.MustMoney("1050")) {
		t.Fatalf("stored balance %s", a.Balance)
	}
	if !strings.HasPrefix(final.Status, "Saved ") {
		t.Fatalf("status %q", final.Status)
	}
}
