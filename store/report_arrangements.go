package store

// The arrangements live at a report period's end (issue 17) and their
// accounts' ledger rows, monitored on its last day.

import (
	"context"
	"database/sql"
	"strconv"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/report"
)

// reportLive is the arrangement live at a period's end: the latest made
// by then, not cancelled by then.
type reportLive struct {
	terms arrangement.Terms
	hlc   int64
}

// reportArrangements reads the scope's arrangements made by the period's
// end: how many were made in it, and on each account the one live at its
// end (the latest made by then and not cancelled by then).
func reportArrangements(ctx context.Context, q queryer, where string, args []any, p report.Period) (map[int64]reportLive, int, error) {
	from, to := p.From.String(), p.To.String()
	lives := map[int64]reportLive{}
	made := 0
	err := eachRow(ctx, q, `SELECT g.account, g.made_on, g.start_date, g.frequency, g.instalment, g.arrears, g.hlc, g.cancelled_on
		FROM account a JOIN arrangement g ON g.account = a.no WHERE `+where+` AND g.made_on <= ?`, append(append([]any{}, args...), to), func(rows *sql.Rows) error {
		var no, inst, arr, hlc int64
		var madeOn, start, freq, cancelled string
		if err := rows.Scan(&no, &madeOn, &start, &freq, &inst, &arr, &hlc, &cancelled); err != nil {
			return err
		}
		if madeOn >= from {
			made++
		}
		if cur, ok := lives[no]; ok && cur.hlc > hlc {
			return nil
		}
		if cancelled != "" && cancelled <= to {
			lives[no] = reportLive{hlc: hlc} // the latest, cancelled by then
			return nil
		}
		lives[no] = reportLive{terms: arrangement.Terms{Start: dateText(start), Frequency: arrangement.Frequency(freq),
			Instalment: domain.Pence(inst), Arrears: domain.Pence(arr)}, hlc: hlc}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	for no, l := range lives {
		if l.terms.Start.IsZero() {
			delete(lives, no)
		}
	}
	return lives, made, nil
}

// arrangementTxns is, for each account with an arrangement live at end,
// its ledger rows from that arrangement's start to end as the ledger
// stood at asAt, and how many accounts' came from account_plan. The kept
// rows (every counted row on or after the start of the arrangement live
// now) are the ledger's when the arrangement live now is the one live at
// end (same clock and start) and the account has no counted row received
// after the cut-off (late); the others are read from the ledger.
func arrangementTxns(ctx context.Context, q queryer, where string, args []any, lives map[int64]reportLive, late map[int64]bool,
	end domain.Date, asAt report.AsAt) (map[int64][]domain.Txn, int, error) {
	txns := map[int64][]domain.Txn{}
	ledger := map[int64]bool{}
	for no := range lives {
		ledger[no] = true
	}
	if len(ledger) == 0 {
		return txns, 0, nil
	}
	short, err := replicaShorts(ctx, q)
	if err != nil {
		return nil, 0, err
	}
	plans := newTxnReader(short)
	kept := 0
	err = eachRow(ctx, q, `SELECT account, hlc, start_date, rows FROM account_plan WHERE account IN (`+ints(ledger)+`)`, nil, func(rows *sql.Rows) error {
		var no, hlc int64
		var start string
		var raw sql.RawBytes
		if err := rows.Scan(&no, &hlc, &start, &raw); err != nil {
			return err
		}
		l := lives[no]
		if late[no] || hlc != l.hlc || start != l.terms.Start.String() {
			return nil
		}
		ts, err := plans.decodePlanRows(raw)
		if err != nil {
			return err
		}
		n := len(ts)
		for n > 0 && ts[n-1].Date.After(end) {
			n--
		}
		if n > 0 {
			txns[no] = ts[:n]
		}
		delete(ledger, no)
		kept++
		return nil
	})
	if err != nil || len(ledger) == 0 {
		return txns, kept, err
	}
	err = ledgerArrangementTxns(ctx, q, where, args, lives, ledger, end, asAt, txns)
	return txns, kept, err
}

// ledgerArrangementTxns reads the accounts' rows from the start of the
// arrangement live at end (lives) to end from the ledger as it stood at
// asAt, into txns.
func ledgerArrangementTxns(ctx context.Context, q queryer, where string, args []any, lives map[int64]reportLive, accounts map[int64]bool,
	end domain.Date, asAt report.AsAt, txns map[int64][]domain.Txn) error {
	to := end.String()
	// Driven from the arrangements live at the period's end.
	return eachRow(ctx, q, `SELECT t.account, substr(r.id, 1, 8), t.seq, t.date, t.type, t.amount, t.method, t.reverses
		FROM (SELECT g.account, min(g.start_date) AS start FROM arrangement g
			WHERE g.made_on <= ? AND (g.cancelled_on = '' OR g.cancelled_on > ?) AND g.account IN (`+ints(accounts)+`) GROUP BY g.account) g
		CROSS JOIN account a ON a.no = g.account
		JOIN txn t ON t.account = g.account AND t.date >= g.start AND t.date <= ?
		JOIN replica r ON r.no = t.origin
		WHERE `+where+` AND t.no <= ? AND t.void = 0
		ORDER BY t.account, t.date, t.no`, append(append([]any{to, to, to}, args...), asAt.LedgerRow), func(rows *sql.Rows) error {
		var no, seq, amount int64
		var short, date, typ, method, reverses string
		if err := rows.Scan(&no, &short, &seq, &date, &typ, &amount, &method, &reverses); err != nil {
			return err
		}
		l, ok := lives[no]
		if !ok || date < l.terms.Start.String() {
			return nil
		}
		txns[no] = append(txns[no], domain.Txn{ID: short + "-" + strconv.FormatInt(seq, 10), Date: dateText(date),
			Type: domain.TxnType(typ), Amount: domain.Pence(amount), Method: domain.PaymentMethod(method), Reverses: reverses})
		return nil
	})
}
