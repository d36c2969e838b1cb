package possession

import (
	"strings"
	"testing"

	"caseload/domain"
	"caseload/domain/worklist"
)

// A warrant on an outright order needs the court's permission from the
// order's sixth anniversary: refused with the reason (an override records
// the permission), allowed the day before.
func TestWarrantSixYears(t *testing.T) {
	p := worklist.DefaultPolicy()
	f := ready()
	f.Events = append(f.Events, ev(domain.EventCourtClaim, "2020-01-06"), ev(domain.EventOrderOutright, "2020-03-02"))
	f.Events[1] = ev(domain.EventNOSPServed, "2019-11-04")
	tests := []struct {
		date    string
		refused bool
	}{
		{"2026-03-01", false},
		{"2026-03-02", true},
		{"2026-03-03", true},
	}
	for _, tt := range tests {
		r := Check(&f, domain.EventWarrantApplied, day(tt.date), p)
		if (r != nil) != tt.refused {
			t.Fatalf("warrant on %s: refusal %v", tt.date, r)
		}
		if r != nil && (r.OutOfOrder || !strings.Contains(r.Text(), "needs the court's permission")) {
			t.Errorf("warrant on %s: %q (out of order %v)", tt.date, r.Text(), r.OutOfOrder)
		}
	}
}

// The new ladder events: a court outcome needs a hearing, a court breach
// letter a suspended or postponed order; an SMS and a court warning are
// never held.
func TestCourtLadderSteps(t *testing.T) {
	p := worklist.DefaultPolicy()
	f := ready()
	on := day("2026-11-23")
	for _, step := range []domain.EventType{domain.EventSMS, domain.EventCourtWarning, domain.EventInformalBreachLetter} {
		if r := Check(&f, step, on, p); r != nil {
			t.Errorf("%s refused: %s", step, r.Text())
		}
	}
	for _, step := range []domain.EventType{domain.EventCourtOutcome, domain.EventCourtBreachLetter} {
		if r := Check(&f, step, on, p); r == nil || !r.OutOfOrder {
			t.Errorf("%s: %v; want out of order", step, r)
		}
	}
	f.Events = append(f.Events, ev(domain.EventCourtClaim, "2026-10-12"), ev(domain.EventHearing, "2026-11-16"),
		ev(domain.EventOrderSuspended, "2026-11-16"))
	for _, step := range []domain.EventType{domain.EventCourtOutcome, domain.EventCourtBreachLetter} {
		if r := Check(&f, step, on, p); r != nil {
			t.Errorf("%s after a hearing and a suspended order refused: %s", step, r.Text())
		}
	}
}
