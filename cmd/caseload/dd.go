package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"caseload/domain"
	"caseload/domain/directdebit"
	"caseload/store"
)

// Direct Debit mandates: set one up, show an account's, cancel one, and
// recalculate every open one's amount when charges change; and the Pay.UK
// modulus tables the bank details are checked against. Bank details are
// shown masked everywhere here: only the officer's own typing holds them.

func init() {
	kit{name: "dd set", usage: "dd set REF --payer NAME --sort-code 12-34-56 --account 12345678 --day D --frequency F [--amount X] [--paper]",
		help: "set up a Direct Debit mandate on the account, pending lodgement (replaces its open one); D: " + joinedDays() +
			"; F: weekly, four-weekly or monthly; the amount defaults to the account's charges and live arrangement at that frequency; " +
			"--paper: the council holds the payer's signed paper instruction, which the AUDDIS file converts (0S) instead of lodging a new one (0N)",
		flags: true}.define(runDDSet)
	kit{name: "dd show", usage: "dd show REF [--format table|csv|json]",
		help: "the account's Direct Debit mandates (bank details masked): state, amount, next collections, history", format: true, today: true, ref: true}.define(runDDShow)
	kit{name: "dd cancel", usage: "dd cancel REF --reason X",
		help: "cancel the account's open mandate (or the mandate with that Bacs reference), saying why", flags: true}.define(runDDCancel)
	kit{name: "dd amounts", usage: "dd amounts [--effective D] [--dry-run] [--out DIR] [--notices text|pdf] [--templates DIR] [--format table|csv|json]",
		help:  "work out every open mandate's amount again for charges changing on D (default today): each new amount gets an advance notice at least 10 working days ahead, written as dd-notice documents in one file (--out, default the documents folder beside the database) and kept on the account's timeline, and a dd-notice-late worklist item where that cannot be given",
		flags: true, format: true}.define(runDDAmounts)
	kit{name: "bacs modulus", usage: "bacs modulus [load DIR]",
		help: "the Pay.UK modulus checking tables in force; `load DIR` loads them from DIR (" + store.ModulusWeightsFile + " and, if there, " +
			store.ModulusSubstitutionsFile + "), each validated whole; bank details are then checked against them", variadic: true}.define(runModulus)
}

func joinedDays() string {
	ds := directdebit.DefaultPolicy().Days
	words := make([]string, len(ds))
	for i, d := range ds {
		words[i] = strconv.Itoa(d)
	}
	return strings.Join(words, ", ")
}

