package store

import (
	"crypto/sha256"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"caseload/domain"
)

// pageHashes reads every page of the main database as SQLite sees it (the
// log's frames included) and hashes it.
func pageHashes(t *testing.T, s *Store) map[int64][32]byte {
	t.Helper()
	out := map[int64][32]byte{}
	rows, err := s.db.QueryContext(ctx, "SELECT pgno, data FROM sqlite_dbpage")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var no int64
		var data []byte
		if err := rows.Scan(&no, &data); err != nil {
			t.Fatal(err)
		}
		out[no] = sha256.Sum256(data)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// pagesWritten counts, per table or index, the pages whose content changed
// between two readings.
func pagesWritten(t *testing.T, s *Store, before, after map[int64][32]byte) map[string]int {
	t.Helper()
	owner := map[int64]string{}
	rows, err := s.db.QueryContext(ctx, "SELECT pageno, name FROM dbstat")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var no int64
		var name string
		if err := rows.Scan(&no, &name); err != nil {
			t.Fatal(err)
		}
		owner[no] = name
	}
	out := map[string]int{}
	for no, h := range after {
		if before[no] != h {
			out[owner[no]]++
		}
	}
	return out
}

// TestRentRunWritesFewLedgerIndexPages: a week's run adds one row to every
// account, and each index of the ledger led by the account takes it into a
// different page. The ledger keeps one such index (its rows by date,
// covering what the reports read), and the run-week index is led by the
// week, so a week's rows share a few pages at its end. With two indexes
// led by the account, or the run-week index led by it, a borough's run
// writes tens of thousands more pages.
func TestRentRunWritesFewLedgerIndexPages(t *testing.T) {
	s := newTestStore(t)
	const accounts = 300
	start := domain.MustDate(2025, time.December, 1)
	weeks := 52
	err := s.WriteBatch(ctx, "load", func(b *Batch) error {
		for i := 0; i < accounts; i++ {
			ref := fmt.Sprintf("PG%04d", i)
			if err := b.CreateAccount("tester", rentAccount(ref, start, "100.00", 0)); err != nil {
				return err
			}
			txns := make([]BatchTxn, weeks)
			for w := range txns {
				monday := start.AddDays(7 * w)
				txns[w] = BatchTxn{Date: monday, Type: domain.TxnCharge, Amount: amt("100.00"), RunWeek: monday, Note: "rent"}
			}
			if _, err := b.Post("tester", ref, txns); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	before := pageHashes(t, s)
	sum := mustRun(t, s, start.AddDays(7*weeks))
	if sum.Posted != accounts {
		t.Fatalf("run %+v", sum)
	}
	written := pagesWritten(t, s, before, pageHashes(t, s))

	var ledger []string
	for name, n := range written {
		if strings.HasPrefix(name, "txn_") || name == "sqlite_autoindex_txn_1" {
			ledger = append(ledger, fmt.Sprintf("%s %d", name, n))
		}
	}
	sort.Strings(ledger)
	// The change number's index and the run-week index are appended to;
	// the one index led by the account takes a page per few accounts.
	if len(ledger) != 3 || written["txn_account_date"] == 0 {
		t.Errorf("the run wrote pages of the ledger's indexes %v; want only txn_account_date, txn_run_week and the change number's", ledger)
	}
	if n := written["txn_run_week"]; n > accounts/50 {
		t.Errorf("the run wrote %d pages of the run-week index for %d accounts; a week's rows belong together at its end", n, accounts)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatal(err, r.Problems)
	}
}

// TestRentRunTakesTheLaterOfTwoChargesFromOneDay: the run reads the charge
// table in the order entries were made and puts each account's in date
// order; of two entries of one component from one day the later made is
// in force (domain.ChargesOn), whatever order the dates were made in.
func TestRentRunTakesTheLaterOfTwoChargesFromOneDay(t *testing.T) {
	s := newTestStore(t)
	today := domain.MustDate(2026, time.November, 2)
	mustCreateAccount(t, s, rentAccount("AB1001", domain.MustDate(2026, time.April, 6), "100.00", 0))
	for _, c := range []struct {
		weekly string
		from   domain.Date
	}{
		{"3.00", domain.MustDate(2026, time.December, 7)},
		{"5.00", domain.MustDate(2026, time.November, 30)}, // made later, dated earlier
		{"6.00", domain.MustDate(2026, time.November, 30)}, // the same day again: this one stands
		{"4.00", domain.MustDate(2026, time.December, 7)},  // and this one from the 7th
	} {
		if _, err := s.SetService(ctx, "AB1001", "garden", amt(c.weekly), c.from, today); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		week domain.Date
		want string
	}{
		{domain.MustDate(2026, time.November, 23), "100.00"},
		{domain.MustDate(2026, time.November, 30), "106.00"},
		{domain.MustDate(2026, time.December, 7), "104.00"},
	} {
		if sum := mustRun(t, s, c.week); sum.Posted != 1 || !sum.Total.Equal(amt(c.want)) {
			t.Errorf("week %s: %+v, want %s", c.week, sum, c.want)
		}
	}
}

// TestRentRunGivesTheConnectionItsPageCacheBack: the run writes with a
// small page cache of its own (runCacheKiB) on a connection of the pool;
// the connection goes back with the pool's cache, or every later read on it
// would run with the run's.
func TestRentRunGivesTheConnectionItsPageCacheBack(t *testing.T) {
	s := newTestStore(t)
	s.db.SetMaxOpenConns(1) // the run's connection is the one read next
	var before int64
	if err := s.db.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&before); err != nil {
		t.Fatal(err)
	}
	if before == -int64(runCacheKiB) {
		t.Fatalf("the pool's page cache is the run's (%d): the test cannot tell them apart", before)
	}
	mustCreateAccount(t, s, rentAccount("AB1001", domain.MustDate(2026, time.April, 6), "100.00", 0))
	if sum := mustRun(t, s, domain.MustDate(2026, time.November, 23)); sum.Posted != 1 {
		t.Fatalf("run %+v", sum)
	}
	var after int64
	var temp int
	if err := s.db.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&after); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRowContext(ctx, "PRAGMA temp_store").Scan(&temp); err != nil {
		t.Fatal(err)
	}
	if after != before || temp != 2 {
		t.Errorf("after the run the connection has cache_size %d and temp_store %d; want %d and 2 (memory)", after, temp, before)
	}
}
