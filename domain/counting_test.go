package domain

import (
	"testing"
	"time"
)

// The running example of RULES.md and the fact sheet: RTB1 received Mon 3
// Mar 2025, RTB2 admitting the right Mon 31 Mar, s125 offer Tue 1 Apr.
var (
	rtb1Received = day(2025, time.March, 3)
	rtb2Served   = day(2025, time.March, 31)
	s125Served   = day(2025, time.April, 1)
)

func day(y int, m time.Month, d int) Date { return MustDate(y, m, d) }

func TestCounting(t *testing.T) {
	tests := []struct {
		name  string
		count func() Date
		want  Date
	}{
		// "within N weeks": the same weekday N weeks later.
		{"RTB2 within 4 weeks of the RTB1", func() Date { return WithinWeeks(rtb1Received, 4) }, day(2025, time.March, 31)},
		{"RTB2 8 weeks when relying on another landlord", func() Date { return WithinWeeks(rtb1Received, 8) }, day(2025, time.April, 28)},
		{"s125 within 8 weeks of the RTB2 for a freehold house", func() Date { return WithinWeeks(rtb2Served, 8) }, day(2025, time.May, 26)},
		{"s125 within 12 weeks of the RTB2 for a flat", func() Date { return WithinWeeks(rtb2Served, 12) }, day(2025, time.June, 23)},
		{"RTB2 within 4 weeks despite an NFI match", func() Date { return WithinWeeks(day(2025, time.June, 2), 4) }, day(2025, time.June, 30)},
		{"RTB2 within 8 weeks despite an NFI match, other landlords relied on", func() Date { return WithinWeeks(day(2025, time.June, 2), 8) }, day(2025, time.July, 28)},

		// "beginning with": the start day is day 1.
		{"s125D 12 weeks beginning with the offer end on day 84", func() Date { return WeeksBeginningWith(s125Served, 12) }, day(2025, time.June, 23)},
		{"s125D restarted by a DV determination notice", func() Date { return WeeksBeginningWith(day(2025, time.June, 2), 12) }, day(2025, time.August, 24)},
		{"one day beginning with a date is that date", func() Date { return DaysBeginningWith(s125Served, 1) }, s125Served},
		{"28 days beginning with a date end 27 days later", func() Date { return DaysBeginningWith(day(2025, time.June, 30), 28) }, day(2025, time.July, 27)},

		// "one month beginning with": the day before the same-numbered day.
		{"RTB6 response period of one month ends the day before the same date", func() Date { return MonthsBeginningWith(s125Served, 1) }, day(2025, time.April, 30)},
		{"one month from the 1st ends on the month's last day", func() Date { return MonthsBeginningWith(day(2025, time.March, 1), 1) }, day(2025, time.March, 31)},
		{"one month from 28 Jan ends 27 Feb", func() Date { return MonthsBeginningWith(day(2025, time.January, 28), 1) }, day(2025, time.February, 27)},
		{"one month from 29 Jan in a common year runs to the end of February", func() Date { return MonthsBeginningWith(day(2025, time.January, 29), 1) }, day(2025, time.February, 28)},
		{"one month from 31 Jan is clamped to the end of February", func() Date { return MonthsBeginningWith(day(2025, time.January, 31), 1) }, day(2025, time.February, 28)},
		{"one month from 30 Jan in a leap year runs to 29 Feb", func() Date { return MonthsBeginningWith(day(2024, time.January, 30), 1) }, day(2024, time.February, 29)},
		{"one month from 29 Jan in a leap year ends 28 Feb", func() Date { return MonthsBeginningWith(day(2024, time.January, 29), 1) }, day(2024, time.February, 28)},
		{"one month across the year end", func() Date { return MonthsBeginningWith(day(2025, time.December, 15), 1) }, day(2026, time.January, 14)},
		{"RULES.md: one month beginning with 15 Jan ends 14 Feb", func() Date { return MonthsBeginningWith(day(2025, time.January, 15), 1) }, day(2025, time.February, 14)},
		{"one month beginning with 14 Jan ends 13 Feb (the day before)", func() Date { return MonthsBeginningWith(day(2025, time.January, 14), 1) }, day(2025, time.February, 13)},
		{"one month beginning with 16 Jan ends 15 Feb (the day after)", func() Date { return MonthsBeginningWith(day(2025, time.January, 16), 1) }, day(2025, time.February, 15)},
		{"RULES.md: one month beginning with 31 Jan in a leap year ends 29 Feb", func() Date { return MonthsBeginningWith(day(2024, time.January, 31), 1) }, day(2024, time.February, 29)},
		{"one month beginning with 30 Jan in a common year ends 28 Feb", func() Date { return MonthsBeginningWith(day(2025, time.January, 30), 1) }, day(2025, time.February, 28)},
		{"one month beginning with 1 Feb ends 28 Feb", func() Date { return MonthsBeginningWith(day(2025, time.February, 1), 1) }, day(2025, time.February, 28)},
		{"two months from 31 Dec is clamped to the end of February", func() Date { return MonthsBeginningWith(day(2024, time.December, 31), 2) }, day(2025, time.February, 28)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.count(); !got.Equal(tt.want) {
				t.Fatalf("got %s, want %s", got.Human(), tt.want.Human())
			}
		})
	}
}

