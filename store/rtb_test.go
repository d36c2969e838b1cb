package store

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/rtb"
	"caseload/domain/worklist"
)

func rtbDay(y int, m time.Month, d int) domain.Date { return domain.MustDate(y, m, d) }

// mustRTBCase opens a claim, failing the test on any error.
func mustRTBCase(t *testing.T, s *Store, n NewRTBCase) string {
	t.Helper()
	id, err := s.AddRTBCase(ctx, n, today)
	if err != nil {
		t.Fatalf("AddRTBCase %+v: %v", n, err)
	}
	return id
}

func mustRTBEvent(t *testing.T, s *Store, id string, e rtb.Event) {
	t.Helper()
	if err := s.AddRTBEvent(ctx, id, e, today); err != nil {
		t.Fatalf("AddRTBEvent %s %s: %v", e.Type, e.Date, err)
	}
}

// wantRefused fails unless err is a validation error that mentions every
// fragment.
func wantRefused(t *testing.T, err error, fragments ...string) {
	t.Helper()
	if err == nil || !domain.IsValidation(err) {
		t.Fatalf("err = %v, want a validation error", err)
	}
	for _, f := range fragments {
		if !strings.Contains(err.Error(), f) {
			t.Fatalf("err = %q, want it to mention %q", err, f)
		}
	}
}

// The running example of RULES.md: RTB1 received Mon 3 Mar 2025.
var (
	rtb1On = rtbDay(2025, time.March, 3)
	rtb2On = rtbDay(2025, time.March, 31)
	s125On = rtbDay(2025, time.April, 1)
)

