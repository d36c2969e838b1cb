package caseload

import (
	"fmt"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/domain/bacs"
	"caseload/domain/directdebit"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/form"
)

// The account's Direct Debit in the caseload pane: the account view shows
// its mandate (bank details masked), next collections and latest history;
// D opens a form that sets one up, or cancels the open one. The bank
// details are shown in full only in the set-up form, where they are typed.

const (
	formDDSet    = "caseload-dd-set"
	formDDCancel = "caseload-dd-cancel"
)

// ddShown is how many collections and history lines the account view shows.
const ddShown = 3

// ddMsg carries an account's mandates, read to choose the form.
type ddMsg struct {
	ref      string
	mandates []store.Mandate
	err      error
}

func loadDD(ctx *common.Context, ref string) tea.Cmd {
	st := ctx.Store
	return func() tea.Msg {
		ms, err := st.AccountMandates(ctx.Ctx, ref)
		return ddMsg{ref: ref, mandates: ms, err: err}
	}
}

// openMandate is the account's open mandate, if any.
func openMandate(ms []store.Mandate) (store.Mandate, bool) {
	for _, m := range ms {
		if m.State.Open() {
			return m, true
		}
	}
	return store.Mandate{}, false
}

// ddForm cancels the open mandate or sets up a new one.
func ddForm(ctx *common.Context, ref, payer string, ms []store.Mandate) form.Model {
	if m, ok := openMandate(ms); ok {
		return form.New(formDDCancel, "Cancel the Direct Debit "+m.Reference+" on "+ref, ctx.Styles, []form.Field{
			{Key: "reason", Label: "Reason", Placeholder: "e.g. the payer asked to pay by card",
				Hint: m.State.Words() + ", " + m.Masked() + ", " + m.Latest().Amount.Human() + " " + m.Frequency.Per(),
				Validate: func(v string) error {
					if strings.TrimSpace(v) == "" {
						return fmt.Errorf("say why the mandate is cancelled")
					}
					return nil
				}},
		}, func(v form.Values) tea.Cmd {
			return confirm(formDDCancel, fmt.Sprintf("cancel the Direct Debit %s on %s (%s)", m.Reference, ref, v["reason"]))
		})
	}
	pol := directdebit.DefaultPolicy()
	days := make([]string, len(pol.Days))
	for i, d := range pol.Days {
		days[i] = strconv.Itoa(d)
	}
	freqs := make([]string, len(directdebit.Frequencies))
	for i, f := range directdebit.Frequencies {
		freqs[i] = string(f)
	}
	// Monthly first: most council Direct Debits are.
	freqs[0], freqs[len(freqs)-1] = freqs[len(freqs)-1], freqs[0]
	return form.New(formDDSet, "Set up a Direct Debit on "+ref, ctx.Styles, []form.Field{
		{Key: "payer", Label: "Account holder", Value: payer, Validate: func(v string) error {
			if strings.TrimSpace(v) == "" {
				return fmt.Errorf("give the account holder's name")
			}
			return nil
		}},
		{Key: "sort_code", Label: "Sort code", Placeholder: "12-34-56", Validate: func(v string) error {
			_, err := bacs.NormaliseSortCode(v)
			return err
		}},
		{Key: "account", Label: "Account number", Placeholder: "8 digits", Hint: "shown in full only here; masked everywhere else"},
		{Key: "day", Label: "Collection day", Choices: days, Hint: "day of the month; ←/→ to change"},
		{Key: "frequency", Label: "Frequency", Choices: freqs, Hint: "←/→ to change"},
		{Key: "amount", Label: "Amount", Placeholder: "blank: from the charges and live arrangement", Validate: func(v string) error {
			if strings.TrimSpace(v) == "" {
				return nil
			}
			m, err := domain.ParseMoney(v)
			if err == nil && !m.IsPositive() {
				return fmt.Errorf("must be more than zero")
			}
			return err
		}},
		{Key: "paper", Label: "Paper DDI held", Choices: []string{"no", "yes"},
			Hint: "yes: the payer signed a paper Direct Debit Instruction the council holds; AUDDIS converts it (0S)"},
	}, func(v form.Values) tea.Cmd {
		n, err := newMandate(ref, v)
		if err != nil {
			return func() tea.Msg { return form.ConfirmMsg{ID: formDDSet, Err: err} }
		}
		st, today, h := ctx.Store, ctx.Today, ctx.Holidays
		return func() tea.Msg {
			// The modulus check and the amount are worked out before the
			// officer confirms: nothing is written yet.
			check, err := st.ModulusCheck(n.SortCode, n.Account)
			if err != nil {
				return form.ConfirmMsg{ID: formDDSet, Err: err}
			}
			if check.Blocks() {
				return form.ConfirmMsg{ID: formDDSet, Err: fmt.Errorf("%s: check the details with the payer", check.Reason)}
			}
			amount := n.Amount
			first := pol.FirstCollection(n.Day, today, h)
			if amount.IsZero() {
				a, err := st.MandateAmount(ctx.Ctx, ref, n.Frequency, first)
				if err != nil {
					return form.ConfirmMsg{ID: formDDSet, Err: err}
				}
				amount = a.Total
			}
			paper := ""
			if n.Paper {
				paper = "; paper instruction: " + directdebit.PaperWords(n.Paper)
			}
			return form.ConfirmMsg{ID: formDDSet, Text: fmt.Sprintf("set up a Direct Debit on %s: %s %s from %s, account %s %s; modulus check: %s%s",
				ref, amount.Human(), n.Frequency.Per(), first.Human(), directdebit.MaskSortCode(check.SortCode),
				directdebit.MaskAccount(check.Account), check.Outcome, paper)}
		}
	})
}

