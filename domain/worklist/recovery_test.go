package worklist

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"caseload/domain"
	"caseload/domain/arrangement"
)

func hackney(t *testing.T) Policy {
	t.Helper()
	p, ok, err := ShippedPolicy("hackney-2020")
	if !ok || err != nil {
		t.Fatalf("hackney-2020: ok %v, %v", ok, err)
	}
	return p
}

// stepOf is the recovery step recommended on the line ("" none).
func stepOf(l Line) (string, Item) {
	for _, it := range l.Items() {
		if it.Rule == RuleRecoveryStep {
			return it.Step, it
		}
	}
	return "", Item{}
}

func TestShippedPolicies(t *testing.T) {
	if got := ShippedPolicies(); !reflect.DeepEqual(got, []string{"hackney-2020"}) {
		t.Fatalf("shipped %v", got)
	}
	p := hackney(t)
	var ids []string
	for _, s := range p.Ladder.Steps {
		ids = append(ids, s.ID)
	}
	want := "court-breach-letter informal-breach-letter sms letter-1 letter-2 nosp court-warning court-date update-court-outcome warrant"
	if strings.Join(ids, " ") != want {
		t.Fatalf("steps %v", ids)
	}
	if _, ok, _ := ShippedPolicy("../policies/hackney-2020"); ok {
		t.Fatal("a path is not a shipped policy name")
	}
	if _, ok, _ := ShippedPolicy("lambeth"); ok {
		t.Fatal("no such shipped policy")
	}
	if r, err := ParseRule("recovery-step"); err != nil || r != RuleRecoveryStep {
		t.Fatalf("mark done: ParseRule(recovery-step) = %q, %v", r, err)
	}
	// The default is still RULES.md's own ladder.
	if DefaultPolicy().Ladder != nil {
		t.Fatal("the default policy has a council ladder")
	}
	if d, err := ParsePolicy([]byte(`{}`)); err != nil || d.Ladder != nil {
		t.Fatalf("empty file: %v %v", d.Ladder, err)
	}
}

// TestLadderFileRoundTrip: the policy in force, written out, reads back
// the same ladder.
func TestLadderFileRoundTrip(t *testing.T) {
	p := hackney(t)
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	q, err := ParsePolicy(b)
	if err != nil {
		t.Fatalf("read back: %v\n%s", err, b)
	}
	if !reflect.DeepEqual(p.Ladder, q.Ladder) {
		t.Fatalf("ladder changed:\n%+v\n%+v", p.Ladder, q.Ladder)
	}
	if q.ConsiderNOSPWeeks.String() != "8" {
		t.Fatalf("other settings keep their defaults: %s", q.ConsiderNOSPWeeks)
	}
}

