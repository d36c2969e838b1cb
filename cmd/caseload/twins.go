package main

import (
	"context"
	"fmt"
	"strings"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/court"
)

// The caseload pane's actions as commands, so a script can do a morning's
// work: each calls the store method the pane calls, so the rules and
// refusals are the pane's.

func init() {
	register("pause", "pause REF --until D --reason X | pause REF --lift",
		"pause a case until a date, saying why (it leaves the worklist), or lift the pause: `p` in the caseload pane", runPause)
	register("done", "done REF [--undo] [--policy FILE]",
		"mark the account's most urgent item done for today, or (--undo) put today's done items back: `d` and `u` in the caseload pane", runDone)
	register("complete", "complete FOLLOW-UP-ID",
		"complete a diary follow-up (the id of its note: see `caseload notes REF --follow-ups`): `c` in the caseload pane", runComplete)
	register("notes", "notes REF [--follow-ups] [--format table|csv|json]",
		"the account's notes and contacts, oldest first; --follow-ups: only the open diary follow-ups", runNotes)
	register("events", "events REF [--format table|csv|json]", "the account's case events, oldest first", runEvents)
	register("arrangement afford", "arrangement afford NAME=AMOUNT[/FREQUENCY] ... [--rent-free-weeks N] [--format table|csv|json]",
		"an income and expenditure statement's monthly surplus and a suggested instalment at every frequency: `f` in the arrangement pane", runArrangementAfford)
	register("arrangement uc-range", "arrangement uc-range --claimant TYPE [--on D] [--format table|csv|json]",
		"the Universal Credit deduction for rent arrears a landlord may ask for (10%–20% of the standard allowance): the arrangement pane's UC line", runArrangementUCRange)
}

func runPause(e env, args []string) error {
	s := newSettings("pause", e)
	until := s.fs.String("until", "", "the date the case comes back to the worklist")
	reason := s.fs.String("reason", "", "why the case is paused")
	lift := s.fs.Bool("lift", false, "lift the pause now")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 1, "REF"); err != nil {
		return err
	}
	var d domain.Date
	switch {
	case *lift && (*until != "" || *reason != ""):
		return usagef("caseload pause: --lift takes no --until or --reason (usage: caseload %s)", commands[s.name].usage)
	case !*lift:
		if d, err = requiredDate(s, "--until", *until); err != nil {
			return err
		}
	}
	st, today, err := s.session()
	if err != nil {
		return err
	}
	defer st.Close()
	ref := pos[0]
	if err := st.Pause(context.Background(), ref, d, *reason, today); err != nil {
		return err
	}
	if *lift {
		fmt.Fprintf(e.stdout, "pause lifted on %s\n", ref)
		return nil
	}
	fmt.Fprintf(e.stdout, "%s paused until %s: %s\n", ref, d.Human(), strings.TrimSpace(*reason))
	return nil
}

func runDone(e env, args []string) error {
	s := newSettings("done", e)
	undo := s.fs.Bool("undo", false, "put the items marked done today back on the list")
	policyFile := s.fs.String("policy", "", "worklist policy file (JSON; CASELOAD_POLICY)")
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
	ref := pos[0]
	if *undo {
		rules, err := st.UndoDoneToday(context.Background(), ref, today)
		if err != nil {
			return err
		}
		names := make([]string, len(rules))
		for i, r := range rules {
			names[i] = string(r)
		}
		fmt.Fprintf(e.stdout, "%s: %s back on today's list\n", ref, strings.Join(names, ", "))
		return nil
	}
	it, err := st.MarkDoneToday(context.Background(), ref, today, policy)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %s done for today (%s)\n", ref, it.Rule, it.Reason)
	return nil
}

func runComplete(e env, args []string) error {
	s := newSettings("complete", e)
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 1, "FOLLOW-UP-ID"); err != nil {
		return err
	}
	st, today, err := s.session()
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.CompleteFollowUp(context.Background(), pos[0], today); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "follow-up %s done on %s\n", pos[0], today.Human())
	return nil
}

// noteJSON is one note in `caseload notes --format json`.
type noteJSON struct {
	ID       string       `json:"id"`
	Date     domain.Date  `json:"date"`
	Channel  string       `json:"channel"`
	Text     string       `json:"text"`
	FollowUp *domain.Date `json:"follow_up"`
	DoneOn   *domain.Date `json:"done_on"`
	Officer  string       `json:"officer"`
}

