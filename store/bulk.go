package store

import (
	"fmt"
	"strings"
)

// Bulk ledger writes. A large load (an extract, a pack of 100,000 changes)
// spends much of its time in per-statement overhead, so the change-log
// entries, appended at the log's end, are written many rows to a
// statement; the ledger rows go through insertTxn's one prepared statement
// (see insertBulk). The rows and their effects are exactly those of
// addTxn/insertTxn, one at a time.

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
		log := make([]logRow, 0, n)
		for _, r := range chunk {
			log = append(log, logRow{origin: r.origin, seq: r.seq, hlc: r.hlc, officer: r.officer, entity: entityTxn,
				entityID: r.id, account: r.ref, op: "add", prev: r.prev, sum: r.sum})
		}
		added, err := w.logChanges(log)
		if err != nil {
			return err
		}
		if added != int64(n) {
			return fmt.Errorf("%w: a ledger fact from %s is already in the log", errReplay, chunk[0].id)
		}
		// The ledger rows go in one statement each: a statement of many
		// rows that may fail part-way (the unique change number, the
		// account's foreign key) makes SQLite copy every existing page it
		// touches into a statement journal first, and a rent run's rows,
		// one per account, touch a different page of each ledger index.
		// One row per statement needs no statement journal.
		for _, r := range chunk {
			if err := w.insertTxn(r.account, r.origin, r.seq, r.body); err != nil {
				return err
			}
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
