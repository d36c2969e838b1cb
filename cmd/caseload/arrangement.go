package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/store"
)

func init() {
	register("arrangement calc", "arrangement calc --balance X --frequency F --start D (--instalment X | --clear-by D) [--format table|csv|json]",
		"repayment schedule for an arrears balance (no database needed)", runArrangementCalc)
	register("arrangement add", "arrangement add REF --instalment X --frequency F --start D [--arrears X]",
		"record a live repayment arrangement (ends any earlier live one)", runArrangementAdd)
	register("arrangement show", "arrangement show REF [--policy FILE] [--format table|csv|json]",
		"the account's arrangements: the live one's state, expected vs paid, next due; the history", runArrangementShow)
	register("arrangement cancel", "arrangement cancel ID --reason X", "cancel an arrangement, saying why", runArrangementCancel)
}

// arrangementFrequency parses --frequency, naming the flag in the refusal.
func arrangementFrequency(v string) (arrangement.Frequency, error) {
	f, err := arrangement.ParseFrequency(v)
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		return f, domain.Invalid("--frequency", "%s", ve.Reason)
	}
	return f, err
}

// runArrangementCalc is CLI.md's `caseload arrangement calc`. It is pure
// arithmetic: it never opens (or creates) a database.
func runArrangementCalc(e env, args []string) error {
	s := newSettings("arrangement calc", e).withFormat()
	balance := s.fs.String("balance", "", "the arrears balance, e.g. 1234.56")
	frequency := s.fs.String("frequency", "", "weekly, fortnightly, four-weekly or monthly")
	start := s.fs.String("start", "", "date of the first instalment YYYY-MM-DD")
	instalment := s.fs.String("instalment", "", "the amount of each instalment")
	clearBy := s.fs.String("clear-by", "", "the date to clear the balance by YYYY-MM-DD")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 0, ""); err != nil {
		return err
	}
	for _, f := range []struct{ name, v string }{{"balance", *balance}, {"frequency", *frequency}, {"start", *start}} {
		if f.v == "" {
			return usagef("caseload arrangement calc: --%s is required (usage: caseload %s)", f.name, commands["arrangement calc"].usage)
		}
	}
	if *instalment == "" && *clearBy == "" {
		return usagef("caseload arrangement calc: give --instalment X or --clear-by YYYY-MM-DD (usage: caseload %s)", commands["arrangement calc"].usage)
	}
	var r arrangement.Request
	if r.Balance, err = moneyArg("--balance", *balance); err != nil {
		return err
	}
	if r.Frequency, err = arrangementFrequency(*frequency); err != nil {
		return err
	}
	if r.Start, err = dateArg("--start", *start); err != nil {
		return err
	}
	if *instalment != "" {
		m, err := moneyArg("--instalment", *instalment)
		if err != nil {
			return err
		}
		r.Instalment = &m
	}
	if *clearBy != "" {
		if r.ClearBy, err = dateArg("--clear-by", *clearBy); err != nil {
			return err
		}
	}
	p, err := arrangement.Calculate(r)
	if err != nil {
		return err
	}
	switch s.format {
	case "json":
		return writeJSON(e.stdout, p)
	case "csv":
		return arrangementScheduleTable(p).write(e.stdout, "csv")
	}
	fields(e.stdout, [][2]string{
		{"Balance", r.Balance.Human()},
		{"Instalment", p.Instalment.Human() + " " + p.Frequency.Per()},
		{"Instalments", strconv.Itoa(p.Count)},
		{"First", p.FirstDate.Human()},
		{"Final", p.FinalDate.Human() + " (" + p.FinalAmount.Human() + ")"},
		{"Total", p.Total.Human()},
	})
	fmt.Fprintln(e.stdout)
	return arrangementScheduleTable(p).write(e.stdout, "table")
}

func arrangementScheduleTable(p arrangement.Plan) *table {
	t := &table{header: []string{"n", "date", "amount", "balance_after"}, right: map[int]bool{0: true, 2: true, 3: true}}
	for _, l := range p.Schedule {
		t.add(strconv.Itoa(l.N), l.Date.String(), l.Amount.String(), l.BalanceAfter.String())
	}
	return t
}

