package domain

import "strings"

// Posting is one money movement an officer asks for (`caseload pay`,
// `caseload post`, the ledger pane's forms). Amount is what the officer
// typed — always positive except for an adjustment, which may be either
// sign; the ledger sign comes from the kind (RULES.md, CLI.md `post`).
type Posting struct {
	Ref       string
	Kind      PostingKind
	Amount    Money
	Date      Date
	Method    PaymentMethod // payments
	Reference string
	Note      string
	Of        string // reversal: the transaction it reverses
	To        string // transfer: the account receiving the credit
	// ApprovedBy is the second officer who approved a write-off (needed
	// above the money policy's limit; never the posting officer).
	ApprovedBy string
}

// PostingKind is what an officer posts.
type PostingKind string

// The posting kinds (CLI.md `post --type`, plus payment).
const (
	PostPayment    PostingKind = "payment"
	PostCharge     PostingKind = "charge"
	PostAdjustment PostingKind = "adjustment"
	PostRefund     PostingKind = "refund"
	PostWriteOff   PostingKind = "write-off"
	PostCourtCosts PostingKind = "court-costs"
	PostReverse    PostingKind = "reverse"
	PostTransfer   PostingKind = "transfer"
)

// PostingKinds lists the kinds `caseload post --type` accepts.
var PostingKinds = []PostingKind{PostCharge, PostAdjustment, PostRefund, PostWriteOff, PostCourtCosts, PostReverse, PostTransfer}

// ParsePostingKind reads a `post --type`.
func ParsePostingKind(s string) (PostingKind, error) {
	for _, k := range PostingKinds {
		if string(k) == s {
			return k, nil
		}
	}
	names := make([]string, len(PostingKinds))
	for i, k := range PostingKinds {
		names[i] = string(k)
	}
	return "", Invalid("type", "%q is not one of %s", s, strings.Join(names, ", "))
}

// PostingFacts is what the ledger holds that a posting's plan depends on,
// read by the store in one transaction.
type PostingFacts struct {
	// Found: the account exists; Balance is its balance.
	Found   bool
	Balance Money
	// ToFound and ToBalance are a transfer's receiving account.
	ToFound   bool
	ToBalance Money
	// Of is the transaction a reversal names, when it was found; OfErr is
	// why it could not be (a malformed or unknown id), reported where the
	// plan comes to it.
	Of    *PostedTxn
	OfErr error
}

// PostedTxn is a transaction already on the ledger, as a reversal needs
// it.
type PostedTxn struct {
	Ref     string // the account it is on
	Date    Date
	Type    TxnType
	Amount  Money // with its ledger sign
	Method  PaymentMethod
	RunWeek string // the rent week a charge belongs to, kept by its reversal
	// Reversed: a reversal of it is already on the ledger.
	Reversed bool
	// Paired: one side of a transfer.
	Paired bool
	// Void: a duplicate reversal made on another replica, counting for
	// nothing.
	Void bool
}

// PlannedTxn is one ledger row a posting writes.
type PlannedTxn struct {
	Ref       string // the account it goes on
	Date      Date
	Type      TxnType
	Amount    Money // with its ledger sign: debits positive, credits negative
	Method    PaymentMethod
	Reference string
	Note      string
	Reverses  string
	RunWeek   string
}

// PostingPlan is what a posting will write and leave.
type PostingPlan struct {
	// Rows are the ledger rows, the posting's account first (two for a
	// transfer: out of Ref, into To).
	Rows       []PlannedTxn
	BalanceWas Money
	Amount     Money // the signed ledger amount on Ref
	Balance    Money // Ref's balance after
	ToBalance  Money // a transfer's receiving account's balance after
	Masked     int   // card numbers masked in the reference or note
	ApprovedBy string
}