func TestLadderFileRefusals(t *testing.T) {
	step := func(s string) string {
		return `{"ladder":{"name":"x","steps":[` + s + `]}}`
	}
	ok := `{"id":"letter-1","label":"send letter 1","priority":50,"when":{"arrears_after_grace":{"at_least":"10.00"}}}`
	if _, err := ParsePolicy([]byte(step(ok))); err != nil {
		t.Fatalf("a good step refused: %v", err)
	}
	tests := []struct {
		name, file, field string
	}{
		{"an unknown key in a step", step(`{"id":"a","label":"b","priority":1,"colour":"red","when":{}}`), "ladder"},
		{"an unknown condition", step(`{"id":"a","label":"b","priority":1,"when":{"weather":"rain"}}`), "ladder"},
		{"an unknown key in the ladder", `{"ladder":{"name":"x","stpes":[]}}`, "ladder"},
		{"no steps", `{"ladder":{"name":"x","steps":[]}}`, "ladder.steps"},
		{"an id with capitals", step(`{"id":"Letter1","label":"b","priority":1,"when":{}}`), "ladder.steps[0].id"},
		{"the same id twice", step(ok + "," + ok), "ladder.steps[1].id"},
		{"no label", step(`{"id":"a","label":" ","priority":1,"when":{}}`), "ladder.steps[0].label"},
		{"priority 0", step(`{"id":"a","label":"b","priority":0,"when":{}}`), "ladder.steps[0].priority"},
		{"priority 101", step(`{"id":"a","label":"b","priority":101,"when":{}}`), "ladder.steps[0].priority"},
		{"pounds and weeks for one bound", step(`{"id":"a","label":"b","priority":1,"when":{"arrears_after_grace":{"at_least":"1.00","at_least_weeks":2}}}`), "ladder.steps[0].when.arrears_after_grace"},
		{"an empty arrears band", step(`{"id":"a","label":"b","priority":1,"when":{"arrears_after_grace":{}}}`), "ladder.steps[0].when.arrears_after_grace"},
		{"part pence", step(`{"id":"a","label":"b","priority":1,"when":{"arrears_after_grace":{"at_least":"1.005"}}}`), "ladder"},
		{"since an unknown step", step(`{"id":"a","label":"b","priority":1,"when":{"since":[{"step":"letter-9","min_days":14}]}}`), "ladder.steps[0].when.since[0].step"},
		{"days and months for one bound", step(`{"id":"a","label":"b","priority":1,"when":{"since":[{"step":"a","min_days":1,"min_months":1}]}}`), "ladder.steps[0].when.since[0]"},
		{"an unknown NOSP state", step(`{"id":"a","label":"b","priority":1,"when":{"nosp":["valid"]}}`), "ladder.steps[0].when.nosp"},
		{"an unknown arrangement state", step(`{"id":"a","label":"b","priority":1,"when":{"arrangement":["broken"]}}`), "ladder.steps[0].when.arrangement"},
		{"an unknown court date state", step(`{"id":"a","label":"b","priority":1,"when":{"court_date":["soon"]}}`), "ladder.steps[0].when.court_date"},
		{"an unknown court outcome", step(`{"id":"a","label":"b","priority":1,"when":{"court_outcome":["adjourned"]}}`), "ladder.steps[0].when.court_outcome"},
		{"recur in days and months", step(`{"id":"a","label":"b","priority":1,"recur":{"after_days":1,"after_months":1},"when":{}}`), "ladder.steps[0].recur"},
		{"recur with no period", step(`{"id":"a","label":"b","priority":1,"recur":{},"when":{}}`), "ladder.steps[0].recur"},
		{"a NOSP life in days and months", `{"ladder":{"name":"x","nosp":{"in_force_after_days":28,"in_force_after_months":3,"in_force_weeks":52},"steps":[` + ok + `]}}`, "ladder.nosp"},
		{"a NOSP in force 0 weeks", `{"ladder":{"name":"x","nosp":{"in_force_after_days":28,"in_force_weeks":0},"steps":[` + ok + `]}}`, "ladder.nosp.in_force_weeks"},
		{"a bad event id", step(`{"id":"a","label":"b","priority":1,"event":"Letter 1","when":{}}`), "ladder.steps[0].event"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePolicy([]byte(tt.file))
			var ve *domain.ValidationError
			if err == nil || !asValidation(err, &ve) || ve.Field != tt.field {
				t.Fatalf("got %v, want a validation error on %s", err, tt.field)
			}
		})
	}
}

func asValidation(err error, ve **domain.ValidationError) bool {
	v, ok := err.(*domain.ValidationError)
	*ve = v
	return ok
}

