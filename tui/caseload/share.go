package caseload

import (
	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/form"
)

// The case forms other panes open (the enforcement pane): one event form
// and one checklist form for the whole TUI, each pane routing them
// through its own form.Host with Save as the write.

// EventForm is the case event form on ref: the picker offers only the
// steps that may come next on facts, and the possession gate is asked
// before it confirms (an override needs a reason).
func EventForm(ctx *common.Context, ref string, facts worklist.Facts) form.Model {
	return eventForm(ctx, ref, facts, ctx.Policy)
}

// PreActionForm is the pre-action checklist form of v, open items first.
func PreActionForm(ctx *common.Context, v store.PreActionView) form.Model {
	return preActionForm(ctx, v)
}

// Save writes the confirmed values of a form EventForm or PreActionForm
// made, on ref: the form.Host Submit of the pane that opened it.
func Save(ctx *common.Context, ref string, s form.SubmitMsg) tea.Cmd {
	return save(ctx, s.ID, ref, s.Values, ctx.Policy)
}
