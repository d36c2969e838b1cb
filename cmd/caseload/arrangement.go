package main

import (
	"errors"
	"flag"
	"fmt"
	"strconv"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/store"
)

func init() {
	kit{name: "arrangement calc", usage: "arrangement calc --balance X --frequency F --start D (--instalment X | --clear-by D) [--format table|csv|json]", help: "repayment schedule for an arrears balance (no database needed)", flags: true, format: true}.define(runArrangementCalc)
	kit{name: "arrangement add", usage: "arrangement add REF --instalment X --frequency F --start D [--arrears X]", help: "record a live repayment arrangement (ends any earlier live one)", flags: true}.define(runArrangementAdd)
	kit{name: "arrangement show", usage: "arrangement show REF [--policy FILE] [--format table|csv|json]", help: "the account's arrangements: the live one's state, expected vs paid, next due; the history", format: true, today: true, policy: true, ref: true}.define(runArrangementShow)
	kit{name: "arrangement cancel", usage: "arrangement cancel ID --reason X", help: "cancel an arrangement, saying why", flags: true}.define(runArrangementCancel)
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
func runArrangementCalc(c *call) error {
	balance := c.fs.String("balance", "", "the arrears balance, e.g. 1234.56")
	frequency := c.fs.String("frequency", "", "weekly, fortnightly, four-weekly or monthly")
	start := c.fs.String("start", "", "date of the first instalment YYYY-MM-DD")
	instalment := c.fs.String("instalment", "", "the amount of each instalment")
	clearBy := c.fs.String("clear-by", "", "the date to clear the balance by YYYY-MM-DD")
	err := c.parse()
	if err != nil {
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
	switch c.format {
	case "json":
		return writeJSON(c.stdout, p)
	case "csv":
		return arrangementScheduleTable(p).write(c.stdout, "csv")
	}
	fields(c.stdout, [][2]string{
		{"Balance", r.Balance.Human()},
		{"Instalment", p.Instalment.Human() + " " + p.Frequency.Per()},
		{"Instalments", strconv.Itoa(p.Count)},
		{"First", p.FirstDate.Human()},
		{"Final", p.FinalDate.Human() + " (" + p.FinalAmount.Human() + ")"},
		{"Total", p.Total.Human()},
	})
	fmt.Fprintln(c.stdout)
	return arrangementScheduleTable(p).write(c.stdout, "table")
}

func arrangementScheduleTable(p arrangement.Plan) *table {
	t := &table{header: []string{"n", "date", "amount", "balance_after"}, right: map[int]bool{0: true, 2: true, 3: true}}
	for _, l := range p.Schedule {
		t.add(strconv.Itoa(l.N), l.Date.String(), l.Amount.String(), l.BalanceAfter.String())
	}
	return t
}

func runArrangementAdd(c *call) error {
	instalment := c.fs.String("instalment", "", "the amount of each instalment")
	frequency := c.fs.String("frequency", "", "weekly, fortnightly, four-weekly or monthly")
	start := c.fs.String("start", "", "date of the first instalment YYYY-MM-DD")
	arrears := c.fs.String("arrears", "", "the arrears it is for (default: the balance now)")
	err := c.parse()
	if err != nil {
		return err
	}
	for _, f := range []struct{ name, v string }{{"instalment", *instalment}, {"frequency", *frequency}, {"start", *start}} {
		if f.v == "" {
			return usagef("caseload arrangement add: --%s is required (usage: caseload %s)", f.name, commands["arrangement add"].usage)
		}
	}
	n := store.NewArrangement{Ref: c.pos[0]}
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
		// Zero means "the balance" to the store; typed, it is a mistake.
		if err := arrangement.CheckArrears(n.Arrears); err != nil {
			return asFlag("--arrears", err)
		}
	}
	// A breached order is judged under the officer's worklist policy.
	policy, err := loadPolicy(c.settings, "")
	if err != nil {
		return err
	}
	if err := c.session(); err != nil {
		return err
	}
	if p, err := c.st.PreviewArrangement(c.ctx, n, c.today, policy); err == nil && p.OrderWarning != "" {
		fmt.Fprintln(c.stderr, "caseload: warning: "+p.OrderWarning)
	}
	id, err := c.st.AddArrangement(c.ctx, n, c.today, policy)
	if err != nil {
		return err
	}
	recs, err := c.st.Arrangements(c.ctx, n.Ref, c.today, 0)
	if err != nil {
		return err
	}
	for _, r := range recs {
		if r.ID == id {
			fmt.Fprintf(c.stdout, "arrangement %s on %s: %s; %s\n", id, n.Ref, r.TermsWords(), r.ScheduleWords())
		}
	}
	for _, r := range recs {
		if r.SupersededBy == id {
			fmt.Fprintf(c.stdout, "ends the live arrangement %s: %s (made %s)\n", r.ID, r.TermsWords(), r.MadeOn.Human())
		}
	}
	return nil
}

// asFlag names a domain refusal by the flag the officer typed: "arrears:
// must be …" becomes "--arrears: must be …".
func asFlag(flag string, err error) error {
	var v *domain.ValidationError
	if errors.As(err, &v) {
		return &domain.ValidationError{Field: flag, Reason: v.Reason}
	}
	return err
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

func runArrangementShow(c *call) error {
	a := c.account
	recs, err := c.st.Arrangements(c.ctx, a.Ref, c.today, c.policy.ArrangementGraceDays)
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
	switch c.format {
	case "json":
		return writeJSON(c.stdout, j)
	case "csv":
		return arrangementHistoryTable(recs).write(c.stdout, "csv")
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
			[2]string{"Schedule", live.ScheduleWords()},
			[2]string{"State", st.State.Word() + " — " + st.Reason},
			[2]string{"Expected to date", st.Expected.Human()},
			[2]string{"Paid to date", st.Received.Human()},
			[2]string{"Behind", st.Behind.Human()},
			[2]string{"Next due", next},
			[2]string{"Made", live.MadeOn.Human() + " by " + live.MadeBy},
		)
	}
	fields(c.stdout, pairs)
	if live != nil && len(live.Checks) > 0 {
		checks := live.Checks[max(len(live.Checks)-arrangementChecksShown, 0):]
		fmt.Fprintf(c.stdout, "\nChecks (latest %d of %d; grace %d days)\n", len(checks), len(live.Checks), c.policy.ArrangementGraceDays)
		t := &table{header: []string{"n", "due", "checked", "expected", "paid", "behind", "state"}, right: map[int]bool{0: true, 3: true, 4: true, 5: true}}
		for _, ck := range checks {
			t.add(strconv.Itoa(ck.N), ck.Due.Human(), ck.On.Human(), ck.Expected.Human(), ck.Received.Human(), ck.Behind.Human(), ck.State.Word())
		}
		t.write(c.stdout, "table")
	}
	fmt.Fprintln(c.stdout, "\nHistory (newest first)")
	if len(recs) == 0 {
		fmt.Fprintln(c.stdout, "no arrangements recorded")
		return nil
	}
	return arrangementHistoryTable(recs).write(c.stdout, "table")
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

func runArrangementCancel(c *call) error {
	reason := c.fs.String("reason", "", "why it is cancelled")
	if err := c.parse(); err != nil {
		return err
	}
	reasonGiven := false
	c.fs.Visit(func(f *flag.Flag) {
		if f.Name == "reason" {
			reasonGiven = true
		}
	})
	if !reasonGiven {
		return usagef("caseload arrangement cancel: --reason is required (usage: caseload %s)", commands["arrangement cancel"].usage)
	}
	why, err := textArg(c.env, domain.TextReason, "--reason", *reason)
	if err != nil {
		return err
	}
	if err := c.session(); err != nil {
		return err
	}
	ref, err := c.st.CancelArrangement(c.ctx, c.pos[0], why, c.today)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "arrangement %s on %s cancelled on %s\n", c.pos[0], ref, c.today.Human())
	live, ok, err := c.st.LiveArrangement(c.ctx, ref, c.today, 0)
	if err != nil {
		return err
	}
	if ok {
		fmt.Fprintf(c.stdout, "the earlier arrangement %s is live again: %s\n", live.ID, live.TermsWords())
	} else {
		fmt.Fprintf(c.stdout, "%s has no live arrangement now\n", ref)
	}
	return nil
}