// TestHackneyLadder: every condition of the Hackney ladder and its
// boundaries, on Monday 24 Nov 2025 (the first day of the rent week) with
// rent of £100.00 a week.
func TestHackneyLadder(t *testing.T) {
	p := hackney(t)
	nospOn := func(s string) Event { return ev(domain.EventNOSPServed, day(s)) }
	letters := func(l1, l2 string) []Event {
		out := []Event{ev(domain.EventLetter1, day(l1))}
		if l2 != "" {
			out = append(out, ev(domain.EventLetter2, day(l2)))
		}
		return out
	}
	tests := []struct {
		name    string
		balance string
		edit    func(f *Facts)
		want    string
		reason  []string // phrases the reason must hold
	}{
		// Arrears after grace: balance − this week's £100.00 + this week's payments.
		{"£4.99 after grace: nothing", "104.99", nil, "", nil},
		{"exactly £5.00 after grace: SMS", "105.00", nil, "sms", []string{"£5.00 after grace (balance £105.00 less this week's rent £100.00 plus this week's payments £0.00) ≥ £5.00 and < £10.00"}},
		{"£9.99 after grace: still SMS", "109.99", nil, "sms", nil},
		{"exactly £10.00 after grace: letter 1", "110.00", nil, "letter-1", []string{"£10.00 after grace", "≥ £10.00", "no letter-1 recorded", "no NOSP served", "no live arrangement"}},
		{"this week's payment is added back: letter 1", "90.00", func(f *Facts) {
			f.Payments = []domain.Txn{pay(today, "20.00", domain.TxnPayment, domain.MethodCash)}
		}, "letter-1", []string{"plus this week's payments £20.00"}},
		{"last week's payment (Sunday) is not: nothing", "90.00", func(f *Facts) {
			f.Payments = []domain.Txn{pay(ago(1), "20.00", domain.TxnPayment, domain.MethodCash)}
		}, "", nil},
		{"SMS not once a court date is set", "107.00", func(f *Facts) {
			f.Events = []Event{ev(domain.EventHearing, today.AddDays(14))}
		}, "", nil},
		// Letter 2: 14 days to 3 months after letter 1.
		{"letter 1 exactly 14 days ago: letter 2", "200.00", func(f *Facts) { f.Events = letters("2025-11-10", "") },
			"letter-2", []string{"letter-1 10 Nov (14 days ago; at least 14 days, at most 3 months)"}},
		{"letter 1 13 days ago: nothing yet", "200.00", func(f *Facts) { f.Events = letters("2025-11-11", "") }, "", nil},
		{"letter 1 a day short of 3 calendar months ago: letter 2", "200.00", func(f *Facts) { f.Events = letters("2025-08-25", "") }, "letter-2", nil},
		{"letter 1 exactly 3 calendar months ago: letter 1 again, first in order", "200.00", func(f *Facts) { f.Events = letters("2025-08-24", "") },
			"letter-1", []string{"again: last letter-1 24 Aug (92 days ago; letter-1 recurs after 3 months)"}},
		{"letter 2 within 3 months: no letter 1 again", "200.00", func(f *Facts) { f.Events = letters("2025-08-01", "2025-08-25") }, "", nil},
		{"no SMS after a letter (the ladder never goes back)", "107.00", func(f *Facts) { f.Events = letters("2025-11-10", "") }, "", nil},
		// NOSP: 4 weeks' rent after grace, a week to 3 months after letter 2.
		{"exactly 4 weeks after grace, letter 2 a week ago: NOSP", "500.00", func(f *Facts) { f.Events = letters("2025-11-03", "2025-11-17") },
			"nosp", []string{"£400.00 after grace", "≥ 4 weeks' rent (£400.00)", "letter-2 17 Nov (7 days ago; at least 7 days, at most 3 months)"}},
		{"a penny under 4 weeks after grace: nothing", "499.99", func(f *Facts) { f.Events = letters("2025-11-03", "2025-11-17") }, "", nil},
		{"letter 2 six days ago: nothing yet", "500.00", func(f *Facts) { f.Events = letters("2025-11-03", "2025-11-18") }, "", nil},
		{"letter 2 a day short of 3 months: NOSP", "500.00", func(f *Facts) { f.Events = letters("2025-08-01", "2025-08-25") }, "nosp", nil},
		{"a kept arrangement: no NOSP", "500.00", func(f *Facts) {
			f.Events = letters("2025-11-03", "2025-11-17")
			f.Arrangement, f.ArrangementStatus = terms(ago(20)), status(arrangement.Kept)
		}, "", nil},
		{"a broken arrangement: the informal breach letter", "500.00", func(f *Facts) {
			f.Arrangement, f.ArrangementStatus = terms(ago(20)), status(arrangement.Broken)
		}, "informal-breach-letter", []string{"arrangement £15.00 weekly missed: £60.00 behind since 17 Nov"}},
		{"the informal breach letter 27 days ago: not yet again", "500.00", func(f *Facts) {
			f.Arrangement, f.ArrangementStatus = terms(ago(60)), status(arrangement.Broken)
			f.Events = []Event{ev("informal-breach-letter", ago(27))}
		}, "", nil},
		{"the informal breach letter 28 days ago: again", "500.00", func(f *Facts) {
			f.Arrangement, f.ArrangementStatus = terms(ago(60)), status(arrangement.Broken)
			f.Events = []Event{ev("informal-breach-letter", ago(28))}
		}, "informal-breach-letter", []string{"again: last informal-breach-letter 27 Oct (28 days ago; informal-breach-letter recurs after 28 days)"}},
		// NOSP in force from 3 months after service, for 52 weeks.
		{"NOSP served exactly 3 months ago: in force, court warning", "500.00", func(f *Facts) {
			f.Events = append(letters("2025-08-01", "2025-08-15"), nospOn("2025-08-24"))
		}, "court-warning", []string{"NOSP served 24 Aug, in force 24 Nov to 22 Nov 2026"}},
		{"NOSP served a day short of 3 months: not in force yet, nothing", "500.00", func(f *Facts) {
			f.Events = append(letters("2025-08-01", "2025-08-15"), nospOn("2025-08-25"))
		}, "", nil},
		{"NOSP in force, last day of 52 weeks: court warning", "500.00", func(f *Facts) {
			f.Events = append(letters("2024-08-01", "2024-08-15"), nospOn("2024-08-26")) // in force 26 Nov 2024 to 24 Nov 2025
		}, "court-warning", []string{"in force 26 Nov 2024 to 24 Nov"}},
		{"NOSP lapsed after 52 weeks: nothing (no letters: a NOSP was served)", "500.00", func(f *Facts) {
			f.Events = append(letters("2024-08-01", "2024-08-15"), nospOn("2024-08-25"))
		}, "", nil},
		{"court warning 14 days ago: court date", "500.00", func(f *Facts) {
			f.Events = append(letters("2025-08-01", "2025-08-15"), nospOn("2025-08-20"), ev("court-warning", ago(14)))
		}, "court-date", []string{"court-warning 10 Nov (14 days ago; at least 14 days)", "no court date"}},
		{"court warning 13 days ago: nothing", "500.00", func(f *Facts) {
			f.Events = append(letters("2025-08-01", "2025-08-15"), nospOn("2025-08-20"), ev("court-warning", ago(13)))
		}, "", nil},
		{"hearing today: nothing yet", "500.00", func(f *Facts) {
			f.Events = []Event{nospOn("2025-06-02"), ev(domain.EventCourtClaim, ago(40)), ev(domain.EventHearing, today)}
		}, "", nil},
		{"hearing yesterday, no outcome: update the court outcome", "500.00", func(f *Facts) {
			f.Events = []Event{nospOn("2025-06-02"), ev(domain.EventCourtClaim, ago(40)), ev(domain.EventHearing, ago(1))}
		}, "update-court-outcome", []string{"court date 23 Nov passed", "no outcome recorded for the hearing of 23 Nov"}},
		{"an outright order: warrant", "500.00", func(f *Facts) {
			f.Events = []Event{nospOn("2025-06-02"), ev(domain.EventCourtClaim, ago(40)), ev(domain.EventHearing, ago(7)), ev(domain.EventOrderOutright, ago(7))}
		}, "warrant", []string{"outcome: outright possession order 17 Nov"}},
		{"a suspended order kept: nothing", "500.00", func(f *Facts) {
			f.Events = []Event{nospOn("2025-06-02"), ev(domain.EventHearing, ago(7)), ev(domain.EventOrderSuspended, ago(7))}
			f.LastPayment = ago(2)
			f.OrderBalance = gbpPtr("600.00")
		}, "", nil},
		{"a suspended order breached: court breach letter", "500.00", func(f *Facts) {
			f.Events = []Event{nospOn("2025-06-02"), ev(domain.EventHearing, ago(20)), ev(domain.EventOrderSuspended, ago(20))}
			f.OrderBalance = gbpPtr("400.00")
		}, "court-breach-letter", []string{"suspended possession order of 4 Nov breached: balance £500.00 is £100.00 more than at the order"}},
		{"paused: nothing", "500.00", func(f *Facts) {
			f.Events = letters("2025-11-03", "2025-11-17")
			f.PausedUntil = today.AddDays(1)
		}, "", nil},
		{"a garage account: no possession steps", "500.00", func(f *Facts) {
			f.Kind = domain.KindGarage
			f.Events = append(letters("2025-08-01", "2025-08-15"), nospOn("2025-08-24"))
		}, "", nil},
		{"a stage reset starts again: letter 1", "200.00", func(f *Facts) {
			f.Events = append(letters("2025-11-03", "2025-11-17"), ev(domain.EventStageReset, ago(1)))
		}, "letter-1", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := rent()
			f.Balance = gbp(tt.balance)
			if tt.edit != nil {
				tt.edit(&f)
			}
			l, _ := Evaluate(f, today, p)
			got, it := stepOf(l)
			if got != tt.want {
				t.Fatalf("step %q, want %q; items %+v", got, tt.want, l.Items())
			}
			for _, r := range []Rule{RuleNewArrears, RuleFirstLetter, RulePreAction, RuleConsiderNOSP} {
				if l.Has(r) {
					t.Errorf("default ladder rule %s fired under a council ladder", r)
				}
			}
			if got == "" {
				return
			}
			if !strings.HasPrefix(it.Reason, got+": ") {
				t.Errorf("reason %q does not name the step", it.Reason)
			}
			for _, want := range tt.reason {
				if !strings.Contains(it.Reason, want) {
					t.Errorf("reason %q\nlacks %q", it.Reason, want)
				}
			}
			var s *Step
			for i := range p.Ladder.Steps {
				if p.Ladder.Steps[i].ID == got {
					s = &p.Ladder.Steps[i]
				}
			}
			if it.Action != s.Label || it.Priority != s.Priority || it.Document != s.Document || it.Due != today {
				t.Errorf("item %+v does not carry step %+v", it, s)
			}
			// Notices and court steps are listed under Notices & court.
			notices := map[string]bool{"court-breach-letter": true, "nosp": true, "court-warning": true,
				"court-date": true, "update-court-outcome": true, "warrant": true}
			if l.In(SectionNotices) != notices[got] {
				t.Errorf("%s in Notices & court: %v", got, l.In(SectionNotices))
			}
		})
	}
}

