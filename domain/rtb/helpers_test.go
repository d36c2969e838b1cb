package rtb

import (
	"strings"
	"testing"
	"time"

	"caseload/domain"
)

// day is a date literal: day(2025, time.March, 3).
func day(y int, m time.Month, d int) domain.Date { return domain.MustDate(y, m, d) }

// on is an event literal.
func on(t EventType, d domain.Date) Event { return Event{Type: t, Date: d} }

// until is an event literal for a notice that states its own end date.
func until(t EventType, d, ends domain.Date) Event { return Event{Type: t, Date: d, Ends: ends} }

// The running example of RULES.md and the fact sheet: RTB1 received Mon 3
// Mar 2025, RTB2 admitting the right Mon 31 Mar, s125 offer Tue 1 Apr.
var (
	rtb1Received = day(2025, time.March, 3)
	rtb2Served   = day(2025, time.March, 31)
	s125Served   = day(2025, time.April, 1)
)

func house() Facts { return Facts{Ref: "RTB-1", Received: rtb1Received, Property: House} }
func flat() Facts  { return Facts{Ref: "RTB-2", Received: rtb1Received, Property: Flat} }

func mustCase(t *testing.T, f Facts, events ...Event) Case {
	t.Helper()
	c, err := NewCase(f, events...)
	if err != nil {
		t.Fatalf("NewCase: %v", err)
	}
	return c
}

// find is the deadline with key, failing the test when there is none.
func find(t *testing.T, all []Deadline, key string) Deadline {
	t.Helper()
	for _, d := range all {
		if d.Key == key {
			return d
		}
	}
	keys := make([]string, len(all))
	for i, d := range all {
		keys[i] = d.Key
	}
	t.Fatalf("no deadline %q among %v", key, keys)
	return Deadline{}
}

func hasKey(all []Deadline, key string) bool {
	for _, d := range all {
		if d.Key == key {
			return true
		}
	}
	return false
}

// wantValidation fails unless err is a *domain.ValidationError whose
// message contains every fragment.
func wantValidation(t *testing.T, err error, fragments ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want a validation error")
	}
	if !domain.IsValidation(err) {
		t.Fatalf("err = %v (%T), want a *domain.ValidationError", err, err)
	}
	for _, f := range fragments {
		if !strings.Contains(err.Error(), f) {
			t.Fatalf("err = %q, want it to mention %q", err, f)
		}
	}
}
