package rtb

import (
	"testing"
	"time"

	"caseload/domain"
)

// admittedOffer is a claim up to the s125 offer on Tue 1 Apr 2025.
func admittedOffer() []Event {
	return []Event{on(EventRTB2Admitted, rtb2Served), on(EventS125Served, s125Served)}
}

// accepted is a claim up to the tenant's notice to pursue.
func accepted() []Event {
	return append(admittedOffer(), on(EventTenantAccepted, day(2025, time.May, 1)))
}

func TestRecordRefusesOutOfOrderAndImpossibleEvents(t *testing.T) {
	replyDue := day(2025, time.June, 23) // 12 weeks beginning with the offer
	tests := []struct {
		name   string
		facts  Facts
		before []Event
		event  Event
		want   []string // fragments of the reason
	}{
		{"an event needs a date", house(), nil, Event{Type: EventRTB2Admitted}, []string{"rtb2-admitted", "give the date"}},
		{"an unknown event type is refused", house(), nil, on("rtb3-served", rtb2Served), []string{"type", "rtb3-served"}},
		{"RTB2 before the RTB1 was received", house(), nil, on(EventRTB2Admitted, day(2025, time.March, 2)), []string{"before the RTB1 was received"}},
		{"an event dated before the previous event", house(), admittedOffer(), on(EventTenantAccepted, day(2025, time.March, 31)), []string{"before the previous event", "s125 offer notice served"}},
		{"the RTB1 event on another day than the case's received date", house(), nil, on(EventRTB1Received, day(2025, time.March, 4)), []string{"received Mon 3 Mar 2025"}},
		{"the RTB1 event after another event", house(), []Event{on(EventRTB2Admitted, rtb2Served)}, on(EventRTB1Received, rtb2Served), []string{"before every other event"}},
		{"a second RTB1 event", house(), []Event{on(EventRTB1Received, rtb1Received)}, on(EventRTB1Received, rtb1Received), []string{"recorded once"}},
		{"a second RTB2", house(), []Event{on(EventRTB2Admitted, rtb2Served)}, on(EventRTB2Denied, rtb2Served), []string{"already served on Mon 31 Mar 2025"}},
		{"s125 before any RTB2", house(), nil, on(EventS125Served, s125Served), []string{"no RTB2 admitting the right"}},
		{"s125 after a denial", house(), []Event{on(EventRTB2Denied, rtb2Served)}, on(EventS125Served, s125Served), []string{"denied the right on Mon 31 Mar 2025"}},
		{"tenant's withdrawal after a denial", house(), []Event{on(EventRTB2Denied, rtb2Served)}, on(EventTenantWithdrew, s125Served), []string{"denied"}},
		{"a second s125", house(), admittedOffer(), on(EventS125Served, s125Served), []string{"already served on Tue 1 Apr 2025"}},
		{"DV determination before any offer", house(), []Event{on(EventRTB2Admitted, rtb2Served)}, on(EventDVDetermination, s125Served), []string{"no s125 offer"}},
		{"tenant's reply before any offer", house(), []Event{on(EventRTB2Admitted, rtb2Served)}, on(EventTenantAccepted, s125Served), []string{"no s125 offer"}},
		{"a second notice to pursue", house(), accepted(), on(EventTenantAccepted, day(2025, time.May, 2)), []string{"already recorded"}},
		{"s125E default notice with no offer", house(), []Event{on(EventRTB2Admitted, rtb2Served)}, on(EventS125EServed, day(2025, time.July, 1)), []string{"no s125 offer"}},
		{"s125E while the tenant's 12 weeks still run", house(), admittedOffer(), on(EventS125EServed, replyDue), []string{"runs to Mon 23 Jun 2025", "from Tue 24 Jun 2025"}},
		{"s125E after the tenant chose to pursue", house(), accepted(), on(EventS125EServed, day(2025, time.July, 1)), []string{"chose to pursue"}},
		{"a second s125E", house(), append(admittedOffer(), on(EventS125EServed, day(2025, time.June, 30))), on(EventS125EServed, day(2025, time.July, 1)), []string{"already served"}},
		{"s125E extension with no default notice", house(), admittedOffer(), until(EventS125EExtended, day(2025, time.July, 1), day(2025, time.August, 30)), []string{"no s125E default notice"}},
		{"s125E extension after the 28 days ended", house(), append(admittedOffer(), on(EventS125EServed, day(2025, time.June, 30))), until(EventS125EExtended, day(2025, time.July, 29), day(2025, time.August, 30)), []string{"ended on Mon 28 Jul 2025", "before it ends"}},
		{"s125E extension that does not extend", house(), append(admittedOffer(), on(EventS125EServed, day(2025, time.June, 30))), until(EventS125EExtended, day(2025, time.July, 10), day(2025, time.July, 28)), []string{"later than the current end Mon 28 Jul 2025"}},
		{"RTB6 response period shorter than one month", house(), nil, until(EventRTB6Served, s125Served, day(2025, time.April, 29)), []string{"at least one month", "Wed 30 Apr 2025"}},
		{"a second RTB6 while the first has no counter notice", house(), []Event{on(EventRTB6Served, s125Served)}, on(EventRTB6Served, day(2025, time.April, 2)), []string{"RTB6 served Tue 1 Apr 2025"}},
		{"a second RTB6 while the first is operative", house(), []Event{on(EventRTB6Served, s125Served), on(EventRTB8Served, day(2025, time.May, 1))}, on(EventRTB6Served, day(2025, time.May, 2)), []string{"no counter notice yet"}},
		{"RTB7 with no RTB6", house(), nil, on(EventRTB7Served, s125Served), []string{"no RTB6"}},
		{"a second RTB7", house(), []Event{on(EventRTB6Served, s125Served), on(EventRTB7Served, day(2025, time.April, 10))}, on(EventRTB7Served, day(2025, time.April, 11)), []string{"no RTB6"}},
		{"RTB8 with no RTB6", house(), nil, on(EventRTB8Served, s125Served), []string{"no RTB6"}},
		{"RTB8 during the response period", house(), []Event{on(EventRTB6Served, s125Served)}, on(EventRTB8Served, day(2025, time.April, 30)), []string{"runs to Wed 30 Apr 2025", "from Thu 1 May 2025"}},
		{"RTB8 after a counter notice within the response period", house(), []Event{on(EventRTB6Served, s125Served), on(EventRTB7Served, day(2025, time.April, 30))}, on(EventRTB8Served, day(2025, time.May, 1)), []string{"cancelled the RTB6"}},
		{"a second RTB8", house(), []Event{on(EventRTB6Served, s125Served), on(EventRTB8Served, day(2025, time.May, 1))}, on(EventRTB8Served, day(2025, time.May, 2)), []string{"already served on Thu 1 May 2025"}},
		{"s140 before the tenant chose to pursue", house(), admittedOffer(), on(EventS140Served, day(2025, time.May, 1)), []string{"notice to pursue"}},
		{"s140 giving under 56 days", house(), accepted(), until(EventS140Served, day(2025, time.June, 2), day(2025, time.July, 27)), []string{"at least 56 days", "Mon 28 Jul 2025"}},
		{"a second s140", house(), append(accepted(), on(EventS140Served, day(2025, time.June, 2))), on(EventS140Served, day(2025, time.June, 3)), []string{"already served"}},
		{"s141 with no s140", house(), accepted(), on(EventS141Served, day(2025, time.August, 1)), []string{"no first notice to complete"}},
		{"s141 before the first notice's period ends", house(), append(accepted(), on(EventS140Served, day(2025, time.June, 2))), on(EventS141Served, day(2025, time.July, 28)), []string{"until Mon 28 Jul 2025", "from Tue 29 Jul 2025"}},
		{"a second s141", house(), append(accepted(), on(EventS140Served, day(2025, time.June, 2)), on(EventS141Served, day(2025, time.July, 29))), on(EventS141Served, day(2025, time.July, 30)), []string{"already served"}},
		{"completion without the tenant's notice to pursue", house(), admittedOffer(), on(EventCompleted, day(2025, time.May, 1)), []string{"notice to pursue"}},
		{"anything after completion", house(), append(accepted(), on(EventCompleted, day(2025, time.June, 2))), on(EventTenantWithdrew, day(2025, time.June, 3)), []string{"completed on Mon 2 Jun 2025"}},
		{"anything after withdrawal", house(), []Event{on(EventTenantWithdrew, day(2025, time.March, 10))}, on(EventRTB2Admitted, rtb2Served), []string{"withdrew the claim on Mon 10 Mar 2025"}},
		{"an end date on an event that states none", house(), nil, until(EventRTB2Admitted, rtb2Served, day(2025, time.May, 1)), []string{"end date"}},
		{"an end date before the notice", house(), nil, until(EventRTB6Served, s125Served, day(2025, time.March, 20)), []string{"before the notice"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustCase(t, tt.facts, tt.before...)
			stage, n := c.Stage(), len(c.Events())
			err := c.Record(tt.event)
			wantValidation(t, err, tt.want...)
			if c.Stage() != stage || len(c.Events()) != n {
				t.Fatalf("a refused event changed the case: %s → %s, %d → %d events", stage, c.Stage(), n, len(c.Events()))
			}
		})
	}
}

