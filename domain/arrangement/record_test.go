package arrangement

import (
	"errors"
	"strings"
	"testing"

	"caseload/domain"
)

// Newest first: the first not cancelled is live; each older one not
// cancelled was ended by the nearest newer one not cancelled; cancelling
// the newest brings the one it replaced back to life.
func TestSetStates(t *testing.T) {
	rec := func(id, made, cancelled string) Record {
		r := Record{ID: id, MadeOn: day(made)}
		if cancelled != "" {
			r.CancelledOn = day(cancelled)
		}
		return r
	}
	recs := []Record{
		rec("c", "2026-11-30", "2026-12-01"),
		rec("b", "2026-11-23", ""),
		rec("a", "2026-11-02", ""),
		rec("z", "2026-10-05", "2026-10-12"),
	}
	SetStates(recs)
	want := []struct {
		state RecordState
		by    string
		ended string
	}{{Cancelled, "", ""}, {Live, "", ""}, {Superseded, "b", "2026-11-23"}, {Cancelled, "", ""}}
	for i, w := range want {
		r := recs[i]
		if r.State != w.state || r.SupersededBy != w.by || (w.ended != "" && r.EndedOn != day(w.ended)) {
			t.Errorf("%s: %s by %q on %s, want %s by %q on %s", r.ID, r.State, r.SupersededBy, r.EndedOn, w.state, w.by, w.ended)
		}
	}
}

func TestRecordWords(t *testing.T) {
	terms := Terms{Start: day("2026-11-30"), Frequency: Weekly, Instalment: domain.MustMoney("10.00"), Arrears: domain.MustMoney("1100.00")}
	tests := []struct {
		name   string
		r      Record
		words  string
		ended  bool
		refuse string // "" when it may be cancelled
	}{
		{"live and kept", Record{ID: "g-1", Terms: terms, State: Live, Status: Status{State: Kept, Reason: "kept: £10.00 paid"}},
			"live — kept: £10.00 paid", false, ""},
		{"live and broken", Record{ID: "g-1", Terms: terms, State: Live, Status: Status{State: Broken, Reason: "£20.00 behind"}},
			"live — broken: £20.00 behind", false, ""},
		{"live and completed", Record{ID: "g-1", Terms: terms, State: Live, Status: Status{State: Completed, Reason: "completed on Mon 1 Mar 2027"}},
			"live — completed on Mon 1 Mar 2027", true, "arrangement g-1 is completed on Mon 1 Mar 2027: nothing is left to cancel"},
		{"superseded", Record{ID: "g-1", Terms: terms, State: Superseded, SupersededBy: "g-2", EndedOn: day("2026-11-23")},
			"superseded on Mon 23 Nov 2026 by arrangement g-2", true, "ended on Mon 23 Nov 2026 by arrangement g-2: cancel that one instead"},
		{"cancelled", Record{ID: "g-1", Terms: terms, State: Cancelled, CancelledOn: day("2026-12-01"), CancelReason: "moved out"},
			"cancelled on Tue 1 Dec 2026: moved out", true, "already cancelled on Tue 1 Dec 2026 (moved out)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.r.Words(); got != tt.words {
				t.Errorf("Words = %q, want %q", got, tt.words)
			}
			if got := tt.r.Ended(); got != tt.ended {
				t.Errorf("Ended = %v, want %v", got, tt.ended)
			}
			err := tt.r.Cancellable()
			if (err == nil) != (tt.refuse == "") || (err != nil && !strings.Contains(err.Error(), tt.refuse)) {
				t.Errorf("Cancellable = %v, want %q", err, tt.refuse)
			}
		})
	}
	if got, want := tests[0].r.TermsWords(), "£10.00 a week from Mon 30 Nov 2026 towards £1,100.00"; got != want {
		t.Errorf("TermsWords = %q, want %q", got, want)
	}
}

