// Package caseload is the caseload pane: the daily worklist in sections,
// filtered as the officer types, with an account view and keys to act on a
// case (note, event, pause, complete a follow-up, done for today) without
// leaving the keyboard.
package caseload

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/form"
)

// paneName names this pane in the messages it sends.
const paneName = "caseload"

// sections are the tabs: the worklist's sections, then every account of
// the patch.
var sections = worklist.CaseloadSections

func sectionLabel(s worklist.Section) string { return s.Label() }

// sortMode orders the list.
type sortMode int

const (
	sortPriority sortMode = iota
	sortArrears
	sortRef
	sortName
	nSorts
)

func (s sortMode) String() string {
	return [...]string{"priority", "arrears", "ref", "name"}[s]
}

// Model is the caseload pane.
type Model struct {
	ctx    *common.Context
	keys   KeyMap
	width  int
	height int

	loadSeq int
	loaded  bool
	// loading: a whole caseload is being read (loadSeq's); a write's
	// accounts are then read with it, not on their own.
	loading bool
	patch   string
	lines   []store.CaseLine
	search  []string // lower-case "ref name address postcode", by line
	counts  []int    // by section

	// early: lines are the quick read (early.go) and the worklist is still
	// loading; stalled: the worklist's read failed while only the early
	// lines are shown; earlyTotal: the patch's accounts, of which lines
	// are the first.
	early, stalled bool
	earlyTotal     int

	section   int
	sort      sortMode
	filter    textinput.Model
	filtering bool
	// moves counts the highlight's announcements (common.Highlighted).
	moves   int
	visible []int // indices into lines
	cursor  int
	offset  int

	// everyPatch: the caseload holds every officer's accounts, not only
	// this officer's patch (ctrl+a while searching).
	everyPatch bool

	// marked are the accounts chosen for the next visit pack, in order.
	marked []string
	// selected is the account chosen for the whole TUI: the highlighted
	// row (or the open account) as last announced, or one chosen on
	// another pane.
	selected string

	detail *detail
	form   *form.Model
	// formRef is the account the open form acts on.
	formRef string
}

// New builds the pane.
func New(ctx *common.Context) Model {
	f := textinput.New()
	f.Prompt = "/ "
	f.Placeholder = "ref, name, address or postcode"
	f.Cursor.SetMode(cursor.CursorStatic)
	return Model{ctx: ctx, keys: DefaultKeyMap(), filter: f}
}

// Title is the pane's tab title.
func (m Model) Title() string { return "Caseload" }

// Init loads the caseload (as load number 0), the accounts first
// (early.go).
func (m Model) Init() tea.Cmd { return m.firstLoad() }

type loadedMsg struct {
	seq   int
	patch string
	lines []store.CaseLine
	err   error
}

// load starts a new load; a newer load makes an older answer stale.
func (m *Model) load() tea.Cmd {
	m.loadSeq++
	m.loading, m.stalled = true, false
	return m.firstLoad()
}

// refreshedMsg carries the lines of the accounts a write touched.
type refreshedMsg struct {
	seq   int
	refs  []string
	lines []store.CaseLine
	err   error
}

// refresh reads again only the accounts a write touched (after a whole
// load, and while no other is under way); otherwise it loads everything.
func (m *Model) refresh(refs []string) tea.Cmd {
	if refs == nil || !m.loaded || m.loading {
		return m.load()
	}
	seq, st, patch, today, policy := m.loadSeq, m.ctx.Caseload(), m.patch, m.ctx.Today, m.ctx.Policy
	refs = slices.Clone(refs)
	return func() tea.Msg {
		lines, err := st.CaseLines(m.ctx.Ctx, patch, refs, today, policy)
		return refreshedMsg{seq: seq, refs: refs, lines: lines, err: err}
	}
}

// loadCmd reads the caseload in the background.
func (m Model) loadCmd() tea.Cmd {
	seq, st, officer, today, policy, every := m.loadSeq, m.ctx.Caseload(), m.ctx.Officer, m.ctx.Today, m.ctx.Policy, m.everyPatch
	return func() tea.Msg {
		ctx := m.ctx.Ctx
		patch, err := patchOf(ctx, st, officer, every)
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		lines, err := st.Caseload(ctx, patch, today, policy)
		return loadedMsg{seq: seq, patch: patch, lines: lines, err: err}
	}
}

