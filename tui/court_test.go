package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/domain/court"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/tuitest"
)

// A hearing recorded in the event form with outcome suspended-on-terms
// and its weekly sum: the confirmation says what it implies, the order is
// recorded with the terms, and the account view shows the order and its
// terms, breached with nothing paid since.
func TestHearingOutcomeInTheEventForm(t *testing.T) {
	st := tuitest.Store(t)
	for _, e := range []store.NewEvent{
		{Ref: "NW1001", Type: domain.EventNOSPServed, Date: domain.MustDate(2026, time.August, 3)},
		{Ref: "NW1001", Type: domain.EventCourtClaim, Date: domain.MustDate(2026, time.September, 14), Override: "claim issued on paper"},
	} {
		if _, err := st.AddEvent(t.Context(), e, tuitest.Today, worklist.DefaultPolicy()); err != nil {
			t.Fatal(err)
		}
	}
	var m tea.Model = New(Options{Context: t.Context(), Store: st, Today: tuitest.Today, Officer: tuitest.Officer, Policy: worklist.DefaultPolicy()})
	m, _ = m.Update(tea.WindowSizeMsg{Width: 140, Height: 60})
	m = drive(t, m, m.Init())
	m = press(t, m, "/")
	m = typeText(t, m, "NW1001")
	m = press(t, m, "enter", "enter")

	hearing := tuitest.Today.AddDays(-21)
	m = press(t, m, "e", "h", "enter")
	m = typeText(t, m, hearing.String())
	m = press(t, m, "enter", "s", "enter") // outcome: suspended-on-terms
	m = typeText(t, m, "£5.00 a week towards arrears")
	m = press(t, m, "enter", "enter", "enter", "enter")
	v := m.View()
	if !strings.Contains(v, "outcome: possession suspended on terms") || !strings.Contains(v, "records the suspended possession order") {
		t.Fatalf("no confirmation of the outcome:\n%s", v)
	}
	m = press(t, m, "y")
	evs := eventsOf(t, st, domain.EventOrderSuspended)
	if len(evs) != 1 || !evs[0].Terms.Weekly.Equal(domain.MustMoney("5.00")) {
		t.Fatalf("order %+v", evs)
	}
	if h := eventsOf(t, st, domain.EventHearing); len(h) != 1 || h[0].Outcome != court.SuspendedOnTerms {
		t.Fatalf("hearing %+v", h)
	}
	m = drive(t, m, nil)
	v = m.View()
	for _, want := range []string{"Court order", "Suspended possession order of " + hearing.Human(),
		"current rent plus £5.00 a week towards the arrears", "BREACHED"} {
		if !strings.Contains(v, want) {
			t.Errorf("account view lacks %q:\n%s", want, v)
		}
	}
}
