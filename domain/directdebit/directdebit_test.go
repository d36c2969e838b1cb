package directdebit

import (
	"strings"
	"testing"

	"caseload/domain"
	"caseload/domain/arrangement"
)

func day(s string) domain.Date {
	d, err := domain.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func gbp(s string) domain.Money { return domain.MustMoney(s) }

func rent(weekly string) []domain.ChargeComponent {
	return []domain.ChargeComponent{{Component: "rent", Weekly: gbp(weekly)}}
}

func TestCollectionAmountWorkedExamples(t *testing.T) {
	weekly := func(instalment string) *arrangement.Terms {
		return &arrangement.Terms{Start: day("2026-01-05"), Frequency: arrangement.Weekly, Instalment: gbp(instalment)}
	}
	monthlyPlan := &arrangement.Terms{Start: day("2026-01-05"), Frequency: arrangement.Monthly, Instalment: gbp("50.00")}
	on := day("2026-12-01")
	tests := []struct {
		name  string
		basis AmountBasis
		f     arrangement.Frequency
		want  string
		line  string
	}{
		{"£110.50 a week collected monthly is 110.50 × 52 ÷ 12 rounded once", AmountBasis{Charges: rent("110.50")},
			arrangement.Monthly, "478.83", "£478.83 a month"},
		{"collected weekly it is the weekly charge", AmountBasis{Charges: rent("110.50")}, arrangement.Weekly, "110.50", "£110.50 a week"},
		{"collected four-weekly it is four weeks' charge", AmountBasis{Charges: rent("110.50")}, arrangement.FourWeekly, "442.00", "£442.00 per 4 weeks"},
		{"two rent-free weeks spread a monthly collection over 50 charged weeks", AmountBasis{Charges: rent("110.50"), RentFreeWeeks: 2},
			arrangement.Monthly, "460.42", "£460.42 a month"},
		{"£110 a week monthly is £476.67 (RULES.md's month)", AmountBasis{Charges: rent("110.00")}, arrangement.Monthly, "476.67", "£476.67 a month"},
		{"a weekly £10 instalment collected monthly is 10 × 52 ÷ 12 rounded up", AmountBasis{Charges: rent("110.50"), Arrangement: weekly("10.00")},
			arrangement.Monthly, "522.17", "£478.83 rent + £43.34 arrears = £522.17 a month"},
		{"a monthly £50 instalment collected four-weekly is 50 × 12 ÷ 13 rounded up", AmountBasis{Charges: rent("110.50"), Arrangement: monthlyPlan},
			arrangement.FourWeekly, "488.16", "£442.00 rent + £46.16 arrears = £488.16 per 4 weeks"},
		{"an instalment at the mandate's own frequency is as agreed", AmountBasis{Charges: rent("110.50"), Arrangement: weekly("7.33")},
			arrangement.Weekly, "117.83", "£110.50 rent + £7.33 arrears = £117.83 a week"},
		{"the charges are the components in force on the collection date", AmountBasis{Charges: []domain.ChargeComponent{
			{Component: "rent", Weekly: gbp("100.00")}, {Component: "service", Weekly: gbp("10.50")},
			{Component: "rent", Weekly: gbp("104.00"), From: day("2027-04-05")}}},
			arrangement.Monthly, "478.83", "£478.83 a month"},
		{"an arrangement not started yet adds nothing", AmountBasis{Charges: rent("110.50"),
			Arrangement: &arrangement.Terms{Start: day("2027-01-04"), Frequency: arrangement.Weekly, Instalment: gbp("10.00")}},
			arrangement.Monthly, "478.83", "£478.83 a month"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.basis.AmountOn(tt.f, on)
			if got.Total.String() != tt.want || got.Line() != tt.line {
				t.Fatalf("got %s (%q), want %s (%q)", got.Total, got.Line(), tt.want, tt.line)
			}
		})
	}
	// After the April change: (104 + 10.50) × 52 ÷ 12 = 496.1666… → £496.17.
	b := tests[8].basis
	if got := b.AmountOn(arrangement.Monthly, day("2027-05-01")).Total; got.String() != "496.17" {
		t.Fatalf("after April: %s", got)
	}
}

func TestStateMoves(t *testing.T) {
	tests := []struct {
		name     string
		from, to State
		ok       bool
	}{
		{"a lodgement accepted makes a pending mandate live", Pending, Live, true},
		{"a pending mandate can be cancelled", Pending, Cancelled, true},
		{"a rejected lodgement puts a live mandate back to pending", Live, Pending, true},
		{"a live mandate can be cancelled", Live, Cancelled, true},
		{"a live mandate can expire", Live, Expired, true},
		{"a live mandate is not made live again", Live, Live, false},
		{"a cancelled mandate stays cancelled: set up a new one", Cancelled, Live, false},
		{"an expired mandate stays expired", Expired, Pending, false},
		{"an unknown state is refused", Live, State("paused"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.from.MoveTo(tt.to)
			if (err == nil) != tt.ok {
				t.Fatalf("%s → %s: %v", tt.from, tt.to, err)
			}
			if err != nil && !domain.IsValidation(err) {
				t.Fatalf("not a validation error: %v", err)
			}
		})
	}
}

