package store

import (
	"strings"
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/worklist"
)

// nov is a date in November 2026 (the store tests' today is 23 Nov 2026).
func nov(day int) domain.Date { return domain.MustDate(2026, time.November, day) }

// inArrears creates an account owing amount (one charge on 26 Oct 2026).
func inArrears(t *testing.T, s *Store, ref, amount string) {
	t.Helper()
	mustCreate(t, s, ref)
	mustPost(t, s, Posting{Ref: ref, Kind: PostCharge, Amount: domain.MustMoney(amount), Date: domain.MustDate(2026, time.October, 26)})
}

func sameTerms(a, b arrangement.Terms) bool {
	return a.Start == b.Start && a.Frequency == b.Frequency && a.Instalment.Equal(b.Instalment) && a.Arrears.Equal(b.Arrears)
}

func mustArrange(t *testing.T, s *Store, n NewArrangement, on domain.Date) string {
	t.Helper()
	id, err := s.AddArrangement(ctx, n, on, worklist.DefaultPolicy())
	if err != nil {
		t.Fatalf("add %+v: %v", n, err)
	}
	return id
}

func weekly(ref string, start domain.Date, instalment string) NewArrangement {
	return NewArrangement{Ref: ref, Start: start, Frequency: arrangement.Weekly, Instalment: domain.MustMoney(instalment)}
}

