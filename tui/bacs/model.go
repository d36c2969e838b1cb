// Package bacs is the Bacs view, opened from the Sync pane: the run log
// (files made, advices imported, posting runs) and the exceptions advices
// raised, with the keys that make a collection or AUDDIS file for a
// processing date, post the collections whose day has come, import an
// advice and settle an exception. Every write runs in a command and asks
// first; a file's confirmation shows what it would hold (a dry run).
package bacs

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"caseload/domain"
	dbacs "caseload/domain/bacs"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/form"
)

// part is one of the view's lists.
type part int

const (
	partRuns part = iota
	partExceptions
	nParts
)

// The forms.
const (
	formCollect = "bacs-collect"
	formAUDDIS  = "bacs-auddis"
	formImport  = "bacs-import"
	formSettle  = "bacs-settle"
)

// CloseMsg asks the Sync pane to close the view.
type CloseMsg struct{}

// Model is the Bacs view.
type Model struct {
	ctx           *common.Context
	keys          KeyMap
	width, height int
	part          part
	// originator is the council as a Bacs service user (from
	// CASELOAD_BACS_SUN, _NAME and _ACCOUNT), or why it is not known.
	originator dbacs.Originator
	noOrigin   error

	loadSeq     int
	loaded      bool
	runs        []store.BacsRun
	exceptions  []store.BacsException
	runAt, exAt int

	form *form.Model
	// settling is the exception the settle form is for.
	settling string
	// running is the progress text while a file, a posting or an import
	// runs.
	running string
	ask     *question
	// lines are what the last run said.
	lines []string
}

type question struct {
	text string
	run  tea.Cmd
}

// New builds the view; the service user comes from the environment, as
// the CLI's does.
func New(ctx *common.Context) Model {
	m := Model{ctx: ctx, keys: DefaultKeyMap()}
	m.originator, m.noOrigin = dbacs.ParseOriginator(os.Getenv("CASELOAD_BACS_SUN"), os.Getenv("CASELOAD_BACS_NAME"), os.Getenv("CASELOAD_BACS_ACCOUNT"))
	return m
}

// WithOriginator sets the service user (tests, or a caller that knows it).
func (m Model) WithOriginator(o dbacs.Originator) Model {
	m.originator, m.noOrigin = o, nil
	return m
}

// Init reads the run log and the open exceptions.
func (m Model) Init() tea.Cmd { return m.loadCmd() }

type loadedMsg struct {
	seq        int
	runs       []store.BacsRun
	exceptions []store.BacsException
	err        error
}

func (m *Model) load() tea.Cmd {
	m.loadSeq++
	return m.loadCmd()
}

func (m Model) loadCmd() tea.Cmd {
	seq, st, ctx := m.loadSeq, m.ctx.Store, m.ctx.Ctx
	return func() tea.Msg {
		out := loadedMsg{seq: seq}
		if out.runs, out.err = st.BacsRuns(ctx); out.err != nil {
			return out
		}
		out.exceptions, out.err = st.BacsExceptions(ctx, false)
		return out
	}
}

// doneMsg answers a posting run.
type doneMsg struct {
	text string
	err  error
}

// Capturing reports whether a form or a question has the keyboard.
func (m Model) Capturing() bool { return m.form != nil || m.ask != nil }

// Dirty reports whether a form holds unsaved input.
func (m Model) Dirty() bool { return m.form != nil && m.form.Dirty() }

// SetSize fits the view to w×h cells.
func (m Model) SetSize(w, h int) Model {
	m.width, m.height = w, h
	m.form = form.Sized(m.form, w)
	return m
}

