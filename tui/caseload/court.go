package caseload

import (
	"errors"
	"strings"

	"caseload/domain"
	"caseload/domain/court"
	"caseload/tui/form"
)

// noOutcome is the outcome choice for an event without one.
const noOutcome = "(none)"

// outcomeChoices are the court outcome codes, none first.
func outcomeChoices() []string {
	out := []string{noOutcome}
	for _, in := range court.Outcomes {
		out = append(out, string(in.Code))
	}
	return out
}

// courtFields are the event form's court case fields: the outcome, the
// order's terms and the date for possession, each shown only for the
// event types that take it (domain.EventType.CarriesOutcome, CarriesTerms).
// Each says what is wrong with it for the event chosen, as the store
// would refuse it.
func courtFields() []form.Field {
	takesOutcome := func(v form.Values) bool { return domain.EventType(v["type"]).CarriesOutcome() }
	takesTerms := func(v form.Values) bool { return domain.EventType(v["type"]).CarriesTerms() }
	pd := dateField("possession_date", "Possession date", "an outright order with a date only", true, nil)
	pd.Check = func(_ string, all form.Values) error { return courtErr(all, "possession-date") }
	pd.When = takesTerms
	return []form.Field{
		{Key: "outcome", Label: "Court outcome", Choices: outcomeChoices(), When: takesOutcome,
			Hint: "←/→ to choose", Check: func(_ string, all form.Values) error {
				return courtErr(all, "outcome")
			}},
		{Key: "terms", Label: "Order terms", Placeholder: "e.g. £5.00 a week towards arrears", When: takesTerms,
			Hint: "the weekly sum on top of the rent (suspended, postponed, on terms)", Check: func(_ string, all form.Values) error {
				return courtErr(all, "terms")
			}},
		pd,
	}
}

// courtErr is what courtValues finds wrong with the field named (by the
// validation error's field), so each field shows its own.
func courtErr(all form.Values, field string) error {
	_, _, err := courtValues(all)
	var ve *domain.ValidationError
	if errors.As(err, &ve) && ve.Field != field {
		return nil
	}
	return err
}

// courtValues reads the court fields of the event form: the outcome and
// the terms, or why they do not fit the event and its date.
func courtValues(v form.Values) (court.Outcome, court.Terms, error) {
	var t court.Terms
	typ := domain.EventType(v["type"])
	o := court.Outcome(v["outcome"])
	if v["outcome"] == noOutcome {
		o = court.OutcomeNone
	}
	if v["terms"] != "" {
		if !typ.CarriesTerms() {
			return o, t, domain.Invalid("terms", "a %s has no order terms", strings.ToLower(typ.Label()))
		}
		w, err := court.ParseWeekly(v["terms"])
		if err != nil {
			return o, t, err
		}
		t.Weekly = w
	}
	if v["possession_date"] != "" {
		d, err := domain.ParseDate(v["possession_date"])
		if err != nil {
			return o, t, nil // the date field says what is wrong
		}
		t.PossessionDate = d
	}
	switch {
	case o != court.OutcomeNone && !typ.CarriesOutcome():
		return o, t, domain.Invalid("outcome", "a court outcome goes on a hearing or a court-outcome")
	case o == court.OutcomeNone && typ == domain.EventCourtOutcome:
		return o, t, domain.Invalid("outcome", "choose the court's outcome")
	case o == court.OutcomeNone && typ == domain.EventHearing && (t.Weekly.IsPositive() || !t.PossessionDate.IsZero()):
		return o, t, domain.Invalid("terms", "order terms come with the hearing's outcome")
	case o == court.OutcomeNone:
		return o, t, nil
	}
	date, _ := domain.ParseDate(v["date"])
	return o, t, court.Check(o, t, date)
}

// outcomeWords add the outcome and what it implies to the confirmation.
func outcomeWords(v form.Values) string {
	o, t, _ := courtValues(v)
	in, ok := court.Lookup(o)
	if !ok {
		return ""
	}
	s := "; outcome: " + strings.ToLower(in.Words)
	if in.Order != "" {
		s += " (records the " + strings.ToLower(in.Order.Label()) + ")"
	}
	if t.Weekly.IsPositive() {
		s += "; terms: current rent plus " + t.Weekly.Human() + " a week"
	}
	return s
}
