package tui

import (
	"caseload/domain/letters"
	"context"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/arrange"
	"caseload/tui/caseload"
	"caseload/tui/common"
	enfpane "caseload/tui/enforcement"
	"caseload/tui/ledger"
	reportspane "caseload/tui/reports"
	rtbpane "caseload/tui/rtb"
	syncpane "caseload/tui/sync"
	"caseload/tui/theme"
)

// Options are what the TUI needs from its caller.
type Options struct {
	// Context bounds the whole session: the TUI derives the context every
	// store call takes from it and cancels that when the officer quits.
	Context context.Context
	Store   *store.Store
	Today   domain.Date
	Officer string
	Policy  worklist.Policy
	// Watch is how often the TUI asks whether another process wrote to
	// the database (Run: every half second; zero: never, for tests that
	// drive the model by hand).
	Watch time.Duration
	// Templates are the document templates in force (nil: the shipped ones).
	Templates *letters.Set
}

// New builds the root model with every pane, as main runs it and as the
// tests drive it.
func New(o Options) App {
	session, cancel := context.WithCancel(o.Context)
	ctx := &common.Context{Ctx: session, Store: o.Store, Today: o.Today, Officer: o.Officer, Styles: theme.Default(),
		Holidays: o.Store.Holidays(), Policy: o.Policy, Templates: o.Templates}
	a := newApp(ctx, []pane{
		adapt(common.PaneCaseload, caseload.New(ctx)),
		adapt(common.PaneLedger, ledger.New(ctx)),
		adapt(common.PaneArrange, arrange.New(ctx)),
		adapt(common.PaneRTB, rtbpane.New(ctx)),
		adapt(common.PaneSync, syncpane.New(ctx)),
		adapt(common.PaneEnforcement, enfpane.New(ctx)),
		adapt(common.PaneReports, reportspane.New(ctx)),
	})
	a.cancel = cancel
	a.watch.every = o.Watch
	if o.Watch > 0 {
		// The first reading is taken before the panes load, so a write
		// made while they load is noticed too.
		if v, err := o.Store.DataVersion(session); err == nil {
			a.watch.saw(dataVersionMsg{version: v})
		}
	}
	return a
}

// Run opens the TUI full-screen until the officer quits.
func Run(o Options) error {
	if o.Watch == 0 {
		o.Watch = 500 * time.Millisecond
	}
	p := tea.NewProgram(New(o), tea.WithAltScreen())
	// A write that has to wait for another's (an import in another
	// window) says so in the status line instead of freezing silently.
	o.Store.SetWaitNotice(func(msg string) { p.Send(common.StatusMsg{Text: msg}) })
	_, err := p.Run()
	return err
}

// model is what every pane package's Model offers: a concrete Update and
// SetSize returning its own type, and the rest of pane as is.
type model[M any] interface {
	Title() string
	Init() tea.Cmd
	Update(tea.Msg) (M, tea.Cmd)
	View() string
	SetSize(w, h int) M
	Capturing() bool
	Dirty() bool
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
}

// adapter fits any pane's concrete Update and SetSize to pane, and names
// the pane for SwitchPaneMsg.
type adapter[M model[M]] struct {
	id common.PaneID
	m  M
}

func adapt[M model[M]](id common.PaneID, m M) pane { return adapter[M]{id: id, m: m} }

func (p adapter[M]) ID() common.PaneID         { return p.id }
func (p adapter[M]) Title() string             { return p.m.Title() }
func (p adapter[M]) Init() tea.Cmd             { return p.m.Init() }
func (p adapter[M]) View() string              { return p.m.View() }
func (p adapter[M]) Capturing() bool           { return p.m.Capturing() }
func (p adapter[M]) Dirty() bool               { return p.m.Dirty() }
func (p adapter[M]) ShortHelp() []key.Binding  { return p.m.ShortHelp() }
func (p adapter[M]) FullHelp() [][]key.Binding { return p.m.FullHelp() }

// KeepsDigits passes on a pane's digitKeeper answer (false for a pane
// without one).
func (p adapter[M]) KeepsDigits() bool {
	d, ok := any(p.m).(digitKeeper)
	return ok && d.KeepsDigits()
}
func (p adapter[M]) SetSize(w, h int) pane { p.m = p.m.SetSize(w, h); return p }
func (p adapter[M]) Update(msg tea.Msg) (pane, tea.Cmd) {
	m, cmd := p.m.Update(msg)
	p.m = m
	return p, cmd
}
