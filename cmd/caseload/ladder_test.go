package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestWorklistCouncilLadder: the same small extract under RULES.md's
// default and under a council's ladder (--policy hackney-2020, or a file):
// recording a step with the CLI moves the recommendation as the chosen
// policy says; a ladder file with a mistake is refused with the key, exit 3.
func TestWorklistCouncilLadder(t *testing.T) {
	c := newCLI(t) // Monday 23 Nov 2026, the first day of a rent week
	accounts := "ref,kind,tenancy_type,status,name,address,postcode,start_date,end_date,weekly_rent,payment_method,uc_claimant,officer\n" +
		"LD0001,rent,secure,current,Ann Steps,1 Sample Street,ZZ99 1AA,2024-04-01,,100.00,cash,no,asmith\n" +
		"LD0002,rent,secure,current,Ben Text,2 Sample Street,ZZ99 1AA,2024-04-01,,100.00,cash,no,asmith\n"
	txns := "ref,date,type,amount,method,reference\n" +
		"LD0001,2026-10-01,brought-forward,250.00,,\n" +
		"LD0002,2026-10-01,brought-forward,107.00,,\n"
	c.ok("ingest", "accounts", c.file("a.csv", accounts))
	c.ok("ingest", "transactions", c.file("t.csv", txns))

	type item struct {
		Ref, Rule, Reason, Action string
	}
	worklist := func(args ...string) map[string]item {
		t.Helper()
		out := c.ok(append([]string{"worklist", "--format", "json"}, args...)...)
		var items []item
		if err := json.Unmarshal([]byte(out), &items); err != nil {
			t.Fatalf("worklist JSON: %v\n%s", err, out)
		}
		got := map[string]item{}
		for _, it := range items {
			got[it.Ref] = it
		}
		return got
	}
	expect := func(got map[string]item, ref, rule, step, action string) {
		t.Helper()
		it := got[ref]
		if it.Rule != rule || !strings.HasPrefix(it.Reason, step) || it.Action != action {
			t.Errorf("%s: %+v, want rule %s, reason from %q, action %q", ref, it, rule, step, action)
		}
	}

	def := worklist()
	expect(def, "LD0001", "first-letter", "£250.00 = 2.5 weeks", "send first arrears letter / call")
	hk := worklist("--policy", "hackney-2020")
	expect(hk, "LD0001", "recovery-step", "letter-1: £150.00 after grace", "send income collection letter 1")
	expect(hk, "LD0002", "recovery-step", "sms: £7.00 after grace", "send arrears SMS")

	// Letter 1 recorded 14 days ago: the default waits 28 days for the
	// next letter; Hackney's ladder sends letter 2 after 14.
	c.ok("event", "LD0001", "letter-1", "--date", "2026-11-09")
	if it, listed := worklist()["LD0001"]; listed {
		t.Errorf("default: LD0001 listed %+v, want nothing until 28 days after the letter", it)
	}
	expect(worklist("--policy", "hackney-2020"), "LD0001", "recovery-step", "letter-2: ", "send income collection letter 2")

	// A council's own file, by path: one step.
	own := c.file("own.json", `{"ladder": {"name": "Own", "steps": [
		{"id": "call", "label": "phone the tenant", "priority": 45,
		 "when": {"arrears_after_grace": {"at_least_weeks": 0.05}, "since": [{"step": "letter-1", "min_days": 14}]}}]}}`)
	got := worklist("--policy", own)
	expect(got, "LD0001", "recovery-step", "call: £150.00 after grace", "phone the tenant")
	if _, listed := got["LD0002"]; listed {
		t.Errorf("own ladder: LD0002 has no letter, so no call: %+v", got["LD0002"])
	}

	// A mistake in the ladder: refused, exit 3, naming the key; nothing written.
	before := c.dump()
	bad := c.file("bad.json", `{"ladder": {"name": "Bad", "steps": [{"id": "call", "label": "phone", "priority": 45, "when": {"nosp": ["valid"]}}]}}`)
	if msg := c.refused(3, "worklist", "--policy", bad); !strings.Contains(msg, "ladder.steps[0].when.nosp") || !strings.Contains(msg, "never-served") {
		t.Errorf("bad ladder: %s", msg)
	}
	if c.dump() != before {
		t.Error("a refused worklist wrote to the database")
	}
}