func TestRTBEventsPersistAndReplayIntoTheSameCase(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	facts := rtb.Facts{Ref: "AB1001", Received: rtb1On, Property: rtb.House}
	id := mustRTBCase(t, s, NewRTBCase{Ref: "AB1001", Received: rtb1On, Property: rtb.House})
	events := []rtb.Event{
		{Type: rtb.EventRTB2Admitted, Date: rtb2On, Detail: "admitted; card 4111 1111 1111 1111 quoted on the phone"},
		{Type: rtb.EventS125Served, Date: s125On},
		{Type: rtb.EventDVDetermination, Date: rtbDay(2025, time.June, 2)},
		{Type: rtb.EventTenantAccepted, Date: rtbDay(2025, time.July, 1)},
		{Type: rtb.EventS140Served, Date: rtbDay(2026, time.April, 6), Ends: rtbDay(2026, time.June, 15)},
	}
	for _, e := range events {
		mustRTBEvent(t, s, id, e)
	}

	got, err := s.RTBCase(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	// The domain case replayed from the database must be the case built
	// from the same events in memory: same stage, same dates, same words.
	events[0].Detail = "admitted; card **** **** **** 1111 quoted on the phone"
	want, err := rtb.NewCase(facts, events...)
	if err != nil {
		t.Fatal(err)
	}
	h := domain.DefaultHolidays()
	if got.Case.Stage() != want.Stage() || got.Case.Stage() != rtb.StageNoticeToComplete {
		t.Fatalf("stage %q, want %q", got.Case.Stage(), want.Stage())
	}
	if !reflect.DeepEqual(rtb.Deadlines(got.Case, h, today), rtb.Deadlines(want, h, today)) {
		t.Fatalf("replayed deadlines differ:\n got %+v\nwant %+v", rtb.Deadlines(got.Case, h, today), rtb.Deadlines(want, h, today))
	}
	if !reflect.DeepEqual(got.Case.Events(), want.Events()) {
		t.Fatalf("events\n got %+v\nwant %+v", got.Case.Events(), want.Events())
	}
	if len(got.History) != len(events) || got.History[0].Officer != "tester" || got.History[0].ID == "" {
		t.Fatalf("history %+v", got.History)
	}
	if got.Name != "Sam Example" || got.Officer != "asmith" || got.TenancyStart != rtbDay(2020, time.April, 6) || len(got.Problems) != 0 {
		t.Fatalf("case %+v", got)
	}
	// Every event went through the change log, with its audit row.
	var changes, audits int
	s.db.QueryRow("SELECT count(*) FROM change WHERE entity = 'rtb-event'").Scan(&changes)
	s.db.QueryRow("SELECT count(*) FROM audit WHERE action LIKE 'rtb event %'").Scan(&audits)
	if changes != len(events) || audits != len(events) {
		t.Fatalf("rtb-event changes %d, audits %d; want %d each", changes, audits, len(events))
	}
	// Reopening the file replays the same case.
	path := s.Path()
	s.Close()
	again, err := Open(path, Options{Officer: "tester", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	reread, err := again.RTBCase(ctx, id)
	if err != nil || !reflect.DeepEqual(rtb.Deadlines(reread.Case, h, today), rtb.Deadlines(want, h, today)) {
		t.Fatalf("after reopening: %v", err)
	}
}

func TestRTBIllegalEventIsRefusedAndWritesNothing(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	id := mustRTBCase(t, s, NewRTBCase{Ref: "AB1001", Received: rtb1On, Property: rtb.Flat})
	mustRTBEvent(t, s, id, rtb.Event{Type: rtb.EventRTB2Admitted, Date: rtb2On})
	tests := []struct {
		name   string
		caseID string
		event  rtb.Event
		want   []string
	}{
		{"an event dated before the previous one", id, rtb.Event{Type: rtb.EventS125Served, Date: rtbDay(2025, time.March, 20)},
			[]string{"before the previous event", "Mon 31 Mar 2025"}},
		{"an event before the RTB1", id, rtb.Event{Type: rtb.EventRTB6Served, Date: rtbDay(2025, time.February, 1)},
			[]string{"before the RTB1 was received"}},
		{"a second RTB2", id, rtb.Event{Type: rtb.EventRTB2Denied, Date: rtbDay(2025, time.April, 2)},
			[]string{"an RTB2 was already served on Mon 31 Mar 2025"}},
		{"the tenant's reply before any offer", id, rtb.Event{Type: rtb.EventTenantAccepted, Date: rtbDay(2025, time.April, 2)},
			[]string{"no s125 offer is recorded"}},
		{"an RTB8 with no RTB6", id, rtb.Event{Type: rtb.EventRTB8Served, Date: rtbDay(2025, time.April, 2)},
			[]string{"no RTB6"}},
		{"a date in the future", id, rtb.Event{Type: rtb.EventS125Served, Date: today.AddDays(1)},
			[]string{"in the future"}},
		{"an end date on an event that states none", id, rtb.Event{Type: rtb.EventS125Served, Date: rtbDay(2025, time.April, 2), Ends: rtbDay(2025, time.May, 2)},
			[]string{"states an end date"}},
		{"an unknown type", id, rtb.Event{Type: "rtb9-served", Date: rtbDay(2025, time.April, 2)},
			[]string{"is not one of"}},
		{"an unknown case", "nope-1", rtb.Event{Type: rtb.EventS125Served, Date: rtbDay(2025, time.April, 2)},
			[]string{"no Right to Buy case nope-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := dump(t, s)
			wantRefused(t, s.AddRTBEvent(ctx, tt.caseID, tt.event, today), tt.want...)
			if after := dump(t, s); after != before {
				t.Fatalf("a refused event changed the database:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
	c, err := s.RTBCase(ctx, id)
	if err != nil || len(c.History) != 1 || c.Case.Stage() != rtb.StageAwaitingOffer {
		t.Fatalf("case after refusals: %+v, %v", c, err)
	}
}

func TestRTBCaseRefusals(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	garage := testAccount("GR1001")
	garage.Kind = domain.KindGarage
	if err := s.CreateAccount(ctx, garage); err != nil {
		t.Fatal(err)
	}
	open := mustRTBCase(t, s, NewRTBCase{Ref: "AB1001", Received: rtb1On, Property: rtb.House})
	tests := []struct {
		name string
		n    NewRTBCase
		want []string
	}{
		{"a future RTB1", NewRTBCase{Ref: "AB1001", Received: today.AddDays(1), Property: rtb.House}, []string{"in the future"}},
		{"an RTB1 before the tenancy began", NewRTBCase{Ref: "AB1001", Received: rtbDay(2019, time.May, 1), Property: rtb.House},
			[]string{"before the tenancy of AB1001 began (Mon 6 Apr 2020)"}},
		{"a garage account", NewRTBCase{Ref: "GR1001", Received: rtb1On, Property: rtb.House}, []string{"current rent account"}},
		{"no such account", NewRTBCase{Ref: "ZZ9999", Received: rtb1On, Property: rtb.House}, []string{"no account ZZ9999"}},
		{"a property that is neither", NewRTBCase{Ref: "AB1001", Received: rtb1On, Property: "bungalow"}, []string{"is not one of"}},
		{"a second claim while one is open", NewRTBCase{Ref: "AB1001", Received: rtbDay(2025, time.June, 2), Property: rtb.House},
			[]string{"already has an open Right to Buy claim", open}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := dump(t, s)
			_, err := s.AddRTBCase(ctx, tt.n, today)
			wantRefused(t, err, tt.want...)
			if after := dump(t, s); after != before {
				t.Fatalf("a refused claim changed the database")
			}
		})
	}
	// Once the claim is withdrawn, the tenant may claim again.
	mustRTBEvent(t, s, open, rtb.Event{Type: rtb.EventTenantWithdrew, Date: rtbDay(2025, time.April, 10)})
	again := mustRTBCase(t, s, NewRTBCase{Ref: "AB1001", Received: rtbDay(2026, time.October, 1), Property: rtb.House, OtherLandlord: true})
	// By ref, the open claim is found; by id, either.
	for key, want := range map[string]string{"AB1001": again, open: open, again: again} {
		c, err := s.FindRTBCase(ctx, key)
		if err != nil || c.ID != want {
			t.Errorf("FindRTBCase(%s) = %s, %v; want %s", key, c.ID, err, want)
		}
	}
	_, err := s.FindRTBCase(ctx, "GR1001")
	wantRefused(t, err, "no Right to Buy case GR1001")
}

func TestRTBCasesByPatch(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001", "AB1002")
	other := testAccount("AB2001")
	other.Officer = "bjones"
	if err := s.CreateAccount(ctx, other); err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{"AB1001", "AB1002", "AB2001"} {
		mustRTBCase(t, s, NewRTBCase{Ref: ref, Received: rtb1On, Property: rtb.Flat})
	}
	refs := func(officer string) []string {
		cases, err := s.RTBCases(ctx, officer)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range cases {
			out = append(out, c.Ref)
		}
		return out
	}
	for officer, want := range map[string][]string{"asmith": {"AB1001", "AB1002"}, "bjones": {"AB2001"}, "": {"AB1001", "AB1002", "AB2001"}, "nobody": nil} {
		if got := refs(officer); !reflect.DeepEqual(got, want) {
			t.Errorf("RTBCases(%q) = %v, want %v", officer, got, want)
		}
	}
}

func TestOverdueRTBCaseIsOnTheWorklist(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001", "AB1002", "AB1003")
	// RTB1 received Thu 1 Oct 2026: the RTB2 was due Thu 29 Oct, so on Mon
	// 23 Nov it is 25 days overdue.
	mustRTBCase(t, s, NewRTBCase{Ref: "AB1001", Received: rtbDay(2026, time.October, 1), Property: rtb.House})
	// Received Mon 2 Nov: the 4-week RTB2 is due Mon 30 Nov, 7 days away.
	mustRTBCase(t, s, NewRTBCase{Ref: "AB1002", Received: rtbDay(2026, time.November, 2), Property: rtb.Flat})
	// Received on 1 Oct too, but the RTB2 was served: the s125 (12 weeks,
	// a flat) is months away, so nothing to do.
	served := mustRTBCase(t, s, NewRTBCase{Ref: "AB1003", Received: rtbDay(2026, time.October, 1), Property: rtb.Flat})
	mustRTBEvent(t, s, served, rtb.Event{Type: rtb.EventRTB2Admitted, Date: rtbDay(2026, time.October, 20)})

	lines, err := s.Caseload(ctx, "asmith", today, worklist.DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	item := func(ref string) (worklist.Item, bool) {
		for _, l := range lines {
			if l.Ref == ref {
				for _, it := range l.Items() {
					if it.Rule == worklist.RuleRTBDeadline {
						return it, true
					}
				}
			}
		}
		return worklist.Item{}, false
	}
	overdue, ok := item("AB1001")
	if !ok || overdue.Priority != 95 || !strings.Contains(overdue.Reason, "RTB2") || !strings.Contains(overdue.Reason, "overdue") ||
		overdue.Due != rtbDay(2026, time.October, 29) {
		t.Fatalf("overdue case: %+v (found %v)", overdue, ok)
	}
	due, ok := item("AB1002")
	if !ok || due.Priority != 75 || due.Due != rtbDay(2026, time.November, 30) {
		t.Fatalf("due-soon case: %+v (found %v)", due, ok)
	}
	if it, ok := item("AB1003"); ok {
		t.Fatalf("a case with its RTB2 served and the offer months away is on the worklist: %+v", it)
	}
}

func TestFraudConcernIsKeptButLeavesTheClocksAlone(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	id := mustRTBCase(t, s, NewRTBCase{Ref: "AB1001", Received: rtbDay(2026, time.November, 2), Property: rtb.House})
	h := domain.DefaultHolidays()
	before, _ := s.RTBCase(ctx, id)

	// A concern must say what it is; a check cannot be dated in the future.
	snapshot := dump(t, s)
	wantRefused(t, s.SetFraudCheck(ctx, id, rtb.CheckResult{Check: rtb.CheckPrincipalHome, Status: rtb.Concern}, today), "say what the concern is")
	wantRefused(t, s.SetFraudCheck(ctx, id, rtb.CheckResult{Check: rtb.CheckIdentity, Status: rtb.Passed, On: today.AddDays(3)}, today), "in the future")
	wantRefused(t, s.SetFraudCheck(ctx, id, rtb.CheckResult{Check: "shoe-size", Status: rtb.Passed}, today), "is not one of")
	if dump(t, s) != snapshot {
		t.Fatal("a refused check changed the database")
	}

	if err := s.SetFraudCheck(ctx, id, rtb.CheckResult{Check: rtb.CheckIdentity, Status: rtb.Passed}, today); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFraudCheck(ctx, id, rtb.CheckResult{Check: rtb.CheckPrincipalHome, Status: rtb.Concern, Note: "NFI match: tenancy with another council"}, today); err != nil {
		t.Fatal(err)
	}
	after, err := s.RTBCase(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	f := after.Case.Fraud()
	if !f.HasOpenConcern() || f.Result(rtb.CheckIdentity).Status != rtb.Passed || f.Result(rtb.CheckIdentity).On != today ||
		f.Result(rtb.CheckPrincipalHome).Note != "NFI match: tenancy with another council" {
		t.Fatalf("checks %+v", f.Results())
	}
	was, is := rtb.Deadlines(before.Case, h, today), rtb.Deadlines(after.Case, h, today)
	if len(was) != len(is) {
		t.Fatalf("deadlines %d → %d", len(was), len(is))
	}
	for i := range was {
		if was[i].Due != is[i].Due || was[i].Status != is[i].Status {
			t.Errorf("%s moved: %s → %s", was[i].Key, was[i].Due, is[i].Due)
		}
	}
	if w := strings.Join(is[0].Warnings, " "); !strings.Contains(w, "do not pause this clock") {
		t.Errorf("RTB2 warnings %q lack the fraud-concern note", w)
	}
	// The set went through the change log as a register.
	var sets int
	s.db.QueryRow("SELECT count(*) FROM change WHERE entity = 'rtb' AND op = 'set'").Scan(&sets)
	if sets != 2 {
		t.Fatalf("%d fraud sets in the change log, want 2", sets)
	}
}

func TestRTBCaseWithAnUnreplayableEventIsKeptWithAProblem(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	id := mustRTBCase(t, s, NewRTBCase{Ref: "AB1001", Received: rtb1On, Property: rtb.House})
	mustRTBEvent(t, s, id, rtb.Event{Type: rtb.EventTenantWithdrew, Date: rtbDay(2025, time.March, 10)})
	// Another replica, not having seen the withdrawal, admitted the right;
	// the merged log holds both (as an import would apply it).
	err := s.write(ctx, "import", "AB1001", func(w *writer) error {
		_, err := w.add(entityRTBEvent, "AB1001", rtbEventBody{Case: id, Date: "2025-03-24", Type: string(rtb.EventRTB2Admitted)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	cases, err := s.RTBCases(ctx, "")
	if err != nil {
		t.Fatalf("one bad event hid every case: %v", err)
	}
	c := cases[0]
	if c.Case.Stage() != rtb.StageWithdrawn || len(c.History) != 2 || len(c.Problems) != 1 ||
		!strings.Contains(c.Problems[0], "RTB2 served admitting the right dated Mon 24 Mar 2025 was left out") {
		t.Fatalf("case %s, history %d, problems %q", c.Case.Stage(), len(c.History), c.Problems)
	}
}

func TestRTBLinesMostUrgentFirst(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001", "AB1002", "AB1003", "AB1004", "AB1005")
	add := func(ref string, received domain.Date, p rtb.Property, events ...rtb.Event) {
		id := mustRTBCase(t, s, NewRTBCase{Ref: ref, Received: received, Property: p})
		for _, e := range events {
			mustRTBEvent(t, s, id, e)
		}
	}
	add("AB1001", rtbDay(2026, time.November, 16), rtb.House)                                                                // RTB2 due 14 Dec: 21 days
	add("AB1002", rtbDay(2026, time.October, 1), rtb.House)                                                                  // RTB2 25 days overdue
	add("AB1003", rtbDay(2026, time.October, 12), rtb.Flat)                                                                  // RTB2 due 9 Nov: 14 days overdue
	add("AB1004", rtbDay(2025, time.March, 3), rtb.House, rtb.Event{Type: rtb.EventTenantWithdrew, Date: rtb2On})            // closed
	add("AB1005", rtbDay(2026, time.October, 30), rtb.Flat, rtb.Event{Type: rtb.EventRTB2Admitted, Date: today.AddDays(-2)}) // s125 due in 12 weeks less 2 days
	cases, err := s.RTBCases(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	lines := RTBLines(cases, domain.DefaultHolidays(), today, 7)
	var order []string
	for _, l := range lines {
		order = append(order, l.Ref)
	}
	if want := []string{"AB1002", "AB1003", "AB1001", "AB1005", "AB1004"}; !reflect.DeepEqual(order, want) {
		t.Fatalf("order %v, want %v", order, want)
	}
	if l := lines[0]; !l.Open || !l.HasNext || !l.Next.Overdue() || l.Next.DaysLeft != -25 || l.DueSoon {
		t.Fatalf("most overdue: %+v", l)
	}
	if l := lines[4]; l.Open || l.HasNext || l.Stage != rtb.StageWithdrawn {
		t.Fatalf("closed: %+v", l)
	}
	if lines[0].Urgency() != rtb.UrgencyOverdue || lines[2].Urgency() != "" || lines[4].Urgency() != "" {
		t.Fatalf("urgency: %q %q %q", lines[0].Urgency(), lines[2].Urgency(), lines[4].Urgency())
	}
	// AB1001's RTB2 is due Mon 14 Dec 2026.
	for on, want := range map[domain.Date]string{
		rtbDay(2026, time.December, 6):  "",
		rtbDay(2026, time.December, 7):  rtb.UrgencyDueSoon,
		rtbDay(2026, time.December, 14): rtb.UrgencyDueToday,
		rtbDay(2026, time.December, 15): rtb.UrgencyOverdue,
	} {
		for _, l := range RTBLines(cases, domain.DefaultHolidays(), on, 7) {
			if l.Ref == "AB1001" && l.Urgency() != want {
				t.Errorf("on %s: urgency %q, want %q", on, l.Urgency(), want)
			}
		}
	}
}