// Update handles messages.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.seq != m.loadSeq {
			return m, nil
		}
		if msg.err != nil {
			return m, errCmd(msg.err)
		}
		m.loaded, m.runs, m.exceptions = true, msg.runs, msg.exceptions
		m.runAt, m.exAt = clamp(m.runAt, len(m.runs)), clamp(m.exAt, len(m.exceptions))
		return m, nil
	case common.ChangedMsg:
		return m, m.load()
	case form.SubmitMsg:
		if m.form != nil && msg.ID == m.form.ID && m.running == "" {
			m.running = running(msg.ID)
			return m, m.submit(msg)
		}
		return m, nil
	case form.SavedMsg:
		m.running = ""
		if msg.Err == nil && msg.Made != "" {
			m.lines = strings.Split(msg.Made, "\n")
		}
		var cmd tea.Cmd
		m.form, cmd, _ = form.Host{}.Route(m.form, msg)
		return m, cmd
	case form.ConfirmMsg, form.CancelMsg:
		var cmd tea.Cmd
		m.form, cmd, _ = form.Host{Cancelled: "Cancelled: nothing was written."}.Route(m.form, msg)
		return m, cmd
	case doneMsg:
		m.running = ""
		if msg.err != nil {
			return m, errCmd(msg.err)
		}
		m.lines = []string{msg.text}
		return m, tea.Batch(common.Status(msg.text), common.Changed())
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

func running(id string) string {
	switch id {
	case formCollect:
		return "Making the collection file… (every mandate is read and the file checked whole)"
	case formAUDDIS:
		return "Making the AUDDIS file…"
	case formImport:
		return "Importing the advice… (the whole file is checked before anything is written)"
	}
	return "Saving…"
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	if m.ask != nil {
		q := m.ask
		m.ask = nil
		if key.Matches(msg, k.Yes) {
			m.running = "Posting the collections…"
			return m, q.run
		}
		return m, common.Status("Cancelled: nothing was written.")
	}
	if m.form != nil {
		if m.running != "" {
			return m, nil
		}
		f, cmd := m.form.Update(msg)
		m.form = &f
		return m, cmd
	}
	switch {
	case key.Matches(msg, k.Close):
		return m, func() tea.Msg { return CloseMsg{} }
	case key.Matches(msg, k.NextPart):
		m.part = (m.part + 1) % nParts
	case key.Matches(msg, k.PrevPart):
		m.part = (m.part + nParts - 1) % nParts
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Refresh):
		return m, m.load()
	case m.running != "":
	case key.Matches(msg, k.Collect):
		return m.openFile(formCollect)
	case key.Matches(msg, k.AUDDIS):
		return m.openFile(formAUDDIS)
	case key.Matches(msg, k.Import):
		return m.openImport()
	case key.Matches(msg, k.Post):
		today, st, ctx := m.ctx.Today, m.ctx.Store, m.ctx.Ctx
		m.ask = &question{text: fmt.Sprintf("Post every Direct Debit collection whose day has come (to %s) as a payment, method dd? Each is posted once.", today),
			run: func() tea.Msg {
				p, err := st.PostCollections(ctx, today, today)
				if err != nil {
					return doneMsg{err: err}
				}
				if p.Count == 0 {
					return doneMsg{text: "No Direct Debit collections to post: every one whose day has come is posted."}
				}
				return doneMsg{text: fmt.Sprintf("%d Direct Debit payments posted, %s.", p.Count, p.Total.Human())}
			}}
	case key.Matches(msg, k.Settle) && m.part == partExceptions && len(m.exceptions) > 0:
		return m.openSettle(m.exceptions[m.exAt])
	}
	return m, nil
}

func (m *Model) move(d int) {
	if m.part == partRuns {
		m.runAt = clamp(m.runAt+d, len(m.runs))
	} else {
		m.exAt = clamp(m.exAt+d, len(m.exceptions))
	}
}

func (m Model) open(f form.Model) (Model, tea.Cmd) {
	m.form = form.Sized(&f, m.width)
	return m, nil
}

