package rtb

import (
	"slices"
	"strings"
	"testing"
	"time"

	"caseload/domain"
)

func TestDeadlinesWorkedExamples(t *testing.T) {
	other := house()
	other.OtherLandlord = true
	leasedHouse := house()
	leasedHouse.Leasehold = true
	nfi := Facts{Ref: "NFI", Received: day(2025, time.June, 2), Property: House}
	nfiOther := nfi
	nfiOther.OtherLandlord = true
	s125eServed := day(2025, time.June, 30)

	tests := []struct {
		name    string
		facts   Facts
		events  []Event
		today   domain.Date
		key     string
		want    domain.Date
		who     Party
		kind    DateKind
		pm1     bool   // flagged ±1 day
		holiday string // bank holiday the date falls on
	}{
		// RULES.md and fact sheet §1 vector 1.
		{"RTB2 4 weeks from the RTB1 when all years are with this council", house(), nil, rtb1Received,
			KeyRTB2, day(2025, time.March, 31), Council, DueBy, true, ""},
		{"RTB2 8 weeks when relying on another landlord", other, nil, rtb1Received,
			KeyRTB2, day(2025, time.April, 28), Council, DueBy, true, ""},
		// Vector 2.
		{"s125 8 weeks for a freehold house falls on the Spring bank holiday", house(), []Event{on(EventRTB2Admitted, rtb2Served)}, rtb2Served,
			KeyS125, day(2025, time.May, 26), Council, DueBy, true, "Spring bank holiday"},
		{"s125 12 weeks for a flat, always sold on a lease", flat(), []Event{on(EventRTB2Admitted, rtb2Served)}, rtb2Served,
			KeyS125, day(2025, time.June, 23), Council, DueBy, true, ""},
		{"s125 12 weeks for a house the council holds on a lease", leasedHouse, []Event{on(EventRTB2Admitted, rtb2Served)}, rtb2Served,
			KeyS125, day(2025, time.June, 23), Council, DueBy, true, ""},
		// Vector 3.
		{"tenant's reply 12 weeks beginning with the offer", house(), admittedOffer(), s125Served,
			KeyTenantReply, day(2025, time.June, 23), Tenant, DueBy, false, ""},
		{"s125E may be served the day after the tenant's period ends", house(), admittedOffer(), day(2025, time.June, 24),
			KeyS125EMayServe, day(2025, time.June, 24), Council, MayServeFrom, false, ""},
		{"tenant has 28 days after an s125E default notice", house(), append(admittedOffer(), on(EventS125EServed, s125eServed)), s125eServed,
			KeyS125EReply, day(2025, time.July, 28), Tenant, DueBy, true, ""},
		{"a written extension moves the tenant's s125E date", house(), append(admittedOffer(), on(EventS125EServed, s125eServed),
			until(EventS125EExtended, day(2025, time.July, 20), day(2025, time.August, 29))), s125eServed,
			KeyS125EReply, day(2025, time.August, 29), Tenant, DueBy, false, ""},
		{"a DV determination notice restarts the tenant's 12 weeks", house(), append(admittedOffer(), on(EventDVDetermination, day(2025, time.June, 2))), s125Served,
			KeyTenantReply, day(2025, time.August, 24), Tenant, DueBy, false, ""},
		// Vector 4.
		{"RTB6 may be served the day after a missed RTB2", house(), nil, day(2025, time.April, 1),
			KeyRTB6AfterRTB2, day(2025, time.April, 1), Tenant, MayServeFrom, true, ""},
		{"RTB6 response period ends one month beginning with service", house(), []Event{on(EventRTB6Served, s125Served)}, s125Served,
			KeyRTB6Response, day(2025, time.April, 30), Council, DueBy, true, ""},
		{"a response period stated longer than a month is the council's date", house(), []Event{until(EventRTB6Served, s125Served, day(2025, time.May, 16))}, s125Served,
			KeyRTB6Response, day(2025, time.May, 16), Council, DueBy, false, ""},
		{"RTB8 may be served the day after an unanswered response period", house(), []Event{on(EventRTB6Served, s125Served)}, s125Served,
			KeyRTB8MayServe, day(2025, time.May, 1), Tenant, MayServeFrom, true, ""},
		{"RTB6 may be served the day after a missed s125 offer", house(), []Event{on(EventRTB2Admitted, rtb2Served)}, day(2025, time.May, 27),
			KeyRTB6AfterS125, day(2025, time.May, 27), Tenant, MayServeFrom, true, ""},
		// Fact sheet §8 vector 1: fraud checks do not stop the RTB2 clock.
		{"RTB2 still due 4 weeks after an RTB1 with an NFI match", nfi, nil, nfi.Received,
			KeyRTB2, day(2025, time.June, 30), Council, DueBy, true, ""},
		{"RTB2 still due 8 weeks after an RTB1 with an NFI match, other landlords relied on", nfiOther, nil, nfi.Received,
			KeyRTB2, day(2025, time.July, 28), Council, DueBy, true, ""},
		// Notices to complete.
		{"a first notice to complete gives at least 56 days", house(), append(accepted(), on(EventS140Served, day(2025, time.June, 2))), day(2025, time.June, 2),
			KeyCompletionNotice1, day(2025, time.July, 28), Tenant, DueBy, true, ""},
		{"a notice to complete may state a later date", house(), append(accepted(), until(EventS140Served, day(2025, time.June, 2), day(2025, time.August, 29))), day(2025, time.June, 2),
			KeyCompletionNotice1, day(2025, time.August, 29), Tenant, DueBy, false, ""},
		{"a final notice to complete gives at least 56 more days", house(), append(accepted(), on(EventS140Served, day(2025, time.June, 2)), on(EventS141Served, day(2025, time.August, 1))), day(2025, time.August, 1),
			KeyCompletionNotice2, day(2025, time.September, 26), Tenant, DueBy, true, ""},
	}
	h := domain.DefaultHolidays()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustCase(t, tt.facts, tt.events...)
			d := find(t, Deadlines(c, h, tt.today), tt.key)
			if !d.Due.Equal(tt.want) {
				t.Fatalf("%s due %s, want %s (rule: %s)", tt.key, d.Due.Human(), tt.want.Human(), d.Rule)
			}
			if d.Who != tt.who || d.Kind != tt.kind {
				t.Fatalf("who/kind = %s/%s, want %s/%s", d.Who, d.Kind, tt.who, tt.kind)
			}
			if d.PlusMinusOneDay != tt.pm1 {
				t.Fatalf("PlusMinusOneDay = %v, want %v (rule: %s)", d.PlusMinusOneDay, tt.pm1, d.Rule)
			}
			if d.BankHoliday != tt.holiday {
				t.Fatalf("BankHoliday = %q, want %q", d.BankHoliday, tt.holiday)
			}
			if d.Rule == "" || d.Name == "" || d.Action == "" {
				t.Fatalf("deadline does not explain itself: %+v", d)
			}
		})
	}
}