// PlanPosting works out the ledger rows of a posting by officer under the
// money policy, given the ledger's facts and today, or says why it is
// refused (a *ValidationError naming the field to fix). It is the one
// place the posting rules live: the store writes what it plans, the CLI
// and the ledger pane's confirmation show it.
//
// The signs (RULES.md, CLI.md `post`): a payment, write-off and the
// receiving side of a transfer are credits (negative); a charge, court
// costs, refund and the giving side of a transfer are debits (positive);
// an adjustment carries the sign typed; a reversal is the opposite of what
// it reverses.
func PlanPosting(p Posting, f PostingFacts, today Date, officer string, mp MoneyPolicy) (PostingPlan, error) {
	var out PostingPlan
	if err := CheckPosting(p); err != nil {
		return out, err
	}
	date := p.Date
	if date.IsZero() {
		date = today
	}
	if err := Happened.Check("date", date, today); err != nil {
		return out, err
	}
	if !f.Found {
		return out, noAccount(p.Ref)
	}
	balance := f.Balance
	out.BalanceWas = balance
	ref, n1, err := TextReference.Clean(p.Reference)
	if err != nil {
		return out, err
	}
	note, n2, err := TextNote.Clean(p.Note)
	if err != nil {
		return out, err
	}
	out.Masked = n1 + n2
	amount := p.Amount
	if err := checkAmountSign(p.Kind, amount); err != nil {
		return out, err
	}
	row := PlannedTxn{Ref: p.Ref, Date: date, Reference: ref, Note: note}
	switch p.Kind {
	case PostPayment:
		if p.Method == MethodNone {
			return out, Invalid("method", "say how it was paid (card, cash, dd, bank, standing-order, uc, hb, dhp, cheque)")
		}
		// A posting built in code (the TUI, a batch job) never passes
		// through the CLI's parser: an unknown method must not reach the
		// ledger, where an import on another replica would refuse it.
		if _, err := ParsePaymentMethod(string(p.Method)); err != nil {
			return out, err
		}
		row.Type, row.Amount, row.Method = PaymentTxnType(p.Method), amount.Neg(), p.Method
	case PostCharge:
		row.Type, row.Amount = TxnCharge, amount
	case PostCourtCosts:
		row.Type, row.Amount = TxnCourtCosts, amount
	case PostAdjustment:
		row.Type, row.Amount = TxnAdjustment, amount
		if strings.TrimSpace(note) == "" {
			return out, Invalid("note", "say why the account is adjusted (--note)")
		}
	case PostWriteOff:
		if strings.TrimSpace(note) == "" {
			return out, Invalid("note", "give the reason for the write-off (--note), e.g. the approval")
		}
		if err := checkWithin(p.Kind, p.Ref, amount, balance); err != nil {
			return out, err
		}
		if err := mp.CheckWriteOff(amount, officer, p.ApprovedBy); err != nil {
			return out, err
		}
		row.Type, row.Amount = TxnWriteOff, amount.Neg()
		if by := strings.TrimSpace(p.ApprovedBy); by != "" {
			// The approval travels with the transaction (a pack carries
			// the ledger row) and reads on every statement.
			row.Note = strings.TrimSpace(note) + " (approved by " + by + ")"
			out.ApprovedBy = by
		}
	case PostRefund:
		if err := checkWithin(p.Kind, p.Ref, amount, balance); err != nil {
			return out, err
		}
		row.Type, row.Amount = TxnRefund, amount
	case PostTransfer:
		if p.To == p.Ref {
			return out, Invalid("to", "a transfer needs two different accounts")
		}
		if err := checkWithin(p.Kind, p.Ref, amount, balance); err != nil {
			return out, err
		}
		if !f.ToFound {
			return out, noAccount(p.To)
		}
		row.Type, row.Amount, row.Note = TxnTransferOut, amount, strings.TrimSpace("to "+p.To+" "+note)
		in := PlannedTxn{Ref: p.To, Date: date, Type: TxnTransferIn, Amount: amount.Neg(), Reference: ref,
			Note: strings.TrimSpace("from " + p.Ref + " " + note)}
		out.Rows = []PlannedTxn{row, in}
		out.Amount, out.Balance, out.ToBalance = row.Amount, balance.Add(row.Amount), f.ToBalance.Add(in.Amount)
		return out, nil
	case PostReverse:
		if f.OfErr != nil {
			return out, f.OfErr
		}
		orig := f.Of
		if orig == nil {
			return out, Invalid("of", "no transaction %s: see `caseload ledger REF` for ids", p.Of)
		}
		if orig.Ref != p.Ref {
			return out, Invalid("of", "transaction %s is on account %s, not %s", p.Of, orig.Ref, p.Ref)
		}
		if orig.Reversed {
			return out, Invalid("of", "transaction %s has already been reversed", p.Of)
		}
		if orig.Paired {
			return out, Invalid("of", "%s is one side of a transfer: transfer the credit back instead", p.Of)
		}
		if orig.Void {
			return out, Invalid("of", "%s is a void duplicate reversal: it already counts for nothing", p.Of)
		}
		// The reversal keeps the rent week of what it reverses, so a
		// re-figured week (tenancy end, a service change) sees the week's
		// net charge, not the charge as if it still stood.
		row.Type, row.Amount, row.Reverses, row.Method, row.RunWeek = TxnReversal, orig.Amount.Neg(), p.Of, orig.Method, orig.RunWeek
		if row.Note == "" {
			row.Note = "reverses " + string(orig.Type) + " of " + orig.Date.String()
		}
	default:
		return out, Invalid("type", "%q is not a posting type", p.Kind)
	}
	out.Rows = []PlannedTxn{row}
	out.Amount, out.Balance = row.Amount, balance.Add(row.Amount)
	return out, nil
}