// openFile asks for a file's processing date and where to write it; its
// confirmation is a dry run saying what the file would hold.
func (m Model) openFile(id string) (Model, tea.Cmd) {
	kind, title := store.RunCollection, "Make the collection file"
	if id == formAUDDIS {
		kind, title = store.RunAUDDIS, "Make the AUDDIS file"
	}
	next := m.ctx.Holidays.AddWorkingDays(m.ctx.Today, 1)
	f := form.New(id, title, m.ctx.Styles, []form.Field{
		{Key: "date", Label: "Processing date", Value: next.String(), Hint: "Bacs day 2: the payers are debited the next working day",
			Validate: func(v string) error {
				_, err := domain.ParseDate(strings.TrimSpace(v))
				return err
			}},
		{Key: "out", Label: "File", Placeholder: "default: beside the database", Hint: "never written over an existing file"},
	}, m.confirmFile(kind))
	return m.open(f)
}

func (m Model) fileOptions(kind string, v form.Values, dry bool) (domain.Date, store.BacsFileOptions, string, error) {
	p, err := domain.ParseDate(strings.TrimSpace(v["date"]))
	if err != nil {
		return p, store.BacsFileOptions{}, "", err
	}
	if m.noOrigin != nil {
		return p, store.BacsFileOptions{}, "", m.noOrigin
	}
	path := strings.TrimSpace(v["out"])
	if path == "" {
		path = m.ctx.Store.DefaultBacsFile(kind, p)
	}
	o := store.BacsFileOptions{Originator: m.originator, Policy: dbacs.DefaultRepresentationPolicy(), File: filepath.Base(path), DryRun: dry}
	if !dry {
		o.Deliver = store.WriteBacsFile(path)
	}
	return p, o, path, nil
}

func (m Model) makeFile(kind string) func(p domain.Date, o store.BacsFileOptions) (store.BacsFile, error) {
	return func(p domain.Date, o store.BacsFileOptions) (store.BacsFile, error) {
		if kind == store.RunAUDDIS {
			return m.ctx.Store.AUDDIS(m.ctx.Ctx, p, m.ctx.Today, o)
		}
		return m.ctx.Store.Collect(m.ctx.Ctx, p, m.ctx.Today, o)
	}
}

func (m Model) confirmFile(kind string) func(form.Values) tea.Cmd {
	id := formCollect
	if kind == store.RunAUDDIS {
		id = formAUDDIS
	}
	return func(v form.Values) tea.Cmd {
		return func() tea.Msg {
			p, o, path, err := m.fileOptions(kind, v, true)
			if err == nil {
				err = store.CheckBacsFile(path)
			}
			if err != nil {
				return form.ConfirmMsg{ID: id, Err: err}
			}
			f, err := m.makeFile(kind)(p, o)
			if err != nil {
				return form.ConfirmMsg{ID: id, Err: err}
			}
			if len(f.Due) == 0 {
				return form.ConfirmMsg{ID: id, Err: fmt.Errorf("nothing to put in the %s file for processing date %s", kind, p)}
			}
			return form.ConfirmMsg{ID: id, Text: fmt.Sprintf("Write %s: %s; %d left out.", path, dbacs.FileSummary(f.Due, f.Cycle.Entry), len(f.Skipped))}
		}
	}
}

func (m Model) openImport() (Model, tea.Cmd) {
	f := form.New(formImport, "Import a Bacs advice (ARUDD, ADDACS or AUDDIS)", m.ctx.Styles, []form.Field{
		{Key: "file", Label: "File", Hint: "the advice from the bank or bureau; recognised by its content",
			Validate: func(v string) error {
				if strings.TrimSpace(v) == "" {
					return fmt.Errorf("give the advice file's path")
				}
				return nil
			}},
	}, func(v form.Values) tea.Cmd {
		return func() tea.Msg {
			b, err := os.ReadFile(strings.TrimSpace(v["file"]))
			if err != nil {
				return form.ConfirmMsg{ID: formImport, Err: fmt.Errorf("%s cannot be read", v["file"])}
			}
			kind, err := dbacs.Detect(b)
			if err != nil {
				return form.ConfirmMsg{ID: formImport, Err: fileErr(v["file"], err)}
			}
			return form.ConfirmMsg{ID: formImport, Text: fmt.Sprintf("Import this %s advice? It is checked whole first; nothing is written if any of it is wrong.", kind)}
		}
	})
	return m.open(f)
}

