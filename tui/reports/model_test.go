package reports

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/tuitest"
)

// ready is the pane at 80×22 with its first report computed.
func ready(t *testing.T) Model {
	t.Helper()
	m := New(tuitest.Context(t, tuitest.Store(t))).SetSize(80, 22)
	m, _ = tuitest.Drive(m, m.Init())
	if !m.loaded {
		t.Fatalf("the first report did not load: %v", m.loadErr)
	}
	return m
}

// to highlights the figure whose name starts with name.
func to(t *testing.T, m Model, name string) Model {
	t.Helper()
	for i, f := range m.figures {
		if strings.HasPrefix(f.name, name) {
			m.cursor = i
			m.clamp()
			return m
		}
	}
	t.Fatalf("no figure %q", name)
	return m
}

// The scope and period keys move the choice and compute its report in
// the background: the figures stay up, marked as loading, until it comes.
func TestScopeAndPeriodKeys(t *testing.T) {
	for _, tt := range []struct {
		name       string
		keys       []string
		wantHeader string
	}{
		{"s moves to the team", []string{"s"}, "Team: asmith · week 23–29 Nov 2026 so far"},
		{"s twice is the whole borough", []string{"s", "s"}, "Whole borough · week 23–29 Nov 2026 so far"},
		{"s three times is back to the patch", []string{"s", "s", "s"}, "Patch of asmith · week 23–29 Nov 2026"},
		{"p is the month", []string{"p"}, "Patch of asmith · November 2026"},
		{"p twice is the financial year", []string{"p", "p"}, "Patch of asmith · year 2026/27 (Apr–Mar)"},
		{"left is the week before", []string{"left"}, "Patch of asmith · week 16–22 Nov 2026"},
		{"h and [ are earlier too", []string{"h", "["}, "Patch of asmith · week 9–15 Nov 2026"},
		{"a week across two months", []string{"left", "left", "left", "left"}, "Patch of asmith · week 26 Oct – 1 Nov 2026"},
		{"left on the month is October", []string{"p", "left"}, "Patch of asmith · October 2026"},
		{"left then right is back", []string{"p", "left", "right"}, "Patch of asmith · November 2026"},
		{"the year before", []string{"p", "p", "left"}, "Patch of asmith · year 2025/26 (Apr–Mar)"},
		{"t is this period again", []string{"left", "left", "t"}, "Patch of asmith · week 23–29 Nov 2026"},
		{"a week keeps its month", []string{"left", "left", "p"}, "Patch of asmith · November 2026"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := ready(t)
			var cmd tea.Cmd
			for _, k := range tt.keys {
				m, cmd = m.Update(tuitest.Key(k))
			}
			if cmd == nil || !m.loading {
				t.Fatalf("%v started no report", tt.keys)
			}
			if v := m.View(); !strings.Contains(v, "loading") {
				t.Errorf("no loading marker while the report is worked out:\n%s", v)
			}
			m, _ = tuitest.Drive(m, cmd)
			if m.loading || m.shown != m.choice {
				t.Fatalf("the report for the choice did not arrive")
			}
			if first := strings.SplitN(m.View(), "\n", 2)[0]; !strings.Contains(first, tt.wantHeader) {
				t.Errorf("header %q, want %q", first, tt.wantHeader)
			}
		})
	}
}

// There is no later period than the one with today in it.
func TestNoPeriodAfterToday(t *testing.T) {
	m := ready(t)
	m, seen := tuitest.Press(m, "right")
	if m.loading || m.choice.period().From != m.shown.period().From {
		t.Fatalf("right moved past today to %s", m.choice.periodWords())
	}
	if len(seen) != 1 || !strings.Contains(seen[0].(common.StatusMsg).Text, "no later one") {
		t.Errorf("no word on why: %v", seen)
	}
}

// A report for an earlier choice arriving after a later one is dropped:
// the screen never shows figures for what is no longer asked.
func TestStaleReportIsDropped(t *testing.T) {
	m := ready(t)
	m, first := m.Update(tuitest.Key("s")) // team
	m, second := m.Update(tuitest.Key("s"))
	m, _ = tuitest.Drive(m, second) // the borough's figures and trends first
	borough := m.trends
	for _, c := range first().(tea.BatchMsg) { // then the team's, late
		m, _ = m.Update(c())
	}
	if m.shown.scope != scopeBorough || m.loading || m.trendsLoading {
		t.Fatalf("the late team report replaced the borough's: showing %s", m.shown.scopeWords())
	}
	if len(m.trends) == 0 || &m.trends[0] != &borough[0] {
		t.Fatalf("the late team trends replaced the borough's")
	}
}

