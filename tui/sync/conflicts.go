package sync

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"caseload/store"
	"caseload/tui/common"
)

// Settling what imports raise: a conflict is kept as shown or swapped to
// the value it beat (a change that syncs and closes it everywhere); a
// probable duplicate is looked at in the ledger and marked reviewed. Each
// write asks for y first.

// actedMsg is the answer to a settlement or review.
type actedMsg struct {
	ref  string
	text string
	err  error
}

func (m Model) conflictKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.conflictAt = clamp(m.conflictAt-1, len(m.conflicts))
		return m, nil
	case key.Matches(msg, k.Down):
		m.conflictAt = clamp(m.conflictAt+1, len(m.conflicts))
		return m, nil
	}
	c, ok := m.conflict()
	if !ok {
		if key.Matches(msg, k.Keep, k.Swap, k.Select) {
			return m, common.Status("No conflict waiting.")
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Keep):
		m.ask = &question{
			text: fmt.Sprintf("Keep %q (shown now) as %s's %s and close conflict %d? The choice syncs with your next changes pack.", c.Kept, c.Ref, c.Field, c.ID),
			run:  resolve(m.ctx, c, "kept"),
		}
	case key.Matches(msg, k.Swap):
		m.ask = &question{
			text: fmt.Sprintf("Swap %s's %s from %q to %q (the other value) and close conflict %d? The choice syncs with your next changes pack.", c.Ref, c.Field, c.Kept, c.Other, c.ID),
			run:  resolve(m.ctx, c, "other"),
		}
	case key.Matches(msg, k.Select):
		return m, tea.Batch(common.Select(c.Ref), common.Status(c.Ref+" is shown in every pane."))
	}
	return m, nil
}

// conflict is the highlighted conflict.
func (m Model) conflict() (store.Conflict, bool) {
	if m.conflictAt < 0 || m.conflictAt >= len(m.conflicts) {
		return store.Conflict{}, false
	}
	return m.conflicts[m.conflictAt], true
}

func resolve(ctx *common.Context, c store.Conflict, keep string) tea.Cmd {
	st := ctx.Store
	return func() tea.Msg {
		err := st.ResolveConflict(ctx.Ctx, c.ID, keep)
		value := c.Kept
		if keep == "other" {
			value = c.Other
		}
		text := fmt.Sprintf("Conflict %d settled: %s's %s is %q; the choice syncs with your next changes pack.", c.ID, c.Ref, c.Field, value)
		return actedMsg{ref: c.Ref, text: text, err: err}
	}
}

func (m Model) duplicateKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.dupAt = clamp(m.dupAt-1, len(m.duplicates))
		return m, nil
	case key.Matches(msg, k.Down):
		m.dupAt = clamp(m.dupAt+1, len(m.duplicates))
		return m, nil
	}
	d, ok := m.duplicate()
	if !ok {
		if key.Matches(msg, k.Ledger, k.Reviewed, k.Select) {
			return m, common.Status("No probable duplicate waiting.")
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Ledger, k.Select):
		return m, tea.Batch(common.Select(d.Ref), common.SwitchTo(common.PaneLedger),
			common.Status(fmt.Sprintf("%s's ledger: %s and %s are the pair; reverse one if it was recorded twice.", d.Ref, d.First, d.Second)))
	case key.Matches(msg, k.Reviewed):
		m.ask = &question{
			text: fmt.Sprintf("Mark duplicate %d on %s (%s and %s) reviewed? Do this after reversing one in the ledger, or when both are genuine.", d.ID, d.Ref, d.First, d.Second),
			run:  review(m.ctx, d),
		}
	}
	return m, nil
}

// duplicate is the highlighted probable duplicate.
func (m Model) duplicate() (store.Duplicate, bool) {
	if m.dupAt < 0 || m.dupAt >= len(m.duplicates) {
		return store.Duplicate{}, false
	}
	return m.duplicates[m.dupAt], true
}

func review(ctx *common.Context, d store.Duplicate) tea.Cmd {
	st, today := ctx.Store, ctx.Today
	return func() tea.Msg {
		err := st.ReviewDuplicate(ctx.Ctx, d.ID, today)
		return actedMsg{ref: d.Ref, text: fmt.Sprintf("Duplicate %d on %s marked reviewed.", d.ID, d.Ref), err: err}
	}
}
