package domain

import (
	"testing"
	"time"
)

func TestWorkingDays(t *testing.T) {
	h := DefaultHolidays()
	tests := []struct {
		name string
		from Date
		n    int
		want string
	}{
		// Christmas 2026: Fri 25 Dec, Boxing Day substitute Mon 28 Dec.
		{"Thu 24 Dec 2026 + 1 working day skips Christmas, the weekend and Boxing Day substitute", MustDate(2026, time.December, 24), 1, "2026-12-29"},
		{"Wed 23 Dec 2026 + 2 working days", MustDate(2026, time.December, 23), 2, "2026-12-29"},
		{"Tue 29 Dec 2026 − 1 working day is Thu 24 Dec", MustDate(2026, time.December, 29), -1, "2026-12-24"},
		{"New Year 2027: Thu 31 Dec + 1 is Mon 4 Jan", MustDate(2026, time.December, 31), 1, "2027-01-04"},
		// Easter 2027: Good Friday 26 Mar, Easter Monday 29 Mar.
		{"Thu 25 Mar 2027 + 1 working day is Tue 30 Mar", MustDate(2027, time.March, 25), 1, "2027-03-30"},
		{"Tue 30 Mar 2027 − 2 working days is Wed 24 Mar (Bacs input for Easter Monday)", MustDate(2027, time.March, 30), -2, "2027-03-24"},
		{"zero days is the same day", MustDate(2027, time.March, 26), 0, "2027-03-26"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := h.AddWorkingDays(tt.from, tt.n).String(); got != tt.want {
				t.Fatalf("AddWorkingDays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
			}
		})
	}
	if h.IsWorkingDay(MustDate(2027, time.December, 27)) {
		t.Errorf("27 Dec 2027 is the Christmas Day substitute")
	}
	if got := h.Name(MustDate(2025, time.May, 26)); got != "Spring bank holiday" {
		t.Errorf("26 May 2025 = %q", got)
	}
	if !h.Covers(2028) || h.Covers(2029) {
		t.Errorf("shipped data covers 2025–2028")
	}
}

func TestParseBankHolidaysJSON(t *testing.T) {
	good := `{"england-and-wales":{"division":"england-and-wales","events":[{"title":"New Year’s Day","date":"2029-01-01","notes":"","bunting":true}]},"scotland":{"division":"scotland","events":[]}}`
	got, err := ParseBankHolidaysJSON([]byte(good))
	if err != nil || len(got) != 1 || got[0].Date.String() != "2029-01-01" {
		t.Fatalf("parse good = %v, %v", got, err)
	}
	h := DefaultHolidays().With(got)
	if !h.IsBankHoliday(MustDate(2029, time.January, 1)) {
		t.Fatalf("loaded holiday not applied")
	}
	for _, bad := range []string{`{}`, `not json`, `{"england-and-wales":{"events":[{"title":"x","date":"2029-02-30"}]}}`, `{"england-and-wales":{"events":[]}}`} {
		if _, err := ParseBankHolidaysJSON([]byte(bad)); err == nil || !IsValidation(err) {
			t.Errorf("ParseBankHolidaysJSON(%s) err = %v, want a validation error", bad, err)
		}
	}
}

func FuzzParseBankHolidaysJSON(f *testing.F) {
	f.Add([]byte(`{"england-and-wales":{"events":[{"title":"a","date":"2029-01-01"}]}}`))
	f.Add([]byte(`{"england-and-wales":{"events":[{"title":"","date":"2029-13-01"}]}}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := ParseBankHolidaysJSON(b)
		if err == nil {
			for _, h := range got {
				if h.Date.IsZero() || h.Title == "" {
					t.Fatalf("accepted an empty holiday: %+v", h)
				}
			}
		}
	})
}