func TestDeadlineRulesExplainTheCount(t *testing.T) {
	h := domain.DefaultHolidays()
	c := mustCase(t, house(), admittedOffer()...)
	all := Deadlines(c, h, s125Served)
	tests := []struct {
		key  string
		want []string
	}{
		{KeyRTB2, []string{"4 weeks from the RTB1 received Mon 3 Mar 2025", "s124", "+ 28 days", "Sun 30 Mar 2025"}},
		{KeyS125, []string{"8 weeks from the RTB2 admitting the right, served Mon 31 Mar 2025", "freehold", "+ 56 days"}},
		{KeyTenantReply, []string{"12 weeks beginning with the s125 offer served Tue 1 Apr 2025", "day 1", "+ 84 days − 1"}},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			d := find(t, all, tt.key)
			for _, w := range tt.want {
				if !strings.Contains(d.Rule, w) {
					t.Fatalf("rule %q does not mention %q", d.Rule, w)
				}
			}
		})
	}
	if d := find(t, all, KeyRTB2); !strings.Contains(d.IfMissed, "RTB6") || !strings.Contains(d.IfMissed, "Tue 1 Apr 2025") {
		t.Fatalf("RTB2 IfMissed = %q: should say when an RTB6 may be served", d.IfMissed)
	}
}

