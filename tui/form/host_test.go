package form

import (
	"errors"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/tui/common"
)

// run is what a command answers (flattening one batch).
func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, run(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

func TestHostRoutesEveryStepOfAForm(t *testing.T) {
	var submitted Values
	h := Host{Submit: func(s SubmitMsg) tea.Cmd {
		submitted = s.Values
		return func() tea.Msg { return SavedMsg{ID: s.ID, Refs: []string{"NW1001"}, Text: "Saved."} }
	}}
	open := newTestForm()

	t.Run("esc closes the form and says nothing was saved", func(t *testing.T) {
		f, cmd, ok := h.Route(&open, CancelMsg{ID: "f"})
		if !ok || f != nil {
			t.Fatalf("form after esc %v (handled %v)", f, ok)
		}
		if msgs := run(cmd); len(msgs) != 1 || msgs[0] != (common.StatusMsg{Text: "Cancelled: nothing was saved."}) {
			t.Fatalf("esc said %v", msgs)
		}
	})
	t.Run("another form's messages leave this one alone", func(t *testing.T) {
		if f, cmd, _ := h.Route(&open, CancelMsg{ID: "other"}); f != &open || cmd != nil {
			t.Fatal("a cancel for another form closed this one")
		}
	})
	t.Run("confirming starts the pane's write", func(t *testing.T) {
		f, cmd, _ := h.Route(&open, SubmitMsg{ID: "f", Values: Values{"amount": "5"}})
		if f != &open || submitted["amount"] != "5" {
			t.Fatalf("submit: form %v, values %v", f, submitted)
		}
		if msgs := run(cmd); len(msgs) != 1 || msgs[0].(SavedMsg).Text != "Saved." {
			t.Fatalf("the write answered %v", msgs)
		}
	})
	t.Run("a failed write keeps the form and its input, with the reason", func(t *testing.T) {
		f, cmd, _ := h.Route(&open, SavedMsg{ID: "f", Err: errors.New("the account is closed")})
		if f == nil || f == &open || f.problem != "the account is closed" || open.problem != "" || cmd != nil {
			t.Fatalf("after a failure: form %v, problem %q, original's %q", f, f.problem, open.problem)
		}
	})
	t.Run("a failure with no form open goes to the status bar", func(t *testing.T) {
		_, cmd, _ := h.Route(nil, SavedMsg{ID: "f", Err: errors.New("no")})
		if msgs := run(cmd); len(msgs) != 1 {
			t.Fatalf("got %v", msgs)
		} else if _, ok := msgs[0].(common.ErrMsg); !ok {
			t.Fatalf("got %T, want common.ErrMsg", msgs[0])
		}
	})
	t.Run("a saved write closes the form and announces the change", func(t *testing.T) {
		f, cmd, _ := h.Route(&open, SavedMsg{ID: "f", Refs: []string{"NW1001", "NW1006"}, Text: "Saved."})
		if f != nil {
			t.Fatal("the form stayed open after saving")
		}
		msgs := run(cmd)
		if len(msgs) != 2 || msgs[0] != (common.StatusMsg{Text: "Saved."}) {
			t.Fatalf("saving said %v", msgs)
		}
		if c, ok := msgs[1].(common.ChangedMsg); !ok || len(c.Refs) != 2 {
			t.Fatalf("saving announced %v, want both accounts changed", msgs[1])
		}
	})
	t.Run("other messages are not the host's", func(t *testing.T) {
		if _, _, ok := h.Route(&open, common.StatusMsg{}); ok {
			t.Fatal("the host claimed a status message")
		}
	})
}
