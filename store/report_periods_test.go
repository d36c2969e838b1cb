package store

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/report"
)

// ledgerMovements is what a report reads of each account's ledger, worked
// out from every ledger row as the report read it before the period
// records were kept: per account (by ref) the balance at the period's end
// and at the start of the period and of the financial year, and the
// scope's flows, all as the ledger stood at row asAt.
func ledgerMovements(t testing.TB, q queryer, scope report.Scope, p report.Period, asAt int64) (map[string][3]int64, [6]int64) {
	t.Helper()
	where, args := scopeFilter(scope)
	ytd := p.YearToDate()
	from, to, fy := p.From.String(), p.To.String(), ytd.From.String()
	lo := domain.MinDate(p.From, ytd.From).String()
	type acct struct {
		ref                               string
		balance, afterTo, sinceF, sinceFY int64
	}
	accts := map[int64]*acct{}
	each := func(query string, qargs []any, scan func(*sql.Rows) error) {
		t.Helper()
		if err := eachRow(ctx, q, query, qargs, scan); err != nil {
			t.Fatal(err)
		}
	}
	each(`SELECT a.no, a.ref FROM account a WHERE `+where+` AND a.start_date <= ?`, append(append([]any{}, args...), to), func(rs *sql.Rows) error {
		var no int64
		var ref string
		if err := rs.Scan(&no, &ref); err != nil {
			return err
		}
		accts[no] = &acct{ref: ref}
		return nil
	})
	var flows [6]int64 // due, collected, written off; then the year's
	flow := func(typ string, inP, inY bool, amount int64) {
		k := -1
		switch tt := domain.TxnType(typ); {
		case tt == domain.TxnCharge:
			k = 0
		case tt.IsPayment():
			k, amount = 1, -amount
		case tt == domain.TxnWriteOff:
			k, amount = 2, -amount
		}
		if k < 0 {
			return
		}
		if inP {
			flows[k] += amount
		}
		if inY {
			flows[k+3] += amount
		}
	}
	each(`SELECT t.account, t.date, t.type, t.amount FROM txn t WHERE t.no <= ? AND t.void = 0`, []any{asAt}, func(rs *sql.Rows) error {
		var no, amount int64
		var date, typ string
		if err := rs.Scan(&no, &date, &typ, &amount); err != nil {
			return err
		}
		a := accts[no]
		if a == nil {
			return nil
		}
		a.balance += amount
		if date < lo {
			return nil
		}
		if date > to {
			a.afterTo += amount
		}
		if date >= from {
			a.sinceF += amount
		}
		if date >= fy {
			a.sinceFY += amount
		}
		if date <= to {
			flow(typ, date >= from, date >= fy, amount)
		}
		return nil
	})
	// Reversals count against what they reverse.
	each(`SELECT o.type, rv.date, rv.amount FROM txn rv JOIN replica r ON substr(r.id, 1, 8) = substr(rv.reverses, 1, instr(rv.reverses, '-') - 1)
		JOIN txn o ON o.origin = r.no AND o.seq = CAST(substr(rv.reverses, instr(rv.reverses, '-') + 1) AS INTEGER)
		WHERE rv.type = 'reversal' AND rv.no <= ? AND rv.void = 0 AND rv.account IN (SELECT a.no FROM account a WHERE `+where+`)`,
		append([]any{asAt}, args...), func(rs *sql.Rows) error {
			var typ, date string
			var amount int64
			if err := rs.Scan(&typ, &date, &amount); err != nil {
				return err
			}
			if date >= lo && date <= to {
				flow(typ, date >= from, date >= fy, amount)
			}
			return nil
		})
	out := map[string][3]int64{}
	for _, a := range accts {
		out[a.ref] = [3]int64{a.balance - a.afterTo, a.balance - a.sinceF, a.balance - a.sinceFY}
	}
	return out, flows
}