func TestDeadlineStatuses(t *testing.T) {
	h := domain.DefaultHolidays()
	tests := []struct {
		name    string
		events  []Event
		today   domain.Date
		key     string
		want    Status
		metOn   domain.Date
		outcome string
	}{
		{"RTB2 open before it is served", nil, rtb1Received, KeyRTB2, Open, domain.Date{}, ""},
		{"RTB2 met on its due date", []Event{on(EventRTB2Admitted, rtb2Served)}, rtb2Served, KeyRTB2, Met, rtb2Served, "on time"},
		{"RTB2 denial meets the deadline too", []Event{on(EventRTB2Denied, day(2025, time.March, 20))}, rtb2Served, KeyRTB2, Met, day(2025, time.March, 20), "denying"},
		{"RTB2 served late is met late", []Event{on(EventRTB2Admitted, day(2025, time.April, 3))}, day(2025, time.April, 3), KeyRTB2, MetLate, day(2025, time.April, 3), "3 days late"},
		{"RTB2 closed when the tenant withdraws first", []Event{on(EventTenantWithdrew, day(2025, time.March, 10))}, rtb2Served, KeyRTB2, Closed, domain.Date{}, "withdrew"},
		{"s125 closed when the tenant withdraws first", []Event{on(EventRTB2Admitted, rtb2Served), on(EventTenantWithdrew, day(2025, time.April, 10))}, rtb2Served, KeyS125, Closed, domain.Date{}, "withdrew"},
		{"tenant's reply met by the notice to pursue", accepted(), day(2025, time.May, 1), KeyTenantReply, Met, day(2025, time.May, 1), "notice to pursue"},
		{"tenant's reply met by a withdrawal", append(admittedOffer(), on(EventTenantWithdrew, day(2025, time.May, 1))), day(2025, time.May, 1), KeyTenantReply, Met, day(2025, time.May, 1), "withdrew"},
		{"tenant's late reply closes the s125E option", append(admittedOffer(), on(EventTenantAccepted, day(2025, time.June, 26))), day(2025, time.June, 26), KeyS125EMayServe, Closed, domain.Date{}, "replied late"},
		{"s125E option met when the notice is served", append(admittedOffer(), on(EventS125EServed, day(2025, time.June, 30))), day(2025, time.June, 30), KeyS125EMayServe, Met, day(2025, time.June, 30), "s125E"},
		{"RTB6 option met when the tenant relies on the missed RTB2", []Event{on(EventRTB6Served, s125Served)}, s125Served, KeyRTB6AfterRTB2, Met, s125Served, "RTB6 served"},
		{"RTB6 option closed when the late RTB2 comes first", []Event{on(EventRTB2Admitted, day(2025, time.April, 3))}, day(2025, time.April, 3), KeyRTB6AfterRTB2, Closed, domain.Date{}, "served late on Thu 3 Apr 2025"},
		{"RTB6 answered within the response period", []Event{on(EventRTB6Served, s125Served), on(EventRTB7Served, day(2025, time.April, 30))}, s125Served, KeyRTB6Response, Met, day(2025, time.April, 30), "on time"},
		{"RTB6 answered late only stops the credit", []Event{on(EventRTB6Served, s125Served), on(EventRTB8Served, day(2025, time.May, 1)), on(EventRTB7Served, day(2025, time.May, 20))}, s125Served, KeyRTB6Response, MetLate, day(2025, time.May, 20), "stops the rent credit"},
		{"RTB8 option closed by a counter notice in time", []Event{on(EventRTB6Served, s125Served), on(EventRTB7Served, day(2025, time.April, 30))}, s125Served, KeyRTB8MayServe, Closed, domain.Date{}, "cancelled the RTB6"},
		{"first notice to complete superseded by the final notice", append(accepted(), on(EventS140Served, day(2025, time.June, 2)), on(EventS141Served, day(2025, time.August, 1))), day(2025, time.August, 1), KeyCompletionNotice1, Closed, domain.Date{}, "superseded"},
		{"final notice to complete met by completion", append(accepted(), on(EventS140Served, day(2025, time.June, 2)), on(EventS141Served, day(2025, time.August, 1)), on(EventCompleted, day(2025, time.September, 1))), day(2025, time.September, 1), KeyCompletionNotice2, Met, day(2025, time.September, 1), "completed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := find(t, Deadlines(mustCase(t, house(), tt.events...), h, tt.today), tt.key)
			if d.Status != tt.want || !d.MetOn.Equal(tt.metOn) {
				t.Fatalf("status %s met %s, want %s met %s (outcome %q)", d.Status, d.MetOn, tt.want, tt.metOn, d.Outcome)
			}
			if !strings.Contains(d.Outcome, tt.outcome) {
				t.Fatalf("outcome %q does not mention %q", d.Outcome, tt.outcome)
			}
		})
	}
}

