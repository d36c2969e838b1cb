// Package ledger is the ledger pane: the selected account's transactions
// with a running balance (newest at the bottom), the balance and weekly
// charge always in view, a balance-over-time chart for the last twelve
// months, and forms to post a payment, an adjustment, a transfer, a refund
// or a write-off and to reverse a transaction — each validated as the
// officer types and confirmed with the balance it will leave.
package ledger

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/form"
)

// Model is the ledger pane.
type Model struct {
	ctx    *common.Context
	keys   KeyMap
	width  int
	height int

	ref     string // the selected account ("" until one is chosen)
	seq     int    // the latest load; older answers are dropped
	stmtSeq int    // the latest statement read, likewise
	loaded  bool
	err     error
	account store.Account
	lines   []store.LedgerLine
	cursor  int // index into lines
	offset  int // first line shown
	// focusID is a transaction to highlight after the next load (the one
	// just posted).
	focusID string

	form    *form.Model
	formRef string           // the account the open form posts to
	formTxn store.LedgerLine // the line a reversal form reverses

	// statement is the statement preview, when shown.
	statement *statementView
}

// statementView is a statement of account for a period shown in the pane.
type statementView struct {
	from   domain.Date
	to     domain.Date
	loaded bool
	err    error
	st     store.Statement
	offset int
}

// New builds the pane; it shows nothing until an account is selected.
func New(ctx *common.Context) Model {
	return Model{ctx: ctx, keys: DefaultKeyMap()}
}

// Title is the pane's tab title.
func (m Model) Title() string { return "Ledger" }

// Init has nothing to load: the pane waits for an account to be chosen.
func (m Model) Init() tea.Cmd { return nil }

// Capturing reports whether a form has the keyboard.
func (m Model) Capturing() bool { return m.form != nil }

// Dirty reports whether a form holds unsaved input.
func (m Model) Dirty() bool { return m.form != nil && m.form.Dirty() }

// Ref is the account the pane shows ("" when none).
func (m Model) Ref() string { return m.ref }

// SetSize fits the pane to w×h cells.
func (m Model) SetSize(w, h int) Model {
	m.width, m.height = w, h
	m.form = form.Sized(m.form, w)
	m.clamp()
	return m
}

// loadedMsg is an account and its ledger, read for load number seq.
type loadedMsg struct {
	seq     int
	ref     string
	account store.Account
	lines   []store.LedgerLine
	err     error
}

// statementMsg is a statement read for the preview.
type statementMsg struct {
	seq int
	st  store.Statement
	err error
}

// load starts reading the selected account; a newer load makes an older
// answer stale.
func (m *Model) load() tea.Cmd {
	m.seq++
	seq, ref, st := m.seq, m.ref, m.ctx.Ledger()
	return func() tea.Msg {
		c := m.ctx.Ctx
		msg := loadedMsg{seq: seq, ref: ref}
		if msg.account, msg.err = st.Account(c, ref); msg.err != nil {
			return msg
		}
		msg.lines, msg.err = st.Ledger(c, ref)
		return msg
	}
}

// Update handles messages.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.AccountSelectedMsg:
		if msg.Ref == m.ref && m.loaded {
			return m, nil
		}
		m.ref, m.loaded, m.err, m.lines, m.cursor, m.offset = msg.Ref, false, nil, nil, 0, 0
		m.account, m.statement, m.focusID = store.Account{}, nil, ""
		if m.form != nil && !m.form.Dirty() {
			// An untouched form belonged to the account left behind.
			m.form = nil
		}
		return m, m.load()
	case common.ChangedMsg:
		if m.ref != "" && msg.Touches(m.ref) {
			cmds := []tea.Cmd{m.load()}
			if m.statement != nil {
				cmds = append(cmds, m.loadStatement(m.statement.from, m.statement.to))
			}
			return m, tea.Batch(cmds...)
		}
		return m, nil
	case loadedMsg:
		if msg.seq != m.seq || msg.ref != m.ref {
			return m, nil
		}
		m.loaded, m.err = true, msg.err
		if msg.err != nil {
			return m, nil
		}
		m.account, m.lines = msg.account, msg.lines
		m.cursor = len(m.lines) - 1
		if m.focusID != "" {
			for i, l := range m.lines {
				if l.ID == m.focusID {
					m.cursor = i
				}
			}
			m.focusID = ""
		}
		m.offset = len(m.lines) // clamp scrolls so the cursor's line is the last shown
		m.clamp()
		return m, nil
	case statementMsg:
		if m.statement != nil && msg.seq == m.stmtSeq {
			m.statement.loaded, m.statement.st, m.statement.err = true, msg.st, msg.err
		}
		return m, nil
	case form.ConfirmMsg, form.SubmitMsg, form.CancelMsg, form.SavedMsg:
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
		return m, cmd
	}
	k := m.keys
	if m.statement != nil {
		switch {
		case key.Matches(msg, k.Back):
			m.statement = nil
		case key.Matches(msg, k.Up):
			m.statement.offset--
		case key.Matches(msg, k.Down):
			m.statement.offset++
		case key.Matches(msg, k.PageUp):
			m.statement.offset -= m.statementHeight()
		case key.Matches(msg, k.PageDown):
			m.statement.offset += m.statementHeight()
		case key.Matches(msg, k.Top):
			m.statement.offset = 0
		case key.Matches(msg, k.Bottom):
			m.statement.offset = len(m.statement.st.Lines)
		case key.Matches(msg, k.Statement):
			return m.openStatementForm()
		}
		if m.statement != nil {
			// Opening and closing rows frame the period's lines.
			m.statement.offset = max(min(m.statement.offset, len(m.statement.st.Lines)+2-m.statementHeight()), 0)
		}
		return m, nil
	}
	if row, ok := k.Move(msg, m.cursor, len(m.lines), m.tableHeight()); ok {
		m.cursor = row
		m.clamp()
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Refresh):
		if m.ref != "" {
			return m, m.load()
		}
	case key.Matches(msg, k.Pay, k.Adjust, k.Transfer, k.Refund, k.WriteOff, k.Reverse, k.Statement):
		return m.action(msg)
	}
	m.clamp()
	return m, nil
}

