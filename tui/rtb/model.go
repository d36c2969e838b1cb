// Package rtb is the Right to Buy pane: every open claim in the patch with
// its stage and next statutory deadline, most urgent first, OVERDUE and DUE
// SOON in words as well as colour; a claim's view with every computed date
// and how it was counted, its timeline, fraud checklist and rent credit; and
// forms to record the next step, set a fraud check, open a claim and run
// the discount calculator. No clock is ever hidden: a fraud concern is
// marked, and the pane says the clocks keep running.
package rtb

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/form"
)

// Model is the Right to Buy pane.
type Model struct {
	ctx *common.Context
	// dueSoon is the worklist policy's "due within" days for rtb-deadline:
	// the pane and the worklist agree on what DUE SOON means.
	dueSoon int
	keys    KeyMap
	width   int
	height  int

	loadSeq int
	loaded  bool
	loadErr error
	patch   string
	// lines are every claim of the patch, most urgent first.
	lines      []store.RTBLine
	showClosed bool
	visible    []int // indices into lines
	cursor     int
	offset     int
	// selected is the account chosen anywhere in the TUI.
	selected string

	// viewing: a claim is open (by id) in the viewport.
	viewing bool
	viewID  string
	vp      viewport.Model

	form     *form.Model
	formKind string
	// formCase is the claim a form acts on (zero for a new claim or a
	// discount run without one).
	formCase store.RTBCase
	// calc is the calculator's live answer while its form is open;
	// discount is the last finished run, shown on the claim it was run for.
	calc     discountRun
	discount discountRun
	// region and authority are remembered between discount runs: an
	// officer's council does not change from one claim to the next.
	region, authority string
	// pendingOpen is a claim just created, opened when the reload brings it.
	pendingOpen string
	// claimFor is the account the new-claim form last read.
	claimFor string
}

// New builds the pane. The context's policy gives the "due soon" threshold.
func New(ctx *common.Context) Model {
	vp := viewport.New(0, 0)
	vp.KeyMap = viewport.KeyMap{} // the pane maps keys itself
	return Model{ctx: ctx, dueSoon: ctx.Policy.RTBWithinDays, keys: DefaultKeyMap(), vp: vp}
}

// Title is the pane's tab title.
func (m Model) Title() string { return "Right to Buy" }

// Init loads the claims (as load number 0).
func (m Model) Init() tea.Cmd { return m.loadCmd() }

// Capturing reports whether a form has the keyboard.
func (m Model) Capturing() bool { return m.form != nil }

// Dirty reports whether a form holds unsaved input.
func (m Model) Dirty() bool { return m.form != nil && m.form.Dirty() }

type loadedMsg struct {
	seq   int
	patch string
	cases []store.RTBCase
	err   error
}

// load starts a new load; an answer to an older one is dropped.
func (m *Model) load() tea.Cmd {
	m.loadSeq++
	return m.loadCmd()
}

// loadCmd reads the patch's claims in the background.
func (m Model) loadCmd() tea.Cmd {
	seq, st, officer := m.loadSeq, m.ctx.Store, m.ctx.Officer
	return func() tea.Msg {
		ctx := m.ctx.Ctx
		patch := ""
		if has, err := st.HasPatch(ctx, officer); err != nil {
			return loadedMsg{seq: seq, err: err}
		} else if has {
			patch = officer
		}
		cases, err := st.RTBCases(ctx, patch)
		return loadedMsg{seq: seq, patch: patch, cases: cases, err: err}
	}
}

// SetSize fits the pane to w×h cells.
func (m Model) SetSize(w, h int) Model {
	m.width, m.height = w, h
	m.form = form.Sized(m.form, w)
	m.clampCursor()
	m.refreshView()
	return m
}

