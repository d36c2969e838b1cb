package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date with no time of day and no time zone: business
// dates in caseload are UK civil dates (DESIGN.md "Time"). The zero Date means
// "no date"; every other value is a real day.
type Date struct {
	// n is the number of days since 1970-01-01 plus dayOffset, so that the
	// zero value is distinguishable from every real date.
	n int32
}

const dayOffset = 1_000_000

// NewDate returns the date y-m-d, or an error when no such day exists
// (31 February, month 13…).
func NewDate(y int, m time.Month, d int) (Date, error) {
	if y < 1900 || y > 2999 {
		return Date{}, fmt.Errorf("year %d is out of range (1900–2999)", y)
	}
	if m < 1 || m > 12 {
		return Date{}, fmt.Errorf("month %d does not exist", m)
	}
	if d < 1 || d > DaysIn(y, m) {
		return Date{}, fmt.Errorf("%d %s %d does not exist", d, m, y)
	}
	return dateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)), nil
}

// MustDate is NewDate for literals in tests and tables; it panics on a
// date that does not exist, which is a programming error, never user input.
func MustDate(y int, m time.Month, d int) Date {
	dt, err := NewDate(y, m, d)
	if err != nil {
		panic(err)
	}
	return dt
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return dateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

func dateOf(t time.Time) Date {
	return Date{n: int32(t.Unix()/86400) + dayOffset}
}

// ParseDate reads an ISO date, YYYY-MM-DD, strictly.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("%q is not a date: use YYYY-MM-DD", s)
	}
	y, err1 := strconv.Atoi(s[0:4])
	m, err2 := strconv.Atoi(s[5:7])
	d, err3 := strconv.Atoi(s[8:10])
	if err1 != nil || err2 != nil || err3 != nil || !allDigits(s[0:4]+s[5:7]+s[8:10]) {
		return Date{}, fmt.Errorf("%q is not a date: use YYYY-MM-DD", s)
	}
	dt, err := NewDate(y, time.Month(m), d)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a real date: %v", s, err)
	}
	return dt, nil
}

// ParseDateUK reads YYYY-MM-DD or the UK form DD/MM/YYYY (as spreadsheets
// write it). Nothing else is accepted: 3/4/25 is ambiguous and refused.
func ParseDateUK(s string) (Date, error) {
	if strings.Contains(s, "/") {
		parts := strings.Split(s, "/")
		if len(parts) != 3 || len(parts[0]) != 2 || len(parts[1]) != 2 || len(parts[2]) != 4 ||
			!allDigits(parts[0]+parts[1]+parts[2]) {
			return Date{}, fmt.Errorf("%q is not a date: use YYYY-MM-DD or DD/MM/YYYY", s)
		}
		d, _ := strconv.Atoi(parts[0])
		m, _ := strconv.Atoi(parts[1])
		y, _ := strconv.Atoi(parts[2])
		dt, err := NewDate(y, time.Month(m), d)
		if err != nil {
			return Date{}, fmt.Errorf("%q is not a real date: %v", s, err)
		}
		return dt, nil
	}
	dt, err := ParseDate(s)
	if err != nil && !strings.Contains(err.Error(), "real date") {
		return Date{}, fmt.Errorf("%q is not a date: use YYYY-MM-DD or DD/MM/YYYY", s)
	}
	return dt, err
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// DaysIn is the number of days in month m of year y.
func DaysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func (d Date) time() time.Time {
	return time.Unix(int64(d.n-dayOffset)*86400, 0).UTC()
}

// IsZero reports whether d is the "no date" value.
func (d Date) IsZero() bool { return d.n == 0 }

// Year, Month and Day are the parts of d.
func (d Date) Year() int             { return d.time().Year() }
func (d Date) Month() time.Month     { return d.time().Month() }
func (d Date) Day() int              { return d.time().Day() }
func (d Date) Weekday() time.Weekday { return d.time().Weekday() }

// AddDays returns d moved n days (n may be negative).
func (d Date) AddDays(n int) Date { return Date{n: d.n + int32(n)} }

// AddMonthsClamped moves d by n calendar months, keeping the day of the month
// or using the month's last day when it has no such day (31 Jan + 1 = 28/29 Feb).
func (d Date) AddMonthsClamped(n int) Date {
	y, m, day := d.Year(), d.Month(), d.Day()
	total := int(m) - 1 + n
	y += total / 12
	total %= 12
	if total < 0 {
		total += 12
		y--
	}
	nm := time.Month(total + 1)
	if last := DaysIn(y, nm); day > last {
		day = last
	}
	// Not MustDate: a long schedule may run past the years NewDate accepts
	// from input, and date arithmetic must not panic.
	return dateOf(time.Date(y, nm, day, 0, 0, 0, 0, time.UTC))
}

// DaysSince is the number of days from e to d (d − e); positive when d is later.
func (d Date) DaysSince(e Date) int { return int(d.n - e.n) }

// Before, After and Equal compare dates.
func (d Date) Before(e Date) bool { return d.n < e.n }
func (d Date) After(e Date) bool  { return d.n > e.n }
func (d Date) Equal(e Date) bool  { return d.n == e.n }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.n < e.n:
		return -1
	case d.n > e.n:
		return 1
	}
	return 0
}

// String is the ISO form, 2026-11-23, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.time().Format("2006-01-02")
}

// Human is the form officers read: "Mon 23 Nov 2026".
func (d Date) Human() string {
	if d.IsZero() {
		return "—"
	}
	return d.time().Format("Mon 2 Jan 2006")
}

// Short is a compact form for narrow columns: "23 Nov 26".
func (d Date) Short() string {
	if d.IsZero() {
		return "—"
	}
	return d.time().Format("02 Jan 06")
}

// DayMonth is "9 Dec", for reasons where the year is obvious.
func (d Date) DayMonth() string {
	if d.IsZero() {
		return "—"
	}
	return d.time().Format("2 Jan")
}

// MinDate and MaxDate return the earlier or later of two dates, ignoring zeros.
func MinDate(a, b Date) Date {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}

// MaxDate returns the later of two dates.
func MaxDate(a, b Date) Date {
	if b.After(a) {
		return b
	}
	return a
}

// MarshalText and UnmarshalText make Date a YYYY-MM-DD JSON string.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD; an empty string is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