// CheckPosting is the rule for which parts a posting of its kind has,
// before any ledger fact is read: only a write-off is approved by a second
// officer; a transfer names the account receiving the credit; a reversal
// names the transaction it reverses and takes its amount from it (an
// Amount on a reversal is not read). The CLI refuses a post with these
// words before it opens the database, the plan refuses alike for the
// ledger pane's forms. The error is a *ValidationError naming the part:
// "approved_by", "to" or "of".
func CheckPosting(p Posting) error {
	if strings.TrimSpace(p.ApprovedBy) != "" && p.Kind != PostWriteOff {
		return Invalid("approved_by", "only a write-off is approved by a second officer, not a %s", p.Kind)
	}
	switch p.Kind {
	case PostTransfer:
		if p.To == "" {
			return Invalid("to", "name the account to transfer the credit to (--to REF)")
		}
	case PostReverse:
		if p.Of == "" {
			return Invalid("of", "name the transaction to reverse (--of TXN): its amount is the original's")
		}
	}
	return nil
}

// CheckPostingAmount is the plan's rule for the amount of a posting of
// kind on account ref with balance: what the ledger pane's amount fields
// check as the officer types, in the words the plan would refuse it with.
func CheckPostingAmount(kind PostingKind, ref string, amount, balance Money) error {
	if err := checkAmountSign(kind, amount); err != nil {
		return err
	}
	switch kind {
	case PostWriteOff, PostRefund, PostTransfer:
		return checkWithin(kind, ref, amount, balance)
	}
	return nil
}

// checkAmountSign: every amount typed is positive, except an adjustment
// (either sign, never zero) and a reversal (its amount is the original's).
func checkAmountSign(kind PostingKind, amount Money) error {
	switch kind {
	case PostReverse:
		return nil
	case PostAdjustment:
		if amount.IsZero() {
			return Invalid("amount", "an adjustment must not be zero")
		}
		return nil
	}
	if !amount.IsPositive() {
		return Invalid("amount", "must be more than £0.00")
	}
	return nil
}

// checkWithin: a write-off takes at most the debt; a refund or a transfer
// moves at most the credit.
func checkWithin(kind PostingKind, ref string, amount, balance Money) error {
	if kind == PostWriteOff {
		if !balance.IsPositive() {
			return Invalid("amount", "%s owes nothing (balance %s): there is no debt to write off", ref, balance.Balance())
		}
		if amount.GreaterThan(balance) {
			return Invalid("amount", "%s is more than the debt of %s: write off at most the debt", amount.Human(), balance.Human())
		}
		return nil
	}
	verb := map[PostingKind]string{PostRefund: "refund", PostTransfer: "transfer"}[kind]
	if !balance.IsNegative() {
		return Invalid("amount", "%s has no credit to %s (balance %s)", ref, verb, balance.Balance())
	}
	if credit := balance.Neg(); amount.GreaterThan(credit) {
		return Invalid("amount", "%s is more than the credit of %s on %s: %s at most the credit", amount.Human(), credit.Human(), ref, verb)
	}
	return nil
}

func noAccount(ref string) error {
	return Invalid("ref", "no account %s: check the payment reference", ref)
}
