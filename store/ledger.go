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

// Posting is one money movement an officer asks for; its rules are the
// domain's (domain.PlanPosting). The names are kept here so every caller
// of the store posts through one door.
type Posting = domain.Posting

// PostingKind is what an officer posts (domain.PostingKind).
type PostingKind = domain.PostingKind

// The posting kinds (CLI.md `post --type`, plus payment).
const (
	PostPayment    = domain.PostPayment
	PostCharge     = domain.PostCharge
	PostAdjustment = domain.PostAdjustment
	PostRefund     = domain.PostRefund
	PostWriteOff   = domain.PostWriteOff
	PostCourtCosts = domain.PostCourtCosts
	PostReverse    = domain.PostReverse
	PostTransfer   = domain.PostTransfer
)

// ParsePostingKind reads a `post --type`.
func ParsePostingKind(s string) (PostingKind, error) { return domain.ParsePostingKind(s) }

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

// planPosting validates a posting and works out what it would leave.
func planPosting(ctx context.Context, q queryer, p Posting, today domain.Date, officer string, mp domain.MoneyPolicy) (Posted, error) {
	var out Posted
	_, err := planRows(ctx, q, p, today, officer, mp, &out)
	return out, err
}

// planRows reads the facts a posting depends on, has the domain plan it
// (domain.PlanPosting: the rules and the refusals live there) and turns
// the plan into ledger rows.
func planRows(ctx context.Context, q queryer, p Posting, today domain.Date, officer string, mp domain.MoneyPolicy, out *Posted) ([]plannedTxn, error) {
	var f domain.PostingFacts
	accounts := map[string]int64{}
	lookup := func(ref string) (found bool, balance domain.Money, err error) {
		no, pence, err := accountBalance(ctx, q, ref)
		if domain.IsValidation(err) {
			return false, domain.Zero, nil
		}
		if err != nil {
			return false, domain.Zero, err
		}
		accounts[ref] = no
		return true, domain.Pence(pence), nil
	}
	var err error
	if f.Found, f.Balance, err = lookup(p.Ref); err != nil {
		return nil, err
	}
	if p.Kind == PostTransfer && p.To != "" && p.To != p.Ref {
		if f.ToFound, f.ToBalance, err = lookup(p.To); err != nil {
			return nil, err
		}
	}
	if p.Kind == PostReverse && f.Found {
		if f.Of, f.OfErr, err = reversalTarget(ctx, q, p.Of); err != nil {
			return nil, err
		}
	}
	plan, err := domain.PlanPosting(p, f, today, officer, mp)
	out.BalanceWas, out.Masked = plan.BalanceWas, plan.Masked
	if err != nil {
		return nil, err
	}
	out.Amount, out.Balance, out.ToBalance, out.ApprovedBy = plan.Amount, plan.Balance, plan.ToBalance, plan.ApprovedBy
	rows := make([]plannedTxn, len(plan.Rows))
	for i, r := range plan.Rows {
		rows[i] = plannedTxn{ref: r.Ref, account: accounts[r.Ref], body: txnBody{
			Date: r.Date.String(), Type: string(r.Type), Amount: r.Amount.PenceValue(), Method: string(r.Method),
			Reference: r.Reference, Note: r.Note, Reverses: r.Reverses, RunWeek: r.RunWeek,
		}}
	}
	return rows, nil
}

// reversalTarget reads the transaction a reversal names: nil and the
// refusal when the id is malformed or unknown; err only when the database
// fails.
func reversalTarget(ctx context.Context, q queryer, id string) (target *domain.PostedTxn, refused, err error) {
	orig, err := findTxn(ctx, q, id)
	if domain.IsValidation(err) {
		return nil, err, nil
	}
	if err != nil {
		return nil, nil, err
	}
	var n int
	// Saying reverses is not empty lets SQLite use the partial index.
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM txn WHERE reverses <> '' AND reverses = ?", id).Scan(&n); err != nil {
		return nil, nil, err
	}
	return &domain.PostedTxn{
		Ref: orig.ref, Date: dateText(orig.body.Date), Type: domain.TxnType(orig.body.Type), Amount: domain.Pence(orig.body.Amount),
		Method: domain.PaymentMethod(orig.body.Method), RunWeek: orig.body.RunWeek,
		Reversed: n > 0, Paired: orig.body.Pair != "", Void: orig.void,
	}, nil, nil
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
