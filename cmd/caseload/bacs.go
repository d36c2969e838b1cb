package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"caseload/domain"
	"caseload/domain/bacs"
	"caseload/store"
)

// The Bacs run commands: files out (collections, AUDDIS), collections
// posted on their day, advices in, exceptions and the run log.

func init() {
	kit{name: "bacs collect", usage: "bacs collect --date PROCESSING-DATE [--out FILE] [--dry-run] [--sun N --sun-name NAME --sun-account SORTCODE/ACCOUNT] [--format json]",
		help: "write the Standard 18 collection file for a processing date: every live mandate's collection due (01 first, 17 regular, 19 final) and the re-presentations (18); none goes in two files", flags: true, format: true}.define(runBacsFile(store.RunCollection))
	kit{name: "bacs auddis", usage: "bacs auddis --date PROCESSING-DATE [--out FILE] [--dry-run] [--sun N --sun-name NAME --sun-account SORTCODE/ACCOUNT] [--format json]",
		help: "write the AUDDIS file for a processing date: 0N for mandates pending lodgement, 0C for cancelled ones lodged with the bank", flags: true, format: true}.define(runBacsFile(store.RunAUDDIS))
	kit{name: "bacs post", usage: "bacs post [--date D]",
		help: "post the Direct Debit collections whose day has come (to --date, default today) as payments, method dd; each once", flags: true}.define(runBacsPost)
	kit{name: "bacs import", usage: "bacs import FILE [--sun N] [--format json]",
		help: "act on an ARUDD, ADDACS or AUDDIS advice (recognised by content); the file is checked whole first and never taken twice", flags: true, format: true}.define(runBacsImport)
	kit{name: "bacs exceptions", usage: "bacs exceptions [--all] [--format json] | bacs exceptions settle ID --note X",
		help: "advice items that matched nothing, until settled with a note", flags: true, variadic: true, format: true}.define(runBacsExceptions)
	kit{name: "bacs runs", usage: "bacs runs [--format json]",
		help: "the Bacs run log: files made, advices imported, posting runs", format: true, today: true, store: true}.define(runBacsRuns)
}

// originatorFlags are the council as a Bacs service user: flags, else
// CASELOAD_BACS_SUN, CASELOAD_BACS_NAME and CASELOAD_BACS_ACCOUNT.
type originatorFlags struct{ sun, name, account *string }

func addOriginatorFlags(c *call) originatorFlags {
	return originatorFlags{
		sun:     c.fs.String("sun", "", "the council's Bacs service user number (CASELOAD_BACS_SUN)"),
		name:    c.fs.String("sun-name", "", "the service user name payers see, at most 18 characters (CASELOAD_BACS_NAME)"),
		account: c.fs.String("sun-account", "", "the account collections are paid into, SORTCODE/ACCOUNT (CASELOAD_BACS_ACCOUNT)"),
	}
}

func (o originatorFlags) read(c *call) (bacs.Originator, error) {
	pick := func(flag *string, env string) string {
		if *flag != "" {
			return *flag
		}
		return c.getenv(env)
	}
	return bacs.ParseOriginator(pick(o.sun, "CASELOAD_BACS_SUN"), pick(o.name, "CASELOAD_BACS_NAME"), pick(o.account, "CASELOAD_BACS_ACCOUNT"))
}

// bacsFileJSON is `bacs collect|auddis --format json`'s shape, and what the
// table says.
type bacsFileJSON struct {
	Run        string         `json:"run"`
	Kind       string         `json:"kind"`
	Processing domain.Date    `json:"processing_date"`
	Collection domain.Date    `json:"collection_date"`
	Volume     string         `json:"volume"`
	File       string         `json:"file"`
	Records    int            `json:"records"`
	Total      domain.Money   `json:"total"`
	DryRun     bool           `json:"dry_run"`
	Items      []bacsItemJSON `json:"items"`
	Skipped    []bacsSkipJSON `json:"skipped"`
}

type bacsItemJSON struct {
	Ref       string       `json:"ref"`
	Reference string       `json:"reference"`
	Code      string       `json:"code"`
	Meaning   string       `json:"meaning"`
	Amount    domain.Money `json:"amount"`
	Due       domain.Date  `json:"due"`
}

type bacsSkipJSON struct {
	Ref       string `json:"ref"`
	Reference string `json:"reference"`
	Why       string `json:"why"`
}

