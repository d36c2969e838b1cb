package sync

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/domain"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/form"
)

// The export forms: a visit pack (accounts, or the officer's patch) and a
// changes pack (for a known or typed replica). Both choose a file and
// encryption; both confirm with exactly what will be written — worked out
// by cutting the pack once, unencrypted and in memory, to count it.

const (
	formVisit   = "sync-visit"
	formChanges = "sync-changes"

	encYes   = "encrypted with a passphrase"
	encNo    = "NOT encrypted (personal data in the clear)"
	forTyped = "another replica: type it below"
)

// draft is what the export form's checks need to know of each other (the
// form validates each field on its own): the pane refreshes it after
// every key (follow).
type draft struct {
	kind string // "visit" or "changes"
	// Visit: the scope choices as shown, and the account each stands for.
	listedChoice, selectedChoice, patchChoice string
	selectedRef                               string
	scope                                     string
	// Changes: replica choices as shown → id and name.
	forIDs   map[string]string
	forNames map[string]string
	typed    bool

	plainChosen bool
	pass        string
	// autoFile is the file name the pane filled in; it follows the replica
	// chosen until the officer edits it.
	autoFile string
	dir      string
	today    domain.Date
}

// plain reports whether the values ask for an unencrypted pack.
func (d *draft) plain(v form.Values) bool { return v["enc"] == encNo }

// options turns confirmed values into the store's export options.
func (d *draft) options(v form.Values, officer string) store.ExportOptions {
	o := store.ExportOptions{Plaintext: d.plain(v)}
	if !o.Plaintext {
		o.Passphrase = v["pass"]
	}
	if d.kind == "changes" {
		o.Changes = true
		if id, ok := d.forIDs[v["for"]]; ok {
			o.For = id
		} else {
			o.For = strings.TrimSpace(v["other"])
		}
		return o
	}
	switch v["scope"] {
	case d.patchChoice:
		o.Officer = officer
	case d.selectedChoice:
		o.Accounts = []string{d.selectedRef}
	default:
		o.Accounts = splitRefs(v["accounts"])
	}
	return o
}

// replicaName is the name a changes pack's file and words use.
func (d *draft) replicaName(v form.Values) string {
	if name, ok := d.forNames[v["for"]]; ok {
		return name
	}
	return strings.TrimSpace(v["other"])
}

// defaultFile is the pack's file name in the default folder.
func (d *draft) defaultFile(replica string) string {
	name := "caseload-visit-" + d.today.String() + ".clpack"
	if d.kind == "changes" {
		name = "caseload-changes-" + d.today.String() + ".clpack"
		if r := fileSafe(replica); r != "" {
			name = "caseload-changes-" + r + "-" + d.today.String() + ".clpack"
		}
	}
	if d.dir == "" || d.dir == "." {
		return "./" + name
	}
	return filepath.Join(d.dir, name)
}

// inDefaultDir reports whether a pack file goes in the pane's default
// folder, which the export creates if it is missing.
func (d *draft) inDefaultDir(path string) bool {
	return d.dir != "" && d.dir != "." && filepath.Clean(filepath.Dir(path)) == filepath.Clean(d.dir)
}

// fileSafe keeps the characters a file name can carry anywhere.
func fileSafe(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteRune('-')
		}
	}
	return strings.Trim(b.String(), "-.")
}

// splitRefs reads "NW1001, NW1002 NW1003" as payment references, once each.
func splitRefs(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, ref := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		if !seen[ref] {
			seen[ref] = true
			out = append(out, ref)
		}
	}
	return out
}

// reason is a validation error's words without its field name.
func reason(err error) error {
	var v *domain.ValidationError
	if errors.As(err, &v) {
		return errors.New(v.Reason)
	}
	return err
}

