// Package enforcement is the enforcement pane: the selected account's
// case as the officer takes it to court and back — the stage on one line,
// the timeline of every enforcement step with who recorded it, the
// notices in force with their dates and how they were counted, the
// pre-action checklist, the court order and its terms, kept or breached,
// and the steps that may legally come next, with e to record one (the
// caseload's event form) and t for the checklist. It reads one
// domain/enforcement view through store.Enforcement, the same view
// `caseload enforcement` prints.
package enforcement

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain/enforcement"
	"caseload/store"
	"caseload/tui/caseload"
	"caseload/tui/common"
	"caseload/tui/form"
)

// Model is the enforcement pane.
type Model struct {
	ctx    *common.Context
	keys   KeyMap
	width  int
	height int
	vp     viewport.Model

	ref    string // the selected account ("" until one is chosen)
	seq    int    // the latest load; older answers are dropped
	loaded bool
	err    error
	view   enforcement.View

	form    *form.Model
	formRef string // the account the open form writes to
	// full: the timeline shows every step in full, wrapped, rather than
	// one line each.
	full bool
	// doc is a document or a print run being previewed (nil: the case).
	doc *doc
}

// New builds the pane; it shows nothing until an account is selected.
func New(ctx *common.Context) Model {
	vp := viewport.New(0, 0)
	vp.KeyMap = viewport.KeyMap{} // the pane maps keys itself
	return Model{ctx: ctx, keys: DefaultKeyMap(), vp: vp}
}

// Title is the pane's tab title.
func (m Model) Title() string { return "Enforcement" }

// Init has nothing to load: the pane waits for an account to be chosen.
func (m Model) Init() tea.Cmd { return nil }

// Capturing reports whether a form or a document preview has the
// keyboard (esc, not a pane key, leaves a preview).
func (m Model) Capturing() bool { return m.form != nil || m.doc != nil }

// Dirty reports whether a form holds unsaved input.
func (m Model) Dirty() bool { return m.form != nil && m.form.Dirty() }

// Ref is the account the pane shows ("" when none).
func (m Model) Ref() string { return m.ref }

// SetSize fits the pane to w×h cells.
func (m Model) SetSize(w, h int) Model {
	m.width, m.height = w, h
	m.form = form.Sized(m.form, w)
	m.layout()
	return m
}

// layout sizes the viewport under the title line (and above an open
// form) and fills it from the view read last.
func (m *Model) layout() {
	h := m.height - 1
	if m.form != nil {
		h -= len(splitLines(m.form.View(m.width)))
	}
	m.vp.Width, m.vp.Height = m.width, max(h, 1)
	if m.doc != nil {
		m.vp.SetContent(m.doc.lines(*m, m.width))
		return
	}
	m.vp.SetContent(m.render(m.width))
}

// loadedMsg is an account's enforcement view, read for load number seq.
type loadedMsg struct {
	seq  int
	ref  string
	view enforcement.View
	err  error
}

// preActionMsg carries the checklist for the form.
type preActionMsg struct {
	ref  string
	view store.PreActionView
	err  error
}

// load starts reading the selected account; a newer load makes an older
// answer stale.
func (m *Model) load() tea.Cmd {
	m.seq++
	seq, ref, st, today, p, cx := m.seq, m.ref, m.ctx.Store, m.ctx.Today, m.ctx.Policy, m.ctx.Ctx
	return func() tea.Msg {
		v, err := st.Enforcement(cx, ref, today, p)
		return loadedMsg{seq: seq, ref: ref, view: v, err: err}
	}
}