func TestDeadlinesListOnlyWhatApplies(t *testing.T) {
	h := domain.DefaultHolidays()
	tests := []struct {
		name    string
		events  []Event
		today   domain.Date
		present []string
		absent  []string
	}{
		{"a new claim has only the RTB2", nil, rtb1Received, []string{KeyRTB2}, []string{KeyS125, KeyTenantReply, KeyRTB6AfterRTB2}},
		{"no RTB6 option on the RTB2's due date itself", nil, rtb2Served, []string{KeyRTB2}, []string{KeyRTB6AfterRTB2}},
		{"no RTB6 option when the claim was withdrawn before the RTB2 was due", []Event{on(EventTenantWithdrew, day(2025, time.March, 20))}, day(2025, time.April, 10),
			[]string{KeyRTB2}, []string{KeyRTB6AfterRTB2}},
		{"an RTB6 option stays listed, closed, when the claim ends after the RTB2 was missed", []Event{on(EventTenantWithdrew, day(2025, time.April, 5))}, day(2025, time.April, 10),
			[]string{KeyRTB6AfterRTB2}, nil},
		{"the s125 starts with the RTB2 admitting the right", []Event{on(EventRTB2Admitted, rtb2Served)}, rtb2Served, []string{KeyS125}, []string{KeyTenantReply}},
		{"a denial starts no s125 clock", []Event{on(EventRTB2Denied, rtb2Served)}, rtb2Served, []string{KeyRTB2}, []string{KeyS125}},
		{"no s125E option while the tenant's period runs", admittedOffer(), day(2025, time.June, 23), []string{KeyTenantReply}, []string{KeyS125EMayServe}},
		{"no s125E option after a reply in time", accepted(), day(2025, time.July, 1), []string{KeyTenantReply}, []string{KeyS125EMayServe, KeyS125EReply}},
		{"a second RTB6 gets numbered keys", []Event{on(EventRTB6Served, s125Served), on(EventRTB7Served, day(2025, time.April, 10)), on(EventRTB6Served, day(2025, time.June, 1))}, day(2025, time.June, 1),
			[]string{KeyRTB6Response, KeyRTB6Response + "-2", KeyRTB8MayServe + "-2"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			all := Deadlines(mustCase(t, house(), tt.events...), h, tt.today)
			for _, k := range tt.present {
				find(t, all, k)
			}
			for _, k := range tt.absent {
				if hasKey(all, k) {
					t.Fatalf("%s listed, should not be", k)
				}
			}
			if !slices.IsSortedFunc(all, func(a, b Deadline) int { return a.Due.Compare(b.Due) }) {
				t.Fatalf("deadlines not in date order")
			}
		})
	}
}

