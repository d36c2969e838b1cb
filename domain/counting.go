package rtb

import "caseload/domain"

// The statute words its periods in several ways, and they differ by a day at
// the edges; each has its own helper so that a deadline names the reading it
// used (RULES.md "Counting time", fact sheet §0). They are defined for
// positive lengths.

// WithinWeeks is the last day of a period "within N weeks" of start, as in
// s124 (RTB2) and s125 (offer notice): the same weekday N weeks later. The
// statute does not say whether the day of service counts; this is the reading
// RULES.md fixes. The inclusive reading ends a day earlier, so deadlines
// counted this way are marked PlusMinusOneDay.
func WithinWeeks(start domain.Date, weeks int) domain.Date {
	return start.AddDays(7 * weeks)
}

// DaysBeginningWith is the last day of a period of n days "beginning with"
// start: start itself is day 1.
func DaysBeginningWith(start domain.Date, days int) domain.Date {
	return start.AddDays(days - 1)
}

// WeeksBeginningWith is the last day of a period of n weeks "beginning with"
// start, as in s125D (the tenant's reply): start is day 1, so the period
// ends the day before the same weekday n weeks later.
func WeeksBeginningWith(start domain.Date, weeks int) domain.Date {
	return DaysBeginningWith(start, 7*weeks)
}

// MonthsBeginningWith is the last day of a period of n months "beginning
// with" start, as in the s153A response period: the day before the
// same-numbered day n months later. When that month has no such day (a
// period beginning on 31 January), the period runs to the month's last day,
// so a later start never ends earlier.
func MonthsBeginningWith(start domain.Date, months int) domain.Date {
	same := start.AddMonthsClamped(months)
	if same.Day() != start.Day() {
		return same // clamped: the month is shorter, its last day ends the period
	}
	return same.AddDays(-1)
}

// AfterClearDays is the first day on which an event may fall when n clear
// days must separate it from start (Civil Procedure Rules 2.8): neither the
// start day nor the event day counts. For periods of 5 days or less,
// weekends and bank holidays do not count either (CPR 2.8(4)), which is why
// the holidays are an input.
func AfterClearDays(start domain.Date, n int, h domain.Holidays) domain.Date {
	if n <= 5 {
		return h.AddWorkingDays(start, n).AddDays(1)
	}
	return start.AddDays(n + 1)
}
