package store

import (
	"strings"
	"testing"
	"time"

	"caseload/domain"
)

// rentAccount is a current rent account from start at a weekly rent.
func rentAccount(ref string, start domain.Date, weekly string, rentFree int) NewAccount {
	a := testAccount(ref)
	a.Start, a.RentFreeWeeks = start, rentFree
	a.Charges = []domain.ChargeComponent{{Component: "rent", Weekly: amt(weekly)}}
	return a
}

func mustCreateAccount(t testing.TB, s *Store, a NewAccount) {
	t.Helper()
	if err := s.CreateAccount(ctx, a); err != nil {
		t.Fatal(err)
	}
}

func mustRun(t testing.TB, s *Store, week domain.Date) RentRunSummary {
	t.Helper()
	sum, err := s.RentRun(ctx, week)
	if err != nil {
		t.Fatalf("rent run %s: %v", week, err)
	}
	return sum
}

// charges lists an account's rent-run debits as "week amount" lines.
func runCharges(t testing.TB, s *Store, ref string) []LedgerLine {
	t.Helper()
	lines, err := s.Ledger(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	var out []LedgerLine
	for _, l := range lines {
		if l.Type == domain.TxnCharge {
			out = append(out, l)
		}
	}
	return out
}

// withoutAudit is a dump without the audit table: a run that posts nothing
// is still an action someone took, and is audited.
func withoutAudit(d string) string {
	start := strings.Index(d, "# audit\n")
	end := strings.Index(d, "# pack_log\n")
	if start < 0 || end < start {
		return d
	}
	return d[:start] + d[end:]
}

func TestRentRunIsIdempotentPerAccountAndWeek(t *testing.T) {
	s := newTestStore(t)
	start := domain.MustDate(2026, time.April, 6)
	mustCreateAccount(t, s, rentAccount("AB1001", start, "100.00", 0))
	mustCreateAccount(t, s, rentAccount("AB1002", start, "95.20", 0))
	week := domain.MustDate(2026, time.November, 25) // a Wednesday: the run is for its week
	sum := mustRun(t, s, week)
	if sum.Week != domain.MustDate(2026, time.November, 23) || sum.Posted != 2 || !sum.Total.Equal(amt("195.20")) || sum.AlreadyRun != 0 {
		t.Fatalf("first run %+v", sum)
	}
	before := dump(t, s)
	again := mustRun(t, s, week)
	if again.Posted != 0 || again.AlreadyRun != 2 || !again.Total.IsZero() {
		t.Fatalf("second run %+v", again)
	}
	if withoutAudit(dump(t, s)) != withoutAudit(before) {
		t.Fatal("the second run changed the data")
	}
	// A new account is charged by a later run of the same week; the others
	// are not charged again.
	mustCreateAccount(t, s, rentAccount("AB1003", start, "80.00", 0))
	third := mustRun(t, s, week)
	if third.Posted != 1 || third.AlreadyRun != 2 || !third.Total.Equal(amt("80.00")) {
		t.Fatalf("third run %+v", third)
	}
	l := runCharges(t, s, "AB1001")
	if len(l) != 1 || l[0].Date != sum.Week || !strings.Contains(l[0].Note, "rent week 34 of 2026/27") {
		t.Fatalf("AB1001 charges %+v", l)
	}
	if r, _ := s.Check(ctx); !r.OK() {
		t.Fatal(r.Problems)
	}
}

func TestRentRunChargesTheComponentsInForceOnTheWeeksFirstDay(t *testing.T) {
	s := newTestStore(t)
	a := rentAccount("AB1001", domain.MustDate(2026, time.April, 6), "100.00", 0)
	a.Charges = []domain.ChargeComponent{
		{Component: "rent", Weekly: amt("100.00")},
		{Component: "service", Weekly: amt("8.15")},
		{Component: "water", Weekly: amt("4.10")},
		// The April rent increase, from the first Monday of the rent year.
		{Component: "rent", Weekly: amt("104.80"), From: domain.MustDate(2027, time.April, 5)},
		// Water stops from a Wednesday: the week it stops in is still charged it.
		{Component: "water", Weekly: domain.Zero, From: domain.MustDate(2027, time.April, 14)},
	}
	mustCreateAccount(t, s, a)
	for _, c := range []struct {
		week string
		want string
	}{
		{"2027-03-29", "112.25"}, // 100 + 8.15 + 4.10
		{"2027-04-05", "117.05"}, // 104.80 + 8.15 + 4.10
		{"2027-04-12", "117.05"}, // water still in force on Monday 12th
		{"2027-04-19", "112.95"}, // 104.80 + 8.15
	} {
		w, _ := domain.ParseDate(c.week)
		sum := mustRun(t, s, w)
		if sum.Posted != 1 || !sum.Total.Equal(amt(c.want)) {
			t.Errorf("week %s: %+v, want %s", c.week, sum, c.want)
		}
	}
}

func TestRentRunSkipsRentFreeWeeks(t *testing.T) {
	s := newTestStore(t)
	start := domain.MustDate(2026, time.April, 6)
	mustCreateAccount(t, s, rentAccount("RF00", start, "100.00", 0))
	mustCreateAccount(t, s, rentAccount("RF02", start, "100.00", 2))
	mustCreateAccount(t, s, rentAccount("RF04", start, "100.00", 4))
	cases := []struct {
		name     string
		week     domain.Date
		charged  []string
		rentFree int
	}{
		{"the week containing Christmas Day is free with 1 or more", domain.MustDate(2026, time.December, 21), []string{"RF00"}, 2},
		{"the week after Christmas is free with 2 or more", domain.MustDate(2026, time.December, 28), []string{"RF00"}, 2},
		{"the first week of January is charged", domain.MustDate(2027, time.January, 4), []string{"RF00", "RF02", "RF04"}, 0},
		{"the week before the last of the rent year is free with 4", domain.MustDate(2027, time.March, 22), []string{"RF00", "RF02"}, 1},
		{"the last week of the rent year is free with 3 or more", domain.MustDate(2027, time.March, 29), []string{"RF00", "RF02"}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sum := mustRun(t, s, c.week)
			if sum.Posted != len(c.charged) || sum.RentFree != c.rentFree {
				t.Fatalf("%+v, want %d charged and %d rent-free", sum, len(c.charged), c.rentFree)
			}
			for _, ref := range []string{"RF00", "RF02", "RF04"} {
				charged := false
				for _, l := range runCharges(t, s, ref) {
					charged = charged || l.Date == c.week
				}
				want := strings.Contains(strings.Join(c.charged, " "), ref)
				if charged != want {
					t.Errorf("%s charged %v, want %v", ref, charged, want)
				}
			}
		})
	}
}

