package sync

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"caseload/store"
	"caseload/tui/common"
)

// Every state of the pane fits 80×20 (an 80×24 terminal) and 160×44,
// every line within the width, and its short help fits one 80-column line
// beside the root's own keys.
func TestEveryStateFitsTheScreen(t *testing.T) {
	office, lap := phoneConflict(t)
	path := writeFile(t, plainPack(t, lap, store.ExportOptions{Changes: true, For: "office"}))
	rootKeys := []key.Binding{
		key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
	}
	for _, size := range [][2]int{{80, 20}, {160, 44}} {
		m := newPane(t, office, t.TempDir(), size[0], size[1])
		m, _ = drive(t, m, func() tea.Msg {
			return common.VisitMarksMsg{Refs: []string{"NW1001", "NW1002", "NW1003", "NW1004", "NW1005", "NW1006", "NW1007"}}
		})
		m, _ = drive(t, m, common.Select("NW1002"))
		states := map[string]Model{}
		states["export"] = m
		v, _ := press(t, m, "v")
		states["visit form"] = v
		v = focus(t, v, fAgain)
		v = typeText(t, v, "mismatch")
		v, _ = press(t, v, "enter")
		states["visit form with problems"] = v
		c, _ := press(t, m, "c")
		states["changes form"] = c
		c, _ = press(t, c, "right", "right")
		states["changes form, typed replica"] = c
		i, _ := importFile(t, m, path, "", true)
		states["import confirmation"] = i
		i, _ = press(t, i, "y")
		states["import report"] = i
		k, _ := press(t, i, "]")
		states["conflicts"] = k
		k, _ = press(t, k, "S")
		states["conflict question"] = k
		d, _ := press(t, m, "[")
		states["duplicates"] = d
		for name, s := range states {
			checkView(t, s, "mismatch")
			h := help.New()
			h.Width = 0
			if w := cells(h.ShortHelpView(append(s.ShortHelp(), rootKeys...))); w > 80 {
				t.Errorf("%dx%d %s: short help is %d cells wide", size[0], size[1], name, w)
			}
			if len(s.ShortHelp()) == 0 || len(s.FullHelp()) == 0 {
				t.Errorf("%s: no help", name)
			}
			wantCapture := strings.Contains(name, "form") || strings.Contains(name, "confirmation") || strings.Contains(name, "question")
			if s.Capturing() != wantCapture {
				t.Errorf("%s: Capturing() = %v, want %v", name, s.Capturing(), wantCapture)
			}
		}
		if !states["visit form with problems"].Dirty() || states["export"].Dirty() {
			t.Error("Dirty() does not follow the form's input")
		}
	}
}
