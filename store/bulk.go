package store

import (
	"strings"
)

// Bulk ledger writes. A large load (an extract, a pack of 100,000 changes)
// spends most of its time in per-statement overhead, so ledger rows and
// their change-log entries are written many rows to a statement. The rows
// and their effects are exactly those of addTxn/insertTxn, one at a time.

// bulkTxn is one ledger fact to write: its change identity and its row.
type bulkTxn struct {
	origin  int64
	seq     int64
	hlc     int64
	officer string
	id      string
	ref     string
	account int64
	body    txnBody
	// prev and sum are the change's chain link and hash (prev nil: pre-chain).
	prev, sum []byte
}

const bulkRows = 200

// insertBulk writes ledger facts and their change-log entries, and records
// their effects on balances and last payments, as insertTxn does.
func (w *writer) insertBulk(rows []bulkTxn) error {
	for len(rows) > 0 {
		n := min(len(rows), bulkRows)
		chunk := rows[:n]
		rows = rows[n:]
		changeArgs := make([]any, 0, n*9)
		txnArgs := make([]any, 0, n*12)
		for _, r := range chunk {
			changeArgs = append(changeArgs, r.origin, r.seq, r.hlc, r.officer, entityTxn, r.id, r.ref, r.prev, r.sum)
			b := r.body
			txnArgs = append(txnArgs, r.origin, r.seq, r.account, b.Date, b.Type, b.Amount, b.Method, b.Reference, b.Note, b.Reverses, b.Pair, b.RunWeek)
		}
		if _, err := w.exec(bulkInsert("INSERT INTO change(origin, seq, hlc, officer, entity, entity_id, account, op, prev, hash) VALUES ", "(?, ?, ?, ?, ?, ?, ?, 'add', ?, ?)", n), changeArgs...); err != nil {
			return err
		}
		if _, err := w.exec(bulkInsert("INSERT INTO txn(origin, seq, account, date, type, amount, method, reference, note, reverses, pair, run_week) VALUES ",
			"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", n), txnArgs...); err != nil {
			return err
		}
		for _, r := range chunk {
			w.changes++
			w.touched[r.ref] = true
			w.noteTxnEffects(r.account, r.body)
		}
	}
	return nil
}

// bulkInsert is an INSERT of n rows of one shape (statements are prepared
// once per shape and size within a write).
func bulkInsert(head, row string, n int) string {
	var b strings.Builder
	b.Grow(len(head) + n*(len(row)+2))
	b.WriteString(head)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}