// action opens the form for a money key, once an account is shown.
func (m Model) action(msg tea.KeyMsg) (Model, tea.Cmd) {
	if m.ref == "" {
		return m, common.Status("Choose an account first: press enter on it in the Caseload pane (1).")
	}
	if !m.loaded || m.err != nil {
		return m, common.Status("The ledger of " + m.ref + " is not loaded yet.")
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Pay):
		return m.openForm(paymentForm(m.ctx, m.account))
	case key.Matches(msg, k.Adjust):
		return m.openForm(adjustmentForm(m.ctx, m.account))
	case key.Matches(msg, k.Transfer):
		if !m.account.Balance.IsNegative() {
			return m, common.Status(m.ref + " has no credit to transfer (balance " + m.account.Balance.Balance() + ").")
		}
		return m.openForm(transferForm(m.ctx, m.account))
	case key.Matches(msg, k.Refund):
		if !m.account.Balance.IsNegative() {
			return m, common.Status(m.ref + " has no credit to refund (balance " + m.account.Balance.Balance() + ").")
		}
		return m.openForm(refundForm(m.ctx, m.account))
	case key.Matches(msg, k.WriteOff):
		if !m.account.Balance.IsPositive() {
			return m, common.Status(m.ref + " owes nothing to write off (balance " + m.account.Balance.Balance() + ").")
		}
		return m.openForm(writeOffForm(m.ctx, m.account))
	case key.Matches(msg, k.Reverse):
		l, ok := m.current()
		if !ok {
			return m, common.Status(m.ref + " has no transaction to reverse.")
		}
		if why := cannotReverse(l); why != "" {
			return m, common.Status(why)
		}
		m2, cmd := m.openForm(reverseForm(m.ctx, m.account, l))
		m2.formTxn = l
		return m2, cmd
	case key.Matches(msg, k.Statement):
		return m.openStatementForm()
	}
	return m, nil
}

// cannotReverse says why a line cannot be reversed ("" when it can), so
// the officer is told at once rather than after filling a form.
func cannotReverse(l store.LedgerLine) string {
	switch {
	case l.Void:
		return l.ID + " is a void duplicate reversal: it already counts for nothing."
	case l.ReversedBy != "":
		return l.ID + " was already reversed by " + l.ReversedBy + "."
	case l.Type == domain.TxnTransferIn || l.Type == domain.TxnTransferOut:
		return l.ID + " is one side of a transfer: transfer the credit back instead (t on the other account)."
	}
	return ""
}

func (m Model) openForm(f form.Model) (Model, tea.Cmd) {
	m.form, m.formRef, m.formTxn = form.Sized(&f, m.width), m.ref, store.LedgerLine{}
	return m, nil
}

// loadStatement reads the statement preview for a period.
func (m *Model) loadStatement(from, to domain.Date) tea.Cmd {
	m.stmtSeq++
	seq, ref, st := m.stmtSeq, m.ref, m.ctx.Ledger()
	if m.statement == nil || m.statement.from != from || m.statement.to != to {
		m.statement = &statementView{from: from, to: to}
	}
	return func() tea.Msg {
		s, err := st.Statement(m.ctx.Ctx, ref, from, to)
		return statementMsg{seq: seq, st: s, err: err}
	}
}

// current is the highlighted transaction.
func (m Model) current() (store.LedgerLine, bool) {
	if m.cursor < 0 || m.cursor >= len(m.lines) {
		return store.LedgerLine{}, false
	}
	return m.lines[m.cursor], true
}

// clamp keeps the cursor on a line and in view.
func (m *Model) clamp() {
	m.cursor, m.offset = common.Scroll(m.cursor, m.offset, len(m.lines), m.tableHeight())
}

// ShortHelp is the one-line help: every action has its key here.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.form != nil:
		return m.form.ShortHelp()
	case m.statement != nil:
		return []key.Binding{k.Back, k.Down, k.Up, k.Statement}
	}
	return []key.Binding{k.Pay, k.Adjust, k.Transfer, k.Refund, k.WriteOff, k.Reverse, k.Statement, k.Down, k.Up}
}

// FullHelp is every key, grouped.
func (m Model) FullHelp() [][]key.Binding {
	k := m.keys
	switch {
	case m.form != nil:
		return m.form.FullHelp()
	case m.statement != nil:
		return [][]key.Binding{{k.Back, k.Down, k.Up, k.Statement}}
	}
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
		{k.Pay, k.Adjust, k.Transfer, k.Refund, k.WriteOff, k.Reverse},
		{k.Statement, k.Back, k.Refresh},
	}
}
