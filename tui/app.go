// Package tui is what an officer sees: the root model owns the layout, the
// pane switcher, the shared context, the header and the status bar; each
// pane is its own package (caseload, ledger, arrangement, rtb, sync).
package tui

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"caseload/store"
	"caseload/tui/common"
)

// pane is what the root needs of a pane. Panes are concrete types with
// value receivers; one generic adapter (panes.go) fits each one.
type pane interface {
	ID() common.PaneID
	Title() string
	Init() tea.Cmd
	Update(tea.Msg) (pane, tea.Cmd)
	View() string
	SetSize(w, h int) pane
	// Capturing: a field or filter has the keyboard, so the root's single
	// letter keys (q, digits, ?) must go to the pane as text.
	Capturing() bool
	// Dirty: a form holds unsaved input (quitting asks first).
	Dirty() bool
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
}

// KeyMap is the root's global keys.
type KeyMap struct {
	Quit, ForceQuit, Help, NextPane, PrevPane, Pane key.Binding
	// QuitAnyway answers "Quit anyway?" when a form holds unsaved input.
	QuitAnyway key.Binding
}

// DefaultKeyMap is the global key bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Quit:       key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit:  key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit now")),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		NextPane:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		PrevPane:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
		Pane:       key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-5", "go to pane")),
		QuitAnyway: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "quit anyway")),
	}
}

// App is the root model.
type App struct {
	ctx    *common.Context
	panes  []pane
	active int
	// started: the pane's first load is under way or done. A pane loads
	// when it is first shown, so the first screen waits for nobody else's
	// reads (issue 14).
	started  []bool
	keys     KeyMap
	help     help.Model
	showHelp bool
	// helpTop is the first line of the full help shown (help.go).
	helpTop     int
	helpKeysMap helpKeys
	width       int
	height      int
	status      string
	isErr       bool
	selected    string
	// moves is the latest highlight announcement seen from each pane: an
	// older one arriving late is dropped (common.AccountSelectedMsg).
	moves map[string]int
	sync  store.SyncStatus
	// watch notices other processes' writes (watch.go).
	watch watch
	// quitting asks for confirmation when a form holds unsaved input.
	quitting bool
	// cancel ends ctx.Ctx when the officer quits.
	cancel context.CancelFunc
}

// newApp builds the root over the given panes.
func newApp(ctx *common.Context, panes []pane) App {
	h := help.New()
	h.Styles.ShortKey = ctx.Styles.Help
	h.Styles.ShortDesc = ctx.Styles.Help
	h.Styles.FullKey = ctx.Styles.Help
	h.Styles.FullDesc = ctx.Styles.Help
	keys := DefaultKeyMap()
	keys.Pane.SetHelp(fmt.Sprintf("1-%d", len(panes)), "go to pane")
	started := make([]bool, len(panes))
	started[0] = true // on screen first: Init loads it
	return App{ctx: ctx, panes: panes, started: started, keys: keys, help: h, helpKeysMap: defaultHelpKeys(),
		sync: store.SyncStatus{Replica: ctx.Store.Self()}, moves: map[string]int{},
		status: "Welcome. ? shows every key."}
}

// Init starts the first load of the pane on screen; the others load when
// they are first shown (show).
func (a App) Init() tea.Cmd {
	return tea.Batch(a.loadSync(), a.watch.next(a.ctx), a.panes[a.active].Init())
}

// show puts pane i on screen, starting its first load if it has not had
// one.
func (a App) show(i int) (tea.Model, tea.Cmd) {
	a.active = i
	if a.started[i] {
		return a, nil
	}
	a.started[i] = true
	return a, a.panes[i].Init()
}

// syncMsg carries the header's replica name and unsynced count.
type syncMsg struct {
	status store.SyncStatus
	err    error
}

func (a App) loadSync() tea.Cmd {
	st, cx := a.ctx.Store, a.ctx.Ctx
	return func() tea.Msg {
		s, err := st.SyncStatus(cx)
		return syncMsg{status: s, err: err}
	}
}

