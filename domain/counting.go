package domain

import "time"

// Counting time (RULES.md "Counting time"): the statute and the courts word
// their periods in several ways, and the readings differ by a day at the
// edges. Each reading is stated once, here, and every clock in caseload
// (Right to Buy, notices of seeking possession, the worklist's "for N days",
// payment cadences, arrangement windows) counts with these functions, so a
// deadline can name the reading it used. They are defined for positive
// lengths.

// WithinWeeks is the last day of a period "within N weeks" of start, as in
// s124 (RTB2) and s125 (offer notice): the same weekday N weeks later. The
// statute does not say whether the day of service counts; this is the reading
// RULES.md fixes. The inclusive reading ends a day earlier, so deadlines
// counted this way are marked "±1 day".
func WithinWeeks(start Date, weeks int) Date {
	return start.AddDays(7 * weeks)
}

// DaysBeginningWith is the last day of a period of n days "beginning with"
// start: start itself is day 1.
func DaysBeginningWith(start Date, days int) Date {
	return start.AddDays(days - 1)
}

// WeeksBeginningWith is the last day of a period of n weeks "beginning with"
// start, as in s125D (the tenant's reply): start is day 1, so the period
// ends the day before the same weekday n weeks later.
func WeeksBeginningWith(start Date, weeks int) Date {
	return DaysBeginningWith(start, 7*weeks)
}

// MonthsBeginningWith is the last day of a period of n months "beginning
// with" start, as in the RTB6 response period: the day before the
// same-numbered day n months later. When that month has no such day (a
// period beginning on 29–31 January), the period runs to the month's last
// day, so a later start never ends earlier (31 Jan → 28 Feb; 15 Jan → 14 Feb).
func MonthsBeginningWith(start Date, months int) Date {
	same := MonthsAfter(start, months)
	if same.Day() != start.Day() {
		return same // clamped: the month is shorter, its last day ends the period
	}
	return same.AddDays(-1)
}

// MonthsAfter is the date "N months after" d: the same-numbered day n
// calendar months later (n may be negative), or that month's last day when
// it has no such day (31 Jan + 1 month = 28 Feb, or 29 Feb in a leap year).
func MonthsAfter(d Date, months int) Date {
	return d.AddMonthsClamped(months)
}

// ForDays reports whether n days have passed since d by today ("for N
// days", "N days since"): today − d ≥ n, so the Nth day counts. A zero d
// (it never happened) has not passed anything.
func ForDays(d, today Date, n int) bool {
	return !d.IsZero() && today.DaysSince(d) >= n
}

// WithinDaysBefore reports whether today is within n days before (or on,
// or after) the day due: due − today ≤ n. It is the other side of ForDays,
// for "fires from N days before" (nosp-expiring: from 28 days before the
// last day to issue proceedings).
func WithinDaysBefore(due, today Date, n int) bool {
	return due.DaysSince(today) <= n
}

// FirstOnOrAfter is the first day on or after d that falls on one of the
// weekdays (a rent-period boundary for a notice of seeking possession).
func FirstOnOrAfter(d Date, days ...time.Weekday) Date {
	for range 7 {
		for _, w := range days {
			if d.Weekday() == w {
				return d
			}
		}
		d = d.AddDays(1)
	}
	return d
}

// AfterClearDays is the first day on which an event may fall when n clear
// days must separate it from start (Civil Procedure Rules 2.8): neither the
// start day nor the event day counts. For periods of 5 days or less,
// weekends and bank holidays do not count either (CPR 2.8(4)), which is why
// the holidays are an input.
func AfterClearDays(start Date, n int, h Holidays) Date {
	if n <= 5 {
		return h.AddWorkingDays(start, n).AddDays(1)
	}
	return start.AddDays(n + 1)
}