func TestAfterClearDays(t *testing.T) {
	h := DefaultHolidays()
	tests := []struct {
		name  string
		start Date
		n     int
		want  Date
	}{
		{"7 clear days exclude the start day and the event day", day(2025, time.March, 3), 7, day(2025, time.March, 11)},
		{"14 clear days count weekends", day(2025, time.March, 3), 14, day(2025, time.March, 18)},
		{"2 clear days skip the weekend and the Early May bank holiday", day(2025, time.May, 1), 2, day(2025, time.May, 7)},
		{"5 clear days are working days", day(2025, time.March, 3), 5, day(2025, time.March, 11)},
		{"6 clear days are calendar days", day(2025, time.March, 3), 6, day(2025, time.March, 10)},
		{"2 clear days from Christmas Eve skip Christmas and Boxing Day", day(2025, time.December, 24), 2, day(2025, time.December, 31)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AfterClearDays(tt.start, tt.n, h); !got.Equal(tt.want) {
				t.Fatalf("AfterClearDays(%s, %d) = %s, want %s", tt.start.Human(), tt.n, got.Human(), tt.want.Human())
			}
		})
	}
}

func TestMonthsAfter(t *testing.T) {
	tests := []struct {
		name   string
		from   Date
		months int
		want   Date
	}{
		{"the same-numbered day a month later", day(2025, time.January, 15), 1, day(2025, time.February, 15)},
		{"31 Jan + 1 month is clamped to 28 Feb", day(2025, time.January, 31), 1, day(2025, time.February, 28)},
		{"31 Jan + 1 month is 29 Feb in a leap year", day(2024, time.January, 31), 1, day(2024, time.February, 29)},
		{"30 Jan + 1 month is clamped to 28 Feb", day(2025, time.January, 30), 1, day(2025, time.February, 28)},
		{"28 Jan + 1 month is 28 Feb", day(2025, time.January, 28), 1, day(2025, time.February, 28)},
		{"a NOSP's 12 months from Sun 2 Nov 2025 end Mon 2 Nov 2026", day(2025, time.November, 2), 12, day(2026, time.November, 2)},
		{"29 Feb + 12 months is 28 Feb", day(2024, time.February, 29), 12, day(2025, time.February, 28)},
		{"12 months back from 3 Mar 2025", day(2025, time.March, 3), -12, day(2024, time.March, 3)},
		{"31 Mar − 1 month is clamped to 28 Feb", day(2025, time.March, 31), -1, day(2025, time.February, 28)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MonthsAfter(tt.from, tt.months); !got.Equal(tt.want) {
				t.Fatalf("MonthsAfter(%s, %d) = %s, want %s", tt.from.Human(), tt.months, got.Human(), tt.want.Human())
			}
		})
	}
}

func TestForDays(t *testing.T) {
	since := day(2025, time.March, 3)
	tests := []struct {
		name  string
		today Date
		n     int
		want  bool
	}{
		{"13 days since is not yet 14 days", day(2025, time.March, 16), 14, false},
		{"the 14th day counts: 14 days since", day(2025, time.March, 17), 14, true},
		{"15 days since is more than 14", day(2025, time.March, 18), 14, true},
		{"0 days: the day itself", since, 0, true},
		{"the day before the event has not passed 0 days", day(2025, time.March, 2), 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ForDays(since, tt.today, tt.n); got != tt.want {
				t.Fatalf("ForDays(%s, %s, %d) = %v, want %v", since.Human(), tt.today.Human(), tt.n, got, tt.want)
			}
		})
	}
	if ForDays(Date{}, since, 0) {
		t.Fatal("a date that never happened has passed no days")
	}
}

func TestWithinDaysBefore(t *testing.T) {
	due := day(2026, time.November, 2)
	tests := []struct {
		name  string
		today Date
		want  bool
	}{
		{"29 days before is not yet within 28", day(2026, time.October, 4), false},
		{"28 days before fires", day(2026, time.October, 5), true},
		{"on the day", due, true},
		{"after the day", day(2026, time.November, 3), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WithinDaysBefore(due, tt.today, 28); got != tt.want {
				t.Fatalf("WithinDaysBefore(%s, %s, 28) = %v, want %v", due.Human(), tt.today.Human(), got, tt.want)
			}
		})
	}
}

func TestFirstOnOrAfter(t *testing.T) {
	tests := []struct {
		name string
		from Date
		want Date
	}{
		{"a Monday is itself", day(2025, time.June, 9), day(2025, time.June, 9)},
		{"a Sunday is itself", day(2025, time.November, 2), day(2025, time.November, 2)},
		{"a Tuesday moves to the Sunday", day(2025, time.June, 10), day(2025, time.June, 15)},
		{"a Saturday moves to the Sunday", day(2025, time.June, 14), day(2025, time.June, 15)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FirstOnOrAfter(tt.from, time.Sunday, time.Monday); !got.Equal(tt.want) {
				t.Fatalf("FirstOnOrAfter(%s) = %s, want %s", tt.from.Human(), got.Human(), tt.want.Human())
			}
		})
	}
}

// TestMonthsAfterNeverPanics: a long monthly schedule may run past the years
// a date is accepted from input; counting on must not panic.
func TestMonthsAfterNeverPanics(t *testing.T) {
	if got := MonthsAfter(day(2999, time.December, 31), 2).String(); got != "3000-02-28" {
		t.Fatalf("MonthsAfter(31 Dec 2999, 2) = %s, want 3000-02-28", got)
	}
}
