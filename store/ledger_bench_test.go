package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"caseload/domain"
)

// The benchmarks run on a caseload-sized database built once and cached in
// the system's temporary folder, keyed by the account count and by the
// schema (a hash of the migrations), so a changed schema builds afresh:
//
//	go test -run x -bench 'RentRun|OpenLedger' -benchtime 3x ./store/
//	CASELOAD_BENCH_ACCOUNTS=5000 go test -run x -bench RentRun ./store/
//
// The database holds CASELOAD_BENCH_ACCOUNTS accounts (default 30,000)
// with eight weeks of rent-run debits and payments each, and one account,
// BENCH5Y, with five years (261 weeks) of weekly debits and payments.

// benchHistoryFrom is the first week of the bulk history; the rent-run
// benchmark charges the weeks from benchToday on.
var (
	benchHistoryFrom = domain.MustDate(2026, time.September, 28)
	benchToday       = domain.MustDate(2026, time.November, 23)
	benchFiveYears   = domain.MustDate(2021, time.November, 22)
)

const benchLedgerRef = "BENCH5Y"

var benchBuild sync.Mutex

func benchAccounts(b *testing.B) int {
	n := 30000
	if v := os.Getenv("CASELOAD_BENCH_ACCOUNTS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("CASELOAD_BENCH_ACCOUNTS=%q is not a positive number", v)
		}
	}
	return n
}

// schemaKey is a short hash of the migrations.
func schemaKey(b *testing.B) string {
	h := sha256.New()
	err := fs.WalkDir(migrations, "migrations", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := migrations.ReadFile(p)
		h.Write([]byte(p))
		h.Write(body)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))[:10]
}

// benchDatabase returns the path of the cached database, building it when
// it is missing.
func benchDatabase(b *testing.B) (path string, accounts int) {
	b.Helper()
	benchBuild.Lock()
	defer benchBuild.Unlock()
	n := benchAccounts(b)
	path = filepath.Join(os.TempDir(), fmt.Sprintf("caseload-bench-%s-%d.db", schemaKey(b), n))
	if _, err := os.Stat(path); err == nil {
		return path, n
	}
	building := path + ".building"
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(building + suffix)
	}
	began := time.Now()
	s, err := Open(building, Options{Officer: "bench", Now: fixedNow, ReplicaName: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	if err := buildBenchData(s, n); err != nil {
		s.Close()
		b.Fatal(err)
	}
	if _, err := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		b.Fatal(err)
	}
	s.Close()
	if err := os.Rename(building, path); err != nil {
		b.Fatal(err)
	}
	b.Logf("built %s (%d accounts) in %s", path, n, time.Since(began).Round(time.Millisecond))
	return path, n
}

