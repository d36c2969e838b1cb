package arrangement

import (
	"strings"
	"time"

	"caseload/domain"
)

// ParseFrequency reads a frequency as the CLI and the forms write it.
func ParseFrequency(s string) (Frequency, error) {
	for _, f := range Frequencies {
		if string(f) == s {
			return f, nil
		}
	}
	names := make([]string, len(Frequencies))
	for i, f := range Frequencies {
		names[i] = string(f)
	}
	return "", domain.Invalid("frequency", "%q is not one of %s", s, strings.Join(names, ", "))
}

// Valid reports whether f is one of Frequencies.
func (f Frequency) Valid() bool {
	_, err := ParseFrequency(string(f))
	return err == nil
}

// Per is how an amount paid at this frequency reads after the figure:
// "£10.00 a week", "£20.00 per fortnight", "£40.00 per 4 weeks", "£43.33 a month".
func (f Frequency) Per() string {
	switch f {
	case Weekly:
		return "a week"
	case Fortnightly:
		return "per fortnight"
	case FourWeekly:
		return "per 4 weeks"
	case Monthly:
		return "a month"
	}
	return string(f)
}

// weeks is the length of a weekly-based period in weeks, 0 for monthly (and
// for an unknown frequency).
func (f Frequency) weeks() int {
	switch f {
	case Weekly:
		return 1
	case Fortnightly:
		return 2
	case FourWeekly:
		return 4
	}
	return 0
}

// PerYear is how many instalments fall in a year: 52, 26, 13 or 12
// (0 for an unknown frequency).
func (f Frequency) PerYear() int {
	if w := f.weeks(); w > 0 {
		return 52 / w
	}
	if f == Monthly {
		return 12
	}
	return 0
}

// DueDate is the date instalment n (1-based: instalment 1 is due on start)
// falls due: start + 7, 14 or 28 days per instalment, or for monthly the
// start's day of the month, or the month's last day when it has no such day.
// It is always counted from start, never from the previous due date, so a
// start of 31 Jan gives 28/29 Feb and then 31 Mar again. It returns the zero
// Date for n < 1 or an unknown frequency.
func (f Frequency) DueDate(start domain.Date, n int) domain.Date {
	c, ok := newCalendar(start, f)
	if !ok || n < 1 {
		return domain.Date{}
	}
	return c.due(n)
}

// DueDate is the date instalment n (1-based) of the arrangement falls due.
func (t Terms) DueDate(n int) domain.Date { return t.Frequency.DueDate(t.Start, n) }

// calendar computes due dates for one start and frequency. Monthly dates
// are "N months after" the start (domain.MonthsAfter), the one reading of
// it in caseload.
type calendar struct {
	start domain.Date
	step  int // days between instalments; 0 for monthly
	// For monthly: the start's year and month, to estimate a count.
	y int
	m time.Month
}

func newCalendar(start domain.Date, f Frequency) (calendar, bool) {
	if start.IsZero() {
		return calendar{}, false
	}
	if w := f.weeks(); w > 0 {
		return calendar{start: start, step: 7 * w}, true
	}
	if f != Monthly {
		return calendar{}, false
	}
	return calendar{start: start, y: start.Year(), m: start.Month()}, true
}

// due is DueDate for n ≥ 1.
func (c calendar) due(n int) domain.Date {
	if c.step > 0 {
		return c.start.AddDays(c.step * (n - 1))
	}
	return domain.MonthsAfter(c.start, n-1)
}

// datesOnOrBefore is how many due dates fall on or before last (0 when last
// is before the start).
func (c calendar) datesOnOrBefore(last domain.Date) int {
	if last.Before(c.start) {
		return 0
	}
	if c.step > 0 {
		return last.DaysSince(c.start)/c.step + 1
	}
	// Months apart plus one is right unless clamping or a later day of the
	// month moves the last date past last; due dates only increase, so step
	// back (at most once) and forward until the count fits.
	n := (last.Year()-c.y)*12 + int(last.Month()) - int(c.m) + 1
	for n > 0 && c.due(n).After(last) {
		n--
	}
	for !c.due(n + 1).After(last) {
		n++
	}
	return n
}
