package store_test

import (
	"testing"

	"caseload/domain/report"
	"caseload/store/storetest"
)

// The report benchmarks (README "Benchmarks"): the month before the
// benchmarks' today, read without keeping a snapshot (the seeded database
// is shared and read-only), on CASELOAD_BENCH_ACCOUNTS accounts (default
// 30,000) with 5 years of history. Targets: borough under 2 s, a patch
// under 200 ms.
//
//	go test -run '^$' -bench 'Report' -benchtime 5x ./store/

func benchReport(b *testing.B, officer string) {
	n := storetest.BenchAccounts(b, 30_000)
	s := storetest.Seeded(b, n, 5)
	scope, _ := report.NewScope("borough", nil)
	if officer != "" {
		scope, _ = report.NewScope("officer", []string{storetest.Officers(n)[0]})
	}
	month, _ := report.ParsePeriod("2026-10")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := s.ReportPreview(bctx, scope, month, storetest.Today)
		if err != nil {
			b.Fatal(err)
		}
		if m, _ := r.Measure("period.due"); !m.Money.IsPositive() {
			b.Fatalf("nothing due in %s", month.Label)
		}
	}
}

// BenchmarkReportBorough is the whole borough's month report.
func BenchmarkReportBorough(b *testing.B) { benchReport(b, "") }

// BenchmarkReportPatch is one officer's patch.
func BenchmarkReportPatch(b *testing.B) { benchReport(b, "patch") }

// BenchmarkReportTrendBorough is the borough's 52 weekly points.
func BenchmarkReportTrendBorough(b *testing.B) {
	n := storetest.BenchAccounts(b, 30_000)
	s := storetest.Seeded(b, n, 5)
	scope, _ := report.NewScope("borough", nil)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.ReportTrend(bctx, scope, 52, storetest.Today); err != nil {
			b.Fatal(err)
		}
	}
}