func TestBankHolidaysNeverMoveADeadline(t *testing.T) {
	c := mustCase(t, house(), on(EventRTB2Admitted, rtb2Served))
	royal := domain.DefaultHolidays().With([]domain.BankHoliday{{Date: rtb2Served, Title: "Royal occasion"}})
	tests := []struct {
		name     string
		holidays domain.Holidays
		key      string
		holiday  string
		warning  string
	}{
		{"s125 due on the Spring bank holiday: warn, do not move", domain.DefaultHolidays(), KeyS125, "Spring bank holiday",
			"due on a bank holiday (Spring bank holiday) — serve earlier: the date does not move (last working day before it: Fri 23 May 2025)"},
		{"an injected holiday on the RTB2 date: warn, do not move", royal, KeyRTB2, "Royal occasion", "due on a bank holiday (Royal occasion)"},
		{"without holiday data there is nothing to warn of", domain.Holidays{}, KeyS125, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := find(t, Deadlines(c, tt.holidays, rtb2Served), tt.key)
			want := map[string]domain.Date{KeyRTB2: day(2025, time.March, 31), KeyS125: day(2025, time.May, 26)}[tt.key]
			if !d.Due.Equal(want) {
				t.Fatalf("due %s, want %s: a bank holiday moved it", d.Due.Human(), want.Human())
			}
			if d.BankHoliday != tt.holiday {
				t.Fatalf("BankHoliday = %q, want %q", d.BankHoliday, tt.holiday)
			}
			got := strings.Join(d.Warnings, " | ")
			if tt.warning == "" && got != "" || !strings.Contains(got, tt.warning) {
				t.Fatalf("warnings %q, want %q", got, tt.warning)
			}
		})
	}
	// A deadline on a weekend gets the same warning: the date does not move.
	dv := mustCase(t, house(), append(admittedOffer(), on(EventDVDetermination, day(2025, time.June, 2)))...)
	d := find(t, Deadlines(dv, domain.DefaultHolidays(), s125Served), KeyTenantReply)
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], "due on a Sunday") || !strings.Contains(d.Warnings[0], "Fri 22 Aug 2025") {
		t.Fatalf("Sunday deadline warnings = %q", d.Warnings)
	}
}

func TestFraudChecksDoNotPauseTheClocks(t *testing.T) {
	h := domain.DefaultHolidays()
	today := day(2025, time.April, 10)
	plain := mustCase(t, house(), on(EventRTB2Admitted, rtb2Served))
	a, err := FraudAssessment{}.Set(CheckResult{Check: CheckPrincipalHome, Status: Concern, On: today, Note: "NFI match with another council's tenancy"})
	if err != nil {
		t.Fatal(err)
	}
	flagged := plain.WithFraud(a)
	if !flagged.Fraud().HasOpenConcern() || plain.Fraud().HasOpenConcern() {
		t.Fatal("WithFraud should change only the copy")
	}
	if flagged.Stage() != plain.Stage() {
		t.Fatalf("stage %q with a concern, %q without", flagged.Stage(), plain.Stage())
	}
	with, without := Deadlines(flagged, h, today), Deadlines(plain, h, today)
	if len(with) != len(without) {
		t.Fatalf("%d deadlines with a concern, %d without", len(with), len(without))
	}
	for i := range with {
		w, wo := with[i], without[i]
		if w.Key != wo.Key || !w.Due.Equal(wo.Due) || w.Status != wo.Status {
			t.Fatalf("%s: %s %s with a concern, %s %s without", w.Key, w.Due, w.Status, wo.Due, wo.Status)
		}
	}
	// The open council deadline says so; the met one does not need to.
	s125 := find(t, with, KeyS125)
	if !strings.Contains(strings.Join(s125.Warnings, " "), "fraud checks do not pause this clock") {
		t.Fatalf("open s125 warnings = %q", s125.Warnings)
	}
	if rtb2 := find(t, with, KeyRTB2); len(rtb2.Warnings) != 0 {
		t.Fatalf("met RTB2 warnings = %q", rtb2.Warnings)
	}
	u1, _ := Next(flagged, h, today)
	u2, _ := Next(plain, h, today)
	if u1.Deadline.Key != u2.Deadline.Key || u1.DaysLeft != u2.DaysLeft {
		t.Fatalf("Next differs with a concern: %+v vs %+v", u1, u2)
	}
}

