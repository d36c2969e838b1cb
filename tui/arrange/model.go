// Package arrange is the arrangement calculator pane: the officer types a
// balance, a frequency, a start and an instalment or a clear-by date, and
// the schedule redraws on every keystroke (domain/arrangement.Calculate is
// pure and fast); an income and expenditure sub-form suggests an affordable
// instalment; for a Universal Credit claimant the rent-arrears deduction
// range is shown with its source; the account's live arrangement and its
// history sit beside the result; and the calculation is saved as the
// account's arrangement after a confirmation that says what it will end.
package arrange

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/form"
)

// field is one of the calculator's inputs, in the order tab visits them.
type field int

const (
	fBalance field = iota
	fFrequency
	fStart
	fBy
	fAmount // the instalment, or the clear-by date when working out by date
	nFields
)

// The text inputs behind the text fields (the amount field has two, so
// switching between instalment and clear-by keeps what was typed in each).
const (
	inBalance = iota
	inStart
	inInstalment
	inClearBy
	nInputs
)

// byChoices are the two ways of working out a schedule.
var byChoices = []string{"instalment", "clear-by date"}

// Model is the arrangement pane.
type Model struct {
	ctx    *common.Context
	afford arrangement.AffordabilityPolicy
	keys   KeyMap
	width  int
	height int

	// The selected account: ref is set at once, account and records when
	// loaded (a nil account with a ref is still loading).
	ref     string
	loadSeq int
	account *store.Account
	records []store.ArrangementRecord
	cadence worklist.Cadence
	loadErr error
	// fresh: the calculator has not yet been filled from this account.
	fresh bool

	// The calculator.
	inputs    [nInputs]textinput.Model
	freq      int // index into arrangement.Frequencies
	byClearBy bool
	focus     field
	editing   bool
	// edited: the officer has changed a figure since the calculator was
	// last filled from the account or saved.
	edited bool
	// touched: fields the officer has typed in (an empty untouched field
	// shows what it needs as a hint, not as a mistake).
	touched [nFields]bool

	// The result of the figures as they stand.
	plan   arrangement.Plan
	planOK bool
	errs   [nFields]string

	offset      int // first schedule line shown
	showHistory bool
	claimant    int // index into arrangement.ClaimantTypes

	// aff is the income and expenditure statement, kept while the officer
	// is back in the calculator; affOpen shows it.
	aff     *affordability
	affOpen bool
	form    *form.Model
}

// New builds the pane. The context's policy gives the grace days the live
// arrangement is monitored with (the worklist's).
func New(ctx *common.Context) Model {
	m := Model{ctx: ctx, afford: arrangement.DefaultAffordability, keys: DefaultKeyMap(),
		claimant: indexOfClaimant(arrangement.Single25Plus)}
	placeholders := [nInputs]string{"e.g. 1100.00", "YYYY-MM-DD", "e.g. 10.00", "YYYY-MM-DD"}
	for i := range m.inputs {
		in := textinput.New()
		in.Prompt = ""
		in.Placeholder = placeholders[i]
		in.CharLimit = 16
		in.Width = 16
		in.Cursor.SetMode(cursor.CursorStatic)
		m.inputs[i] = in
	}
	m.inputs[inStart].SetValue(DefaultStart(ctx.Today).String())
	m.recalc()
	return m
}

// DefaultStart is where a new schedule starts: the Monday after today.
// Rent is debited on Mondays, so instalments that fall on the same day as
// the rent are paid together and monitored together (RULES.md checks the
// charges and the instalments due on the same dates); and a start a few
// days off gives the resident time to set up a standing order or wait for
// pay day, where a start of today is often missed before it began. The
// officer changes it freely (to the UC payment date for a claimant paid
// monthly, say).
func DefaultStart(today domain.Date) domain.Date {
	d := today.AddDays(1)
	for d.Weekday() != time.Monday {
		d = d.AddDays(1)
	}
	return d
}

func indexOfClaimant(c arrangement.ClaimantType) int {
	for i, x := range arrangement.ClaimantTypes {
		if x == c {
			return i
		}
	}
	return 0
}

// Title is the pane's tab title.
func (m Model) Title() string { return "Arrangement" }

// Init has nothing to load until an account is chosen: the calculator
// works without one.
func (m Model) Init() tea.Cmd { return nil }

// Capturing reports whether a field, the affordability sub-form or a form
// has the keyboard (so digits and q are text, not the root's keys).
func (m Model) Capturing() bool { return m.editing || m.affOpen || m.form != nil }

// Dirty reports unsaved input: an open save or cancel form, or figures the
// officer typed for the account that are not saved as its arrangement.
func (m Model) Dirty() bool {
	return (m.form != nil && m.form.Dirty()) || (m.edited && m.ref != "")
}

