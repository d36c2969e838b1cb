package store

import (
	"strings"
	"testing"
	"time"

	"caseload/domain"
)

// nv is a November 2026 date: the lifecycle tests run around Mon 23 Nov.
func nv(day int) domain.Date { return domain.MustDate(2026, time.November, day) }

// runningAccount is a rent account from Mon 2 Nov 2026 at £100 a week,
// charged by the rent run for every week up to today's (4 weeks, £400).
func runningAccount(t *testing.T, s *Store, ref string, kind domain.AccountKind) {
	t.Helper()
	a := rentAccount(ref, nv(2), "100.00", 0)
	a.Kind = kind
	if kind == domain.KindGarage {
		a.Charges = []domain.ChargeComponent{{Component: "garage", Weekly: amt("100.00")}}
		a.PropertyType, a.TenancyType = domain.PropertyGarage, domain.TenancyNone
	}
	mustCreateAccount(t, s, a)
	for w := nv(2); !w.After(today); w = w.AddDays(7) {
		mustRun(t, s, w)
	}
}

// adjustments lists an account's adjustment lines.
func adjustments(t *testing.T, s *Store, ref string) []LedgerLine {
	t.Helper()
	lines, err := s.Ledger(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	var out []LedgerLine
	for _, l := range lines {
		if l.Type == domain.TxnAdjustment {
			out = append(out, l)
		}
	}
	return out
}

func TestTerminateInsideARunWeekCreditsTheDaysAfterTheEnd(t *testing.T) {
	s := newTestStore(t)
	runningAccount(t, s, "AB1001", domain.KindRent)
	// Ends Wed 25 Nov: the week of 23 Nov was charged £100 but the tenancy
	// has 3 of its 7 days: 100 × 3 ÷ 7 = 42.857… = £42.86, so £57.14 back.
	out, err := s.Terminate(ctx, "AB1001", nv(25), today)
	if err != nil {
		t.Fatal(err)
	}
	if !out.Adjustment.Equal(amt("-57.14")) || out.Weeks != 1 || !out.Balance.Equal(amt("342.86")) || out.Kind != domain.KindFormerTenant {
		t.Fatalf("%+v", out)
	}
	a, _ := s.Account(ctx, "AB1001")
	if a.Status != domain.StatusFormer || a.Kind != domain.KindFormerTenant || a.End != nv(25) {
		t.Fatalf("account after: status %s kind %s end %s", a.Status, a.Kind, a.End)
	}
	adj := adjustments(t, s, "AB1001")
	if len(adj) != 1 || adj[0].Date != today || !strings.Contains(adj[0].Note, "tenancy ended Wed 25 Nov 2026 (rent week 34 of 2026/27)") {
		t.Fatalf("adjustment lines %+v", adj)
	}
	// The next run does not charge a former tenancy.
	if sum := mustRun(t, s, nv(30)); sum.Posted != 0 || sum.NotInPeriod != 1 {
		t.Fatalf("run after the end: %+v", sum)
	}
	if r, _ := s.Check(ctx); !r.OK() {
		t.Fatal(r.Problems)
	}
}

func TestTerminateInThePastCreditsEachWeekAfterTheEnd(t *testing.T) {
	s := newTestStore(t)
	runningAccount(t, s, "AB1001", domain.KindRent)
	// Ended Tue 10 Nov: that week keeps 2 days (£28.57), the weeks of 16
	// and 23 Nov are not owed at all.
	out, err := s.Terminate(ctx, "AB1001", nv(10), today)
	if err != nil {
		t.Fatal(err)
	}
	if !out.Adjustment.Equal(amt("-271.43")) || out.Weeks != 3 || !out.Balance.Equal(amt("128.57")) {
		t.Fatalf("%+v", out)
	}
	var got []string
	for _, l := range adjustments(t, s, "AB1001") {
		got = append(got, l.Date.String()+" "+l.Amount.String())
	}
	if want := "2026-11-10 -71.43|2026-11-10 -100.00|2026-11-10 -100.00"; strings.Join(got, "|") != want {
		t.Fatalf("adjustments %v, want %s", got, want)
	}
}

func TestTerminateBeforeTheEndWeekIsRunLeavesItToTheRun(t *testing.T) {
	s := newTestStore(t)
	runningAccount(t, s, "AB1001", domain.KindRent)
	out, err := s.Terminate(ctx, "AB1001", nv(25).AddDays(7), today) // Wed 2 Dec
	if err != nil {
		t.Fatal(err)
	}
	if !out.Adjustment.IsZero() || out.Weeks != 0 || len(adjustments(t, s, "AB1001")) != 0 {
		t.Fatalf("%+v", out)
	}
	// The run of the week of 30 Nov charges Mon–Wed: 3 of 7 days.
	sum := mustRun(t, s, nv(30))
	if sum.Posted != 1 || sum.ProRated != 1 || !sum.Total.Equal(amt("42.86")) {
		t.Fatalf("end week run %+v", sum)
	}
}

// TestTerminateAfterAReversedWeekDoesNotCreditItTwice: the officer reversed
// a week's debit by hand; ending the tenancy before that week must not
// credit it again.
func TestTerminateAfterAReversedWeekDoesNotCreditItTwice(t *testing.T) {
	s := newTestStore(t)
	runningAccount(t, s, "AB1001", domain.KindRent)
	charges := runCharges(t, s, "AB1001")
	mustPost(t, s, Posting{Ref: "AB1001", Kind: PostReverse, Of: charges[len(charges)-1].ID})
	out, err := s.Terminate(ctx, "AB1001", nv(22), today) // the Sunday before
	if err != nil {
		t.Fatal(err)
	}
	if !out.Adjustment.IsZero() || !out.Balance.Equal(amt("300.00")) {
		t.Fatalf("%+v: the reversed week was credited again", out)
	}
}

func TestTerminateAGarageKeepsItsKind(t *testing.T) {
	s := newTestStore(t)
	runningAccount(t, s, "GA1001", domain.KindGarage)
	out, err := s.Terminate(ctx, "GA1001", nv(29), today)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := s.Account(ctx, "GA1001")
	if out.Kind != domain.KindGarage || a.Kind != domain.KindGarage || a.Status != domain.StatusFormer || !out.Adjustment.IsZero() {
		t.Fatalf("%+v, account kind %s status %s", out, a.Kind, a.Status)
	}
}

func TestTerminateRefusalsWriteNothing(t *testing.T) {
	s := newTestStore(t)
	runningAccount(t, s, "AB1001", domain.KindRent)
	runningAccount(t, s, "AB1002", domain.KindRent)
	if _, err := s.Terminate(ctx, "AB1002", nv(22), today); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s)
	for _, c := range []struct {
		name, ref string
		end       domain.Date
		want      string
	}{
		{"an unknown account", "ZZ9999", nv(25), "no account ZZ9999"},
		{"no end date", "AB1001", domain.Date{}, "give the date"},
		{"an end before the tenancy started", "AB1001", nv(1), "before the tenancy started"},
		{"an end more than 8 weeks ahead", "AB1001", today.AddDays(57), "more than 8 weeks ahead"},
		{"an account already ended", "AB1002", nv(25), "already ended"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := s.Terminate(ctx, c.ref, c.end, today); !domain.IsValidation(err) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
			if dump(t, s) != before {
				t.Fatal("a refused termination wrote something")
			}
		})
	}
}