// Capturing reports whether the filter or a form has the keyboard.
func (m Model) Capturing() bool { return m.filtering || m.form != nil }

// Dirty reports whether a form holds unsaved input.
func (m Model) Dirty() bool { return m.form != nil && m.form.Dirty() }

// SetSize fits the pane to w×h cells.
func (m Model) SetSize(w, h int) Model {
	m.width, m.height = w, h
	m.form = form.Sized(m.form, w)
	m.filter.Width = max(w-20, 10) // room for the match count
	if m.detail != nil {
		m.detail.setSize(w, h)
	}
	m.clampCursor()
	return m
}

// Update handles messages.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.seq != m.loadSeq {
			return m, nil
		}
		m.loading = false
		if msg.err != nil {
			m.stalled = m.early
			return m, func() tea.Msg { return common.ErrMsg{Err: msg.err} }
		}
		m.fromEarly()
		m.setLines(msg.patch, msg.lines)
		if m.detail != nil {
			m.lineTo(m.detail)
			m.detail.setSize(m.width, m.height)
		}
		return m, m.announce()
	case summariesMsg:
		return m.summaries(msg)
	case refreshedMsg:
		if msg.seq != m.loadSeq {
			return m, nil // a whole load since has them
		}
		if msg.err != nil {
			return m, func() tea.Msg { return common.ErrMsg{Err: msg.err} }
		}
		m.setLines(m.patch, store.MergeCaseLines(m.lines, msg.refs, msg.lines))
		if m.detail != nil {
			m.lineTo(m.detail)
			m.detail.setSize(m.width, m.height)
		}
		return m, m.announce()
	case detailLoadedMsg:
		if m.detail != nil && msg.ref == m.detail.ref && msg.seq == m.detail.seq {
			m.detail.fill(msg)
			m.lineTo(m.detail)
			m.detail.setSize(m.width, m.height)
		}
		return m, nil
	case common.ChangedMsg:
		cmds := []tea.Cmd{m.refresh(msg.Refs)}
		if m.detail != nil && msg.Touches(m.detail.ref) {
			cmds = append(cmds, m.detail.load(m.ctx, m.ctx.Policy))
		}
		return m, tea.Batch(cmds...)
	case form.ConfirmMsg, form.SubmitMsg, form.CancelMsg, form.SavedMsg:
		return m.formMsg(msg)
	case eventChoicesMsg:
		if msg.err != nil {
			return m, func() tea.Msg { return common.ErrMsg{Err: msg.err} }
		}
		return m.openForm(msg.ref, eventForm(m.ctx, msg.ref, msg.facts, m.ctx.Policy))
	case ddMsg:
		if msg.err != nil {
			return m, func() tea.Msg { return common.ErrMsg{Err: msg.err} }
		}
		payer := ""
		if m.detail != nil && m.detail.ref == msg.ref {
			payer = m.detail.account.Name
		}
		return m.openForm(msg.ref, ddForm(m.ctx, msg.ref, payer, msg.mandates))
	case preActionMsg:
		if msg.err != nil {
			return m, func() tea.Msg { return common.ErrMsg{Err: msg.err} }
		}
		return m.openForm(msg.ref, preActionForm(m.ctx, msg.view))
	case followUpsMsg:
		if msg.err != nil {
			return m, func() tea.Msg { return common.ErrMsg{Err: msg.err} }
		}
		if len(msg.fus) == 0 {
			return m, common.Status(msg.ref + " has no open follow-up.")
		}
		return m.openForm(msg.ref, completeForm(m.ctx, msg.ref, msg.fus))
	case common.OpenAccountMsg:
		if m.form != nil {
			// Never under a form's unsaved input: it stays, and says why.
			return m, common.Status("A form is open on the caseload: save or cancel it, then open " + msg.Ref + ".")
		}
		m.filtering = false
		m.filter.Blur()
		return m.open(msg.Ref)
	case common.AccountSelectedMsg:
		if msg.From == paneName {
			return m, nil // our own highlight, already shown
		}
		return m.follow(msg.Ref)
	case tea.KeyMsg:
		m, cmd := m.key(msg)
		return m, tea.Batch(cmd, m.announce())
	}
	return m, nil
}

