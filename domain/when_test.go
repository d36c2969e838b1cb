package domain

import (
	"testing"
	"time"
)

func TestWhenDatesStandToToday(t *testing.T) {
	today := MustDate(2026, time.November, 23)
	tomorrow, yesterday := today.AddDays(1), today.AddDays(-1)
	tests := []struct {
		name string
		when When
		date Date
		ok   bool
	}{
		{"a payment made today is fine", Happened, today, true},
		{"a payment made yesterday is fine", Happened, yesterday, true},
		{"a payment tomorrow has not happened", Happened, tomorrow, false},
		{"a hearing may be listed for a day to come", Listed, today.AddDays(40), true},
		{"a hearing may be recorded after it sat", Listed, yesterday, true},
		{"a follow-up may be due today", Due, today, true},
		{"a follow-up may be due later", Due, tomorrow, true},
		{"a follow-up cannot be due in the past", Due, yesterday, false},
		{"a pause must end after today", Until, tomorrow, true},
		{"a pause cannot end today", Until, today, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.when.Check("date", tt.date, today)
			if (err == nil) != tt.ok {
				t.Fatalf("Check(%s) = %v, want ok=%v", tt.date, err, tt.ok)
			}
			if err != nil && !IsValidation(err) {
				t.Fatalf("%v is not a validation error", err)
			}
		})
	}
}

func TestEventsBookedAheadAreListed(t *testing.T) {
	for _, et := range EventTypes {
		want := Happened
		if et == EventHearing || et == EventEvictionDate {
			want = Listed
		}
		if got := et.When(); got != want {
			t.Errorf("%s.When() = %v, want %v", et, got, want)
		}
	}
}
