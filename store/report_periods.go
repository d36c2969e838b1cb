package store

// Per-account period movements (table account_period, migration 0011):
// every account's counted ledger rows by financial year, each row reduced
// to its day, its class (charge, payment, write-off, other) and its amount,
// kept in the same transaction as every write through the summary's hooks
// (summaryTxn, summaryLedger, flushSummaries). A report reads one row per
// account and year instead of every ledger row; rows this database received
// after a report's cut-off are few and read from the ledger and taken off
// (report.go), so the figures are the ledger's to the penny. A write that
// adds rows appends their records, back-dated, reversing or imported
// alike; a void mark changed (or a write of over a million rows) works the
// account's years out again from its ledger. `check` compares every
// account with its ledger.

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"caseload/domain"
	"caseload/domain/report"
)

// periodClass is what the reports tell apart among ledger rows.
type periodClass uint8

const (
	classOther periodClass = iota
	classCharge
	classPayment
	classWriteOff
)

// classOf is a ledger type's class.
func classOf(typ string) periodClass {
	switch t := domain.TxnType(typ); {
	case t == domain.TxnCharge:
		return classCharge
	case t.IsPayment():
		return classPayment
	case t == domain.TxnWriteOff:
		return classWriteOff
	}
	return classOther
}

// periodYear is the financial year (named by its first year) a date falls
// in, and the date's day within it.
func periodYear(d domain.Date) (year, day int) {
	start := report.FinancialYearStart(d)
	return start.Year(), d.DaysSince(start)
}

// periodStart is the first day of a financial year.
func periodStart(year int) domain.Date { return domain.MustDate(year, time.April, 1) }

// appendPeriodRow encodes one record: the day and class in one unsigned
// varint, the amount in a signed one.
func appendPeriodRow(b []byte, day int, c periodClass, amount int64) []byte {
	b = binary.AppendUvarint(b, uint64(day)<<2|uint64(c))
	return binary.AppendVarint(b, amount)
}

var errBadPeriods = errors.New("account period totals are damaged: run caseload check")

// eachPeriodRow decodes a year's records in order.
func eachPeriodRow(b []byte, fn func(day int, c periodClass, amount int64)) error {
	for len(b) > 0 {
		k, n := binary.Uvarint(b)
		if n <= 0 {
			return errBadPeriods
		}
		b = b[n:]
		amount, n := binary.Varint(b)
		if n <= 0 {
			return errBadPeriods
		}
		b = b[n:]
		fn(int(k>>2), periodClass(k&3), amount)
	}
	return nil
}

// periodYearRows is one account's records of one year.
type periodYearRows struct {
	total int64
	rows  []byte
}

// periodRecords reduces ledger rows (in any order) to each year's records,
// merging neighbours of one day and class.
type periodRecords struct {
	years    map[int]*periodYearRows
	lastDate string
	year     int
	day      int
	// open: the record being merged (not yet encoded).
	open       bool
	openYear   int
	openKey    int
	openAmount int64
}

func (p *periodRecords) add(date, typ string, amount int64) {
	if date != p.lastDate {
		p.year, p.day = periodYear(dateText(date))
		p.lastDate = date
	}
	c := classOf(typ)
	key := p.day<<2 | int(c)
	if p.open && p.openYear == p.year && p.openKey == key {
		p.openAmount += amount
		return
	}
	p.close()
	p.open, p.openYear, p.openKey, p.openAmount = true, p.year, key, amount
}

// close encodes the record being merged.
func (p *periodRecords) close() {
	if !p.open {
		return
	}
	p.open = false
	if p.years == nil {
		p.years = map[int]*periodYearRows{}
	}
	y := p.years[p.openYear]
	if y == nil {
		y = &periodYearRows{}
		p.years[p.openYear] = y
	}
	y.total += p.openAmount
	y.rows = appendPeriodRow(y.rows, p.openKey>>2, periodClass(p.openKey&3), p.openAmount)
}

// done returns the years' records in year order.
func (p *periodRecords) done() ([]int, map[int]*periodYearRows) {
	p.close()
	return slices.Sorted(maps.Keys(p.years)), p.years
}

const (
	savePeriodSQL = "INSERT INTO account_period(account, year, total, rows) VALUES(?, ?, ?, ?)"
	// ledgerPeriodSQL reads an account's counted rows from the covering
	// index of its rows, a day's rows in (type, amount, no) order: the
	// order the records have always been worked out in.
	ledgerPeriodSQL = "SELECT date, type, amount FROM txn WHERE account = ? AND void = 0 ORDER BY date, type, amount, no"
)

// periodAppend is what a write adds to one account's period records:
// its new rows' records, or (redo) work them out again from the ledger.
type periodAppend struct {
	redone bool
	rec    periodRecords
}

