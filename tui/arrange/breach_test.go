package arrange

import (
	"strings"
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/tuitest"
)

// TestArrangementOverABreachedOrderKeepsTheBreach: the save form says the
// order stays breached, and after saving the worklist still says so.
func TestArrangementOverABreachedOrderKeepsTheBreach(t *testing.T) {
	st := tuitest.Store(t)
	ctx := t.Context()
	for _, e := range []store.NewEvent{
		{Ref: "NW1001", Type: domain.EventCourtClaim, Date: domain.MustDate(2026, time.September, 21), Override: "fixture history"},
		{Ref: "NW1001", Type: domain.EventOrderSuspended, Date: domain.MustDate(2026, time.October, 20)},
	} {
		if _, err := st.AddEvent(ctx, e, tuitest.Today, worklist.DefaultPolicy()); err != nil {
			t.Fatal(err)
		}
	}
	m := selectAccount(t, newPane(t, st, tuitest.Today, 100, 30), "NW1001")
	m = toAmount(t, m)
	m = typeText(t, m, "5")
	m, _ = press(t, m, "esc", "s", "enter")
	if v := flat(m.View()); !strings.Contains(v, "does not vary it") || !strings.Contains(v, "suspended possession order of Tue 20 Oct 2026 is breached") {
		t.Fatalf("the confirmation does not warn:\n%s", v)
	}
	m, _ = press(t, m, "y")
	if m.form != nil {
		t.Fatal("the form is still open")
	}
	lines, err := st.Caseload(ctx, tuitest.Officer, tuitest.Today, worklist.DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if l.Ref != "NW1001" {
			continue
		}
		for _, it := range l.Items() {
			if it.Rule == worklist.RuleCourtOrderBreach {
				return
			}
		}
		t.Fatalf("court-order-breach went with the arrangement: %+v", l.Items())
	}
	t.Fatal("NW1001 is not on the worklist")
}