func decPtr(s string) *decimal.Decimal { d := decimal.RequireFromString(s); return &d }

// TestLadderConditions: the conditions the Hackney ladder does not use,
// on a ladder written for them, and the statutory NOSP dates.
func TestLadderConditions(t *testing.T) {
	p := DefaultPolicy()
	p.Ladder = &Ladder{Name: "test", Steps: []Step{
		{ID: "suspended-review", Label: "review the suspended order", Priority: 60,
			When: Conditions{Outcome: []string{"order-suspended", "order-postponed"}}},
		{ID: "reserve", Label: "re-serve the NOSP", Priority: 70, Event: "nosp-served", Recur: &Recur{AfterMonths: 12},
			When: Conditions{NOSP: []string{"lapsed"}}},
		{ID: "claim", Label: "issue the claim", Priority: 80, Event: "court-claim",
			When: Conditions{NOSP: []string{"in-force"}}},
		{ID: "wait", Label: "wait for the notice", Priority: 30,
			When: Conditions{NOSP: []string{"served"}}},
		{ID: "letter-1", Label: "letter", Priority: 50, Recur: &Recur{AfterDays: 7},
			When: Conditions{Arrears: &ArrearsBand{AtLeastWeeks: decPtr("2")}}},
		{ID: "call", Label: "call", Priority: 40,
			When: Conditions{Arrears: &ArrearsBand{AtLeastWeeks: decPtr("1"), BelowWeeks: decPtr("2")},
				Since: []Since{{Step: "letter-1", MaxDays: 10}}}},
	}}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		balance string
		events  []Event
		want    string
		reason  string
	}{
		{"a suspended order: its review", "300.00", []Event{ev(domain.EventHearing, ago(3)), ev(domain.EventOrderSuspended, ago(3))}, "suspended-review", "outcome: suspended possession order 21 Nov"},
		{"a later hearing with no outcome: not the old order's review", "150.00", []Event{ev(domain.EventOrderSuspended, ago(30)), ev(domain.EventHearing, ago(3))}, "", ""},
		// Statutory dates (no "nosp" section): in force after the date
		// stated in the notice, to the last day to issue proceedings.
		{"statutory: served 27 Oct, proceedings after Mon 24 Nov: not in force on 24 Nov", "150.00", []Event{ev(domain.EventNOSPServed, day("2025-10-27"))}, "wait", "in force from 25 Nov"},
		{"statutory: served 26 Oct, proceedings after Sun 23 Nov: in force", "150.00", []Event{ev(domain.EventNOSPServed, day("2025-10-26"))}, "claim", "in force 24 Nov to 23 Nov 2026"},
		{"statutory: last day to issue today: in force", "150.00", []Event{ev(domain.EventNOSPServed, day("2024-10-22"))}, "claim", "to 24 Nov"},
		{"statutory: lapsed: re-serve, a recurring step", "150.00", []Event{ev(domain.EventNOSPServed, day("2024-10-21"))}, "reserve", "again: last nosp-served 21 Oct 2024"},
		// Weeks bands and a maximum in days.
		{"1 week after grace, letter 1 exactly 10 days ago: call", "200.00", []Event{ev(domain.EventLetter1, ago(10))}, "call", "letter-1 14 Nov (10 days ago; at most 10 days)"},
		{"letter 1 eleven days ago: nothing", "200.00", []Event{ev(domain.EventLetter1, ago(11))}, "", ""},
		{"a penny under 1 week after grace: nothing", "199.99", []Event{ev(domain.EventLetter1, ago(10))}, "", ""},
		{"a penny under 2 weeks after grace: call", "299.99", []Event{ev(domain.EventLetter1, ago(10))}, "call", "< 2 weeks' rent (£200.00)"},
		{"2 weeks after grace: letter 1 again (7 days passed)", "300.00", []Event{ev(domain.EventLetter1, ago(10))}, "letter-1", "recurs after 7 days"},
		{"2 weeks, letter 1 six days ago: nothing", "300.00", []Event{ev(domain.EventLetter1, ago(6))}, "", ""},
		{"2 weeks, letter 1 exactly seven days ago: again", "300.00", []Event{ev(domain.EventLetter1, ago(7))}, "letter-1", "7 days ago"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := rent()
			f.Balance = gbp(tt.balance)
			f.Events = tt.events
			l, _ := Evaluate(f, today, p)
			got, it := stepOf(l)
			if got != tt.want {
				t.Fatalf("step %q (%s), want %q", got, it.Reason, tt.want)
			}
			if !strings.Contains(it.Reason, tt.reason) {
				t.Fatalf("reason %q lacks %q", it.Reason, tt.reason)
			}
		})
	}
}