// redo notes that the account's records must be worked out again (a
// row's void mark changed, or the write held too many rows).
func (a *periodAppend) redo() { a.redone, a.rec = true, periodRecords{} }

// periodRowLimit bounds the rows a write holds for the period records; a
// bigger write works every account it touched out again at flush (a
// variable so a test can reach it).
var periodRowLimit = 1_000_000

// periodTxn notes a ledger row added in this write (summaryTxn calls it
// for every row). A row appends its record whatever its date: a reversal
// or a back-dated row is one more movement.
func (w *writer) periodTxn(p *sumPending, b txnBody) {
	if p.periods.redone {
		return
	}
	if w.periodRows >= periodRowLimit {
		if w.periodRows == periodRowLimit {
			for _, q := range w.sums {
				q.periods.redo()
			}
			w.periodRows++
		}
		p.periods.redo()
		return
	}
	w.periodRows++
	p.periods.rec.add(b.Date, b.Type, b.Amount)
}

// flushPeriods brings the period records of every account this write
// touched up to date (flushSummaries calls it with them in order): the new
// rows' records are appended, up to periodBatch accounts and years a
// statement, or an account's are worked out again. In account order each
// page of the records is written once, where a borough's run in map order
// went back to pages the page cache had already let go.
func (w *writer) flushPeriods(accounts []int64) error {
	args := make([]any, 0, 4*periodBatch)
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		_, err := w.exec(bulkInsert("INSERT INTO account_period(account, year, total, rows) VALUES ", "(?, ?, ?, ?)", len(args)/4)+
			" ON CONFLICT(account, year) DO UPDATE SET total = total + excluded.total, rows = rows || excluded.rows", args...)
		args = args[:0]
		return err
	}
	for _, no := range accounts {
		p := w.sums[no]
		if p.periods.redone && p.full {
			continue // with the summary, from one read (recomputeAccount)
		}
		if p.periods.redone {
			if err := w.recomputePeriods(no); err != nil {
				return err
			}
			continue
		}
		years, rows := p.periods.rec.done()
		for _, y := range years {
			args = append(args, no, y, rows[y].total, rows[y].rows)
			if len(args) == cap(args) {
				if err := flush(); err != nil {
					return fmt.Errorf("account period totals: %w", err)
				}
			}
		}
	}
	if err := flush(); err != nil {
		return fmt.Errorf("account period totals: %w", err)
	}
	return nil
}

// periodBatch is how many accounts' years one statement appends to.
const periodBatch = 250

// recomputePeriods works an account's records out again from its ledger.
func (w *writer) recomputePeriods(no int64) error {
	years, rows, err := ledgerPeriods(w.ctx, w.prepared(), no)
	if err != nil {
		return err
	}
	return w.savePeriods(no, years, rows)
}

// savePeriods replaces an account's records with those worked out again.
func (w *writer) savePeriods(no int64, years []int, rows map[int]*periodYearRows) error {
	if _, err := w.exec("DELETE FROM account_period WHERE account = ?", no); err != nil {
		return err
	}
	for _, y := range years {
		if _, err := w.exec(savePeriodSQL, no, y, rows[y].total, rows[y].rows); err != nil {
			return err
		}
	}
	return nil
}

// ledgerPeriods is an account's records worked out from its ledger.
func ledgerPeriods(ctx context.Context, q queryer, no int64) ([]int, map[int]*periodYearRows, error) {
	var rec periodRecords
	err := eachRow(ctx, q, ledgerPeriodSQL, []any{no}, func(rs *sql.Rows) error {
		var date, typ string
		var amount int64
		if err := rs.Scan(&date, &typ, &amount); err != nil {
			return err
		}
		rec.add(date, typ, amount)
		return nil
	})
	years, rows := rec.done()
	return years, rows, err
}

// backfillPeriods works out every account's records in one pass over the
// ledger in account order: the migration that adds the table runs it.
func backfillPeriods(ctx context.Context, tx *sql.Tx) error {
	st, err := tx.PrepareContext(ctx, savePeriodSQL)
	if err != nil {
		return err
	}
	defer st.Close()
	var rec periodRecords
	account := int64(-1)
	save := func() error {
		years, rows := rec.done()
		for _, y := range years {
			if _, err := st.ExecContext(ctx, account, y, rows[y].total, rows[y].rows); err != nil {
				return err
			}
		}
		rec = periodRecords{}
		return nil
	}
	// One account's records are held at a time: memory stays bounded
	// whatever the ledger's size.
	// Each day's rows are in (type, amount, no) order, as ledgerPeriodSQL
	// reads them; before migration 0013 the report index gives that order.
	rows, err := tx.QueryContext(ctx, "SELECT account, date, type, amount FROM txn WHERE void = 0 ORDER BY account, date, type, amount, no")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var no, amount int64
		var date, typ string
		if err := rows.Scan(&no, &date, &typ, &amount); err != nil {
			return err
		}
		if no != account {
			if err := save(); err != nil {
				return err
			}
			account = no
		}
		rec.add(date, typ, amount)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return save()
}

