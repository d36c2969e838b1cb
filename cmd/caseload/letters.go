package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"caseload/domain"
	"caseload/domain/letters"
	"caseload/store"
)

func init() {
	kit{name: "letter", usage: "letter REF STEP [--out FILE] [--format text|pdf] [--templates DIR] [--policy FILE|NAME]",
		help: "produces one document for an account (STEP: letter-1, letter-2, pre-action, sms, court-warning, informal-breach-letter, court-breach-letter, nosp, court-claim, or a ladder step) and records its step; the same day again prints a copy", flags: true, policy: true}.define(runLetter)
	kit{name: "letters", usage: "letters --step STEP [--dry-run] [--out DIR] [--format text|pdf] [--all] [--templates DIR] [--policy FILE|NAME]",
		help: "print run: the document for every account whose worklist recommends the step today, vulnerable accounts held back; records every step in one transaction", flags: true, policy: true}.define(runLetters)
	kit{name: "letters templates", usage: "letters templates DIR",
		help: "writes the document templates in force into DIR to start a council's own (put them in the letters folder beside the database, or name it with --templates)"}.define(runLetterTemplates)
}

// docFormat reads --format for documents: text (the default) or pdf.
func docFormat(v string) (string, error) {
	switch v {
	case "", "text":
		return "text", nil
	case "pdf":
		return "pdf", nil
	}
	return "", usagef("--format %q: use text or pdf", v)
}

// templateSet is the templates in force: the shipped ones, with a
// council's files from --templates DIR, CASELOAD_TEMPLATES or the letters
// folder beside the database in their place.
func templateSet(c *call, flagValue string) (*letters.Set, error) {
	dir := c.value(flagValue, "CASELOAD_TEMPLATES")
	named := dir != ""
	if !named {
		db, err := c.DBPath("caseload.db")
		if err != nil {
			return letters.Shipped(), nil
		}
		dir = filepath.Join(filepath.Dir(db), "letters")
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) && !named {
		return letters.Shipped(), nil
	}
	if err != nil {
		return nil, domain.Invalid("templates", "read the templates folder: %v", err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tmpl") {
			continue
		}
		f, err := os.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, domain.Invalid("templates", "read %s: %v", e.Name(), err)
		}
		b, err := io.ReadAll(io.LimitReader(f, 64<<10+1))
		f.Close()
		if err != nil {
			return nil, domain.Invalid("templates", "read %s: %v", e.Name(), err)
		}
		files[e.Name()] = b
	}
	set, err := letters.Shipped().Override(files)
	if err != nil {
		return nil, fmt.Errorf("templates in %s: %w", dir, err)
	}
	return set, nil
}

func runLetter(c *call) error {
	out := c.fs.String("out", "", "file to write (default: the text to standard output; a PDF needs --out)")
	format := c.fs.String("format", "text", "text or pdf")
	templates := c.fs.String("templates", "", "folder of council templates (CASELOAD_TEMPLATES; default: letters beside the database)")
	if err := c.parse(); err != nil {
		return err
	}
	f, err := docFormat(*format)
	if err != nil {
		return err
	}
	if f == "pdf" && *out == "" {
		return usagef("caseload letter: a PDF needs --out FILE")
	}
	kind, err := letters.KindForStep(c.pos[1], c.policy)
	if err != nil {
		return err
	}
	set, err := templateSet(c, *templates)
	if err != nil {
		return err
	}
	if err := c.session(); err != nil {
		return err
	}
	rs, err := c.st.Recipients(c.ctx, "", c.pos[0], c.today, c.policy)
	if err != nil {
		return err
	}
	r := &rs[0]
	issued, err := c.st.IssuedToday(c.ctx, r.Facts.Ref, kind, c.today)
	if err != nil {
		return err
	}
	prod, err := letters.Produce(set, r, kind, c.Officer(), c.today, c.policy, issued, f == "pdf")
	if err != nil {
		return err
	}
	where := "standard output"
	if *out == "" {
		if _, err := c.stdout.Write(prod.Bytes); err != nil {
			return err
		}
	} else if err := writeOwnerOnly(*out, prod.Bytes); err != nil {
		return err
	} else {
		where = *out
	}
	if prod.Copy {
		fmt.Fprintf(c.stderr, "caseload: %s written to %s; nothing recorded (issued: %s)\n", prod.Words(), where, prod.Issued)
		return nil
	}
	_, _, err = c.st.IssueDocuments(c.ctx, []store.IssuedDocument{{Ref: r.Facts.Ref, Kind: kind, Detail: prod.Detail}}, c.today, c.policy)
	if err != nil {
		if *out != "" {
			os.Remove(*out)
		}
		return err
	}
	fmt.Fprintf(c.stderr, "caseload: %s written to %s; %s recorded\n", prod.Words(), where, kind.Event)
	return nil
}