func runDDSet(c *call) error {
	payer := c.fs.String("payer", "", "the account holder's name")
	sortCode := c.fs.String("sort-code", "", "the sort code, e.g. 12-34-56")
	account := c.fs.String("account", "", "the account number (8 digits)")
	dayFlag := c.fs.String("day", "", "the day of the month collections fall due: "+joinedDays())
	frequency := c.fs.String("frequency", "", "weekly, four-weekly or monthly")
	amount := c.fs.String("amount", "", "the amount of each collection (default: worked out from the charges)")
	paper := c.fs.Bool("paper", false, "the council holds a signed paper instruction: AUDDIS converts it (0S)")
	if err := c.parse(); err != nil {
		return err
	}
	for _, f := range []struct{ name, v string }{{"payer", *payer}, {"sort-code", *sortCode}, {"account", *account}, {"day", *dayFlag}, {"frequency", *frequency}} {
		if f.v == "" {
			return usagef("caseload dd set: --%s is required (usage: caseload %s)", f.name, commands["dd set"].usage)
		}
	}
	n := store.NewMandate{Ref: c.pos[0], SortCode: *sortCode, Account: *account, Paper: *paper}
	var err error
	if n.Payer, err = textArg(c.env, directdebit.TextPayer, "--payer", *payer); err != nil {
		return err
	}
	d, err := strconv.Atoi(strings.TrimSpace(*dayFlag))
	if err != nil {
		return domain.Invalid("--day", "%q is not a day of the month: give one of %s", *dayFlag, joinedDays())
	}
	if err := directdebit.DefaultPolicy().CheckDay(d); err != nil {
		return asFlag("--day", err)
	}
	n.Day = d
	if n.Frequency, err = directdebit.ParseFrequency(*frequency); err != nil {
		return asFlag("--frequency", err)
	}
	if *amount != "" {
		if n.Amount, err = moneyArg("--amount", *amount); err != nil {
			return err
		}
		if !n.Amount.IsPositive() {
			return domain.Invalid("--amount", "must be more than zero")
		}
	}
	if err := c.session(); err != nil {
		return err
	}
	out, err := c.st.SetUpMandate(c.ctx, n, c.today)
	if err != nil {
		return err
	}
	m := out.Mandate
	fmt.Fprintf(c.stdout, "mandate %s on %s: %s; %s, %s; %s %s, first collection %s\n", m.Reference, m.Ref, m.State.Words(),
		m.Payer, m.Masked(), m.AmountOn(m.First).Human(), m.Frequency.Per(), collectionWords(m, c))
	if m.Paper {
		fmt.Fprintf(c.stdout, "paper instruction: %s\n", m.PaperWords())
	}
	fmt.Fprintf(c.stdout, "modulus check: %s", out.Check.Outcome)
	if out.Check.Outcome != 0 && out.Check.Reason != "" && out.Check.Outcome.String() != "valid" {
		fmt.Fprintf(c.stdout, " (%s)", out.Check.Reason)
	}
	fmt.Fprintln(c.stdout)
	if out.Replaced != nil {
		fmt.Fprintf(c.stdout, "cancels the open mandate %s (%s)\n", out.Replaced.Reference, out.Replaced.Masked())
	}
	return nil
}

// collectionWords is a mandate's first collection: the date by its day, and
// the day Bacs debits the payer when that differs.
func collectionWords(m store.Mandate, c *call) string {
	next := m.Next(m.First, 1, c.st.Holidays())
	if len(next) == 0 {
		return m.First.Human()
	}
	if next[0].On.Equal(next[0].Due) {
		return next[0].Due.Human()
	}
	return next[0].Due.Human() + " (collected " + next[0].On.Human() + ")"
}

// mandateJSON is one mandate in `dd show --format json`: bank details
// masked, as everywhere outside the form that takes them.
type mandateJSON struct {
	ID        string           `json:"id"`
	Reference string           `json:"reference"`
	State     string           `json:"state"`
	StateOn   domain.Date      `json:"state_on"`
	Payer     string           `json:"payer"`
	SortCode  string           `json:"sort_code"`
	Account   string           `json:"account_number"`
	Day       int              `json:"day"`
	Frequency string           `json:"frequency"`
	Amount    domain.Money     `json:"amount"`
	First     domain.Date      `json:"first_collection"`
	MadeOn    domain.Date      `json:"made_on"`
	Modulus   string           `json:"modulus"`
	Paper     bool             `json:"paper"`
	Next      []collectionJSON `json:"next_collections"`
	History   []mandateEvent   `json:"history"`
}

type collectionJSON struct {
	Due    domain.Date  `json:"due"`
	On     domain.Date  `json:"on"`
	Amount domain.Money `json:"amount"`
}

type mandateEvent struct {
	Date    domain.Date `json:"date"`
	Kind    string      `json:"kind"`
	Words   string      `json:"words"`
	Officer string      `json:"officer"`
}

// nextShown is how many collections `dd show` lists.
const nextShown = 3

