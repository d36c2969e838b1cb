// Package sync is the Sync pane: it exports a visit pack (the accounts
// marked in the caseload, the selected account, or the officer's whole
// patch) or a changes pack for another replica, imports a pack file, and
// settles what imports raise — conflicts (keep the value shown or swap to
// the other) and probable duplicate payments (open the ledger, mark
// reviewed). Packs are read and written in commands, so the screen never
// freezes while age encrypts or an import applies.
package sync

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"caseload/store"
	bacsview "caseload/tui/bacs"
	"caseload/tui/common"
	"caseload/tui/form"
)

// part is one of the pane's tabs.
type part int

const (
	partExport part = iota
	partImport
	partConflicts
	partDuplicates
	nParts
)

// Model is the Sync pane.
type Model struct {
	ctx    *common.Context
	keys   KeyMap
	width  int
	height int
	// dir is the folder new pack files default to.
	dir  string
	part part

	// marks are the accounts marked in the caseload for the next visit
	// pack; selected is the account chosen anywhere.
	marks    []string
	selected string

	loadSeq  int
	loaded   bool
	identity store.Identity
	unsynced int64
	// synced: this database has exchanged changes with another replica;
	// until then nothing is "unsynced" (the header says "never synced").
	synced     bool
	peers      []store.Peer
	conflicts  []store.Conflict
	duplicates []store.Duplicate
	conflictAt int
	dupAt      int

	// form is the open export or import form; draft is what its fields'
	// checks need to know of each other.
	form  *form.Model
	draft *draft
	// running is the progress text while an export or import runs; runSeq
	// tags the run so a late answer to an older one is dropped.
	running string
	runSeq  int

	lastExport     *exportResult
	lastImport     *importResult
	lastImportPath string

	// ask is a write waiting for the officer's y.
	ask *question

	// bacs is the Bacs view (files, advices, exceptions) while it is open
	// over the pane.
	bacs *bacsview.Model
}

// question is a write the officer is asked to confirm.
type question struct {
	text string
	run  tea.Cmd
}

// New builds the pane. New pack files default to the packs folder beside
// the database (store.PacksDir).
func New(ctx *common.Context) Model {
	dir := "."
	if ctx.Store != nil {
		dir = ctx.Store.PacksDir()
	}
	return Model{ctx: ctx, keys: DefaultKeyMap(), dir: dir}
}

// WithDir sets the folder new pack files default to.
func (m Model) WithDir(dir string) Model {
	m.dir = dir
	return m
}

// Title is the pane's tab title.
func (m Model) Title() string { return "Sync" }

// Init reads the replica's sync state (as load number 0).
func (m Model) Init() tea.Cmd { return m.loadCmd() }

// infoMsg is the sync state: unsynced count, known replicas, what waits
// for review.
type infoMsg struct {
	seq        int
	identity   store.Identity
	unsynced   int64
	synced     bool
	peers      []store.Peer
	conflicts  []store.Conflict
	duplicates []store.Duplicate
	err        error
}

// load starts a new read; a newer one makes an older answer stale.
func (m *Model) load() tea.Cmd {
	m.loadSeq++
	return m.loadCmd()
}

func (m Model) loadCmd() tea.Cmd {
	seq, st := m.loadSeq, m.ctx.Store
	return func() tea.Msg {
		ctx := m.ctx.Ctx
		out := infoMsg{seq: seq}
		var status store.SyncStatus
		if status, out.err = st.SyncStatus(ctx); out.err != nil {
			return out
		}
		out.unsynced, out.synced = status.Unsynced, status.Synced
		if out.identity, out.err = st.Identity(ctx); out.err != nil {
			return out
		}
		if out.peers, out.err = st.Peers(ctx); out.err != nil {
			return out
		}
		if out.conflicts, out.err = st.Conflicts(ctx); out.err != nil {
			return out
		}
		out.duplicates, out.err = st.Duplicates(ctx)
		return out
	}
}

// Capturing reports whether a form or a yes/no question has the keyboard.
func (m Model) Capturing() bool {
	return (m.form != nil && m.running == "") || m.ask != nil || (m.bacs != nil && m.bacs.Capturing())
}

// Dirty reports whether a form holds unsaved input.
func (m Model) Dirty() bool {
	return (m.form != nil && m.form.Dirty()) || (m.bacs != nil && m.bacs.Dirty())
}

// SetSize fits the pane to w×h cells.
func (m Model) SetSize(w, h int) Model {
	m.width, m.height = w, h
	m.form = form.Sized(m.form, w)
	if m.bacs != nil {
		b := m.bacs.SetSize(w, h)
		m.bacs = &b
	}
	return m
}