// SetSize fits the pane to w×h cells.
func (m Model) SetSize(w, h int) Model {
	m.width, m.height = w, h
	m.form = form.Sized(m.form, w)
	m.clampOffset()
	if m.aff != nil {
		m.aff.clamp(m.affListHeight())
	}
	return m
}

type loadedMsg struct {
	seq     int
	ref     string
	account store.Account
	records []store.ArrangementRecord
	// cadence is how the account's payments arrive, learned from them.
	cadence worklist.Cadence
	err     error
}

// load reads the account and its arrangements; a newer load makes an older
// answer stale.
func (m *Model) load() tea.Cmd {
	m.loadSeq++
	seq, ref, st, today, p := m.loadSeq, m.ref, m.ctx.Store, m.ctx.Today, m.ctx.Policy
	return func() tea.Msg {
		c := m.ctx.Ctx
		msg := loadedMsg{seq: seq, ref: ref}
		if msg.account, msg.err = st.Account(c, ref); msg.err != nil {
			return msg
		}
		if msg.records, msg.err = st.Arrangements(c, ref, today, p.ArrangementGraceDays); msg.err != nil {
			return msg
		}
		facts, err := st.AccountFacts(c, ref, today, p)
		msg.cadence, msg.err = worklist.LearnCadence(facts.Payments), err
		return msg
	}
}

// Update handles messages.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.AccountSelectedMsg:
		if msg.Ref != m.ref {
			// Another resident: nothing typed for the last one applies.
			m.ref, m.account, m.records, m.loadErr, m.fresh, m.edited = msg.Ref, nil, nil, nil, true, false
			m.cadence, m.freq = worklist.Cadence{}, 0 // weekly until the account says otherwise
			m.form, m.aff, m.affOpen, m.offset = nil, nil, false, 0
			m.inputs[inInstalment].SetValue("")
			m.inputs[inClearBy].SetValue("")
			m.inputs[inStart].SetValue(DefaultStart(m.ctx.Today).String())
			m.recalc()
		}
		return m, m.load()
	case common.ChangedMsg:
		if m.ref != "" && msg.Touches(m.ref) {
			return m, m.load()
		}
		return m, nil
	case loadedMsg:
		if msg.seq != m.loadSeq || msg.ref != m.ref {
			return m, nil
		}
		if msg.err != nil {
			m.loadErr = msg.err
			return m, func() tea.Msg { return common.ErrMsg{Err: msg.err} }
		}
		a := msg.account
		m.account, m.records, m.cadence, m.loadErr = &a, msg.records, msg.cadence, nil
		if m.fresh || !m.edited {
			m.fillFromAccount()
		}
		return m, nil
	case form.ConfirmMsg, form.CancelMsg, form.SubmitMsg, form.SavedMsg:
		return m.formMsg(msg)
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

// fillFromAccount sets the calculator from the account: its balance when
// it is in arrears (a balance in credit or nil has nothing to schedule, so
// the field is left for the officer), the frequency it pays at, and the
// rent line of the affordability statement.
func (m *Model) fillFromAccount() {
	m.fresh, m.edited = false, false
	m.touched = [nFields]bool{}
	bal := ""
	if m.account != nil && m.account.Balance.IsPositive() {
		bal = m.account.Balance.String()
	}
	m.inputs[inBalance].SetValue(bal)
	m.inputs[inBalance].CursorEnd()
	if i, ok := m.accountFrequency(); ok {
		m.freq = i
	}
	if m.aff != nil && m.account != nil {
		m.aff.setRent(m.account.WeeklyCharge(m.ctx.Today), m.account.RentFreeWeeks)
	}
	m.recalc()
}

