package worklist

import (
	"strings"
	"testing"

	"caseload/domain"
)

// recommendedRung is the ladder step a recommendation stands for: early
// contact below the first letter, then the first and second letters,
// pre-action and a NOSP. -1 for items that are not ladder steps.
func recommendedRung(it Item) rung {
	switch it.Rule {
	case RuleNewArrears:
		return rungNone
	case RuleFirstLetter:
		if strings.Contains(it.Action, "first") {
			return rungLetter1
		}
		return rungLetter2
	case RulePreAction:
		return rungPreAction
	case RuleConsiderNOSP:
		return rungNOSP
	}
	return -1
}

// TestLadderNeverGoesBackwards walks one case through every step of the
// default policy, with payments taking it below and above each threshold,
// and checks at every stop that nothing below the step reached in this
// arrears episode is recommended, what is recommended, and what the case
// waits for when nothing is.
func TestLadderNeverGoesBackwards(t *testing.T) {
	p := DefaultPolicy()
	f := rent() // £100.00 a week
	var events []Event
	record := func(e Event) { events = append(events, e) }
	stops := []struct {
		name    string
		on      string
		balance string
		contact string // last contact (a call or note), "" none
		cleared string // the last day the account owed nothing, "" never
		do      func() // what the officer records after this stop
		want    []Rule // ladder rules recommended
		waiting string // the Waiting line, "" none
	}{
		{"a week owed, no contact: early contact", "2025-09-01", "100.00", "", "", nil,
			[]Rule{RuleNewArrears}, ""},
		{"a call made: nothing until the next step", "2025-09-03", "100.00", "2025-09-03", "", nil, nil, ""},
		{"two weeks owed: first letter", "2025-09-08", "200.00", "2025-09-03", "",
			func() { record(ev(domain.EventLetter1, day("2025-09-08"))) }, []Rule{RuleFirstLetter}, ""},
		{"a payment takes it under two weeks, no contact for 17 days: no early contact after a letter", "2025-09-25", "150.00", "2025-09-03", "", nil,
			nil, "waiting: second arrears letter once arrears reach £200.00 (now £150.00), from 6 Oct (28 days after the last letter)"},
		{"back above two weeks before 28 days: still waiting for the date", "2025-10-05", "250.00", "2025-09-03", "", nil,
			nil, "waiting: second arrears letter from 6 Oct (28 days after the last letter)"},
		{"28 days after the first letter: the second", "2025-10-06", "250.00", "2025-09-03", "",
			func() { record(ev(domain.EventLetter2, day("2025-10-06"))) }, []Rule{RuleFirstLetter}, ""},
		{"under four weeks: waits for pre-action, never a letter", "2025-11-10", "350.00", "2025-09-03", "", nil,
			nil, "waiting: pre-action protocol contact once arrears reach £400.00 (now £350.00)"},
		{"four weeks and the first letter long ago: pre-action", "2025-11-17", "400.00", "2025-09-03", "",
			func() {
				// The letter and every other item of the checklist ticked.
				record(ev(domain.EventPreAction, day("2025-11-17")))
				f.PreAction = checklistDone(day("2025-11-17"))
			}, []Rule{RulePreAction}, ""},
		{"RULES.md: letter 30+ days ago, pre-action 14 days ago, 7.99 weeks: waits, no first letter", "2025-12-01", "799.00", "2025-09-03", "", nil,
			nil, "waiting: consider NOSP once arrears reach £800.00 (now £799.00)"},
		{"a payment takes it under two weeks: no letter, no early contact", "2025-12-08", "150.00", "2025-09-03", "", nil,
			nil, "waiting: consider NOSP once arrears reach £800.00 (now £150.00)"},
		{"eight weeks and pre-action steps 14+ days ago: consider NOSP", "2025-12-15", "800.00", "2025-09-03", "",
			func() { record(ev(domain.EventNOSPServed, day("2025-12-15"))) }, []Rule{RuleConsiderNOSP, RulePreAction}, ""},
		// Served Mon 15 Dec 2025 → proceedings after Mon 12 Jan 2026 → last day to issue Tue 12 Jan 2027.
		{"NOSP in force, arrears down to three weeks: no pre-action, no letter", "2026-01-20", "300.00", "2025-09-03", "", nil,
			nil, "waiting: decide on a court claim or re-serve from 15 Dec 2026 (NOSP last day to issue: Tue 12 Jan 2027)"},
		{"NOSP in force, arrears back to nine weeks: no consider-nosp while it is in force", "2026-03-02", "900.00", "2025-09-03", "",
			func() { record(ev(domain.EventCourtClaim, day("2026-03-02"))) }, nil,
			"waiting: decide on a court claim or re-serve from 15 Dec (NOSP last day to issue: Tue 12 Jan 2027)"},
		{"a court claim issued: no ladder step below it", "2026-04-06", "1000.00", "2025-09-03", "",
			func() { record(ev(domain.EventStageReset, day("2026-04-20"))) }, nil, ""},
		{"claim withdrawn, stage reset, arrears cleared on 4 May, owing again: early contact", "2026-05-18", "120.00", "2025-09-03", "2026-05-04", nil,
			[]Rule{RuleNewArrears}, ""},
		{"the new episode's first letter (and early contact: none for months)", "2026-05-25", "220.00", "2025-09-03", "2026-05-04", nil,
			[]Rule{RuleFirstLetter, RuleNewArrears}, ""},
	}
	for _, s := range stops {
		f.Balance = gbp(s.balance)
		f.LastContact = domain.Date{}
		if s.contact != "" {
			f.LastContact = day(s.contact)
		}
		f.ClearedOn = domain.Date{}
		if s.cleared != "" {
			f.ClearedOn = day(s.cleared)
		}
		f.Events = append([]Event(nil), events...)
		on := day(s.on)
		l, _ := Evaluate(f, on, p)
		var ladder []Rule
		for _, it := range l.Items() {
			if it.Rule.Ladder() && it.Rule != RuleUCManagedPayment {
				ladder = append(ladder, it.Rule)
			}
		}
		ev := readEvents(f.Events, on, f.ClearedOn)
		reached := ev.reached(f.ClearedOn)
		for _, it := range l.Items() {
			if r := recommendedRung(it); r >= 0 && r < reached {
				t.Errorf("%s (%s): %s %q is below the step reached (%d)", s.name, s.on, it.Rule, it.Action, reached)
			}
		}
		if !sameRules(ladder, s.want) {
			t.Errorf("%s (%s): recommended %v, want %v; items %+v", s.name, s.on, ladder, s.want, l.Items())
		}
		if got := Waiting(f, on, p); got != s.waiting {
			t.Errorf("%s (%s): waiting\n  %q\nwant\n  %q", s.name, s.on, got, s.waiting)
		}
		if s.do != nil {
			s.do()
		}
	}
}