// enter on a figure lists the accounts behind it, largest balance first;
// enter on one opens it in the caseload pane; esc goes back.
func TestDrillDownAndBack(t *testing.T) {
	m := to(t, ready(t), "Current tenant arrears (including technical)")
	m, cmd := m.Update(tuitest.Key("enter"))
	if m.drill == nil || !m.drill.loading || !strings.Contains(m.View(), "loading") {
		t.Fatalf("enter did not start the drill-down with a loading marker:\n%s", m.View())
	}
	m, _ = tuitest.Drive(m, cmd)
	v := m.View()
	if len(m.drill.accounts) != 3 || m.drill.accounts[0].ref != "NW1001" {
		t.Fatalf("accounts behind the arrears: %+v\n%s", m.drill.accounts, v)
	}
	for _, want := range []string{"3 accounts behind “Current tenant arrears (including technical)”", "£1,976.65 · enter opens",
		"› NW1001", "Alice Example", "asmith", "last paid"} {
		if !strings.Contains(v, want) {
			t.Errorf("the list lacks %q:\n%s", want, v)
		}
	}
	m, _ = tuitest.Press(m, "j")
	m, cmd = m.Update(tuitest.Key("enter"))
	var opened string
	var switched common.PaneID
	for _, msg := range cmd().(tea.BatchMsg) {
		switch msg := msg().(type) {
		case common.OpenAccountMsg:
			opened = msg.Ref
		case common.SwitchPaneMsg:
			switched = msg.Pane
		}
	}
	if want := m.drill.accounts[1].ref; opened != want || switched != common.PaneCaseload {
		t.Errorf("enter opened %q on pane %q, want %s on the caseload", opened, switched, want)
	}
	m, _ = tuitest.Press(m, "esc")
	if m.drill != nil || !strings.Contains(m.View(), "› Current tenant arrears") {
		t.Errorf("esc did not go back to the figure:\n%s", m.View())
	}
}

// A figure with no accounts behind it says so and stays on the figures.
func TestDrillOnARateSaysThereAreNoAccounts(t *testing.T) {
	m := to(t, ready(t), "Collection rate in the period")
	m, seen := tuitest.Press(m, "enter")
	if m.drill != nil {
		t.Fatal("a rate opened a list of accounts")
	}
	if len(seen) != 1 || !strings.Contains(seen[0].(common.StatusMsg).Text, "No accounts to list") {
		t.Errorf("no word on why: %v", seen)
	}
}

// Moving down the figures keeps the highlighted one on screen.
func TestTheHighlightStaysOnScreen(t *testing.T) {
	m := ready(t)
	for range len(m.figures) + 3 {
		m, _ = tuitest.Press(m, "j")
		if v := m.View(); !strings.Contains(v, common.SelectGlyph) {
			t.Fatalf("figure %d (%s) is off screen:\n%s", m.cursor, m.figures[m.cursor].name, v)
		}
		if n := strings.Count(m.View(), "\n") + 1; n != 22 {
			t.Fatalf("the view is %d lines, want 22", n)
		}
	}
	if m.cursor != len(m.figures)-1 {
		t.Errorf("stopped at %d of %d", m.cursor, len(m.figures))
	}
	m, _ = tuitest.Press(m, "g")
	if !strings.Contains(m.View(), "Ledger: the ledger as it stands") {
		t.Errorf("g does not show the top again:\n%s", m.View())
	}
}

