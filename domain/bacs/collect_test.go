package bacs

import (
	"strings"
	"testing"
	gotime "time"

	"caseload/domain"
)

func dec(day int) domain.Date { return domain.MustDate(2026, gotime.December, day) }

func TestPlanCollectionsDates(t *testing.T) {
	h := domain.DefaultHolidays()
	tests := []struct {
		rule string
		due  domain.Date
		p    domain.Date
		in   bool
	}{
		{"a Tuesday 1st is processed on the Monday before", dec(1), domain.MustDate(2026, 11, 30), true},
		{"the 28th on the Boxing Day substitute is taken on the 29th, processed Christmas Eve", dec(28), dec(24), true},
		{"a collection is not in another week's file", dec(1), dec(7), false},
		{"a Saturday collection goes in Friday's file", dec(5), dec(4), true},
		{"a Sunday collection goes in Friday's file too", dec(6), dec(4), true},
		{"a Monday collection goes in Friday's file", dec(7), dec(4), true},
		{"a Tuesday collection is not in Friday's file", dec(8), dec(4), false},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			from, to := CollectionWindow(tt.p, h)
			if tt.due.Before(from) || tt.due.After(to) {
				t.Fatalf("%s is outside the window %s–%s", tt.due, from, to)
			}
			m := MandateFacts{ID: "m", Account: "R1", Reference: "RENT000001", SortCode: "200000", Number: "58177632", PayerName: "A",
				Live: true, Collected: true, Scheduled: []Scheduled{{Due: tt.due, Amount: domain.MustMoney("10.00")}}}
			plan := PlanCollections(tt.p, h, []MandateFacts{m}, nil, nil, DefaultRepresentationPolicy())
			if (len(plan.Due) == 1) != tt.in {
				t.Fatalf("due %s in the file processed %s: %v", tt.due, tt.p, plan.Due)
			}
		})
	}
}

func TestPlanCollections(t *testing.T) {
	h := domain.DefaultHolidays()
	monthly := []Scheduled{{Due: dec(1), Amount: domain.MustMoney("95.00")}, {Due: domain.MustDate(2027, 1, 1), Amount: domain.MustMoney("95.00")}}
	mandate := func(id, acct string, collected bool) MandateFacts {
		return MandateFacts{ID: id, Account: acct, Reference: "RENT" + acct, SortCode: "200000", Number: "58177632",
			PayerName: "A Tenant", Live: true, Scheduled: monthly, Collected: collected}
	}
	first := mandate("m1", "R002", false)
	regular := mandate("m2", "R001", true)
	final := mandate("m3", "R003", true)
	final.Until = dec(20)
	dead := mandate("m4", "R004", true)
	dead.Live = false
	filed := mandate("m5", "R005", true)
	ended := mandate("m6", "R006", true)
	ended.Until = domain.MustDate(2026, 11, 29)
	p := domain.MustDate(2026, 11, 30)
	ret := ReturnedDebit{Reference: "RENTR001", Amount: domain.MustMoney("95.00"), Code: RegularCollection,
		OriginalProcessingDate: domain.MustDate(2026, 11, 13)}
	ret.Reason, _ = ARUDDReasonFor("0")
	plan := PlanCollections(p, h, []MandateFacts{first, regular, final, dead, filed, ended},
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
	if !strings.Contains(why["m4"], "not live") || !strings.Contains(why["m5"], "already in a file") || !strings.Contains(why["m6"], "after the tenancy ends") {
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
	t.Run("two live mandates on one account collect nothing until one is cancelled", func(t *testing.T) {
		// Office and laptop each set up a mandate for R001 offline; the
		// packs merged both. Either alone would collect £95.00 on 1 Dec.
		twin := mandate("m7", "R001", true)
		twin.Reference = "RENTR001B"
		plan := PlanCollections(p, h, []MandateFacts{regular, twin, first}, nil, nil, DefaultRepresentationPolicy())
		if len(plan.Due) != 1 || plan.Due[0].Account != "R002" {
			t.Fatalf("file holds %+v, want R002 only", plan.Due)
		}
		if len(plan.Skipped) != 2 || !strings.Contains(plan.Skipped[0].Why, "2 live mandates (RENTR001, RENTR001B)") {
			t.Fatalf("skips %+v", plan.Skipped)
		}
		twin.Live = false // one cancelled: the other collects again
		if plan := PlanCollections(p, h, []MandateFacts{regular, twin}, nil, nil, DefaultRepresentationPolicy()); len(plan.Due) != 1 || plan.Due[0].Mandate != "m2" {
			t.Fatalf("after cancelling one: %+v", plan.Due)
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
		{"a council cancellation of a lodged mandate sends 0C", InstructionFacts{Cancelled: true, Lodged: true}, CancelInstruction},
		{"a 0C is sent once", InstructionFacts{Cancelled: true, Lodged: true, CancelSent: true}, ""},
		{"a mandate never lodged needs no 0C", InstructionFacts{Cancelled: true}, ""},
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
