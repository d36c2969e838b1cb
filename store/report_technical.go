package store

// Technical arrears at a report period's end (issue 17): each owing
// account's payments of the 400 days before the period's end, as the
// ledger stood at the report's cut-off, judged by worklist.Technical.

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strconv"

	"caseload/domain"
	"caseload/domain/report"
	"caseload/domain/worklist"
)

// technicalDays is how far back from the period's end the payments go.
const technicalDays = 400

// reportTechnical marks the accounts whose arrears at the period's end are
// technical, judged by worklist.Technical on that day from the payments of
// the 400 days before it. payFrom is each account's summary's first kept
// payment day (summary.pay_from); late holds the accounts with counted
// ledger rows received after the cut-off.
func reportTechnical(ctx context.Context, q queryer, idx map[int64]int, in *report.Inputs, asAt report.AsAt, end domain.Date,
	payFrom map[int64]string, late map[int64]bool) error {
	owing := map[int64]bool{}
	for no, i := range idx {
		if a := in.Accounts[i]; !a.Former && a.Balance.IsPositive() {
			owing[no] = true
		}
	}
	if len(owing) == 0 {
		return nil
	}
	pays, _, err := technicalPayments(ctx, q, owing, payFrom, late, asAt, end)
	if err != nil {
		return err
	}
	pol := worklist.DefaultPolicy()
	for no := range owing {
		a := &in.Accounts[idx[no]]
		f := worklist.Facts{Balance: a.Balance, Weekly: a.Weekly, Payments: pays[no]}
		for _, t := range pays[no] {
			if t.Type.IsPayment() {
				f.LastPayment = domain.MaxDate(f.LastPayment, t.Date)
			}
		}
		a.Technical = worklist.Technical(f, end, pol).Technical
	}
	return nil
}

// technicalPayments is each account's payments of the technicalDays to
// end as the ledger stood at asAt, and how many accounts' came from
// their summaries. An account's kept payments (account_pays: every
// payment not named by a reversal, dated on or after pay_from) are
// exactly the ledger's when they reach back to the window's first day,
// the account has no counted row received after the cut-off, and each of
// its reversals is one the ledger reading takes too: dated in the window,
// received by the cut-off and not void (void marks only a second reversal,
// settleReversals, so every void row is in the reversals' index). Any
// other account is read from the ledger.
func technicalPayments(ctx context.Context, q queryer, owing map[int64]bool, payFrom map[int64]string, late map[int64]bool,
	asAt report.AsAt, end domain.Date) (map[int64][]domain.Txn, int, error) {
	first := end.AddDays(1 - technicalDays)
	firstS, endS := first.String(), end.String()
	ledger := map[int64]bool{}
	for no := range owing {
		if from, ok := payFrom[no]; !ok || from > firstS || late[no] {
			ledger[no] = true
		}
	}
	err := eachRow(ctx, q, `SELECT DISTINCT t.account FROM account a CROSS JOIN txn t INDEXED BY txn_reversals ON t.account = a.no AND t.reverses <> ''
		WHERE a.no IN (`+ints(owing)+`) AND NOT (t.date >= ? AND t.date <= ? AND t.no <= ? AND t.void = 0)`,
		[]any{firstS, endS, asAt.LedgerRow}, func(rows *sql.Rows) error {
			var no int64
			if err := rows.Scan(&no); err != nil {
				return err
			}
			ledger[no] = true
			return nil
		})
	if err != nil {
		return nil, 0, err
	}
	pays, err := ledgerTechnicalPayments(ctx, q, ledger, asAt, end)
	if err != nil {
		return nil, 0, err
	}
	kept := map[int64]bool{}
	for no := range owing {
		if !ledger[no] {
			kept[no] = true
		}
	}
	if len(kept) == 0 {
		return pays, 0, nil
	}
	money := amounts{}
	var buf []domain.Txn // one account's, copied out at its length
	err = eachRow(ctx, q, `SELECT account, pays FROM account_pays WHERE account IN (`+ints(kept)+`)`, nil, func(rows *sql.Rows) error {
		var no int64
		var raw sql.RawBytes
		if err := rows.Scan(&no, &raw); err != nil {
			return err
		}
		r := sumReader{b: raw}
		ts := buf[:0]
		for len(r.b) > 0 && r.err == nil {
			p := r.pay() // its origin and sequence unused: no reversal names these
			if r.err == nil && !p.date.Before(first) && !p.date.After(end) {
				ts = append(ts, domain.Txn{Date: p.date, Type: domain.TxnType(p.typ), Amount: money.of(p.amount), Method: domain.PaymentMethod(p.method)})
			}
		}
		buf = ts
		if len(ts) > 0 {
			pays[no] = slices.Clone(ts)
		}
		return r.err
	})
	return pays, len(kept), err
}