// announce selects the highlighted account (or the open one) for every
// pane when it is not the one already selected: the row the officer sees
// highlighted is the account 2, 3, 4, tab, L, A, R and every form act on.
func (m *Model) announce() tea.Cmd {
	ref := ""
	if m.detail != nil {
		ref = m.detail.ref
	} else if l, ok := m.current(); ok {
		ref = l.Ref
	}
	if ref == "" || ref == m.selected {
		return nil
	}
	m.selected = ref
	m.moves++
	return common.Highlighted(paneName, ref, m.moves)
}

// follow shows an account chosen on another pane: its row is highlighted
// (in the whole caseload when the section or the filter hides it) and an
// open account view turns to it.
func (m Model) follow(ref string) (Model, tea.Cmd) {
	m.selected = ref
	if l, ok := m.current(); !ok || l.Ref != ref {
		if !m.highlight(ref) && m.line(ref) != nil {
			m.reveal(ref, len(sections)-1)
		}
	}
	if m.detail != nil && m.detail.ref != ref {
		d := newDetail(ref, m.ctx, m.ctx.Policy)
		m.lineTo(d)
		d.setSize(m.width, m.height)
		m.detail = d
		return m, d.load(m.ctx, m.ctx.Policy)
	}
	return m, nil
}

// reveal highlights an account in section (clearing a filter that hides
// it there).
func (m *Model) reveal(ref string, section int) {
	m.section = section
	if m.refilter(); !m.highlight(ref) {
		m.filter.SetValue("")
		m.refilter()
		m.highlight(ref)
	}
}

// highlight moves the cursor to an account's row if it is shown.
func (m *Model) highlight(ref string) bool {
	for i, idx := range m.visible {
		if m.lines[idx].Ref == ref {
			m.cursor = i
			m.clampCursor()
			return true
		}
	}
	return false
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	if m.form != nil {
		f, cmd := m.form.Update(msg)
		m.form = &f
		return m, cmd
	}
	if m.filtering {
		if key.Matches(msg, m.keys.EveryPatch) {
			return m, m.togglePatches()
		}
		switch msg.Type {
		case tea.KeyEsc:
			m.filtering = false
			m.filter.Blur()
			m.filter.SetValue("")
			m.refilter()
			return m, nil
		case tea.KeyEnter:
			m.filtering = false
			m.filter.Blur()
			if l, ok := m.current(); ok && m.filter.Value() != "" {
				return m.open(l.Ref)
			}
			return m, nil
		case tea.KeyUp, tea.KeyDown:
			// Move in the results while typing.
		default:
			var cmd tea.Cmd
			m.filter, cmd = m.filter.Update(msg)
			m.refilter()
			return m, cmd
		}
	}
	if m.detail != nil {
		return m.detailKey(msg)
	}
	k := m.keys
	if row, ok := k.Move(msg, m.cursor, len(m.visible), m.listHeight()); ok {
		m.cursor = row
		m.clampCursor()
		return m, nil
	}
	switch {
	case m.early && key.Matches(msg, k.NextSection, k.PrevSection):
		return m.waitForWorklist("the sections come")
	case m.early && key.Matches(msg, k.Filter):
		return m.waitForWorklist("search works")
	case m.early && key.Matches(msg, k.Sort):
		return m.waitForWorklist("sorting works")
	case key.Matches(msg, k.NextSection):
		m.section = (m.section + 1) % len(sections)
		m.refilter()
		m.cursor, m.offset = 0, 0
	case key.Matches(msg, k.PrevSection):
		m.section = (m.section + len(sections) - 1) % len(sections)
		m.refilter()
		m.cursor, m.offset = 0, 0
	case key.Matches(msg, k.Filter):
		m.filtering = true
		return m, m.filter.Focus()
	case key.Matches(msg, k.ClearFilter):
		if m.filter.Value() != "" {
			m.filter.SetValue("")
			m.refilter()
		}
	case key.Matches(msg, k.Sort):
		m.sort = (m.sort + 1) % nSorts
		m.refilter()
		return m, common.Status("Sorted by " + m.sort.String() + ".")
	case key.Matches(msg, k.Refresh):
		return m, m.load()
	case key.Matches(msg, k.Open):
		if l, ok := m.current(); ok {
			return m.open(l.Ref)
		}
	default:
		if l, ok := m.current(); ok {
			return m.action(msg, l.Ref)
		}
	}
	m.clampCursor()
	return m, nil
}