func runArrangementAdd(e env, args []string) error {
	s := newSettings("arrangement add", e)
	instalment := s.fs.String("instalment", "", "the amount of each instalment")
	frequency := s.fs.String("frequency", "", "weekly, fortnightly, four-weekly or monthly")
	start := s.fs.String("start", "", "date of the first instalment YYYY-MM-DD")
	arrears := s.fs.String("arrears", "", "the arrears it is for (default: the balance now)")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 1, "REF"); err != nil {
		return err
	}
	for _, f := range []struct{ name, v string }{{"instalment", *instalment}, {"frequency", *frequency}, {"start", *start}} {
		if f.v == "" {
			return usagef("caseload arrangement add: --%s is required (usage: caseload %s)", f.name, commands["arrangement add"].usage)
		}
	}
	n := store.NewArrangement{Ref: pos[0]}
	if n.Instalment, err = moneyArg("--instalment", *instalment); err != nil {
		return err
	}
	if n.Frequency, err = arrangementFrequency(*frequency); err != nil {
		return err
	}
	if n.Start, err = dateArg("--start", *start); err != nil {
		return err
	}
	if *arrears != "" {
		if n.Arrears, err = moneyArg("--arrears", *arrears); err != nil {
			return err
		}
		if !n.Arrears.IsPositive() {
			// Zero means "the balance" to the store; typed, it is a mistake.
			return domain.Invalid("--arrears", "must be more than £0.00 (got %s): give the arrears the arrangement is for", n.Arrears.Human())
		}
	}
	// A breached order is judged under the officer's worklist policy.
	policy, err := loadPolicy(s, "")
	if err != nil {
		return err
	}
	st, today, err := s.session()
	if err != nil {
		return err
	}
	defer st.Close()
	c := context.Background()
	if p, err := st.PreviewArrangement(c, n, today, policy); err == nil && p.OrderWarning != "" {
		fmt.Fprintln(e.stderr, "caseload: warning: "+p.OrderWarning)
	}
	id, err := st.AddArrangement(c, n, today, policy)
	if err != nil {
		return err
	}
	recs, err := st.Arrangements(c, n.Ref, today, 0)
	if err != nil {
		return err
	}
	for _, r := range recs {
		if r.ID == id {
			fmt.Fprintf(e.stdout, "arrangement %s on %s: %s; %s\n", id, n.Ref, r.TermsWords(), arrangementScheduleWords(r))
		}
	}
	for _, r := range recs {
		if r.SupersededBy == id {
			fmt.Fprintf(e.stdout, "ends the live arrangement %s: %s (made %s)\n", r.ID, r.TermsWords(), r.MadeOn.Human())
		}
	}
	return nil
}

// arrangementScheduleWords: "110 instalments, the last (£10.00) on Mon 1 Jan 2029".
func arrangementScheduleWords(r store.ArrangementRecord) string {
	if r.Count == 0 {
		return "no schedule"
	}
	if r.Count == 1 {
		return "one instalment, on " + r.FinalDate.Human()
	}
	return fmt.Sprintf("%d instalments, the last (%s) on %s", r.Count, r.FinalAmount.Human(), r.FinalDate.Human())
}

// arrangementJSON is one arrangement in `arrangement show --format json`.
type arrangementJSON struct {
	ID          string       `json:"id"`
	State       string       `json:"state"`
	Start       domain.Date  `json:"start"`
	Frequency   string       `json:"frequency"`
	Instalment  domain.Money `json:"instalment"`
	Arrears     domain.Money `json:"arrears"`
	MadeOn      domain.Date  `json:"made_on"`
	MadeBy      string       `json:"made_by"`
	Count       int          `json:"count"`
	FinalDate   *domain.Date `json:"final_date"`
	FinalAmount domain.Money `json:"final_amount"`
	Words       string       `json:"words"`
	// The live one's monitoring.
	Status   string                 `json:"status,omitempty"`
	Expected *domain.Money          `json:"expected,omitempty"`
	Received *domain.Money          `json:"received,omitempty"`
	Behind   *domain.Money          `json:"behind,omitempty"`
	NextDue  *domain.Date           `json:"next_due,omitempty"`
	BrokenOn *domain.Date           `json:"broken_on,omitempty"`
	Reason   string                 `json:"reason,omitempty"`
	Checks   []arrangementCheckJSON `json:"checks,omitempty"`
	// Superseded or cancelled.
	SupersededBy string       `json:"superseded_by,omitempty"`
	EndedOn      *domain.Date `json:"ended_on,omitempty"`
	CancelledOn  *domain.Date `json:"cancelled_on,omitempty"`
	CancelReason string       `json:"cancel_reason,omitempty"`
}

