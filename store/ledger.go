package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"caseload/domain"
)

// Posting is one money movement an officer asks for (`caseload pay`,
// `caseload post`, the ledger pane's forms). Amount is what the officer
// typed — always positive except for an adjustment, which may be either
// sign; the ledger sign comes from the type.
type Posting struct {
	Ref       string
	Kind      PostingKind
	Amount    domain.Money
	Date      domain.Date
	Method    domain.PaymentMethod // payments
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
	return "", invalid("type", "%q is not one of %s", s, strings.Join(names, ", "))
}

// Posted is what a posting did.
type Posted struct {
	IDs        []string     // the transactions written (two for a transfer)
	Balance    domain.Money // the account's balance after
	ToBalance  domain.Money // transfers: the receiving account's balance after
	Masked     int          // card numbers masked in the reference or note
	Amount     domain.Money // the signed ledger amount on Ref
	BalanceWas domain.Money
	ApprovedBy string // a write-off's approver, as recorded
}

// Preview checks a posting against the account without writing, and says
// what the balance would be: the confirmation step of every form.
func (s *Store) Preview(ctx context.Context, p Posting, today domain.Date) (Posted, error) {
	p = s.canonicalPosting(ctx, p)
	var out Posted
	err := s.readTx(ctx, func(q queryer) error {
		var err error
		out, err = planPosting(ctx, q, p, today, s.officer, s.money)
		return err
	})
	return out, err
}

// Post writes a posting: the ledger rows, the balance, the change log and
// the audit row in one transaction, or nothing.
func (s *Store) Post(ctx context.Context, p Posting, today domain.Date) (Posted, error) {
	p = s.canonicalPosting(ctx, p)
	var out Posted
	err := s.write(ctx, "post "+string(p.Kind), p.Ref, func(w *writer) error {
		var err error
		out, err = w.post(p, today)
		return err
	})
	return out, err
}

