package ledger

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/form"
)

// The ledger pane's forms. Each field validates as the officer types; enter
// on the last field asks the store for a preview of the posting and shows
// the balance it will leave; only y/enter on that confirmation writes.

const (
	formPayment   = "ledger-payment"
	formAdjust    = "ledger-adjustment"
	formTransfer  = "ledger-transfer"
	formRefund    = "ledger-refund"
	formWriteOff  = "ledger-write-off"
	formReverse   = "ledger-reverse"
	formStatement = "ledger-statement"
)

// formKinds maps each posting form to what it posts.
var formKinds = map[string]store.PostingKind{
	formPayment: store.PostPayment, formAdjust: store.PostAdjustment, formTransfer: store.PostTransfer,
	formRefund: store.PostRefund, formWriteOff: store.PostWriteOff, formReverse: store.PostReverse,
}

// amountField is a money field: pounds with at most two decimals, checked
// with the one money parser as the officer types, then by check.
func amountField(label, hint, value string, check func(domain.Money) error) form.Field {
	return form.Field{Key: "amount", Label: label, Placeholder: "e.g. 50.00", Hint: hint, Value: value, Validate: func(v string) error {
		if v == "" {
			return fmt.Errorf("give an amount in pounds, e.g. 50.00")
		}
		m, err := domain.ParseMoney(v)
		if err != nil {
			return err
		}
		return check(m)
	}}
}

// amountRule is the posting plan's rule for the amount of a kind on the
// account (domain.CheckPostingAmount), so the form refuses what the store
// would, in the same words (the form shows the reason without the field).
func amountRule(kind store.PostingKind, a store.Account) func(domain.Money) error {
	return func(m domain.Money) error { return domain.CheckPostingAmount(kind, a.Ref, m, a.Balance) }
}

// dateField is the posting date: blank for today, never in the future.
func dateField(today domain.Date) form.Field {
	return form.Field{Key: "date", Label: "Date", Placeholder: "YYYY-MM-DD (blank: today)", Hint: "when it happened; blank is today",
		Validate: func(v string) error {
			if v == "" {
				return nil
			}
			d, err := domain.ParseDate(v)
			if err != nil {
				return fmt.Errorf("use YYYY-MM-DD, e.g. %s", today)
			}
			return domain.Happened.Check("date", d, today)
		}}
}

func required(what string) func(string) error {
	return func(v string) error {
		if strings.TrimSpace(v) == "" {
			return fmt.Errorf("%s", what)
		}
		return nil
	}
}

func referenceField() form.Field {
	return form.Field{Key: "reference", Label: "Reference", Placeholder: "receipt or transaction reference",
		Hint: "card numbers are masked to their last four digits before saving", Validate: func(v string) error {
			if len(v) > 64 {
				return fmt.Errorf("keep it to 64 characters")
			}
			return nil
		}}
}

// methodChoices are the payment methods, the account's usual one first.
func methodChoices(usual domain.PaymentMethod) []string {
	out := []string{}
	if usual != domain.MethodNone {
		if _, err := domain.ParsePaymentMethod(string(usual)); err == nil {
			out = append(out, string(usual))
		}
	}
	for _, m := range domain.PaymentMethods {
		if m != usual {
			out = append(out, string(m))
		}
	}
	return out
}

// methodWords names a method inside a sentence: "card payment", "Universal
// Credit payment".
func methodWords(m domain.PaymentMethod) string {
	switch m {
	case domain.MethodCard, domain.MethodCash, domain.MethodCheque, domain.MethodBank, domain.MethodStandingOrder:
		return strings.ToLower(m.Label())
	}
	return m.Label()
}

func paymentForm(ctx *common.Context, a store.Account) form.Model {
	return form.New(formPayment, "Payment to "+a.Ref+" · balance "+a.Balance.Balance(), ctx.Styles, []form.Field{
		amountField("Amount £", "what was paid, in pounds", "", amountRule(store.PostPayment, a)),
		{Key: "method", Label: "Method", Choices: methodChoices(a.PaymentMethod), Hint: "←/→ or the first letter to choose"},
		dateField(ctx.Today),
		referenceField(),
	}, confirmCmd(ctx, formPayment, a.Ref, store.LedgerLine{}))
}

func adjustmentForm(ctx *common.Context, a store.Account) form.Model {
	return form.New(formAdjust, "Adjust "+a.Ref+" · balance "+a.Balance.Balance(), ctx.Styles, []form.Field{
		amountField("Amount £", "positive adds a debit, negative (e.g. -15.00) a credit", "", amountRule(store.PostAdjustment, a)),
		{Key: "note", Label: "Reason", Placeholder: "e.g. heating overcharged weeks 30–32", Validate: required("say why the account is adjusted")},
		dateField(ctx.Today),
	}, confirmCmd(ctx, formAdjust, a.Ref, store.LedgerLine{}))
}

