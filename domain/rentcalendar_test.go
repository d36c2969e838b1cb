package domain

import (
	"testing"
	"time"
)

func TestRentYears(t *testing.T) {
	tests := []struct {
		name       string
		on         Date
		start, end string
		weeks      int
		label      string
	}{
		{"2024/25 has 53 weeks", MustDate(2024, time.December, 1), "2024-04-01", "2025-04-06", 53, "2024/25"},
		{"2025/26 has 52 weeks", MustDate(2025, time.April, 7), "2025-04-07", "2026-04-05", 52, "2025/26"},
		{"2026/27 has 52 weeks", MustDate(2026, time.November, 23), "2026-04-06", "2027-04-04", 52, "2026/27"},
		{"a day before the year start belongs to the year before", MustDate(2026, time.April, 5), "2025-04-07", "2026-04-05", 52, "2025/26"},
		{"2030/31 has 53 weeks", MustDate(2030, time.June, 1), "2030-04-01", "2031-04-06", 53, "2030/31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			y := RentYearOf(tt.on)
			if y.Start.String() != tt.start || y.End.String() != tt.end || y.Weeks != tt.weeks || y.Label() != tt.label {
				t.Fatalf("RentYearOf(%s) = %s–%s %d weeks %s, want %s–%s %d %s",
					tt.on, y.Start, y.End, y.Weeks, y.Label(), tt.start, tt.end, tt.weeks, tt.label)
			}
		})
	}
}

func TestRentWeekStart(t *testing.T) {
	for _, tt := range []struct{ on, want string }{
		{"2026-11-23", "2026-11-23"}, // Monday
		{"2026-11-29", "2026-11-23"}, // Sunday
		{"2026-11-25", "2026-11-23"},
		{"2026-11-30", "2026-11-30"},
	} {
		on, _ := ParseDate(tt.on)
		if got := RentWeekStart(on).String(); got != tt.want {
			t.Errorf("RentWeekStart(%s) = %s, want %s", tt.on, got, tt.want)
		}
	}
}

func TestRentFreeWeeks(t *testing.T) {
	y2627 := RentYearOf(MustDate(2026, time.May, 1))
	y2425 := RentYearOf(MustDate(2024, time.May, 1))
	tests := []struct {
		name string
		year RentYear
		free int
		want int
	}{
		{"no rent-free weeks", y2627, 0, 52},
		{"two rent-free weeks: 50 charged", y2627, 2, 50},
		{"four rent-free weeks: 48 charged", y2627, 4, 48},
		{"53-week year with four free: 49 charged", y2425, 4, 49},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.year.ChargedWeeks(tt.free); got != tt.want {
				t.Fatalf("ChargedWeeks(%d) = %d, want %d", tt.free, got, tt.want)
			}
		})
	}
	// Christmas 2026 falls on a Friday: the week of Mon 21 Dec is free with one rent-free week.
	if !IsRentFreeWeek(MustDate(2026, time.December, 21), 1) {
		t.Errorf("week of 21 Dec 2026 should be rent-free")
	}
	if IsRentFreeWeek(MustDate(2026, time.December, 28), 1) || !IsRentFreeWeek(MustDate(2026, time.December, 28), 2) {
		t.Errorf("week of 28 Dec 2026 is free only from two rent-free weeks")
	}
	if !IsRentFreeWeek(MustDate(2027, time.March, 29), 3) || IsRentFreeWeek(MustDate(2027, time.March, 22), 3) {
		t.Errorf("the last week of 2026/27 (29 Mar 2027) is the third free week")
	}
}

func TestWeeklyChargeEffectiveDated(t *testing.T) {
	cs := []ChargeComponent{
		{Component: "rent", Weekly: MustMoney("120.00"), From: MustDate(2025, time.April, 7)},
		{Component: "rent", Weekly: MustMoney("125.76"), From: MustDate(2026, time.April, 6)},
		{Component: "service", Weekly: MustMoney("8.15"), From: MustDate(2025, time.April, 7)},
		{Component: "insurance", Weekly: MustMoney("1.50"), From: MustDate(2026, time.June, 1)},
		{Component: "insurance", Weekly: MustMoney("0"), From: MustDate(2026, time.October, 5)},
	}
	tests := []struct {
		on   Date
		want string
	}{
		{MustDate(2025, time.April, 6), "0.00"},
		{MustDate(2025, time.December, 1), "128.15"},
		{MustDate(2026, time.April, 6), "133.91"},
		{MustDate(2026, time.July, 6), "135.41"},
		{MustDate(2026, time.October, 5), "133.91"},
	}
	for _, tt := range tests {
		if got := WeeklyCharge(cs, tt.on).String(); got != tt.want {
			t.Errorf("WeeklyCharge on %s = %s, want %s", tt.on, got, tt.want)
		}
	}
}

func TestWeekCharge(t *testing.T) {
	cs := []ChargeComponent{{Component: "rent", Weekly: MustMoney("100.00"), From: MustDate(2020, time.January, 1)}}
	mon := MustDate(2026, time.November, 23)
	tests := []struct {
		name       string
		start, end Date
		free       int
		monday     Date
		want       string
		days       int
	}{
		{"whole week", MustDate(2020, time.January, 6), Date{}, 0, mon, "100.00", 7},
		{"starts on Thursday: 4 of 7 days, half-up", MustDate(2026, time.November, 26), Date{}, 0, mon, "57.14", 4},
		{"ends on Tuesday: 2 of 7 days", MustDate(2020, time.January, 6), MustDate(2026, time.November, 24), 0, mon, "28.57", 2},
		{"ended before the week", MustDate(2020, time.January, 6), MustDate(2026, time.November, 22), 0, mon, "0.00", 0},
		{"starts after the week", MustDate(2026, time.December, 1), Date{}, 0, mon, "0.00", 0},
		{"rent-free week", MustDate(2020, time.January, 6), Date{}, 2, MustDate(2026, time.December, 28), "0.00", 0},
		{"three days: 42.857 rounds half-up to 42.86", MustDate(2026, time.November, 27), Date{}, 0, mon, "42.86", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, days := WeekCharge(cs, tt.monday, tt.start, tt.end, tt.free)
			if got.String() != tt.want || days != tt.days {
				t.Fatalf("WeekCharge = %s (%d days), want %s (%d days)", got, days, tt.want, tt.days)
			}
		})
	}
}

func TestRentWeekWords(t *testing.T) {
	for _, tt := range []struct {
		monday Date
		want   string
	}{
		{MustDate(2026, time.April, 6), "rent week 1 of 2026/27"},
		{MustDate(2026, time.December, 7), "rent week 36 of 2026/27"},
		{MustDate(2027, time.March, 29), "rent week 52 of 2026/27"},
	} {
		if got := RentWeekWords(tt.monday); got != tt.want {
			t.Errorf("RentWeekWords(%s) = %q, want %q", tt.monday, got, tt.want)
		}
	}
}
