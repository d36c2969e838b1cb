package worklist

import (
	"strings"
	"testing"

	"caseload/domain"
	"caseload/domain/court"
)

// A suspended order with a weekly sum is kept or breached by the payments
// since it (court.Breach), not by the balance heuristics.
func TestCourtOrderBreachFromTerms(t *testing.T) {
	order := day("2025-10-27") // four weeks before today
	withTerms := func(pays []domain.Txn, varied *Event) Facts {
		f := rent()
		f.Balance = gbp("900.00")
		f.OrderBalance = gbpPtr("800.00") // higher than at the order: the old test would fire
		o := ev(domain.EventOrderSuspended, order)
		o.Terms = &court.Terms{Weekly: gbp("5.00")}
		f.Events = []Event{ev(domain.EventCourtClaim, day("2025-09-01")), o}
		if varied != nil {
			f.Events = append(f.Events, *varied)
		}
		f.Payments, f.LastPayment = pays, today.AddDays(-3)
		return f
	}
	kept := every(day("2025-11-21"), 7, 4, "105.00", domain.TxnPayment, domain.MethodCash)
	short := every(day("2025-11-21"), 7, 4, "100.00", domain.TxnPayment, domain.MethodCash)
	varied := ev(domain.EventTermsVaried, day("2025-11-10"))
	varied.Terms = &court.Terms{Weekly: gbp("1.00")}
	tests := []struct {
		name   string
		f      Facts
		breach bool
		words  string
	}{
		{"rent and £5 a week paid every week: kept", withTerms(kept, nil), false, ""},
		{"rent only: breached by £20", withTerms(short, nil), true, "£20.00 short (£400.00 paid of £420.00 due over 4 weeks)"},
		{"terms varied to £1 from 10 Nov: £2 short over 2 weeks", withTerms(short, &varied), true, "£2.00 short (£200.00 paid of £202.00 due over 2 weeks)"},
	}
	for _, tt := range tests {
		l, _ := Evaluate(tt.f, today, DefaultPolicy())
		has := l.Has(RuleCourtOrderBreach)
		if has != tt.breach {
			t.Errorf("%s: court-order-breach %v; rules %v", tt.name, has, fired(l))
			continue
		}
		if has {
			if it := item(t, l, RuleCourtOrderBreach); !strings.Contains(it.Reason, tt.words) {
				t.Errorf("%s: reason %q; want %q", tt.name, it.Reason, tt.words)
			}
		}
	}
}

func TestCourtOrderWords(t *testing.T) {
	f := rent()
	f.Balance = gbp("900.00")
	o := ev(domain.EventOrderSuspended, day("2025-10-27"))
	o.Terms = &court.Terms{Weekly: gbp("5.00")}
	f.Events = []Event{o}
	f.Payments = every(day("2025-11-21"), 7, 4, "100.00", domain.TxnPayment, domain.MethodCash)
	lines, breached, ok := CourtOrder(&f, today, DefaultPolicy())
	want := []string{
		"Suspended possession order of Mon 27 Oct 2025",
		"terms: current rent plus £5.00 a week towards the arrears — BREACHED:",
		"a warrant may be issued without permission until Sun 26 Oct 2031",
	}
	if !ok || !breached || len(lines) != 3 {
		t.Fatalf("%v %v %q", ok, breached, lines)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d: %q; want %q", i, lines[i], w)
		}
	}
	f.Payments = every(day("2025-11-21"), 7, 4, "105.00", domain.TxnPayment, domain.MethodCash)
	if lines, breached, _ := CourtOrder(&f, today, DefaultPolicy()); breached || !strings.Contains(lines[1], "kept: £420.00 paid of £420.00 due over 4 weeks") {
		t.Errorf("kept: %q", lines)
	}
	out := ev(domain.EventOrderOutright, day("2019-11-24"))
	out.Terms = &court.Terms{PossessionDate: day("2019-12-23")}
	f.Events = []Event{out}
	lines, _, _ = CourtOrder(&f, today, DefaultPolicy())
	if len(lines) != 2 || lines[0] != "Outright possession order of Sun 24 Nov 2019: possession on Mon 23 Dec 2019" ||
		!strings.Contains(lines[1], "needs the court's permission") {
		t.Errorf("outright: %q", lines)
	}
}

// Under Hackney's ladder a hearing that has passed wants its outcome
// recorded; an outcome recorded as data (on the hearing or by a
// court-outcome event) answers it, whether or not it made an order.
func TestHackneyCourtOutcomeRecorded(t *testing.T) {
	p := hackney(t)
	hearing := ago(7)
	withOutcome := func(typ domain.EventType, o court.Outcome, extra ...Event) []Event {
		e := ev(typ, hearing)
		e.Outcome = o
		evs := []Event{ev(domain.EventNOSPServed, day("2025-06-02")), ev(domain.EventCourtClaim, ago(40)), ev(domain.EventHearing, hearing)}
		if o != "" {
			evs = append(evs, e)
		}
		return append(evs, extra...)
	}
	tests := []struct {
		name   string
		events []Event
		want   string
		reason string
	}{
		{"no outcome: update the court outcome", withOutcome(domain.EventHearing, ""), "update-court-outcome", "no outcome recorded"},
		{"court-outcome adjourned generally: nothing", withOutcome(domain.EventCourtOutcome, court.AdjournedGenerally), "", ""},
		{"hearing struck out: nothing", withOutcome(domain.EventHearing, court.StruckOut), "", ""},
		{"outright forthwith (order recorded with it): warrant", withOutcome(domain.EventHearing, court.OutrightForthwith,
			ev(domain.EventOrderOutright, hearing)), "warrant", "outcome: outright possession order"},
		{"adjourned to a date, next hearing passed with no outcome", withOutcome(domain.EventHearing, court.AdjournedToDate,
			ev(domain.EventHearing, ago(1))), "update-court-outcome", "no outcome recorded for the hearing of 23 Nov"},
	}
	for _, tt := range tests {
		f := rent()
		f.Balance = gbp("500.00")
		f.Events = tt.events
		l, _ := Evaluate(f, today, p)
		got, it := stepOf(l)
		if got != tt.want || !strings.Contains(it.Reason, tt.reason) {
			t.Errorf("%s: step %q (%s); want %q (%s)", tt.name, got, it.Reason, tt.want, tt.reason)
		}
	}
	// A council's ladder may name an outcome that makes no order.
	if err := validateOutcomeCondition("adjourned-on-terms"); err != nil {
		t.Errorf("adjourned-on-terms refused as a court_outcome: %v", err)
	}
	if err := validateOutcomeCondition("suspended-on-terms"); err == nil {
		t.Error("an outcome that makes an order accepted (its order is the state)")
	}
}

func validateOutcomeCondition(v string) error {
	l := Ladder{Name: "test", Steps: []Step{{ID: "chase", Label: "chase", Priority: 50, When: Conditions{Outcome: []string{v}}}}}
	return l.Validate()
}
