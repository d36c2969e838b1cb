package sync

import (
	"fmt"
	"io"
	"os"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/form"
)

// The import form: a file, its passphrase (empty for a pack written
// unencrypted), and whether to apply it or only say what it would change.

const (
	formImport = "sync-import"

	modeImport = "import it: all of it or nothing"
	modeDryRun = "dry run: say what would change, write nothing"

	// headLen is enough of a pack's first line to read its magic
	// (docs/pack-format.md).
	headLen = 32
)

// openImport opens the import form, with the last file tried (a wrong
// passphrase is retried without retyping the path).
func (m Model) openImport() (Model, tea.Cmd) {
	f := form.New(formImport, "Import a pack into "+m.ctx.Store.Self().Name, m.ctx.Styles, []form.Field{
		{Key: "file", Label: "File", Value: m.lastImportPath, Placeholder: "e.g. ./caseload-changes-office-" + m.ctx.Today.String() + ".clpack",
			Hint: "the pack file to read (~ is your home folder)",
			Validate: func(v string) error {
				if v == "" {
					return fmt.Errorf("give the pack file's path")
				}
				return nil
			}},
		{Key: "pass", Label: "Passphrase", Masked: true, Hint: "leave empty for a pack written NOT encrypted"},
		{Key: "mode", Label: "Do", Choices: []string{modeImport, modeDryRun}, Value: modeImport, Hint: "←/→ to choose"},
	}, confirmImport)
	return m.openForm(partImport, f, nil)
}

// confirmImport looks at the file's first line so the officer learns now,
// not after the import, that a passphrase is missing or the file is not a
// pack; the whole file is checked by the import itself.
func confirmImport(v form.Values) tea.Cmd {
	return func() tea.Msg {
		fail := func(format string, args ...any) tea.Msg {
			return form.ConfirmMsg{ID: formImport, Err: fmt.Errorf(format, args...)}
		}
		path := expandPath(v["file"])
		fi, err := os.Stat(path)
		switch {
		case err != nil:
			return fail("there is no file %s", v["file"])
		case fi.IsDir():
			return fail("%s is a folder: give the pack file", v["file"])
		}
		head, err := readHead(path, headLen)
		if err != nil {
			return fail("cannot read %s: %v", v["file"], err)
		}
		what := "the encrypted pack"
		switch {
		case !strings.HasPrefix(head, "caseload-pack "):
			return fail("%s is not a caseload pack (it does not start with \"caseload-pack\"): nothing to import", v["file"])
		case store.PackEncrypted([]byte(head)):
			if v["pass"] == "" {
				return fail("%s is encrypted: type its passphrase", v["file"])
			}
		default:
			// Confirming this is the officer's --plaintext.
			what = "the NOT encrypted pack"
		}
		size := humanSize(fi.Size())
		if v["mode"] == modeDryRun {
			return form.ConfirmMsg{ID: formImport, Text: fmt.Sprintf("Dry run of %s %s (%s): say what importing it would change. Nothing is written.", what, v["file"], size)}
		}
		return form.ConfirmMsg{ID: formImport, Text: fmt.Sprintf("Import %s %s (%s): every change in it, or nothing if any part is wrong.", what, v["file"], size)}
	}
}

// readHead reads up to n bytes from the start of a file.
func readHead(path string, n int) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	buf := make([]byte, n)
	k, err := io.ReadFull(f, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return "", err
	}
	return string(buf[:k]), nil
}

func humanSize(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d bytes", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.1f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
}

// importedMsg is the answer to an import; values are the form's, to run
// it again trusting the key the officer confirms.
type importedMsg struct {
	seq    int
	file   string
	values form.Values
	rep    store.ImportReport
	err    error
}

// trustMsg runs an import again, trusting the key whose fingerprint the
// officer confirmed.
type trustMsg struct {
	values form.Values
	trust  string
}

// importResult is the last import (or refusal), for the pane.
type importResult struct {
	file string
	rep  store.ImportReport
	err  error
}

// runImport hands the file to the store, which streams it and checks all of
// it before one transaction applies it. A pack the officer confirmed
// as NOT encrypted is taken as plaintext; trust is a fingerprint the
// officer confirmed ("" for none).
func runImport(ctx *common.Context, seq int, v form.Values, trust string) tea.Cmd {
	file := v["file"]
	return func() tea.Msg {
		path := expandPath(file)
		encrypted, err := store.PackFileEncrypted(path)
		if err != nil {
			return importedMsg{seq: seq, file: file, values: v, err: fmt.Errorf("cannot read %s: %w", file, err)}
		}
		o := store.ImportOptions{Passphrase: v["pass"], DryRun: v["mode"] == modeDryRun, Plaintext: !encrypted, Trust: trust}
		rep, err := ctx.Store.ImportFile(ctx.Ctx, path, o)
		return importedMsg{seq: seq, file: file, values: v, rep: rep, err: err}
	}
}

// retry starts the import again trusting the confirmed key.
func (m Model) retry(msg trustMsg) (Model, tea.Cmd) {
	if m.running != "" {
		return m, nil
	}
	m.runSeq++
	m.running = "Importing… (the whole file is checked before anything is written)"
	return m, runImport(m.ctx, m.runSeq, msg.values, msg.trust)
}