func (m Model) openSettle(e store.BacsException) (Model, tea.Cmd) {
	f := form.New(formSettle, "Settle exception "+e.ID+": "+e.Why, m.ctx.Styles, []form.Field{
		{Key: "note", Label: "Note", Hint: "how it was dealt with",
			Validate: func(v string) error {
				if strings.TrimSpace(v) == "" {
					return fmt.Errorf("say how the exception was dealt with")
				}
				return nil
			}},
	}, func(v form.Values) tea.Cmd {
		return func() tea.Msg {
			return form.ConfirmMsg{ID: formSettle, Text: "Settle " + e.ID + " (" + e.Reference + ") with this note?"}
		}
	})
	m.settling = e.ID
	return m.open(f)
}

// submit runs the confirmed form's write.
func (m Model) submit(msg form.SubmitMsg) tea.Cmd {
	v := msg.Values
	saved := func(text, made string, err error) tea.Msg {
		return form.SavedMsg{ID: msg.ID, Text: text, Made: made, Err: err}
	}
	switch msg.ID {
	case formCollect, formAUDDIS:
		kind := store.RunCollection
		if msg.ID == formAUDDIS {
			kind = store.RunAUDDIS
		}
		return func() tea.Msg {
			p, o, path, err := m.fileOptions(kind, v, false)
			if err != nil {
				return saved("", "", err)
			}
			f, err := m.makeFile(kind)(p, o)
			if err != nil {
				return saved("", "", err)
			}
			return saved(fmt.Sprintf("%s written: %s.", path, dbacs.FileSummary(f.Due, f.Cycle.Entry)), "", nil)
		}
	case formImport:
		st, ctx, today := m.ctx.Store, m.ctx.Ctx, m.ctx.Today
		return func() tea.Msg {
			name := strings.TrimSpace(v["file"])
			b, err := os.ReadFile(name)
			if err != nil {
				return saved("", "", err)
			}
			out, err := st.ImportAdvice(ctx, filepath.Base(name), b, m.originator.SUN, dbacs.DefaultRepresentationPolicy(), today)
			if err != nil {
				return saved("", "", fileErr(name, err))
			}
			text := fmt.Sprintf("%s advice of %s imported: %d items, %d exceptions.", out.Kind, out.Date, len(out.Lines), out.Exceptions)
			return saved(text, strings.Join(out.Lines, "\n"), nil)
		}
	case formSettle:
		st, ctx, today, id := m.ctx.Store, m.ctx.Ctx, m.ctx.Today, m.settling
		return func() tea.Msg {
			err := st.SettleException(ctx, id, v["note"], today)
			return saved("Exception "+id+" settled.", "", err)
		}
	}
	return nil
}

// fileErr names the file in an advice's refusal, as the CLI does.
func fileErr(name string, err error) error {
	if fe, ok := err.(*dbacs.FileError); ok {
		return fmt.Errorf("%s", fe.In(filepath.Base(name)))
	}
	return err
}

func errCmd(err error) tea.Cmd { return func() tea.Msg { return common.ErrMsg{Err: err} } }

func clamp(i, n int) int { return max(min(i, n-1), 0) }

// View draws the view in exactly its height.
func (m Model) View() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	s := m.ctx.Styles
	head := s.Title.Render(common.Truncate("Bacs · Direct Debit files and advices", m.width)) + "\n" + m.tabs()
	bodyH := max(m.height-2, 1)
	var body string
	switch {
	case m.form != nil:
		body = m.form.View(m.width)
		if m.running != "" {
			body += "\n" + s.Warning.Render(common.Truncate("  "+m.running, m.width))
		}
	case m.part == partExceptions:
		body = m.exceptionsView()
	default:
		body = m.runsView()
	}
	if m.form == nil && len(m.lines) > 0 {
		body += "\n\n" + m.said()
	}
	if m.ask != nil {
		q := s.Muted.Render(strings.Repeat("─", m.width)) + "\n" + strings.Join(common.WrapIndent("  ", m.ask.text, m.width), "\n") + "\n" +
			s.Warning.Render("  y to confirm · any other key cancels")
		body = common.FitHeight(body, max(bodyH-lipgloss.Height(q), 0)) + "\n" + q
	} else if m.running != "" && m.form == nil {
		body = s.Warning.Render("  "+m.running) + "\n" + body
	}
	return common.FitHeight(head+"\n"+common.FitHeight(body, bodyH), m.height)
}