// ledgerTechnicalPayments reads the accounts' payments of the
// technicalDays to end from the ledger as it stood at asAt, with the
// reversals among them.
func ledgerTechnicalPayments(ctx context.Context, q queryer, accounts map[int64]bool, asAt report.AsAt, end domain.Date) (map[int64][]domain.Txn, error) {
	pays := map[int64][]domain.Txn{}
	if len(accounts) == 0 {
		return pays, nil
	}
	window := []any{end.AddDays(-technicalDays).String(), end.String(), asAt.LedgerRow}
	list := ints(accounts)
	// The few reversals first: a payment's id matters only where one may
	// name it, so only those accounts' payments are given theirs.
	revs := map[int64][]domain.Txn{}
	err := eachRow(ctx, q, `SELECT t.account, substr(r.id, 1, 8), t.seq, t.date, t.type, t.amount, t.method, t.reverses
		FROM account a CROSS JOIN txn t INDEXED BY txn_reversals ON t.account = a.no AND t.date > ? AND t.date <= ? AND t.reverses <> ''
		JOIN replica r ON r.no = t.origin
		WHERE a.no IN (`+list+`) AND t.no <= ? AND t.void = 0`, window, func(rows *sql.Rows) error {
		var no, seq, amount int64
		var short, date, typ, method, reverses string
		if err := rows.Scan(&no, &short, &seq, &date, &typ, &amount, &method, &reverses); err != nil {
			return err
		}
		revs[no] = append(revs[no], domain.Txn{ID: short + "-" + strconv.FormatInt(seq, 10), Date: dateText(date),
			Type: domain.TxnType(typ), Amount: domain.Pence(amount), Method: domain.PaymentMethod(method), Reverses: reverses})
		return nil
	})
	if err != nil {
		return nil, err
	}
	short, err := replicaShorts(ctx, q)
	if err != nil {
		return nil, err
	}
	// Payments from the covering credits index, account by account (the
	// other credits play no part in the cadence or the last payment), in
	// the index's order and put in date and row order here: sorting them
	// in SQLite costs more than the read.
	type pay struct {
		no  int64
		txn domain.Txn
	}
	byAccount := map[int64][]pay{}
	err = eachRow(ctx, q, `SELECT t.account, t.no, t.origin, t.seq, t.date, t.type, t.amount, t.method
		FROM account a CROSS JOIN txn t INDEXED BY txn_credits ON t.account = a.no AND t.date > ? AND t.date <= ? AND t.amount < 0
		WHERE a.no IN (`+list+`) AND t.type IN `+paymentTypesSQL+` AND t.no <= ?`, window, func(rows *sql.Rows) error {
		var account, no, origin, seq, amount int64
		var date, typ, method string
		if err := rows.Scan(&account, &no, &origin, &seq, &date, &typ, &amount, &method); err != nil {
			return err
		}
		var id string
		if revs[account] != nil {
			id = short[origin] + "-" + strconv.FormatInt(seq, 10)
		}
		byAccount[account] = append(byAccount[account], pay{no: no, txn: domain.Txn{ID: id, Date: dateText(date), Type: domain.TxnType(typ),
			Amount: domain.Pence(amount), Method: domain.PaymentMethod(method)}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	for account, ps := range byAccount {
		slices.SortFunc(ps, func(a, b pay) int {
			if c := a.txn.Date.Compare(b.txn.Date); c != 0 {
				return c
			}
			return cmp.Compare(a.no, b.no)
		})
		ts := make([]domain.Txn, len(ps), len(ps)+len(revs[account]))
		for i, p := range ps {
			ts[i] = p.txn
		}
		pays[account] = ts
	}
	for no, rs := range revs {
		pays[no] = append(pays[no], rs...)
	}
	return pays, nil
}
