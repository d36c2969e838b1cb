package main

import (
	"fmt"
	"io"

	"caseload/domain"
	"caseload/domain/possession"
	"caseload/store"
)

func init() {
	kit{name: "preaction", usage: "preaction REF [tick|untick ITEM] [--date D] [--claim-pending|--no-claim-pending] [--format table|json]",
		help: "show or tick the pre-action protocol checklist (ITEM: " + preActionItemNames() + ")", flags: true, variadic: true, format: true}.define(runPreAction)
}

func preActionItemNames() string {
	out := ""
	for i, it := range domain.PreActionItems {
		if i > 0 {
			out += ", "
		}
		out += string(it)
	}
	return out
}

func runPreAction(c *call) error {
	date := c.fs.String("date", "", "date the item was done (default today)")
	pending := c.fs.Bool("claim-pending", false, "a complete benefit claim is pending: no court claim until it is decided")
	noPending := c.fs.Bool("no-claim-pending", false, "no benefit claim is pending")
	err := c.parse()
	if err != nil {
		return err
	}
	pos := c.pos
	if len(pos) != 1 && len(pos) != 3 {
		return usagef("caseload preaction: give REF, or REF tick|untick ITEM (usage: caseload %s)", commands["preaction"].usage)
	}
	if *pending && *noPending {
		return usagef("caseload preaction: give --claim-pending or --no-claim-pending, not both")
	}
	if c.format == "csv" {
		return usagef("caseload preaction: --format is table or json")
	}
	tick := store.PreActionTick{Ref: pos[0]}
	switch {
	case *pending:
		tick.Claim = domain.ClaimPending
	case *noPending:
		tick.Claim = domain.ClaimNone
	}
	if len(pos) == 3 {
		switch pos[1] {
		case "tick":
			tick.Done = true
		case "untick":
		default:
			return usagef("caseload preaction: %q is not tick or untick", pos[1])
		}
		if tick.Item, err = domain.ParsePreActionItem(pos[2]); err != nil {
			return err
		}
	}
	if tick.Date, err = optionalDate("--date", *date); err != nil {
		return err
	}
	if tick.Date != (domain.Date{}) && tick.Item == "" && tick.Claim == "" {
		return usagef("caseload preaction: --date goes with tick, untick or a claim flag")
	}
	p, err := loadPolicy(c.settings, "")
	if err != nil {
		return err
	}
	if err := c.session(); err != nil {
		return err
	}
	if tick.Item != "" || tick.Claim != "" {
		if err := c.st.TickPreAction(c.ctx, tick, c.today); err != nil {
			return err
		}
	}
	v, err := c.st.PreAction(c.ctx, tick.Ref, c.today, p)
	if err != nil {
		return err
	}
	if c.format == "json" {
		return writeJSON(c.stdout, preActionJSON(v))
	}
	writePreAction(c.stdout, v)
	return nil
}

type preActionItemJSON struct {
	Item    string `json:"item"`
	Label   string `json:"label"`
	Done    bool   `json:"done"`
	Date    string `json:"date,omitempty"`
	Officer string `json:"officer,omitempty"`
	Source  string `json:"source,omitempty"`
}

type preActionOut struct {
	Ref          string              `json:"ref"`
	From         string              `json:"from,omitempty"`
	Items        []preActionItemJSON `json:"items"`
	Open         []string            `json:"open"`
	Complete     bool                `json:"complete"`
	ClaimPending bool                `json:"claim_pending"`
	ClaimDate    string              `json:"claim_date,omitempty"`
	CourtClaim   struct {
		Allowed bool     `json:"allowed"`
		Reasons []string `json:"reasons,omitempty"`
	} `json:"court_claim"`
}

func preActionJSON(v store.PreActionView) preActionOut {
	c := v.Checklist
	out := preActionOut{Ref: v.Ref, From: c.From.String(), Open: []string{}, Complete: c.Complete(),
		ClaimPending: c.ClaimPending, ClaimDate: c.ClaimDate.String()}
	for _, t := range c.Ticks {
		it := preActionItemJSON{Item: string(t.Item), Label: t.Item.Label(), Done: t.Done}
		if t.Done {
			it.Date, it.Officer, it.Source = t.Date.String(), t.Officer, t.Source
		}
		out.Items = append(out.Items, it)
	}
	for _, it := range c.Open() {
		out.Open = append(out.Open, string(it))
	}
	out.CourtClaim.Allowed = v.Claim == nil
	if v.Claim != nil {
		out.CourtClaim.Reasons = v.Claim.Reasons
	}
	return out
}

func writePreAction(w io.Writer, v store.PreActionView) {
	c := v.Checklist
	head := "Pre-action checklist for " + v.Ref
	if !c.From.IsZero() {
		head += " (this arrears episode, from " + c.From.Human() + ")"
	}
	fmt.Fprintln(w, head)
	for _, t := range c.Ticks {
		if t.Done {
			fmt.Fprintf(w, "  ✓ %-12s %s — %s\n", t.Item, t.Item.Label(), t.DoneWords())
		} else {
			fmt.Fprintf(w, "  ✗ %-12s %s — OPEN\n", t.Item, t.Item.Label())
		}
	}
	if claim := c.ClaimWords(); claim != "" {
		fmt.Fprintln(w, "Benefit claim: "+claim)
	}
	fmt.Fprintln(w, "Court claim today: "+possession.ClaimToday(v.Claim))
}