// sameMovementsBothWays fails when the report's reading through the period
// records differs from the ledger's, for each period and every cut-off
// from no ledger row to the last, or when reading a trend as well changes
// what the report reads.
func sameMovementsBothWays(t testing.TB, s *Store, scopes []report.Scope, periods []string, today domain.Date, cutoffs func(last int64) []int64) int {
	t.Helper()
	compared := 0
	err := s.readTx(ctx, func(q queryer) error {
		var last int64
		if err := q.QueryRowContext(ctx, "SELECT coalesce(max(no), 0) FROM txn").Scan(&last); err != nil {
			return err
		}
		for _, scope := range scopes {
			for _, label := range periods {
				p, err := report.ParsePeriod(label)
				if err != nil {
					return err
				}
				for _, row := range cutoffs(last) {
					in, err := reportInputs(ctx, q, s.Holidays(), scope, p, today, report.AsAt{LedgerRow: row}, nil)
					if err != nil {
						return err
					}
					// Read with a trend, the report's inputs are the same.
					tr, err := newTrendReader(report.YearWeeks, report.TrendEnd(p, today))
					if err != nil {
						return err
					}
					withTrend, err := reportInputs(ctx, q, s.Holidays(), scope, p, today, report.AsAt{LedgerRow: row}, tr)
					if err != nil {
						return err
					}
					if a, b := fmt.Sprintf("%+v", in), fmt.Sprintf("%+v", withTrend); a != b {
						return fmt.Errorf("%s %s at row %d: read with a trend\n%s\nwithout\n%s", scope.Key(), label, row, b, a)
					}
					want, flows := ledgerMovements(t, q, scope, p, row)
					where := fmt.Sprintf("%s %s at row %d", scope.Key(), label, row)
					if len(in.Accounts) != len(want) {
						return fmt.Errorf("%s: %d accounts, the ledger %d", where, len(in.Accounts), len(want))
					}
					for _, a := range in.Accounts {
						have := [3]int64{pence(a.Balance), pence(a.OpeningPeriod), pence(a.OpeningYTD)}
						if have != want[a.Ref] {
							return fmt.Errorf("%s: %s balance, opening, opening of the year %v; the ledger gives %v", where, a.Ref, have, want[a.Ref])
						}
					}
					have := [6]int64{pence(in.Flows.Due), pence(in.Flows.Collected), pence(in.Flows.WrittenOff),
						pence(in.YTDFlows.Due), pence(in.YTDFlows.Collected), pence(in.YTDFlows.WrittenOff)}
					if have != flows {
						return fmt.Errorf("%s: due, collected, written off (period; year) %v; the ledger gives %v", where, have, flows)
					}
					compared++
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return compared
}

func pence(m domain.Money) int64 { return m.PenceValue() }

// everyRow is every cut-off from no ledger row to the last.
func everyRow(last int64) []int64 {
	out := make([]int64, 0, last+1)
	for n := int64(0); n <= last; n++ {
		out = append(out, n)
	}
	return out
}

// TestReportReadsThePeriodRecordsAsTheLedger: on the hand-built ledger,
// with postings recorded later and back-dated into closed months and the
// previous financial year, charges and payments reversed, and a write-off,
// the balances and flows a report reads through the kept period records
// equal those worked out from every ledger row, for months, weeks, a year
// and ranges across the financial year's start, at every cut-off (so rows
// received after it are taken off exactly); and the weekly trend equals
// the ledger's.
func TestReportReadsThePeriodRecordsAsTheLedger(t *testing.T) {
	s, clock := reportLedger(t)
	clock.t = time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	today := domain.MustDate(2026, 12, 5)
	post := func(p Posting) string {
		t.Helper()
		r, err := s.Post(ctx, p, today)
		if err != nil {
			t.Fatal(err)
		}
		return r.IDs[0]
	}
	post(Posting{Ref: "RP01", Kind: PostPayment, Amount: amt("100.00"), Method: domain.MethodCash, Date: nov(25)})
	post(Posting{Ref: "RP02", Kind: PostPayment, Amount: amt("35.50"), Method: domain.MethodCard, Date: domain.MustDate(2026, 3, 30)})
	charge := post(Posting{Ref: "RP06", Kind: PostCharge, Amount: amt("12.34"), Date: domain.MustDate(2026, 4, 1)})
	post(Posting{Ref: "RP06", Kind: PostReverse, Of: charge, Date: domain.MustDate(2026, 11, 3)})
	pay := post(Posting{Ref: "RP04", Kind: PostPayment, Amount: amt("20.00"), Method: domain.MethodCash, Date: domain.MustDate(2026, 10, 30)})
	post(Posting{Ref: "RP04", Kind: PostReverse, Of: pay, Date: domain.MustDate(2026, 12, 1)})
	post(Posting{Ref: "RP03", Kind: PostWriteOff, Amount: amt("25.00"), Date: domain.MustDate(2026, 9, 30), Note: "uncollectable"})
	post(Posting{Ref: "RP02", Kind: PostCharge, Amount: amt("7.00"), Date: domain.MustDate(2026, 12, 4)})
	mustCheck(t, s)

	patch, _ := report.NewScope("officer", []string{"asmith"})
	periods := []string{"2026-11", "2026-10", "2026-03", "2026-W45", "2026-W49", "2026", "2026-03-25..2026-04-10", "2026-11-03..2026-11-03"}
	n := sameMovementsBothWays(t, s, []report.Scope{borough(), patch}, periods, today, everyRow)
	if n < 2*len(periods)*20 {
		t.Fatalf("only %d comparisons", n)
	}

	// The weekly trend: each week's charges, payments and arrears.
	trend, err := s.ReportTrend(ctx, borough(), 40, today)
	if err != nil {
		t.Fatal(err)
	}
	err = s.readTx(ctx, func(q queryer) error {
		for _, pt := range trend {
			_, flows := ledgerMovements(t, q, borough(), pt.Week, 1<<62)
			if pence(pt.Due) != flows[0] || pence(pt.Collected) != flows[1] {
				return fmt.Errorf("week of %s: due %s collected %s; the ledger gives %d and %d", pt.Week.From, pt.Due, pt.Collected, flows[0], flows[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCheckFindsDamagedPeriodRecords: period records edited behind the
// store's back, missing or extra, are reported by check.
func TestCheckFindsDamagedPeriodRecords(t *testing.T) {
	for _, c := range []struct{ name, sql, want string }{
		{"total", "UPDATE account_period SET total = total + 1", "totals"},
		{"records", "UPDATE account_period SET rows = x''", "movements of"},
		{"missing", "DELETE FROM account_period", "totals"},
		{"extra year", "INSERT INTO account_period(account, year, total, rows) SELECT account, 2001, 0, x'0801' FROM account_period LIMIT 1", "movements of"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newTestStore(t)
			mustCreate(t, s, "PD1001")
			mustPost(t, s, Posting{Ref: "PD1001", Kind: PostCharge, Amount: amt("100.00"), Date: today.AddDays(-14)})
			mustPost(t, s, Posting{Ref: "PD1001", Kind: PostPayment, Amount: amt("60.00"), Method: domain.MethodCash, Date: today.AddDays(-10)})
			damageAndCheck(t, s, c.sql, "PD1001: account period totals: ", c.want)
		})
	}
}

// TestPeriodRecordsFollowEveryWrite: rows appended in date order, a
// back-dated row, a reversal, a write bigger than the summaries' row limit
// and one bigger than the period records' own all leave each account's
// records equal to its ledger, and the migration's backfill gives the same
// records.
func TestPeriodRecordsFollowEveryWrite(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "PW1001", "PW1002")
	for i := 0; i < 30; i++ {
		mustPost(t, s, Posting{Ref: "PW1001", Kind: PostCharge, Amount: amt("100.00"), Date: today.AddDays(-7 * (30 - i))})
	}
	mustPost(t, s, Posting{Ref: "PW1002", Kind: PostPayment, Amount: amt("5.00"), Method: domain.MethodCash, Date: today.AddDays(-400)})
	pay := mustPost(t, s, Posting{Ref: "PW1001", Kind: PostPayment, Amount: amt("80.00"), Method: domain.MethodCard, Date: today.AddDays(-3)})
	mustPost(t, s, Posting{Ref: "PW1001", Kind: PostReverse, Of: pay.IDs[0]})
	mustCheck(t, s)
	// Over the summaries' row limit the rows are still appended; over the
	// period records' own limit every touched account is worked out again.
	big := func(n int) {
		t.Helper()
		err := s.WriteBatch(ctx, "big", func(b *Batch) error {
			rows := make([]BatchTxn, 0, n)
			for i := 0; i < n; i++ {
				rows = append(rows, BatchTxn{Date: today.AddDays(-i % 900), Type: domain.TxnCharge, Amount: amt("1.00")})
			}
			for _, ref := range []string{"PW1001", "PW1002"} {
				if _, err := b.Post("tester", ref, rows); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		mustCheck(t, s)
	}
	big(sumRowLimit/2 + 10)
	defer func(limit int) { periodRowLimit = limit }(periodRowLimit)
	periodRowLimit = 500
	big(400)

	// The migration's backfill gives records equal to those kept.
	kept := periodRows(t, s)
	if _, err := s.db.Exec("DELETE FROM account_period"); err != nil {
		t.Fatal(err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := backfillPeriods(ctx, tx); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, s)
	if again := periodRows(t, s); again != kept {
		t.Errorf("backfill gives\n%s\nthe writes kept\n%s", again, kept)
	}
}

// periodRows lists each account's years and totals.
func periodRows(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	err := eachRow(ctx, s.db, "SELECT account, year, total FROM account_period ORDER BY account, year", nil, func(rs *sql.Rows) error {
		var no, year, total int64
		if err := rs.Scan(&no, &year, &total); err != nil {
			return err
		}
		fmt.Fprintf(&b, "%d %d %d\n", no, year, total)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
