package tui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/arrange"
	"caseload/tui/caseload"
	"caseload/tui/common"
	"caseload/tui/ledger"
	rtbpane "caseload/tui/rtb"
	syncpane "caseload/tui/sync"
	"caseload/tui/theme"
)

// Options are what the TUI needs from its caller.
type Options struct {
	Store   *store.Store
	Today   domain.Date
	Officer string
	Policy  worklist.Policy
	// Watch is how often the TUI asks whether another process wrote to
	// the database (Run: every half second; zero: never, for tests that
	// drive the model by hand).
	Watch time.Duration
}

// New builds the root model with every pane, as main runs it and as the
// tests drive it.
func New(o Options) App {
	ctx := &common.Context{Store: o.Store, Today: o.Today, Officer: o.Officer, Styles: theme.Default(), Holidays: o.Store.Holidays()}
	a := newApp(ctx, []pane{
		caseloadPane{caseload.New(ctx, o.Policy)},
		ledgerPane{ledger.New(ctx)},
		arrangePane{arrange.New(ctx, o.Policy)},
		rtbPane{rtbpane.New(ctx, o.Policy)},
		syncPane{syncpane.New(ctx)},
	})
	a.watch.every = o.Watch
	if o.Watch > 0 {
		// The first reading is taken before the panes load, so a write
		// made while they load is noticed too.
		if v, err := o.Store.DataVersion(context.Background()); err == nil {
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

// The adapters fit each pane's concrete Update and SetSize to pane.

type caseloadPane struct{ caseload.Model }

func (p caseloadPane) Update(msg tea.Msg) (pane, tea.Cmd) {
	m, cmd := p.Model.Update(msg)
	return caseloadPane{m}, cmd
}
func (p caseloadPane) SetSize(w, h int) pane { return caseloadPane{p.Model.SetSize(w, h)} }

type arrangePane struct{ arrange.Model }

func (p arrangePane) Update(msg tea.Msg) (pane, tea.Cmd) {
	m, cmd := p.Model.Update(msg)
	return arrangePane{m}, cmd
}
func (p arrangePane) SetSize(w, h int) pane { return arrangePane{p.Model.SetSize(w, h)} }

type rtbPane struct{ rtbpane.Model }

func (p rtbPane) Update(msg tea.Msg) (pane, tea.Cmd) {
	m, cmd := p.Model.Update(msg)
	return rtbPane{m}, cmd
}
func (p rtbPane) SetSize(w, h int) pane { return rtbPane{p.Model.SetSize(w, h)} }

type ledgerPane struct{ ledger.Model }

func (p ledgerPane) Update(msg tea.Msg) (pane, tea.Cmd) {
	m, cmd := p.Model.Update(msg)
	return ledgerPane{m}, cmd
}
func (p ledgerPane) SetSize(w, h int) pane { return ledgerPane{p.Model.SetSize(w, h)} }

type syncPane struct{ syncpane.Model }

func (p syncPane) Update(msg tea.Msg) (pane, tea.Cmd) {
	m, cmd := p.Model.Update(msg)
	return syncPane{m}, cmd
}
func (p syncPane) SetSize(w, h int) pane { return syncPane{p.Model.SetSize(w, h)} }
