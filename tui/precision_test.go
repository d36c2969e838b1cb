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

// precisionApp is the fixture caseload plus two accounts opened today with
// one charge each: NW1090 owes 7.99 weeks after a first letter 30 days ago
// and pre-action steps 14 days ago; NW1091 owes 10.746 weeks.
func precisionApp(t *testing.T, w, h int) tea.Model {
	t.Helper()
	st := tuitest.Store(t)
	ctx := t.Context()
	open := func(ref, name, owed string) {
		err := st.CreateAccount(ctx, store.NewAccount{
			Ref: ref, Kind: domain.KindRent, TenancyType: domain.TenancySecure, Status: domain.StatusCurrent, Name: name,
			Address: "9 " + name + " Road, Newtown", Postcode: "ZZ99 9AA", PropertyType: domain.PropertyFlat,
			Start: domain.MustDate(2026, time.June, 1), PaymentMethod: domain.MethodCash, Officer: tuitest.Officer,
			Charges: []domain.ChargeComponent{{Component: "rent", Weekly: domain.MustMoney("100.00")}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Post(ctx, store.Posting{Ref: ref, Kind: store.PostCharge, Amount: domain.MustMoney(owed), Date: tuitest.Today}, tuitest.Today); err != nil {
			t.Fatal(err)
		}
	}
	open("NW1090", "Walt Waiting", "799.00")
	open("NW1091", "Tess Tenths", "1074.60")
	for _, e := range []store.NewEvent{
		{Ref: "NW1090", Type: domain.EventLetter1, Date: tuitest.Today.AddDays(-30)},
		{Ref: "NW1090", Type: domain.EventPreAction, Date: tuitest.Today.AddDays(-14)},
	} {
		if _, err := st.AddEvent(ctx, e, tuitest.Today, worklist.DefaultPolicy()); err != nil {
			t.Fatal(err)
		}
	}
	var m tea.Model = New(Options{Context: t.Context(), Store: st, Today: tuitest.Today, Officer: tuitest.Officer, Policy: worklist.DefaultPolicy()})
	m, _ = m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return drive(t, m, m.Init())
}

// TestWeeksRoundedOnceEverywhere: 10.746 weeks are 10.7 in the list, the
// account view and the ledger header (not 10.75, nor 10.8 from it).
func TestWeeksRoundedOnceEverywhere(t *testing.T) {
	m := precisionApp(t, 120, 40)
	m = press(t, m, "/")
	m = typeText(t, m, "NW1091")
	if v := m.View(); !strings.Contains(v, "10.7 weeks") || !strings.Contains(v, " 10.7 ") || strings.Contains(v, "10.8") || strings.Contains(v, "10.75") {
		t.Fatalf("the list does not show 10.7 weeks:\n%s", v)
	}
	m = press(t, m, "enter", "enter")
	if v := m.View(); !strings.Contains(v, "owed (10.7 weeks)") || strings.Contains(v, "10.8") {
		t.Fatalf("the account view does not show 10.7 weeks:\n%s", v)
	}
	m = press(t, m, "2")
	if v := m.View(); !strings.Contains(v, "(10.7 weeks)") || strings.Contains(v, "10.75") {
		t.Fatalf("the ledger header does not show 10.7 weeks:\n%s", v)
	}
}

// TestAccountViewSaysWhatTheLadderWaitsFor: past the pre-action step at
// 7.99 weeks, no letter is recommended and the account view says the case
// waits for £800.00.
func TestAccountViewSaysWhatTheLadderWaitsFor(t *testing.T) {
	m := precisionApp(t, 120, 40)
	m = press(t, m, "/")
	m = typeText(t, m, "NW1090")
	if v := m.View(); !strings.Contains(v, "[no list]") || !strings.Contains(v, "nothing to do today") {
		t.Fatalf("a case waiting for its next step has nothing to do today:\n%s", v)
	}
	m = press(t, m, "enter") // the search opens its match
	v := m.View()
	if !strings.Contains(v, "Waiting") || !strings.Contains(v, "consider NOSP once arrears reach £800.00 (now £799.00)") {
		t.Fatalf("the account view does not say what the case waits for:\n%s", v)
	}
	if strings.Contains(v, "first-letter") || strings.Contains(v, "send first arrears letter") || strings.Contains(v, "send second") {
		t.Fatalf("a letter is recommended after the pre-action step:\n%s", v)
	}
}
