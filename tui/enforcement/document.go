package enforcement

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"caseload/domain"
	"caseload/domain/letters"
	"caseload/store"
	"caseload/tui/common"
)

// doc is a document at work in the pane: the selected account's
// document previewed before it is printed and recorded (p), or a print
// run's plan before it runs (P). Both go through the store's one path
// from facts to a written, recorded document, the one `caseload letter`
// and `caseload letters` take.
type doc struct {
	run    bool   // a print run of the patch, not one account's document
	ref    string // the account (one document)
	kinds  []letters.Kind
	choice int
	pdf    bool
	seq    int // the latest draft or plan; older answers are dropped

	ready bool  // drafted or planned
	err   error // refused or failed, in words: nothing was written
	prod  letters.Produced
	plan  letters.Run
	cover []string

	printing bool   // the write is running in a command
	done     string // what was written and recorded, once printed
}

func (d *doc) kind() letters.Kind { return d.kinds[d.choice] }

// draftedMsg is one account's document drafted (nothing written).
type draftedMsg struct {
	seq  int
	prod letters.Produced
	err  error
}

// plannedMsg is a print run's plan (nothing written).
type plannedMsg struct {
	seq  int
	plan letters.Run
	err  error
}

// printedMsg says a document or a run was written and recorded.
type printedMsg struct {
	seq   int
	words string
	refs  []string
	err   error
}

// kindsFor are the documents to choose among: those the case's worklist
// items recommend today first, then those issued today (a re-print is a
// copy), then every other kind caseload prints.
func (m Model) kindsFor() []letters.Kind {
	var out []letters.Kind
	seen := map[string]bool{}
	add := func(k letters.Kind) {
		if !seen[k.ID] {
			out, seen[k.ID] = append(out, k), true
		}
	}
	for _, it := range m.view.Recommended {
		if k, ok := letters.Recommended(it, m.ctx.Policy); ok {
			add(k)
		}
	}
	for _, k := range letters.Kinds {
		if letters.IssuedOn(&m.view.Facts, k, m.ctx.Today) {
			add(k)
		}
	}
	for _, k := range letters.Kinds {
		add(k)
	}
	return out
}

func (m Model) templates() *letters.Set {
	if m.ctx.Templates != nil {
		return m.ctx.Templates
	}
	return letters.Shipped()
}

// openDoc starts the preview of the account's next document (p) or of a
// print run's plan (P).
func (m Model) openDoc(run bool) (Model, tea.Cmd) {
	if !run {
		if m.ref == "" {
			return m, common.Status("Choose an account first: highlight it in the Caseload pane (1).")
		}
		if !m.loaded || m.err != nil {
			return m, common.Status("The enforcement case of " + m.ref + " is not loaded yet.")
		}
	}
	seq := 0
	if m.doc != nil {
		seq = m.doc.seq
	}
	m.doc = &doc{run: run, ref: m.ref, kinds: m.kindsFor(), pdf: true, seq: seq}
	if run {
		// A run is for the patch, not this case: it starts on the first
		// arrears letter, the run an officer makes most.
		m.doc.kinds = letters.Kinds
		for i, k := range letters.Kinds {
			if k.Event == domain.EventLetter1 {
				m.doc.choice = i
			}
		}
	}
	m.vp.GotoTop()
	return m, m.draft()
}

// draft reads the document (or the run's plan) for the current choice in
// the background; nothing is written.
func (m *Model) draft() tea.Cmd {
	d := m.doc
	d.seq++
	d.ready, d.err, d.done = false, nil, ""
	m.layout()
	seq, k, pdf, ref := d.seq, d.kind(), d.pdf, d.ref
	st, set, officer, today, p, cx := m.ctx.Store, m.templates(), m.ctx.Officer, m.ctx.Today, m.ctx.Policy, m.ctx.Ctx
	if d.run {
		return func() tea.Msg {
			patch := ""
			if has, err := st.HasPatch(cx, officer); err != nil {
				return plannedMsg{seq: seq, err: err}
			} else if has {
				patch = officer
			}
			plan, err := st.PlanPrintRun(cx, patch, k, today, p)
			return plannedMsg{seq: seq, plan: plan, err: err}
		}
	}
	return func() tea.Msg {
		prod, err := st.DraftDocument(cx, set, ref, k, officer, today, p, pdf)
		return draftedMsg{seq: seq, prod: prod, err: err}
	}
}

