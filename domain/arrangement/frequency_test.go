package arrangement

import (
	"strings"
	"testing"

	"caseload/domain"
)

// day reads a YYYY-MM-DD literal; a bad literal is a mistake in the test.
func day(s string) domain.Date {
	d, err := domain.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestParseFrequency(t *testing.T) {
	for _, f := range Frequencies {
		got, err := ParseFrequency(string(f))
		if err != nil || got != f {
			t.Errorf("ParseFrequency(%q) = %q, %v", f, got, err)
		}
	}
	for _, bad := range []string{"", "Weekly", "4-weekly", "daily", "monthly "} {
		_, err := ParseFrequency(bad)
		if err == nil || !domain.IsValidation(err) {
			t.Fatalf("ParseFrequency(%q) = %v, want a ValidationError", bad, err)
		}
		if !strings.Contains(err.Error(), "weekly, fortnightly, four-weekly, monthly") {
			t.Errorf("ParseFrequency(%q) error %q does not list the allowed values", bad, err)
		}
	}
}

func TestDueDate(t *testing.T) {
	tests := []struct {
		name  string
		start string
		f     Frequency
		n     int
		want  string // "" for no date
	}{
		{"weekly: instalment 1 is due on the start", "2026-03-02", Weekly, 1, "2026-03-02"},
		{"weekly: +7 days an instalment", "2026-03-02", Weekly, 3, "2026-03-16"},
		{"fortnightly: +14 days an instalment", "2026-03-02", Fortnightly, 2, "2026-03-16"},
		{"four-weekly: +28 days an instalment", "2026-03-02", FourWeekly, 3, "2026-04-27"},
		{"monthly: the start's day of the month", "2026-03-15", Monthly, 2, "2026-04-15"},
		{"monthly from 31 Jan in a leap year: 29 Feb", "2028-01-31", Monthly, 2, "2028-02-29"},
		{"monthly from 31 Jan in a common year: 28 Feb", "2027-01-31", Monthly, 2, "2027-02-28"},
		{"monthly from 31 Jan comes back to 31 Mar after February", "2027-01-31", Monthly, 3, "2027-03-31"},
		{"monthly from 31 Jan: 30 Apr, the month's last day", "2027-01-31", Monthly, 4, "2027-04-30"},
		{"monthly from 30 Nov across the year end: 28 Feb", "2026-11-30", Monthly, 4, "2027-02-28"},
		{"monthly from 29 Feb: 28 Feb in a common year", "2028-02-29", Monthly, 13, "2029-02-28"},
		{"monthly from 29 Feb: 29 Feb again four years on", "2028-02-29", Monthly, 49, "2032-02-29"},
		{"monthly past the year 2999 does not fail", "2999-12-31", Monthly, 3, "3000-02-28"},
		{"no instalment 0", "2026-03-02", Weekly, 0, ""},
		{"an unknown frequency has no dates", "2026-03-02", Frequency("daily"), 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.DueDate(day(tt.start), tt.n).String(); got != tt.want {
				t.Fatalf("DueDate(%s, %s, %d) = %q, want %q", tt.start, tt.f, tt.n, got, tt.want)
			}
		})
	}
}

// TestMonthlyMatchesAddMonthsClamped checks the calendar's own monthly
// arithmetic against domain.Date.AddMonthsClamped from every start day of a
// common and a leap year, for ten years of instalments.
func TestMonthlyMatchesAddMonthsClamped(t *testing.T) {
	for s := day("2027-01-01"); s.Before(day("2029-01-01")); s = s.AddDays(1) {
		for n := 1; n <= 121; n++ {
			want := s.AddMonthsClamped(n - 1)
			if got := Monthly.DueDate(s, n); !got.Equal(want) {
				t.Fatalf("Monthly.DueDate(%s, %d) = %s, want %s", s, n, got, want)
			}
		}
	}
}

// TestDatesOnOrBefore checks the count of due dates up to a day against
// counting them one by one.
func TestDatesOnOrBefore(t *testing.T) {
	for _, f := range Frequencies {
		for _, start := range []string{"2027-01-31", "2028-01-31", "2026-03-02", "2026-11-30", "2028-02-29"} {
			c, _ := newCalendar(day(start), f)
			n := 0
			for last := day(start).AddDays(-3); last.Before(day(start).AddDays(800)); last = last.AddDays(1) {
				for !c.due(n + 1).After(last) {
					n++
				}
				if got := c.datesOnOrBefore(last); got != n {
					t.Fatalf("%s from %s: datesOnOrBefore(%s) = %d, want %d", f, start, last, got, n)
				}
			}
		}
	}
}

func TestFrequencyWords(t *testing.T) {
	want := map[Frequency]struct {
		per     string
		perYear int
	}{
		Weekly:      {"a week", 52},
		Fortnightly: {"per fortnight", 26},
		FourWeekly:  {"per 4 weeks", 13},
		Monthly:     {"a month", 12},
	}
	for f, w := range want {
		if f.Per() != w.per || f.PerYear() != w.perYear || !f.Valid() {
			t.Errorf("%s: Per %q PerYear %d Valid %v, want %q %d true", f, f.Per(), f.PerYear(), f.Valid(), w.per, w.perYear)
		}
	}
	if Frequency("daily").Valid() {
		t.Error("daily is not a frequency")
	}
}