// secretFields are the encryption choice and the masked passphrase pair.
func secretFields(d *draft) []form.Field {
	return []form.Field{
		{Key: "enc", Label: "Encryption", Choices: []string{encYes, encNo}, Value: encYes,
			Hint: "packs hold personal data: encrypt them"},
		{Key: "pass", Label: "Passphrase", Masked: true, Hint: "the receiver types the same passphrase to import it",
			Validate: func(v string) error {
				if d.plainChosen {
					return nil
				}
				if n := len([]rune(v)); n < domain.MinPassphrase {
					return fmt.Errorf("at least %d characters (%d so far): it protects personal data", domain.MinPassphrase, n)
				}
				return nil
			}},
		{Key: "again", Label: "Again", Masked: true, Hint: "the same passphrase again, to be sure",
			Validate: func(v string) error {
				if d.plainChosen || v == d.pass {
					return nil
				}
				return fmt.Errorf("does not match the passphrase above")
			}},
	}
}

func (m Model) newDraft(kind string) *draft {
	return &draft{kind: kind, dir: m.dir, today: m.ctx.Today}
}

// openVisit opens the visit pack form, prefilled with the accounts marked
// in the caseload.
func (m Model) openVisit() (Model, tea.Cmd) {
	d := m.newDraft("visit")
	d.listedChoice = "the accounts listed below"
	d.patchChoice = "my whole patch (" + m.ctx.Officer + ")"
	choices := []string{d.listedChoice}
	scope := d.listedChoice
	if m.selected != "" {
		d.selectedRef = m.selected
		d.selectedChoice = "the selected account " + m.selected
		choices = append(choices, d.selectedChoice)
		if len(m.marks) == 0 {
			scope = d.selectedChoice
		}
	}
	choices = append(choices, d.patchChoice)
	d.scope = scope
	title := "Export a visit pack"
	switch n := len(m.marks); {
	case n == 1:
		title += " · 1 account marked in the caseload"
	case n > 1:
		title += fmt.Sprintf(" · %d accounts marked in the caseload", n)
	}
	d.autoFile = d.defaultFile("")
	fields := []form.Field{
		{Key: "scope", Label: "Pack of", Choices: choices, Value: scope, Hint: "←/→ to choose what the pack covers"},
		{Key: "accounts", Label: "Accounts", Value: strings.Join(m.marks, ", "), Placeholder: "e.g. NW1001, NW1002",
			Hint: "payment references, comma-separated",
			Validate: func(v string) error {
				if d.scope != d.listedChoice {
					return nil
				}
				refs := splitRefs(v)
				if len(refs) == 0 {
					return fmt.Errorf("list at least one payment reference, or choose another scope")
				}
				for _, ref := range refs {
					if err := domain.ValidRef(ref); err != nil {
						return reason(err)
					}
				}
				return nil
			}},
		fileField(d.autoFile),
	}
	f := form.New(formVisit, title, m.ctx.Styles, append(fields, secretFields(d)...), m.confirmExport(d))
	return m.openForm(partExport, f, d)
}

// openChanges opens the changes pack form with the known replicas to
// choose from.
func (m Model) openChanges() (Model, tea.Cmd) {
	d := m.newDraft("changes")
	d.forIDs, d.forNames = map[string]string{}, map[string]string{}
	var choices []string
	for _, p := range m.peers {
		label := p.Name + " · " + p.Short()
		choices = append(choices, label)
		d.forIDs[label], d.forNames[label] = p.ID, p.Name
	}
	choices = append(choices, forTyped)
	d.typed = len(m.peers) == 0
	d.autoFile = d.defaultFile(d.replicaName(form.Values{"for": choices[0]}))
	hint := "←/→: the replicas this database has heard of"
	if len(m.peers) == 0 {
		hint = "none known yet: type its name or id below"
	}
	fields := []form.Field{
		{Key: "for", Label: "For replica", Choices: choices, Value: choices[0], Hint: hint},
		{Key: "other", Label: "Other replica", Placeholder: "its name or id, e.g. laptop-jsmith",
			Hint: "an unknown replica gets every change in scope",
			Validate: func(v string) error {
				if d.typed && v == "" {
					return fmt.Errorf("type the replica's name or id")
				}
				return nil
			}},
		fileField(d.autoFile),
	}
	f := form.New(formChanges, "Export a changes pack", m.ctx.Styles, append(fields, secretFields(d)...), m.confirmExport(d))
	return m.openForm(partExport, f, d)
}