// print writes and records what the officer confirmed, in the
// background: the pane shows "printing" until printedMsg arrives.
func (m *Model) print() tea.Cmd {
	d := m.doc
	d.printing = true
	m.layout()
	seq, pdf, prod, plan := d.seq, d.pdf, d.prod, d.plan
	st, set, officer, today, p, cx := m.ctx.Store, m.templates(), m.ctx.Officer, m.ctx.Today, m.ctx.Policy, m.ctx.Ctx
	dir := st.DocumentsDir()
	if d.run {
		return func() tea.Msg {
			done, err := st.PrintRun(cx, set, plan, officer, today, p, dir, pdf)
			if err != nil {
				return printedMsg{seq: seq, err: err}
			}
			words := fmt.Sprintf("%d written to %s; %d %s events recorded", done.Printed, done.Path, len(done.Recorded), plan.Kind.Event)
			if len(done.Again) > 0 {
				words += "; already recorded today: " + strings.Join(done.Again, ", ")
			}
			return printedMsg{seq: seq, words: words, refs: done.Recorded}
		}
	}
	return func() tea.Msg {
		path := store.DocumentFile(dir, prod, today, pdf)
		if err := st.IssueDocument(cx, prod, path, today, p); err != nil {
			return printedMsg{seq: seq, err: err}
		}
		if prod.Copy {
			return printedMsg{seq: seq, words: prod.Words() + " written to " + path + "; nothing recorded"}
		}
		return printedMsg{seq: seq, words: prod.Words() + " written to " + path + "; " + string(prod.Doc.Kind.Event) + " recorded",
			refs: []string{prod.Doc.Data.Ref}}
	}
}

// docMsg takes a draft, a plan or a print's answer.
func (m Model) docMsg(msg tea.Msg) (Model, tea.Cmd) {
	d := m.doc
	switch msg := msg.(type) {
	case draftedMsg:
		if d == nil || d.run || msg.seq != d.seq {
			return m, nil
		}
		d.ready, d.err, d.prod = true, msg.err, msg.prod
	case plannedMsg:
		if d == nil || !d.run || msg.seq != d.seq {
			return m, nil
		}
		d.ready, d.err, d.plan = true, msg.err, msg.plan
		d.cover = msg.plan.Cover(m.ctx.Today)
	case printedMsg:
		if d == nil || msg.seq != d.seq {
			return m, nil
		}
		d.printing = false
		m.layout()
		if msg.err != nil {
			d.err = msg.err
			m.layout()
			return m, common.Status("✗ Nothing recorded: " + words(msg.err))
		}
		d.done = msg.words
		m.vp.GotoTop()
		m.layout()
		cmds := []tea.Cmd{common.Status("✓ " + msg.words)}
		if len(msg.refs) > 0 {
			cmds = append(cmds, common.Changed(msg.refs...))
		}
		return m, tea.Batch(cmds...)
	}
	m.vp.GotoTop()
	m.layout()
	return m, nil
}