// newMandate reads the set-up form's values.
func newMandate(ref string, v form.Values) (store.NewMandate, error) {
	n := store.NewMandate{Ref: ref, Payer: v["payer"], SortCode: v["sort_code"], Account: v["account"], Paper: v["paper"] == "yes"}
	var err error
	if n.Day, err = strconv.Atoi(v["day"]); err != nil {
		return n, fmt.Errorf("choose a collection day")
	}
	if n.Frequency, err = directdebit.ParseFrequency(v["frequency"]); err != nil {
		return n, err
	}
	if strings.TrimSpace(v["amount"]) != "" {
		if n.Amount, err = domain.ParseMoney(v["amount"]); err != nil {
			return n, err
		}
	}
	return n, nil
}

// saveDD writes a confirmed Direct Debit form.
func saveDD(ctx *common.Context, id, ref string, v form.Values) form.SavedMsg {
	st, today := ctx.Store, ctx.Today
	out := form.SavedMsg{ID: id, Refs: []string{ref}}
	switch id {
	case formDDSet:
		n, err := newMandate(ref, v)
		if err == nil {
			var res store.MandateSetUp
			res, err = st.SetUpMandate(ctx.Ctx, n, today)
			out.Text = "Direct Debit " + res.Mandate.Reference + " set up on " + ref + ", pending lodgement."
			if res.Mandate.Paper {
				out.Text = "Direct Debit " + res.Mandate.Reference + " set up on " + ref + ", paper instruction " + res.Mandate.PaperWords() + "."
			}
		}
		out.Err = err
	case formDDCancel:
		m, err := st.CancelMandate(ctx.Ctx, openRefOf(ctx, ref), v["reason"], today)
		out.Err, out.Text = err, "Direct Debit "+m.Reference+" cancelled on "+ref+"."
	}
	return out
}

// openRefOf is the id of the account's open mandate ("" when none: the
// store refuses it).
func openRefOf(ctx *common.Context, ref string) string {
	ms, err := ctx.Store.AccountMandates(ctx.Ctx, ref)
	if err != nil {
		return ""
	}
	m, _ := openMandate(ms)
	return m.ID
}

// ddLines are the account view's Direct Debit rows: the mandate, its next
// collections and its latest history, bank details masked.
func ddLines(ms []store.Mandate, today domain.Date, h domain.Holidays) []string {
	if len(ms) == 0 {
		return []string{"none (D: set one up)"}
	}
	m := ms[0]
	out := []string{fmt.Sprintf("%s %s · %s · %s %s %s (D: cancel)", m.Reference, strings.ToUpper(m.State.Words()), m.Masked(),
		m.AmountOn(domain.MaxDate(today, m.First)).Human(), m.Frequency.Per(), m.OnWords())}
	if !m.State.Open() {
		out[0] = strings.TrimSuffix(out[0], " (D: cancel)") + " (D: set up another)"
	}
	var next []string
	for _, c := range m.Next(today, ddShown, h) {
		next = append(next, c.On.Short()+" "+c.Amount.Human())
	}
	if len(next) > 0 {
		out = append(out, "next: "+strings.Join(next, ", "))
	}
	for i := len(m.History) - 1; i >= 0 && i >= len(m.History)-ddShown; i-- {
		e := m.History[i]
		out = append(out, e.Date.Short()+" "+e.Words())
	}
	return out
}
