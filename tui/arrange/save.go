package arrange

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/form"
)

// Saving the calculation as the account's arrangement, and cancelling the
// live one: both through tui/form, so nothing is written until the officer
// has read what will happen and confirmed it.

const (
	formSave   = "arrange-save"
	formCancel = "arrange-cancel"
)

// openSave asks to save the figures as the account's arrangement. The one
// field is the arrears it is for, the balance by default: an arrangement
// agreed for part of the debt (the rest awaiting a Housing Benefit
// backdate, say) is recorded for that part.
func (m Model) openSave() (Model, tea.Cmd) {
	switch {
	case m.ref == "":
		return m, common.Status("Choose an account in the caseload first: saving needs an account (the calculator works without one).")
	case m.account == nil:
		return m, common.Status("Still loading " + m.ref + ": try again in a moment.")
	case !m.planOK:
		return m, common.Status("Nothing to save yet: " + m.problem())
	}
	p := m.plan
	ref, st, today, policy := m.ref, m.ctx.Store, m.ctx.Today, m.ctx.Policy
	f := form.New(formSave, fmt.Sprintf("Save as %s's arrangement: %s %s from %s", ref, p.Instalment.Human(), p.Frequency.Per(), p.FirstDate.Human()),
		m.ctx.Styles, []form.Field{{
			Key: "arrears", Label: "Towards arrears", Value: p.Total.String(), Placeholder: "e.g. 1100.00",
			Hint:     "the arrears it is for · enter shows what saving does",
			Validate: positiveMoney,
		}}, func(v form.Values) tea.Cmd {
			n := newArrangement(ref, p, v["arrears"])
			return func() tea.Msg {
				pv, err := st.PreviewArrangement(m.ctx.Ctx, n, today, policy)
				if err != nil {
					return form.ConfirmMsg{ID: formSave, Err: err}
				}
				return form.ConfirmMsg{ID: formSave, Text: pv.Words(ref)}
			}
		})
	m.form = form.Sized(&f, m.width)
	return m, nil
}

// newArrangement is the arrangement a plan makes, towards the arrears the
// officer confirmed (already checked by the form's field).
func newArrangement(ref string, p arrangement.Plan, arrears string) store.NewArrangement {
	a, _ := domain.ParseMoney(strings.TrimSpace(arrears))
	return store.NewArrangement{Ref: ref, Start: p.FirstDate, Frequency: p.Frequency, Instalment: p.Instalment, Arrears: a}
}

func positiveMoney(v string) error {
	a, err := domain.ParseMoney(v)
	if err != nil {
		return err
	}
	if !a.IsPositive() {
		return fmt.Errorf("must be more than £0.00")
	}
	return nil
}

// openCancel asks why the live arrangement is cancelled, and says what
// follows: the arrangement it replaced comes back, or none is left.
func (m Model) openCancel() (Model, tea.Cmd) {
	live := m.live()
	switch {
	case m.ref == "":
		return m, common.Status("Choose an account in the caseload first.")
	case live == nil:
		return m, common.Status(m.ref + " has no live arrangement to cancel.")
	case live.Ended():
		return m, common.Status("The live arrangement on " + m.ref + " is " + live.Status.Reason + ": nothing is left to cancel.")
	}
	after := m.ref + " will have no live arrangement"
	for _, r := range m.records {
		if r.State == store.ArrangementSuperseded && r.SupersededBy == live.ID {
			after = fmt.Sprintf("the %s %s arrangement made %s becomes live again", r.Terms.Instalment.Human(), r.Terms.Frequency, r.MadeOn.Human())
		}
	}
	id, ref, terms, state := live.ID, m.ref, live.TermsWords(), live.Status.State.Word()
	f := form.New(formCancel, "Cancel arrangement "+id+" on "+ref, m.ctx.Styles, []form.Field{{
		Key: "reason", Label: "Reason", Placeholder: "e.g. resident moved out; new terms agreed in court",
		Hint: "why it is cancelled (kept on the record)",
		Validate: func(v string) error {
			if strings.TrimSpace(v) == "" {
				return fmt.Errorf("say why the arrangement is cancelled")
			}
			return nil
		},
	}}, func(v form.Values) tea.Cmd {
		text := fmt.Sprintf("Cancel %s (%s) on %s because %q — %s", terms, state, ref, strings.TrimSpace(v["reason"]), after)
		return func() tea.Msg { return form.ConfirmMsg{ID: formCancel, Text: text} }
	})
	m.form = form.Sized(&f, m.width)
	return m, nil
}

// submit writes a confirmed form.
func (m Model) submit(msg form.SubmitMsg) tea.Cmd {
	st, today, ref, policy := m.ctx.Store, m.ctx.Today, m.ref, m.ctx.Policy
	switch msg.ID {
	case formSave:
		n := newArrangement(ref, m.plan, msg.Values["arrears"])
		return func() tea.Msg {
			id, err := st.AddArrangement(m.ctx.Ctx, n, today, policy)
			return form.SavedMsg{ID: formSave, Refs: []string{ref}, Err: err, Made: id,
				Text: fmt.Sprintf("Arrangement %s saved on %s: %s %s from %s.", id, ref, n.Instalment.Human(), n.Frequency.Per(), n.Start.Human())}
		}
	case formCancel:
		id := ""
		if live := m.live(); live != nil {
			id = live.ID
		}
		reason := msg.Values["reason"]
		return func() tea.Msg {
			_, err := st.CancelArrangement(m.ctx.Ctx, id, reason, today)
			return form.SavedMsg{ID: formCancel, Refs: []string{ref}, Err: err, Text: fmt.Sprintf("Arrangement %s on %s cancelled.", id, ref)}
		}
	}
	return nil
}

// formMsg routes the form's messages through the form host; a saved
// arrangement is the account's again, so the figures follow it.
func (m Model) formMsg(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	m.form, cmd, _ = form.Host{Submit: m.submit}.Route(m.form, msg)
	if s, ok := msg.(form.SavedMsg); ok && s.Err == nil && s.ID == formSave && len(s.Refs) > 0 && s.Refs[0] == m.ref {
		m.edited = false
	}
	return m, cmd
}