// Update routes messages: keys to the focused pane (after the global keys,
// unless the pane is capturing text), everything else to every pane.
func (a App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.help.Width = msg.Width
		a.resize()
		return a, nil
	case tea.KeyMsg:
		return a.key(msg)
	case syncMsg:
		if msg.err == nil {
			a.sync = msg.status
		}
		return a, nil
	case dataVersionMsg:
		changed := a.watch.saw(msg)
		next := a.watch.next(a.ctx)
		if msg.holidays != nil {
			// The context is shared by every pane: the reload below
			// counts working days with the new calendar.
			a.ctx.Holidays = *msg.holidays
		}
		if changed {
			// Another process wrote: every pane reloads what it shows.
			return a.broadcast(common.ChangedMsg{}, next, a.loadSync())
		}
		return a, next
	case common.StatusMsg:
		a.status, a.isErr = msg.Text, false
		return a, nil
	case common.ErrMsg:
		a.status, a.isErr = msg.Err.Error(), true
		return a, nil
	case common.SwitchPaneMsg:
		for i, p := range a.panes {
			if p.ID() == msg.Pane {
				return a.show(i)
			}
		}
		return a, nil
	case common.AccountSelectedMsg:
		if msg.From != "" {
			if msg.Seq <= a.moves[msg.From] {
				return a, nil
			}
			a.moves[msg.From] = msg.Seq
		}
		a.selected = msg.Ref
	case common.ChangedMsg:
		return a.broadcast(msg, a.loadSync())
	}
	return a.broadcast(msg)
}

func (a App) broadcast(msg tea.Msg, extra ...tea.Cmd) (tea.Model, tea.Cmd) {
	cmds := extra
	for i, p := range a.panes {
		var cmd tea.Cmd
		a.panes[i], cmd = p.Update(msg)
		cmds = append(cmds, cmd)
	}
	return a, tea.Batch(cmds...)
}

func (a App) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	// Keys typed faster than the terminal is read (a held-down j, keys
	// sent in one burst) arrive as one message of several runes; each is
	// its own key press, or "jjj" would match no binding at all.
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
		var cmds []tea.Cmd
		var m tea.Model = a
		for _, r := range msg.Runes {
			var cmd tea.Cmd
			m, cmd = m.(App).key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
			cmds = append(cmds, cmd)
		}
		return m, tea.Batch(cmds...)
	}
	if key.Matches(msg, a.keys.ForceQuit) {
		return a.stop()
	}
	if a.quitting {
		a.quitting = false
		if key.Matches(msg, a.keys.QuitAnyway) {
			return a.stop()
		}
		a.status = "Carry on: nothing was lost."
		return a, nil
	}
	if a.showHelp {
		return a.helpKey(msg)
	}
	p := a.panes[a.active]
	if !p.Capturing() {
		switch {
		case key.Matches(msg, a.keys.Quit):
			return a.quit()
		case key.Matches(msg, a.keys.Help):
			a.showHelp, a.helpTop = true, 0
			return a, nil
		case key.Matches(msg, a.keys.NextPane):
			return a.show((a.active + 1) % len(a.panes))
		case key.Matches(msg, a.keys.PrevPane):
			return a.show((a.active + len(a.panes) - 1) % len(a.panes))
		case key.Matches(msg, a.keys.Pane) && !a.keepsDigits():
			// Only the panes there are: a digit past them is left to the
			// pane, as the help lists 1 to the last pane only.
			if n := int(msg.Runes[0] - '1'); n < len(a.panes) {
				return a.show(n)
			}
		}
	}
	var cmd tea.Cmd
	a.panes[a.active], cmd = p.Update(msg)
	return a, cmd
}

// stop cancels every store call still running and ends the program.
func (a App) stop() (tea.Model, tea.Cmd) {
	if a.cancel != nil {
		a.cancel()
	}
	return a, tea.Quit
}

// quit leaves, asking first when a form holds unsaved input.
func (a App) quit() (tea.Model, tea.Cmd) {
	for _, q := range a.panes {
		if q.Dirty() {
			a.quitting = true
			a.status = "A form has unsaved input. Quit anyway? y to quit, any other key to stay."
			return a, nil
		}
	}
	return a.stop()
}