// NOSPs served in the period list the accounts they were served on.
func TestDrillIntoNOSPsServed(t *testing.T) {
	st := tuitest.Store(t)
	if _, err := st.AddEvent(t.Context(), store.NewEvent{Ref: "NW1001", Type: domain.EventNOSPServed, Date: tuitest.Today}, tuitest.Today, worklist.DefaultPolicy()); err != nil {
		t.Fatal(err)
	}
	m := New(tuitest.Context(t, st)).SetSize(80, 22)
	m, _ = tuitest.Drive(m, m.Init())
	m = to(t, m, "NOSPs served")
	if f := m.figures[m.cursor]; f.value != "1" || !f.drillable() {
		t.Fatalf("NOSPs served: %+v", f)
	}
	m, _ = tuitest.Press(m, "enter")
	if m.drill == nil || len(m.drill.accounts) != 1 || m.drill.accounts[0].ref != "NW1001" {
		t.Fatalf("the accounts behind NOSPs served:\n%s", m.View())
	}
	if v := m.View(); !strings.Contains(v, "1 account behind “NOSPs served”") {
		t.Errorf("heading:\n%s", v)
	}
}

// o chooses whose patch; in the team scope, space marks the team's
// officers and enter reports on them; esc leaves the choice as it was.
func TestChooseTheOfficerAndTheTeam(t *testing.T) {
	st := tuitest.Store(t)
	other := store.NewAccount{Ref: "NW2001", Kind: domain.KindRent, TenancyType: domain.TenancySecure, Status: domain.StatusCurrent,
		Name: "Gus Other", Address: "2 Other Road", Postcode: "ZZ99 2AA", PropertyType: domain.PropertyFlat, Start: tuitest.Today.AddDays(-70),
		PaymentMethod: domain.MethodCash, Officer: "bjones", Charges: []domain.ChargeComponent{{Component: "rent", Weekly: domain.MustMoney("70.00")}}}
	if err := st.CreateAccount(t.Context(), other); err != nil {
		t.Fatal(err)
	}
	m := New(tuitest.Context(t, st)).SetSize(80, 22)
	m, _ = tuitest.Drive(m, m.Init())

	m, _ = tuitest.Press(m, "o")
	if v := m.View(); !strings.Contains(v, "› asmith") || !strings.Contains(v, "bjones") {
		t.Fatalf("the officers, starting on the report's own:\n%s", v)
	}
	m, _ = tuitest.Press(m, "j", "enter")
	if m.picker != nil || m.shown.officer != "bjones" || !strings.Contains(m.View(), "Patch of bjones") {
		t.Fatalf("enter did not report on bjones's patch:\n%s", m.View())
	}

	m, _ = tuitest.Press(m, "s", "o")
	if v := m.View(); !strings.Contains(v, "[x] asmith") || !strings.Contains(v, "[ ] bjones") {
		t.Fatalf("the team starts as the officer's own:\n%s", v)
	}
	m, _ = tuitest.Press(m, "j", "space", "enter")
	if m.shown.team != "asmith,bjones" || !strings.Contains(m.View(), "Team: asmith, bjones") {
		t.Fatalf("the team is not asmith and bjones:\n%s", m.View())
	}

	m, _ = tuitest.Press(m, "o", "space", "j", "space", "esc")
	if m.picker != nil || m.choice.team != "asmith,bjones" || m.loading {
		t.Errorf("esc changed the team to %q", m.choice.team)
	}
	m, seen := tuitest.Press(m, "o", "space", "j", "space", "enter")
	if last, ok := seen[len(seen)-1].(common.StatusMsg); m.picker == nil || !ok || !strings.Contains(last.Text, "at least one officer") {
		t.Errorf("a team of nobody was accepted: %v", seen)
	}
}

// A write while a report is worked out asks for one more, once that one
// has come: a burst of writes never piles up reports.
func TestWritesWhileLoadingReloadOnceAfter(t *testing.T) {
	m := ready(t)
	m, cmd := m.Update(tuitest.Key("s"))
	for range 3 {
		var again tea.Cmd
		if m, again = m.Update(common.ChangedMsg{}); again != nil {
			t.Fatal("a write while loading started another load at once")
		}
	}
	seq := m.loadSeq
	m, _ = tuitest.Drive(m, cmd)
	if m.loadSeq != seq+1 || m.loading || m.stale {
		t.Fatalf("after the load, %d more were started (want 1), loading %v", m.loadSeq-seq, m.loading)
	}
	if m, cmd = m.Update(common.ChangedMsg{}); cmd == nil || !m.loading {
		t.Fatal("a write with nothing loading did not reload")
	}
}