// TestEpisodeStartsAfterStageResetOrClearance: a stage-reset or a day the
// account owed nothing starts a new arrears episode, so the ladder may
// start again from the bottom.
func TestEpisodeStartsAfterStageResetOrClearance(t *testing.T) {
	letters := []Event{ev(domain.EventLetter1, ago(60)), ev(domain.EventLetter2, ago(30)), ev(domain.EventPreAction, ago(20))}
	tests := []struct {
		name    string
		events  []Event
		cleared domain.Date
		want    []Rule
	}{
		{"pre-action recorded: no letter at 2.5 weeks", letters, domain.Date{}, nil},
		{"cleared the day before the pre-action step: still this episode's step", letters, ago(21), nil},
		{"cleared on the day of the pre-action step: a new episode, first letter", letters, ago(20), []Rule{RuleFirstLetter}},
		{"cleared after every step: a new episode, first letter", letters, ago(10), []Rule{RuleFirstLetter}},
		{"a stage-reset after every step: a new episode", append(append([]Event(nil), letters...), ev(domain.EventStageReset, ago(5))), domain.Date{}, []Rule{RuleFirstLetter}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := rent()
			f.Balance = gbp("250.00")
			f.LastContact = ago(3)
			f.Events = tt.events
			f.ClearedOn = tt.cleared
			l, _ := Evaluate(f, today, DefaultPolicy())
			if got := fired(l); !sameRules(got, tt.want) {
				t.Fatalf("fired %v, want %v", got, tt.want)
			}
			if len(tt.want) > 0 && item(t, l, RuleFirstLetter).Action != "send first arrears letter / call" {
				t.Fatalf("action %q", item(t, l, RuleFirstLetter).Action)
			}
		})
	}
}
