package enforcement

import (
	"os"
	"strings"
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/court"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/form"
	"caseload/tui/tuitest"
)

func TestMain(m *testing.M) {
	tuitest.NoColour()
	os.Exit(m.Run())
}

// courtCase is the fixture with Alice (NW1001) taken to court: a NOSP,
// a claim and a hearing that suspended possession on terms of £5.00 a
// week, nothing paid since.
func courtCase(t *testing.T) *store.Store {
	t.Helper()
	st := tuitest.Store(t)
	for _, e := range []store.NewEvent{
		{Ref: "NW1001", Type: domain.EventNOSPServed, Date: domain.MustDate(2026, time.August, 3)},
		{Ref: "NW1001", Type: domain.EventCourtClaim, Date: domain.MustDate(2026, time.September, 14), Override: "claim issued on paper"},
		{Ref: "NW1001", Type: domain.EventHearing, Date: domain.MustDate(2026, time.November, 2), Outcome: court.SuspendedOnTerms,
			Terms: court.Terms{Weekly: domain.MustMoney("5.00")}, TermsText: "£5.00 a week towards arrears"},
	} {
		if _, err := st.AddEvent(t.Context(), e, tuitest.Today, worklist.DefaultPolicy()); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// nospOnly is the fixture with a NOSP served on Alice and nothing after.
func nospOnly(t *testing.T) *store.Store {
	t.Helper()
	st := tuitest.Store(t)
	if _, err := st.AddEvent(t.Context(), store.NewEvent{Ref: "NW1001", Type: domain.EventNOSPServed,
		Date: domain.MustDate(2026, time.September, 7)}, tuitest.Today, worklist.DefaultPolicy()); err != nil {
		t.Fatal(err)
	}
	return st
}

// open is the pane on st with ref selected, loaded, at w×h.
func open(t *testing.T, st *store.Store, ref string, w, h int) Model {
	t.Helper()
	m := New(tuitest.Context(t, st)).SetSize(w, h)
	m, _ = tuitest.Drive(m, common.Select(ref))
	return m
}

// The case as the officer first sees it, at 80×24 and at 120×40.
func TestGoldenCourtCase(t *testing.T) {
	for _, tc := range []struct {
		name string
		w, h int
	}{{"80x24", 80, 24}, {"120x40", 120, 40}} {
		t.Run(tc.name, func(t *testing.T) {
			tuitest.RequireScreen(t, tuitest.Start(New(tuitest.Context(t, courtCase(t))), "NW1001", tc.w, tc.h))
		})
	}
}

// A NOSP in force before a claim, scrolled to the next steps.
func TestGoldenNOSPInForce(t *testing.T) {
	m := tuitest.Start(New(tuitest.Context(t, nospOnly(t))), "NW1001", 80, 24)
	tuitest.RequireScreen(t, tuitest.Steps(m, "pgdown"))
}

func TestTheCaseShowsEveryPart(t *testing.T) {
	m := open(t, courtCase(t), "NW1001", 120, 60)
	v := m.View()
	for _, want := range []string{
		"Enforcement NW1001  Alice Example",
		"Stage       Suspended possession order on Mon 2 Nov 2026",
		"✗ NOSP served Mon 3 Aug 2026: used: court claim issued on Mon 14 Sep 2026",
		"served Mon 3 Aug 2026 + 28 days → first Sun/Mon on or after: Mon 31 Aug 2026",
		"claim issued on Mon 14 Sep 2026",
		"hearing on Mon 2 Nov 2026: possession suspended on terms",
		"BREACHED",
		"not started: 0 of 7 done (t: checklist)",
		"court-order-breach: ",
		"warrant-applied",
		"Mon 2 Nov 2026   Hearing: possession suspended on terms",
		"— asmith",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("the case lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "letter-1,") || strings.Contains(v, "court-claim,") {
		t.Errorf("steps before the claim offered after it:\n%s", v)
	}
}

// A load that was overtaken by a newer one (the officer moved on) is
// dropped; a change to another account does not reload.
func TestStaleLoadsAreDropped(t *testing.T) {
	st := courtCase(t)
	m := open(t, st, "NW1001", 80, 24)
	old := m.load() // load 2, overtaken below
	m, cmd := m.Update(common.AccountSelectedMsg{Ref: "NW1004"})
	if m.Ref() != "NW1004" || m.loaded {
		t.Fatalf("ref %s loaded %v", m.Ref(), m.loaded)
	}
	m, _ = m.Update(old())
	if m.loaded || strings.Contains(m.View(), "Alice") {
		t.Fatalf("a stale load was shown:\n%s", m.View())
	}
	m, _ = tuitest.Drive(m, cmd)
	if !strings.Contains(m.View(), "Enforcement NW1004  Dan Demo") {
		t.Fatalf("the new account is not shown:\n%s", m.View())
	}
	if _, cmd := m.Update(common.ChangedMsg{Refs: []string{"NW1001"}}); cmd != nil {
		t.Error("a change to another account reloads the pane")
	}
	if _, cmd := m.Update(common.ChangedMsg{Refs: []string{"NW1004"}}); cmd == nil {
		t.Error("a change to the account shown does not reload the pane")
	}
}

func TestNoAccountSelectedSaysWhereToChooseOne(t *testing.T) {
	m := New(tuitest.Context(t, tuitest.Store(t))).SetSize(80, 20)
	if v := m.View(); !strings.Contains(v, "No account selected") {
		t.Fatalf("view:\n%s", v)
	}
	_, msgs := tuitest.Press(m, "e")
	if len(msgs) != 1 || !strings.Contains(msgs[0].(common.StatusMsg).Text, "Choose an account first") {
		t.Fatalf("e with no account: %v", msgs)
	}
}

// e opens the caseload's event form offering only the legal next steps;
// a letter-2 confirmed in it is written and the pane shows it on the
// timeline without being asked.
func TestRecordTheNextStepFromThePane(t *testing.T) {
	st := nospOnly(t)
	m := open(t, st, "NW1001", 100, 40)
	m, _ = tuitest.Press(m, "e")
	if !m.Capturing() || !strings.Contains(m.View(), "Case event on NW1001") {
		t.Fatalf("e did not open the event form:\n%s", m.View())
	}
	if !strings.Contains(m.View(), "‹ pre-action ›") {
		t.Fatalf("the form does not start on the first step that may be recorded now:\n%s", m.View())
	}
	seen := map[string]bool{}
	for range 40 {
		v := m.View()
		if j := strings.Index(v, "‹ "); j >= 0 {
			rest := v[j+len("‹ "):]
			seen[rest[:strings.Index(rest, " ›")]] = true
		}
		m, _ = tuitest.Press(m, "right")
	}
	for _, not := range []string{"warrant-applied", "hearing", "order-suspended"} {
		if seen[not] {
			t.Errorf("%s offered before a claim", not)
		}
	}
	if !seen["letter-2"] || !seen["court-claim"] {
		t.Fatalf("the legal steps are not offered: %v", seen)
	}
	m, _ = tuitest.Press(m, "esc")
	if m.Capturing() {
		t.Fatal("esc left the form open")
	}
	m, _ = tuitest.Press(m, "e", "l", "right", "ctrl+s")
	if v := m.View(); !strings.Contains(v, "Confirm: record second arrears letter on NW1001") {
		t.Fatalf("no confirmation:\n%s", v)
	}
	m, msgs := tuitest.Press(m, "y")
	var saved bool
	for _, msg := range msgs {
		if s, ok := msg.(form.SavedMsg); ok && s.Err == nil {
			saved = true
		}
	}
	if !saved || m.Capturing() {
		t.Fatalf("not saved (form open %v): %v", m.Capturing(), msgs)
	}
	evs, err := st.Events(t.Context(), "NW1001")
	if err != nil || len(evs) != 3 || evs[2].Type != domain.EventLetter2 {
		t.Fatalf("events %+v %v", evs, err)
	}
	if v := m.View(); !strings.Contains(v, "Second arrears letter — asmith") {
		t.Fatalf("the new step is not on the timeline:\n%s", v)
	}
}

// A court claim the pre-action gate holds is refused in the form with the
// open items, and nothing is written.
func TestACourtClaimTheGateHoldsIsRefusedInThePane(t *testing.T) {
	st := nospOnly(t)
	m := open(t, st, "NW1001", 100, 40)
	m, _ = tuitest.Press(m, "e", "c", "ctrl+s")
	if v := m.View(); !strings.Contains(v, "court claim refused") || !strings.Contains(v, "pre-action steps open") {
		t.Fatalf("not refused:\n%s", v)
	}
	evs, _ := st.Events(t.Context(), "NW1001")
	if len(evs) != 2 {
		t.Fatalf("a refused court claim was written: %+v", evs)
	}
	m, _ = tuitest.Press(m, "esc")
	if m.Capturing() {
		t.Fatal("esc left the form open")
	}
}

// t opens the same checklist form as the caseload pane's t.
func TestTOpensThePreActionChecklist(t *testing.T) {
	m := open(t, nospOnly(t), "NW1001", 100, 40)
	m, _ = tuitest.Press(m, "t")
	if v := m.View(); !strings.Contains(v, "Pre-action checklist on NW1001: 0 of 7 done") {
		t.Fatalf("t did not open the checklist:\n%s", v)
	}
}

// enter shows every timeline step in full rather than cut to a line.
func TestEnterShowsTheTimelineInFull(t *testing.T) {
	st := tuitest.Store(t)
	long := "Served by hand at the door to the tenant in person, with the covering letter and the advice leaflet"
	if _, err := st.AddEvent(t.Context(), store.NewEvent{Ref: "NW1001", Type: domain.EventNOSPServed,
		Date: domain.MustDate(2026, time.September, 7), Detail: long}, tuitest.Today, worklist.DefaultPolicy()); err != nil {
		t.Fatal(err)
	}
	m := open(t, st, "NW1001", 80, 60)
	if strings.Contains(m.View(), "advice leaflet") {
		t.Fatalf("the step is not cut to one line:\n%s", m.View())
	}
	m, _ = tuitest.Press(m, "enter")
	if !strings.Contains(m.View(), "advice leaflet") {
		t.Fatalf("enter did not show the step in full:\n%s", m.View())
	}
}
