package bacs

import (
	"strings"
	"testing"
	gotime "time"

	"caseload/domain"
	"caseload/domain/arrangement"
)

func dec(day int) domain.Date { return domain.MustDate(2026, gotime.December, day) }

func TestScheduleDueForProcessing(t *testing.T) {
	h := domain.DefaultHolidays()
	monthly := func(day int, first domain.Date) Schedule {
		return Schedule{Frequency: arrangement.Monthly, Day: day, First: first}
	}
	tests := []struct {
		rule string
		s    Schedule
		p    domain.Date
		want []domain.Date
	}{
		{"a Tuesday 1st is processed on the Monday before", monthly(1, dec(1)), domain.MustDate(2026, 11, 30), []domain.Date{dec(1)}},
		{"the 28th on the Boxing Day substitute is taken on the 29th, processed Christmas Eve", monthly(28, domain.MustDate(2026, 11, 28)), dec(24), []domain.Date{dec(28)}},
		{"no collection falls due in another week's file", monthly(1, dec(1)), dec(7), nil},
		{"a Saturday weekly collection goes in Friday's file", Schedule{Frequency: arrangement.Weekly, First: dec(5)}, dec(4), []domain.Date{dec(5)}},
		{"nothing before the first collection", Schedule{Frequency: arrangement.Weekly, First: dec(12)}, dec(4), nil},
		{"four-weekly steps 28 days from the first", Schedule{Frequency: arrangement.FourWeekly, First: domain.MustDate(2026, 11, 10)}, dec(7), []domain.Date{dec(8)}},
		{"four-weekly skips the weeks between", Schedule{Frequency: arrangement.FourWeekly, First: domain.MustDate(2026, 11, 10)}, dec(14), nil},
		{"nothing after the final collection", Schedule{Frequency: arrangement.Weekly, First: domain.MustDate(2026, 11, 7), Final: domain.MustDate(2026, 11, 28)}, dec(4), nil},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			got := tt.s.DueForProcessing(tt.p, h)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if !got[i].Equal(tt.want[i]) {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestScheduleValidateAndFinal(t *testing.T) {
	if err := (Schedule{Frequency: arrangement.Monthly, Day: 31, First: dec(31)}).Validate(); err == nil || !strings.Contains(err.Error(), "every month") {
		t.Fatalf("day 31 accepted: %v", err)
	}
	if err := (Schedule{Frequency: arrangement.Fortnightly, First: dec(1)}).Validate(); err == nil {
		t.Fatal("fortnightly accepted: Direct Debits here are weekly, four-weekly or monthly")
	}
	s := Schedule{Frequency: arrangement.Weekly, First: dec(1), Final: dec(16)}
	if !s.IsFinal(dec(15)) || s.IsFinal(dec(8)) {
		t.Fatal("the last weekly date before Final is the final collection")
	}
	if n := s.Next(dec(16)); !n.IsZero() {
		t.Fatalf("next after the end = %s", n)
	}
}

func TestPlanCollections(t *testing.T) {
	h := domain.DefaultHolidays()
	mandate := func(id, acct string, collected bool, s Schedule) MandateFacts {
		return MandateFacts{ID: id, Account: acct, Reference: "RENT" + acct, SortCode: "200000", Number: "58177632",
			PayerName: "A Tenant", Live: true, Schedule: s, Amount: domain.MustMoney("95.00"), Collected: collected}
	}
	first := mandate("m1", "R002", false, Schedule{Frequency: arrangement.Monthly, Day: 1, First: dec(1)})
	regular := mandate("m2", "R001", true, Schedule{Frequency: arrangement.Monthly, Day: 1, First: domain.MustDate(2026, 6, 1)})
	final := mandate("m3", "R003", true, Schedule{Frequency: arrangement.Monthly, Day: 1, First: domain.MustDate(2026, 6, 1), Final: dec(1)})
	dead := mandate("m4", "R004", true, Schedule{Frequency: arrangement.Monthly, Day: 1, First: domain.MustDate(2026, 6, 1)})
	dead.Live = false
	filed := mandate("m5", "R005", true, Schedule{Frequency: arrangement.Monthly, Day: 1, First: domain.MustDate(2026, 6, 1)})
	p := domain.MustDate(2026, 11, 30)
	ret := ReturnedDebit{Reference: "RENTR001", Amount: domain.MustMoney("95.00"), Code: RegularCollection,
		OriginalProcessingDate: domain.MustDate(2026, 11, 13)}
	ret.Reason, _ = ARUDDReasonFor("0")
	plan := PlanCollections(p, h, []MandateFacts{first, regular, final, dead, filed},
		map[CollectionKey]bool{{Mandate: "m5", Due: dec(1)}: true},
		[]Pending{{Collection: "c9", Mandate: "m2", Return: ret, From: domain.MustDate(2026, 11, 23)}},
		DefaultRepresentationPolicy())
	got := []string{}
	for _, d := range plan.Due {
		got = append(got, d.Account+" "+string(d.Item.Code))
	}
	want := "R001 17,R001 18,R002 01,R003 19"
	if strings.Join(got, ",") != want {
		t.Fatalf("file holds %v, want %s", got, want)
	}
	if !plan.Total().Equal(domain.MustMoney("380.00")) {
		t.Fatalf("total %s", plan.Total())
	}
	why := map[string]string{}
	for _, s := range plan.Skipped {
		why[s.Mandate] = s.Why
	}
	if !strings.Contains(why["m4"], "not live") || !strings.Contains(why["m5"], "already in a file") {
		t.Fatalf("skips: %v", why)
	}
	if plan.Due[1].Represents != "c9" {
		t.Fatalf("the 18 does not name the returned collection: %+v", plan.Due[1])
	}

	t.Run("a re-presentation past the month is left out with the reason", func(t *testing.T) {
		old := ret
		old.OriginalProcessingDate = domain.MustDate(2026, 10, 20)
		plan := PlanCollections(p, h, []MandateFacts{regular}, nil, []Pending{{Collection: "c9", Mandate: "m2", Return: old}}, DefaultRepresentationPolicy())
		if len(plan.Due) != 1 || len(plan.Skipped) != 1 || !strings.Contains(plan.Skipped[0].Why, "more than a month") {
			t.Fatalf("plan %+v", plan)
		}
	})
	t.Run("a re-presentation waits for the payer's notice", func(t *testing.T) {
		plan := PlanCollections(p, h, []MandateFacts{regular}, nil, []Pending{{Collection: "c9", Mandate: "m2", Return: ret, From: dec(3)}}, DefaultRepresentationPolicy())
		if len(plan.Due) != 1 || len(plan.Skipped) != 0 {
			t.Fatalf("plan %+v", plan)
		}
	})
}

func TestInstructionFor(t *testing.T) {
	tests := []struct {
		rule string
		f    InstructionFacts
		want TransactionCode
	}{
		{"a new mandate is lodged with 0N", InstructionFacts{Pending: true}, NewInstruction},
		{"a paper instruction is converted with 0S", InstructionFacts{Pending: true, Paper: true}, ConvertInstruction},
		{"a lodged mandate is not lodged again", InstructionFacts{Pending: true, Lodged: true}, ""},
		{"a council cancellation of a lodged mandate sends 0C", InstructionFacts{CancelledHere: true, Lodged: true}, CancelInstruction},
		{"a 0C is sent once", InstructionFacts{CancelledHere: true, Lodged: true, CancelSent: true}, ""},
		{"a mandate never lodged needs no 0C", InstructionFacts{CancelledHere: true}, ""},
		{"a cancellation the bank reported is not sent back", InstructionFacts{Lodged: true}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			got, ok := InstructionFor(tt.f)
			if got != tt.want || ok != (tt.want != "") {
				t.Fatalf("got %q %v", got, ok)
			}
		})
	}
}

func TestActOnReturn(t *testing.T) {
	h := domain.DefaultHolidays()
	advice := domain.MustDate(2026, 11, 16)
	ret := func(code string) ReturnedDebit {
		r := ReturnedDebit{Reference: "RENT000123", Amount: domain.MustMoney("95.00"), Code: RegularCollection,
			OriginalProcessingDate: domain.MustDate(2026, 11, 12), ReturnCode: "0128"}
		r.Reason, _ = ARUDDReasonFor(code)
		return r
	}
	tests := []struct {
		rule      string
		r         ReturnedDebit
		first     domain.Date
		attempts  int
		represent bool
		ends      bool
		why       string
	}{
		{"refer to payer is re-presented once, after 5 working days' notice", ret("0"), domain.Date{}, 0, true, false, "from 2026-11-23"},
		{"refer to payer already re-presented once is not again", ret("0"), domain.Date{}, 1, false, false, "already re-presented 1"},
		{"a re-presentation keeps the first presentation's month", ret("0"), domain.MustDate(2026, 10, 20), 0, false, false, "more than a month"},
		{"instruction cancelled is never re-presented and ends the mandate", ret("1"), domain.Date{}, 0, false, true, "never re-presented"},
		{"payer deceased is never re-presented", ret("2"), domain.Date{}, 0, false, true, "never re-presented"},
		{"no account is never re-presented", ret("5"), domain.Date{}, 0, false, true, "never re-presented"},
		{"no instruction is never re-presented", ret("6"), domain.Date{}, 0, false, true, "never re-presented"},
		{"advance notice disputed stops without ending the mandate", ret("4"), domain.Date{}, 0, false, false, "never re-presented"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			a := ActOnReturn(tt.r, tt.first, tt.attempts, advice, h, DefaultRepresentationPolicy())
			if a.Represent != tt.represent || a.EndsMandate != tt.ends || !strings.Contains(a.Why, tt.why) {
				t.Fatalf("got %+v", a)
			}
			if !strings.HasPrefix(a.Unpaid, tt.r.Reason.Code+" ") {
				t.Fatalf("the dd-unpaid detail must start with the reason code: %q", a.Unpaid)
			}
			if !strings.Contains(a.ReversalNote, tt.r.Reason.Meaning) {
				t.Fatalf("reversal note %q", a.ReversalNote)
			}
		})
	}
}

func TestActOnAmendment(t *testing.T) {
	h := domain.DefaultHolidays()
	advice := dec(10)
	am := func(code, sc, acc string) Amendment {
		a := Amendment{Reference: "RENT000123", EffectiveDate: dec(9), NewSortCode: sc, NewAccount: acc}
		a.Reason, _ = ADDACSReasonFor(code)
		return a
	}
	tests := []struct {
		rule                          string
		a                             Amendment
		cancel, suspend, relodge, act bool
		words                         string
	}{
		{"cancelled by the payer: cancelled, an officer contacts the tenant", am("1", "", ""), true, false, false, true, "instruction cancelled by the payer"},
		{"payer deceased: cancelled and referred to the tenancy team", am("2", "", ""), true, false, false, true, "tenancy team"},
		{"transferred with new details: applied and lodged again", am("3", "089999", "66374958"), false, false, true, true, "••••4958"},
		{"transferred without details: suspended until a new instruction", am("3", "", ""), false, true, false, true, "account transferred"},
		{"new branch: applied, collecting carries on, no one need act", am("C", "089999", ""), false, false, false, false, "sort code 089999"},
		{"advance notice disputed: suspended", am("D", "", ""), false, true, false, true, "disputed"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			got := ActOnAmendment(tt.a, advice, h)
			if got.Cancel != tt.cancel || got.Suspend != tt.suspend || got.Relodge != tt.relodge || got.FollowUp.IsZero() == tt.act {
				t.Fatalf("got %+v", got)
			}
			if tt.act && !got.FollowUp.Equal(dec(15)) {
				t.Fatalf("follow-up %s, want 3 working days after %s", got.FollowUp, advice)
			}
			if !strings.Contains(got.Timeline, tt.words) {
				t.Fatalf("timeline %q lacks %q", got.Timeline, tt.words)
			}
			if strings.Contains(got.Timeline, "66374958") {
				t.Fatal("the timeline shows a whole account number")
			}
		})
	}
}