func TestAddingAServiceChargesTheWeeksAlreadyRun(t *testing.T) {
	s := newTestStore(t)
	runningAccount(t, s, "AB1001", domain.KindRent)
	adj, err := s.SetService(ctx, "AB1001", "insurance", amt("3.50"), nv(9), today)
	if err != nil {
		t.Fatal(err)
	}
	// Weeks of 9, 16 and 23 Nov were run without it: 3 × £3.50.
	if !adj.Equal(amt("10.50")) || !balanceOf(t, s, "AB1001").Equal(amt("410.50")) {
		t.Fatalf("adjustment %s balance %s", adj, balanceOf(t, s, "AB1001"))
	}
	lines := adjustments(t, s, "AB1001")
	if len(lines) != 3 || !strings.Contains(lines[0].Note, "Home contents insurance added from Mon 9 Nov 2026") {
		t.Fatalf("adjustments %+v", lines)
	}
	// The next run charges it with the rent.
	if sum := mustRun(t, s, nv(30)); !sum.Total.Equal(amt("103.50")) {
		t.Fatalf("next run %+v", sum)
	}
	a, _ := s.Account(ctx, "AB1001")
	if !a.WeeklyCharge(nv(30)).Equal(amt("103.50")) {
		t.Fatalf("weekly charge %s", a.WeeklyCharge(nv(30)))
	}
}

