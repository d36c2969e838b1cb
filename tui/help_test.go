package tui

import (
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// seenHelp pages through the full help and returns every line shown.
func seenHelp(t *testing.T, m tea.Model) (string, tea.Model) {
	t.Helper()
	m = press(t, m, "?")
	var all strings.Builder
	for range 10 {
		v := m.View()
		if n := strings.Count(v, "\n") + 1; n != 24 {
			t.Fatalf("the help screen is %d lines, want 24:\n%s", n, v)
		}
		all.WriteString(v + "\n")
		m = press(t, m, "pgdown")
	}
	return all.String(), press(t, m, "?")
}

// At 80×24 the full help shows every key of the pane (paging when it is
// taller than the screen), names the panes 1–5 as they are, and lists
// only keys that work on what is shown.
func TestFullHelpFitsAt80x24(t *testing.T) {
	for _, tc := range []struct {
		name   string
		keys   []string
		absent []string
	}{
		{"the caseload list", nil, []string{"back to list"}},
		{"the account view", []string{"enter"}, []string{"next section", "sort", "search"}},
		{"the ledger", []string{"2"}, nil},
		{"the arrangement calculator", []string{"3"}, []string{"UC claimant type"}},
		{"the Right to Buy list", []string{"4"}, nil},
		{"the sync pane", []string{"5"}, nil},
		{"the enforcement pane", []string{"6"}, []string{"back to list", "search"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := start(t, 80, 24)
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
			for _, a := range tc.absent {
				if strings.Contains(seen, a) {
					t.Errorf("%s: the help lists %q, which does nothing here", tc.name, a)
				}
			}
			if strings.Contains(seen, "1-9") || strings.Contains(seen, "6 Sync") {
				t.Errorf("%s: the help offers panes that do not exist", tc.name)
			}
		})
	}
}

func TestThePanesAreWhatHelpSays(t *testing.T) {
	m := start(t, 80, 24)
	seen, m := seenHelp(t, m)
	// Each pane's digit and name, in the help's key column (the tab row
	// cuts long names at 80 columns).
	for _, want := range []string{"1 Caseload", "2 Ledger", "3 Arrangement", "4 Right to Buy", "5 Sync", "6 Enforcement", "7 Reports"} {
		digit, name, _ := strings.Cut(want, " ")
		if !regexp.MustCompile(`(?m)` + digit + ` +` + regexp.QuoteMeta(name) + `\b`).MatchString(seen) {
			t.Errorf("the help does not name %q", want)
		}
	}
	m = press(t, m, "9")
	if a := m.(App); a.active != 0 {
		t.Fatalf("9 switched to pane %d", a.active+1)
	}
}

// Digits typed in the account view or the search never switch panes.
func TestDigitsInTheAccountViewOrSearchStay(t *testing.T) {
	m := start(t, 80, 24)
	m = press(t, m, "enter", "2", "3")
	if a := m.(App); a.active != 0 || !strings.Contains(m.View(), "Account NW") {
		t.Fatalf("digits in the account view switched panes:\n%s", m.View())
	}
	m = press(t, m, "esc", "/")
	m = typeText(t, m, "1002")
	if a := m.(App); a.active != 0 || !strings.Contains(m.View(), "NW1002") {
		t.Fatalf("digits in the search switched panes:\n%s", m.View())
	}
}
