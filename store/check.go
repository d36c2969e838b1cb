package store

import (
	"context"
	"database/sql"
	"fmt"

	"caseload/domain"
)

// CheckReport is what `caseload check` found; OK when Problems is empty.
type CheckReport struct {
	Accounts int
	Txns     int
	Changes  int
	// PreChain counts changes made before the hash chain existed: each is
	// hashed on its own, not linked to its neighbours.
	PreChain int
	Problems []string
}

// OK reports whether every check held.
func (r CheckReport) OK() bool { return len(r.Problems) == 0 }

const maxCheckProblems = 20

// Check proves the database is whole: the schema is current and intact,
// every balance equals the sum of its ledger, every change matches its hash
// and its chain, and the ledger rows and registers agree with the change
// log.
func (s *Store) Check(ctx context.Context) (CheckReport, error) {
	var r CheckReport
	add := func(format string, args ...any) {
		if len(r.Problems) < maxCheckProblems {
			r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
		}
	}
	err := s.readTx(ctx, func(q queryer) error {
		var version int
		if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
			return err
		}
		if version != SchemaVersion() {
			add("schema is version %d, expected %d", version, SchemaVersion())
		}
		var integrity string
		if err := q.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&integrity); err != nil {
			return err
		}
		if integrity != "ok" {
			add("SQLite integrity check: %s", integrity)
		}
		fk, err := q.QueryContext(ctx, "PRAGMA foreign_key_check")
		if err != nil {
			return err
		}
		for fk.Next() {
			var table, parent string
			var rowid, fkid any
			if err := fk.Scan(&table, &rowid, &parent, &fkid); err != nil {
				fk.Close()
				return err
			}
			add("%s row %v points at a missing %s", table, rowid, parent)
		}
		fk.Close()

		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM account").Scan(&r.Accounts); err != nil {
			return err
		}
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM txn").Scan(&r.Txns); err != nil {
			return err
		}
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM change").Scan(&r.Changes); err != nil {
			return err
		}
		rows, err := q.QueryContext(ctx, `SELECT a.ref, a.balance, COALESCE(t.total, 0) FROM account a
			LEFT JOIN (SELECT account, sum(amount) AS total FROM txn WHERE void = 0 GROUP BY account) t ON t.account = a.no
			WHERE a.balance <> COALESCE(t.total, 0) ORDER BY a.ref`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var ref string
			var have, want int64
			if err := rows.Scan(&ref, &have, &want); err != nil {
				rows.Close()
				return err
			}
			add("%s: balance %s but the ledger sums to %s", ref, domain.Pence(have), domain.Pence(want))
		}
		rows.Close()
		if err := checkSummaries(ctx, q, add); err != nil {
			return err
		}
		if err := checkPlanRows(ctx, q, add); err != nil {
			return err
		}
		if err := checkWorklistRows(ctx, q, add); err != nil {
			return err
		}
		if err := checkPeriods(ctx, q, add); err != nil {
			return err
		}

		var orphans int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM txn t WHERE NOT EXISTS
			(SELECT 1 FROM change c WHERE c.origin = t.origin AND c.seq = t.seq AND c.entity = 'txn')`).Scan(&orphans); err != nil {
			return err
		}
		if orphans > 0 {
			add("%d ledger row(s) have no change-log entry", orphans)
		}
		var missing int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM change c WHERE c.entity = 'txn' AND NOT EXISTS
			(SELECT 1 FROM txn t WHERE t.origin = c.origin AND t.seq = c.seq)`).Scan(&missing); err != nil {
			return err
		}
		if missing > 0 {
			add("%d ledger change(s) have no ledger row", missing)
		}
		for _, f := range []struct{ entity, table string }{
			{entityAccount, "account"}, {entityCharge, "charge"}, {entityNote, "note"}, {entityEvent, "event"},
			{entityArrangement, "arrangement"}, {entityRTB, "rtb_case"}, {entityRTBEvent, "rtb_event"},
			{entityPreAction, "preaction_mark"}, {entityMandate, "mandate"},
			{entityBacsRun, "bacs_run"}, {entityBacsItem, "bacs_item"}, {entityBacsException, "bacs_exception"},
		} {
			var logged, rows int
			if err := q.QueryRowContext(ctx, "SELECT count(DISTINCT entity_id) FROM change WHERE entity = ? AND op = 'add'", f.entity).Scan(&logged); err != nil {
				return err
			}
			if err := q.QueryRowContext(ctx, "SELECT count(*) FROM "+f.table).Scan(&rows); err != nil {
				return err
			}
			if logged != rows {
				add("%s: %d row(s) but %d in the change log", f.table, rows, logged)
			}
		}
		if err := s.checkReference(ctx, q, add); err != nil {
			return err
		}
		if err := checkMandates(ctx, q, add); err != nil {
			return err
		}
		var next, own int64
		if err := q.QueryRowContext(ctx, "SELECT next_seq FROM replica_state").Scan(&next); err != nil {
			return err
		}
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM change WHERE origin = ?", s.self.No).Scan(&own); err != nil {
			return err
		}
		if own != next-1 {
			add("change log: %d change(s) from this replica but the next number is %d", own, next)
		}
		r.PreChain, err = checkChain(ctx, q, add)
		return err
	})
	if err != nil {
		return r, err
	}
	return r, s.checkRegisters(ctx, add)
}

// accountRef is an account's row number and reference.
type accountRef struct {
	no  int64
	ref string
}

// accountRefs is every account in reference order: what check goes
// through when it works each account's kept rows out again.
func accountRefs(ctx context.Context, q queryer) ([]accountRef, error) {
	var accounts []accountRef
	err := eachRow(ctx, q, "SELECT no, ref FROM account ORDER BY ref", nil, func(rs *sql.Rows) error {
		var a accountRef
		if err := rs.Scan(&a.no, &a.ref); err != nil {
			return err
		}
		accounts = append(accounts, a)
		return nil
	})
	return accounts, err
}