// docKey handles a key while a document is open.
func (m Model) docKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	d, k := m.doc, m.keys
	if d.printing {
		return m, common.Status("Printing: wait for it to finish.")
	}
	switch {
	case key.Matches(msg, k.Close):
		m.doc = nil
		m.vp.GotoTop()
		m.layout()
		return m, nil
	case d.done != "":
		// Printed: only scrolling and closing are left.
	case key.Matches(msg, k.NextDoc, k.PrevDoc):
		n := len(d.kinds)
		if key.Matches(msg, k.NextDoc) {
			d.choice = (d.choice + 1) % n
		} else {
			d.choice = (d.choice + n - 1) % n
		}
		return m, m.draft()
	case key.Matches(msg, k.Format):
		d.pdf = !d.pdf
		return m, m.draft()
	case key.Matches(msg, k.Confirm):
		switch {
		case !d.ready:
			return m, common.Status("Still preparing the " + strings.ToLower(d.kind().Title) + ".")
		case d.err != nil:
			return m, common.Status("Nothing written: " + words(d.err))
		case d.run && len(d.plan.Due) == 0:
			return m, common.Status("Nothing to print: no account is due a " + strings.ToLower(d.kind().Title) + " today.")
		}
		return m, m.print()
	}
	return m.scroll(msg), nil
}

// docTitle is the title line while a document is open.
func (d *doc) title() string {
	k := d.kind()
	what := k.Title + " for " + d.ref
	if d.run {
		what = "Print run: " + k.Title
	}
	format := "PDF"
	if !d.pdf || k.SMS {
		format = "text"
	}
	if k.SMS && d.pdf {
		format = "text (a text message has no PDF)"
	}
	return fmt.Sprintf("%s (%d/%d, %s)", what, d.choice+1, len(d.kinds), format)
}

// head is the pane's title line while a document is open: a letter to a
// vulnerable tenant says so beside its name.
func (d *doc) head(m Model) string {
	s := m.ctx.Styles
	h := s.Title.Render(d.title())
	if !d.run && m.view.Vulnerable {
		h += "  " + s.Danger.Render("⚠ VULNERABLE")
	}
	return h
}

// lines is what the viewport shows while a document is open, wrapped
// to w cells before it is styled.
func (d *doc) lines(m Model, w int) string {
	s := m.ctx.Styles
	var b []string
	add := func(st lipgloss.Style, text string) {
		if text == "" {
			b = append(b, "")
			return
		}
		lines := []string{text}
		if lipgloss.Width(text) > w {
			// Wrapped lines keep the line's own indent (a cover list's
			// "  NW1003  …").
			body := strings.TrimLeft(text, " ")
			lines = common.WrapIndent(text[:len(text)-len(body)], body, w)
		}
		for _, l := range lines {
			b = append(b, st.Render(l))
		}
	}
	plain := lipgloss.NewStyle()
	switch {
	case d.printing && d.run:
		add(s.Warning, fmt.Sprintf("⏳ Printing %d letters and recording their steps…", len(d.plan.Due)))
	case d.printing:
		add(s.Warning, "⏳ Printing and recording…")
	case d.done != "":
		add(s.Good, "✓ "+d.done)
		add(plain, "")
		add(s.Muted, "esc: back to the case")
	case !d.ready:
		add(s.Muted, "Preparing…")
	case d.err != nil:
		add(s.Error, "✗ "+words(d.err))
		add(plain, "")
		add(s.Muted, "Nothing is written. ←/→ another document · esc back")
	case d.run:
		add(s.Muted, fmt.Sprintf("enter: print %d and record · ←/→ another step · f PDF/text · esc cancel", len(d.plan.Due)))
		add(plain, "")
		for _, l := range d.cover {
			add(plain, l)
		}
	default:
		if d.prod.Copy {
			add(s.Warning, "COPY: issued today already — enter prints a copy marked COPY and records nothing")
		}
		add(s.Muted, "enter: print and record · ←/→ another · f PDF/text · esc cancel")
		add(plain, "")
		for _, l := range strings.Split(strings.TrimRight(d.prod.Doc.Text(), "\n"), "\n") {
			add(plain, l)
		}
	}
	return strings.Join(b, "\n")
}

// words is an error as the officer reads it: a refusal's reason without
// the field name the CLI prints.
func words(err error) string {
	var v *domain.ValidationError
	if errors.As(err, &v) {
		return v.Reason
	}
	return err.Error()
}