// TestHackneyLadderWalk (issue 18): one case walked through every step of
// the Hackney ladder at £100.00 a week, with arrears that fall and rise.
// An earlier step is recommended only where the ladder says so: letter 1
// (and then letter 2) again once 3 months have passed since the last
// letter with no NOSP ever served.
func TestHackneyLadderWalk(t *testing.T) {
	p := hackney(t)
	index := map[string]int{}
	for i, s := range p.Ladder.Steps {
		index[s.ID] = i
	}
	var events []Event
	record := func(typ, on string) func() {
		return func() { events = append(events, ev(domain.EventType(typ), day(on))) }
	}
	stops := []struct {
		name    string
		on      string
		balance string
		do      func()
		want    string
		reason  string
	}{
		{"£7 after grace: SMS", "2025-09-01", "107.00", record("sms", "2025-09-01"), "sms", "£7.00 after grace"},
		{"£20 after grace: letter 1", "2025-09-08", "120.00", record("letter-1", "2025-09-08"), "letter-1", "no letter-1 recorded"},
		{"back to £8: no SMS after a letter", "2025-09-15", "108.00", nil, "", ""},
		{"14 days after letter 1: letter 2", "2025-09-22", "250.00", record("letter-2", "2025-09-22"), "letter-2", "letter-1 8 Sep (14 days ago"},
		{"3.5 weeks after grace: nothing below the NOSP's 4 weeks", "2025-09-29", "450.00", nil, "", ""},
		{"3 months after letter 1 but letter 2 within 3 months: nothing", "2025-12-08", "300.00", nil, "", ""},
		{"a day short of 3 months after letter 2: nothing", "2025-12-21", "300.00", nil, "", ""},
		{"no letter in 3 months, no NOSP ever served: letter 1 again", "2025-12-22", "300.00", record("letter-1", "2025-12-22"), "letter-1",
			"again: last letter-1 8 Sep (105 days ago; letter-1 recurs after 3 months); £200.00 after grace"},
		{"14 days later: letter 2 again", "2026-01-05", "350.00", record("letter-2", "2026-01-05"), "letter-2", "again: last letter-2 22 Sep"},
		{"4 weeks after grace a week after letter 2: NOSP", "2026-01-12", "520.00", record("nosp-served", "2026-01-12"), "nosp", "£420.00 after grace"},
		{"NOSP served, not yet in force, arrears down: no letter", "2026-02-09", "150.00", nil, "", ""},
		{"NOSP in force 3 months after service: court warning", "2026-04-13", "600.00", record("court-warning", "2026-04-13"), "court-warning", "in force 12 Apr to 10 Apr 2027"},
		{"13 days after the warning: nothing", "2026-04-26", "600.00", nil, "", ""},
		{"14 days after the warning: court date", "2026-04-27", "600.00", func() {
			record("court-claim", "2026-04-27")()
			record("hearing", "2026-06-01")()
		}, "court-date", "court-warning 13 Apr (14 days ago"},
		{"hearing to come: nothing", "2026-05-18", "700.00", nil, "", ""},
		{"hearing today: nothing yet", "2026-06-01", "700.00", nil, "", ""},
		{"hearing passed, no outcome: update the court outcome", "2026-06-02", "700.00", record("order-outright", "2026-06-01"), "update-court-outcome", "no outcome recorded for the hearing of 1 Jun"},
		{"outright order: warrant", "2026-06-02", "700.00", record("warrant-applied", "2026-06-02"), "warrant", "outcome: outright possession order 1 Jun"},
		{"warrant applied, arrears down: nothing earlier", "2026-06-08", "160.00", nil, "", ""},
	}
	for _, s := range stops {
		f := rent()
		f.Balance = gbp(s.balance)
		f.Events = append([]Event(nil), events...)
		on := day(s.on)
		l, _ := Evaluate(f, on, p)
		got, it := stepOf(l)
		if got != s.want {
			t.Fatalf("%s (%s): step %q (%s), want %q", s.name, s.on, got, it.Reason, s.want)
		}
		if got != "" {
			if !strings.Contains(it.Reason, s.reason) {
				t.Errorf("%s (%s): reason %q\nlacks %q", s.name, s.on, it.Reason, s.reason)
			}
			// An earlier step than one recorded only where the ladder says so.
			h := historyOf(f.Events, on, f.ClearedOn)
			for j := index[got] + 1; j < len(p.Ladder.Steps); j++ {
				later := p.Ladder.Steps[j]
				if !h[later.event()].IsZero() && p.Ladder.Steps[index[got]].Recur == nil {
					t.Errorf("%s (%s): %s recommended after %s was recorded", s.name, s.on, got, later.ID)
				}
			}
		}
		if s.do != nil {
			s.do()
		}
	}
}