// periodSet is an account's records summed by year, day and class, with
// each year's total: what `check` compares.
type periodSet map[[3]int]int64

func (s periodSet) add(year int, rows periodYearRows) error {
	s[[3]int{year, -1, 0}] += rows.total
	return eachPeriodRow(rows.rows, func(day int, c periodClass, amount int64) {
		s[[3]int{year, day, int(c)}] += amount
	})
}

// differs names the first year where s is not want ("" when none).
func (s periodSet) differs(want periodSet) string {
	keys := make([][3]int, 0, len(s)+len(want))
	for k := range s {
		keys = append(keys, k)
	}
	for k := range want {
		if _, ok := s[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b [3]int) int { return slices.Compare(a[:], b[:]) })
	for _, k := range keys {
		if s[k] == want[k] {
			continue
		}
		if k[1] < 0 {
			return fmt.Sprintf("year %d/%02d totals %s but the ledger sums to %s", k[0], (k[0]+1)%100, domain.Pence(s[k]), domain.Pence(want[k]))
		}
		return fmt.Sprintf("movements of %s differ from the ledger's", periodStart(k[0]).AddDays(k[1]).Human())
	}
	return ""
}

// checkPeriods compares every account's period records with its ledger.
func checkPeriods(ctx context.Context, q queryer, add func(string, ...any)) error {
	accounts, err := accountRefs(ctx, q)
	if err != nil {
		return err
	}
	for _, a := range accounts {
		d, err := periodsDiffer(ctx, q, a.no)
		if err != nil {
			return err
		}
		if d != "" {
			add("%s: account period totals: %s", a.ref, d)
		}
	}
	return nil
}

// periodsDiffer compares one account's kept records with its ledger's.
func periodsDiffer(ctx context.Context, q queryer, no int64) (string, error) {
	have := periodSet{}
	err := eachRow(ctx, q, "SELECT year, total, rows FROM account_period WHERE account = ?", []any{no}, func(rs *sql.Rows) error {
		var y int
		var r periodYearRows
		if err := rs.Scan(&y, &r.total, &r.rows); err != nil {
			return err
		}
		return have.add(y, r)
	})
	if err != nil {
		return "", err
	}
	years, rows, err := ledgerPeriods(ctx, q, no)
	if err != nil {
		return "", err
	}
	want := periodSet{}
	for _, y := range years {
		if err := want.add(y, *rows[y]); err != nil {
			return "", err
		}
	}
	return have.differs(want), nil
}

// eachPeriodMovement reads the period records of the accounts a scope's
// WHERE clause (over account a) selects, dated on or after since, and
// hands each to fn with its date.
func eachPeriodMovement(ctx context.Context, q queryer, where string, args []any, since domain.Date,
	fn func(no int64, date domain.Date, c periodClass, amount int64)) error {
	first, _ := periodYear(since)
	return eachRow(ctx, q, `SELECT p.account, p.year, p.rows FROM account a CROSS JOIN account_period p ON p.account = a.no AND p.year >= ?
		WHERE `+where, append([]any{first}, args...), func(rs *sql.Rows) error {
		var no int64
		var year int
		var raw sql.RawBytes
		if err := rs.Scan(&no, &year, &raw); err != nil {
			return err
		}
		start := periodStart(year)
		skip := since.DaysSince(start) // records before it are before since
		return eachPeriodRow(raw, func(day int, c periodClass, amount int64) {
			if day >= skip {
				fn(no, start.AddDays(day), c, amount)
			}
		})
	})
}

// weeklyChargeOn is the weekly charge in force on day from a summary's
// encoded charge entries (summary.go encodeCharges: by component, then
// from; of two entries of one component from one day the first made):
// for each component its latest entry from on or before day.
func weeklyChargeOn(b []byte, day domain.Date) (int64, error) {
	r := sumReader{b: b}
	var total, current int64
	component := "\x00"
	for len(r.b) > 0 && r.err == nil {
		c := r.str(summaryWords)
		weekly := r.varint()
		from := sumEpoch.AddDays(int(r.uvarint()))
		if c != component {
			total += current
			component, current = c, 0
		}
		if !from.After(day) {
			current = weekly
		}
	}
	return total + current, r.err
}
