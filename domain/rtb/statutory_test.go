package rtb

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"caseload/domain"
)

func TestStatutoryDeadlines(t *testing.T) {
	h := domain.DefaultHolidays()
	tests := []struct {
		name     string
		q        DeadlineQuery
		rtb2     string
		s125     string // "" for null
		reply    string // "" for null
		warnings int
	}{
		{"RTB2 4 weeks from the RTB1; no s125 until the right is admitted",
			DeadlineQuery{Received: rtb1Received, Property: House}, "2025-03-31", "", "", 0},
		{"RTB2 8 weeks when relying on another landlord",
			DeadlineQuery{Received: rtb1Received, Property: House, OtherLandlord: true}, "2025-04-28", "", "", 0},
		{"s125 8 weeks for a house, on the Spring bank holiday",
			DeadlineQuery{Received: rtb1Received, Property: House, RTB2Served: rtb2Served}, "2025-03-31", "2025-05-26", "", 1},
		{"s125 12 weeks for a flat",
			DeadlineQuery{Received: rtb1Received, Property: Flat, RTB2Served: rtb2Served}, "2025-03-31", "2025-06-23", "", 0},
		{"s125 12 weeks for a house sold on a lease",
			DeadlineQuery{Received: rtb1Received, Property: House, Leasehold: true, RTB2Served: rtb2Served}, "2025-03-31", "2025-06-23", "", 0},
		{"tenant's reply 12 weeks beginning with the offer",
			DeadlineQuery{Received: rtb1Received, Property: House, RTB2Served: rtb2Served, S125Served: s125Served}, "2025-03-31", "2025-05-26", "2025-06-23", 1},
		{"RTB2 and s125 on the same day are in order",
			DeadlineQuery{Received: rtb1Received, Property: Flat, RTB2Served: rtb2Served, S125Served: rtb2Served}, "2025-03-31", "2025-06-23", "2025-06-22", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := StatutoryDeadlines(tt.q, h)
			if err != nil {
				t.Fatal(err)
			}
			if got.RTB2Due.String() != tt.rtb2 {
				t.Errorf("rtb2_due = %s, want %s", got.RTB2Due, tt.rtb2)
			}
			if s := optional(got.S125Due); s != tt.s125 {
				t.Errorf("s125_due = %q, want %q", s, tt.s125)
			}
			if s := optional(got.TenantResponseDue); s != tt.reply {
				t.Errorf("tenant_response_due = %q, want %q", s, tt.reply)
			}
			n := 0
			for _, d := range got.Deadlines {
				n += len(d.Warnings)
			}
			if n != tt.warnings {
				t.Errorf("%d warnings, want %d", n, tt.warnings)
			}
		})
	}
}

func optional(d *domain.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}

func TestStatutoryDeadlinesJSON(t *testing.T) {
	got, err := StatutoryDeadlines(DeadlineQuery{Received: rtb1Received, Property: House}, domain.DefaultHolidays())
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"rtb2_due":"2025-03-31"`, `"s125_due":null`, `"tenant_response_due":null`, `"plus_minus_one_day":true`} {
		if !strings.Contains(string(b), want) {
			t.Fatalf("JSON %s lacks %s", b, want)
		}
	}
	if strings.Contains(string(b), "met_on") {
		t.Fatalf("JSON %s carries an empty met_on", b)
	}
}

func TestStatutoryDeadlinesRefuses(t *testing.T) {
	tests := []struct {
		name string
		q    DeadlineQuery
		want []string
	}{
		{"no RTB1 date", DeadlineQuery{Property: House}, []string{"received"}},
		{"no property", DeadlineQuery{Received: rtb1Received}, []string{"property"}},
		{"an RTB2 before the RTB1", DeadlineQuery{Received: rtb1Received, Property: House, RTB2Served: day(2025, time.March, 2)},
			[]string{"rtb2-served", "before the RTB1"}},
		{"an s125 with no RTB2", DeadlineQuery{Received: rtb1Received, Property: House, S125Served: s125Served},
			[]string{"s125-served", "--rtb2-served"}},
		{"an s125 before the RTB2", DeadlineQuery{Received: rtb1Received, Property: House, RTB2Served: s125Served, S125Served: rtb2Served},
			[]string{"s125-served", "before the RTB2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := StatutoryDeadlines(tt.q, domain.DefaultHolidays())
			wantValidation(t, err, tt.want...)
		})
	}
}
