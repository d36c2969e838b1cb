package store

// The live arrangement's ledger rows (table account_plan, migration 0012):
// every counted ledger row of an account dated on or after its live
// arrangement's start, encoded, kept in the same transaction as every
// write that changes them, so a caseload monitors its arrangements without
// reading the ledger. A write that adds rows on or after the last kept day
// appends them; anything else (a new or cancelled arrangement, a reversal,
// a void, a back-dated row, a row from another replica) works the
// account's rows out again from the ledger with the code `check` uses.

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// keptPlan is an account's row of account_plan: the live arrangement
// (its clock and start) and its ledger rows.
type keptPlan struct {
	hlc      int64
	start    string
	lastDate string // of the latest row kept ('' when none)
	rows     []byte
}

// livePlanSQL picks an account's live arrangement as the worklist does:
// the latest made (highest clock) not cancelled.
const livePlanSQL = `SELECT hlc, start_date FROM arrangement WHERE account = ? AND cancelled_on = '' ORDER BY hlc DESC, no LIMIT 1`

// computePlanRows works an account's live arrangement rows out from the
// ledger (ok false: no live arrangement).
func computePlanRows(ctx context.Context, q queryer, no int64) (pr keptPlan, ok bool, err error) {
	err = q.QueryRowContext(ctx, livePlanSQL, no).Scan(&pr.hlc, &pr.start)
	if errors.Is(err, sql.ErrNoRows) {
		return pr, false, nil
	}
	if err != nil {
		return pr, false, err
	}
	b := []byte{}
	err = eachRow(ctx, q, `SELECT date, type, amount, method, origin, seq, reverses FROM txn
		WHERE account = ? AND date >= ? AND void = 0 ORDER BY date, no`, []any{no, pr.start}, func(rs *sql.Rows) error {
		var r planRow
		if err := rs.Scan(&r.date, &r.typ, &r.amount, &r.method, &r.origin, &r.seq, &r.reverses); err != nil {
			return err
		}
		b = r.append(b)
		pr.lastDate = r.date
		return nil
	})
	pr.rows = b
	return pr, true, err
}

// planRow is one ledger row as account_plan keeps it.
type planRow struct {
	date, typ, method, reverses string
	amount, origin, seq         int64
}

func (r planRow) append(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(dateText(r.date).DaysSince(sumEpoch)))
	b = appendSumString(b, r.typ)
	b = binary.AppendVarint(b, r.amount)
	b = appendSumString(b, r.method)
	b = binary.AppendUvarint(b, uint64(r.origin))
	b = binary.AppendUvarint(b, uint64(r.seq))
	return appendSumString(b, r.reverses)
}

const savePlanSQL = "INSERT OR REPLACE INTO account_plan(account, hlc, start_date, last_date, rows) VALUES(?, ?, ?, ?, ?)"

// savePlanRows writes an account's rows worked out again (none: deletes
// its row).
func savePlanRows(ctx context.Context, tx interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, q queryer, no int64) error {
	pr, ok, err := computePlanRows(ctx, q, no)
	if err != nil {
		return err
	}
	if !ok {
		_, err = tx.ExecContext(ctx, "DELETE FROM account_plan WHERE account = ?", no)
		return err
	}
	_, err = tx.ExecContext(ctx, savePlanSQL, no, pr.hlc, pr.start, pr.lastDate, pr.rows)
	return err
}

// summaryArrangement notes an arrangement made or cancelled on an account:
// its live arrangement's rows are worked out again.
func (w *writer) summaryArrangement(account int64) { w.pending(account).plan = true }

// flushPlan brings an account's live arrangement rows up to date for what
// this write did to it (before flushSummary, which may clear p.rows).
func (w *writer) flushPlan(no int64, p *sumPending) error {
	if p.plan || p.full || p.fresh {
		return savePlanRows(w.ctx, w.tx, w.tx, no)
	}
	if len(p.rows) == 0 {
		return nil
	}
	if w.plans == nil {
		w.plans = map[int64]bool{}
		err := eachRow(w.ctx, w.tx, "SELECT account FROM account_plan", nil, func(rs *sql.Rows) error {
			var a int64
			if err := rs.Scan(&a); err != nil {
				return err
			}
			w.plans[a] = true
			return nil
		})
		if err != nil {
			return err
		}
	}
	if !w.plans[no] {
		return nil // no live arrangement: nothing kept
	}
	var pr keptPlan
	err := w.queryRow("SELECT start_date, last_date, rows FROM account_plan WHERE account = ?", no).Scan(&pr.start, &pr.lastDate, &pr.rows)
	if err != nil {
		return err
	}
	// Rows of one write in the order they were made, by date.
	rows := slices.Clone(p.rows)
	slices.SortStableFunc(rows, func(a, b sumRow) int {
		switch {
		case a.date < b.date:
			return -1
		case a.date > b.date:
			return 1
		}
		return 0
	})
	n := len(pr.rows)
	for _, r := range rows {
		if r.date < pr.start {
			continue
		}
		if r.date < pr.lastDate {
			return savePlanRows(w.ctx, w.tx, w.tx, no) // back-dated: in its place
		}
		pr.rows = planRow{date: r.date, typ: r.typ, amount: r.amount, method: r.method, origin: r.origin, seq: r.seq}.append(pr.rows)
		pr.lastDate = r.date
	}
	if len(pr.rows) == n {
		return nil
	}
	_, err = w.exec("UPDATE account_plan SET last_date = ?, rows = ? WHERE account = ?", pr.lastDate, pr.rows, no)
	return err
}

// backfillPlanRows works out every live arrangement's rows: the migration
// that adds the table runs it, so an existing database gains them.
func backfillPlanRows(ctx context.Context, tx *sql.Tx) error {
	accounts, err := accountNos(ctx, tx, "SELECT DISTINCT account FROM arrangement WHERE cancelled_on = '' ORDER BY account")
	if err != nil {
		return err
	}
	for _, no := range accounts {
		if err := savePlanRows(ctx, tx, tx, no); err != nil {
			return err
		}
	}
	return nil
}

// checkPlanRows compares every account's kept arrangement rows with the
// ledger's.
func checkPlanRows(ctx context.Context, q queryer, add func(string, ...any)) error {
	accounts, err := accountRefs(ctx, q)
	if err != nil {
		return err
	}
	for _, a := range accounts {
		want, live, err := computePlanRows(ctx, q, a.no)
		if err != nil {
			return err
		}
		var have keptPlan
		err = q.QueryRowContext(ctx, "SELECT hlc, start_date, last_date, rows FROM account_plan WHERE account = ?", a.no).
			Scan(&have.hlc, &have.start, &have.lastDate, &have.rows)
		kept := !errors.Is(err, sql.ErrNoRows)
		if kept && err != nil {
			return err
		}
		if d := planDiffers(have, kept, want, live); d != "" {
			add("%s: live arrangement rows %s", a.ref, d)
		}
	}
	return nil
}

// planDiffers names how kept rows differ from the ledger's ("" when
// they do not).
func planDiffers(have keptPlan, kept bool, want keptPlan, live bool) string {
	switch {
	case kept && !live:
		return "are kept but there is no live arrangement"
	case !kept && live:
		return fmt.Sprintf("are missing for the arrangement from %s", want.start)
	case !kept:
		return ""
	case have.hlc != want.hlc || have.start != want.start:
		return fmt.Sprintf("are for the arrangement from %s but the live one is from %s", have.start, want.start)
	case have.lastDate != want.lastDate || !bytes.Equal(have.rows, want.rows):
		return "differ from the ledger's"
	}
	return ""
}
