package form

import (
	tea "github.com/charmbracelet/bubbletea"

	"caseload/tui/common"
)

// SavedMsg answers the write a confirmed form asked for: the status text
// and the accounts written (every pane reloads them), or why it failed.
// Made is the id of what was written (a transaction, a claim), for a pane
// that shows it next.
type SavedMsg struct {
	ID   string
	Refs []string
	Text string
	Made string
	Err  error
}

// Host is the routing every pane's form shares: the confirmation's answer
// to the form, esc closes it, the confirmed values to the pane's write,
// and the write's answer back — a failure stays in the form with the
// officer's input, a success closes it and announces the change.
type Host struct {
	// Submit starts the write of confirmed values; its command answers
	// with a SavedMsg for the form's id.
	Submit func(SubmitMsg) tea.Cmd
	// Cancelled is the status after esc (default: nothing was saved).
	Cancelled string
}

// Route handles msg for the open form f (nil when none is open). It
// returns the form as it stands afterwards (nil once closed), the command
// to run, and whether msg was one of the form messages at all.
func (h Host) Route(f *Model, msg tea.Msg) (*Model, tea.Cmd, bool) {
	open := func(id string) bool { return f != nil && f.ID == id }
	switch msg := msg.(type) {
	case ConfirmMsg:
		if f == nil {
			return nil, nil, true
		}
		g, cmd := f.Update(msg)
		return &g, cmd, true
	case CancelMsg:
		if !open(msg.ID) {
			return f, nil, true
		}
		text := h.Cancelled
		if text == "" {
			text = "Cancelled: nothing was saved."
		}
		return nil, common.Status(text), true
	case SubmitMsg:
		if !open(msg.ID) || h.Submit == nil {
			return f, nil, true
		}
		return f, h.Submit(msg), true
	case SavedMsg:
		if msg.Err != nil {
			if open(msg.ID) {
				g := *f
				g.Fail(msg.Err)
				return &g, nil, true
			}
			return f, func() tea.Msg { return common.ErrMsg{Err: msg.Err} }, true
		}
		if open(msg.ID) {
			f = nil
		}
		return f, tea.Batch(common.Status(msg.Text), common.Changed(msg.Refs...)), true
	}
	return f, nil, false
}