func TestNext(t *testing.T) {
	h := domain.DefaultHolidays()
	tests := []struct {
		name     string
		events   []Event
		today    domain.Date
		key      string // "" for none
		daysLeft int
	}{
		{"RTB2 with 28 days left on the day the RTB1 arrives", nil, rtb1Received, KeyRTB2, 28},
		{"RTB2 due today", nil, rtb2Served, KeyRTB2, 0},
		{"RTB2 overdue by 3 days", nil, day(2025, time.April, 3), KeyRTB2, -3},
		{"after the RTB2 the s125 is next", []Event{on(EventRTB2Admitted, rtb2Served)}, s125Served, KeyS125, 55},
		{"the tenant's deadline counts too", admittedOffer(), s125Served, KeyTenantReply, 83},
		{"an overdue RTB6 answer comes before a later s125", []Event{on(EventRTB6Served, s125Served), on(EventRTB2Admitted, day(2025, time.April, 10))}, day(2025, time.May, 5), KeyRTB6Response, -5},
		{"nothing after completion", append(accepted(), on(EventCompleted, day(2025, time.June, 2))), day(2025, time.June, 3), "", 0},
		{"nothing waits after a reply in time with no notice to complete", accepted(), day(2025, time.May, 2), "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, ok := Next(mustCase(t, house(), tt.events...), h, tt.today)
			if tt.key == "" {
				if ok {
					t.Fatalf("Next = %s, want none", u.Words())
				}
				return
			}
			if !ok || u.Deadline.Key != tt.key || u.DaysLeft != tt.daysLeft {
				t.Fatalf("Next = %q %d days (ok %v), want %s %d days", u.Deadline.Key, u.DaysLeft, ok, tt.key, tt.daysLeft)
			}
			if u.Overdue() != (tt.daysLeft < 0) {
				t.Fatalf("Overdue = %v with %d days left", u.Overdue(), u.DaysLeft)
			}
		})
	}
}

func TestUpcomingWords(t *testing.T) {
	d := Deadline{Name: "RTB2 (admit or deny the right)", Due: rtb2Served}
	tests := []struct {
		days int
		want string
	}{
		{-3, "RTB2 (admit or deny the right) OVERDUE by 3 days (due Mon 31 Mar 2025)"},
		{-1, "RTB2 (admit or deny the right) OVERDUE by 1 day (due Mon 31 Mar 2025)"},
		{0, "RTB2 (admit or deny the right) due TODAY (Mon 31 Mar 2025)"},
		{5, "RTB2 (admit or deny the right) due Mon 31 Mar 2025: 5 days left"},
	}
	for _, tt := range tests {
		if got := (Upcoming{Deadline: d, DaysLeft: tt.days}).Words(); got != tt.want {
			t.Errorf("%d days: %q, want %q", tt.days, got, tt.want)
		}
	}
}