// Update handles messages. While the Bacs view is open it has the keys and
// its forms; the pane still hears everything else.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if m.bacs == nil {
		return m.update(msg)
	}
	if _, ok := msg.(bacsview.CloseMsg); ok {
		m.bacs = nil
		return m, nil
	}
	b, cmd := m.bacs.Update(msg)
	m.bacs = &b
	switch msg.(type) {
	case tea.KeyMsg, form.ConfirmMsg, form.CancelMsg, form.SubmitMsg, form.SavedMsg:
		return m, cmd
	}
	m, more := m.update(msg)
	return m, tea.Batch(cmd, more)
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case infoMsg:
		if msg.seq != m.loadSeq {
			return m, nil
		}
		if msg.err != nil {
			return m, errCmd(msg.err)
		}
		m.loaded = true
		m.unsynced, m.synced, m.peers, m.conflicts, m.duplicates = msg.unsynced, msg.synced, msg.peers, msg.conflicts, msg.duplicates
		m.identity = msg.identity
		m.conflictAt = clamp(m.conflictAt, len(m.conflicts))
		m.dupAt = clamp(m.dupAt, len(m.duplicates))
		return m, nil
	case common.VisitMarksMsg:
		m.marks = slices.Clone(msg.Refs)
		return m, nil
	case common.AccountSelectedMsg:
		m.selected = msg.Ref
		return m, nil
	case common.ChangedMsg:
		// Any write changes the unsynced count; an import or a settlement
		// changes what waits for review.
		return m, m.load()
	case form.ConfirmMsg, form.CancelMsg:
		// An export or import starts from submit, which keeps the form
		// open while it runs; the host does the rest.
		was := m.form
		var cmd tea.Cmd
		m.form, cmd, _ = form.Host{Cancelled: "Cancelled: nothing was written."}.Route(m.form, msg)
		if was != nil && m.form == nil {
			m.draft = nil
		}
		return m, cmd
	case form.SubmitMsg:
		if m.form != nil && msg.ID == m.form.ID && m.running == "" {
			return m.submit(msg)
		}
	case exportedMsg:
		return m.exported(msg)
	case importedMsg:
		return m.imported(msg)
	case trustMsg:
		return m.retry(msg)
	case actedMsg:
		if msg.err != nil {
			return m, errCmd(msg.err)
		}
		return m, tea.Batch(common.Status(msg.text), common.Changed(msg.ref))
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

// submit starts the confirmed export or import.
func (m Model) submit(msg form.SubmitMsg) (Model, tea.Cmd) {
	m.runSeq++
	switch msg.ID {
	case formVisit, formChanges:
		m.running = "Exporting… (encrypting takes a second or two)"
		if m.draft.plain(msg.Values) {
			m.running = "Exporting…"
		}
		return m, runExport(m.ctx, m.runSeq, m.draft, msg.Values)
	case formImport:
		m.running = "Importing… (the whole file is checked before anything is written)"
		m.lastImportPath = msg.Values["file"]
		return m, runImport(m.ctx, m.runSeq, msg.Values, "")
	}
	return m, nil
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	if m.ask != nil {
		q := m.ask
		m.ask = nil
		if key.Matches(msg, k.Yes) {
			return m, q.run
		}
		return m, common.Status("Cancelled: nothing was changed.")
	}
	if m.form != nil && m.running == "" {
		f, cmd := m.form.Update(msg)
		m.form = &f
		m.follow()
		return m, cmd
	}
	switch {
	case key.Matches(msg, k.NextPart):
		m.part = (m.part + 1) % nParts
		return m, nil
	case key.Matches(msg, k.PrevPart):
		m.part = (m.part + nParts - 1) % nParts
		return m, nil
	case m.running != "":
		// One pack at a time: the keys that start another wait for it.
		return m, nil
	case key.Matches(msg, k.Visit):
		return m.openVisit()
	case key.Matches(msg, k.Changes):
		return m.openChanges()
	case key.Matches(msg, k.Import):
		return m.openImport()
	case key.Matches(msg, k.Refresh):
		return m, m.load()
	case key.Matches(msg, k.Bacs):
		b := bacsview.New(m.ctx).SetSize(m.width, m.height)
		m.bacs = &b
		return m, b.Init()
	}
	switch m.part {
	case partConflicts:
		return m.conflictKey(msg)
	case partDuplicates:
		return m.duplicateKey(msg)
	}
	return m, nil
}

// openForm shows a form on a part.
func (m Model) openForm(p part, f form.Model, d *draft) (Model, tea.Cmd) {
	m.part, m.form, m.draft = p, form.Sized(&f, m.width), d
	return m, nil
}

func errCmd(err error) tea.Cmd {
	return func() tea.Msg { return common.ErrMsg{Err: err} }
}

// clamp keeps a cursor inside a list of n rows.
func clamp(i, n int) int {
	return max(min(i, n-1), 0)
}

// ShortHelp is the one-line help for what the pane shows now.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.bacs != nil:
		return m.bacs.ShortHelp()
	case m.ask != nil:
		return []key.Binding{k.Yes, k.No}
	case m.form != nil && m.running == "":
		return m.form.ShortHelp()
	}
	switch m.part {
	case partConflicts:
		return []key.Binding{k.Keep, k.Swap, k.Select, k.NextPart}
	case partDuplicates:
		return []key.Binding{k.Ledger, k.Reviewed, k.NextPart}
	case partImport:
		return []key.Binding{k.Import, k.Visit, k.Changes, k.NextPart}
	}
	return []key.Binding{k.Visit, k.Changes, k.Import, k.NextPart}
}

// FullHelp is every key, grouped.
func (m Model) FullHelp() [][]key.Binding {
	k := m.keys
	switch {
	case m.bacs != nil:
		return m.bacs.FullHelp()
	case m.ask != nil:
		return [][]key.Binding{{k.Yes, k.No}}
	case m.form != nil && m.running == "":
		return m.form.FullHelp()
	}
	return [][]key.Binding{
		{k.NextPart, k.PrevPart, k.Up, k.Down, k.Refresh},
		{k.Visit, k.Changes, k.Import, k.Bacs},
		{k.Keep, k.Swap, k.Select, k.Ledger, k.Reviewed},
		{k.Yes, k.No},
	}
}
