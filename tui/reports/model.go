// Package reports is the Reports pane: the figures managers ask for, for
// one officer's patch, a team or the whole borough, for a week, a month or
// a year — each figure with the formula that made it, the last 52 weeks as
// charts with the change in words, and a drill-down from a figure to the
// accounts behind it and on to the account itself in the caseload pane.
// Reports are computed in the background; the pane says "loading" while
// they are and never waits in Update.
package reports

import (
	"context"
	"slices"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/tui/chart"
	"caseload/tui/common"
)

// figure is one row of the report as the pane shows it.
type figure struct {
	section string
	name    string
	value   string
	formula string
	// refs are the accounts behind the figure; events, for a count of
	// enforcement events, the event types whose accounts are behind it
	// (neither: it has none to list, like a rate or money received).
	refs   []string
	events []domain.EventType
}

// drillable reports whether there are accounts behind the figure to list.
func (f figure) drillable() bool { return len(f.refs) > 0 || len(f.events) > 0 }

// account is one row of a drill-down: an account behind a figure.
type account struct {
	ref, name, officer, amount, detail string
}

// drill is the open list of the accounts behind a figure.
type drill struct {
	fig      figure
	loading  bool
	err      error
	accounts []account
	cursor   int
	offset   int
}

// Model is the Reports pane.
type Model struct {
	ctx    *common.Context
	keys   KeyMap
	width  int
	height int

	// choice is the scope and period asked for; shown is the one the
	// figures on screen are for (they differ while a report loads).
	choice choice
	shown  choice

	loadSeq int
	// cancel stops the load in flight when another choice replaces it.
	cancel  context.CancelFunc
	loading bool
	// stale: a write came while a load was in flight; load again when
	// it has come.
	stale   bool
	loaded  bool
	loadErr error
	figures []figure
	// notes say how the figures were read: the ledger's cut-off, the
	// snapshot they are compared with, postings that arrived later.
	notes []string
	// bands are the accounts in arrears by weeks owed, drawn as bars
	// above the trends.
	bands  []chart.Bar
	trends []trend
	// trendsLoading: the weekly trends for the choice are still coming
	// (they arrive on their own, after or before the figures).
	trendsLoading bool
	trendsErr     error

	cursor int
	// offset is the first line of the figures shown.
	offset int
	// showTrends: the charts are on screen in place of the figures (on
	// a screen too narrow for both side by side, or to scroll them).
	showTrends bool
	trendsVP   viewport.Model

	drillSeq int
	drill    *drill
	// picker is open while choosing the patch's officer or the team's.
	picker *picker
}

// New builds the pane: the officer's own patch, this week.
func New(ctx *common.Context) Model {
	vp := viewport.New(0, 0)
	vp.KeyMap = viewport.KeyMap{} // the pane maps keys itself
	return Model{ctx: ctx, keys: DefaultKeyMap(), choice: firstChoice(ctx), trendsVP: vp, loading: true, trendsLoading: true}
}

// Title is the pane's tab title.
func (m Model) Title() string { return "Reports" }

// Init computes the first report (the officer's patch, this week) as
// load number 0.
func (m Model) Init() tea.Cmd {
	return tea.Batch(loadReport(m.ctx, m.ctx.Ctx, m.loadSeq, m.choice), loadTrends(m.ctx, m.ctx.Ctx, m.loadSeq, m.choice))
}

// Capturing is always false: the pane has no text fields.
func (m Model) Capturing() bool { return false }

// Dirty is always false: the pane writes nothing.
func (m Model) Dirty() bool { return false }

// SetSize fits the pane to w×h cells.
func (m Model) SetSize(w, h int) Model {
	m.width, m.height = w, h
	m.fitTrends()
	m.clamp()
	return m
}

// Update handles messages.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case reportMsg:
		if msg.seq != m.loadSeq {
			return m, nil // an answer to a choice since changed
		}
		m.loading = false
		if msg.err != nil {
			m.loadErr = msg.err
			return m, tea.Batch(func() tea.Msg { return common.ErrMsg{Err: msg.err} }, m.reloadIfStale())
		}
		m.loaded, m.loadErr = true, nil
		m.shown, m.figures, m.notes, m.bands = msg.choice, msg.figures, msg.notes, msg.bands
		m.fitTrends()
		m.clamp()
		return m, m.reloadIfStale()
	case trendMsg:
		if msg.seq != m.loadSeq {
			return m, nil
		}
		m.trendsLoading, m.trendsErr = false, msg.err
		if msg.err != nil {
			return m, tea.Batch(func() tea.Msg { return common.ErrMsg{Err: msg.err} }, m.reloadIfStale())
		}
		m.trends = msg.trends
		m.fitTrends()
		return m, m.reloadIfStale()
	case officersMsg:
		if m.picker == nil {
			return m, nil
		}
		p := *m.picker
		p.loading, p.officers = false, msg.officers
		if msg.err != nil {
			m.picker = nil
			return m, func() tea.Msg { return common.ErrMsg{Err: msg.err} }
		}
		// Start on the officer the report is for now.
		if i := slices.Index(p.officers, m.choice.officer); i >= 0 && !p.forTeam {
			p.cursor = i
		}
		p.cursor, p.offset = common.Scroll(p.cursor, 0, len(p.officers), m.pickerRows())
		m.picker = &p
		return m, nil
	case drillMsg:
		if m.drill == nil || msg.seq != m.drillSeq {
			return m, nil
		}
		d := *m.drill // never change what an earlier copy of the model points at
		d.loading, d.err, d.accounts = false, msg.err, msg.accounts
		m.drill = &d
		if msg.err != nil {
			return m, func() tea.Msg { return common.ErrMsg{Err: msg.err} }
		}
		return m, nil
	case common.ChangedMsg:
		// A write anywhere may move a figure: the report is worked out
		// again — once the one being worked out has come, so a burst of
		// writes (an import) never piles up borough reports.
		if m.loading || m.trendsLoading {
			m.stale = true
			return m, nil
		}
		return m, m.load()
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

