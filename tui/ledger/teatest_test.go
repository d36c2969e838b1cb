package ledger

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"caseload/domain"
	"caseload/tui/common"
	"caseload/tui/tuitest"
)

// harness runs the pane as a whole program: it selects an account at
// start (as the Caseload pane does), shows the last status under the pane
// (as the root's status bar does) and quits on q when no form is open.
type harness struct {
	m      Model
	ref    string
	status string
}

func (h harness) Init() tea.Cmd { return common.Select(h.ref) }

func (h harness) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		h.m = h.m.SetSize(msg.Width, msg.Height-1)
		return h, nil
	case tea.KeyMsg:
		if msg.String() == "q" && !h.m.Capturing() {
			return h, tea.Quit
		}
	case common.StatusMsg:
		h.status = msg.Text
		return h, nil
	case common.ErrMsg:
		h.status = "✗ " + msg.Err.Error()
		return h, nil
	}
	var cmd tea.Cmd
	h.m, cmd = h.m.Update(msg)
	return h, cmd
}

func (h harness) View() string {
	return h.m.View() + "\n" + common.Truncate(h.status, h.m.width)
}

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
	tm := teatest.NewTestModel(t, harness{m: New(newContext(t)), ref: "NW1001"}, teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "NW1001 Alice Example", "Balance £1,100.00 owed (11.0 weeks)", "weekly £100.00", "£1,100 ┤", "23 Nov 26")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

func TestTeatestPaymentForm(t *testing.T) {
	ctx := newContext(t)
	tm := teatest.NewTestModel(t, harness{m: New(ctx), ref: "NW1001"}, teatest.WithInitialTermSize(80, 24))
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
	final := tm.FinalModel(t).(harness)
	last := final.m.lines[final.m.cursor]
	if last.Type != domain.TxnPayment || last.Method != "card" || last.Reference != "R-778" || !last.Balance.Equal(domain.MustMoney("1050")) {
		t.Fatalf("the highlighted line after saving: %+v", last)
	}
	if a, _ := ctx.Store.Account(t.Context(), "NW1001"); !a.Balance.Equal(domain.MustMoney("1050")) {
		t.Fatalf("stored balance %s", a.Balance)
	}
	if !strings.HasPrefix(final.status, "Saved ") {
		t.Fatalf("status %q", final.status)
	}
}