func TestProposalPlan(t *testing.T) {
	today := day("2026-11-24")
	weekly := func(start, instalment, arrears string) Proposal {
		return Proposal{Ref: "AB1001", Start: day(start), Frequency: Weekly, Instalment: domain.MustMoney(instalment), Arrears: domain.MustMoney(arrears)}
	}
	tests := []struct {
		name    string
		p       Proposal
		balance string
		arrears string // the arrears it is for, when accepted
		field   string // the field refused
		reason  string
	}{
		{"the balance when no arrears are given", weekly("2026-11-30", "10.00", "0"), "100.00", "100.00", "", ""},
		{"the arrears given", weekly("2026-11-30", "10.00", "60.00"), "100.00", "60.00", "", ""},
		{"an unknown frequency", Proposal{Ref: "AB1001", Start: day("2026-11-30"), Frequency: "daily", Instalment: domain.MustMoney("1")}, "100.00", "", "frequency", ""},
		{"no start", Proposal{Ref: "AB1001", Frequency: Weekly, Instalment: domain.MustMoney("1")}, "100.00", "", "start", "give the date of the first instalment"},
		{"a start more than a year back", weekly("2025-11-22", "10.00", "0"), "100.00", "", "start", "more than a year ago"},
		{"a start more than a year ahead", weekly("2027-11-25", "10.00", "0"), "100.00", "", "start", "more than a year ahead"},
		{"a zero instalment", weekly("2026-11-30", "0", "0"), "100.00", "", "instalment", "must be at least £0.01"},
		{"no arrears on the account", weekly("2026-11-30", "10.00", "0"), "-5.00", "", "arrears", "AB1001 is not in arrears (balance £5.00 CR)"},
		{"negative arrears", weekly("2026-11-30", "10.00", "-1.00"), "100.00", "", "arrears", "must be more than £0.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arrears, plan, err := tt.p.Plan(domain.MustMoney(tt.balance), today)
			if tt.field == "" {
				if err != nil || arrears.String() != tt.arrears || plan.Count == 0 {
					t.Fatalf("got %s, %d instalments, %v; want %s", arrears, plan.Count, err, tt.arrears)
				}
				return
			}
			var ve *domain.ValidationError
			if !errors.As(err, &ve) || ve.Field != tt.field || !strings.Contains(ve.Reason, tt.reason) {
				t.Fatalf("got %v, want %s: …%s…", err, tt.field, tt.reason)
			}
		})
	}
}

// The live arrangement's line on `account show` and the account view: the
// terms, then the monitored state in lower case with its reason.
func TestLiveWords(t *testing.T) {
	terms := Terms{Start: day("2026-11-30"), Frequency: Weekly, Instalment: domain.MustMoney("10.00"), Arrears: domain.MustMoney("1100.00")}
	tests := []struct {
		name   string
		status Status
		state  string
		live   string
	}{
		{"kept", Status{State: Kept, Reason: "£10.00 paid"}, "kept, £10.00 paid",
			"g-1: £10.00 a week from Mon 30 Nov 2026 towards £1,100.00 — kept, £10.00 paid"},
		{"broken", Status{State: Broken, Reason: "£20.00 behind"}, "broken, £20.00 behind",
			"g-1: £10.00 a week from Mon 30 Nov 2026 towards £1,100.00 — broken, £20.00 behind"},
		{"not yet due", Status{State: NotYetDue, Reason: "first instalment due Mon 30 Nov 2026"}, "not-yet-due, first instalment due Mon 30 Nov 2026",
			"g-1: £10.00 a week from Mon 30 Nov 2026 towards £1,100.00 — not-yet-due, first instalment due Mon 30 Nov 2026"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.status.Words(); got != tt.state {
				t.Errorf("Status.Words = %q, want %q", got, tt.state)
			}
			r := Record{ID: "g-1", Terms: terms, State: Live, Status: tt.status}
			if got := r.LiveWords(); got != tt.live {
				t.Errorf("LiveWords = %q, want %q", got, tt.live)
			}
			if got := terms.Words(); got != r.TermsWords() {
				t.Errorf("Terms.Words = %q, TermsWords = %q: one wording", got, r.TermsWords())
			}
		})
	}
}

// Typed arrears are more than £0.00 (left out, they are the balance).
func TestCheckArrears(t *testing.T) {
	for _, tt := range []struct {
		arrears string
		refuse  string
	}{
		{"0.01", ""},
		{"1100.00", ""},
		{"0", "arrears: must be more than £0.00 (got £0.00)"},
		{"-10", "arrears: must be more than £0.00 (got -£10.00)"},
	} {
		err := CheckArrears(domain.MustMoney(tt.arrears))
		if (err == nil) != (tt.refuse == "") || (err != nil && !strings.HasPrefix(err.Error(), tt.refuse)) {
			t.Errorf("CheckArrears(%s) = %v, want %q", tt.arrears, err, tt.refuse)
		}
	}
}

func TestScheduleAndStateWords(t *testing.T) {
	last := day("2029-01-01")
	tests := []struct {
		name, got, want string
	}{
		{"not drawn", Record{}.ScheduleWords(), "no schedule"},
		{"one instalment", Record{Count: 1, FinalDate: last, FinalAmount: domain.MustMoney("50.00")}.ScheduleWords(), "one instalment, on Mon 1 Jan 2029"},
		{"many", Record{Count: 110, FinalDate: last, FinalAmount: domain.MustMoney("10.00")}.ScheduleWords(), "110 instalments, the last (£10.00) on Mon 1 Jan 2029"},
		{"kept", Kept.Word(), "KEPT"},
		{"broken", Broken.Word(), "BROKEN"},
		{"not yet due", NotYetDue.Word(), "NOT-YET-DUE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}