func fileField(value string) form.Field {
	return form.Field{Key: "file", Label: "File", Value: value, Hint: "where to write the pack (~ is your home folder)",
		Validate: func(v string) error {
			if v == "" {
				return fmt.Errorf("give a file name for the pack")
			}
			if strings.HasSuffix(v, "/") || strings.HasSuffix(v, string(filepath.Separator)) {
				return fmt.Errorf("that is a folder: add a file name")
			}
			return nil
		}}
}

// follow refreshes the draft after a key and re-checks the fields whose
// rules depend on the one that changed (only those: the form trims a
// value it is given back, and the field being typed in must keep its
// trailing space).
func (m *Model) follow() {
	if m.form == nil || m.draft == nil {
		return
	}
	d, f := m.draft, m.form
	v := f.Values()
	if d.kind == "visit" && v["scope"] != d.scope {
		d.scope = v["scope"]
		f.SetValue("accounts", v["accounts"])
	}
	if plain := d.plain(v); plain != d.plainChosen {
		d.plainChosen = plain
		f.SetValue("pass", v["pass"])
		f.SetValue("again", v["again"])
	}
	if v["pass"] != d.pass {
		d.pass = v["pass"]
		if v["again"] != "" {
			f.SetValue("again", v["again"])
		}
	}
	if d.kind == "changes" {
		if typed := v["for"] == forTyped; typed != d.typed {
			d.typed = typed
			f.SetValue("other", v["other"])
		}
		if v["file"] == d.autoFile {
			if name := d.defaultFile(d.replicaName(v)); name != d.autoFile {
				d.autoFile = name
				f.SetValue("file", name)
			}
		}
	}
}

// expandPath turns a leading ~ into the home folder.
func expandPath(p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, p[1:])
		}
	}
	return p
}

// confirmExport checks the folder, cuts the pack once unencrypted into
// nothing (streamed, never held) to count it, and says exactly what will
// be written.
func (m Model) confirmExport(d *draft) func(form.Values) tea.Cmd {
	st, officer := m.ctx.Store, m.ctx.Officer
	id := formVisit
	if d.kind == "changes" {
		id = formChanges
	}
	return func(v form.Values) tea.Cmd {
		o := d.options(v, officer)
		trial := o
		trial.Passphrase, trial.Plaintext = "", true
		return func() tea.Msg {
			fail := func(err error) tea.Msg { return form.ConfirmMsg{ID: id, Err: err} }
			path := expandPath(v["file"])
			if fi, err := os.Stat(filepath.Dir(path)); (err != nil || !fi.IsDir()) && !d.inDefaultDir(path) {
				return fail(fmt.Errorf("there is no folder %s", filepath.Dir(path)))
			}
			replacing := false
			if fi, err := os.Stat(path); err == nil {
				if fi.IsDir() {
					return fail(fmt.Errorf("%s is a folder: give a file name", v["file"]))
				}
				replacing = true
			}
			out, err := st.ExportTo(m.ctx.Ctx, io.Discard, trial)
			if err != nil {
				return fail(reason(err))
			}
			text := "Write " + describe(d, v, o) + " to " + v["file"] + countWords(d, v, out.Manifest) + "."
			if replacing {
				text += " It replaces the file already there."
			}
			if o.Plaintext {
				text += " NOT ENCRYPTED: anyone who gets this file can read the residents' personal data."
			}
			return form.ConfirmMsg{ID: id, Text: text}
		}
	}
}