type arrangementCheckJSON struct {
	N         int          `json:"n"`
	Due       domain.Date  `json:"due"`
	CheckedOn domain.Date  `json:"checked_on"`
	Expected  domain.Money `json:"expected"`
	Received  domain.Money `json:"received"`
	Behind    domain.Money `json:"behind"`
	State     string       `json:"state"`
}

type arrangementsJSON struct {
	Ref     string       `json:"ref"`
	Balance domain.Money `json:"balance"`
	// State is the live arrangement's monitored state, or "none".
	State        string            `json:"state"`
	Live         *arrangementJSON  `json:"live"`
	Arrangements []arrangementJSON `json:"arrangements"`
}

func arrangementMoneyPtr(m domain.Money) *domain.Money { return &m }

func toArrangementJSON(r store.ArrangementRecord) arrangementJSON {
	j := arrangementJSON{ID: r.ID, State: string(r.State), Start: r.Terms.Start, Frequency: string(r.Terms.Frequency),
		Instalment: r.Terms.Instalment, Arrears: r.Terms.Arrears, MadeOn: r.MadeOn, MadeBy: r.MadeBy, Count: r.Count,
		FinalDate: datePtr(r.FinalDate), FinalAmount: r.FinalAmount, Words: r.Words(),
		SupersededBy: r.SupersededBy, EndedOn: datePtr(r.EndedOn), CancelledOn: datePtr(r.CancelledOn), CancelReason: r.CancelReason}
	if r.State == store.ArrangementLive {
		st := r.Status
		j.Status, j.Reason = string(st.State), st.Reason
		j.Expected, j.Received, j.Behind = arrangementMoneyPtr(st.Expected), arrangementMoneyPtr(st.Received), arrangementMoneyPtr(st.Behind)
		j.NextDue, j.BrokenOn = datePtr(st.NextDue), datePtr(st.BrokenOn)
		j.Checks = []arrangementCheckJSON{}
		for _, c := range r.Checks {
			j.Checks = append(j.Checks, arrangementCheckJSON{N: c.N, Due: c.Due, CheckedOn: c.On, Expected: c.Expected, Received: c.Received,
				Behind: c.Behind, State: string(c.State)})
		}
	}
	return j
}

// arrangementChecksShown is how many of the live arrangement's latest checks the
// table shows (JSON has them all).
const arrangementChecksShown = 6