// Update handles messages.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.AccountSelectedMsg:
		if msg.Ref == m.ref && m.loaded {
			return m, nil
		}
		m.ref, m.loaded, m.err, m.view = msg.Ref, false, nil, enforcement.View{}
		if m.form != nil && !m.form.Dirty() {
			// An untouched form belonged to the account left behind.
			m.form = nil
		}
		if m.doc != nil && !m.doc.run && !m.doc.printing {
			m.doc = nil // the preview was the account left behind's
		}
		m.vp.GotoTop()
		m.layout()
		return m, m.load()
	case common.ChangedMsg:
		if m.ref != "" && msg.Touches(m.ref) {
			return m, m.load()
		}
		return m, nil
	case loadedMsg:
		if msg.seq != m.seq || msg.ref != m.ref {
			return m, nil
		}
		m.loaded, m.err, m.view = true, msg.err, msg.view
		m.layout()
		return m, nil
	case preActionMsg:
		if msg.err != nil {
			return m, func() tea.Msg { return common.ErrMsg{Err: msg.err} }
		}
		return m.openForm(msg.ref, caseload.PreActionForm(m.ctx, msg.view))
	case form.ConfirmMsg, form.SubmitMsg, form.CancelMsg, form.SavedMsg:
		return m.formMsg(msg)
	case draftedMsg, plannedMsg, printedMsg:
		return m.docMsg(msg)
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	if m.form != nil {
		f, cmd := m.form.Update(msg)
		m.form = &f
		return m, cmd
	}
	if m.doc != nil {
		return m.docKey(msg)
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.FullTimeline):
		m.full = !m.full
		m.layout()
	case key.Matches(msg, k.Refresh):
		if m.ref != "" {
			return m, m.load()
		}
	case key.Matches(msg, k.Event, k.PreAction):
		return m.action(msg)
	case key.Matches(msg, k.Document):
		return m.openDoc(false)
	case key.Matches(msg, k.PrintRun):
		return m.openDoc(true)
	default:
		return m.scroll(msg), nil
	}
	return m, nil
}

// scroll moves the case (or the document) with the list keys.
func (m Model) scroll(msg tea.KeyMsg) Model {
	m.keys.Scroll(&m.vp, msg)
	return m
}

// action opens the event form or loads the checklist, once the account's
// case is shown.
func (m Model) action(msg tea.KeyMsg) (Model, tea.Cmd) {
	if m.ref == "" {
		return m, common.Status("Choose an account first: highlight it in the Caseload pane (1).")
	}
	if !m.loaded || m.err != nil {
		return m, common.Status("The enforcement case of " + m.ref + " is not loaded yet.")
	}
	if key.Matches(msg, m.keys.Event) {
		f := caseload.EventForm(m.ctx, m.ref, m.view.Facts)
		// The form starts on the first step the pane says may be recorded
		// now; every legal step stays a choice away.
		for _, n := range m.view.Next {
			if n.Refused == "" {
				f.SetValue("type", string(n.Type))
				break
			}
		}
		return m.openForm(m.ref, f)
	}
	if !m.view.Possession {
		return m, common.Status(m.ref + " has no possession steps: no pre-action checklist.")
	}
	ref, st, today, p, cx := m.ref, m.ctx.Store, m.ctx.Today, m.ctx.Policy, m.ctx.Ctx
	return m, func() tea.Msg {
		v, err := st.PreAction(cx, ref, today, p)
		return preActionMsg{ref: ref, view: v, err: err}
	}
}

func (m Model) openForm(ref string, f form.Model) (Model, tea.Cmd) {
	m.form, m.formRef = form.Sized(&f, m.width), ref
	m.layout()
	return m, nil
}

// formMsg routes the form's messages through the form host; the write is
// the caseload pane's, as the form is.
func (m Model) formMsg(msg tea.Msg) (Model, tea.Cmd) {
	ctx, ref := m.ctx, m.formRef
	host := form.Host{Submit: func(s form.SubmitMsg) tea.Cmd { return caseload.Save(ctx, ref, s) }}
	var cmd tea.Cmd
	m.form, cmd, _ = host.Route(m.form, msg)
	m.layout()
	return m, cmd
}

// ShortHelp is the pane's one-line help.
func (m Model) ShortHelp() []key.Binding {
	if m.form != nil {
		return m.form.ShortHelp()
	}
	k := m.keys
	if m.doc != nil && m.doc.done != "" {
		return []key.Binding{k.Close, k.Down, k.Up}
	}
	if m.doc != nil {
		return []key.Binding{k.Confirm, k.NextDoc, k.Format, k.Close, k.Down}
	}
	return []key.Binding{k.Event, k.Document, k.PrintRun, k.PreAction}
}

// FullHelp is every key of the pane.
func (m Model) FullHelp() [][]key.Binding {
	if m.form != nil {
		return m.form.FullHelp()
	}
	k := m.keys
	if m.doc != nil {
		return [][]key.Binding{{k.Confirm, k.NextDoc, k.PrevDoc, k.Format, k.Close}, {k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}}
	}
	return [][]key.Binding{{k.Event, k.PreAction, k.FullTimeline, k.Refresh}, {k.Document, k.PrintRun}, {k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}}
}
