package store

import (
	"fmt"
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/report"
)

// reportText is a report and its trend as text, to compare two readings.
func reportText(r report.Report, pts []report.Point) string {
	snap := r.Snapshot
	r.Snapshot = nil
	s := fmt.Sprintf("%+v\n", r)
	if snap != nil {
		s += fmt.Sprintf("snapshot %+v\n", *snap)
	}
	for _, p := range pts {
		s += fmt.Sprintf("%+v\n", p)
	}
	return s
}

// TestReportWithTrendIsReportThenTrend: on two copies of the hand-built
// ledger, ReportWithTrend gives what Report and then ReportTrend give, for
// the borough and a patch, a month, a closed week (whose snapshot, kept by
// the report, shows on the trend's point), a year and a range, run twice
// (the second read at the snapshot's cut-off), before and after postings
// back-dated into them, with trends reaching back past the financial
// year's start and on past the period's end (an account begun since).
func TestReportWithTrendIsReportThenTrend(t *testing.T) {
	apart, clockA := reportLedger(t)
	together, clockB := reportLedger(t)
	today := domain.MustDate(2026, 12, 7)
	patch, _ := report.NewScope("officer", []string{"asmith"})
	periods := []string{"2026-11", "2026-10", "2026-W48", "2026", "2026-10-19..2026-11-08"}
	// An account begun after some of the periods: in the trend's later
	// weeks only.
	for _, s := range []*Store{apart, together} {
		a := testAccount("RP07")
		a.Start = nov(9)
		if err := s.CreateAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Post(ctx, Posting{Ref: "RP07", Kind: PostCharge, Amount: amt("100.00"), Date: nov(16)}, today); err != nil {
			t.Fatal(err)
		}
	}
	run := func(round string) {
		t.Helper()
		for _, scope := range []report.Scope{borough(), patch} {
			for _, label := range periods {
				for _, c := range []struct {
					weeks  int
					toDate bool // the trend ends today, past the period's end
				}{{1, false}, {5, false}, {report.YearWeeks, false}, {70, false}, {5, true}} {
					p, err := report.ParsePeriod(label)
					if err != nil {
						t.Fatal(err)
					}
					weeks, end := c.weeks, report.TrendEnd(p, today)
					if c.toDate {
						end = today
					}
					r, err := apart.Report(ctx, scope, p, today)
					if err != nil {
						t.Fatal(err)
					}
					pts, err := apart.ReportTrend(ctx, scope, weeks, end)
					if err != nil {
						t.Fatal(err)
					}
					r2, pts2, err := together.ReportWithTrend(ctx, scope, p, today, weeks, end)
					if err != nil {
						t.Fatal(err)
					}
					if want, got := reportText(r, pts), reportText(r2, pts2); got != want {
						t.Fatalf("%s %s %s, %d weeks: ReportWithTrend gives\n%s\nReport and ReportTrend\n%s", round, scope.Key(), label, weeks, got, want)
					}
				}
			}
		}
	}
	run("first")
	run("again")
	clockA.t, clockB.t = time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC), time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	for _, s := range []*Store{apart, together} {
		for _, p := range []Posting{{Ref: "RP02", Kind: PostPayment, Amount: amt("35.50"), Method: domain.MethodCard, Date: nov(24)},
			{Ref: "RP06", Kind: PostCharge, Amount: amt("12.34"), Date: domain.MustDate(2026, 10, 20)}} {
			if _, err := s.Post(ctx, p, today); err != nil {
				t.Fatal(err)
			}
		}
	}
	run("after back-dated postings")
	if r, _, err := together.ReportWithTrend(ctx, borough(), mustPeriod(t, "2026-11"), today, 5, nov(30)); err != nil || r.Late.Count == 0 {
		t.Fatalf("no later adjustments after back-dated postings (%v)", err)
	}
	if _, _, err := together.ReportWithTrend(ctx, borough(), mustPeriod(t, "2026-11"), today, 0, nov(30)); err == nil {
		t.Fatal("a trend of 0 weeks was accepted")
	}
}

func mustPeriod(t *testing.T, label string) report.Period {
	t.Helper()
	p, err := report.ParsePeriod(label)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
