package reports

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"caseload/tui/common"
)

// picker chooses whose accounts the report covers: one officer's patch,
// or the officers of a team (the data has no team record).
type picker struct {
	forTeam  bool
	loading  bool
	officers []string
	// marked are the team's officers while choosing them.
	marked []string
	cursor int
	offset int
}

// officersMsg is the officers with accounts.
type officersMsg struct {
	officers []string
	err      error
}

func loadOfficers(ctx *common.Context) tea.Cmd {
	st := ctx.Store
	return func() tea.Msg {
		o, err := st.ReportOfficers(ctx.Ctx)
		return officersMsg{officers: o, err: err}
	}
}

// openPicker starts choosing the patch's officer or the team's officers.
func (m Model) openPicker() (Model, tea.Cmd) {
	switch m.choice.scope {
	case scopeBorough:
		return m, common.Status("The whole borough is every officer's accounts: s chooses a patch or a team.")
	case scopeTeam:
		m.picker = &picker{forTeam: true, loading: true, marked: strings.Split(m.choice.team, ",")}
	default:
		m.picker = &picker{loading: true}
	}
	return m, loadOfficers(m.ctx)
}

// pickerRows is the officers shown at once.
func (m Model) pickerRows() int { return max(m.bodyHeight()-2, 1) }

// pickerKey moves in the officers, marks a team's, and applies or cancels.
func (m Model) pickerKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	p := *m.picker
	p.marked = slices.Clone(p.marked)
	switch {
	case key.Matches(msg, k.Back):
		m.picker = nil
		return m, nil
	case key.Matches(msg, k.Mark) && p.forTeam && p.cursor < len(p.officers):
		o := p.officers[p.cursor]
		if i := slices.Index(p.marked, o); i >= 0 {
			p.marked = slices.Delete(p.marked, i, i+1)
		} else {
			p.marked = append(p.marked, o)
		}
	case key.Matches(msg, k.Open) && p.cursor < len(p.officers):
		if p.forTeam {
			if len(p.marked) == 0 {
				return m, common.Status("A team needs at least one officer: space marks one.")
			}
			slices.Sort(p.marked)
			m.choice.team = strings.Join(p.marked, ",")
		} else {
			m.choice.officer = p.officers[p.cursor]
		}
		m.picker = nil
		return m, m.load()
	default:
		if row, ok := k.Move(msg, p.cursor, len(p.officers), m.pickerRows()); ok {
			p.cursor, p.offset = common.Scroll(row, p.offset, len(p.officers), m.pickerRows())
		}
	}
	m.picker = &p
	return m, nil
}

// pickerView lists the officers: the highlighted one with the selection
// glyph, a team's marked ones with [x].
func (m Model) pickerView() string {
	s := m.ctx.Styles
	p := m.picker
	var b strings.Builder
	if p.forTeam {
		b.WriteString(s.Title.Render("The team's officers") + "\n")
		b.WriteString(s.Muted.Render(common.Truncate("space marks or unmarks · enter reports on the marked · esc keeps the team", m.width)) + "\n")
	} else {
		b.WriteString(s.Title.Render("Whose patch") + "\n")
		b.WriteString(s.Muted.Render(common.Truncate("enter reports on the highlighted officer's patch · esc keeps it", m.width)) + "\n")
	}
	if p.loading {
		return b.String() + s.Muted.Render("  Finding the officers (loading)…")
	}
	if len(p.officers) == 0 {
		return b.String() + s.Muted.Render("  No account has an officer yet.")
	}
	end := min(p.offset+m.pickerRows(), len(p.officers))
	for i := p.offset; i < end; i++ {
		o := p.officers[i]
		glyph := "  "
		if i == p.cursor {
			glyph = common.SelectGlyph + " "
		}
		box := ""
		if p.forTeam {
			box = "[ ] "
			if slices.Contains(p.marked, o) {
				box = "[x] "
			}
		}
		row := common.Truncate(glyph+box+o, m.width)
		if i == p.cursor {
			row = s.Selected.Render(row)
		}
		b.WriteString(row)
		if i < end-1 {
			b.WriteString("\n")
		}
	}
	return b.String()
}