// readTx runs fn in a read transaction, so several reads see one state.
func (s *Store) readTx(ctx context.Context, fn func(q queryer) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

// plannedTxn is one ledger row a posting will write.
type plannedTxn struct {
	ref     string
	account int64
	body    txnBody
}

// planPosting validates a posting and works out its ledger rows.
func planPosting(ctx context.Context, q queryer, p Posting, today domain.Date, officer string, mp domain.MoneyPolicy) (Posted, error) {
	var out Posted
	_, err := planRows(ctx, q, p, today, officer, mp, &out)
	return out, err
}

// planRows validates a posting by officer under the money policy and works
// out its ledger rows.
func planRows(ctx context.Context, q queryer, p Posting, today domain.Date, officer string, mp domain.MoneyPolicy, out *Posted) ([]plannedTxn, error) {
	date := p.Date
	if date.IsZero() {
		date = today
	}
	if err := domain.Happened.Check("date", date, today); err != nil {
		return nil, err
	}
	acct, balance, err := accountBalance(ctx, q, p.Ref)
	if err != nil {
		return nil, err
	}
	out.BalanceWas = domain.Pence(balance)
	ref, n1, err := domain.TextReference.Clean(p.Reference)
	if err != nil {
		return nil, err
	}
	note, n2, err := domain.TextNote.Clean(p.Note)
	if err != nil {
		return nil, err
	}
	out.Masked = n1 + n2
	amount := p.Amount
	if p.Kind != PostAdjustment && p.Kind != PostReverse && !amount.IsPositive() {
		return nil, invalid("amount", "must be more than £0.00")
	}
	if p.Kind == PostAdjustment && amount.IsZero() {
		return nil, invalid("amount", "an adjustment must not be zero")
	}
	row := txnBody{Date: date.String(), Reference: ref, Note: note}
	switch p.Kind {
	case PostPayment:
		if p.Method == domain.MethodNone {
			return nil, invalid("method", "say how it was paid (card, cash, dd, bank, standing-order, uc, hb, dhp, cheque)")
		}
		// A posting built in code (the TUI, a batch job) never passes
		// through the CLI's parser: an unknown method must not reach the
		// ledger, where an import on another replica would refuse it.
		if _, err := domain.ParsePaymentMethod(string(p.Method)); err != nil {
			return nil, err
		}
		row.Type, row.Amount, row.Method = string(domain.PaymentTxnType(p.Method)), -amount.PenceValue(), string(p.Method)
	case PostCharge:
		row.Type, row.Amount = string(domain.TxnCharge), amount.PenceValue()
	case PostCourtCosts:
		row.Type, row.Amount = string(domain.TxnCourtCosts), amount.PenceValue()
	case PostAdjustment:
		row.Type, row.Amount = string(domain.TxnAdjustment), amount.PenceValue()
		if strings.TrimSpace(note) == "" {
			return nil, invalid("note", "say why the account is adjusted (--note)")
		}
	case PostWriteOff:
		if strings.TrimSpace(note) == "" {
			return nil, invalid("note", "give the reason for the write-off (--note), e.g. the approval")
		}
		if balance <= 0 {
			return nil, invalid("amount", "%s owes nothing (balance %s): there is no debt to write off", p.Ref, domain.Pence(balance).Balance())
		}
		if amount.PenceValue() > balance {
			return nil, invalid("amount", "%s is more than the debt of %s: write off at most the debt", amount.Human(), domain.Pence(balance).Balance())
		}
		if err := mp.CheckWriteOff(amount, officer, p.ApprovedBy); err != nil {
			return nil, err
		}
		row.Type, row.Amount = string(domain.TxnWriteOff), -amount.PenceValue()
		if by := strings.TrimSpace(p.ApprovedBy); by != "" {
			// The approval travels with the transaction (a pack carries
			// the ledger row) and reads on every statement.
			row.Note = strings.TrimSpace(note) + " (approved by " + by + ")"
			out.ApprovedBy = by
		}
	case PostRefund:
		if balance >= 0 {
			return nil, invalid("amount", "%s has no credit to refund (balance %s)", p.Ref, domain.Pence(balance).Balance())
		}
		if -balance < amount.PenceValue() {
			return nil, invalid("amount", "%s is more than the credit: the account is %s, refund at most the credit", amount.Human(), domain.Pence(balance).Balance())
		}
		row.Type, row.Amount = string(domain.TxnRefund), amount.PenceValue()
	case PostTransfer:
		if p.To == "" {
			return nil, invalid("to", "name the account to transfer the credit to (--to REF)")
		}
		if p.To == p.Ref {
			return nil, invalid("to", "a transfer needs two different accounts")
		}
		if balance >= 0 {
			return nil, invalid("amount", "%s has no credit to transfer (balance %s)", p.Ref, domain.Pence(balance).Balance())
		}
		if -balance < amount.PenceValue() {
			return nil, invalid("amount", "%s is more than the credit on %s (%s): transfer at most the credit", amount.Human(), p.Ref, domain.Pence(balance).Balance())
		}
		toAcct, toBalance, err := accountBalance(ctx, q, p.To)
		if err != nil {
			return nil, err
		}
		row.Type, row.Amount, row.Note = string(domain.TxnTransferOut), amount.PenceValue(), strings.TrimSpace("to "+p.To+" "+note)
		in := txnBody{Date: row.Date, Type: string(domain.TxnTransferIn), Amount: -amount.PenceValue(), Reference: ref,
			Note: strings.TrimSpace("from " + p.Ref + " " + note)}
		out.Amount = domain.Pence(row.Amount)
		out.Balance = domain.Pence(balance + row.Amount)
		out.ToBalance = domain.Pence(toBalance + in.Amount)
		return []plannedTxn{{p.Ref, acct, row}, {p.To, toAcct, in}}, nil
	case PostReverse:
		orig, err := findTxn(ctx, q, p.Of)
		if err != nil {
			return nil, err
		}
		if orig.account != acct {
			return nil, invalid("of", "transaction %s is on account %s, not %s", p.Of, orig.ref, p.Ref)
		}
		var n int
		// Saying reverses is not empty lets SQLite use the partial index.
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM txn WHERE reverses <> '' AND reverses = ?", p.Of).Scan(&n); err != nil {
			return nil, err
		}
		if n > 0 {
			return nil, invalid("of", "transaction %s has already been reversed", p.Of)
		}
		if orig.body.Pair != "" {
			return nil, invalid("of", "%s is one side of a transfer: transfer the credit back instead", p.Of)
		}
		if orig.void {
			return nil, invalid("of", "%s is a void duplicate reversal: it already counts for nothing", p.Of)
		}
		// The reversal keeps the rent week of what it reverses, so a
		// re-figured week (tenancy end, a service change) sees the week's
		// net charge, not the charge as if it still stood.
		row.Type, row.Amount, row.Reverses, row.Method, row.RunWeek = string(domain.TxnReversal), -orig.body.Amount, p.Of, orig.body.Method, orig.body.RunWeek
		if row.Note == "" {
			row.Note = "reverses " + orig.body.Type + " of " + orig.body.Date
		}
	default:
		return nil, invalid("type", "%q is not a posting type", p.Kind)
	}
	out.Amount = domain.Pence(row.Amount)
	out.Balance = domain.Pence(balance + row.Amount)
	return []plannedTxn{{p.Ref, acct, row}}, nil
}

func (w *writer) post(p Posting, today domain.Date) (Posted, error) {
	var out Posted
	rows, err := planRows(w.ctx, w.tx, p, today, w.officer, w.s.money, &out)
	if err != nil {
		return out, err
	}
	if out.ApprovedBy != "" {
		w.auditDetail = "approved by " + out.ApprovedBy
	}
	pair := ""
	if len(rows) == 2 {
		// Both sides of a transfer name one pair id: the first side's id.
		pair = factID(w.s.self.ID, w.seq)
	}
	for _, r := range rows {
		r.body.Pair = pair
		id, err := w.addTxn(r.ref, r.account, r.body)
		if err != nil {
			return out, err
		}
		out.IDs = append(out.IDs, id)
	}
	if out.Masked > 0 {
		w.notice("%d card number(s) masked to the last four digits", out.Masked)
	}
	return out, nil
}