// imported takes an import's answer. The form goes either way (with its
// passphrase); the result, or the refusal, stays on the Import part.
func (m Model) imported(msg importedMsg) (Model, tea.Cmd) {
	if msg.seq != m.runSeq || m.running == "" {
		return m, nil
	}
	m.running = ""
	m.form, m.draft = nil, nil
	m.part = partImport
	r := importResult{file: msg.file, rep: msg.rep, err: msg.err}
	m.lastImport = &r
	if u, ok := store.AsUntrustedKey(msg.err); ok {
		// The first pack from another replica: the officer compares the
		// fingerprint with the sender's before this database trusts it.
		values, fp := msg.values, u.Fingerprint
		m.ask = &question{
			text: fmt.Sprintf("This pack is from %s, signed with key %s, which this database does not trust yet. Check the fingerprint with %s (their Sync pane or `caseload replica` shows it). Trust this key and import? y/n",
				u.Source.Name, fp, u.Source.Name),
			run: func() tea.Msg { return trustMsg{values: values, trust: fp} },
		}
		return m, nil
	}
	if msg.err != nil {
		return m, errCmd(fmt.Errorf("%s", r.refusal()))
	}
	if msg.rep.DryRun || msg.rep.AlreadyImported != "" {
		return m, common.Status(r.headline())
	}
	// Every pane reloads; the status bar's unsynced count refreshes.
	return m, tea.Batch(common.Status(r.headline()), common.Changed())
}

// refusal is the one line for a refused or failed import.
func (r importResult) refusal() string {
	text := r.err.Error()
	if !store.IsRefused(r.err) {
		text = "import failed: " + text
	} else {
		text = "import refused: " + text
	}
	if !strings.Contains(text, "nothing imported") {
		text += " — nothing imported"
	}
	return text
}

// headline is the import's result in one line.
func (r importResult) headline() string {
	rep := r.rep
	if rep.AlreadyImported != "" {
		return fmt.Sprintf("%s was already imported on %s: nothing new, nothing changed.", r.file, rep.AlreadyImported)
	}
	counts := fmt.Sprintf("%d new %s applied, %d already present, %s raised, %s flagged",
		rep.New, entries(rep.New), rep.Present, plural(len(rep.Conflicts), "conflict"), plural(len(rep.Duplicates), "probable duplicate"))
	if rep.DryRun {
		counts = fmt.Sprintf("%d new %s would be applied, %d already present, %s would be raised, %s flagged",
			rep.New, entries(rep.New), rep.Present, plural(len(rep.Conflicts), "conflict"), plural(len(rep.Duplicates), "probable duplicate"))
		return fmt.Sprintf("Dry run of %s pack from %s: %s. Nothing was written.", rep.Kind, rep.Source.Name, counts)
	}
	return fmt.Sprintf("Imported %s pack from %s: %s.", rep.Kind, rep.Source.Name, counts)
}

func entries(n int) string {
	if n == 1 {
		return "entry"
	}
	return "entries"
}

// report is the import's result in full, for the Import part.
func (r importResult) report(m Model, width int) []string {
	s := m.ctx.Styles
	var b []string
	add := func(line string) { b = append(b, common.Truncate(line, width)) }
	wrap := func(indent, text string) {
		for _, line := range common.Wrap(text, width-len(indent)) {
			b = append(b, indent+line)
		}
	}
	if r.err != nil {
		head := "✗ REFUSED "
		if !store.IsRefused(r.err) {
			head = "✗ IMPORT FAILED "
		}
		add(s.Error.Render(head + truncLeft(r.file, width-cells(head))))
		wrap("  ", r.err.Error())
		add(s.Warning.Render("  Nothing was imported: the database is exactly as it was."))
		return b
	}
	rep := r.rep
	if rep.AlreadyImported != "" {
		wrap("", r.headline())
		return b
	}
	verb, would := "Imported", ""
	if rep.DryRun {
		verb, would = "Dry run of", " would be"
	}
	title := fmt.Sprintf("%s %s pack from %s", verb, rep.Kind, rep.Source.Name)
	add(s.Title.Render(title) + " (" + truncLeft(r.file, width-cells(title)-3) + ")")
	if rep.DryRun {
		add(s.Warning.Render("  DRY RUN: nothing was written."))
	}
	if rep.Plaintext {
		add(s.Warning.Render("  ⚠ this pack was NOT encrypted"))
	}
	if rep.Signer != "" {
		add(fmt.Sprintf("  signed by %s, key %s", rep.Source.Name, rep.Signer))
	}
	add(fmt.Sprintf("  %d new %s%s applied · %d already present", rep.New, entries(rep.New), would, rep.Present))
	const limit = 3
	add(fmt.Sprintf("  %s%s raised", plural(len(rep.Conflicts), "conflict"), would) + seeIf(len(rep.Conflicts), "settle on the Conflicts tab"))
	for i, c := range rep.Conflicts {
		if i == limit {
			add(fmt.Sprintf("    … and %d more", len(rep.Conflicts)-limit))
			break
		}
		add(fmt.Sprintf("    %s %s: kept %q · other %q", c.Ref, c.Field, c.Kept, c.Other))
	}
	add(fmt.Sprintf("  %s%s flagged", plural(len(rep.Duplicates), "probable duplicate"), would) + seeIf(len(rep.Duplicates), "review on the Duplicates tab"))
	for i, d := range rep.Duplicates {
		if i == limit {
			add(fmt.Sprintf("    … and %d more", len(rep.Duplicates)-limit))
			break
		}
		add(fmt.Sprintf("    %s %s / %s: %s", d.Ref, d.First, d.Second, d.Reason))
	}
	for _, w := range rep.Warnings {
		for _, line := range common.Wrap("⚠ warning: "+w, width-2) {
			b = append(b, "  "+s.Warning.Render(line))
		}
	}
	return b
}

func seeIf(n int, text string) string {
	if n == 0 {
		return ""
	}
	return ": " + text
}