// TestRentRun53WeekYear: 2024/25 runs from Mon 1 Apr 2024 to Sun 6 Apr
// 2025, 53 Mondays; an account is debited 53 − rent-free weeks times.
func TestRentRun53WeekYear(t *testing.T) {
	year := domain.RentYearOf(domain.MustDate(2024, time.June, 1))
	if year.Weeks != 53 || year.Start != domain.MustDate(2024, time.April, 1) || year.Label() != "2024/25" {
		t.Fatalf("rent year %+v", year)
	}
	s := newTestStore(t)
	mustCreateAccount(t, s, rentAccount("Y53A", year.Start, "100.00", 0))
	mustCreateAccount(t, s, rentAccount("Y53B", year.Start, "100.00", 2))
	for w := year.Start; !w.After(year.End); w = w.AddDays(7) {
		mustRun(t, s, w)
	}
	for _, c := range []struct {
		ref   string
		weeks int
	}{{"Y53A", 53}, {"Y53B", 51}} {
		lines := runCharges(t, s, c.ref)
		if len(lines) != c.weeks || !balanceOf(t, s, c.ref).Equal(amt("100.00").MulInt(int64(c.weeks))) {
			t.Errorf("%s: %d charges, balance %s; want %d weeks", c.ref, len(lines), balanceOf(t, s, c.ref), c.weeks)
		}
		last := lines[len(lines)-1]
		if last.Date != domain.MustDate(2025, time.March, 31) || !strings.Contains(last.Note, "rent week 53 of 2024/25") {
			t.Errorf("%s last charge %s %q, want Mon 31 Mar 2025, week 53", c.ref, last.Date, last.Note)
		}
	}
	// The next Monday starts 2025/26 at week 1.
	mustRun(t, s, domain.MustDate(2025, time.April, 7))
	if l := runCharges(t, s, "Y53A"); !strings.Contains(l[len(l)-1].Note, "rent week 1 of 2025/26") {
		t.Errorf("first week of 2025/26: %q", l[len(l)-1].Note)
	}
}