func toMandateJSON(m store.Mandate, c *call) mandateJSON {
	j := mandateJSON{ID: m.ID, Reference: m.Reference, State: string(m.State), StateOn: m.StateOn, Payer: m.Payer,
		SortCode: directdebit.MaskSortCode(m.SortCode), Account: directdebit.MaskAccount(m.Account), Day: m.Day,
		Frequency: string(m.Frequency), Amount: m.AmountOn(domain.MaxDate(c.today, m.First)), First: m.First, MadeOn: m.MadeOn,
		Modulus: m.Modulus, Paper: m.Paper, Next: []collectionJSON{}, History: []mandateEvent{}}
	for _, col := range m.Next(c.today, nextShown, c.st.Holidays()) {
		j.Next = append(j.Next, collectionJSON{Due: col.Due, On: col.On, Amount: col.Amount})
	}
	for _, e := range m.History {
		j.History = append(j.History, mandateEvent{Date: e.Date, Kind: string(e.Kind), Words: e.Words(), Officer: e.Officer})
	}
	return j
}

func runDDShow(c *call) error {
	ms, err := c.st.AccountMandates(c.ctx, c.account.Ref)
	if err != nil {
		return err
	}
	switch c.format {
	case "json":
		out := struct {
			Ref      string        `json:"ref"`
			Mandates []mandateJSON `json:"mandates"`
		}{Ref: c.account.Ref, Mandates: []mandateJSON{}}
		for _, m := range ms {
			out.Mandates = append(out.Mandates, toMandateJSON(m, c))
		}
		return writeJSON(c.stdout, out)
	case "csv":
		t := &table{header: []string{"reference", "state", "payer", "sort_code", "account_number", "day", "frequency", "amount", "first_collection", "next_collection"}}
		for _, m := range ms {
			j := toMandateJSON(m, c)
			next := ""
			if len(j.Next) > 0 {
				next = j.Next[0].On.String()
			}
			t.add(j.Reference, j.State, j.Payer, j.SortCode, j.Account, strconv.Itoa(j.Day), j.Frequency, j.Amount.String(), j.First.String(), next)
		}
		return t.write(c.stdout, "csv")
	}
	if len(ms) == 0 {
		fmt.Fprintf(c.stdout, "%s has no Direct Debit mandate: `caseload dd set %s …` sets one up\n", c.account.Ref, c.account.Ref)
		return nil
	}
	for i, m := range ms {
		if i > 0 {
			fmt.Fprintln(c.stdout)
		}
		j := toMandateJSON(m, c)
		rows := [][2]string{
			{"Mandate", m.Reference + " (" + m.State.Words() + " since " + m.StateOn.Human() + ")"},
			{"Payer", m.Payer},
			{"Bank", m.Masked()},
			{"Collects", j.Amount.Human() + " " + m.Frequency.Per() + " " + m.OnWords() + ", from " + m.First.Human()},
			{"Modulus check", m.Modulus},
		}
		if m.Paper {
			rows = append(rows, [2]string{"Paper instruction", m.PaperWords()})
		}
		fields(c.stdout, rows)
		if len(j.Next) > 0 {
			fmt.Fprintln(c.stdout, "Next collections:")
			for _, col := range j.Next {
				fmt.Fprintf(c.stdout, "  %s  %s\n", col.On.Human(), col.Amount.Human())
			}
		}
		fmt.Fprintln(c.stdout, "History:")
		for _, e := range m.History {
			fmt.Fprintf(c.stdout, "  %s  %s (%s)\n", e.Date.Human(), e.Words(), e.Officer)
		}
	}
	return nil
}

func runDDCancel(c *call) error {
	reason := c.fs.String("reason", "", "why the mandate is cancelled")
	if err := c.parse(); err != nil {
		return err
	}
	if *reason == "" {
		return usagef("caseload dd cancel: --reason is required (usage: caseload %s)", commands["dd cancel"].usage)
	}
	why, err := textArg(c.env, domain.TextReason, "--reason", *reason)
	if err != nil {
		return err
	}
	if err := c.session(); err != nil {
		return err
	}
	key, err := openMandateOf(c, c.pos[0])
	if err != nil {
		return err
	}
	m, err := c.st.CancelMandate(c.ctx, key, why, c.today)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "mandate %s on %s: cancelled on %s: %s\n", m.Reference, m.Ref, m.StateOn.Human(), why)
	return nil
}

