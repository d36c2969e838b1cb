package main

import (
	"fmt"
	"strings"

	"caseload/domain"
	"caseload/domain/arrangement"
)

// The caseload pane's actions as commands, so a script can do a morning's
// work: each calls the store method the pane calls, so the rules and
// refusals are the pane's.

func init() {
	kit{name: "pause", usage: "pause REF --until D --reason X | pause REF --lift", help: "pause a case until a date, saying why (it leaves the worklist), or lift the pause: `p` in the caseload pane", flags: true}.define(runPause)
	kit{name: "done", usage: "done REF [--undo] [--policy FILE]", help: "mark the account's most urgent item done for today, or (--undo) put today's done items back: `d` and `u` in the caseload pane", flags: true, today: true, policy: true, store: true}.define(runDone)
	kit{name: "complete", usage: "complete FOLLOW-UP-ID", help: "complete a diary follow-up (the id of its note: see `caseload notes REF --follow-ups`): `c` in the caseload pane", today: true, store: true}.define(runComplete)
	kit{name: "notes", usage: "notes REF [--follow-ups] [--format table|csv|json]", help: "the account's notes and contacts, oldest first; --follow-ups: only the open diary follow-ups", flags: true, format: true, ref: true}.define(runNotes)
	kit{name: "events", usage: "events REF [--format table|csv|json]", help: "the account's case events, oldest first", format: true, ref: true}.define(runEvents)
	kit{name: "arrangement afford", usage: "arrangement afford NAME=AMOUNT[/FREQUENCY] ... [--rent-free-weeks N] [--format table|csv|json]", help: "an income and expenditure statement's monthly surplus and a suggested instalment at every frequency: `f` in the arrangement pane", flags: true, variadic: true, format: true}.define(runArrangementAfford)
	kit{name: "arrangement uc-range", usage: "arrangement uc-range --claimant TYPE [--on D] [--format table|csv|json]", help: "the Universal Credit deduction for rent arrears a landlord may ask for (10%–20% of the standard allowance): the arrangement pane's UC line", flags: true, format: true}.define(runArrangementUCRange)
}

func runPause(c *call) error {
	until := c.fs.String("until", "", "the date the case comes back to the worklist")
	reason := c.fs.String("reason", "", "why the case is paused")
	lift := c.fs.Bool("lift", false, "lift the pause now")
	err := c.parse()
	if err != nil {
		return err
	}
	var d domain.Date
	switch {
	case *lift && (*until != "" || *reason != ""):
		return usagef("caseload pause: --lift takes no --until or --reason (usage: caseload %s)", commands[c.name].usage)
	case !*lift:
		if d, err = requiredDate(c.settings, "--until", *until); err != nil {
			return err
		}
	}
	if err := c.session(); err != nil {
		return err
	}
	ref := c.pos[0]
	if err := c.st.Pause(c.ctx, ref, d, *reason, c.today); err != nil {
		return err
	}
	if *lift {
		fmt.Fprintf(c.stdout, "pause lifted on %s\n", ref)
		return nil
	}
	fmt.Fprintf(c.stdout, "%s paused until %s: %s\n", ref, d.Human(), strings.TrimSpace(*reason))
	return nil
}

func runDone(c *call) error {
	undo := c.fs.Bool("undo", false, "put the items marked done today back on the list")
	if err := c.parse(); err != nil {
		return err
	}
	ref := c.pos[0]
	if *undo {
		rules, err := c.st.UndoDoneToday(c.ctx, ref, c.today)
		if err != nil {
			return err
		}
		names := make([]string, len(rules))
		for i, r := range rules {
			names[i] = string(r)
		}
		fmt.Fprintf(c.stdout, "%s: %s back on today's list\n", ref, strings.Join(names, ", "))
		return nil
	}
	it, err := c.st.MarkDoneToday(c.ctx, ref, c.today, c.policy)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "%s: %s done for today (%s)\n", ref, it.Rule, it.Reason)
	return nil
}

func runComplete(c *call) error {
	if err := c.st.CompleteFollowUp(c.ctx, c.pos[0], c.today); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "follow-up %s done on %s\n", c.pos[0], c.today.Human())
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