// FuzzParseLadder: a council's ladder file never panics the parser, and
// whatever it accepts is valid, evaluates without panicking and writes back
// to the same file form.
func FuzzParseLadder(f *testing.F) {
	hk, err := shipped.ReadFile("policies/hackney-2020.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{string(hk),
		`{"ladder":{"name":"x","steps":[{"id":"a","label":"b","priority":1,"when":{}}]}}`,
		`{"ladder":{"name":"x","nosp":{"in_force_after_days":28,"in_force_weeks":52},"steps":[{"id":"a","label":"b","priority":1,"recur":{"after_days":7},"when":{"arrears_after_grace":{"at_least_weeks":1.5,"below":"99.99"},"since":[{"step":"a","max_days":3,"or_never":true}]}}]}}`,
		`{"ladder":{"name":"x","steps":[{"id":"a","label":"b","priority":1,"when":{"court_outcome":["order-outright"],"court_date":["past"],"arrangement":["court-kept"]}}]}}`,
		`{"ladder":null}`, `{"ladder":{"steps":[{}]}}`, `{"ladder":{"name":"x","steps":[{"id":"a","label":"b","priority":1,"when":{"arrears_after_grace":{"at_least":"1e9"}}}]}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ParsePolicy(b)
		if err != nil {
			if !domain.IsValidation(err) {
				t.Fatalf("not a ValidationError: %v", err)
			}
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("accepted an invalid policy: %v", err)
		}
		fa := rent()
		fa.Balance = gbp("450.00")
		fa.Events = []Event{ev(domain.EventLetter1, ago(20)), ev(domain.EventNOSPServed, ago(100)), ev(domain.EventHearing, ago(2))}
		Evaluate(fa, today, p)
		out, _ := p.MarshalJSON()
		q, err := ParsePolicy(out)
		if err != nil {
			t.Fatalf("own output refused: %v\n%s", err, out)
		}
		again, _ := q.MarshalJSON()
		if string(again) != string(out) {
			t.Fatalf("round trip changed\n%s\n%s", out, again)
		}
	})
}

// TestLadderLeavesOtherRules: a council ladder replaces only the default
// arrears ladder; diary follow-ups, NOSP expiry and the rest still fire.
func TestLadderLeavesOtherRules(t *testing.T) {
	f := rent()
	f.Balance = gbp("110.00")
	f.FollowUps = []FollowUp{{ID: "F1", Due: today, Text: "call back"}}
	f.UnpaidDDs = []Event{ev(domain.EventDDUnpaid, ago(2), "0 refer to payer")}
	l, _ := Evaluate(f, today, hackney(t))
	if got := fired(l); !sameRules(got, []Rule{RuleDDUnpaid, RuleDiaryDue, RuleRecoveryStep}) {
		t.Fatalf("fired %v", got)
	}
	if step, _ := stepOf(l); step != "letter-1" {
		t.Fatalf("step %q", step)
	}
}

// TestLadderWaiting: with nothing to do, the account says which step the
// council's ladder waits for and why.
func TestLadderWaiting(t *testing.T) {
	p := hackney(t)
	tests := []struct {
		name    string
		balance string
		events  []Event
		want    string
	}{
		{"nothing recorded: no ladder yet", "104.00", nil, ""},
		{"letter 2 sent, under 4 weeks", "450.00", []Event{ev(domain.EventLetter1, ago(30)), ev(domain.EventLetter2, ago(10))},
			"waiting: serve a notice of seeking possession (nosp) once arrears after grace reach £400.00 (now £350.00)"},
		{"NOSP served, not yet in force", "600.00", []Event{ev(domain.EventNOSPServed, ago(30))},
			"waiting: send court warning letter (court-warning) once NOSP in-force (now NOSP served 25 Oct, in force from 25 Jan)"},
		{"warning sent 3 days ago", "600.00", []Event{ev(domain.EventNOSPServed, ago(100)), ev("court-warning", ago(3))},
			"waiting: apply for a court date (court-date) from 5 Dec (14 days after court-warning)"},
		{"court date to come", "600.00", []Event{ev(domain.EventNOSPServed, ago(100)), ev(domain.EventCourtClaim, ago(20)), ev(domain.EventHearing, today.AddDays(10))},
			"waiting: update the court outcome (update-court-outcome) once court date past (now court date 4 Dec)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := rent()
			f.Balance = gbp(tt.balance)
			f.Events = tt.events
			if l, _ := Evaluate(f, today, p); l.Triaged() {
				t.Fatalf("something to do: %+v", l.Items())
			}
			if got := Waiting(f, today, p); got != tt.want {
				t.Fatalf("waiting\n  %q\nwant\n  %q", got, tt.want)
			}
		})
	}
}
