package domain

import (
	"fmt"
	"time"
)

// Rent weeks run Monday to Sunday and rent is debited on the Monday. The rent
// year starts on the first Monday of April and has 52 or 53 weeks
// (RULES.md "Rent accounting").

// RentWeekStart is the Monday of the rent week containing d.
func RentWeekStart(d Date) Date {
	back := (int(d.Weekday()) + 6) % 7 // Monday → 0 … Sunday → 6
	return d.AddDays(-back)
}

// firstMondayOfApril is the first Monday in April of year y.
func firstMondayOfApril(y int) Date {
	d := MustDate(y, time.April, 1)
	for d.Weekday() != time.Monday {
		d = d.AddDays(1)
	}
	return d
}

// RentYear is one rent year: from the first Monday of April to the Sunday
// before the next one.
type RentYear struct {
	Start Date
	End   Date
	Weeks int
}

// RentYearOf is the rent year containing d.
func RentYearOf(d Date) RentYear {
	start := firstMondayOfApril(d.Year())
	if d.Before(start) {
		start = firstMondayOfApril(d.Year() - 1)
	}
	next := firstMondayOfApril(start.Year() + 1)
	return RentYear{Start: start, End: next.AddDays(-1), Weeks: next.DaysSince(start) / 7}
}

// Label is "2026/27".
func (y RentYear) Label() string {
	return fmt.Sprintf("%d/%02d", y.Start.Year(), (y.Start.Year()+1)%100)
}

// WeekNumber is the 1-based number of the rent week starting on monday
// within its rent year.
func (y RentYear) WeekNumber(monday Date) int {
	return monday.DaysSince(y.Start)/7 + 1
}

// RentWeekWords names the rent week starting on monday as the ledger's
// notes say it: "rent week 36 of 2026/27".
func RentWeekWords(monday Date) string {
	y := RentYearOf(monday)
	return fmt.Sprintf("rent week %d of %s", y.WeekNumber(monday), y.Label())
}

// IsRentFreeWeek reports whether the rent week starting monday is one of an
// account's n rent-free weeks (0–4). Which weeks are free is our stated rule,
// after common council practice (two at Christmas, two in spring):
//
//	n ≥ 1: the week containing Christmas Day;
//	n ≥ 2: the week after it (New Year);
//	n ≥ 3: the last week of the rent year;
//	n ≥ 4: the week before the last.
//
// So a 52-week year charges 52−n weeks, and a 53-week year 53−n.
func IsRentFreeWeek(monday Date, n int) bool {
	if n <= 0 {
		return false
	}
	monday = RentWeekStart(monday)
	year := RentYearOf(monday)
	christmas := RentWeekStart(MustDate(year.Start.Year(), time.December, 25))
	last := year.Start.AddDays(7 * (year.Weeks - 1))
	free := []Date{christmas, christmas.AddDays(7), last, last.AddDays(-7)}
	if n > len(free) {
		n = len(free)
	}
	for _, f := range free[:n] {
		if f.Equal(monday) {
			return true
		}
	}
	return false
}

// ChargedWeeks is the number of weeks in the rent year with a debit.
func (y RentYear) ChargedWeeks(rentFreeWeeks int) int {
	n := 0
	for w := 0; w < y.Weeks; w++ {
		if !IsRentFreeWeek(y.Start.AddDays(7*w), rentFreeWeeks) {
			n++
		}
	}
	return n
}
