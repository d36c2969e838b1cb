package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/tui/common"
)

// watch notices writes by other processes (a CLI batch job, an import in
// another window): every interval it asks SQLite's data_version on the
// store's watching connection, and a new number means someone committed.
// A zero interval watches nothing (the unit tests drive the model by hand).
type watch struct {
	every   time.Duration
	version int64
	known   bool
}

// dataVersionMsg is one reading of the database's data version.
type dataVersionMsg struct {
	version int64
	err     error
	// holidays, when set, are the bank holidays in force after another
	// process loaded a new calendar: every pane's clocks count with them.
	holidays *domain.Holidays
}

// next reads the data version after the interval. When it has moved, the
// reading also re-reads the reference tables if someone loaded one (a
// `caseload holidays load`, an imported pack), so the panes reload with
// the calendar in force rather than the one the TUI started with.
func (w watch) next(ctx *common.Context) tea.Cmd {
	st := ctx.Store
	if w.every <= 0 {
		return nil
	}
	last, known := w.version, w.known
	return tea.Tick(w.every, func(time.Time) tea.Msg {
		v, err := st.DataVersion(ctx.Ctx)
		msg := dataVersionMsg{version: v, err: err}
		if err == nil && known && v != last {
			// A failed re-read keeps the calendar the panes have: the
			// next change tries again.
			if changed, err := st.RefreshReference(ctx.Ctx); err == nil && changed {
				h := st.Holidays()
				msg.holidays = &h
			}
		}
		return msg
	})
}

// saw takes a reading and reports whether the database changed since the
// last one. A failed reading changes nothing: the next one will tell.
func (w *watch) saw(msg dataVersionMsg) bool {
	if msg.err != nil {
		return false
	}
	changed := w.known && msg.version != w.version
	w.version, w.known = msg.version, true
	return changed
}
