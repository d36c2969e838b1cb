package caseload

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/domain/possession"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/form"
)

// The pre-action protocol in the caseload pane: the checklist form (t),
// the event picker's legal next steps and the gate's refusal before a
// court step is confirmed (e), and the checklist in the account view.

const formPreAction = "caseload-preaction"

// The checklist form's choices.
const (
	choiceOpen      = "open"
	choiceTick      = "tick"
	choiceUntick    = "untick"
	claimNoChange   = "no change"
	claimPending    = "claim pending"
	claimNotPending = "no claim pending"
)

// eventChoicesMsg carries the account's facts, read to offer only the
// steps that may come next.
type eventChoicesMsg struct {
	ref   string
	facts worklist.Facts
	err   error
}

func loadEventChoices(ctx *common.Context, ref string, p worklist.Policy) tea.Cmd {
	st, today := ctx.Store, ctx.Today
	return func() tea.Msg {
		f, err := st.AccountFacts(ctx.Ctx, ref, today, p)
		return eventChoicesMsg{ref: ref, facts: f, err: err}
	}
}

// confirmEvent asks the possession gate before confirming: a refused step
// is not confirmed without an override reason, and the confirmation says
// what is being overridden.
func confirmEvent(ref string, facts worklist.Facts, p worklist.Policy, today domain.Date, v form.Values) tea.Cmd {
	t := domain.EventType(v["type"])
	date := today
	if v["date"] != "" {
		date, _ = domain.ParseDate(v["date"])
	}
	text := fmt.Sprintf("record %s on %s", strings.ToLower(t.Label()), ref) + outcomeWords(v)
	if _, _, err := courtValues(v); err != nil {
		return func() tea.Msg { return form.ConfirmMsg{ID: formEvent, Err: err} }
	}
	if r := possession.Check(&facts, t, date, p); r != nil {
		if strings.TrimSpace(v["override"]) == "" {
			return func() tea.Msg {
				how := "give an override reason to record it anyway"
				if len(r.Missing) > 0 {
					how = "tick the open items (t) or give an override reason"
				}
				return form.ConfirmMsg{ID: formEvent, Err: fmt.Errorf("%s — %s", r.Text(), how)}
			}
		}
		text += " OVERRIDING: " + r.Text() + "; reason kept: " + v["override"]
	}
	return confirm(formEvent, text)
}

// preActionMsg carries an account's checklist for the form.
type preActionMsg struct {
	ref  string
	view store.PreActionView
	err  error
}

func loadPreAction(ctx *common.Context, ref string, p worklist.Policy) tea.Cmd {
	st, today := ctx.Store, ctx.Today
	return func() tea.Msg {
		v, err := st.PreAction(ctx.Ctx, ref, today, p)
		return preActionMsg{ref: ref, view: v, err: err}
	}
}

// preActionForm is the checklist with the open items first: each item a
// choice (tick an open one, untick a ticked one), the date they were done,
// and what was found about a benefit claim.
func preActionForm(ctx *common.Context, v store.PreActionView) form.Model {
	today := ctx.Today
	var open, done []form.Field
	for _, t := range v.Checklist.Ticks {
		f := form.Field{Key: string(t.Item), Label: t.Item.Short(), Hint: t.Item.Label()}
		if t.Done {
			f.Choices = []string{"ticked " + t.Date.Short(), choiceUntick}
			f.Hint = "ticked " + t.DoneWords()
			done = append(done, f)
		} else {
			f.Choices = []string{choiceOpen, choiceTick}
			open = append(open, f)
		}
	}
	claim := form.Field{Key: "claim", Label: "Benefit claim", Choices: []string{claimNoChange, claimPending, claimNotPending},
		Hint: "a complete HB/UC claim pending holds a court claim"}
	if pending := v.Checklist.ClaimWords(); pending != "" {
		claim.Hint = pending + ": no court claim until decided"
	}
	fields := append(append(open, done...),
		dateField("date", "Done on", "when the ticked items were done (blank: today)", true, func(d domain.Date) error {
			if d.After(today) {
				return fmt.Errorf("%s is in the future", d.Human())
			}
			return nil
		}), claim)
	title := fmt.Sprintf("Pre-action checklist on %s: %d of %d done", v.Ref, len(done), len(v.Checklist.Ticks))
	return form.New(formPreAction, title, ctx.Styles, fields, func(vals form.Values) tea.Cmd {
		ticks := preActionTicks(vals, today)
		if len(ticks) == 0 {
			return func() tea.Msg {
				return form.ConfirmMsg{ID: formPreAction, Err: fmt.Errorf("nothing changed: choose tick on an open item (←/→)")}
			}
		}
		var words []string
		for _, t := range ticks {
			switch {
			case t.Item != "" && t.Done:
				words = append(words, "tick "+t.Item.Short())
			case t.Item != "":
				words = append(words, "untick "+t.Item.Short())
			}
			if t.Claim != "" {
				words = append(words, string(t.Claim)+" benefit claim")
			}
		}
		return confirm(formPreAction, strings.Join(words, "; ")+" on "+ticks[0].Date.Human())
	})
}

// preActionTicks are the marks the form's values make.
func preActionTicks(v form.Values, today domain.Date) []store.PreActionTick {
	date := today
	if d, err := domain.ParseDate(v["date"]); err == nil {
		date = d
	}
	var out []store.PreActionTick
	for _, it := range domain.PreActionItems {
		switch v[string(it)] {
		case choiceTick:
			out = append(out, store.PreActionTick{Item: it, Done: true, Date: date})
		case choiceUntick:
			out = append(out, store.PreActionTick{Item: it, Date: date})
		}
	}
	var claim domain.BenefitClaim
	switch v["claim"] {
	case claimPending:
		claim = domain.ClaimPending
	case claimNotPending:
		claim = domain.ClaimNone
	}
	if claim != "" {
		if len(out) > 0 {
			out[len(out)-1].Claim = claim
		} else {
			out = append(out, store.PreActionTick{Date: date, Claim: claim})
		}
	}
	return out
}

// preActionWords is the account view's checklist (possession.PreActionLines)
// with the key that opens it.
func preActionWords(f *worklist.Facts, today domain.Date, p worklist.Policy) []string {
	lines := possession.PreActionLines(f, today, p)
	if len(lines) > 0 {
		lines[0] += " (t: checklist)"
	}
	return lines
}