// chromeHeight is the height of the header, tabs, help and status lines.
func (a App) chromeHeight() int {
	return lipgloss.Height(a.header()) + lipgloss.Height(a.footer())
}

func (a *App) resize() {
	h := max(a.height-a.chromeHeight(), 1)
	for i, p := range a.panes {
		a.panes[i] = p.SetSize(a.width, h)
	}
}

func (a App) header() string {
	s := a.ctx.Styles
	left := fmt.Sprintf(" caseload · %s · %s · %s", a.ctx.Today.Human(), a.ctx.Officer, a.sync.Replica.Name)
	right := "never synced "
	if a.sync.Synced {
		right = common.Count(a.sync.Unsynced) + " unsynced "
	}
	if a.selected != "" {
		right = "account " + a.selected + " · " + right
	}
	// The account is what every key acts on: it keeps its place, and the
	// left side gives way on a narrow screen.
	left = common.Truncate(left, max(a.width-lipgloss.Width(right)-1, 0))
	gap := max(a.width-lipgloss.Width(left)-lipgloss.Width(right), 1)
	bar := s.Header.Render(common.Truncate(left+strings.Repeat(" ", gap)+right, max(a.width, 1)))
	labels := make([]string, len(a.panes))
	for i, p := range a.panes {
		labels[i] = fmt.Sprintf("%d %s", i+1, p.Title())
	}
	var tabs []string
	for i, label := range fitTabs(labels, a.active, a.width) {
		if i == a.active {
			tabs = append(tabs, s.TabActive.Render("["+label+"]"))
		} else {
			tabs = append(tabs, s.TabInactive.Render(" "+label+" "))
		}
	}
	row := strings.Join(tabs, " ")
	if lipgloss.Width(row) > a.width {
		row = strings.Join(tabs, "") // every title whole before any is cut
	}
	return bar + "\n" + common.Truncate(row, max(a.width, 1))
}

func (a App) footer() string {
	s := a.ctx.Styles
	p := a.panes[a.active]
	var helpView string
	if a.showHelp {
		k := a.helpKeysMap
		helpView = a.help.ShortHelpView([]key.Binding{k.Close, k.Down, k.Up, k.PageDown, a.keys.Quit})
	} else {
		globals := []key.Binding{a.keys.Help, a.keys.Quit}
		if p.Capturing() {
			// While a field has the keyboard, ? and q are typed, not obeyed.
			globals = []key.Binding{a.keys.ForceQuit}
		}
		// The pane's keys are cut to make room; how to get help and how
		// to leave always show.
		g := a.help.ShortHelpView(globals)
		sep := a.help.Styles.ShortSeparator.Render(" • ")
		paneHelp := a.help
		paneHelp.Width = 0 // cut below, where styles are measured correctly
		avail := max(a.width-lipgloss.Width(g)-lipgloss.Width(sep), 10)
		helpView = ansi.Truncate(paneHelp.ShortHelpView(p.ShortHelp()), avail, "…") + sep + g
	}
	status := a.status
	style := s.StatusBar
	if a.isErr {
		status = "✗ " + status
		style = style.Inherit(s.Error)
	}
	// The help line must never wrap: a wrapped line pushes the header off
	// the top of the screen. MaxWidth cuts it without breaking its styles.
	helpView = lipgloss.NewStyle().MaxWidth(max(a.width, 1)).Render(helpView)
	return helpView + "\n" + style.Render(common.PadRight(" "+status, max(a.width, 1)))
}

// View draws the screen: header, tabs, the active pane, help and status.
func (a App) View() string {
	if a.width == 0 || a.height == 0 {
		return "caseload: starting…"
	}
	h := max(a.height-a.chromeHeight(), 1)
	var body string
	if a.showHelp {
		body = a.helpView(h)
	} else {
		body = common.FitHeight(a.panes[a.active].View(), h)
	}
	return a.header() + "\n" + body + "\n" + a.footer()
}
