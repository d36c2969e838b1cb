package tui

import (
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/tui/common"
	"caseload/tui/tuitest"
)

// reportsKey is the digit that shows the Reports pane.
func reportsKey(t *testing.T, m tea.Model) string {
	t.Helper()
	for i, p := range m.(App).panes {
		if p.ID() == common.PaneReports {
			return strconv.Itoa(i + 1)
		}
	}
	t.Fatal("no Reports pane")
	return ""
}

// highlight presses j until the Reports pane's highlighted figure is the
// one named.
func highlight(t *testing.T, m tea.Model, name string) tea.Model {
	t.Helper()
	for range 80 {
		for _, l := range strings.Split(m.View(), "\n") {
			if strings.HasPrefix(l, common.SelectGlyph+" "+name) {
				return m
			}
		}
		m = press(t, m, "j")
	}
	t.Fatalf("never highlighted %q:\n%s", name, m.View())
	return m
}

// At 80×24 the full help of the Reports pane shows every key of what is
// on screen: the figures, the accounts behind one, the trends.
func TestReportsHelpFitsAt80x24(t *testing.T) {
	for _, tc := range []struct {
		name string
		keys []string
	}{
		{"the figures", nil},
		{"the accounts behind a figure", []string{"enter"}},
		{"the trends", []string{"c"}},
		{"whose patch", []string{"o"}},
		{"the team's officers", []string{"s", "o"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := start(t, 80, 24)
			m = press(t, m, reportsKey(t, m))
			m = highlight(t, m, "Current tenant arrears")
			m = press(t, m, tc.keys...)
			app := m.(App)
			p := app.panes[app.active]
			seen, _ := seenHelp(t, m)
			for _, g := range append(p.FullHelp(), app.globalHelp()) {
				for _, b := range g {
					if h := b.Help(); !strings.Contains(seen, h.Desc) {
						t.Errorf("%s: the help never shows %q (%s):\n%s", tc.name, h.Desc, h.Key, seen)
					}
				}
			}
		})
	}
}

// From a figure to the accounts behind it and on to one of them: the
// caseload pane shows its account view and the header names it.
func TestReportsDrillOpensTheAccountInTheCaseload(t *testing.T) {
	m := start(t, 80, 24)
	m = press(t, m, reportsKey(t, m))
	if !strings.Contains(m.View(), "Reports · Patch of asmith") {
		t.Fatalf("the Reports pane is not shown:\n%s", m.View())
	}
	m = highlight(t, m, "Accounts in arrears")
	m = press(t, m, "enter")
	if !strings.Contains(m.View(), "3 accounts behind") {
		t.Fatalf("enter listed no accounts:\n%s", m.View())
	}
	m = press(t, m, "j", "enter") // the second largest debt: NW1003
	app := m.(App)
	if app.panes[app.active].ID() != common.PaneCaseload {
		t.Fatalf("enter left the pane on %s", app.panes[app.active].ID())
	}
	v := m.View()
	if !strings.Contains(v, "Account NW1003") || !strings.Contains(v, "account NW1003") {
		t.Errorf("the caseload does not show NW1003's account view:\n%s", v)
	}
	// Back on the Reports pane (digits are kept in the account view, so
	// esc first), the list is where the officer left it.
	m = press(t, m, "esc", reportsKey(t, m))
	if v := m.View(); !strings.Contains(v, "› NW1003") {
		t.Errorf("the accounts list lost its place:\n%s", v)
	}
}

// The Reports pane as the tab row reaches it, the whole screen at 80×24.
func TestGoldenReportsRoom(t *testing.T) {
	m := start(t, 80, 24)
	tuitest.RequireScreen(t, press(t, m, reportsKey(t, m)))
}