func runArrangementShow(e env, args []string) error {
	s := newSettings("arrangement show", e).withFormat()
	policyFile := s.fs.String("policy", "", "worklist policy file (grace days; CASELOAD_POLICY)")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 1, "REF"); err != nil {
		return err
	}
	today, err := s.Today()
	if err != nil {
		return err
	}
	policy, err := loadPolicy(s, *policyFile)
	if err != nil {
		return err
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	defer st.Close()
	c := context.Background()
	a, err := st.Account(c, pos[0])
	if err != nil {
		return err
	}
	recs, err := st.Arrangements(c, a.Ref, today, policy.ArrangementGraceDays)
	if err != nil {
		return err
	}
	j := arrangementsJSON{Ref: a.Ref, Balance: a.Balance, State: "none", Arrangements: []arrangementJSON{}}
	var live *store.ArrangementRecord
	for i, r := range recs {
		aj := toArrangementJSON(r)
		j.Arrangements = append(j.Arrangements, aj)
		if r.State == store.ArrangementLive {
			live, j.Live, j.State = &recs[i], &aj, string(r.Status.State)
		}
	}
	switch s.format {
	case "json":
		return writeJSON(e.stdout, j)
	case "csv":
		return arrangementHistoryTable(recs).write(e.stdout, "csv")
	}
	pairs := [][2]string{{"Account", a.Ref + "  " + a.Name}, {"Balance", a.Balance.Balance()}}
	if live == nil {
		pairs = append(pairs, [2]string{"Live arrangement", "none"})
	} else {
		st := live.Status
		next := "none left"
		if !st.NextDue.IsZero() {
			next = st.NextDue.Human()
		}
		pairs = append(pairs,
			[2]string{"Live arrangement", live.ID + ": " + live.TermsWords()},
			[2]string{"Schedule", arrangementScheduleWords(*live)},
			[2]string{"State", stateWord(string(st.State)) + " — " + st.Reason},
			[2]string{"Expected to date", st.Expected.Human()},
			[2]string{"Paid to date", st.Received.Human()},
			[2]string{"Behind", st.Behind.Human()},
			[2]string{"Next due", next},
			[2]string{"Made", live.MadeOn.Human() + " by " + live.MadeBy},
		)
	}
	fields(e.stdout, pairs)
	if live != nil && len(live.Checks) > 0 {
		checks := live.Checks[max(len(live.Checks)-arrangementChecksShown, 0):]
		fmt.Fprintf(e.stdout, "\nChecks (latest %d of %d; grace %d days)\n", len(checks), len(live.Checks), policy.ArrangementGraceDays)
		t := &table{header: []string{"n", "due", "checked", "expected", "paid", "behind", "state"}, right: map[int]bool{0: true, 3: true, 4: true, 5: true}}
		for _, c := range checks {
			t.add(strconv.Itoa(c.N), c.Due.Human(), c.On.Human(), c.Expected.Human(), c.Received.Human(), c.Behind.Human(), stateWord(string(c.State)))
		}
		t.write(e.stdout, "table")
	}
	fmt.Fprintln(e.stdout, "\nHistory (newest first)")
	if len(recs) == 0 {
		fmt.Fprintln(e.stdout, "no arrangements recorded")
		return nil
	}
	return arrangementHistoryTable(recs).write(e.stdout, "table")
}

func arrangementHistoryTable(recs []store.ArrangementRecord) *table {
	t := &table{header: []string{"id", "made_on", "made_by", "start", "frequency", "instalment", "arrears", "state", "words"},
		right: map[int]bool{5: true, 6: true}}
	for _, r := range recs {
		t.add(r.ID, r.MadeOn.String(), r.MadeBy, r.Terms.Start.String(), string(r.Terms.Frequency), r.Terms.Instalment.String(),
			r.Terms.Arrears.String(), string(r.State), r.Words())
	}
	return t
}

// stateWord writes a state as a word that stands out without colour: KEPT.
func stateWord(s string) string { return strings.ToUpper(s) }

func runArrangementCancel(e env, args []string) error {
	s := newSettings("arrangement cancel", e)
	reason := s.fs.String("reason", "", "why it is cancelled")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 1, "ID"); err != nil {
		return err
	}
	reasonGiven := false
	s.fs.Visit(func(f *flag.Flag) {
		if f.Name == "reason" {
			reasonGiven = true
		}
	})
	if !reasonGiven {
		return usagef("caseload arrangement cancel: --reason is required (usage: caseload %s)", commands["arrangement cancel"].usage)
	}
	why, err := textArg(e, domain.TextReason, "--reason", *reason)
	if err != nil {
		return err
	}
	st, today, err := s.session()
	if err != nil {
		return err
	}
	defer st.Close()
	c := context.Background()
	ref, err := st.CancelArrangement(c, pos[0], why, today)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "arrangement %s on %s cancelled on %s\n", pos[0], ref, today.Human())
	live, ok, err := st.LiveArrangement(c, ref, today, 0)
	if err != nil {
		return err
	}
	if ok {
		fmt.Fprintf(e.stdout, "the earlier arrangement %s is live again: %s\n", live.ID, live.TermsWords())
	} else {
		fmt.Fprintf(e.stdout, "%s has no live arrangement now\n", ref)
	}
	return nil
}