// openMandateOf finds the mandate a REF names: an account's open mandate,
// or a mandate by its Bacs reference or id.
func openMandateOf(c *call, ref string) (string, error) {
	if a, err := c.st.Account(c.ctx, ref); err == nil {
		ms, err := c.st.AccountMandates(c.ctx, a.Ref)
		if err != nil {
			return "", err
		}
		for _, m := range ms {
			if m.State.Open() {
				return m.ID, nil
			}
		}
		return "", domain.Invalid("REF", "%s has no open Direct Debit mandate", a.Ref)
	}
	return ref, nil
}

func runDDAmounts(c *call) error {
	effective := c.fs.String("effective", "", "the date the charges change YYYY-MM-DD (default today)")
	dryRun := c.fs.Bool("dry-run", false, "say what would change, write nothing")
	out := c.fs.String("out", "", "folder to write the run's advance notices into (default: the documents folder beside the database)")
	noticeFormat := c.fs.String("notices", "text", "the advance notices' file: text or pdf")
	templates := c.fs.String("templates", "", "folder of council templates (CASELOAD_TEMPLATES; default: letters beside the database)")
	if err := c.parse(); err != nil {
		return err
	}
	nf, err := docFormat(*noticeFormat)
	if err != nil {
		return usagef("--notices %q: use text or pdf", *noticeFormat)
	}
	eff, err := optionalDate("--effective", *effective)
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
	if eff.IsZero() {
		eff = c.today
	}
	var run store.MandateAmounts
	if *dryRun {
		run, err = c.st.RecalculateMandates(c.ctx, eff, c.today, true)
	} else {
		dir := *out
		if dir == "" {
			dir = c.st.DocumentsDir()
		}
		run, err = c.st.IssueMandateAmounts(c.ctx, eff, c.today, store.DDNotices{Set: set, Officer: c.Officer(), Dir: dir, PDF: nf == "pdf"})
	}
	if err != nil {
		return err
	}
	type changeJSON struct {
		Ref       string       `json:"ref"`
		Reference string       `json:"reference"`
		Old       domain.Money `json:"old"`
		New       domain.Money `json:"new"`
		From      domain.Date  `json:"from"`
		NoticeBy  domain.Date  `json:"notice_by"`
		Late      bool         `json:"late"`
		Words     string       `json:"words"`
	}
	changes := []changeJSON{}
	for _, ch := range run.Changes {
		words := ch.New.Line()
		if ch.Late {
			words = ch.LateWords()
		}
		changes = append(changes, changeJSON{Ref: ch.Mandate.Ref, Reference: ch.Mandate.Reference, Old: ch.Old.Total,
			New: ch.New.Total, From: ch.From.On, NoticeBy: ch.NoticeBy, Late: ch.Late, Words: words})
	}
	switch c.format {
	case "json":
		return writeJSON(c.stdout, struct {
			Effective domain.Date  `json:"effective"`
			DryRun    bool         `json:"dry_run"`
			Open      int          `json:"open_mandates"`
			Changed   int          `json:"changed"`
			Late      int          `json:"late_notices"`
			File      string       `json:"notices_file"`
			Changes   []changeJSON `json:"changes"`
		}{eff, *dryRun, run.Open, len(run.Changes), run.Late, run.Path, changes})
	case "csv":
		t := &table{header: []string{"ref", "reference", "old", "new", "from", "notice_by", "late"}}
		for _, ch := range changes {
			t.add(ch.Ref, ch.Reference, ch.Old.String(), ch.New.String(), ch.From.String(), ch.NoticeBy.String(), domain.YesNo(ch.Late))
		}
		return t.write(c.stdout, "csv")
	}
	if len(changes) > 0 {
		t := &table{header: []string{"ref", "mandate", "old", "new", "from", "notice"}, right: map[int]bool{2: true, 3: true}}
		for _, ch := range changes {
			notice := "in time (by " + ch.NoticeBy.Short() + ")"
			if ch.Late {
				notice = "LATE: old amount on the next collection"
			}
			t.add(ch.Ref, ch.Reference, ch.Old.Human(), ch.New.Human(), ch.From.Human(), notice)
		}
		if err := t.write(c.stdout, "table"); err != nil {
			return err
		}
	}
	verb := "changed; notices on the accounts' timelines"
	if run.Path != "" {
		verb = "changed; notices written to " + run.Path + " and kept on the accounts' timelines"
	}
	if *dryRun {
		verb = "would change (dry run: nothing written)"
	}
	fmt.Fprintf(c.stdout, "charges from %s: %d open mandate(s), %d %s, %d could not be given 10 working days' notice\n",
		eff.Human(), run.Open, len(changes), verb, run.Late)
	return nil
}