// describe names the pack: "an encrypted visit pack of 3 accounts (NW1001,
// NW1002, NW1003)".
func describe(d *draft, v form.Values, o store.ExportOptions) string {
	enc := "an encrypted"
	if o.Plaintext {
		enc = "an UNENCRYPTED"
	}
	if d.kind == "changes" {
		return enc + " changes pack for " + d.replicaName(v)
	}
	if o.Officer != "" {
		return enc + " visit pack of " + o.Officer + "'s whole patch"
	}
	return fmt.Sprintf("%s visit pack of %s (%s)", enc, plural(len(o.Accounts), "account"), listRefs(o.Accounts, 4))
}

// countWords says how many changes the pack carries and why.
func countWords(d *draft, v form.Values, m store.Manifest) string {
	n := plural(m.Counts.Changes, "change")
	if d.kind != "changes" {
		return ": " + n
	}
	if m.Target == nil {
		return fmt.Sprintf(": every change in scope, %s (nothing is known yet of what %s holds)", n, d.replicaName(v))
	}
	return fmt.Sprintf(": %s it has not been seen to hold", n)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return common.Count(int64(n)) + " " + word + "s"
}

// listRefs lists up to max references, then how many more.
func listRefs(refs []string, limit int) string {
	if len(refs) <= limit {
		return strings.Join(refs, ", ")
	}
	return strings.Join(refs[:limit], ", ") + fmt.Sprintf(" and %d more", len(refs)-limit)
}

// exportedMsg is the answer to an export.
type exportedMsg struct {
	seq      int
	file     string
	manifest store.Manifest
	plain    bool
	err      error
}

// exportResult is the last export, for the pane.
type exportResult struct {
	file     string
	manifest store.Manifest
	plain    bool
}

// summary is the one-line result (also for the status bar).
func (r exportResult) summary() string {
	enc := "encrypted"
	if r.plain {
		enc = "NOT encrypted"
	}
	return fmt.Sprintf("%s pack %s: %s, %s, written to %s", r.manifest.Kind, short(r.manifest.PackID), plural(r.manifest.Counts.Changes, "change"), enc, r.file)
}

func short(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// runExport cuts the pack (age's scrypt takes about a second) and writes it
// atomically, owner-only.
func runExport(ctx *common.Context, seq int, d *draft, v form.Values) tea.Cmd {
	st, officer := ctx.Store, ctx.Officer
	o := d.options(v, officer)
	file := v["file"]
	return func() tea.Msg {
		var out store.Exported
		var err error
		path := expandPath(file)
		if d.inDefaultDir(path) {
			// The default packs folder is made on first use, owner-only:
			// packs hold personal data.
			err = os.MkdirAll(d.dir, 0o700)
		}
		if err == nil {
			// Streamed straight to the file, atomically.
			out, err = st.ExportFile(ctx.Ctx, path, o)
		}
		return exportedMsg{seq: seq, file: file, manifest: out.Manifest, plain: o.Plaintext, err: err}
	}
}

// exported takes an export's answer: on success the form (and the
// passphrase with it) goes; on failure the officer's input stays to fix.
func (m Model) exported(msg exportedMsg) (Model, tea.Cmd) {
	if msg.seq != m.runSeq || m.running == "" {
		return m, nil
	}
	m.running = ""
	if msg.err != nil {
		if m.form != nil {
			m.form.Fail(reason(msg.err))
		}
		return m, errCmd(fmt.Errorf("export failed, nothing written: %w", reason(msg.err)))
	}
	m.form, m.draft = nil, nil
	r := exportResult{file: msg.file, manifest: msg.manifest, plain: msg.plain}
	m.lastExport = &r
	text := strings.ToUpper(r.summary()[:1]) + r.summary()[1:] + "."
	if r.plain {
		text += " Keep it safe and delete it when done."
	}
	return m, common.Status(text)
}
