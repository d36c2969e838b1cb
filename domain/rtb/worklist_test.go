package rtb

import (
	"strings"
	"testing"
	"time"

	"caseload/domain"
)

func TestCouncilDue(t *testing.T) {
	h := domain.DefaultHolidays()
	tests := []struct {
		name     string
		events   []Event
		today    domain.Date
		within   int
		key      string // "" when nothing is due
		daysLeft int
		reason   []string
	}{
		{"RTB2 due in 7 days is on the worklist", nil, day(2025, time.March, 24), 7, KeyRTB2, 7,
			[]string{"due Mon 31 Mar 2025: 7 days left", "serve by Sun 30 Mar 2025 to be safe"}},
		{"RTB2 due in 8 days is not yet", nil, day(2025, time.March, 23), 7, "", 0, nil},
		{"RTB2 overdue is on the worklist", nil, day(2025, time.April, 2), 7, KeyRTB2, -2, []string{"OVERDUE by 2 days"}},
		{"the s125 on a bank holiday carries the warning", []Event{on(EventRTB2Admitted, rtb2Served)}, day(2025, time.May, 20), 7, KeyS125, 6,
			[]string{"Spring bank holiday", "serve earlier"}},
		{"the threshold is the policy's", []Event{on(EventRTB2Admitted, rtb2Served)}, day(2025, time.May, 6), 20, KeyS125, 20, nil},
		{"a negative threshold means overdue or due today only", nil, rtb2Served, -5, KeyRTB2, 0, []string{"due TODAY"}},
		{"an unanswered RTB6 is the council's to answer", append(admittedOffer(), on(EventRTB6Served, day(2025, time.April, 10))), day(2025, time.May, 7), 7, KeyRTB6Response, 2,
			[]string{"Answer the RTB6", "Fri 9 May 2025"}},
		{"the most overdue council deadline comes first", []Event{on(EventRTB6Served, s125Served)}, day(2025, time.April, 28), 7, KeyRTB2, -28, nil},
		{"the tenant's own deadline is not the council's", admittedOffer(), day(2025, time.June, 20), 7, "", 0, nil},
		{"the council's s125E option is not a deadline", admittedOffer(), day(2025, time.June, 25), 7, "", 0, nil},
		{"a met deadline is off the worklist", []Event{on(EventRTB2Admitted, rtb2Served)}, s125Served, 7, "", 0, nil},
		{"a withdrawn claim is off the worklist", []Event{on(EventTenantWithdrew, day(2025, time.March, 20))}, day(2025, time.April, 2), 7, "", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustCase(t, house(), tt.events...)
			due, ok := CouncilDue(c, h, tt.today, tt.within)
			if tt.key == "" {
				if ok {
					t.Fatalf("CouncilDue = %s, want nothing", due.Reason)
				}
				return
			}
			if !ok || due.Deadline.Key != tt.key || due.DaysLeft != tt.daysLeft {
				t.Fatalf("CouncilDue = %q %d days (ok %v), want %s %d", due.Deadline.Key, due.DaysLeft, ok, tt.key, tt.daysLeft)
			}
			if due.Ref != "RTB-1" || due.Stage != c.Stage() || due.Overdue != (tt.daysLeft < 0) || due.Deadline.Who != Council {
				t.Fatalf("due = %+v", due)
			}
			for _, w := range tt.reason {
				if !strings.Contains(due.Reason, w) {
					t.Fatalf("reason %q does not mention %q", due.Reason, w)
				}
			}
		})
	}
}