func runNotes(e env, args []string) error {
	s := newSettings("notes", e).withFormat()
	followUps := s.fs.Bool("follow-ups", false, "only the open diary follow-ups")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 1, "REF"); err != nil {
		return err
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	defer st.Close()
	ref := pos[0]
	if _, err := st.Account(context.Background(), ref); err != nil {
		return err
	}
	notes, err := st.Notes(context.Background(), ref)
	if err != nil {
		return err
	}
	out := []noteJSON{}
	for _, n := range notes {
		if *followUps && (n.FollowUp.IsZero() || !n.DoneOn.IsZero()) {
			continue
		}
		out = append(out, noteJSON{ID: n.ID, Date: n.Date, Channel: string(n.Channel), Text: n.Text,
			FollowUp: datePtr(n.FollowUp), DoneOn: datePtr(n.DoneOn), Officer: n.Officer})
	}
	if s.format == "json" {
		return writeJSON(e.stdout, out)
	}
	if s.format == "table" && len(out) == 0 {
		what := "no notes"
		if *followUps {
			what = "no open follow-ups"
		}
		fmt.Fprintf(e.stdout, "%s: %s\n", ref, what)
		return nil
	}
	t := &table{header: []string{"id", "date", "channel", "follow_up", "done_on", "officer", "text"}}
	for _, n := range out {
		t.add(n.ID, n.Date.String(), n.Channel, dateText(n.FollowUp), dateText(n.DoneOn), n.Officer, n.Text)
	}
	return t.write(e.stdout, s.format)
}

// eventJSON is one case event in `caseload events --format json`.
type eventJSON struct {
	ID      string      `json:"id"`
	Date    domain.Date `json:"date"`
	Type    string      `json:"type"`
	Detail  string      `json:"detail"`
	Officer string      `json:"officer"`
	// The court case fields, when recorded (issue 15).
	Outcome        string        `json:"outcome,omitempty"`
	TermsWeekly    *domain.Money `json:"terms_weekly,omitempty"`
	Terms          string        `json:"terms,omitempty"`
	PossessionDate *domain.Date  `json:"possession_date,omitempty"`
}

func runEvents(e env, args []string) error {
	s := newSettings("events", e).withFormat()
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 1, "REF"); err != nil {
		return err
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	defer st.Close()
	ref := pos[0]
	if _, err := st.Account(context.Background(), ref); err != nil {
		return err
	}
	events, err := st.Events(context.Background(), ref)
	if err != nil {
		return err
	}
	out := []eventJSON{}
	for _, ev := range events {
		j := eventJSON{ID: ev.ID, Date: ev.Date, Type: string(ev.Type), Detail: ev.Detail, Officer: ev.Officer,
			Outcome: string(ev.Outcome), Terms: ev.TermsText}
		if w := ev.Terms.Weekly; w.IsPositive() {
			j.TermsWeekly = &w
		}
		if d := ev.Terms.PossessionDate; !d.IsZero() {
			j.PossessionDate = &d
		}
		out = append(out, j)
	}
	if s.format == "json" {
		return writeJSON(e.stdout, out)
	}
	if s.format == "table" && len(out) == 0 {
		fmt.Fprintf(e.stdout, "%s: no case events\n", ref)
		return nil
	}
	t := &table{header: []string{"id", "date", "type", "officer", "detail"}}
	for _, ev := range out {
		label, detail := ev.Type, ev.Detail
		if s.format == "table" {
			label = domain.EventType(ev.Type).Label()
			if w := court.Outcome(ev.Outcome).Words(); w != "" {
				detail = strings.TrimSpace(w + ". " + detail)
			}
			if ev.Terms != "" {
				detail = strings.TrimSpace(detail + " Terms: " + ev.Terms)
			}
		}
		t.add(ev.ID, ev.Date.String(), label, ev.Officer, detail)
	}
	return t.write(e.stdout, s.format)
}

// ---- the arrangement pane's calculations (`f` and `u`) ----

// affordJSON is `caseload arrangement afford --format json`: monthly
// totals and a suggested instalment at every frequency.
type affordJSON struct {
	Income      domain.Money     `json:"income"`
	Priority    domain.Money     `json:"priority_bills"`
	Essential   domain.Money     `json:"essential_spending"`
	OtherDebts  domain.Money     `json:"other_debts"`
	Outgoings   domain.Money     `json:"outgoings"`
	Surplus     domain.Money     `json:"surplus"`
	Suggestions []suggestionJSON `json:"suggestions"`
	Reason      string           `json:"reason"`
}

type suggestionJSON struct {
	Frequency string       `json:"frequency"`
	Amount    domain.Money `json:"amount"`
	AtMinimum bool         `json:"at_minimum"`
}

