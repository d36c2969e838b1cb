package domain

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		uk   bool
		want string
		ok   bool
	}{
		{"iso", "2026-11-23", false, "2026-11-23", true},
		{"leap day", "2028-02-29", false, "2028-02-29", true},
		{"31 February refused", "2026-02-31", false, "", false},
		{"29 February in a common year refused", "2026-02-29", false, "", false},
		{"month 13 refused", "2026-13-01", false, "", false},
		{"short form refused", "2026-1-5", false, "", false},
		{"UK form", "05/01/2026", true, "2026-01-05", true},
		{"UK 31/02 refused", "31/02/2026", true, "", false},
		{"UK short year refused", "05/01/26", true, "", false},
		{"UK parser takes ISO", "2026-01-05", true, "2026-01-05", true},
		{"ISO parser refuses UK", "05/01/2026", false, "", false},
		{"words refused", "tomorrow", true, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d Date
			var err error
			if tt.uk {
				d, err = ParseDateUK(tt.in)
			} else {
				d, err = ParseDate(tt.in)
			}
			if tt.ok != (err == nil) {
				t.Fatalf("parse %q: err = %v, want ok=%v", tt.in, err, tt.ok)
			}
			if tt.ok && d.String() != tt.want {
				t.Fatalf("parse %q = %s, want %s", tt.in, d, tt.want)
			}
		})
	}
}

func TestDateArithmetic(t *testing.T) {
	d := MustDate(2026, time.November, 23)
	if d.Weekday() != time.Monday {
		t.Fatalf("23 Nov 2026 is a %s, want Monday", d.Weekday())
	}
	if got := d.AddDays(39).String(); got != "2027-01-01" {
		t.Fatalf("AddDays = %s", got)
	}
	if got := MustDate(2027, time.January, 1).DaysSince(d); got != 39 {
		t.Fatalf("DaysSince = %d", got)
	}
	if got := d.Human(); got != "Mon 23 Nov 2026" {
		t.Fatalf("Human = %s", got)
	}
	months := []struct {
		from string
		n    int
		want string
	}{
		{"2026-01-31", 1, "2026-02-28"},
		{"2028-01-31", 1, "2028-02-29"},
		{"2026-01-31", 2, "2026-03-31"},
		{"2026-12-15", 1, "2027-01-15"},
		{"2026-03-31", -1, "2026-02-28"},
		{"2026-01-15", -2, "2025-11-15"},
	}
	for _, m := range months {
		from, _ := ParseDate(m.from)
		if got := from.AddMonthsClamped(m.n).String(); got != m.want {
			t.Errorf("%s + %d months = %s, want %s", m.from, m.n, got, m.want)
		}
	}
	var zero Date
	if !zero.IsZero() || zero.String() != "" {
		t.Fatalf("zero date should be empty")
	}
	if MustDate(1970, time.January, 1).IsZero() {
		t.Fatalf("1 Jan 1970 must not be the zero date")
	}
}