func runNotes(c *call) error {
	followUps := c.fs.Bool("follow-ups", false, "only the open diary follow-ups")
	if err := c.parse(); err != nil {
		return err
	}
	ref := c.pos[0]
	notes, err := c.st.Notes(c.ctx, ref)
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
	none := ref + ": no notes"
	if *followUps {
		none = ref + ": no open follow-ups"
	}
	return writeRows(c, out, none, &table{header: []string{"id", "date", "channel", "follow_up", "done_on", "officer", "text"}}, func(t *table, n noteJSON) {
		t.add(n.ID, n.Date.String(), n.Channel, dateText(n.FollowUp), dateText(n.DoneOn), n.Officer, n.Text)
	})
}

// eventJSON is one case event in `caseload events --format json`.
type eventJSON struct {
	ID      string      `json:"id"`
	Date    domain.Date `json:"date"`
	Type    string      `json:"type"`
	Detail  string      `json:"detail"`
	Officer string      `json:"officer"`
}

func runEvents(c *call) error {
	ref := c.pos[0]
	events, err := c.st.Events(c.ctx, ref)
	if err != nil {
		return err
	}
	out := []eventJSON{}
	for _, ev := range events {
		out = append(out, eventJSON{ID: ev.ID, Date: ev.Date, Type: string(ev.Type), Detail: ev.Detail, Officer: ev.Officer})
	}
	return writeRows(c, out, ref+": no case events", &table{header: []string{"id", "date", "type", "officer", "detail"}}, func(t *table, ev eventJSON) {
		label := ev.Type
		if c.format == "table" {
			label = domain.EventType(ev.Type).Label()
		}
		t.add(ev.ID, ev.Date.String(), label, ev.Officer, ev.Detail)
	})
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

func runArrangementAfford(c *call) error {
	rentFree := c.fs.Int("rent-free-weeks", 0, "rent-free weeks a year on a weekly, fortnightly or four-weekly rent line")
	if err := c.parse(); err != nil {
		return err
	}
	if len(c.pos) == 0 {
		return usagef("caseload arrangement afford: give at least one NAME=AMOUNT[/FREQUENCY] (usage: caseload %s)", commands[c.name].usage)
	}
	var st arrangement.Statement
	for _, arg := range c.pos {
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
	switch c.format {
	case "json":
		return writeJSON(c.stdout, j)
	case "csv":
		t := &table{header: []string{"frequency", "amount", "at_minimum"}}
		for _, sg := range j.Suggestions {
			t.add(sg.Frequency, sg.Amount.String(), domain.YesNo(sg.AtMinimum))
		}
		return t.write(c.stdout, "csv")
	}
	fields(c.stdout, [][2]string{
		{"Income", a.Income.Human() + " a month"},
		{"Priority bills", a.Priority.Human() + " a month"},
		{"Essential spending", a.Essential.Human() + " a month"},
		{"Other debts", a.OtherDebts.Human() + " a month"},
		{"Left over", a.Surplus.Human() + " a month"},
	})
	fmt.Fprintln(c.stdout, "\n"+a.Reason)
	t := &table{header: []string{"frequency", "suggested"}, right: map[int]bool{1: true}}
	for _, sg := range a.Suggestions {
		amount := sg.Amount.Human()
		if sg.AtMinimum {
			amount += " (minimum)"
		}
		t.add(string(sg.Frequency), amount)
	}
	fmt.Fprintln(c.stdout)
	return t.write(c.stdout, "table")
}

// runArrangementUCRange is `u` in the arrangement pane: the deduction range
// from the UC rates in force, the same answer as `rates --claimant`.
func runArrangementUCRange(c *call) error {
	claimant := c.fs.String("claimant", "", joined(arrangement.ClaimantTypes))
	onText := c.fs.String("on", "", "the date (default today)")
	if err := c.parse(); err != nil {
		return err
	}
	if *claimant == "" {
		return usagef("caseload arrangement uc-range: --claimant is required (usage: caseload %s)", commands[c.name].usage)
	}
	return runDeduction(c, *claimant, *onText)
}
