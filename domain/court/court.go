// Package court is the possession case in court as data (issue 15 "The
// court case as data"): the outcome codes a hearing ends with and what
// each implies, the terms of an order (a weekly sum towards the arrears on
// top of the rent, a date for possession), whether those terms are kept
// by the ledger, and the six-year window in which a warrant may be issued
// without the court's permission (fact sheet §3: "warrant without
// permission within 6 years of order"; CPR 83.2(3)(a)).
//
// It is pure: the facts and the day come in as parameters.
package court

import (
	"regexp"
	"strconv"
	"strings"

	"caseload/domain"
)

// Outcome is a court outcome code, as caseload records it on a hearing.
type Outcome string

// The outcome codes. Hackney's income system's codes (fact sheet §3) are
// accepted as aliases (Info.Hackney).
const (
	OutcomeNone        Outcome = ""
	AdjournedGenerally Outcome = "adjourned-generally"
	AdjournedOnTerms   Outcome = "adjourned-on-terms"
	AdjournedToDate    Outcome = "adjourned-to-date"
	OutrightForthwith  Outcome = "outright-forthwith"
	OutrightWithDate   Outcome = "outright-with-date"
	SuspendedOnTerms   Outcome = "suspended-on-terms"
	Postponed          Outcome = "postponed"
	StruckOut          Outcome = "struck-out"
	Withdrawn          Outcome = "withdrawn"
	StayOfExecution    Outcome = "stay-of-execution"
)

// Info.Terms values.
const (
	termsMay      = 1
	termsRequired = 2
)

// Info is what an outcome means for the case.
type Info struct {
	Code Outcome
	// Hackney is the code in Hackney's income system ("" when it has none).
	Hackney string
	// Words are the officer's words.
	Words string
	// Order is the possession order the outcome makes ("" for none).
	Order domain.EventType
	// Warrant says when a warrant may follow, in words ("" when it may not).
	Warrant string
	// Terms: 0 none may be set, 1 a weekly sum may be set, 2 one must be.
	Terms int
	// PossessionDate: the order gives a date for possession (it must be
	// given for an outright order with a date; forthwith is the hearing day).
	PossessionDate bool
}

// Outcomes is every outcome, in the order an officer reads them.
var Outcomes = []Info{
	{AdjournedGenerally, "AGP", "Adjourned generally (with permission to restore)", "", "", termsMay, false},
	{AdjournedOnTerms, "ADT", "Adjourned on terms", "", "", termsRequired, false},
	{AdjournedToDate, "AAH", "Adjourned to another hearing date", "", "", 0, false},
	{OutrightForthwith, "OPF", "Outright possession forthwith", domain.EventOrderOutright,
		"at once: the order is for possession forthwith", 0, true},
	{OutrightWithDate, "OPD", "Outright possession with a date", domain.EventOrderOutright,
		"after the date for possession", 0, true},
	{SuspendedOnTerms, "SOT", "Possession suspended on terms", domain.EventOrderSuspended,
		"only if the terms are breached (N325A)", termsRequired, false},
	{Postponed, "", "Possession postponed on terms", domain.EventOrderPostponed,
		"only if the terms are breached and the court then fixes a date for possession", termsMay, false},
	{StruckOut, "STO", "Struck out", "", "", 0, false},
	{Withdrawn, "WIT", "Withdrawn on the day", "", "", 0, false},
	{StayOfExecution, "SOE", "Stay of execution on terms", "",
		"only if the terms of the stay are breached", termsMay, false},
}

// Lookup is the outcome's meaning (ok false for an unknown code).
func Lookup(o Outcome) (Info, bool) {
	for _, in := range Outcomes {
		if in.Code == o {
			return in, true
		}
	}
	return Info{}, false
}

// ParseOutcome reads an outcome code or its Hackney alias; "" is none.
func ParseOutcome(s string) (Outcome, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return OutcomeNone, nil
	}
	names := make([]string, 0, len(Outcomes))
	for _, in := range Outcomes {
		if string(in.Code) == s || (in.Hackney != "" && strings.EqualFold(in.Hackney, s)) {
			return in.Code, nil
		}
		names = append(names, string(in.Code))
	}
	return "", domain.Invalid("outcome", "%q is not one of %s", s, strings.Join(names, ", "))
}

// Words are the outcome's officer words ("" for none).
func (o Outcome) Words() string {
	in, _ := Lookup(o)
	return in.Words
}

// Terms are an order's terms as the court set them.
type Terms struct {
	// Weekly is the sum a week towards the arrears, on top of the current
	// rent (zero: none set).
	Weekly domain.Money
	// PossessionDate is the date for possession (zero: none).
	PossessionDate domain.Date
}

var weeklyRe = regexp.MustCompile(`^£?\s*([0-9]{1,6}(?:\.[0-9]{1,2})?)(?:[\s/].*)?$`)

