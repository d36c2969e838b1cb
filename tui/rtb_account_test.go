package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/domain/rtb"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/tuitest"
)

// A flat's claim is on screen; the officer moves to a house with no claim
// and presses R: the pane offers a new claim for the house (never the
// flat's claim under the house's name), and the claim it opens takes the
// house's property type, so the s125 offer is due 8 weeks after the RTB2
// (RULES.md: 8 weeks for a freehold house, 12 for a flat).
func TestANewClaimTakesItsAccountsPropertyType(t *testing.T) {
	st := tuitest.Store(t)
	ctx := t.Context()
	err := st.CreateAccount(ctx, store.NewAccount{
		Ref: "NW2001", Kind: domain.KindRent, TenancyType: domain.TenancySecure, Status: domain.StatusCurrent,
		Name: "Hal House", Address: "2 Hal Close, Newtown", Postcode: "ZZ99 2AA", PropertyType: domain.PropertyHouse,
		Start: domain.MustDate(2015, time.June, 1), PaymentMethod: domain.MethodCard, Officer: tuitest.Officer,
		Charges: []domain.ChargeComponent{{Component: "rent", Weekly: domain.MustMoney("110.00")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddRTBCase(ctx, store.NewRTBCase{Ref: "NW1001", Received: tuitest.Today.AddDays(-10), Property: rtb.Flat}, tuitest.Today); err != nil {
		t.Fatal(err)
	}
	var m tea.Model = New(Options{Context: t.Context(), Store: st, Today: tuitest.Today, Officer: tuitest.Officer, Policy: worklist.DefaultPolicy()})
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m = drive(t, m, m.(App).Init())

	m = press(t, m, "/")
	m = typeText(t, m, "NW1001")
	m = press(t, m, "enter", "R", "enter")
	if v := m.View(); !strings.Contains(v, "Right to Buy · NW1001") {
		t.Fatalf("R did not open NW1001's claim:\n%s", v)
	}
	m = press(t, m, "1", "esc", "esc", "/")
	m = typeText(t, m, "NW2001")
	m = press(t, m, "enter", "R")
	v := m.View()
	if strings.Contains(v, "Right to Buy · NW1001") || !strings.Contains(v, "NW2001 has no claim: n starts one") {
		t.Fatalf("R on an account with no claim:\n%s", v)
	}
	m = press(t, m, "n")
	if v := m.View(); !strings.Contains(v, "New Right to Buy claim on NW2001") || !strings.Contains(v, "‹ house ›") {
		t.Fatalf("the new claim is not for the house:\n%s", v)
	}
	m = press(t, m, "enter", "enter", "enter", "enter", "enter")
	if v := m.View(); !strings.Contains(v, "Confirm: open a Right to Buy claim on NW2001") || !strings.Contains(v, "(s125 offer: 8 weeks)") {
		t.Fatalf("confirmation:\n%s", v)
	}
	m = press(t, m, "y")
	c, err := st.FindRTBCase(ctx, "NW2001")
	if err != nil {
		t.Fatalf("no claim saved on NW2001: %v\n%s", err, m.View())
	}
	rtb2 := tuitest.Today
	if err := st.AddRTBEvent(ctx, c.ID, rtb.Event{Type: rtb.EventRTB2Admitted, Date: rtb2}, tuitest.Today); err != nil {
		t.Fatal(err)
	}
	if c, err = st.FindRTBCase(ctx, "NW2001"); err != nil {
		t.Fatal(err)
	}
	for _, d := range rtb.Deadlines(c.Case, st.Holidays(), tuitest.Today) {
		if d.Key == rtb.KeyS125 {
			if want := rtb2.AddDays(56); d.Due != want {
				t.Fatalf("s125 due %s, want %s (8 weeks for a house)", d.Due, want)
			}
			return
		}
	}
	t.Fatal("no s125 deadline once the right was admitted")
}

// Typing another reference into the new-claim form reads that account
// again: its property type, not the one the form opened with.
func TestANewClaimRereadsTheAccountTyped(t *testing.T) {
	st := tuitest.Store(t)
	ctx := t.Context()
	err := st.CreateAccount(ctx, store.NewAccount{
		Ref: "NW2001", Kind: domain.KindRent, TenancyType: domain.TenancySecure, Status: domain.StatusCurrent,
		Name: "Hal House", Address: "2 Hal Close", Postcode: "ZZ99 2AA", PropertyType: domain.PropertyHouse,
		Start: domain.MustDate(2015, time.June, 1), PaymentMethod: domain.MethodCard, Officer: tuitest.Officer,
		Charges: []domain.ChargeComponent{{Component: "rent", Weekly: domain.MustMoney("110.00")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var m tea.Model = New(Options{Context: t.Context(), Store: st, Today: tuitest.Today, Officer: tuitest.Officer, Policy: worklist.DefaultPolicy()})
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m = drive(t, m, m.(App).Init())
	m = press(t, m, "/")
	m = typeText(t, m, "NW2001")
	m = press(t, m, "enter", "R", "n")
	if v := m.View(); !strings.Contains(v, "‹ house ›") {
		t.Fatalf("the form did not start from the house:\n%s", v)
	}
	m = press(t, m, "ctrl+u") // clear the reference
	for range 6 {
		m = press(t, m, "backspace")
	}
	m = typeText(t, m, "nw1003")
	v := m.View()
	if !strings.Contains(v, "‹ flat ›") || !strings.Contains(v, "New Right to Buy claim on NW1003") {
		t.Fatalf("typing NW1003 (a flat) did not re-read the account:\n%s", v)
	}
}