func transferForm(ctx *common.Context, a store.Account) form.Model {
	credit := a.Balance.Abs()
	return form.New(formTransfer, "Transfer credit from "+a.Ref+" · credit "+credit.Human(), ctx.Styles, []form.Field{
		amountField("Amount £", "at most the credit of "+credit.Human(), credit.String(), amountRule(store.PostTransfer, a)),
		{Key: "to", Label: "To account", Placeholder: "payment reference, e.g. GA1001", Hint: "the account that receives the credit",
			Validate: func(v string) error {
				if v == "" {
					return fmt.Errorf("name the account to receive the credit")
				}
				if v == a.Ref {
					return fmt.Errorf("a transfer needs another account")
				}
				return domain.ValidRef(v)
			}},
		{Key: "note", Label: "Note", Placeholder: "e.g. former tenant credit to garage debt"},
		dateField(ctx.Today),
	}, confirmCmd(ctx, formTransfer, a.Ref, store.LedgerLine{}))
}

func refundForm(ctx *common.Context, a store.Account) form.Model {
	credit := a.Balance.Abs()
	return form.New(formRefund, "Refund credit on "+a.Ref+" · credit "+credit.Human(), ctx.Styles, []form.Field{
		amountField("Amount £", "at most the credit of "+credit.Human(), credit.String(), amountRule(store.PostRefund, a)),
		referenceField(),
		{Key: "note", Label: "Note", Placeholder: "e.g. refund approved, paid by BACS"},
		dateField(ctx.Today),
	}, confirmCmd(ctx, formRefund, a.Ref, store.LedgerLine{}))
}

func writeOffForm(ctx *common.Context, a store.Account) form.Model {
	debt := a.Balance
	return form.New(formWriteOff, "Write off debt on "+a.Ref+" · owed "+debt.Human(), ctx.Styles, []form.Field{
		amountField("Amount £", "at most the debt of "+debt.Human(), debt.String(), amountRule(store.PostWriteOff, a)),
		{Key: "note", Label: "Reason", Placeholder: "e.g. uneconomic to pursue",
			Validate: required("give the reason for the write-off")},
		approvedByField(ctx),
		dateField(ctx.Today),
	}, confirmCmd(ctx, formWriteOff, a.Ref, store.LedgerLine{}))
}

// approvedByField is the second officer who approved a write-off: needed
// above the money policy's limit, never the officer posting it (the
// domain's rule, checked again by the store on confirmation).
func approvedByField(ctx *common.Context) form.Field {
	mp := ctx.Ledger().MoneyPolicy()
	return form.Field{Key: "approved_by", Label: "Approved by", Placeholder: "a second officer's name",
		Hint: "needed above " + mp.WriteOffApprovalLimit.Human() + "; not you",
		Validate: func(v string) error {
			return mp.CheckWriteOff(domain.Zero, ctx.Officer, v)
		}}
}

func reverseForm(ctx *common.Context, a store.Account, l store.LedgerLine) form.Model {
	return form.New(formReverse, "Reverse "+l.ID+": "+lineWords(l), ctx.Styles, []form.Field{
		{Key: "note", Label: "Reason", Placeholder: "e.g. cheque returned unpaid", Hint: "blank: “reverses " + string(l.Type) + " of " + l.Date.String() + "”"},
		dateField(ctx.Today),
	}, confirmCmd(ctx, formReverse, a.Ref, l))
}

// lineWords describes a transaction in a sentence.
func lineWords(l store.LedgerLine) string {
	s := strings.ToLower(l.Type.Label()) + " " + l.Amount.Abs().Human() + " of " + l.Date.Human()
	if l.Reference != "" {
		s += " (" + l.Reference + ")"
	}
	return s
}

// posting builds the posting a form describes; the fields were validated
// as typed, so an error here is a field left wrong.
func posting(id, ref string, txn store.LedgerLine, v form.Values) (store.Posting, error) {
	p := store.Posting{Ref: ref, Kind: formKinds[id], Reference: v["reference"], Note: v["note"], To: v["to"], ApprovedBy: v["approved_by"]}
	if v["amount"] != "" {
		m, err := domain.ParseMoney(v["amount"])
		if err != nil {
			return p, err
		}
		p.Amount = m
	}
	if v["date"] != "" {
		d, err := domain.ParseDate(v["date"])
		if err != nil {
			return p, err
		}
		p.Date = d
	}
	if v["method"] != "" {
		p.Method = domain.PaymentMethod(v["method"])
	}
	if id == formReverse {
		p.Of = txn.ID
	}
	return p, nil
}

// confirmCmd asks the store what the posting would do and words it with
// the resulting balance: "Post £50.00 card payment to NW1001 — balance
// after: £1,050.00".
func confirmCmd(ctx *common.Context, id, ref string, txn store.LedgerLine) func(form.Values) tea.Cmd {
	st, today := ctx.Ledger(), ctx.Today
	return func(v form.Values) tea.Cmd {
		return func() tea.Msg {
			p, err := posting(id, ref, txn, v)
			if err != nil {
				return form.ConfirmMsg{ID: id, Err: err}
			}
			out, err := st.Preview(ctx.Ctx, p, today)
			if err != nil {
				return form.ConfirmMsg{ID: id, Err: err}
			}
			text := describe(p, out, txn) + " — balance after: " + out.Balance.Balance()
			if p.Kind == store.PostTransfer {
				text += "; " + p.To + " balance after: " + out.ToBalance.Balance()
			}
			if out.Masked > 0 {
				text += fmt.Sprintf(". %d card number(s) will be masked to the last four digits", out.Masked)
			}
			return form.ConfirmMsg{ID: id, Text: text}
		}
	}
}

