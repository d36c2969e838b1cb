package store

// New ledger facts go from the spool to the change log and the ledger by
// SQL, in import order, without passing through Go one by one: most of a
// pack is ledger facts, and carrying each one's thirteen log columns and
// twelve ledger columns across the driver cost more than SQLite's own
// writing of them. The rows and their effects are those of insertBulk.

import (
	"database/sql"
	"errors"
)

// spoolFactID is a spooled ledger fact's id (factID), and spoolBodyTexts
// its body's optional texts (NULL in the spool when empty).
const (
	spoolFactID    = `substr(s.origin, 1, 8) || '-' || s.seq`
	spoolBodyTexts = `COALESCE(s.method, ''), COALESCE(s.reference, ''), COALESCE(s.note, ''), COALESCE(s.reverses, ''),
		COALESCE(s.pair, ''), COALESCE(s.run_week, '')`
)

// spoolLedgerOrder is the import order of the ledger facts within their
// phase (the spool's change_order index gives it without a sort).
const spoolLedgerOrder = " ORDER BY s.phase, s.hlc, s.origin, s.seq, s.pos"

const (
	// skipHeldLedgerSQL marks the ledger facts held here already, and
	// every copy after the first of a fact the pack carries twice: they
	// go through apply, which proves their content the same.
	skipHeldLedgerSQL = `UPDATE spool.change AS s SET skip = 1 WHERE s.phase = ?1 AND (
		EXISTS (SELECT 1 FROM main.change c WHERE c.origin = (SELECT no FROM main.replica WHERE id = s.origin) AND c.seq = s.seq)
		OR EXISTS (SELECT 1 FROM spool.change p WHERE p.origin = s.origin AND p.seq = s.seq AND p.pos < s.pos))`
	// spoolTwiceSQL says whether the pack carries a change twice.
	spoolTwiceSQL = `SELECT EXISTS (SELECT 1 FROM spool.change GROUP BY origin, seq HAVING count(*) > 1)`
	// holdsOriginSQL says whether this database holds a change of an origin.
	holdsOriginSQL = `SELECT EXISTS (SELECT 1 FROM main.change WHERE origin = ?)`
	// noAccountLedgerSQL finds the first new ledger fact for an account
	// this database does not have (read only when there is one).
	noAccountLedgerSQL = `SELECT s.origin, s.seq, s.account FROM spool.change s WHERE s.phase = ?1 AND s.skip = 0
		AND NOT EXISTS (SELECT 1 FROM main.account a WHERE a.ref = s.account)` + spoolLedgerOrder + ` LIMIT 1`
	// logLedgerSQL logs the new facts in pack order, reading the spool
	// straight through: the log is keyed by origin and number, so the
	// order it is written in makes no difference to it.
	logLedgerSQL = `INSERT INTO main.change(origin, seq, hlc, officer, entity, entity_id, account, op, field, value, parents, prev, hash)
		SELECT (SELECT no FROM main.replica WHERE id = s.origin), s.seq, s.hlc, s.officer, 'txn', ` + spoolFactID + `, s.account, 'add', '', '', '', s.prev, s.sum
		FROM spool.change AS s NOT INDEXED WHERE s.phase = ?1 AND s.skip = 0 ORDER BY s.pos`
	insertLedgerSQL = `INSERT INTO main.txn(origin, seq, account, date, type, amount, method, reference, note, reverses, pair, run_week)
		SELECT (SELECT no FROM main.replica WHERE id = s.origin), s.seq, (SELECT no FROM main.account a WHERE a.ref = s.account),
		s.date, s.type, s.amount, ` + spoolBodyTexts + `
		FROM spool.change s WHERE s.phase = ?1 AND s.skip = 0` + spoolLedgerOrder
	// newLedgerSQL reads back the rows just added (numbered after ?1),
	// for their summaries' incremental update.
	newLedgerSQL = `SELECT t.account, a.ref, t.origin, t.seq, t.date, t.type, t.amount, t.method, t.reverses
		FROM main.txn t JOIN main.account a ON a.no = t.account WHERE t.no > ?1`
	// newLedgerAccountsSQL are the accounts of the rows just added.
	newLedgerAccountsSQL = `SELECT a.no, a.ref FROM main.account a WHERE a.no IN (SELECT t.account FROM main.txn t WHERE t.no > ?1)`
	heldLedgerSQL        = `SELECT ` + spooledColumns + `, s.officer, ` + spoolFactID + `, s.account,
		s.date, s.type, s.amount, ` + spoolBodyTexts + `
		FROM spool.change s WHERE s.phase = ?1 AND s.skip = 1` + spoolLedgerOrder
)