func runModulus(c *call) error {
	if len(c.pos) > 0 && c.pos[0] == "load" {
		if err := c.want(c.pos[1:], 1, "DIR"); err != nil {
			return err
		}
		return loadModulus(c, c.pos[1])
	}
	if err := c.want(c.pos, 0, ""); err != nil {
		return err
	}
	if err := c.open(); err != nil {
		return err
	}
	weights, subs := c.st.ModulusInForce()
	if weights == 0 {
		fmt.Fprintln(c.stdout, "no modulus table is loaded: bank details cannot be checked (the check says so and does not block)")
		fmt.Fprintln(c.stdout, "load Pay.UK's current files: `caseload bacs modulus load DIR` ("+store.ModulusWeightsFile+", "+store.ModulusSubstitutionsFile+")")
		return nil
	}
	for _, t := range []struct {
		table, noun string
		rows        int
	}{{store.RefModulusWeights, "weight table rows", weights}, {store.RefModulusSubstitutions, "sort code substitutions", subs}} {
		origin, err := c.st.ReferenceOrigin(c.ctx, t.table)
		if err != nil {
			return err
		}
		if t.rows == 0 {
			origin = "none loaded"
		}
		fmt.Fprintf(c.stdout, "%d %s: %s\n", t.rows, t.noun, origin)
	}
	return nil
}

func loadModulus(c *call, dir string) error {
	weightsFile := filepath.Join(dir, store.ModulusWeightsFile)
	weights, err := os.ReadFile(weightsFile)
	if err != nil {
		return domain.Invalid("DIR", "%s has no %s: put Pay.UK's weight table there", dir, store.ModulusWeightsFile)
	}
	subsFile := filepath.Join(dir, store.ModulusSubstitutionsFile)
	subs, err := os.ReadFile(subsFile)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("read %s: %w", subsFile, err)
	}
	if err := c.open(); err != nil {
		return err
	}
	rep, err := c.st.LoadModulus(c.ctx, weightsFile, weights, subsFile, subs)
	if err != nil {
		return err
	}
	say := func(file string, r store.ReferenceLoad) {
		fmt.Fprintf(c.stdout, "%s: %d %s, %d new", file, r.Rows, r.Noun, r.New)
		if r.Written {
			fmt.Fprintln(c.stdout, "; now in force (packs carry it to every replica)")
		} else {
			fmt.Fprintln(c.stdout, "; the table in force already says this: nothing written")
		}
	}
	say(weightsFile, rep.Weights)
	if rep.NoSubstitutions {
		fmt.Fprintf(c.stderr, "caseload: warning: %s has no %s: sort codes with exception 5 are checked without substitution\n", dir, store.ModulusSubstitutionsFile)
	} else {
		say(subsFile, rep.Substitutions)
	}
	return nil
}