func TestNewCaseRefusesBadFacts(t *testing.T) {
	tests := []struct {
		name  string
		facts Facts
		want  string
	}{
		{"no RTB1 received date", Facts{Property: House}, "received"},
		{"property neither house nor flat", Facts{Received: rtb1Received, Property: "maisonette"}, "property"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewCase(tt.facts)
			wantValidation(t, err, tt.want)
		})
	}
	_, err := NewCase(house(), on(EventS125Served, s125Served))
	wantValidation(t, err, "no RTB2")
}

func TestStage(t *testing.T) {
	tests := []struct {
		name   string
		events []Event
		want   Stage
	}{
		{"a new claim waits for the RTB2", nil, StageAwaitingRTB2},
		{"the RTB1 event alone still waits for the RTB2", []Event{on(EventRTB1Received, rtb1Received)}, StageAwaitingRTB2},
		{"an admitted right waits for the offer", []Event{on(EventRTB2Admitted, rtb2Served)}, StageAwaitingOffer},
		{"a denied right is denied", []Event{on(EventRTB2Denied, rtb2Served)}, StageDenied},
		{"an offer waits for the tenant's reply", admittedOffer(), StageAwaitingReply},
		{"a DV determination still waits for the tenant's reply", append(admittedOffer(), on(EventDVDetermination, day(2025, time.June, 2))), StageAwaitingReply},
		{"a default notice after an unanswered offer", append(admittedOffer(), on(EventS125EServed, day(2025, time.June, 30))), StageDefaultNotice},
		{"a reply to pursue waits for completion", accepted(), StageAwaitingCompletion},
		{"a first notice to complete", append(accepted(), on(EventS140Served, day(2025, time.June, 2))), StageNoticeToComplete},
		{"a final notice to complete", append(accepted(), on(EventS140Served, day(2025, time.June, 2)), on(EventS141Served, day(2025, time.August, 1))), StageFinalNoticeToComplete},
		{"a completed sale", append(accepted(), on(EventCompleted, day(2025, time.June, 2))), StageCompleted},
		{"a withdrawn claim", append(admittedOffer(), on(EventTenantWithdrew, day(2025, time.May, 1))), StageWithdrawn},
		{"an unanswered RTB6 comes first", []Event{on(EventRTB6Served, s125Served)}, StageDelayNotice},
		{"an RTB6 past its response period still waits for an answer", []Event{on(EventRTB6Served, s125Served), on(EventRTB2Admitted, day(2025, time.May, 10))}, StageDelayNotice},
		{"once the RTB6 is answered the process stage shows", []Event{on(EventRTB6Served, s125Served), on(EventRTB2Admitted, day(2025, time.April, 10)), on(EventRTB7Served, day(2025, time.April, 10))}, StageAwaitingOffer},
		{"once the RTB8 is served the process stage shows", []Event{on(EventRTB6Served, s125Served), on(EventRTB8Served, day(2025, time.May, 1))}, StageAwaitingRTB2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mustCase(t, house(), tt.events...).Stage(); got != tt.want {
				t.Fatalf("Stage = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestEventsOnTheSameDayAreInOrder(t *testing.T) {
	// An RTB2 and an offer can go out together; same-day is not "before".
	c := mustCase(t, house(), on(EventRTB2Admitted, rtb2Served), on(EventS125Served, rtb2Served))
	if c.Stage() != StageAwaitingReply {
		t.Fatalf("Stage = %q", c.Stage())
	}
}

func TestACaseIsAValue(t *testing.T) {
	a := mustCase(t, house(), on(EventRTB2Admitted, rtb2Served))
	b := a
	if err := b.Record(on(EventS125Served, s125Served)); err != nil {
		t.Fatal(err)
	}
	if err := a.Record(on(EventRTB6Served, day(2025, time.June, 1))); err != nil {
		t.Fatal(err)
	}
	if a.Stage() != StageDelayNotice || b.Stage() != StageAwaitingReply {
		t.Fatalf("copies share state: a %q, b %q", a.Stage(), b.Stage())
	}
	if ev := b.Events(); ev[len(ev)-1].Type != EventS125Served {
		t.Fatalf("b's last event is %s", ev[len(ev)-1].Type)
	}
	ev := a.Events()
	ev[0].Type = EventCompleted
	if a.Events()[0].Type != EventRTB2Admitted {
		t.Fatalf("Events exposes the case's own slice")
	}
}

func TestParseAndLabels(t *testing.T) {
	for _, e := range EventTypes {
		if got, err := ParseEventType(string(e)); err != nil || got != e {
			t.Fatalf("ParseEventType(%q) = %q, %v", e, got, err)
		}
		if e.Label() == string(e) {
			t.Fatalf("event %q has no label", e)
		}
	}
	for _, p := range Properties {
		if got, err := ParseProperty(string(p)); err != nil || got != p {
			t.Fatalf("ParseProperty(%q) = %q, %v", p, got, err)
		}
	}
	for _, g := range []DelayGround{GroundNoRTB2, GroundNoS125, GroundOtherDelay} {
		if g.Label() == string(g) {
			t.Fatalf("ground %q has no label", g)
		}
	}
	_, err := ParseProperty("bungalow")
	wantValidation(t, err, "house, flat")
	_, err = ParseEventType("")
	wantValidation(t, err, "type")
	if !domain.IsValidation(err) {
		t.Fatal("not a validation error")
	}
}
