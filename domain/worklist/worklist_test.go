package worklist

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"caseload/domain"
	"caseload/domain/arrangement"
)

func TestOneLinePerAccountWithOthersListed(t *testing.T) {
	f := rent()
	f.Balance = gbp("300.00")
	f.Arrangement, f.ArrangementStatus = terms(ago(60)), status(arrangement.Broken)
	f.UnpaidDDs = []Event{ev(domain.EventDDUnpaid, ago(2), "0")}
	f.FollowUps = []FollowUp{{ID: "N1", Due: ago(2), Text: "ring back"}, {ID: "N2", Due: today, Text: "visit"}}
	l, ok := Evaluate(f, today, DefaultPolicy())
	if !ok {
		t.Fatal("no line")
	}
	want := []Rule{RuleDiaryDue, RuleArrangementBroken, RuleDDUnpaid, RuleDiaryDue}
	if got := fired(l); !slices.Equal(got, want) {
		t.Fatalf("items %v, want %v", got, want)
	}
	if l.Top.Priority != 90 || l.Others[2].Priority != 70 {
		t.Fatalf("overdue follow-up on top (90), today's last (70): %+v", l.Items())
	}
	if l.Ref != "R0001" || l.Balance.String() != "300.00" || l.Weeks.Hundredths() != "3.00" || !l.WeeksKnown {
		t.Fatalf("line figures %+v", l)
	}
}

func TestWeeksMatchDomainArrearsWeeks(t *testing.T) {
	for _, c := range []struct{ bal, weekly string }{
		{"412.30", "95.87"}, {"100.00", "100.00"}, {"0.01", "123.45"}, {"1000.00", "3.00"}, {"-50.00", "100.00"},
	} {
		f := rent()
		f.Balance, f.Weekly = gbp(c.bal), gbp(c.weekly)
		f.FollowUps = []FollowUp{{ID: "N", Due: today}}
		l, _ := Evaluate(f, today, DefaultPolicy())
		want, _ := domain.ArrearsWeeks(f.Balance, f.Weekly)
		if l.Weeks != want {
			t.Errorf("%s / %s: weeks %s, domain says %s", c.bal, c.weekly, l.Weeks, want)
		}
	}
	f := rent()
	f.Weekly = domain.Zero
	f.Balance = gbp("10.00")
	f.FollowUps = []FollowUp{{ID: "N", Due: today}}
	if l, _ := Evaluate(f, today, DefaultPolicy()); l.WeeksKnown {
		t.Error("weeks known on a zero weekly charge")
	}
}

func TestBuildOrder(t *testing.T) {
	mk := func(ref, balance string, set func(f *Facts)) Facts {
		f := rent()
		f.Ref, f.Balance = ref, gbp(balance)
		if set != nil {
			set(&f)
		}
		return f
	}
	facts := []Facts{
		mk("B-SMALL", "150.00", nil),     // new-arrears 40
		mk("A-LARGE", "190.00", nil),     // new-arrears 40
		mk("C-LARGE", "190.00", nil),     // new-arrears 40, ties A on arrears: by ref
		mk("D-NOTHING", "10.00", nil),    // nothing: no line
		mk("E-CREDIT-S", "-500.00", nil), // credit-refund 20
		mk("F-CREDIT-L", "-900.00", nil), // credit-refund 20, larger credit first
		mk("G-DIARY", "0.00", func(f *Facts) { // diary overdue 90
			f.FollowUps = []FollowUp{{ID: "N", Due: ago(1)}}
		}),
		mk("H-PAUSED", "900.00", func(f *Facts) { // paused: after every triaged line
			f.PausedUntil, f.PauseReason = today.AddDays(5), "promise of payment"
		}),
		mk("I-LETTER", "250.00", func(f *Facts) { // first-letter 50
			f.LastContact = ago(1)
		}),
	}
	lines := Build(facts, today, DefaultPolicy())
	var refs []string
	for _, l := range lines {
		refs = append(refs, l.Ref)
	}
	want := []string{"G-DIARY", "I-LETTER", "A-LARGE", "C-LARGE", "B-SMALL", "F-CREDIT-L", "E-CREDIT-S", "H-PAUSED"}
	if !slices.Equal(refs, want) {
		t.Fatalf("order %v\nwant  %v", refs, want)
	}
}