func (m Model) tabs() string {
	s := m.ctx.Styles
	labels := []string{"Run log", "Exceptions"}
	if m.loaded {
		labels[0] = fmt.Sprintf("Run log %d", len(m.runs))
		labels[1] = fmt.Sprintf("Exceptions %d", len(m.exceptions))
	}
	out := make([]string, len(labels))
	for i, l := range labels {
		if part(i) == m.part {
			out[i] = s.BadgeActive.Render("[" + l + "]")
		} else {
			out[i] = s.Badge.Render(" " + l + " ")
		}
	}
	return common.Truncate(strings.Join(out, " "), m.width)
}

func (m Model) row(selected bool, text string) string {
	glyph := "  "
	if selected {
		glyph = "› "
	}
	line := common.Truncate(glyph+text, m.width)
	if selected {
		return m.ctx.Styles.Selected.Render(line)
	}
	return line
}

func (m Model) runsView() string {
	var b []string
	if !m.loaded {
		return "  Reading the run log…"
	}
	if len(m.runs) == 0 {
		b = append(b, common.WrapIndent("  ", "No Bacs runs yet: c makes a collection file, a an AUDDIS file, i imports an advice.", m.width)...)
	}
	for i, r := range m.runs {
		ex := ""
		if r.Exceptions > 0 {
			ex = fmt.Sprintf(" · %d exceptions (%d open)", r.Exceptions, r.OpenExcepts)
		}
		b = append(b, m.row(i == m.runAt, fmt.Sprintf("%s %s: %s%s", r.Date, r.Kind, r.Summary, ex)))
	}
	return strings.Join(b, "\n")
}

// said is what the last run said, under the list.
func (m Model) said() string {
	var b []string
	for _, l := range m.lines {
		b = append(b, m.ctx.Styles.Muted.Render(common.Truncate("  "+l, m.width)))
	}
	return strings.Join(b, "\n")
}

func (m Model) exceptionsView() string {
	if !m.loaded {
		return "  Reading the exceptions…"
	}
	if len(m.exceptions) == 0 {
		return "  No open exceptions: every advice item matched."
	}
	var b []string
	for i, e := range m.exceptions {
		b = append(b, m.row(i == m.exAt, fmt.Sprintf("%s %s %s %s: %s", e.AdviceDate, strings.ToUpper(e.Kind), e.Reference, e.Amount.Human(), e.Why)))
	}
	if e := m.exceptions[m.exAt]; e.Detail != "" {
		for _, l := range common.WrapIndent("  ", e.Detail+" ("+e.File+", "+e.Place+")", m.width) {
			b = append(b, m.ctx.Styles.Muted.Render(l))
		}
	}
	return strings.Join(b, "\n")
}

// ShortHelp is the one-line help for what the view shows now.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.ask != nil:
		return []key.Binding{k.Yes}
	case m.form != nil:
		return m.form.ShortHelp()
	case m.part == partExceptions:
		return []key.Binding{k.Settle, k.Import, k.NextPart, k.Close}
	}
	return []key.Binding{k.Collect, k.AUDDIS, k.Post, k.Import, k.NextPart, k.Close}
}

// FullHelp is every key, grouped.
func (m Model) FullHelp() [][]key.Binding {
	if m.form != nil {
		return m.form.FullHelp()
	}
	k := m.keys
	return [][]key.Binding{{k.NextPart, k.PrevPart, k.Up, k.Down, k.Refresh, k.Close}, {k.Collect, k.AUDDIS, k.Post, k.Import, k.Settle}, {k.Yes}}
}