// Update handles messages.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.seq != m.loadSeq {
			return m, nil
		}
		m.loaded, m.loadErr = true, msg.err
		if msg.err != nil {
			return m, func() tea.Msg { return common.ErrMsg{Err: msg.err} }
		}
		m.setLines(msg.patch, store.RTBLines(msg.cases, m.ctx.Holidays, m.ctx.Today, m.dueSoon))
		var cmds []tea.Cmd
		if id := m.pendingOpen; id != "" {
			m.pendingOpen = ""
			if l, ok := m.lineByID(id); ok {
				m = m.open(l.ID)
				cmds = append(cmds, common.Select(l.Ref))
			}
		}
		if m.viewing {
			if _, ok := m.lineByID(m.viewID); !ok {
				m.viewing = false
			}
		}
		m.refreshView()
		return m, tea.Batch(cmds...)
	case common.AccountSelectedMsg:
		m.selected = msg.Ref
		m.highlight(msg.Ref)
		if m.viewing {
			if cur, ok := m.lineByID(m.viewID); ok && cur.Ref != msg.Ref {
				if l, ok := m.lineForRef(msg.Ref); ok {
					m = m.open(l.ID)
				} else {
					// Never another account's claim under this one's name:
					// the list says this account has none and n starts one.
					m.viewing = false
				}
			}
		}
		return m, nil
	case common.ChangedMsg:
		if msg.Refs == nil || slices.ContainsFunc(m.lines, func(l store.RTBLine) bool { return msg.Touches(l.Ref) }) || m.pendingOpen != "" {
			return m, m.load()
		}
		return m, nil
	case form.ConfirmMsg, form.SubmitMsg, form.CancelMsg, form.SavedMsg, newClaimAccountMsg, claimAccountMsg:
		return m.formMsg(msg)
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	if m.form != nil {
		f, cmd := m.form.Update(msg)
		m.form = &f
		switch m.formKind {
		case formDiscount:
			m.calc = runDiscount(m.caps(), f.Values())
		case formNew:
			if ref := f.Values()["ref"]; ref != m.claimFor {
				// Another account typed: its property type decides the
				// clocks, so the form reads it again.
				m.claimFor = ref
				cmd = tea.Batch(cmd, m.loadClaimAccount(ref))
			}
		}
		return m, cmd
	}
	k := m.keys
	if m.viewing {
		switch {
		case key.Matches(msg, k.Back):
			m.viewing = false
			return m, nil
		case k.Scroll(&m.vp, msg):
			return m, nil
		}
		l, _ := m.lineByID(m.viewID)
		return m.action(msg, l)
	}
	if row, ok := k.Move(msg, m.cursor, len(m.visible), m.rowsFit()); ok {
		m.cursor = row
		m.clampCursor()
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Closed):
		m.showClosed = !m.showClosed
		m.refilter()
		if m.showClosed {
			return m, common.Status("Showing closed claims too (completed, withdrawn, denied).")
		}
		return m, common.Status("Showing open claims only.")
	case key.Matches(msg, k.Refresh):
		return m, m.load()
	case key.Matches(msg, k.Open):
		if l, ok := m.current(); ok {
			m = m.open(l.ID)
			return m, common.Select(l.Ref)
		}
	default:
		l, _ := m.current()
		return m.action(msg, l)
	}
	m.clampCursor()
	return m, nil
}

// action handles the keys that act on a claim, from the list (the
// highlighted one) or the claim's view. l is zero when there is none.
func (m Model) action(msg tea.KeyMsg, l store.RTBLine) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Event):
		if l.ID == "" {
			return m, common.Status("No claim to record a step on: n opens one.")
		}
		return m.openEventForm(l)
	case key.Matches(msg, k.Check):
		if l.ID == "" {
			return m, common.Status("No claim to check: n opens one.")
		}
		return m.openForm(formCheck, l.RTBCase, checkForm(m.ctx, l.RTBCase))
	case key.Matches(msg, k.Discount):
		return m.openDiscountForm(l.RTBCase)
	case key.Matches(msg, k.New):
		// A new claim is for the account chosen for the whole TUI, never
		// for whichever claim happens to be on screen.
		return m, m.loadNewClaimAccount(m.selected)
	}
	return m, nil
}

// open shows a claim's view.
func (m Model) open(id string) Model {
	m.viewing, m.viewID = true, id
	m.vp.GotoTop()
	m.highlightID(id)
	m.refreshView()
	return m
}

// refreshView re-renders the open claim for the current size and data.
func (m *Model) refreshView() {
	if !m.viewing {
		return
	}
	l, ok := m.lineByID(m.viewID)
	if !ok {
		return
	}
	m.vp.Width, m.vp.Height = m.width, max(m.viewHeight()-1, 1)
	m.vp.SetContent(m.renderCase(l))
}

// setLines takes fresh claims, keeping the highlighted one.
func (m *Model) setLines(patch string, lines []store.RTBLine) {
	keep := ""
	if l, ok := m.current(); ok {
		keep = l.ID
	}
	m.patch, m.lines = patch, lines
	m.refilter()
	switch {
	case keep != "":
		m.highlightID(keep)
	case m.selected != "":
		m.highlight(m.selected)
	}
}

// refilter recomputes the visible rows: open claims, or every claim.
func (m *Model) refilter() {
	m.visible = m.visible[:0]
	for i, l := range m.lines {
		if l.Open || m.showClosed {
			m.visible = append(m.visible, i)
		}
	}
	m.clampCursor()
}

// highlight moves the cursor to an account's most urgent claim.
func (m *Model) highlight(ref string) {
	for i, idx := range m.visible {
		if m.lines[idx].Ref == ref {
			m.cursor = i
			m.clampCursor()
			return
		}
	}
}

func (m *Model) highlightID(id string) {
	for i, idx := range m.visible {
		if m.lines[idx].ID == id {
			m.cursor = i
			m.clampCursor()
			return
		}
	}
}

func (m *Model) clampCursor() {
	m.cursor, m.offset = common.Scroll(m.cursor, m.offset, len(m.visible), m.rowsFit())
}

// current is the highlighted claim.
func (m Model) current() (store.RTBLine, bool) {
	if m.cursor < 0 || m.cursor >= len(m.visible) {
		return store.RTBLine{}, false
	}
	return m.lines[m.visible[m.cursor]], true
}

func (m Model) lineByID(id string) (store.RTBLine, bool) {
	for _, l := range m.lines {
		if l.ID == id {
			return l, true
		}
	}
	return store.RTBLine{}, false
}

// lineForRef is an account's most urgent claim, open ones first.
func (m Model) lineForRef(ref string) (store.RTBLine, bool) {
	var closed *store.RTBLine
	for i, l := range m.lines {
		if l.Ref != ref {
			continue
		}
		if l.Open {
			return l, true
		}
		if closed == nil {
			closed = &m.lines[i]
		}
	}
	if closed != nil {
		return *closed, true
	}
	return store.RTBLine{}, false
}