// load starts computing the report for the current choice; an answer to
// an earlier choice is dropped when it arrives.
func (m *Model) load() tea.Cmd {
	m.loadSeq++
	m.loading, m.trendsLoading, m.stale = true, true, false
	// A report no longer asked for stops being worked out.
	if m.cancel != nil {
		m.cancel()
	}
	cx, cancel := context.WithCancel(m.ctx.Ctx)
	m.cancel = cancel
	m.fitTrends()
	return tea.Batch(loadReport(m.ctx, cx, m.loadSeq, m.choice), loadTrends(m.ctx, cx, m.loadSeq, m.choice))
}

// reloadIfStale starts the load a write asked for while another was
// being worked out, once both halves of that one have come.
func (m *Model) reloadIfStale() tea.Cmd {
	if m.stale && !m.loading && !m.trendsLoading {
		return m.load()
	}
	return nil
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	if m.picker != nil {
		return m.pickerKey(msg)
	}
	if m.drill != nil {
		return m.drillKey(msg)
	}
	switch {
	case key.Matches(msg, k.Scope):
		m.choice = m.choice.nextScope()
		return m, m.load()
	case key.Matches(msg, k.Officers):
		return m.openPicker()
	case key.Matches(msg, k.Period):
		m.choice = m.choice.nextKind()
		return m, m.load()
	case key.Matches(msg, k.Prev):
		m.choice = m.choice.step(-1)
		return m, m.load()
	case key.Matches(msg, k.Next):
		next, ok := m.choice.step(1), m.choice.canStep(1, m.ctx.Today)
		if !ok {
			return m, common.Status("That is the period with today in it: there is no later one yet.")
		}
		m.choice = next
		return m, m.load()
	case key.Matches(msg, k.Now):
		m.choice = m.choice.current(m.ctx.Today)
		return m, m.load()
	case key.Matches(msg, k.Refresh):
		return m, m.load()
	case key.Matches(msg, k.Charts):
		m.showTrends = !m.showTrends
		m.fitTrends()
		m.clamp()
		return m, nil
	}
	if m.showTrends {
		return m.trendsKey(msg)
	}
	if row, ok := k.Move(msg, m.cursor, len(m.figures), m.pageFigures()); ok {
		m.cursor = row
		m.clamp()
		return m, nil
	}
	if key.Matches(msg, k.Open) {
		return m.openDrill()
	}
	return m, nil
}

// trendsKey scrolls the charts.
func (m Model) trendsKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		m.showTrends = false
		m.fitTrends()
		m.clamp()
	default:
		k.Scroll(&m.trendsVP, msg)
	}
	return m, nil
}

// openDrill lists the accounts behind the highlighted figure.
func (m Model) openDrill() (Model, tea.Cmd) {
	if m.cursor < 0 || m.cursor >= len(m.figures) {
		return m, nil
	}
	f := m.figures[m.cursor]
	if !f.drillable() {
		return m, common.Status("No accounts to list behind “" + f.name + "” (only figures marked ▸ have them).")
	}
	m.drillSeq++
	m.drill = &drill{fig: f, loading: true}
	return m, loadDrill(m.ctx, m.drillSeq, m.shown, f)
}

// drillKey moves in the accounts behind a figure, opens one in the
// caseload pane, or goes back to the figures.
func (m Model) drillKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	d := *m.drill
	switch {
	case key.Matches(msg, k.Back):
		m.drill = nil
		return m, nil
	case key.Matches(msg, k.Open):
		if d.cursor >= 0 && d.cursor < len(d.accounts) {
			return m, common.OpenAccount(d.accounts[d.cursor].ref)
		}
		return m, nil
	}
	if row, ok := k.Move(msg, d.cursor, len(d.accounts), m.drillRows()); ok {
		d.cursor, d.offset = common.Scroll(row, d.offset, len(d.accounts), m.drillRows())
	}
	m.drill = &d
	return m, nil
}