// accountFrequency is the frequency a schedule for the account starts
// from: its live arrangement's, else the one its payments arrive at (a
// Universal Credit claimant paid monthly repays monthly, on pay day).
func (m Model) accountFrequency() (int, bool) {
	f := ""
	if live := m.live(); live != nil {
		f = string(live.Terms.Frequency)
	} else if m.cadence.Regular() {
		f = string(m.cadence.Frequency)
	}
	for i, x := range arrangement.Frequencies {
		if string(x) == f {
			return i, true
		}
	}
	return 0, false
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	if m.form != nil {
		f, cmd := m.form.Update(msg)
		m.form = &f
		return m, cmd
	}
	if m.affOpen {
		return m.affordKey(msg)
	}
	if m.editing {
		return m.editKey(msg)
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Edit):
		return m.startEditing()
	case key.Matches(msg, k.Up):
		m.offset--
	case key.Matches(msg, k.Down):
		m.offset++
	case key.Matches(msg, k.PageUp):
		m.offset -= m.panelRows()
	case key.Matches(msg, k.PageDown):
		m.offset += m.panelRows()
	case key.Matches(msg, k.Top):
		m.offset = 0
	case key.Matches(msg, k.Bottom):
		m.offset = 1 << 30
	case key.Matches(msg, k.History):
		m.showHistory = !m.showHistory
		m.offset = 0
	case key.Matches(msg, k.Afford):
		return m.openAfford()
	case key.Matches(msg, k.Save):
		return m.openSave()
	case key.Matches(msg, k.CancelArrangement):
		return m.openCancel()
	case key.Matches(msg, k.Claimant):
		// u changes the claimant type of the UC deduction range, which only
		// a Universal Credit claimant has: anywhere else, say why nothing happens.
		switch {
		case m.account == nil:
			return m, common.Status("u: no account chosen, so there is no UC deduction range to change.")
		case !m.account.UCClaimant:
			return m, common.Status("u: " + m.ref + " is not a UC claimant, so it has no UC deduction range.")
		}
		m.claimant = (m.claimant + 1) % len(arrangement.ClaimantTypes)
	case key.Matches(msg, k.Reset):
		if m.account == nil {
			return m, common.Status("No account chosen: there is nothing to reset to.")
		}
		m.fillFromAccount()
		return m, common.Status("Figures reset to " + m.ref + ".")
	}
	m.clampOffset()
	return m, nil
}

func (m Model) startEditing() (Model, tea.Cmd) {
	m.editing = true
	return m, m.focusField(m.focus)
}

// focusField moves the keyboard to a field.
func (m *Model) focusField(f field) tea.Cmd {
	m.focus = f
	var cmd tea.Cmd
	for i := range m.inputs {
		if m.editing && i == m.inputOf(f) {
			cmd = m.inputs[i].Focus()
		} else {
			m.inputs[i].Blur()
		}
	}
	return cmd
}

// inputOf is the text input behind a field (-1 for a choice field).
func (m Model) inputOf(f field) int {
	switch f {
	case fBalance:
		return inBalance
	case fStart:
		return inStart
	case fAmount:
		if m.byClearBy {
			return inClearBy
		}
		return inInstalment
	}
	return -1
}

func (m Model) editKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.DoneEditing):
		m.editing = false
		m.focusField(m.focus)
		return m, nil
	case key.Matches(msg, k.Next):
		return m, m.focusField((m.focus + 1) % nFields)
	case key.Matches(msg, k.Prev):
		return m, m.focusField((m.focus + nFields - 1) % nFields)
	case key.Matches(msg, k.NextOrDone):
		if m.focus == nFields-1 {
			m.editing = false
			m.focusField(m.focus)
			return m, nil
		}
		return m, m.focusField(m.focus + 1)
	}
	switch m.focus {
	case fFrequency:
		if i, ok := cycle(msg, k, m.freq, frequencyNames()); ok {
			m.freq = i
			m.changed(fFrequency)
		}
		return m, nil
	case fBy:
		i := 0
		if m.byClearBy {
			i = 1
		}
		if i, ok := cycle(msg, k, i, byChoices); ok {
			m.byClearBy = i == 1
			m.changed(fBy)
		}
		return m, nil
	}
	in := m.inputOf(m.focus)
	before := m.inputs[in].Value()
	var cmd tea.Cmd
	m.inputs[in], cmd = m.inputs[in].Update(msg)
	if m.inputs[in].Value() != before {
		m.changed(m.focus)
	}
	return m, cmd
}

// cycle moves a choice with ←/→/space, or jumps to the first choice that
// starts with the letter typed.
func cycle(msg tea.KeyMsg, k KeyMap, i int, choices []string) (int, bool) {
	switch {
	case key.Matches(msg, k.ChoosePrev):
		return (i + len(choices) - 1) % len(choices), true
	case key.Matches(msg, k.ChooseNext):
		return (i + 1) % len(choices), true
	case msg.Type == tea.KeyRunes && len(msg.Runes) == 1:
		for j, c := range choices {
			if strings.HasPrefix(c, string(msg.Runes)) {
				return j, true
			}
		}
	}
	return i, false
}

func frequencyNames() []string {
	out := make([]string, len(arrangement.Frequencies))
	for i, f := range arrangement.Frequencies {
		out[i] = string(f)
	}
	return out
}

// changed records an officer's edit and redraws the result.
func (m *Model) changed(f field) {
	m.edited = true
	m.touched[f] = true
	m.recalc()
}

