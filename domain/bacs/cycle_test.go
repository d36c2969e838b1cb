package bacs

import (
	"testing"
	gotime "time"

	"caseload/domain"
)

func TestCycle(t *testing.T) {
	h := domain.DefaultHolidays()
	d := func(m, day int) domain.Date { return domain.MustDate(2026, gotime.Month(m), day) }
	tests := []struct {
		rule               string
		collect            domain.Date
		input, proc, entry domain.Date
	}{
		{"a Thursday collection is sent on Tuesday", d(12, 10), d(12, 8), d(12, 9), d(12, 10)},
		{"a Monday collection is sent on Thursday", d(12, 14), d(12, 10), d(12, 11), d(12, 14)},
		{"a Saturday collection moves to Monday", d(12, 12), d(12, 10), d(12, 11), d(12, 14)},
		{"Christmas and Boxing Day (Monday 28th, substitute) are skipped", d(12, 29), d(12, 23), d(12, 24), d(12, 29)},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			c := CycleForCollection(tt.collect, h)
			if !c.Input.Equal(tt.input) || !c.Processing.Equal(tt.proc) || !c.Entry.Equal(tt.entry) {
				t.Fatalf("got %s %s %s", c.Input, c.Processing, c.Entry)
			}
			if back := CycleForProcessing(c.Processing, h); back != c {
				t.Fatalf("CycleForProcessing = %+v", back)
			}
		})
	}
}