func TestPausedAndDoneToday(t *testing.T) {
	p := DefaultPolicy()
	arrears := func() Facts {
		f := rent()
		f.Balance = gbp("250.00")
		return f
	}
	t.Run("a paused account is marked paused and not triaged", func(t *testing.T) {
		f := arrears()
		f.PausedUntil, f.PauseReason = today.AddDays(1), "promise of payment"
		l, ok := Evaluate(f, today, p)
		if !ok || !l.Paused || l.Triaged() || !l.In(SectionPaused) || l.In(SectionToday) {
			t.Fatalf("paused line %+v ok %v", l, ok)
		}
		if len(l.Notes) != 1 || l.Notes[0] != "paused until 25 Nov: promise of payment" {
			t.Fatalf("notes %q", l.Notes)
		}
	})
	t.Run("the pause ends on its until date", func(t *testing.T) {
		f := arrears()
		f.PausedUntil = today
		l, _ := Evaluate(f, today, p)
		if l.Paused || !l.Triaged() {
			t.Fatalf("line %+v", l)
		}
	})
	t.Run("a paused account still shows an RTB deadline and its own follow-up", func(t *testing.T) {
		f := arrears()
		f.PausedUntil = today.AddDays(10)
		f.RTBDeadlines = []RTBDeadline{{CaseID: "C1", Name: "RTB2 (admit or deny)", Due: today.AddDays(2)}}
		f.FollowUps = []FollowUp{{ID: "N1", Due: today, Text: "check the promise"}}
		l, _ := Evaluate(f, today, p)
		if !l.Paused || !slices.Equal(fired(l), []Rule{RuleRTBDeadline, RuleDiaryDue}) {
			t.Fatalf("line %v paused %v", fired(l), l.Paused)
		}
	})
	t.Run("a rule done today drops off but is listed as done", func(t *testing.T) {
		f := arrears()
		f.DoneToday = []Rule{RuleFirstLetter}
		l, ok := Evaluate(f, today, p)
		if !ok || !slices.Equal(fired(l), []Rule{RuleNewArrears}) || len(l.Done) != 1 || l.Done[0].Rule != RuleFirstLetter {
			t.Fatalf("line %v done %+v", fired(l), l.Done)
		}
	})
	t.Run("everything done today: a line for the done list, not triaged", func(t *testing.T) {
		f := arrears()
		f.DoneToday = []Rule{RuleFirstLetter, RuleNewArrears}
		l, ok := Evaluate(f, today, p)
		if !ok || l.Triaged() || len(l.Done) != 2 {
			t.Fatalf("line %+v ok %v", l, ok)
		}
	})
	t.Run("no line for an account with nothing to say", func(t *testing.T) {
		f := rent()
		if _, ok := Evaluate(f, today, p); ok {
			t.Fatal("line for a clear account")
		}
	})
}

func TestSummary(t *testing.T) {
	ucPayer := rent()
	ucPayer.Ref, ucPayer.Balance = "TECH", gbp("450.00")
	ucPayer.Payments = monthly(day("2025-11-09"), 7, "433.33", domain.TxnUC, domain.MethodUC)
	ucPartly := ucPayer
	ucPartly.Ref, ucPartly.Balance = "TECH-PART", gbp("700.00")
	ucPartly.Events = []Event{ev(domain.EventLetter1, ago(40))}
	broken := rent()
	broken.Ref, broken.Balance = "BROKEN", gbp("300.00")
	broken.Arrangement, broken.ArrangementStatus = terms(ago(60)), status(arrangement.Broken)
	nosp := rent()
	nosp.Ref, nosp.Balance, nosp.LastContact = "NOSP", gbp("720.00"), ago(2)
	nosp.Events = []Event{ev(domain.EventNOSPServed, day("2024-11-06"))}
	rtb := rent()
	rtb.Ref = "RTB"
	rtb.RTBDeadlines = []RTBDeadline{{CaseID: "C", Name: "RTB2", Due: today}}
	diary := rent()
	diary.Ref = "DIARY"
	diary.FollowUps = []FollowUp{{ID: "N", Due: today}}
	paused := rent()
	paused.Ref, paused.Balance, paused.PausedUntil = "PAUSED", gbp("900.00"), today.AddDays(3)
	done := rent()
	done.Ref, done.Balance, done.DoneToday = "DONE", gbp("150.00"), []Rule{RuleNewArrears}

	s := Summarise(Build([]Facts{ucPayer, ucPartly, broken, nosp, rtb, diary, paused, done}, today, DefaultPolicy()))
	want := Summary{Today: 5, Broken: 1, Notices: 1, RightToBuy: 1, Diary: 1, Paused: 1, Technical: 2, TechnicalOff: 1, DoneToday: 1}
	if s != want {
		t.Fatalf("summary %+v\nwant    %+v", s, want)
	}
}

func TestItemJSONIsTheCLIContract(t *testing.T) {
	b, err := json.Marshal(Item{Rule: RuleNewArrears, Priority: 40, Reason: "r", Action: "a", Due: today})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"rule":"new-arrears","priority":40,"reason":"r","action":"a","due":"2025-11-24"}` {
		t.Fatalf("json %s", b)
	}
}

func TestParseRule(t *testing.T) {
	for _, r := range Rules {
		if got, err := ParseRule(string(r)); err != nil || got != r {
			t.Errorf("ParseRule(%q) = %q, %v", r, got, err)
		}
	}
	if _, err := ParseRule("nosp"); err == nil || !domain.IsValidation(err) || !strings.Contains(err.Error(), "consider-nosp") {
		t.Errorf("unknown rule: %v", err)
	}
}