// Request is the calculator request the figures make, or the first
// problem of each field that cannot be read.
func (m Model) request() (arrangement.Request, [nFields]string) {
	var r arrangement.Request
	var errs [nFields]string
	r.Frequency = arrangement.Frequencies[m.freq]
	if v := strings.TrimSpace(m.inputs[inBalance].Value()); v == "" {
		errs[fBalance] = "give the arrears balance, e.g. 1100.00"
		if m.account != nil && !m.account.Balance.IsPositive() {
			errs[fBalance] = fmt.Sprintf("%s is not in arrears (balance %s): type a balance to try figures", m.ref, m.account.Balance.Balance())
		}
	} else if b, err := domain.ParseMoney(typing(v)); err != nil {
		errs[fBalance] = err.Error()
	} else {
		r.Balance = b
	}
	if v := strings.TrimSpace(m.inputs[inStart].Value()); v == "" {
		errs[fStart] = "give the date of the first instalment, YYYY-MM-DD"
	} else if d, err := domain.ParseDateUK(v); err != nil {
		errs[fStart] = err.Error()
	} else {
		r.Start = d
	}
	if m.byClearBy {
		if v := strings.TrimSpace(m.inputs[inClearBy].Value()); v == "" {
			errs[fAmount] = "give the date to clear the balance by, YYYY-MM-DD"
		} else if d, err := domain.ParseDateUK(v); err != nil {
			errs[fAmount] = err.Error()
		} else {
			r.ClearBy = d
		}
	} else {
		if v := strings.TrimSpace(m.inputs[inInstalment].Value()); v == "" {
			errs[fAmount] = "give the instalment, e.g. 10.00 (or work out by a clear-by date)"
		} else if a, err := domain.ParseMoney(typing(v)); err != nil {
			errs[fAmount] = err.Error()
		} else {
			r.Instalment = &a
		}
	}
	return r, errs
}

// typing reads an amount as it is being typed: "100." is on its way to
// "100.50", so the result stays at £100 rather than flashing a refusal
// between two keystrokes. Everything else is domain.ParseMoney's to judge.
func typing(v string) string {
	if strings.HasSuffix(v, ".") && !strings.HasSuffix(v, "..") {
		return strings.TrimSuffix(v, ".")
	}
	return v
}

// recalc redraws the result from the figures: it runs on every keystroke.
func (m *Model) recalc() {
	r, errs := m.request()
	m.errs, m.planOK = errs, false
	for _, e := range errs {
		if e != "" {
			m.clampOffset()
			return
		}
	}
	p, err := arrangement.Calculate(r)
	if err != nil {
		m.errs[fieldOf(err)] = reasonOf(err)
		m.clampOffset()
		return
	}
	m.plan, m.planOK = p, true
	m.clampOffset()
}

// fieldOf places a calculator refusal under the field it is about.
func fieldOf(err error) field {
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		switch ve.Field {
		case "balance":
			return fBalance
		case "frequency":
			return fFrequency
		case "start":
			return fStart
		}
	}
	return fAmount
}

// reasonOf is a refusal without its field name: it is shown under the field.
func reasonOf(err error) string {
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		return ve.Reason
	}
	return err.Error()
}

// problem is the first thing wrong with the figures ("" when none).
func (m Model) problem() string {
	labels := [nFields]string{"Balance", "Frequency", "Start", "Work out by", m.amountLabel()}
	for f, e := range m.errs {
		if e != "" {
			return labels[f] + ": " + e
		}
	}
	return ""
}

func (m Model) amountLabel() string {
	if m.byClearBy {
		return "Clear by"
	}
	return "Instalment"
}

// live is the account's live arrangement (nil when none or not loaded).
func (m Model) live() *store.ArrangementRecord {
	for i := range m.records {
		if m.records[i].State == store.ArrangementLive {
			return &m.records[i]
		}
	}
	return nil
}

// ShortHelp is the one-line help for what the pane is doing.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.form != nil:
		return m.form.ShortHelp()
	case m.affOpen:
		return []key.Binding{k.Apply, k.Next, k.Choose, k.Back}
	case m.editing:
		return []key.Binding{k.Next, k.Choose, k.DoneEditing}
	}
	keys := []key.Binding{k.Edit, k.Down, k.Afford, k.Save, k.CancelArrangement, k.History}
	if m.account != nil && m.account.UCClaimant {
		keys = append(keys, k.Claimant)
	}
	return append(keys, k.Reset)
}

// FullHelp is every key, grouped.
func (m Model) FullHelp() [][]key.Binding {
	k := m.keys
	switch {
	case m.form != nil:
		return m.form.FullHelp()
	case m.affOpen:
		return [][]key.Binding{{k.Apply, k.Next, k.Prev, k.Choose, k.Back}}
	case m.editing:
		return [][]key.Binding{{k.Next, k.Prev, k.NextOrDone, k.Choose, k.DoneEditing}}
	}
	act := []key.Binding{k.Afford, k.Save, k.CancelArrangement, k.Reset}
	if m.account != nil && m.account.UCClaimant {
		act = append(act, k.Claimant)
	}
	return [][]key.Binding{
		{k.Edit, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.History},
		act,
	}
}
