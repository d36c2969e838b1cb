package main

import (
	"fmt"
	"io"

	"caseload/domain"
	"caseload/domain/enforcement"
)

func init() {
	kit{name: "enforcement", usage: "enforcement REF [--policy FILE] [--format table|json]",
		help:   "the account's enforcement case: stage, timeline of steps, notices in force with how they were counted, pre-action checklist, court order and terms, next legal steps",
		format: true, today: true, policy: true, ref: true}.define(runEnforcement)
}

func runEnforcement(c *call) error {
	if c.format == "csv" {
		return usagef("caseload enforcement: --format is table or json")
	}
	v, err := c.st.Enforcement(c.ctx, c.account.Ref, c.today, c.policy)
	if err != nil {
		return err
	}
	if c.format == "json" {
		return writeJSON(c.stdout, v)
	}
	writeEnforcement(c.stdout, v)
	return nil
}

// writeEnforcement prints the view in the order the TUI's enforcement
// pane shows it.
func writeEnforcement(w io.Writer, v enforcement.View) {
	pairs := [][2]string{{"Account", v.Ref + "  " + v.Name}, {"Stage", v.Stage}, {"Balance", v.Arrears}}
	if v.Vulnerable {
		pairs = append(pairs, [2]string{"Vulnerable", domain.VulnerableCaution})
	}
	fields(w, pairs)
	fmt.Fprintln(w, "\nTimeline")
	if len(v.Timeline) == 0 {
		fmt.Fprintln(w, "  no enforcement step recorded")
	}
	for _, s := range v.Timeline {
		fmt.Fprintf(w, "  %-15s  %s — %s\n", s.Date.Human(), s.Words(), s.Officer)
	}
	if v.Possession {
		fmt.Fprintln(w, "\nNotices")
		if len(v.Notices) == 0 {
			fmt.Fprintln(w, "  none served")
		}
		for _, n := range v.Notices {
			fmt.Fprintf(w, "  %s %s: %s\n", n.Label, n.Served.Human(), n.Status)
			for _, how := range n.Counted {
				fmt.Fprintln(w, "    "+how)
			}
		}
		fmt.Fprintln(w, "\nPre-action")
		for _, l := range v.PreAction {
			fmt.Fprintln(w, "  "+l)
		}
		fmt.Fprintln(w, "\nCourt")
		if v.Court == nil {
			fmt.Fprintln(w, "  no claim issued")
		} else {
			for _, l := range v.Court.Lines {
				fmt.Fprintln(w, "  "+l)
			}
		}
	}
	fmt.Fprintln(w, "\nRecommended")
	if len(v.Recommended) == 0 {
		fmt.Fprintln(w, "  nothing today")
	}
	for _, it := range v.Recommended {
		fmt.Fprintf(w, "  %s: %s → %s\n", it.Rule, it.Reason, it.Action)
	}
	fmt.Fprintln(w, "\nNext legal steps")
	if v.NotDue != "" {
		fmt.Fprintf(w, "  – %s\n", v.NotDue)
	}
	for _, n := range v.Next {
		if n.Refused == "" {
			fmt.Fprintf(w, "  ✓ %s  %s\n", n.Type, n.Label)
		} else {
			fmt.Fprintf(w, "  ✗ %s  %s\n", n.Type, n.Refused)
		}
	}
}
