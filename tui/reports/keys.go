package reports

import (
	"github.com/charmbracelet/bubbles/key"

	"caseload/tui/common"
)

// KeyMap is the Reports pane's keys. None of them is a digit, q, ? or
// tab: those are the root's.
type KeyMap struct {
	common.ListKeys
	Scope, Officers, Period, Prev, Next, Now key.Binding
	Charts, Open, Back, Refresh, Mark        key.Binding
	// Step is Prev and Next in one for the short help line, which has
	// room for one entry, not two.
	Step key.Binding
}

// DefaultKeyMap is the pane's key bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		ListKeys: common.DefaultListKeys(),
		Scope:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "scope")),
		Officers: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "whose patch or team")),
		Period:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "week/month/year")),
		Prev:     key.NewBinding(key.WithKeys("left", "h", "["), key.WithHelp("←/h", "earlier")),
		Next:     key.NewBinding(key.WithKeys("right", "l", "]"), key.WithHelp("→/l", "later")),
		Now:      key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "this period")),
		Charts:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "trends")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "accounts")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Refresh:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "reload")),
		Mark:     key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "mark")),
		Step:     key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "earlier/later")),
	}
}

// ShortHelp is the one-line help for what is on screen, short enough that
// the root's own keys still fit at 80 columns.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.picker != nil:
		choose := k.Open
		choose.SetHelp("enter", "choose")
		if m.picker.forTeam {
			return []key.Binding{k.Mark, choose, k.Back}
		}
		return []key.Binding{choose, k.Back}
	case m.drill != nil:
		return []key.Binding{k.Open, k.Back, k.Up, k.Down}
	}
	period := k.Period
	period.SetHelp("p", "period")
	if m.showTrends {
		return []key.Binding{k.Charts, k.Scope, period, k.Step}
	}
	return []key.Binding{k.Open, k.Scope, period, k.Step, k.Charts}
}

// FullHelp is every key that works on what is shown, grouped.
func (m Model) FullHelp() [][]key.Binding {
	k := m.keys
	switch {
	case m.picker != nil:
		open, back := k.Open, k.Back
		open.SetHelp("enter", "report on the highlighted officer's patch")
		back.SetHelp("esc", "keep the report as it is")
		keys := []key.Binding{open, back}
		if m.picker.forTeam {
			mark := k.Mark
			mark.SetHelp("space", "mark or unmark an officer of the team")
			open.SetHelp("enter", "report on the marked officers")
			keys = []key.Binding{mark, open, back}
		}
		return [][]key.Binding{keys, {k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown}}
	case m.drill != nil:
		open := k.Open
		open.SetHelp("enter", "open the account in the caseload")
		back := k.Back
		back.SetHelp("esc", "back to the figures")
		return [][]key.Binding{{open, back}, {k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown}}
	case m.showTrends:
		charts, back := k.Charts, k.Back
		charts.SetHelp("c", "back to the figures")
		back.SetHelp("esc", "back to the figures")
		return [][]key.Binding{
			{charts, back, k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
			{k.Scope, k.Officers, k.Period, k.Prev, k.Next, k.Now, k.Refresh},
		}
	}
	open := k.Open
	open.SetHelp("enter", "the accounts behind a figure (▸)")
	groups := [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown, open},
		{k.Scope, k.Officers, k.Period, k.Prev, k.Next, k.Now, k.Refresh},
	}
	charts := k.Charts
	charts.SetHelp("c", "the 52-week trends as charts, on their own")
	groups[1] = append(groups[1], charts)
	return groups
}
