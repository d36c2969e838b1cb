package rtb

import (
	"testing"
	"time"

	"caseload/domain"
)

func TestCounting(t *testing.T) {
	tests := []struct {
		name  string
		count func() domain.Date
		want  domain.Date
	}{
		// "within N weeks": the same weekday N weeks later.
		{"RTB2 within 4 weeks of the RTB1", func() domain.Date { return WithinWeeks(rtb1Received, 4) }, day(2025, time.March, 31)},
		{"RTB2 8 weeks when relying on another landlord", func() domain.Date { return WithinWeeks(rtb1Received, 8) }, day(2025, time.April, 28)},
		{"s125 within 8 weeks of the RTB2 for a freehold house", func() domain.Date { return WithinWeeks(rtb2Served, 8) }, day(2025, time.May, 26)},
		{"s125 within 12 weeks of the RTB2 for a flat", func() domain.Date { return WithinWeeks(rtb2Served, 12) }, day(2025, time.June, 23)},
		{"RTB2 within 4 weeks despite an NFI match", func() domain.Date { return WithinWeeks(day(2025, time.June, 2), 4) }, day(2025, time.June, 30)},
		{"RTB2 within 8 weeks despite an NFI match, other landlords relied on", func() domain.Date { return WithinWeeks(day(2025, time.June, 2), 8) }, day(2025, time.July, 28)},

		// "beginning with": the start day is day 1.
		{"s125D 12 weeks beginning with the offer end on day 84", func() domain.Date { return WeeksBeginningWith(s125Served, 12) }, day(2025, time.June, 23)},
		{"s125D restarted by a DV determination notice", func() domain.Date { return WeeksBeginningWith(day(2025, time.June, 2), 12) }, day(2025, time.August, 24)},
		{"one day beginning with a date is that date", func() domain.Date { return DaysBeginningWith(s125Served, 1) }, s125Served},
		{"28 days beginning with a date end 27 days later", func() domain.Date { return DaysBeginningWith(day(2025, time.June, 30), 28) }, day(2025, time.July, 27)},

		// "one month beginning with": the day before the same-numbered day.
		{"RTB6 response period of one month ends the day before the same date", func() domain.Date { return MonthsBeginningWith(s125Served, 1) }, day(2025, time.April, 30)},
		{"one month from the 1st ends on the month's last day", func() domain.Date { return MonthsBeginningWith(day(2025, time.March, 1), 1) }, day(2025, time.March, 31)},
		{"one month from 28 Jan ends 27 Feb", func() domain.Date { return MonthsBeginningWith(day(2025, time.January, 28), 1) }, day(2025, time.February, 27)},
		{"one month from 29 Jan in a common year runs to the end of February", func() domain.Date { return MonthsBeginningWith(day(2025, time.January, 29), 1) }, day(2025, time.February, 28)},
		{"one month from 31 Jan is clamped to the end of February", func() domain.Date { return MonthsBeginningWith(day(2025, time.January, 31), 1) }, day(2025, time.February, 28)},
		{"one month from 30 Jan in a leap year runs to 29 Feb", func() domain.Date { return MonthsBeginningWith(day(2024, time.January, 30), 1) }, day(2024, time.February, 29)},
		{"one month from 29 Jan in a leap year ends 28 Feb", func() domain.Date { return MonthsBeginningWith(day(2024, time.January, 29), 1) }, day(2024, time.February, 28)},
		{"one month across the year end", func() domain.Date { return MonthsBeginningWith(day(2025, time.December, 15), 1) }, day(2026, time.January, 14)},
		{"two months from 31 Dec is clamped to the end of February", func() domain.Date { return MonthsBeginningWith(day(2024, time.December, 31), 2) }, day(2025, time.February, 28)},
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
	h := domain.DefaultHolidays()
	tests := []struct {
		name  string
		start domain.Date
		n     int
		want  domain.Date
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
