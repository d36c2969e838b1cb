package worklist

import (
	"strings"

	"caseload/domain"
)

// The arrears ladder never goes backwards (RULES.md "The arrears ladder"):
// once a step is recorded in the current arrears episode, the rules below
// it stay quiet (newArrears, firstLetter and preAction read e.reached), and
// when the next step's own conditions are not met the case waits. This
// file says what it waits for.

// Waiting says what the arrears ladder of the account waits for on today
// under p: "waiting: consider NOSP once arrears reach £800.00 (now
// £799.00)". It is "" when a ladder rule fires, when nothing has been
// recorded in this arrears episode yet, when the account is not in arrears,
// and when something else holds the ladder (a live arrangement, technical
// arrears, a pause), whose own note says why.
func Waiting(f Facts, today domain.Date, p Policy) string {
	c := compile(&p)
	e := eval{wantWaiting: true}
	c.evaluate(&e, &f, today)
	return e.waiting
}

// considerThreshold is consider-nosp's threshold in hundredths of a penny:
// the weeks of the weekly charge, or the amount when there is none.
func (e *eval) considerThreshold() int64 {
	if e.weeklyP <= 0 {
		return e.c.considerAmountP * 100
	}
	return e.weeklyP * e.c.considerH
}

// nextStep is what the case waits for, from the highest step recorded in
// this episode: the step after it and whichever of its conditions are not
// met yet (arrears to reach, a date to come). "" when its conditions are
// met (the rule fired, or something else held it) or there is no next step.
func (e *eval) nextStep() string {
	if !e.current || e.balP <= 0 {
		return ""
	}
	p := &e.c.p
	l1, l2 := e.ev.date(domain.EventLetter1), e.ev.date(domain.EventLetter2)
	pa := e.ev.date(domain.EventPreAction)
	switch e.reached {
	case rungLetter1:
		return e.waitFor("second arrears letter", e.c.weeks(e.c.firstLetterH, e.weeklyP),
			domain.MaxDate(l1, l2), p.FirstLetterRepeatDays, "the last letter")
	case rungLetter2:
		first := l1
		if first.IsZero() {
			first = l2
		}
		return e.waitFor("pre-action protocol contact", e.c.weeks(e.c.preActionH, e.weeklyP),
			first, p.PreActionLetterDays, "the first letter")
	case rungPreAction:
		if !e.f.Kind.HasPossessionSteps() || e.f.Vulnerable {
			return "" // no possession steps; or vulnerable-review comes first
		}
		return e.waitFor("consider NOSP", e.considerThreshold(), pa, p.ConsiderNOSPPreActionDays, "the pre-action steps")
	case rungNOSP:
		if e.nospOK {
			from := e.nosp.LastDay.AddDays(-p.NOSPExpiringDays)
			return "waiting: decide on a court claim or re-serve from " + when(from, e.today) + " (NOSP " + e.nosp.LastDayWords() + ")"
		}
		if e.f.Vulnerable {
			return ""
		}
		return e.waitFor("consider NOSP again (the last has lapsed)", e.considerThreshold(), pa, p.ConsiderNOSPPreActionDays, "the pre-action steps")
	}
	return ""
}

// waitFor words the unmet conditions of the next step: arrears of at least
// thr (hundredths of a penny) and n days since the date since.
func (e *eval) waitFor(step string, thr int64, since domain.Date, n int, sinceWhat string) string {
	var why []string
	if !atLeast(e.balP, thr) {
		needP := (thr + 99) / 100 // the first whole penny that meets it
		why = append(why, "once arrears reach "+money(needP)+" (now "+money(e.balP)+")")
	}
	if !since.IsZero() && !domain.ForDays(since, e.today, n) {
		why = append(why, "from "+when(since.AddDays(n), e.today)+" ("+days(n)+" after "+sinceWhat+")")
	}
	if len(why) == 0 {
		return ""
	}
	return "waiting: " + step + " " + strings.Join(why, ", ")
}