func TestReferences(t *testing.T) {
	tests := []struct {
		name, account string
		n             int
		want, err     string
	}{
		{"the account reference, DD and the mandate's number", "NW10428", 1, "NW10428DD01", ""},
		{"lower case and punctuation are tidied for Bacs", "nw/104-28", 2, "NW10428DD02", ""},
		{"a long reference is cut to fit 18 characters", "ABCDEFGHIJKLMNOP", 3, "ABCDEFGHIJKLDD03", ""},
		{"a short one still makes six characters", "A1", 1, "A1DD01", ""},
		{"nothing usable is refused", "--", 1, "", "6 to 18 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Reference(tt.account, tt.n)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got %q, %v; want error %q", got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestMasking(t *testing.T) {
	if got := MaskSortCode("123456"); got != "••-••-56" {
		t.Errorf("sort code %q", got)
	}
	if got := MaskAccount("12345678"); got != "••••5678" {
		t.Errorf("account %q", got)
	}
	m := Mandate{SortCode: "123456", Account: "12345678"}
	if got := m.Masked(); got != "••-••-56 ••••5678" || strings.Contains(got, "1234") {
		t.Errorf("masked %q", got)
	}
}

func TestFirstCollectionLeavesLodgementAndNotice(t *testing.T) {
	p, h := DefaultPolicy(), domain.DefaultHolidays()
	tests := []struct {
		name  string
		day   int
		today string
		want  string
	}{
		{"3 + 10 working days from Mon 23 Nov is Thu 10 Dec: the 15th is the first 15th after", 15, "2026-11-23", "2026-12-15"},
		{"the 8th is too soon, so January's", 8, "2026-11-23", "2027-01-08"},
		{"the 1st of January is kept as the date by the day", 1, "2026-11-23", "2027-01-01"},
		{"Christmas and Boxing Day push the notice on", 28, "2026-12-10", "2027-01-28"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := p.FirstCollection(tt.day, day(tt.today), h); got != day(tt.want) {
				t.Fatalf("got %s, want %s", got, tt.want)
			}
		})
	}
	if err := p.CheckDay(2); err == nil || !strings.Contains(err.Error(), "1, 8, 15, 22, 28") {
		t.Fatalf("day 2: %v", err)
	}
}

func mandate(freq arrangement.Frequency, dayOf int, first, amount string) Mandate {
	m := Mandate{ID: "m1", Ref: "NW1001", Reference: "NW1001DD01", Payer: "Sam Example", SortCode: "123456", Account: "12345678",
		Day: dayOf, Frequency: freq, First: day(first)}
	return Fold(m, []Event{{ID: "m1", Kind: SetUp, Date: day("2026-11-01"), State: Pending, Amount: gbp(amount), Effective: day(first),
		Payer: m.Payer, SortCode: m.SortCode, Account: m.Account}})
}

func TestCollectionsMoveOffNonWorkingDays(t *testing.T) {
	h := domain.DefaultHolidays()
	m := mandate(arrangement.Monthly, 1, "2027-01-01", "478.83")
	got := m.Next(day("2026-12-01"), 3, h)
	want := []string{"2027-01-04", "2027-02-01", "2027-03-01"} // 1 Jan is New Year's Day, 2 and 3 Jan a weekend
	if len(got) != 3 {
		t.Fatalf("got %+v", got)
	}
	for i, w := range want {
		if got[i].On != day(w) || got[i].Due.Day() != 1 {
			t.Errorf("collection %d: %+v, want on %s", i, got[i], w)
		}
	}
	wk := mandate(arrangement.FourWeekly, 8, "2026-12-08", "442.00")
	if got := wk.Next(day("2026-12-09"), 2, h); got[0].Due != day("2027-01-05") || got[1].Due != day("2027-02-02") {
		t.Fatalf("four-weekly %+v", got)
	}
	wk.State = Cancelled
	if got := wk.Next(day("2026-12-09"), 2, h); len(got) != 0 {
		t.Fatalf("a cancelled mandate collects %+v", got)
	}
}

func TestFoldKeepsHistoryAndIgnoresMovesAfterTheEnd(t *testing.T) {
	m := mandate(arrangement.Monthly, 1, "2027-01-01", "478.83")
	base := m.History
	evs := append(base,
		Event{ID: "e3", Kind: Moved, Date: day("2026-11-30"), State: Cancelled, Reason: "payer cancelled"},
		Event{ID: "e2", Kind: Moved, Date: day("2026-11-26"), State: Live, Reason: "AUDDIS accepted"},
		Event{ID: "e4", Kind: Moved, Date: day("2026-12-02"), State: Live, Reason: "late advice"},
		Event{ID: "e5", Kind: Amount, Date: day("2026-11-27"), Amount: gbp("496.17"), Effective: day("2027-05-01")},
	)
	got := Fold(m, evs)
	if got.State != Cancelled || got.StateOn != day("2026-11-30") || len(got.History) != 4 || len(got.Ignored) != 1 || got.Ignored[0].ID != "e4" {
		t.Fatalf("fold %+v", got)
	}
	if !got.AmountOn(day("2027-04-01")).Equal(gbp("478.83")) || !got.AmountOn(day("2027-05-01")).Equal(gbp("496.17")) {
		t.Fatalf("amounts %+v", got.Amounts)
	}
	for _, e := range got.History {
		if w := e.Words(); strings.Contains(w, "12345678") || strings.Contains(w, "123456 ") {
			t.Fatalf("history line shows bank details: %q", w)
		}
	}
}

func TestPlanAmountGivesTenWorkingDaysNotice(t *testing.T) {
	p, h := DefaultPolicy(), domain.DefaultHolidays()
	m := mandate(arrangement.Monthly, 8, "2026-12-08", "433.33")
	m.State = Live
	basis := AmountBasis{Charges: rent("110.50")}
	tests := []struct {
		name, effective, today string
		late                   bool
		from, noticeBy         string
	}{
		{"Mon 23 Nov + 10 working days is Mon 7 Dec: the 8 Dec collection has its notice", "2026-12-01", "2026-11-23", false, "2026-12-08", "2026-11-24"},
		{"on Wed 25 Nov it is too late for 8 Dec: the new amount starts on 8 Jan", "2026-12-01", "2026-11-25", true, "2027-01-08", "2026-11-24"},
		{"a change effective after a collection starts at the next one", "2026-12-09", "2026-11-23", false, "2027-01-08", "2026-12-22"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := p.PlanAmount(m, basis, day(tt.effective), day(tt.today), h)
			if !ok || c.Late != tt.late || c.From.Due != day(tt.from) || c.NoticeBy != day(tt.noticeBy) || !c.Changed() ||
				c.New.Total.String() != "478.83" || c.Old.Total.String() != "433.33" {
				t.Fatalf("plan %+v (ok %v)", c, ok)
			}
			notice := c.Notice("the council", p.NoticeWorkingDays)
			if !strings.Contains(notice, "£478.83 a month") || !strings.Contains(notice, "NW1001DD01") ||
				!strings.Contains(notice, "••••5678") || strings.Contains(notice, "12345678") || !strings.Contains(notice, c.From.On.Human()) {
				t.Fatalf("notice %q", notice)
			}
			if tt.late && !strings.Contains(c.LateWords(), "stays at £433.33") {
				t.Fatalf("late words %q", c.LateWords())
			}
			// Once the new amount is recorded, planning again changes nothing.
			done := Fold(m, append(m.History, Event{ID: "a1", Kind: Amount, Date: day(tt.today), Amount: c.New.Total, Effective: c.From.Due}))
			if again, _ := p.PlanAmount(done, basis, day(tt.effective), day(tt.today), h); again.Changed() {
				t.Fatalf("planned again after recording: %+v", again)
			}
		})
	}
	m.State = Cancelled
	if _, ok := p.PlanAmount(m, basis, day("2026-12-01"), day("2026-11-23"), h); ok {
		t.Fatal("a cancelled mandate was planned")
	}
}

func TestOnWordsSayTheDayAsTheScheduleCollects(t *testing.T) {
	mon := day("2024-12-02") // a Monday
	for _, tc := range []struct {
		freq arrangement.Frequency
		day  int
		want string
	}{
		{arrangement.Monthly, 8, "on the 8th"},
		{arrangement.Monthly, 22, "on the 22nd"},
		// Weekly and four-weekly collect every 7 or 28 days from the first
		// collection: the day of the month it was set up on means nothing.
		{arrangement.Weekly, 1, "on Mondays"},
		{arrangement.FourWeekly, 1, "on Mondays"},
	} {
		m := Mandate{Frequency: tc.freq, Day: tc.day, First: mon}
		if got := m.OnWords(); got != tc.want {
			t.Errorf("%s day %d: %q, want %q", tc.freq, tc.day, got, tc.want)
		}
	}
}

// TestMandatePaperWords: a mandate set up from a paper instruction the
// council holds is converted (AUDDIS 0S); one without says nothing of paper.
func TestMandatePaperWords(t *testing.T) {
	for _, tt := range []struct {
		paper bool
		want  string
	}{{true, "converting (0S)"}, {false, ""}} {
		if got := (Mandate{Paper: tt.paper}).PaperWords(); got != tt.want {
			t.Errorf("paper %v: %q, want %q", tt.paper, got, tt.want)
		}
	}
}