// maxWeekly bounds the weekly sum an officer can mean.
var maxWeekly = domain.MustMoney("10000.00")

// ParseWeekly reads the weekly sum of the officer's terms: "5.00",
// "£5 a week towards arrears", "£7.50 per week plus current rent".
func ParseWeekly(s string) (domain.Money, error) {
	m := weeklyRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return domain.Money{}, domain.Invalid("terms", "%q does not start with the weekly sum towards the arrears, e.g. \"£5.00 a week towards arrears\"", s)
	}
	v, err := domain.ParseMoney(m[1])
	if err != nil || !v.IsPositive() || v.GreaterThan(maxWeekly) {
		return domain.Money{}, domain.Invalid("terms", "the weekly sum towards the arrears must be more than £0.00 and at most %s", maxWeekly.Human())
	}
	return v, nil
}

// Check validates terms against the outcome recorded on hearing day.
func Check(o Outcome, t Terms, hearing domain.Date) error {
	in, ok := Lookup(o)
	if !ok {
		return domain.Invalid("outcome", "%q is not an outcome code", o)
	}
	switch {
	case in.Terms == termsRequired && !t.Weekly.IsPositive():
		return domain.Invalid("terms", "%s needs the weekly sum towards the arrears (--terms \"£5.00 a week towards arrears\")", strings.ToLower(in.Words))
	case in.Terms == 0 && !t.Weekly.IsZero():
		return domain.Invalid("terms", "%s has no terms to keep: leave --terms out", strings.ToLower(in.Words))
	case o == OutrightWithDate && t.PossessionDate.IsZero():
		return domain.Invalid("possession-date", "an outright order with a date needs the date for possession (--possession-date)")
	case o != OutrightWithDate && !t.PossessionDate.IsZero():
		return domain.Invalid("possession-date", "%s gives no date for possession: leave --possession-date out", strings.ToLower(in.Words))
	case !t.PossessionDate.IsZero() && t.PossessionDate.Before(hearing):
		return domain.Invalid("possession-date", "the date for possession %s is before the hearing %s", t.PossessionDate.Human(), hearing.Human())
	}
	return nil
}

// Status is how an order's weekly terms stand on a day.
type Status struct {
	// Weeks is the whole weeks since the order; Due is what they required
	// (each week's rent and the weekly sum); Paid the payments since the
	// order; Short how much Paid falls short of Due (zero when kept).
	Weeks int
	Due   domain.Money
	Paid  domain.Money
	Short domain.Money
}

// Breached reports whether the terms are not kept.
func (s Status) Breached() bool { return s.Short.IsPositive() }

// Words say how the terms stand: "kept: £120.00 paid of £120.00 due over 3
// weeks" or "breached: £40.00 short (£80.00 paid of £120.00 due over 3 weeks)".
func (s Status) Words() string {
	tail := s.Paid.Human() + " paid of " + s.Due.Human() + " due over " + weeks(s.Weeks)
	if s.Breached() {
		return "breached: " + s.Short.Human() + " short (" + tail + ")"
	}
	return "kept: " + tail
}

func weeks(n int) string {
	if n == 1 {
		return "1 week"
	}
	return strconv.Itoa(n) + " weeks"
}

// Breach reads the terms from the ledger: each whole week since the order
// (the order's day is day 0; a week is due at its end) requires the weekly
// rent plus the weekly sum; every payment dated after the order and on or
// before today counts towards them (payments carry the ledger's credit
// sign; other transactions are ignored).
func Breach(order domain.Date, rent, weekly domain.Money, payments []domain.Txn, today domain.Date) Status {
	var s Status
	if today.After(order) {
		s.Weeks = today.DaysSince(order) / 7
	}
	s.Due = rent.Add(weekly).MulInt(int64(s.Weeks))
	for _, t := range payments {
		if t.Type.IsPayment() && t.Date.After(order) && !t.Date.After(today) {
			s.Paid = s.Paid.Sub(t.Amount)
		}
	}
	if short := s.Due.Sub(s.Paid); short.IsPositive() {
		s.Short = short
	}
	return s
}

// WarrantYears is how long after the order a warrant may be issued without
// the court's permission.
const WarrantYears = 6

// PermissionFrom is the first day a warrant on the order of that day needs
// the court's permission: its sixth anniversary (29 February orders: 28
// February in a common year).
func PermissionFrom(order domain.Date) domain.Date { return order.AddMonthsClamped(12 * WarrantYears) }

// NeedsPermission reports whether a warrant applied for on day needs the
// court's permission, and says so in words.
func NeedsPermission(order, day domain.Date) (bool, string) {
	from := PermissionFrom(order)
	if day.Before(from) {
		return false, "a warrant may be issued without permission until " + from.AddDays(-1).Human()
	}
	return true, "the order of " + order.Human() + " is 6 years old or more (since " + from.Human() +
		"): a warrant needs the court's permission"
}