// describe words a posting as the officer will confirm and read it.
func describe(p store.Posting, out store.Posted, txn store.LedgerLine) string {
	amount := out.Amount.Abs().Human()
	switch p.Kind {
	case store.PostPayment:
		return fmt.Sprintf("Post %s %s payment to %s", amount, methodWords(p.Method), p.Ref)
	case store.PostAdjustment:
		dir := "a debit"
		if out.Amount.IsNegative() {
			dir = "a credit"
		}
		return fmt.Sprintf("Adjust %s by %s (%s: %s)", p.Ref, out.Amount.Human(), dir, p.Note)
	case store.PostTransfer:
		return fmt.Sprintf("Transfer %s of credit from %s to %s", amount, p.Ref, p.To)
	case store.PostRefund:
		return fmt.Sprintf("Refund %s of credit on %s", amount, p.Ref)
	case store.PostWriteOff:
		if out.ApprovedBy != "" {
			return fmt.Sprintf("Write off %s on %s (%s), approved by %s", amount, p.Ref, p.Note, out.ApprovedBy)
		}
		return fmt.Sprintf("Write off %s on %s (%s)", amount, p.Ref, p.Note)
	case store.PostReverse:
		return fmt.Sprintf("Reverse %s %s on %s", txn.ID, lineWords(txn), p.Ref)
	}
	return fmt.Sprintf("Post %s %s on %s", amount, p.Kind, p.Ref)
}

// saveCmd writes a confirmed posting.
func saveCmd(ctx *common.Context, id, ref string, txn store.LedgerLine, v form.Values) tea.Cmd {
	st, today := ctx.Ledger(), ctx.Today
	return func() tea.Msg {
		msg := form.SavedMsg{ID: id, Refs: []string{ref}}
		p, err := posting(id, ref, txn, v)
		if err != nil {
			msg.Err = err
			return msg
		}
		out, err := st.Post(ctx.Ctx, p, today)
		if err != nil {
			msg.Err = err
			return msg
		}
		if p.To != "" {
			msg.Refs = append(msg.Refs, p.To)
		}
		msg.Made = out.IDs[0]
		msg.Text = "Saved " + out.IDs[0] + ": " + describe(p, out, txn) + " — balance now " + out.Balance.Balance() + "."
		if p.Kind == store.PostTransfer {
			msg.Text = strings.TrimSuffix(msg.Text, ".") + "; " + p.To + " " + out.ToBalance.Balance() + "."
		}
		if out.Masked > 0 {
			// First, so a narrow status bar still shows it.
			msg.Text = fmt.Sprintf("%d card number(s) masked to the last four digits (the full number is not stored). ", out.Masked) + msg.Text
		}
		return msg
	}
}

// statementForm asks for the period of a statement preview: by default
// the last three months to today.
func statementForm(ctx *common.Context, ref string) form.Model {
	today := ctx.Today
	from := domain.MustDate(today.Year(), today.Month(), 1).AddMonthsClamped(-3)
	date := func(key, label, value string) form.Field {
		return form.Field{Key: key, Label: label, Value: value, Placeholder: "YYYY-MM-DD", Validate: func(v string) error {
			if _, err := domain.ParseDate(v); err != nil {
				return fmt.Errorf("use YYYY-MM-DD, e.g. %s", today)
			}
			return nil
		}}
	}
	return form.New(formStatement, "Statement of "+ref, ctx.Styles, []form.Field{
		date("from", "From", from.String()),
		date("to", "To", today.String()),
	}, nil)
}

func (m Model) openStatementForm() (Model, tea.Cmd) {
	f := statementForm(m.ctx, m.ref)
	m.form, m.formRef = form.Sized(&f, m.width), m.ref
	return m, nil
}

// formMsg routes the form's messages: confirmation answers, cancelling,
// confirming (which saves) and the save's answer.
func (m Model) formMsg(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case form.SubmitMsg:
		if m.form != nil && msg.ID == m.form.ID && msg.ID == formStatement {
			from, _ := domain.ParseDate(msg.Values["from"])
			to, _ := domain.ParseDate(msg.Values["to"])
			m.form = nil
			if to.Before(from) {
				return m, common.Status("The statement's end is before its start: nothing to show.")
			}
			return m, m.loadStatement(from, to)
		}
	case form.SavedMsg:
		if msg.Err == nil && len(msg.Refs) > 0 && msg.Refs[0] == m.ref {
			m.focusID = msg.Made
		}
	}
	host := form.Host{Submit: func(s form.SubmitMsg) tea.Cmd { return saveCmd(m.ctx, s.ID, m.formRef, m.formTxn, s.Values) }}
	var cmd tea.Cmd
	m.form, cmd, _ = host.Route(m.form, msg)
	return m, cmd
}
