package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"caseload/domain"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/store/storetest"
)

// The foundation and worklist benchmarks (README "Benchmarks"). They read
// a seeded database of CASELOAD_BENCH_ACCOUNTS accounts (default 30,000)
// with 5 years of history, made once and cached in the temporary folder:
//
//	go test -run '^$' -bench 'AccountShow|Worklist|Ingest' -benchtime 10x ./store/

var bctx = context.Background()

// BenchmarkIngest100k loads 100,000 transactions for 1,000 accounts into a
// fresh database (target: well under 5 seconds).
func BenchmarkIngest100k(b *testing.B) {
	var accounts, txns strings.Builder
	accounts.WriteString("ref,kind,status,name,address,start_date,weekly_rent\n")
	txns.WriteString("ref,date,type,amount,method,reference\n")
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&accounts, "IN%05d,rent,current,Bench Person %d,%d Sample Street,2024-04-01,100.00\n", i, i, i)
	}
	start := domain.MustDate(2024, 4, 1)
	for i := 0; i < 100_000; i++ {
		d := start.AddDays(i / 1000 * 7 % 900)
		if i%2 == 0 {
			fmt.Fprintf(&txns, "IN%05d,%s,charge,100.00,,\n", i%1000, d)
		} else {
			fmt.Fprintf(&txns, "IN%05d,%s,payment,-%d.%02d,card,R%d\n", i%1000, d.AddDays(2), 50+rng.IntN(100), rng.IntN(100), i)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := store.Open(filepath.Join(b.TempDir(), "ingest.db"), store.Options{Officer: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.IngestAccounts(bctx, "a.csv", []byte(accounts.String()), storetest.Today); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := s.IngestTransactions(bctx, "t.csv", []byte(txns.String()), storetest.Today)
		if err != nil || sum.Created != 100_000 {
			b.Fatalf("%+v %v", sum, err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkAccountShow reads one account as `caseload account show` does.
func BenchmarkAccountShow(b *testing.B) {
	n := storetest.BenchAccounts(b, 30_000)
	s := storetest.Seeded(b, n, 5)
	lines, err := s.Caseload(bctx, "", storetest.Today, worklist.DefaultPolicy())
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Account(bctx, lines[i%len(lines)].Ref); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWorklistPatch is one officer's 600-account patch; the target
// for the whole borough is under a second.
func BenchmarkWorklistPatch(b *testing.B) {
	n := storetest.BenchAccounts(b, 30_000)
	s := storetest.Seeded(b, n, 5)
	officer := storetest.Officers(n)[0]
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Caseload(bctx, officer, storetest.Today, worklist.DefaultPolicy()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWorklistBorough3k is the whole borough of the database
// `caseload seed --accounts 3000 --years 1 --seed 1 --casework` makes, as
// scripts/bench-borough measures it by default through the binary.
func BenchmarkWorklistBorough3k(b *testing.B) {
	s := storetest.Seeded(b, 3000, 1)
	b.ResetTimer()
	var lines []store.CaseLine
	for i := 0; i < b.N; i++ {
		var err error
		if lines, err = s.Caseload(bctx, "", storetest.Today, worklist.DefaultPolicy()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(lines)), "accounts")
}

// BenchmarkWorklistBorough is every account (target: under 1 s).
func BenchmarkWorklistBorough(b *testing.B) {
	n := storetest.BenchAccounts(b, 30_000)
	s := storetest.Seeded(b, n, 5)
	b.ResetTimer()
	var lines []store.CaseLine
	for i := 0; i < b.N; i++ {
		var err error
		if lines, err = s.Caseload(bctx, "", storetest.Today, worklist.DefaultPolicy()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(lines)), "accounts")
}
