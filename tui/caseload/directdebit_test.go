package caseload

import (
	"strings"
	"testing"

	"caseload/domain/directdebit"
	"caseload/tui/tuitest"
)

// TestDirectDebitSetUpAndCancel: D in the account view sets up a mandate
// (bank details typed in full only in the form; the confirm step and the
// account view show them masked), then D cancels it with a reason.
func TestDirectDebitSetUpAndCancel(t *testing.T) {
	st := tuitest.Store(t)
	m := tuitest.Start(New(tuitest.Context(t, st)), "", 100, 40)
	m = tuitest.Steps(m, "/", "type:NW1004", "enter")
	if v := m.View(); !strings.Contains(v, "Direct Debit") || !strings.Contains(v, "none (D: set one up)") {
		t.Fatalf("account view before:\n%s", v)
	}
	m = tuitest.Steps(m, "D")
	if v := m.View(); !strings.Contains(v, "Set up a Direct Debit on NW1004") || !strings.Contains(v, "Dan Demo") {
		t.Fatalf("form:\n%s", v)
	}
	m = tuitest.Steps(m, "enter", "type:12-34-56", "enter", "type:12345678", "ctrl+s")
	t.Run("confirm", func(t *testing.T) {
		v := m.View()
		// £80 a week: 80 × 52 ÷ 12 = 346.666… → £346.67 a month.
		// The form where they are typed is the one place the details show
		// in full; what will be saved says them masked.
		if !strings.Contains(v, "Confirm: set up a Direct Debit on NW1004: £346.67 a month from Fri 1 Jan 2027, account ••-••-56") {
			t.Fatalf("confirm:\n%s", v)
		}
		tuitest.RequireScreen(t, m)
	})
	m = tuitest.Steps(m, "y")
	ms, err := st.AccountMandates(t.Context(), "NW1004")
	if err != nil || len(ms) != 1 || ms[0].State != directdebit.Pending || ms[0].Account != "12345678" || ms[0].Reference != "NW1004DD01" || ms[0].Paper {
		t.Fatalf("mandates %+v %v", ms, err)
	}
	t.Run("account view", func(t *testing.T) {
		v := m.View()
		if !strings.Contains(v, "NW1004DD01 PENDING LODGEMENT · ••-••-56 ••••5678 · £346.67 a month on the 1st") ||
			!strings.Contains(v, "next: ") || strings.Contains(v, "12345678") || strings.Contains(v, "12-34-56") {
			t.Fatalf("account view after:\n%s", v)
		}
		tuitest.RequireScreen(t, m)
	})
	m = tuitest.Steps(m, "D")
	if v := m.View(); !strings.Contains(v, "Cancel the Direct Debit NW1004DD01 on NW1004") {
		t.Fatalf("cancel form:\n%s", v)
	}
	m = tuitest.Steps(m, "ctrl+s")
	if ms, _ := st.AccountMandates(t.Context(), "NW1004"); ms[0].State != directdebit.Pending {
		t.Fatal("a cancel with no reason was saved")
	}
	m = tuitest.Steps(m, "type:Payer asked to pay by card", "ctrl+s", "y")
	ms, _ = st.AccountMandates(t.Context(), "NW1004")
	if ms[0].State != directdebit.Cancelled || ms[0].History[1].Reason != "Payer asked to pay by card" {
		t.Fatalf("after cancel %+v", ms[0])
	}
	if v := m.View(); !strings.Contains(v, "CANCELLED") {
		t.Fatalf("account view after cancel:\n%s", v)
	}
}

// TestDirectDebitFormRefusesAFailingSortCode: the set-up form will not
// confirm a sort code that is not six digits, and writes nothing.
func TestDirectDebitFormRefusesAFailingSortCode(t *testing.T) {
	st := tuitest.Store(t)
	m := tuitest.Start(New(tuitest.Context(t, st)), "", 100, 40)
	m = tuitest.Steps(m, "/", "type:NW1005", "enter", "D", "enter", "type:12-34", "enter", "type:12345678", "ctrl+s", "y")
	if v := m.View(); !strings.Contains(v, "six digits like 12-34-56") {
		t.Fatalf("form:\n%s", v)
	}
	if ms, err := st.AccountMandates(t.Context(), "NW1005"); err != nil || len(ms) != 0 {
		t.Fatalf("mandates %+v %v", ms, err)
	}
}

// TestDirectDebitPaperInstruction: "yes" to the paper DDI field sets up a
// mandate the AUDDIS file converts (0S), and the confirm step says so.
func TestDirectDebitPaperInstruction(t *testing.T) {
	st := tuitest.Store(t)
	m := tuitest.Start(New(tuitest.Context(t, st)), "", 100, 40)
	m = tuitest.Steps(m, "/", "type:NW1004", "enter", "D", "enter", "type:12-34-56", "enter", "type:12345678",
		"enter", "enter", "enter", "enter", "right", "ctrl+s")
	if v := m.View(); !strings.Contains(v, "‹ yes ›") || !strings.Contains(v, "paper instruction: converting (0S)") {
		t.Fatalf("confirm:\n%s", v)
	}
	m = tuitest.Steps(m, "y")
	ms, err := st.AccountMandates(t.Context(), "NW1004")
	if err != nil || len(ms) != 1 || !ms[0].Paper || ms[0].State != directdebit.Pending {
		t.Fatalf("mandates %+v %v", ms, err)
	}
	if v := m.View(); !strings.Contains(v, "paper instruction converting (0S)") {
		t.Fatalf("after saving:\n%s", v)
	}
}