// buildBenchData writes the accounts through the batch API in batches,
// the bulk history with the rent run and direct ledger writes, and the
// five-year account.
func buildBenchData(s *Store, n int) error {
	rng := rand.New(rand.NewSource(1))
	const batch = 5000
	for from := 0; from < n; from += batch {
		err := s.WriteBatch(ctx, "bench accounts", func(b *Batch) error {
			for i := from; i < min(from+batch, n); i++ {
				a := testAccount(fmt.Sprintf("BR%06d", i))
				a.Start = domain.MustDate(2012, time.April, 2).AddDays(rng.Intn(5000))
				a.RentFreeWeeks = []int{0, 0, 2, 4}[rng.Intn(4)]
				rent := domain.Pence(8000 + rng.Int63n(8000))
				a.Charges = []domain.ChargeComponent{{Component: "rent", Weekly: rent}, {Component: "service", Weekly: domain.Pence(rng.Int63n(1500))}}
				switch {
				case i%10 == 9:
					a.Kind, a.TenancyType, a.PropertyType = domain.KindGarage, domain.TenancyNone, domain.PropertyGarage
					a.Charges = []domain.ChargeComponent{{Component: "garage", Weekly: domain.Pence(1000 + rng.Int63n(1000))}}
				case i%50 == 7:
					a.Kind, a.Status, a.End = domain.KindFormerTenant, domain.StatusFormer, a.Start.AddDays(700)
				}
				if a.End.After(benchToday) {
					a.End = benchToday.AddDays(-30)
				}
				if err := b.CreateAccount(s.Officer(), a); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	five := testAccount(benchLedgerRef)
	five.Start = benchFiveYears
	if err := s.CreateAccount(ctx, five); err != nil {
		return err
	}
	// Five years of the week's debit (as the rent run writes it) and a
	// payment two days later, up to the bulk history.
	err := s.WriteBatch(ctx, "bench five years", func(b *Batch) error {
		var rows []BatchTxn
		for wk := benchFiveYears; wk.Before(benchHistoryFrom); wk = wk.AddDays(7) {
			rows = append(rows,
				BatchTxn{Date: wk, Type: domain.TxnCharge, Amount: domain.Pence(10000), RunWeek: wk, Note: "rent"},
				BatchTxn{Date: wk.AddDays(2), Type: domain.TxnPayment, Amount: domain.Pence(-9500), Method: domain.MethodDirectDebit, Reference: "DD"})
		}
		_, err := b.Post(s.Officer(), benchLedgerRef, rows)
		return err
	})
	if err != nil {
		return err
	}
	// Eight weeks of history for everyone: the real rent run, and a week's
	// payment per account written directly (the ingest path's writer).
	nos := map[string]int64{}
	rows, err := s.db.Query("SELECT ref, no FROM account")
	if err != nil {
		return err
	}
	for rows.Next() {
		var ref string
		var no int64
		rows.Scan(&ref, &no)
		nos[ref] = no
	}
	rows.Close()
	for wk := benchHistoryFrom; wk.Before(benchToday); wk = wk.AddDays(7) {
		if _, err := s.RentRun(ctx, wk); err != nil {
			return err
		}
		err := s.write(ctx, "bench payments", "", func(w *writer) error {
			for ref, no := range nos {
				if _, err := w.addTxn(ref, no, txnBody{Date: wk.AddDays(3).String(), Type: string(domain.TxnPayment),
					Amount: -(5000 + rng.Int63n(10000)), Method: "card", Reference: "R" + ref}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// copyFile copies the cached database for a benchmark that writes to it.
func copyFile(b *testing.B, from, to string) {
	b.Helper()
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkRentRun is one weekly rent run over the whole database (target
// under 2 s for 30,000 accounts). Each iteration charges a new week.
func BenchmarkRentRun(b *testing.B) {
	cached, n := benchDatabase(b)
	path := filepath.Join(b.TempDir(), "bench.db")
	copyFile(b, cached, path)
	s, err := Open(path, Options{Officer: "bench", Now: fixedNow, ReplicaName: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ResetTimer()
	posted := 0
	for i := 0; i < b.N; i++ {
		sum, err := s.RentRun(ctx, benchToday.AddDays(7*i))
		if err != nil {
			b.Fatal(err)
		}
		// A week with nobody charged would measure nothing.
		if sum.Posted < n/2 {
			b.Fatalf("week %s posted %d of %d accounts: %+v", sum.Week, sum.Posted, n, sum)
		}
		posted += sum.Posted
	}
	b.StopTimer()
	b.ReportMetric(float64(n+1), "accounts")
	b.ReportMetric(float64(posted)/float64(b.N), "posted/op")
}

// BenchmarkOpenLedger reads a five-year ledger with running balances
// (target under 20 ms), in a database holding the whole caseload.
func BenchmarkOpenLedger(b *testing.B) {
	cached, _ := benchDatabase(b)
	s, err := Open(cached, Options{Officer: "bench", Now: fixedNow, ReplicaName: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ResetTimer()
	var lines []LedgerLine
	for i := 0; i < b.N; i++ {
		if lines, err = s.Ledger(ctx, benchLedgerRef); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if len(lines) < 520 {
		b.Fatalf("the five-year ledger has %d lines", len(lines))
	}
	b.ReportMetric(float64(len(lines)), "lines")
}
