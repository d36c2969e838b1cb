package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"caseload/tui/common"
)

// The full help (?) takes the pane's place: every key of what is on screen,
// in as many columns as the width holds and as many rows as that needs,
// scrolled with j/k when it is taller than the screen, so at 80×24 no key
// is cut off the edge.

// helpKeys are the keys of the help view itself.
type helpKeys struct {
	Close, Up, Down, PageUp, PageDown key.Binding
}

func defaultHelpKeys() helpKeys {
	return helpKeys{
		Close:    key.NewBinding(key.WithKeys("?", "esc"), key.WithHelp("?/esc", "close help")),
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d", "space"), key.WithHelp("pgdn", "page down")),
	}
}

// paneKeys are the keys that go to the panes, each named: "1 Caseload".
func (a App) paneKeys() []key.Binding {
	out := make([]key.Binding, len(a.panes))
	for i, p := range a.panes {
		n := fmt.Sprint(i + 1)
		out[i] = key.NewBinding(key.WithKeys(n), key.WithHelp(n, p.Title()))
	}
	return out
}

// globalHelp is the root's own keys as they work on the active pane.
func (a App) globalHelp() []key.Binding {
	keys := []key.Binding{a.keys.NextPane, a.keys.PrevPane}
	if !a.keepsDigits() {
		keys = append(keys, a.paneKeys()...)
	}
	return append(keys, a.keys.Help, a.keys.Quit, a.keys.ForceQuit)
}

// helpLines renders groups of keys as columns, wrapping onto more rows of
// columns when the width is used up.
func helpLines(groups [][]key.Binding, width int, keyStyle, descStyle lipgloss.Style) []string {
	const gap = 3
	var columns [][]string
	for _, g := range groups {
		var enabled []key.Binding
		for _, b := range g {
			if b.Enabled() && b.Help().Key != "" {
				enabled = append(enabled, b)
			}
		}
		if len(enabled) == 0 {
			continue
		}
		kw := 0
		for _, b := range enabled {
			kw = max(kw, lipgloss.Width(b.Help().Key))
		}
		var col []string
		for _, b := range enabled {
			line := keyStyle.Render(common.PadRight(b.Help().Key, kw)) + " " + descStyle.Render(b.Help().Desc)
			col = append(col, common.Truncate(line, width))
		}
		columns = append(columns, col)
	}
	var out []string
	var row [][]string
	rowW := 0
	flush := func() {
		if len(row) == 0 {
			return
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		blocks := make([]string, len(row))
		for i, c := range row {
			blocks[i] = strings.Join(c, "\n")
			if i < len(row)-1 {
				blocks[i] = lipgloss.NewStyle().PaddingRight(gap).Render(blocks[i])
			}
		}
		out = append(out, strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, blocks...), "\n")...)
		row, rowW = nil, 0
	}
	for _, c := range columns {
		w := 0
		for _, l := range c {
			w = max(w, lipgloss.Width(l))
		}
		if len(row) > 0 && rowW+gap+w > width {
			flush()
		}
		if len(row) > 0 {
			rowW += gap
		}
		row = append(row, c)
		rowW += w
	}
	flush()
	return out
}

// helpView is the full help in h lines.
func (a App) helpView(h int) string {
	s := a.ctx.Styles
	p := a.panes[a.active]
	groups := append(p.FullHelp(), a.globalHelp())
	lines := helpLines(groups, max(a.width, 10), s.Label, lipgloss.NewStyle())
	title := s.Title.Render("Keys for " + p.Title())
	body := max(h-1, 1)
	top := max(min(a.helpTop, len(lines)-body), 0)
	end := min(top+body, len(lines))
	more := ""
	if len(lines) > body {
		more = s.Muted.Render(fmt.Sprintf("  (lines %d–%d of %d · j/k scroll)", top+1, end, len(lines)))
	}
	return common.FitHeight(common.Truncate(title+more, a.width)+"\n"+strings.Join(lines[top:end], "\n"), h)
}

// helpKey handles a key while the full help is open.
func (a App) helpKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := a.helpKeysMap
	page := max(a.height-a.chromeHeight()-1, 1)
	switch {
	case key.Matches(msg, k.Close):
		a.showHelp, a.helpTop = false, 0
	case key.Matches(msg, k.Up):
		a.helpTop = max(a.helpTop-1, 0)
	case key.Matches(msg, k.Down):
		a.helpTop++
	case key.Matches(msg, k.PageUp):
		a.helpTop = max(a.helpTop-page, 0)
	case key.Matches(msg, k.PageDown):
		a.helpTop += page
	case key.Matches(msg, a.keys.Quit):
		return a.quit()
	}
	a.clampHelp()
	return a, nil
}

// clampHelp keeps the help's scroll inside its lines.
func (a *App) clampHelp() {
	s := a.ctx.Styles
	p := a.panes[a.active]
	lines := helpLines(append(p.FullHelp(), a.globalHelp()), max(a.width, 10), s.Label, lipgloss.NewStyle())
	body := max(a.height-a.chromeHeight()-1, 1)
	a.helpTop = max(min(a.helpTop, len(lines)-body), 0)
}

// digitKeeper is a pane that takes digits as its own while it shows
// something an officer reads or types in (the account view): they never
// switch panes there.
type digitKeeper interface{ KeepsDigits() bool }

func (a App) keepsDigits() bool {
	d, ok := a.panes[a.active].(digitKeeper)
	return ok && d.KeepsDigits()
}