func accountBalance(ctx context.Context, q queryer, ref string) (no, balance int64, err error) {
	err = q.QueryRowContext(ctx, "SELECT no, balance FROM account WHERE ref = ?", ref).Scan(&no, &balance)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, invalid("ref", "no account %s: check the payment reference", ref)
	}
	return no, balance, err
}

type foundTxn struct {
	account int64
	ref     string
	body    txnBody
	void    bool
}

// findTxn finds a transaction by its id ("9f3a61c2-1042"): the few
// replicas first (CROSS JOIN fixes the order), then the ledger by its
// (origin, seq) key, never a scan of the ledger.
func findTxn(ctx context.Context, q queryer, id string) (foundTxn, error) {
	var f foundTxn
	short, seqText, ok := strings.Cut(id, "-")
	seq, err := strconv.ParseInt(seqText, 10, 64)
	if !ok || err != nil || len(short) != 8 {
		return f, invalid("of", "%q is not a transaction id (like 9f3a61c2-1042): see `caseload ledger REF`", id)
	}
	err = q.QueryRowContext(ctx, `SELECT t.account, a.ref, t.date, t.type, t.amount, t.method, t.reference, t.note, t.reverses, t.pair, t.run_week, t.void
		FROM replica r CROSS JOIN txn t JOIN account a ON a.no = t.account
		WHERE substr(r.id, 1, 8) = ? AND t.origin = r.no AND t.seq = ?`, short, seq).
		Scan(&f.account, &f.ref, &f.body.Date, &f.body.Type, &f.body.Amount, &f.body.Method, &f.body.Reference, &f.body.Note, &f.body.Reverses, &f.body.Pair, &f.body.RunWeek, &f.void)
	if errors.Is(err, sql.ErrNoRows) {
		return f, invalid("of", "no transaction %s: see `caseload ledger REF` for ids", id)
	}
	return f, err
}

// LedgerLine is one transaction with the running balance after it.
type LedgerLine struct {
	ID        string         `json:"id"`
	Date      domain.Date    `json:"date"`
	Type      domain.TxnType `json:"type"`
	Amount    domain.Money   `json:"amount"`
	Balance   domain.Money   `json:"balance"`
	Method    string         `json:"method"`
	Reference string         `json:"reference"`
	Note      string         `json:"note,omitempty"`
	Reverses  string         `json:"reverses,omitempty"`
	// ReversedBy names the reversal of this transaction, if any.
	ReversedBy string `json:"reversed_by,omitempty"`
	// Void marks a second reversal of one transaction made on another
	// replica: shown, so nothing disappears, but not counted in Balance.
	Void bool `json:"void,omitempty"`
}

// Txn is the line as the domain's transaction.
func (l LedgerLine) Txn() domain.Txn {
	return domain.Txn{ID: l.ID, Date: l.Date, Type: l.Type, Amount: l.Amount, Method: domain.PaymentMethod(l.Method), Reference: l.Reference, Reverses: l.Reverses}
}

// Ledger reads an account's transactions oldest first, with running
// balances, in date order; postings on one date in the order they were
// made (hybrid clock, then replica, then number), so every replica lists
// a synced ledger the same way.
func (s *Store) Ledger(ctx context.Context, ref string) ([]LedgerLine, error) {
	ref = s.Ref(ctx, ref)
	var no int64
	err := s.db.QueryRowContext(ctx, "SELECT no FROM account WHERE ref = ?", ref).Scan(&no)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, invalid("ref", "no account %s: check the payment reference", ref)
	}
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT substr(r.id, 1, 8), t.seq, t.date, t.type, t.amount, t.method, t.reference, t.note, t.reverses, t.void
		FROM txn t JOIN replica r ON r.no = t.origin JOIN change c ON c.origin = t.origin AND c.seq = t.seq
		WHERE t.account = ? ORDER BY t.date, c.hlc, r.id, t.seq`, no)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LedgerLine
	var running int64
	index := map[string]int{}
	for rows.Next() {
		var l LedgerLine
		var short, date, typ string
		var seq, amount int64
		if err := rows.Scan(&short, &seq, &date, &typ, &amount, &l.Method, &l.Reference, &l.Note, &l.Reverses, &l.Void); err != nil {
			return nil, err
		}
		shown(&l.Method, &l.Reference, &l.Note, &l.Reverses)
		if !l.Void {
			// The stored balance excludes void rows (caseload check), so
			// the running balance must too or the last line disagrees.
			running += amount
		}
		l.ID = short + "-" + strconv.FormatInt(seq, 10)
		l.Date, l.Type, l.Amount, l.Balance = dateText(date), domain.TxnType(typ), domain.Pence(amount), domain.Pence(running)
		index[l.ID] = len(out)
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, l := range out {
		if i, ok := index[l.Reverses]; ok && !l.Void {
			out[i].ReversedBy = l.ID
		}
	}
	return out, nil
}

// ErrNotFound is returned for a missing record that is not user input.
var ErrNotFound = fmt.Errorf("not found")