func runBacsFile(kind string) func(c *call) error {
	return func(c *call) error {
		dateText := c.fs.String("date", "", "the file's processing date (Bacs day 2)")
		out := c.fs.String("out", "", "the file to write (default bacs-KIND-DATE.txt beside the database, -2, -3… when taken)")
		dry := c.fs.Bool("dry-run", false, "say what the file would hold; write and record nothing")
		of := addOriginatorFlags(c)
		if err := c.parse(); err != nil {
			return err
		}
		p, err := requiredDate(c.settings, "--date", *dateText)
		if err != nil {
			return err
		}
		o, err := of.read(c)
		if err != nil {
			return err
		}
		if err := c.session(); err != nil {
			return err
		}
		path := *out
		if path == "" {
			path = c.st.DefaultBacsFile(kind, p)
		}
		opt := store.BacsFileOptions{Originator: o, Policy: bacs.DefaultRepresentationPolicy(), File: filepath.Base(path), DryRun: *dry,
			Deliver: store.WriteBacsFile(path)}
		if err := store.CheckBacsFile(path); err != nil && !*dry {
			return err
		}
		makeFile := c.st.Collect
		if kind == store.RunAUDDIS {
			makeFile = c.st.AUDDIS
		}
		f, err := makeFile(c.ctx, p, c.today, opt)
		if err != nil {
			return err
		}
		res := bacsFileJSON{Run: f.Run, Kind: kind, Processing: f.Cycle.Processing, Collection: f.Cycle.Entry, Volume: f.Volume,
			Records: len(f.Due), Total: f.Totals.DebitValue, DryRun: *dry, Items: []bacsItemJSON{}, Skipped: []bacsSkipJSON{}}
		if len(f.Due) > 0 && !*dry {
			res.File = path
		}
		for _, d := range f.Due {
			res.Items = append(res.Items, bacsItemJSON{Ref: d.Account, Reference: d.Item.Reference, Code: string(d.Item.Code),
				Meaning: d.Item.Code.Meaning(), Amount: d.Item.Amount, Due: d.Key.Due})
		}
		for _, s := range f.Skipped {
			res.Skipped = append(res.Skipped, bacsSkipJSON{Ref: s.Account, Reference: s.Reference, Why: s.Why})
		}
		if c.format == "json" {
			return writeJSON(c.stdout, res)
		}
		t := &table{header: []string{"ref", "reference", "code", "what", "amount", "due"}}
		for _, it := range res.Items {
			t.add(it.Ref, it.Reference, it.Code, it.Meaning, it.Amount.Human(), it.Due.String())
		}
		if len(res.Items) > 0 {
			if err := t.write(c.stdout, c.format); err != nil {
				return err
			}
		}
		for _, s := range res.Skipped {
			fmt.Fprintf(c.stdout, "left out: %s %s: %s\n", s.Ref, s.Reference, s.Why)
		}
		switch {
		case len(f.Due) == 0:
			fmt.Fprintf(c.stdout, "nothing to put in a %s file for processing date %s: no file written\n", kind, p)
		case *dry:
			fmt.Fprintf(c.stdout, "dry run: %d records, %s, collected %s; nothing written\n", len(f.Due), f.Totals.DebitValue.Human(), f.Cycle.Entry)
		default:
			fmt.Fprintf(c.stdout, "%s file %s written: %d records, %s, volume %s, processing %s, collected %s (run %s)\n",
				kind, path, len(f.Due), f.Totals.DebitValue.Human(), f.Volume, f.Cycle.Processing, f.Cycle.Entry, f.Run)
		}
		return nil
	}
}

func runBacsPost(c *call) error {
	dateText := c.fs.String("date", "", "post collections due on or before this day (default today)")
	if err := c.parse(); err != nil {
		return err
	}
	on, err := optionalDate("--date", *dateText)
	if err != nil {
		return err
	}
	if err := c.session(); err != nil {
		return err
	}
	if on.IsZero() {
		on = c.today
	}
	p, err := c.st.PostCollections(c.ctx, on, c.today)
	if err != nil {
		return err
	}
	if p.Count == 0 {
		fmt.Fprintf(c.stdout, "no Direct Debit collections to post up to %s (every one is posted already)", on)
	} else {
		fmt.Fprintf(c.stdout, "%d Direct Debit payments posted, %s (run %s)", p.Count, p.Total.Human(), p.Run)
	}
	if p.Waiting > 0 {
		fmt.Fprintf(c.stdout, "; %d collections in files are still to come", p.Waiting)
	}
	fmt.Fprintln(c.stdout)
	return nil
}

func runBacsImport(c *call) error {
	sun := c.fs.String("sun", "", "refuse an advice for another service user number (CASELOAD_BACS_SUN)")
	if err := c.parse(); err != nil {
		return err
	}
	name := c.pos[0]
	data, err := readInputFile(name)
	if err != nil {
		return err
	}
	if *sun == "" {
		*sun = strings.TrimSpace(c.getenv("CASELOAD_BACS_SUN"))
	}
	if err := c.session(); err != nil {
		return err
	}
	out, err := c.st.ImportAdvice(c.ctx, filepath.Base(name), data, *sun, bacs.DefaultRepresentationPolicy(), c.today)
	var fe *bacs.FileError
	if errors.As(err, &fe) {
		return domain.Invalid("", "%s", fe.In(name))
	}
	if err != nil {
		return err
	}
	if c.format == "json" {
		return writeJSON(c.stdout, struct {
			Run        string      `json:"run"`
			Kind       string      `json:"kind"`
			Date       domain.Date `json:"date"`
			Lines      []string    `json:"lines"`
			Exceptions int         `json:"exceptions"`
			Returned   int         `json:"returned"`
			Reversed   int         `json:"reversed"`
			Represent  int         `json:"represented"`
		}{out.Run, out.Kind.String(), out.Date, append([]string{}, out.Lines...), out.Exceptions, out.Returned, out.Reversed, out.Represent})
	}
	for _, l := range out.Lines {
		fmt.Fprintln(c.stdout, l)
	}
	fmt.Fprintf(c.stdout, "%s advice of %s imported (run %s)", out.Kind, out.Date, out.Run)
	if out.Kind == bacs.KindARUDD {
		fmt.Fprintf(c.stdout, ": %d returned (%s), %d payments reversed, %d to be re-presented", out.Returned, out.Total.Human(), out.Reversed, out.Represent)
	}
	if out.Exceptions > 0 {
		fmt.Fprintf(c.stdout, "; %d exceptions to settle: caseload bacs exceptions", out.Exceptions)
	}
	fmt.Fprintln(c.stdout)
	return nil
}