// TestCancellingAServiceUndoesTheWeeksItWasAddedFor: added from 9 Nov (3
// weeks back-charged), cancelled from 16 Nov: only the week of 9 Nov stays
// charged. Re-figuring must count the earlier adjustment as charged.
func TestCancellingAServiceUndoesTheWeeksItWasAddedFor(t *testing.T) {
	s := newTestStore(t)
	runningAccount(t, s, "AB1001", domain.KindRent)
	if _, err := s.SetService(ctx, "AB1001", "insurance", amt("3.50"), nv(9), today); err != nil {
		t.Fatal(err)
	}
	adj, err := s.SetService(ctx, "AB1001", "insurance", domain.Zero, nv(16), today)
	if err != nil {
		t.Fatal(err)
	}
	if !adj.Equal(amt("-7.00")) || !balanceOf(t, s, "AB1001").Equal(amt("403.50")) {
		t.Fatalf("cancel adjustment %s, balance %s; want -7.00 and 403.50", adj, balanceOf(t, s, "AB1001"))
	}
	if sum := mustRun(t, s, nv(30)); !sum.Total.Equal(amt("100.00")) {
		t.Fatalf("run after cancelling %+v", sum)
	}
}

func TestAServiceFromMidWeekStartsWithTheNextMondaysDebit(t *testing.T) {
	s := newTestStore(t)
	runningAccount(t, s, "AB1001", domain.KindRent)
	adj, err := s.SetService(ctx, "AB1001", "garden", amt("2.00"), nv(18), today) // a Wednesday
	if err != nil {
		t.Fatal(err)
	}
	if !adj.Equal(amt("2.00")) || len(adjustments(t, s, "AB1001")) != 1 {
		t.Fatalf("adjustment %s lines %d: only the week of 23 Nov should change", adj, len(adjustments(t, s, "AB1001")))
	}
	// A service from a future date adjusts nothing now.
	adj, err = s.SetService(ctx, "AB1001", "care", amt("5.25"), nv(30), today)
	if err != nil || !adj.IsZero() {
		t.Fatalf("future service: %s %v", adj, err)
	}
}

func TestServiceRefusalsWriteNothing(t *testing.T) {
	s := newTestStore(t)
	runningAccount(t, s, "AB1001", domain.KindRent)
	runningAccount(t, s, "AB1002", domain.KindRent)
	if _, err := s.SetService(ctx, "AB1001", "care", amt("4.00"), nv(23), today); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Terminate(ctx, "AB1002", nv(22), today); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s)
	for _, c := range []struct {
		name, ref, service, weekly string
		from                       domain.Date
		want                       string
	}{
		{"an unknown service", "AB1001", "gym", "1.00", nv(23), "not insurance, care or garden"},
		{"a negative charge", "AB1001", "garden", "-1.00", nv(23), "must not be negative"},
		{"no start date", "AB1001", "garden", "1.00", domain.Date{}, "give the date"},
		{"more than a year ago", "AB1001", "garden", "1.00", today.AddDays(-366), "more than a year ago"},
		{"before the tenancy started", "AB1001", "garden", "1.00", nv(1), "before the tenancy started"},
		{"the same charge again", "AB1001", "care", "4.00", nv(23), "already £4.00 a week"},
		{"cancelling a service not taken", "AB1001", "garden", "0", nv(23), "already £0.00 a week"},
		{"an ended tenancy", "AB1002", "garden", "1.00", nv(23), "has ended"},
		{"an unknown account", "ZZ9999", "garden", "1.00", nv(23), "no account ZZ9999"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.SetService(ctx, c.ref, c.service, amt(c.weekly), c.from, today)
			if !domain.IsValidation(err) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
			if dump(t, s) != before {
				t.Fatal("a refused service change wrote something")
			}
		})
	}
}

func TestStatementOfAFormerTenancyCountsWeeksOfItsLastCharge(t *testing.T) {
	s := newTestStore(t)
	runningAccount(t, s, "AB1001", domain.KindRent)
	if _, err := s.Terminate(ctx, "AB1001", nv(22), today); err != nil {
		t.Fatal(err)
	}
	st, err := s.Statement(ctx, "AB1001", nv(1), today)
	if err != nil {
		t.Fatal(err)
	}
	// £300 owed after three weeks at £100: 3.00 weeks.
	if !st.Closing.Equal(amt("300.00")) || !st.Weekly.Equal(amt("100.00")) || st.Weeks == nil || st.Weeks.Hundredths() != "3.00" {
		t.Fatalf("closing %s weekly %s weeks %q", st.Closing, st.Weekly, st.Weeks)
	}
}