// TestRentRunProRatesPartWeeks states the rule: a week the tenancy starts or
// ends inside is charged weekly × days in the tenancy ÷ 7, rounded half-up
// to the penny, dated the first day charged.
func TestRentRunProRatesPartWeeks(t *testing.T) {
	monday := domain.MustDate(2026, time.November, 23)
	cases := []struct {
		name       string
		start, end domain.Date
		weekly     string
		want       string
		days       int
		dated      domain.Date
	}{
		{"start on Wednesday: 5 of 7 days, 100.00 × 5 ÷ 7 = 71.428… rounds up to 71.43",
			monday.AddDays(2), domain.Date{}, "100.00", "71.43", 5, monday.AddDays(2)},
		{"end on Tuesday: 2 of 7 days, 100.00 × 2 ÷ 7 = 28.571… rounds to 28.57",
			domain.MustDate(2026, time.April, 6), monday.AddDays(1), "100.00", "28.57", 2, monday},
		{"start Tuesday and end Thursday: 3 of 7 days, 95.20 × 3 ÷ 7 = 40.80",
			monday.AddDays(1), monday.AddDays(3), "95.20", "40.80", 3, monday.AddDays(1)},
		{"start on Sunday: 1 of 7 days, 131.42 ÷ 7 = 18.774… rounds up to 18.77",
			monday.AddDays(6), domain.Date{}, "131.42", "18.77", 1, monday.AddDays(6)},
		{"end on Sunday is a whole week: the weekly charge exactly",
			domain.MustDate(2026, time.April, 6), monday.AddDays(6), "100.00", "100.00", 7, monday},
		{"start on Monday is a whole week", monday, domain.Date{}, "100.00", "100.00", 7, monday},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newTestStore(t)
			a := rentAccount("PR1001", c.start, c.weekly, 0)
			a.End = c.end
			mustCreateAccount(t, s, a)
			sum := mustRun(t, s, monday)
			wantPro := 0
			if c.days < 7 {
				wantPro = 1
			}
			if sum.Posted != 1 || sum.ProRated != wantPro || !sum.Total.Equal(amt(c.want)) {
				t.Fatalf("%+v, want %s", sum, c.want)
			}
			l := runCharges(t, s, "PR1001")[0]
			if l.Date != c.dated {
				t.Errorf("dated %s, want %s", l.Date, c.dated)
			}
			if c.days < 7 && !strings.Contains(l.Note, ", "+string(rune('0'+c.days))+" of 7 days") {
				t.Errorf("note %q does not say the days", l.Note)
			}
		})
	}
}

func TestRentRunSkipsAccountsOutsideTheWeekAndWithNoCharge(t *testing.T) {
	s := newTestStore(t)
	monday := domain.MustDate(2026, time.November, 23)
	ended := rentAccount("END01", domain.MustDate(2020, time.April, 6), "100.00", 0)
	ended.End, ended.Status, ended.Kind = monday.AddDays(-1), domain.StatusFormer, domain.KindFormerTenant
	future := rentAccount("FUT01", monday.AddDays(7), "100.00", 0)
	debt := rentAccount("FTD01", domain.MustDate(2020, time.April, 6), "0", 0)
	debt.Charges = nil // a sundry debt with no weekly charge
	debt.Kind = domain.KindSundry
	live := rentAccount("LIVE1", domain.MustDate(2020, time.April, 6), "100.00", 0)
	for _, a := range []NewAccount{ended, future, debt, live} {
		mustCreateAccount(t, s, a)
	}
	sum := mustRun(t, s, monday)
	if sum.Posted != 1 || sum.NotInPeriod != 2 || sum.NoCharge != 1 || !sum.Total.Equal(amt("100.00")) {
		t.Fatalf("%+v, want 1 posted, 2 outside the week, 1 with no charge", sum)
	}
	for _, ref := range []string{"END01", "FUT01", "FTD01"} {
		if n := len(runCharges(t, s, ref)); n != 0 {
			t.Errorf("%s charged %d times", ref, n)
		}
	}
}

func TestRentRunFailureWritesNothing(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001", "AB1002")
	before := dump(t, s)
	if _, err := s.db.Exec("CREATE TRIGGER fail_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'injected failure'); END"); err != nil {
		t.Fatal(err)
	}
	sum, err := s.RentRun(ctx, today)
	if err == nil || sum.Posted != 0 {
		t.Fatalf("err = %v, summary %+v", err, sum)
	}
	s.db.Exec("DROP TRIGGER fail_audit")
	if dump(t, s) != before {
		t.Fatal("a failed rent run wrote something")
	}
	// Run properly afterwards: both accounts are charged (nothing was
	// recorded as run).
	if sum := mustRun(t, s, today); sum.Posted != 2 {
		t.Fatalf("after the failure: %+v", sum)
	}
}