// open shows an account and selects it for every pane.
func (m Model) open(ref string) (Model, tea.Cmd) {
	d := newDetail(ref, m.ctx, m.ctx.Policy)
	m.lineTo(d)
	d.setSize(m.width, m.height)
	m.detail, m.selected = d, ref
	return m, tea.Batch(d.load(m.ctx, m.ctx.Policy), common.Select(ref))
}

// action handles the keys that act on an account, from the list or the
// account view.
func (m Model) action(msg tea.KeyMsg, ref string) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Note):
		return m.openForm(ref, noteForm(m.ctx, ref))
	case key.Matches(msg, k.Event):
		return m, loadEventChoices(m.ctx, ref, m.ctx.Policy)
	case key.Matches(msg, k.PreAction):
		return m, loadPreAction(m.ctx, ref, m.ctx.Policy)
	case key.Matches(msg, k.DirectDebit):
		return m, loadDD(m.ctx, ref)
	case key.Matches(msg, k.Pause) && m.early:
		// The form starts from the account's pause, which the worklist
		// tells.
		return m.waitForWorklist("p works")
	case key.Matches(msg, k.Pause):
		return m.openForm(ref, pauseForm(m.ctx, ref, m.line(ref)))
	case key.Matches(msg, k.Complete):
		return m, loadFollowUps(m.ctx, ref)
	case key.Matches(msg, k.Done):
		return m, markDone(m.ctx, ref, m.ctx.Policy)
	case key.Matches(msg, k.UndoDone):
		return m, undoDone(m.ctx, ref)
	case key.Matches(msg, k.Ledger):
		return m, tea.Batch(common.Select(ref), common.SwitchTo(common.PaneLedger))
	case key.Matches(msg, k.Arrange):
		return m, tea.Batch(common.Select(ref), common.SwitchTo(common.PaneArrange))
	case key.Matches(msg, k.RTB):
		return m, tea.Batch(common.Select(ref), common.SwitchTo(common.PaneRTB))
	case key.Matches(msg, k.Mark):
		return m.toggleMark(ref)
	}
	return m, nil
}

// toggleMark adds or removes an account from the next visit pack and tells
// the Sync pane.
func (m Model) toggleMark(ref string) (Model, tea.Cmd) {
	verb := "marked for"
	if i := slices.Index(m.marked, ref); i >= 0 {
		m.marked = slices.Delete(slices.Clone(m.marked), i, i+1)
		verb = "taken off"
	} else {
		m.marked = append(slices.Clone(m.marked), ref)
	}
	refs := slices.Clone(m.marked)
	text := fmt.Sprintf("%s %s the visit pack (%d marked; export it on the Sync pane).", ref, verb, len(refs))
	return m, tea.Batch(func() tea.Msg { return common.VisitMarksMsg{Refs: refs} }, common.Status(text))
}

// isMarked reports whether an account is marked for the visit pack.
func (m Model) isMarked(ref string) bool { return slices.Contains(m.marked, ref) }

func (m Model) detailKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Back):
		m.detail = nil
		return m, nil
	case key.Matches(msg, m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown, m.keys.Top, m.keys.Bottom):
		m.detail.scroll(msg, m.keys.ListKeys)
		return m, nil
	case key.Matches(msg, m.keys.FullTimeline):
		m.detail.toggleFull(m.width, m.height)
		return m, nil
	}
	return m.action(msg, m.detail.ref)
}

// setLines takes a fresh caseload, keeping the highlighted account.
func (m *Model) setLines(patch string, lines []store.CaseLine) {
	keep := m.selected
	if l, ok := m.current(); ok {
		keep = l.Ref
	}
	m.loaded, m.patch, m.lines = true, patch, lines
	m.search = make([]string, len(lines))
	for i, l := range lines {
		m.search[i] = strings.ToLower(l.Ref + " " + l.Name + " " + l.Address + " " + l.Postcode + " " + strings.ReplaceAll(l.Postcode, " ", ""))
	}
	m.counts = make([]int, len(sections))
	for _, l := range lines {
		for i, s := range sections {
			if inSection(l, s) {
				m.counts[i]++
			}
		}
	}
	m.refilter()
	if keep != "" && !m.highlight(keep) && m.filter.Value() == "" {
		// The account left the section shown (a step recorded took it
		// off Today): show the first section it is in, so the highlight
		// and every pane following it stay on the same account. A
		// search in progress keeps its matches.
		if l := m.line(keep); l != nil {
			for i, s := range sections {
				if inSection(*l, s) {
					m.reveal(keep, i)
					break
				}
			}
		}
	}
	m.clampCursor()
}