// affordItem reads one NAME=AMOUNT[/FREQUENCY] line: NAME a heading of the
// income and expenditure form (wages, rent, council-tax, food, …) or
// GROUP:words for a line of the officer's own.
func affordItem(arg string, rentFreeWeeks int) (arrangement.Item, error) {
	name, value, ok := strings.Cut(arg, "=")
	if !ok || name == "" || value == "" {
		return arrangement.Item{}, usagef("caseload arrangement afford: %q is not NAME=AMOUNT[/FREQUENCY]", arg)
	}
	amountText, freqText, hasFreq := strings.Cut(value, "/")
	it := arrangement.Item{Name: name, Period: arrangement.Monthly}
	if group, words, own := strings.Cut(name, ":"); own {
		it.Group, it.Name = arrangement.Group(group), words
	} else {
		found := false
		for _, h := range arrangement.Headings {
			if h.Name == name {
				it.Group, found = h.Group, true
			}
		}
		if !found {
			names := make([]string, len(arrangement.Headings))
			for i, h := range arrangement.Headings {
				names[i] = h.Name
			}
			return it, domain.Invalid(name, "is not a heading (%s); for a line of your own write GROUP:words=AMOUNT", strings.Join(names, ", "))
		}
	}
	m, err := moneyArg(name, amountText)
	if err != nil {
		return it, err
	}
	it.Amount = m
	if hasFreq {
		if it.Period, err = arrangement.ParseFrequency(freqText); err != nil {
			return it, err
		}
	}
	if name == "rent" && it.Period != arrangement.Monthly {
		it.RentFreeWeeks = rentFreeWeeks
	}
	return it, nil
}

func runArrangementAfford(e env, args []string) error {
	s := newSettings("arrangement afford", e).withFormat()
	rentFree := s.fs.Int("rent-free-weeks", 0, "rent-free weeks a year on a weekly, fortnightly or four-weekly rent line")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("caseload arrangement afford: give at least one NAME=AMOUNT[/FREQUENCY] (usage: caseload %s)", commands[s.name].usage)
	}
	var st arrangement.Statement
	for _, arg := range pos {
		it, err := affordItem(arg, *rentFree)
		if err != nil {
			return err
		}
		st = append(st, it)
	}
	a, err := arrangement.Assess(st, arrangement.DefaultAffordability)
	if err != nil {
		return err
	}
	j := affordJSON{Income: a.Income, Priority: a.Priority, Essential: a.Essential, OtherDebts: a.OtherDebts,
		Outgoings: a.Outgoings, Surplus: a.Surplus, Reason: a.Reason, Suggestions: []suggestionJSON{}}
	for _, sg := range a.Suggestions {
		j.Suggestions = append(j.Suggestions, suggestionJSON{string(sg.Frequency), sg.Amount, sg.AtMinimum})
	}
	switch s.format {
	case "json":
		return writeJSON(e.stdout, j)
	case "csv":
		t := &table{header: []string{"frequency", "amount", "at_minimum"}}
		for _, sg := range j.Suggestions {
			t.add(sg.Frequency, sg.Amount.String(), domain.YesNo(sg.AtMinimum))
		}
		return t.write(e.stdout, "csv")
	}
	fields(e.stdout, [][2]string{
		{"Income", a.Income.Human() + " a month"},
		{"Priority bills", a.Priority.Human() + " a month"},
		{"Essential spending", a.Essential.Human() + " a month"},
		{"Other debts", a.OtherDebts.Human() + " a month"},
		{"Left over", a.Surplus.Human() + " a month"},
	})
	fmt.Fprintln(e.stdout, "\n"+a.Reason)
	t := &table{header: []string{"frequency", "suggested"}, right: map[int]bool{1: true}}
	for _, sg := range a.Suggestions {
		amount := sg.Amount.Human()
		if sg.AtMinimum {
			amount += " (minimum)"
		}
		t.add(string(sg.Frequency), amount)
	}
	fmt.Fprintln(e.stdout)
	return t.write(e.stdout, "table")
}

// runArrangementUCRange is `u` in the arrangement pane: the deduction range
// from the UC rates in force, the same answer as `rates --claimant`.
func runArrangementUCRange(e env, args []string) error {
	s := newSettings("arrangement uc-range", e).withFormat()
	claimant := s.fs.String("claimant", "", joined(arrangement.ClaimantTypes))
	onText := s.fs.String("on", "", "the date (default today)")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 0, ""); err != nil {
		return err
	}
	if *claimant == "" {
		return usagef("caseload arrangement uc-range: --claimant is required (usage: caseload %s)", commands[s.name].usage)
	}
	return runDeduction(e, s, *claimant, *onText)
}
