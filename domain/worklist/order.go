package worklist

import (
	"strings"

	"caseload/domain"
	"caseload/domain/court"
)

// A court order's terms are the court's: an arrangement the officer saves
// while a suspended or postponed order is already breached does not mend
// the breach (the order still stands), so court-order-breach stays until
// the court varies the terms (a terms-varied event) or makes a new order.

// arrangementOverBreach reports whether the live arrangement was saved over
// a breach of the order o and the court has not varied o's terms since.
func (e *eval) arrangementOverBreach(o Event) bool {
	over := e.f.ArrangementOverBreach
	if over.IsZero() || over != o.Date {
		return false
	}
	return !termsVaried(e.f.Events, o.Date, e.today)
}

// termsVaried reports a terms-varied event on or after the order's date and
// not after today.
func termsVaried(evs []Event, order, today domain.Date) bool {
	for _, ev := range evs {
		if ev.Type == domain.EventTermsVaried && !ev.Date.Before(order) && !ev.Date.After(today) {
			return true
		}
	}
	return false
}

func (e *eval) overBreachWords(o Event) string {
	return "breached before the " + arrangementWords(e.f.Arrangement) +
		" was saved; the order's terms stand until the court varies them (record terms-varied)"
}

// OrderBreach says whether the suspended or postponed order in force today
// is breached, and how, by the court-order-breach test (before any
// vulnerable-review stands in for it): the order and the reasons, or
// ok false when there is no such order or its terms are kept.
func OrderBreach(f *Facts, today domain.Date, p Policy) (order Event, why string, ok bool) {
	c := compile(&p)
	e := eval{c: c, f: f, today: today}
	e.balP, e.weeklyP = pence(f.Balance), pence(f.Weekly)
	e.prepare()
	o, reasons := e.orderBreach()
	if len(reasons) == 0 {
		return Event{}, "", false
	}
	return o, strings.Join(reasons, "; "), true
}

// NoticeOf is the dates of a notice event (nosp-served, or a notice of
// proceedings, whose dates are counted the same way): the date stated in
// its detail when recorded there.
func NoticeOf(ev Event) NOSP { return NOSPDates(ev.Date, firstDate(ev.Detail)) }

// OverBreachWarning says, before an arrangement is saved, that it will not
// mend the breached order o.
func OverBreachWarning(o Event, why string) string {
	return "the " + strings.ToLower(o.Type.Label()) + " of " + o.Date.Human() + " is breached (" + why +
		"): this arrangement does not vary it; court-order-breach stays until the court varies the terms (terms-varied) or makes a new order"
}

// orderTerms is the weekly sum the order o requires and the day it runs
// from: o's own terms, or those of the latest terms-varied event on or
// after o and not after today that carries terms (ok false when neither
// names a weekly sum).
func orderTerms(evs []Event, o Event, today domain.Date) (domain.Date, court.Terms, bool) {
	from, t := o.Date, o.Terms
	for _, ev := range evs {
		if ev.Type == domain.EventTermsVaried && ev.Terms != nil && ev.Terms.Weekly.IsPositive() &&
			!ev.Date.Before(o.Date) && !ev.Date.After(today) && !ev.Date.Before(from) {
			from, t = ev.Date, ev.Terms
		}
	}
	if t == nil || !t.Weekly.IsPositive() {
		return domain.Date{}, court.Terms{}, false
	}
	return from, *t, true
}

// CourtOrder is the latest possession order on the case and how it stands
// on today, in words for the account view: the order and its date (and
// the date for possession of an outright order), whether a warrant still
// needs no permission, and for a suspended or postponed order its terms,
// kept or breached (by the weekly sum when recorded, else by the
// court-order-breach test). ok is false when there is no order.
func CourtOrder(f *Facts, today domain.Date, p Policy) (lines []string, breached bool, ok bool) {
	ev := readEvents(f.Events, today, f.ClearedOn)
	var o Event
	for _, t := range []domain.EventType{domain.EventOrderOutright, domain.EventOrderSuspended, domain.EventOrderPostponed} {
		if e := ev.get(t); !e.Date.IsZero() && !e.Date.After(today) && (o.Date.IsZero() || !e.Date.Before(o.Date)) {
			o = e
		}
	}
	if o.Date.IsZero() {
		return nil, false, false
	}
	head := o.Type.Label() + " of " + o.Date.Human()
	if o.Type == domain.EventOrderOutright {
		if o.Terms != nil && !o.Terms.PossessionDate.IsZero() {
			head += ": possession on " + o.Terms.PossessionDate.Human()
		} else {
			head += ": possession forthwith"
		}
	}
	lines = append(lines, head)
	if o.Type != domain.EventOrderOutright {
		from, t, hasTerms := orderTerms(f.Events, o, today)
		_, why, br := OrderBreach(f, today, p)
		var line string
		switch {
		case hasTerms:
			line = "terms: current rent plus " + t.Weekly.Human() + " a week towards the arrears"
			if from != o.Date {
				line += " (as varied on " + from.Human() + ")"
			}
			if br {
				line += " — BREACHED: " + why
			} else {
				line += " — " + court.Breach(from, f.Weekly, t.Weekly, f.Payments, today).Words()
			}
		case br:
			line = "terms BREACHED: " + why
		default:
			line = "terms kept"
		}
		breached = br
		lines = append(lines, line)
	}
	_, words := court.NeedsPermission(o.Date, today)
	return append(lines, words), breached, true
}