func inSection(l store.CaseLine, s worklist.Section) bool { return l.InSection(s) }

// refilter recomputes the visible rows: the section, the filter, the sort.
// It runs on every filter keystroke, so it only compares prepared strings.
func (m *Model) refilter() {
	s := m.shownSection()
	words := strings.Fields(strings.ToLower(m.filter.Value()))
	m.visible = m.visible[:0]
	for i, l := range m.lines {
		// A search looks through the whole caseload, whatever section
		// is showing: each match says which section it is in.
		if len(words) == 0 && !inSection(l, s) {
			continue
		}
		match := true
		for _, w := range words {
			if !strings.Contains(m.search[i], w) {
				match = false
				break
			}
		}
		if match {
			m.visible = append(m.visible, i)
		}
	}
	lines := m.lines
	switch m.sort {
	case sortArrears:
		slices.SortStableFunc(m.visible, func(a, b int) int { return lines[b].Balance.Cmp(lines[a].Balance) })
	case sortRef:
		slices.SortStableFunc(m.visible, func(a, b int) int { return strings.Compare(lines[a].Ref, lines[b].Ref) })
	case sortName:
		slices.SortStableFunc(m.visible, func(a, b int) int { return strings.Compare(lines[a].Name, lines[b].Name) })
	}
	m.clampCursor()
}

func (m *Model) clampCursor() {
	m.cursor, m.offset = common.Scroll(m.cursor, m.offset, len(m.visible), m.listHeight())
}

// current is the highlighted line.
func (m Model) current() (store.CaseLine, bool) {
	if m.cursor < 0 || m.cursor >= len(m.visible) {
		return store.CaseLine{}, false
	}
	return m.lines[m.visible[m.cursor]], true
}

// line finds an account's line.
func (m Model) line(ref string) *store.CaseLine {
	for i := range m.lines {
		if m.lines[i].Ref == ref {
			return &m.lines[i]
		}
	}
	return nil
}

// ShortHelp is the one-line help.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.form != nil:
		return m.form.ShortHelp()
	case m.filtering:
		return []key.Binding{k.OpenMatch, k.EveryPatch, k.ClearFilter, k.Up, k.Down}
	case m.detail != nil:
		return []key.Binding{k.Back, k.Note, k.Event, k.PreAction, k.Pause, k.Complete, k.Done, k.UndoDone, k.Ledger, k.Arrange, k.DirectDebit, k.FullTimeline}
	}
	return []key.Binding{k.Open, k.Filter, k.NextSection, k.Sort, k.Note, k.Event, k.Pause, k.Done, k.Mark}
}

// FullHelp is every key that works on what is shown, grouped.
func (m Model) FullHelp() [][]key.Binding {
	k := m.keys
	act := []key.Binding{k.Note, k.Event, k.PreAction, k.Pause, k.Complete, k.Done, k.UndoDone, k.Mark}
	jump := []key.Binding{k.Ledger, k.Arrange, k.RTB}
	switch {
	case m.form != nil:
		return m.form.FullHelp()
	case m.filtering:
		return [][]key.Binding{{k.OpenMatch, k.EveryPatch, k.ClearFilter, k.Up, k.Down}}
	case m.detail != nil:
		return [][]key.Binding{{k.Back, k.FullTimeline, k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown}, act, append(jump, k.DirectDebit)}
	}
	list := []key.Binding{k.Open, k.NextSection, k.PrevSection, k.Filter, k.Sort, k.Refresh}
	if m.searching() {
		list = append(list, k.ClearFilter) // esc does something only then
	}
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
		list, act, jump,
	}
}

// KeepsDigits: in the account view digits never switch panes (L, A and
// R go to the account's ledger, arrangement and Right to Buy claim).
func (m Model) KeepsDigits() bool { return m.detail != nil }
