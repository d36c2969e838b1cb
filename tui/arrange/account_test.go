package arrange

import (
	"strings"
	"testing"

	"caseload/domain/arrangement"
	"caseload/tui/tuitest"
)

// The calculator starts from the chosen account: its balance and the
// frequency its payments arrive at (Bob's Universal Credit pays monthly),
// and turns to the next account's when another is chosen.
func TestTheCalculatorStartsFromTheAccountsBalanceAndFrequency(t *testing.T) {
	st := tuitest.Store(t)
	m := newPane(t, st, tuitest.Today, 100, 30)
	m = selectAccount(t, m, "NW1002")
	bob, err := st.Account(t.Context(), "NW1002")
	if err != nil {
		t.Fatal(err)
	}
	if got := m.inputs[inBalance].Value(); got != bob.Balance.String() {
		t.Fatalf("balance %q, want Bob's %s", got, bob.Balance)
	}
	if f := arrangement.Frequencies[m.freq]; f != arrangement.Monthly {
		t.Fatalf("frequency %s, want monthly (UC pays monthly)", f)
	}
	if v := m.View(); !strings.Contains(v, "monthly") {
		t.Fatalf("the view does not show monthly:\n%s", v)
	}
	m = selectAccount(t, m, "NW1003")
	if f := arrangement.Frequencies[m.freq]; f != arrangement.Weekly {
		t.Fatalf("frequency %s for Carol, who pays weekly", f)
	}
}