func TestRentCredits(t *testing.T) {
	rtb6 := on(EventRTB6Served, s125Served)
	rtb8 := on(EventRTB8Served, day(2025, time.May, 1))
	tests := []struct {
		name      string
		events    []Event
		ground    DelayGround
		from      domain.Date
		until     domain.Date
		running   bool
		cancelled bool
		words     []string
	}{
		{"RTB2 missed: RTB6 served, response period still running", []Event{rtb6}, GroundNoRTB2, rtb2Served, domain.Date{}, false, false,
			[]string{"by Wed 30 Apr 2025", "RTB8 from Thu 1 May 2025", "rent paid from Mon 31 Mar 2025"}},
		{"no counter notice: rent from the missed RTB2 date counts once the RTB8 is served", []Event{rtb6, rtb8}, GroundNoRTB2, rtb2Served, domain.Date{}, true, false,
			[]string{"RTB8 served Thu 1 May 2025", "rent paid from Mon 31 Mar 2025", "not rates, council tax or service charges"}},
		{"a late counter notice stops the credit", []Event{rtb6, rtb8, on(EventRTB7Served, day(2025, time.June, 16))}, GroundNoRTB2, rtb2Served, day(2025, time.June, 16), false, false,
			[]string{"up to Mon 16 Jun 2025", "counter notice"}},
		{"completion stops the credit", append([]Event{on(EventRTB2Admitted, rtb2Served), on(EventS125Served, s125Served), on(EventTenantAccepted, day(2025, time.April, 20)),
			on(EventRTB6Served, day(2025, time.May, 1)), on(EventRTB8Served, day(2025, time.June, 1))}, on(EventCompleted, day(2025, time.July, 1))),
			GroundOtherDelay, day(2025, time.June, 1), day(2025, time.July, 1), false, false, []string{"sale completed on Tue 1 Jul 2025"}},
		{"a counter notice within the response period cancels the RTB6", []Event{rtb6, on(EventRTB7Served, day(2025, time.April, 30))}, GroundNoRTB2, rtb2Served, domain.Date{}, false, true,
			[]string{"cancelled", "no rent credit"}},
		{"s125 missed: the default date is the s125 deadline", []Event{on(EventRTB2Admitted, rtb2Served), on(EventRTB6Served, day(2025, time.May, 27)), on(EventRTB8Served, day(2025, time.June, 27))},
			GroundNoS125, day(2025, time.May, 26), domain.Date{}, true, false, []string{"rent paid from Mon 26 May 2025"}},
		{"other delays: rent counts from the RTB8's own date", []Event{on(EventRTB6Served, day(2025, time.March, 20)), on(EventRTB8Served, day(2025, time.April, 22))},
			GroundOtherDelay, day(2025, time.April, 22), domain.Date{}, true, false, []string{"rent paid from Tue 22 Apr 2025 (the RTB8's date)"}},
		{"a late counter notice before any RTB8 caps what one could earn", []Event{rtb6, on(EventRTB7Served, day(2025, time.May, 5))}, GroundNoRTB2, rtb2Served, domain.Date{}, false, false,
			[]string{"did not cancel", "would stop at Mon 5 May 2025"}},
		{"withdrawal before any RTB8 leaves no credit", []Event{rtb6, on(EventTenantWithdrew, day(2025, time.April, 20))}, GroundNoRTB2, rtb2Served, domain.Date{}, false, false,
			[]string{"no RTB8 was served before the tenant withdrew", "no rent credit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			credits := RentCredits(mustCase(t, house(), tt.events...))
			if len(credits) != 1 {
				t.Fatalf("%d credits, want 1", len(credits))
			}
			rc := credits[0]
			if rc.Ground != tt.ground || !rc.From.Equal(tt.from) || !rc.Until.Equal(tt.until) || rc.Running != tt.running || rc.Cancelled != tt.cancelled {
				t.Fatalf("got ground %s from %s until %s running %v cancelled %v; want %s %s %s %v %v\n%s",
					rc.Ground, rc.From, rc.Until, rc.Running, rc.Cancelled, tt.ground, tt.from, tt.until, tt.running, tt.cancelled, rc.Words)
			}
			for _, w := range tt.words {
				if !strings.Contains(rc.Words, w) {
					t.Fatalf("words %q do not mention %q", rc.Words, w)
				}
			}
		})
	}
	if got := RentCredits(mustCase(t, house())); len(got) != 0 {
		t.Fatalf("credits on a case with no RTB6: %+v", got)
	}
}

func TestRTB8AfterALateCounterNoticeIsRecorded(t *testing.T) {
	// s153B lets the tenant serve an RTB8 once the response period ended
	// with no counter notice; a later counter notice only bounds the credit.
	c := mustCase(t, house(), on(EventRTB6Served, s125Served), on(EventRTB7Served, day(2025, time.May, 5)), on(EventRTB8Served, day(2025, time.May, 6)))
	rc := RentCredits(c)[0]
	if rc.Running || !rc.Until.Equal(day(2025, time.May, 5)) || !rc.From.Equal(rtb2Served) {
		t.Fatalf("credit %+v", rc)
	}
}