type bacsExceptionJSON struct {
	ID         string       `json:"id"`
	Kind       string       `json:"kind"`
	AdviceDate domain.Date  `json:"advice_date"`
	File       string       `json:"file"`
	Place      string       `json:"place"`
	Reference  string       `json:"reference"`
	Amount     domain.Money `json:"amount"`
	Why        string       `json:"why"`
	Detail     string       `json:"detail"`
	SettledOn  domain.Date  `json:"settled_on"`
	SettledBy  string       `json:"settled_by"`
	Note       string       `json:"note"`
}

func runBacsExceptions(c *call) error {
	all := c.fs.Bool("all", false, "settled exceptions too")
	note := c.fs.String("note", "", "settle: how it was dealt with")
	if err := c.parse(); err != nil {
		return err
	}
	switch {
	case len(c.pos) == 2 && c.pos[0] == "settle":
		text, err := textArg(c.env, domain.TextNote, "--note", *note)
		if err != nil {
			return err
		}
		if err := c.session(); err != nil {
			return err
		}
		if err := c.st.SettleException(c.ctx, c.pos[1], text, c.today); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "exception %s settled\n", c.pos[1])
		return nil
	case len(c.pos) != 0:
		return usagef("caseload bacs exceptions: unexpected %q (usage: caseload %s)", strings.Join(c.pos, " "), commands["bacs exceptions"].usage)
	}
	if err := c.session(); err != nil {
		return err
	}
	ex, err := c.st.BacsExceptions(c.ctx, *all)
	if err != nil {
		return err
	}
	rows := make([]bacsExceptionJSON, len(ex))
	for i, e := range ex {
		rows[i] = bacsExceptionJSON{ID: e.ID, Kind: e.Kind, AdviceDate: e.AdviceDate, File: e.File, Place: e.Place, Reference: e.Reference,
			Amount: e.Amount, Why: e.Why, Detail: e.Detail, SettledOn: e.SettledOn, SettledBy: e.SettledBy, Note: e.Note}
	}
	t := &table{header: []string{"id", "advice", "date", "reference", "amount", "why", "settled"}}
	return writeRows(c, rows, "no open Bacs exceptions", t, func(t *table, r bacsExceptionJSON) {
		settled := ""
		if !r.SettledOn.IsZero() {
			settled = r.SettledOn.String() + " " + r.SettledBy + ": " + r.Note
		}
		t.add(r.ID, r.Kind, r.AdviceDate.String(), r.Reference, r.Amount.Human(), r.Why, settled)
	})
}

type bacsRunJSON struct {
	ID         string       `json:"id"`
	Kind       string       `json:"kind"`
	Date       domain.Date  `json:"date"`
	MadeOn     domain.Date  `json:"made_on"`
	File       string       `json:"file"`
	Volume     string       `json:"volume"`
	Items      int          `json:"items"`
	Total      domain.Money `json:"total"`
	Summary    string       `json:"summary"`
	Officer    string       `json:"officer"`
	Exceptions int          `json:"exceptions"`
	Open       int          `json:"open_exceptions"`
}

func runBacsRuns(c *call) error {
	runs, err := c.st.BacsRuns(c.ctx)
	if err != nil {
		return err
	}
	rows := make([]bacsRunJSON, len(runs))
	for i, r := range runs {
		rows[i] = bacsRunJSON{ID: r.ID, Kind: r.Kind, Date: r.Date, MadeOn: r.MadeOn, File: r.File, Volume: r.Volume, Items: r.Items,
			Total: r.Total, Summary: r.Summary, Officer: r.Officer, Exceptions: r.Exceptions, Open: r.OpenExcepts}
	}
	t := &table{header: []string{"run", "kind", "date", "made", "file", "summary", "exceptions"}}
	return writeRows(c, rows, "no Bacs runs yet", t, func(t *table, r bacsRunJSON) {
		ex := ""
		if r.Exceptions > 0 {
			ex = fmt.Sprintf("%d (%d open)", r.Exceptions, r.Open)
		}
		t.add(r.ID, r.Kind, r.Date.String(), r.MadeOn.String(), r.File, r.Summary, ex)
	})
}