// importSpooledLedger applies the pack's ledger facts (the spool's ledger
// phase): new ones by SQL, those held already or carried twice through
// apply. Every account a fact names must exist by now (accounts come
// first in the import order). skips is spoolSkips, asked before anything
// was applied.
func (w *writer) importSpooledLedger(sp *spool, skips bool, rep *ImportReport) error {
	phase := importOrder(entityTxn)
	if skips {
		if err := sp.linkIndex(w.tx); err != nil {
			return err
		}
		if _, err := w.exec(skipHeldLedgerSQL, phase); err != nil {
			return err
		}
	}
	// Every account the facts name must be here; when one is not, the
	// spool says which fact, in import order, names the first missing.
	for ref := range sp.ledgerAccounts {
		if _, missing := w.accountNo(ref); missing != nil {
			var origin string
			var seq int64
			err := w.queryRow(noAccountLedgerSQL, phase).Scan(&origin, &seq, &ref)
			switch {
			case err == nil:
				_, err := w.accountNo(ref)
				return refuse("pack change %s (txn %s): %v — nothing imported", Change{Origin: origin, Seq: seq}.ID(), ref, err)
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
			return missing
		}
	}
	var last int64
	if err := w.queryRow("SELECT COALESCE(max(no), 0) FROM txn").Scan(&last); err != nil {
		return err
	}
	res, err := w.exec(logLedgerSQL, phase)
	if err != nil {
		return err
	}
	logged, err := res.RowsAffected()
	if err != nil {
		return err
	}
	// A pack that brings more ledger rows than the ledger holds (a new
	// replica's first) fills the ledger with its indexes dropped and then
	// builds them again, each by one sort: keeping five indexes in step
	// row by row, in clock order, touches a page of each per row.
	var rebuild []string
	if int64(sp.ledger) > last {
		if rebuild, err = w.dropIndexes("txn"); err != nil {
			return err
		}
	}
	if res, err = w.exec(insertLedgerSQL, phase); err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != logged {
		return errors.Join(err, errors.New("the import's ledger rows and change-log rows differ in number"))
	}
	for _, q := range rebuild {
		if _, err := w.tx.ExecContext(w.ctx, q); err != nil {
			return err
		}
	}
	rep.New += int(logged)
	w.changes += int(logged)
	if err := w.noteSpooledLedger(last, logged); err != nil {
		return err
	}
	if !skips {
		return nil
	}
	return w.eachBatch(heldLedgerSQL, []any{phase}, func(rows *sql.Rows, c *spooled) error {
		b := &txnBody{}
		if err := rows.Scan(&c.Origin, &c.Seq, &c.HLC, &c.prev, &c.sum, &c.Officer, &c.EntityID, &c.Account,
			&b.Date, &b.Type, &b.Amount, &b.Method, &b.Reference, &b.Note, &b.Reverses, &b.Pair, &b.RunWeek); err != nil {
			return err
		}
		c.Entity, c.Op, c.Value = entityTxn, "add", txnJSON(*b)
		return nil
	}, func(batch []spooled) error { return w.applySpooled(batch, rep) })
}

// noteSpooledLedger records the effects of the n ledger rows just added
// (numbered after last): their accounts are touched (recomputeTouched sets
// their balances and last payments) and their summaries brought up to
// date, row by row while the write's limit allows, else worked out again.
func (w *writer) noteSpooledLedger(last, n int64) error {
	if n == 0 {
		return nil
	}
	if w.sumsFull || int64(w.sumRows)+n > sumRowLimit {
		w.summariesFull()
		rows, err := w.query(newLedgerAccountsSQL, last)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var no int64
			var ref string
			if err := rows.Scan(&no, &ref); err != nil {
				return err
			}
			w.touched[ref] = true
			w.summaryLedger(no)
		}
		return rows.Err()
	}
	rows, err := w.query(newLedgerSQL, last)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var no, origin, seq int64
		var ref string
		var b txnBody
		if err := rows.Scan(&no, &ref, &origin, &seq, &b.Date, &b.Type, &b.Amount, &b.Method, &b.Reverses); err != nil {
			return err
		}
		w.touched[ref] = true
		w.summaryTxn(no, origin, seq, b)
	}
	return rows.Err()
}

// dropIndexes drops a table's own indexes (not those its constraints
// make) and returns the statements that make them again.
func (w *writer) dropIndexes(table string) ([]string, error) {
	rows, err := w.tx.QueryContext(w.ctx, "SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name", table)
	if err != nil {
		return nil, err
	}
	var names, make []string
	for rows.Next() {
		var name, q string
		if err := rows.Scan(&name, &q); err != nil {
			rows.Close()
			return nil, err
		}
		names, make = append(names, name), append(make, q)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, name := range names {
		if _, err := w.tx.ExecContext(w.ctx, `DROP INDEX main."`+name+`"`); err != nil {
			return nil, err
		}
	}
	return make, nil
}

// spoolSkips says, before anything is applied, whether any spooled change
// may be held here already (this database holds changes of one of the
// pack's origins) or carried twice; when none can, nothing need be marked
// to skip.
func (w *writer) spoolSkips(sp *spool) (bool, error) {
	for origin := range sp.origins {
		if held, err := w.holdsOrigin(origin); held || err != nil {
			return held, err
		}
	}
	if !sp.unordered {
		return false, nil // each change once, in order
	}
	if err := sp.linkIndex(w.tx); err != nil {
		return false, err
	}
	var twice bool
	err := w.queryRow(spoolTwiceSQL).Scan(&twice)
	return twice, err
}

// holdsOrigin says whether this database holds any change of the origin
// (registered already).
func (w *writer) holdsOrigin(origin string) (bool, error) {
	no, err := w.replicaNumber(origin, "")
	if err != nil {
		return false, err
	}
	var held bool
	err = w.queryRow(holdsOriginSQL, no).Scan(&held)
	return held, err
}
