package main

import (
	"fmt"
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
		help: "produces one document for an account (STEP: letter-1, letter-2, pre-action, sms, court-warning, informal-breach-letter, court-breach-letter, nosp, court-claim, or a ladder step) and records its step; the same day again prints a copy: `p` in the enforcement pane", flags: true, policy: true}.define(runLetter)
	kit{name: "letters", usage: "letters --step STEP [--dry-run] [--out DIR] [--format text|pdf] [--all] [--templates DIR] [--policy FILE|NAME]",
		help: "print run: the document for every account whose worklist recommends the step today, vulnerable accounts held back; records every step in one transaction: `P` in the enforcement pane", flags: true, policy: true}.define(runLetters)
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
func templateSet(c *settings, flagValue string) (*letters.Set, error) {
	dir := c.value(flagValue, "CASELOAD_TEMPLATES")
	if dir != "" {
		return store.Templates(dir, true)
	}
	db, err := c.DBPath("caseload.db")
	if err != nil {
		return letters.Shipped(), nil
	}
	return store.Templates(store.TemplatesDir(db), false)
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
	set, err := templateSet(c.settings, *templates)
	if err != nil {
		return err
	}
	if err := c.session(); err != nil {
		return err
	}
	prod, err := c.st.DraftDocument(c.ctx, set, c.pos[0], kind, c.Officer(), c.today, c.policy, f == "pdf")
	if err != nil {
		return err
	}
	where := "standard output"
	if *out == "" {
		if _, err := c.stdout.Write(prod.Bytes); err != nil {
			return err
		}
	} else {
		where = *out
	}
	if err := c.st.IssueDocument(c.ctx, prod, *out, c.today, c.policy); err != nil {
		return err
	}
	if prod.Copy {
		fmt.Fprintf(c.stderr, "caseload: %s written to %s; nothing recorded (issued: %s)\n", prod.Words(), where, prod.Issued)
		return nil
	}
	fmt.Fprintf(c.stderr, "caseload: %s written to %s; %s recorded\n", prod.Words(), where, kind.Event)
	return nil
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
	set, err := templateSet(c.settings, *templates)
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
	run, err := c.st.PlanPrintRun(c.ctx, patch, kind, c.today, c.policy)
	if err != nil {
		return err
	}
	for _, l := range run.Cover(c.today) {
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
	done, err := c.st.PrintRun(c.ctx, set, run, c.Officer(), c.today, c.policy, *out, f == "pdf")
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "\n%d written to %s; %d %s events recorded", done.Printed, done.Path, len(done.Recorded), kind.Event)
	if len(done.Again) > 0 {
		sort.Strings(done.Again)
		fmt.Fprintf(c.stdout, "; already recorded today: %s", strings.Join(done.Again, ", "))
	}
	fmt.Fprintln(c.stdout)
	return nil
}

func runLetterTemplates(c *call) error {
	set, err := templateSet(c.settings, "")
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
