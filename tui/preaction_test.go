package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/tuitest"
)

// gateApp is the fixture with a NOSP served on Alice (NW1001), her
// account open in the account view.
func gateApp(t *testing.T) (tea.Model, *store.Store) {
	t.Helper()
	st := tuitest.Store(t)
	if _, err := st.AddEvent(t.Context(), store.NewEvent{Ref: "NW1001", Type: domain.EventNOSPServed,
		Date: domain.MustDate(2026, time.September, 7)}, tuitest.Today, worklist.DefaultPolicy()); err != nil {
		t.Fatal(err)
	}
	var m tea.Model = New(Options{Context: t.Context(), Store: st, Today: tuitest.Today, Officer: tuitest.Officer, Policy: worklist.DefaultPolicy()})
	m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = drive(t, m, m.Init())
	m = press(t, m, "/")
	m = typeText(t, m, "NW1001")
	m = press(t, m, "enter", "enter")
	return m, st
}

func eventsOf(t *testing.T, st *store.Store, typ domain.EventType) []store.Event {
	t.Helper()
	evs, err := st.Events(t.Context(), "NW1001")
	if err != nil {
		t.Fatal(err)
	}
	var out []store.Event
	for _, e := range evs {
		if e.Type == typ {
			out = append(out, e)
		}
	}
	return out
}

func TestCourtClaimRefusedThenAllowedAfterTheChecklist(t *testing.T) {
	m, st := gateApp(t)
	if v := m.View(); !strings.Contains(v, "not started: 0 of 7 done") {
		t.Fatalf("the account view does not show the checklist:\n%s", v)
	}
	// e, c (court-claim), then through date, detail and override (a
	// claim has no outcome, terms or possession date to ask for).
	m = press(t, m, "e", "c", "enter", "enter", "enter", "enter")
	v := m.View()
	if !strings.Contains(v, "refused") || !strings.Contains(v, "pre-action steps open") || !strings.Contains(v, "support referral") {
		t.Fatalf("the court claim was not refused with the open items:\n%s", v)
	}
	if len(eventsOf(t, st, domain.EventCourtClaim)) != 0 {
		t.Fatal("a refused court claim was written")
	}
	m = press(t, m, "esc", "t")
	if v := m.View(); !strings.Contains(v, "Pre-action checklist on NW1001: 0 of 7 done") {
		t.Fatalf("t did not open the checklist:\n%s", v)
	}
	for range domain.PreActionItems {
		m = press(t, m, "t", "enter") // tick, next item
	}
	m = press(t, m, "enter", "enter", "y") // date (today), claim (no change), confirm
	if v := m.View(); !strings.Contains(v, "7 of 7 done") || !strings.Contains(v, "court claim: the protocol is met") {
		t.Fatalf("the checklist was not saved:\n%s", v)
	}
	m = press(t, m, "e", "c", "enter", "enter", "enter", "enter")
	if v := m.View(); !strings.Contains(v, "Confirm: record court claim issued on NW1001") {
		t.Fatalf("no confirmation:\n%s", v)
	}
	press(t, m, "y")
	if len(eventsOf(t, st, domain.EventCourtClaim)) != 1 {
		t.Fatal("the court claim was not recorded")
	}
}

func TestCourtClaimOverrideWithAReasonInTheTUI(t *testing.T) {
	m, st := gateApp(t)
	m = press(t, m, "e", "c", "enter", "enter", "enter") // to the override
	m = typeText(t, m, "Manager approved: tenant left")
	m = press(t, m, "enter")
	if v := m.View(); !strings.Contains(v, "OVERRIDING") || !strings.Contains(v, "Manager approved: tenant left") {
		t.Fatalf("the confirmation does not say what is overridden:\n%s", v)
	}
	press(t, m, "y")
	evs := eventsOf(t, st, domain.EventCourtClaim)
	if len(evs) != 1 {
		t.Fatal("the overridden court claim was not recorded")
	}
}

func TestEventPickerOffersOnlyLegalSteps(t *testing.T) {
	m, _ := gateApp(t)
	// Cycle through every choice of the picker: no warrant, order or
	// eviction before a claim.
	m = press(t, m, "e")
	seen := map[string]bool{}
	for i := 0; i < 40; i++ {
		v := m.View()
		if j := strings.Index(v, "‹ "); j >= 0 {
			rest := v[j+len("‹ "):]
			seen[rest[:strings.Index(rest, " ›")]] = true
		}
		m = press(t, m, "right")
	}
	for _, not := range []string{"warrant-applied", "eviction-date", "evicted", "order-outright", "hearing"} {
		if seen[not] {
			t.Errorf("%s offered before a claim", not)
		}
	}
	for _, want := range []string{"court-claim", "nosp-served", "letter-2", "stage-reset"} {
		if !seen[want] {
			t.Errorf("%s not offered: %v", want, seen)
		}
	}
}
