package worklist

import (
	"strings"
	"testing"

	"caseload/domain"
)

func TestDDNoticeLate(t *testing.T) {
	detail := "NW1001DD01: the new amount £450.67 is due from the collection on Mon 1 Dec 2025 but notice was needed by Mon 17 Nov 2025"
	tests := []struct {
		name   string
		events []Event
		fire   bool
	}{
		{"a late notice recorded today fires", []Event{ev(domain.EventDDNoticeLate, today, detail)}, true},
		{"a late notice recorded 13 days ago still fires", []Event{ev(domain.EventDDNoticeLate, ago(13), detail)}, true},
		{"a late notice 14 days ago has had its fortnight", []Event{ev(domain.EventDDNoticeLate, ago(14), detail)}, false},
		{"a notice given in time is not an event: nothing fires", nil, false},
		{"an unpaid Direct Debit is another rule", []Event{ev(domain.EventDDUnpaid, ago(2), "0")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := rent()
			f.Events = tt.events
			l, _ := Evaluate(f, today, DefaultPolicy())
			got := false
			for _, r := range fired(l) {
				got = got || r == RuleDDNoticeLate
			}
			if got != tt.fire {
				t.Fatalf("fired %v", fired(l))
			}
			if got {
				it := item(t, l, RuleDDNoticeLate)
				if it.Priority != 72 || !strings.HasPrefix(it.Reason, "Direct Debit advance notice late — NW1001DD01") || it.Due != today {
					t.Fatalf("item %+v", it)
				}
			}
		})
	}
}