// docBytes makes the file of documents in a format, after a cover list
// when one is given; as a PDF it also gives the PDF's SHA-256 for the
// record.
func docBytes(format string, cover []string, docs []letters.Document, today domain.Date) ([]byte, string, error) {
	if format == "pdf" {
		b, err := letters.PDF(cover, docs, today)
		if err != nil {
			return nil, "", err
		}
		return b, letters.SHA256(b), nil
	}
	var parts []string
	if len(cover) > 0 {
		parts = append(parts, strings.Join(cover, "\n")+"\n")
	}
	for _, d := range docs {
		parts = append(parts, d.Text())
	}
	return []byte(strings.Join(parts, "\f\n")), "", nil
}

func runLetters(c *call) error {
	step := c.fs.String("step", "", "the ladder step whose document to print (letter-1, letter-2, pre-action, sms, …)")
	dryRun := c.fs.Bool("dry-run", false, "list who would get what; write nothing")
	out := c.fs.String("out", ".", "folder to write the run's file into")
	format := c.fs.String("format", "text", "text or pdf")
	all := c.fs.Bool("all", false, "the whole borough, not only the officer's patch")
	templates := c.fs.String("templates", "", "folder of council templates (CASELOAD_TEMPLATES; default: letters beside the database)")
	if err := c.parse(); err != nil {
		return err
	}
	if *step == "" {
		return usagef("caseload letters: give --step (usage: caseload %s)", commands["letters"].usage)
	}
	f, err := docFormat(*format)
	if err != nil {
		return err
	}
	kind, err := letters.KindForStep(*step, c.policy)
	if err != nil {
		return err
	}
	set, err := templateSet(c, *templates)
	if err != nil {
		return err
	}
	if err := c.session(); err != nil {
		return err
	}
	patch, err := patchOf(c.ctx, c.st, c.Officer(), *all)
	if err != nil {
		return err
	}
	rs, err := c.st.Recipients(c.ctx, patch, "", c.today, c.policy)
	if err != nil {
		return err
	}
	run := letters.Plan(rs, kind, c.today, c.policy)
	cover := run.Cover(c.today)
	for _, l := range cover {
		fmt.Fprintln(c.stdout, l)
	}
	if *dryRun {
		fmt.Fprintln(c.stdout, "\ndry run: nothing written")
		return nil
	}
	if len(run.Due) == 0 {
		fmt.Fprintln(c.stdout, "\nnothing to print")
		return nil
	}
	docs := make([]letters.Document, len(run.Due))
	for i := range run.Due {
		if docs[i], err = set.Render(kind, letters.Prepare(&run.Due[i], kind, c.Officer(), c.today, c.policy)); err != nil {
			return err
		}
	}
	b, runSHA, err := docBytes(f, cover, docs, c.today)
	if err != nil {
		return err
	}
	issued := make([]store.IssuedDocument, len(docs))
	for i, d := range docs {
		issued[i] = store.IssuedDocument{Ref: d.Data.Ref, Kind: kind, Detail: letters.RunEventDetail(d, runSHA)}
	}
	if err := os.MkdirAll(*out, 0o700); err != nil {
		return fmt.Errorf("make the output folder: %w", err)
	}
	ext := "txt"
	if f == "pdf" {
		ext = "pdf"
	}
	path := runFile(*out, kind.ID+"-"+c.today.String(), ext)
	if err := writeOwnerOnly(path, b); err != nil {
		return err
	}
	recorded, again, err := c.st.IssueDocuments(c.ctx, issued, c.today, c.policy)
	if err != nil {
		os.Remove(path)
		return err
	}
	fmt.Fprintf(c.stdout, "\n%d written to %s; %d %s events recorded", len(docs), path, len(recorded), kind.Event)
	if len(again) > 0 {
		sort.Strings(again)
		fmt.Fprintf(c.stdout, "; already recorded today: %s", strings.Join(again, ", "))
	}
	fmt.Fprintln(c.stdout)
	return nil
}

// runFile is a file name in dir not yet taken: base.ext, else base-2.ext, …
func runFile(dir, base, ext string) string {
	path := filepath.Join(dir, base+"."+ext)
	for n := 2; ; n++ {
		if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
			return path
		}
		path = filepath.Join(dir, fmt.Sprintf("%s-%d.%s", base, n, ext))
	}
}

// writeOwnerOnly writes a file readable by the owner only (documents hold
// personal data), through a temporary file so a reader never sees half.
func writeOwnerOnly(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".caseload-doc-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func runLetterTemplates(c *call) error {
	set, err := templateSet(c, "")
	if err != nil {
		return err
	}
	dir := c.pos[0]
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("make %s: %w", dir, err)
	}
	files := set.Files()
	for _, name := range files {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			return domain.Invalid("DIR", "%s already has %s: choose an empty folder, nothing was written", dir, name)
		}
	}
	for _, name := range files {
		b, _ := set.Source(name)
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			return err
		}
	}
	fmt.Fprintf(c.stdout, "%d templates written to %s\n", len(files), dir)
	return nil
}
