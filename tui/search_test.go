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

// The search looks through every section: a paused case is found from
// Today, its row says it is in Paused, and enter opens it. ctrl+a widens
// the search to every officer's patch.
func TestSearchFindsAMatchInPausedFromToday(t *testing.T) {
	st := tuitest.Store(t)
	ctx := t.Context()
	if err := st.Pause(ctx, "NW1001", tuitest.Today.AddDays(14), "awaiting HB decision", tuitest.Today); err != nil {
		t.Fatal(err)
	}
	err := st.CreateAccount(ctx, store.NewAccount{
		Ref: "SE5001", Kind: domain.KindRent, TenancyType: domain.TenancySecure, Status: domain.StatusCurrent,
		Name: "Zed Elsewhere", Address: "9 Other Road", Postcode: "ZZ99 9ZZ", PropertyType: domain.PropertyFlat,
		Start: domain.MustDate(2020, time.June, 1), PaymentMethod: domain.MethodCard, Officer: "bjones",
		Charges: []domain.ChargeComponent{{Component: "rent", Weekly: domain.MustMoney("90.00")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var m tea.Model = New(Options{Context: t.Context(), Store: st, Today: tuitest.Today, Officer: tuitest.Officer, Policy: worklist.DefaultPolicy()})
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m = drive(t, m, m.(App).Init())
	if v := m.View(); !strings.Contains(v, "[Today") || strings.Contains(v, "Alice Example") {
		t.Fatalf("NW1001 is on Today though paused:\n%s", v)
	}
	m = press(t, m, "/")
	m = typeText(t, m, "alice")
	v := m.View()
	if !strings.Contains(v, "NW1001") || !strings.Contains(v, "[Paused]") || !strings.Contains(v, "1 match") {
		t.Fatalf("the search from Today did not find the paused case:\n%s", v)
	}
	m = press(t, m, "enter")
	if v := m.View(); !strings.Contains(v, "Account NW1001") {
		t.Fatalf("enter did not open the match:\n%s", v)
	}
	m = press(t, m, "esc", "/", "ctrl+u")
	m = typeText(t, m, "zed")
	if v := m.View(); strings.Contains(v, "SE5001") {
		t.Fatalf("another patch's account found without ctrl+a:\n%s", v)
	}
	m = press(t, m, "ctrl+a")
	if v := m.View(); !strings.Contains(v, "SE5001") || !strings.Contains(v, "every patch") {
		t.Fatalf("ctrl+a did not search every patch:\n%s", v)
	}
}