func mustArrangements(t *testing.T, s *Store, ref string, on domain.Date) []ArrangementRecord {
	t.Helper()
	recs, err := s.Arrangements(ctx, ref, on, 7)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestAddArrangementIsLiveForTheBalanceWithItsSchedule(t *testing.T) {
	s := newTestStore(t)
	inArrears(t, s, "AB1001", "1100.00")
	id := mustArrange(t, s, weekly("AB1001", nov(30), "10.00"), today)
	recs := mustArrangements(t, s, "AB1001", today)
	if len(recs) != 1 {
		t.Fatalf("%d records, want 1", len(recs))
	}
	r := recs[0]
	want := arrangement.Terms{Start: nov(30), Frequency: arrangement.Weekly, Instalment: domain.MustMoney("10.00"), Arrears: domain.MustMoney("1100.00")}
	if r.ID != id || !sameTerms(r.Terms, want) || r.MadeOn != today || r.MadeBy != "tester" || r.State != ArrangementLive {
		t.Fatalf("record %+v", r)
	}
	if r.Count != 110 || r.FinalDate != nov(30).AddDays(7*109) || !r.FinalAmount.Equal(domain.MustMoney("10.00")) {
		t.Errorf("schedule: %d instalments, last %s on %s", r.Count, r.FinalAmount, r.FinalDate)
	}
	if r.Status.State != arrangement.NotYetDue || r.Status.NextDue != nov(30) {
		t.Errorf("status %+v", r.Status)
	}
	if got := r.TermsWords(); got != "£10.00 a week from Mon 30 Nov 2026 towards £1,100.00" {
		t.Errorf("terms words %q", got)
	}
	if got := r.Words(); !strings.HasPrefix(got, "live — not yet checked: the first instalment of £10.00 is due 30 Nov") {
		t.Errorf("words %q", got)
	}
	// One change-log row for the fact and one audit row, as every write.
	var changes, audits int
	s.db.QueryRow("SELECT count(*) FROM change WHERE entity = 'arrangement'").Scan(&changes)
	s.db.QueryRow("SELECT count(*) FROM audit WHERE action = 'arrangement add' AND account = 'AB1001'").Scan(&audits)
	if changes != 1 || audits != 1 {
		t.Errorf("arrangement changes %d audits %d, want 1 and 1", changes, audits)
	}
	live, ok, err := s.LiveArrangement(ctx, "AB1001", today, 7)
	if err != nil || !ok || live.ID != id {
		t.Fatalf("live %+v %v %v", live, ok, err)
	}
	// The worklist watches it.
	f, err := s.AccountFacts(ctx, "AB1001", today, worklist.DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	if f.Arrangement == nil || !sameTerms(*f.Arrangement, want) || f.ArrangementStatus == nil || f.ArrangementStatus.State != arrangement.NotYetDue {
		t.Fatalf("worklist facts arrangement %+v status %+v", f.Arrangement, f.ArrangementStatus)
	}
}

func TestAddArrangementForGivenArrears(t *testing.T) {
	s := newTestStore(t)
	inArrears(t, s, "AB1001", "300.00")
	mustArrange(t, s, NewArrangement{Ref: "AB1001", Start: nov(30), Frequency: arrangement.Monthly,
		Instalment: domain.MustMoney("25.00"), Arrears: domain.MustMoney("250.00")}, today)
	r := mustArrangements(t, s, "AB1001", today)[0]
	if !r.Terms.Arrears.Equal(domain.MustMoney("250.00")) || r.Count != 10 {
		t.Fatalf("arrears %s count %d, want £250.00 and 10", r.Terms.Arrears, r.Count)
	}
	// An instalment larger than the arrears is one payment of the arrears:
	// what is saved is the schedule the officer confirmed.
	p, err := s.PreviewArrangement(ctx, weekly("AB1001", nov(30), "500.00"), today, worklist.DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	if !p.Plan.Instalment.Equal(domain.MustMoney("300.00")) || p.Plan.Count != 1 {
		t.Fatalf("preview %+v", p.Plan)
	}
	mustArrange(t, s, weekly("AB1001", nov(30), "500.00"), today)
	if r := mustArrangements(t, s, "AB1001", today)[0]; !r.Terms.Instalment.Equal(domain.MustMoney("300.00")) {
		t.Fatalf("saved instalment %s, want £300.00", r.Terms.Instalment)
	}
}

func TestANewArrangementEndsTheEarlierLiveOne(t *testing.T) {
	s := newTestStore(t)
	inArrears(t, s, "AB1001", "1100.00")
	first := mustArrange(t, s, weekly("AB1001", nov(2), "5.00"), nov(2))
	// The preview says what saving will end, and writes nothing.
	before := dump(t, s)
	p, err := s.PreviewArrangement(ctx, weekly("AB1001", nov(30), "10.00"), today, worklist.DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	if p.Ends == nil || p.Ends.ID != first || !p.Arrears.Equal(domain.MustMoney("1100.00")) {
		t.Fatalf("preview %+v", p)
	}
	if got := p.Words("AB1001"); got != "Save £10.00 weekly from Mon 30 Nov 2026 towards £1,100.00 on AB1001 "+
		"(110 instalments of £10.00 a week from Mon 30 Nov 2026 to Mon 1 Jan 2029) — ends the live £5.00 weekly arrangement" {
		t.Errorf("preview words %q", got)
	}
	if dump(t, s) != before {
		t.Fatal("a preview wrote to the database")
	}
	second := mustArrange(t, s, weekly("AB1001", nov(30), "10.00"), today)
	recs := mustArrangements(t, s, "AB1001", today)
	if len(recs) != 2 || recs[0].ID != second || recs[1].ID != first {
		t.Fatalf("history not newest first: %+v", recs)
	}
	if recs[0].State != ArrangementLive {
		t.Errorf("the new one is %s, want live", recs[0].State)
	}
	old := recs[1]
	if old.State != ArrangementSuperseded || old.SupersededBy != second || old.EndedOn != today {
		t.Errorf("the earlier one: %+v", old)
	}
	if want := "superseded on Mon 23 Nov 2026 by arrangement " + second; old.Words() != want {
		t.Errorf("words %q, want %q", old.Words(), want)
	}
	if !old.Ended() || recs[0].Ended() {
		t.Errorf("Ended: old %v new %v", old.Ended(), recs[0].Ended())
	}
	// The worklist reads the same live one.
	f, err := s.AccountFacts(ctx, "AB1001", today, worklist.DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	if f.Arrangement == nil || f.Arrangement.Start != nov(30) || !f.Arrangement.Instalment.Equal(domain.MustMoney("10.00")) {
		t.Fatalf("worklist live arrangement %+v", f.Arrangement)
	}
}

func TestCancelArrangement(t *testing.T) {
	s := newTestStore(t)
	inArrears(t, s, "AB1001", "1100.00")
	a := mustArrange(t, s, weekly("AB1001", nov(2), "5.00"), nov(2))
	b := mustArrange(t, s, weekly("AB1001", nov(16), "8.00"), nov(16))
	c := mustArrange(t, s, weekly("AB1001", nov(30), "10.00"), today)

	refusals := []struct {
		name, id, reason, want string
	}{
		{"no reason", c, "  ", "reason: say why the arrangement is cancelled"},
		{"unknown id", "nope-1", "moved", "id: no arrangement nope-1"},
		{"one already ended by a later one", b, "mistake", "id: arrangement " + b + " was ended on Mon 23 Nov 2026 by arrangement " + c},
	}
	for _, r := range refusals {
		t.Run(r.name, func(t *testing.T) {
			before := dump(t, s)
			_, err := s.CancelArrangement(ctx, r.id, r.reason, today)
			if err == nil || !domain.IsValidation(err) || !strings.HasPrefix(err.Error(), r.want) {
				t.Fatalf("err = %v, want a validation error starting %q", err, r.want)
			}
			if dump(t, s) != before {
				t.Fatal("a refused cancel wrote to the database")
			}
		})
	}

	ref, err := s.CancelArrangement(ctx, c, "resident moved in with family, card 4111 1111 1111 1111", today)
	if err != nil || ref != "AB1001" {
		t.Fatalf("cancel: %q %v", ref, err)
	}
	recs := mustArrangements(t, s, "AB1001", today)
	if recs[0].ID != c || recs[0].State != ArrangementCancelled || recs[0].CancelledOn != today {
		t.Fatalf("cancelled record %+v", recs[0])
	}
	if want := "cancelled on Mon 23 Nov 2026: resident moved in with family, card **** **** **** 1111"; recs[0].Words() != want {
		t.Errorf("words %q, want %q", recs[0].Words(), want)
	}
	// The one it replaced is live again (the live one is the latest not
	// cancelled, as the worklist reads it), and the oldest is still ended by it.
	if recs[1].ID != b || recs[1].State != ArrangementLive || recs[2].ID != a || recs[2].SupersededBy != b {
		t.Fatalf("after cancelling: %+v / %+v", recs[1], recs[2])
	}
	f, err := s.AccountFacts(ctx, "AB1001", today, worklist.DefaultPolicy())
	if err != nil || f.Arrangement == nil || f.Arrangement.Start != nov(16) {
		t.Fatalf("worklist live arrangement %+v %v", f.Arrangement, err)
	}
	// Cancelling it again is refused, and writes nothing.
	before := dump(t, s)
	if _, err := s.CancelArrangement(ctx, c, "again", today); err == nil || !strings.Contains(err.Error(), "was already cancelled on Mon 23 Nov 2026") {
		t.Fatalf("second cancel: %v", err)
	}
	if dump(t, s) != before {
		t.Fatal("a refused cancel wrote to the database")
	}
	// Cancelling the last live one leaves none.
	if _, err := s.CancelArrangement(ctx, b, "broken twice", today); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CancelArrangement(ctx, a, "tidy up", today); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := s.LiveArrangement(ctx, "AB1001", today, 7); ok || err != nil {
		t.Fatalf("a live arrangement after cancelling all: %v %v", ok, err)
	}
	if f, _ := s.AccountFacts(ctx, "AB1001", today, worklist.DefaultPolicy()); f.Arrangement != nil {
		t.Fatalf("the worklist still watches %+v", f.Arrangement)
	}
}

func TestAddArrangementRefusals(t *testing.T) {
	s := newTestStore(t)
	inArrears(t, s, "AB1001", "1100.00")
	mustCreate(t, s, "AB1002") // balance £0.00
	cases := []struct {
		name string
		n    NewArrangement
		want string
	}{
		{"unknown account", weekly("ZZ9999", nov(30), "10.00"), "ref: no account ZZ9999"},
		{"zero instalment", weekly("AB1001", nov(30), "0"), "instalment: must be at least £0.01"},
		{"negative instalment", weekly("AB1001", nov(30), "-5.00"), "instalment: must be at least £0.01"},
		{"negative arrears", NewArrangement{Ref: "AB1001", Start: nov(30), Frequency: arrangement.Weekly,
			Instalment: domain.MustMoney("10.00"), Arrears: domain.MustMoney("-1.00")}, "arrears: must be more than £0.00"},
		{"no arrears to arrange", weekly("AB1002", nov(30), "10.00"), "arrears: AB1002 is not in arrears (balance £0.00)"},
		{"start more than a year back", weekly("AB1001", domain.MustDate(2025, time.November, 22), "10.00"), "start: Sat 22 Nov 2025 is more than a year ago"},
		{"start more than a year ahead", weekly("AB1001", domain.MustDate(2027, time.November, 24), "10.00"), "start: Wed 24 Nov 2027 is more than a year ahead"},
		{"no start", weekly("AB1001", domain.Date{}, "10.00"), "start: give the date of the first instalment"},
		{"unknown frequency", NewArrangement{Ref: "AB1001", Start: nov(30), Frequency: "daily", Instalment: domain.MustMoney("1.00")}, `frequency: "daily" is not one of`},
		{"over 1,040 instalments", weekly("AB1001", nov(30), "1.00"), "instalment: that would take 1,100 instalments"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := dump(t, s)
			_, err := s.AddArrangement(ctx, c.n, today, worklist.DefaultPolicy())
			if err == nil || !domain.IsValidation(err) || !strings.HasPrefix(err.Error(), c.want) {
				t.Fatalf("err = %v, want a validation error starting %q", err, c.want)
			}
			if _, err := s.PreviewArrangement(ctx, c.n, today, worklist.DefaultPolicy()); err == nil {
				t.Fatal("the preview accepted what saving refuses")
			}
			if dump(t, s) != before {
				t.Fatal("a refused arrangement wrote to the database")
			}
		})
	}
	// Exactly a year either way is accepted.
	for _, start := range []domain.Date{domain.MustDate(2025, time.November, 23), domain.MustDate(2027, time.November, 23)} {
		if _, err := s.PreviewArrangement(ctx, weekly("AB1001", start, "10.00"), today, worklist.DefaultPolicy()); err != nil {
			t.Errorf("start %s: %v", start, err)
		}
	}
}

// monitored sets up an account owing £500 before 2 Nov 2026 and paying £100
// rent a week from then, with a weekly £50 arrangement from Mon 2 Nov for
// the £500, and posts the given payments (date → amount).
func monitored(t *testing.T, s *Store, ref string, payments map[domain.Date]string) string {
	t.Helper()
	inArrears(t, s, ref, "500.00")
	id := mustArrange(t, s, NewArrangement{Ref: ref, Start: nov(2), Frequency: arrangement.Weekly, Instalment: domain.MustMoney("50.00")}, nov(1))
	for _, d := range []domain.Date{nov(2), nov(9), nov(16), nov(23)} {
		mustPost(t, s, Posting{Ref: ref, Kind: PostCharge, Amount: domain.MustMoney("100.00"), Date: d})
	}
	for d, amount := range payments {
		mustPost(t, s, Posting{Ref: ref, Kind: PostPayment, Amount: domain.MustMoney(amount), Date: d, Method: domain.MethodCash})
	}
	return id
}

func TestMonitoringThroughTheStore(t *testing.T) {
	s := newTestStore(t)
	monitored(t, s, "AB1001", map[domain.Date]string{nov(2): "150.00", nov(9): "150.00", nov(16): "150.00"})
	monitored(t, s, "AB1002", map[domain.Date]string{nov(2): "150.00"})
	completed := monitored(t, s, "AB1003", map[domain.Date]string{nov(2): "100.00", nov(9): "600.00"})

	cases := []struct {
		name, ref         string
		on                domain.Date
		state             arrangement.State
		expected, paid    string
		nextDue, brokenOn domain.Date
	}{
		// Three instalments checked by 23 Nov (due 2, 9, 16 Nov): £300 of
		// charges to 16 Nov + £150 = £450 expected, £450 paid.
		{"kept", "AB1001", nov(23), arrangement.Kept, "450.00", "450.00", nov(30), domain.Date{}},
		// Instalment 2 falls due on 9 Nov and is checked 7 days later, on
		// 16 Nov. On the 15th only instalment 1 is checked: £100 + £50
		// expected, £150 paid.
		{"kept the day before the grace ends", "AB1002", nov(15), arrangement.Kept, "150.00", "150.00", nov(16), domain.Date{}},
		// On the 16th: £200 of charges to 9 Nov + £100 = £300 expected,
		// £150 paid: £150 behind is more than one instalment.
		{"broken exactly at the grace boundary", "AB1002", nov(16), arrangement.Broken, "300.00", "150.00", nov(23), nov(16)},
		// £700 paid against £200 of charges by 9 Nov clears the £500.
		{"completed", "AB1003", nov(23), arrangement.Completed, "150.00", "700.00", domain.Date{}, domain.Date{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			live, ok, err := s.LiveArrangement(ctx, c.ref, c.on, 7)
			if err != nil || !ok {
				t.Fatalf("live: %v %v", ok, err)
			}
			st := live.Status
			if st.State != c.state || !st.Expected.Equal(domain.MustMoney(c.expected)) || !st.Received.Equal(domain.MustMoney(c.paid)) ||
				st.NextDue != c.nextDue || st.BrokenOn != c.brokenOn {
				t.Fatalf("status %+v", st)
			}
			if len(live.Checks) == 0 && (c.state == arrangement.Kept || c.state == arrangement.Broken) {
				t.Fatal("no checks recorded")
			}
			// The worklist sees the same state.
			f, err := s.AccountFacts(ctx, c.ref, c.on, worklist.DefaultPolicy())
			if err != nil || f.ArrangementStatus == nil || f.ArrangementStatus.State != c.state {
				t.Fatalf("worklist status %+v %v", f.ArrangementStatus, err)
			}
		})
	}
	live, _, _ := s.LiveArrangement(ctx, "AB1002", nov(16), 7)
	if got := live.Words(); got != "live — broken: £150.00 behind: £300.00 expected by 9 Nov, £150.00 paid; broken since 16 Nov" {
		t.Errorf("broken words %q", got)
	}
	// A completed arrangement has nothing left to cancel.
	before := dump(t, s)
	if _, err := s.CancelArrangement(ctx, completed, "done", today); err == nil || !strings.Contains(err.Error(), "is completed on 9 Nov") {
		t.Fatalf("cancelling a completed arrangement: %v", err)
	}
	if dump(t, s) != before {
		t.Fatal("a refused cancel wrote to the database")
	}
}
