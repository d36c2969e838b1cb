package rtb

import (
	"testing"
	"time"

	"caseload/domain"
)

// The CLI (`rtb deadlines`, `rtb show`) and the TUI's claim view both say
// the facts in these words: the s125 offer period by its section and what
// it is, the RTB2 period by what decides it.
func TestDescribeFacts(t *testing.T) {
	tests := []struct {
		name  string
		facts Facts
		want  string
	}{
		{"a house sold freehold", house(), "a house sold freehold (s125 offer: 8 weeks); qualifying years all with this council (RTB2: 4 weeks)"},
		{"a flat", flat(), "a flat, sold on a lease (s125 offer: 12 weeks); qualifying years all with this council (RTB2: 4 weeks)"},
		{"a house the council holds on a lease", Facts{Received: rtb1Received, Property: House, Leasehold: true},
			"a house the council holds on a lease, sold on a lease (s125 offer: 12 weeks); qualifying years all with this council (RTB2: 4 weeks)"},
		{"years with another landlord", Facts{Received: rtb1Received, Property: House, OtherLandlord: true},
			"a house sold freehold (s125 offer: 8 weeks); relying on years with another landlord (RTB2: 8 weeks)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DescribeFacts(tt.facts); got != tt.want {
				t.Errorf("DescribeFacts = %q\nwant           %q", got, tt.want)
			}
		})
	}
}

func TestLeftWords(t *testing.T) {
	tests := []struct {
		left, dueSoon int
		want          string
	}{
		{-3, 7, "OVERDUE 3d"},
		{0, 7, "DUE TODAY"},
		{1, 7, "DUE SOON 1d"},
		{7, 7, "DUE SOON 7d"},
		{8, 7, "in 8d"},
		{40, 7, "in 40d"},
		{0, 0, "DUE TODAY"},
		{1, 0, "in 1d"},
	}
	for _, tt := range tests {
		if got := LeftWords(tt.left, tt.dueSoon); got != tt.want {
			t.Errorf("LeftWords(%d, %d) = %q, want %q", tt.left, tt.dueSoon, got, tt.want)
		}
	}
	if got := (Line{}).Left(7); got != "—" {
		t.Errorf("a line with nothing waiting: %q, want —", got)
	}
}

// RULES.md running example: RTB1 received Mon 3 Mar 2025, RTB2 due within
// 4 weeks, Mon 31 Mar 2025.
func TestLineOf(t *testing.T) {
	h := domain.DefaultHolidays()
	c := mustCase(t, house())
	tests := []struct {
		name    string
		today   domain.Date
		urgency string
		left    string
	}{
		{"eight days out", day(2025, time.March, 23), "", "in 8d"},
		{"seven days out is due soon", day(2025, time.March, 24), UrgencyDueSoon, "DUE SOON 7d"},
		{"the due date", rtb2Served, UrgencyDueToday, "DUE TODAY"},
		{"two days late", day(2025, time.April, 2), UrgencyOverdue, "OVERDUE 2d"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := LineOf(c, h, tt.today, 7)
			if !l.Open || !l.HasNext || l.Stage != StageAwaitingRTB2 || l.Next.Deadline.Key != KeyRTB2 {
				t.Fatalf("line %+v", l)
			}
			if got := l.Urgency(); got != tt.urgency {
				t.Errorf("Urgency = %q, want %q", got, tt.urgency)
			}
			if got := l.Left(7); got != tt.left {
				t.Errorf("Left = %q, want %q", got, tt.left)
			}
		})
	}
	closed := LineOf(mustCase(t, house(), on(EventTenantWithdrew, rtb2Served)), h, rtb2Served, 7)
	if closed.Open || closed.HasNext || closed.Urgency() != "" {
		t.Fatalf("withdrawn claim: %+v", closed)
	}
	if CompareLines(LineOf(c, h, rtb2Served, 7), closed) >= 0 {
		t.Errorf("an open claim with a deadline must come before a closed one")
	}
}

func TestNextWords(t *testing.T) {
	h := domain.DefaultHolidays()
	c := mustCase(t, house())
	today := day(2025, time.March, 24)
	if got, want := NextWords(c, h, today), "next: RTB2 (admit or deny the right) due Mon 31 Mar 2025: 7 days left"; got != want {
		t.Errorf("NextWords = %q, want %q", got, want)
	}
	if got, want := StageWords(c, h, today), "stage: Awaiting RTB2; next: RTB2 (admit or deny the right) due Mon 31 Mar 2025: 7 days left"; got != want {
		t.Errorf("StageWords = %q, want %q", got, want)
	}
	done := mustCase(t, house(), on(EventTenantWithdrew, rtb2Served))
	if got := NextWords(done, h, today); got != "no deadline waiting" {
		t.Errorf("a withdrawn claim: %q", got)
	}
}
