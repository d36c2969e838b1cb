package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// A hearing with outcome suspended-on-terms records the order with its
// terms; payments short of the rent plus the weekly sum since the order
// raise court-order-breach, which goes once the payments catch up.
func TestHearingOutcomeSuspendedOnTermsBreach(t *testing.T) {
	c := newCLI(t)
	inArrearsWithNOSP(c)
	c.ok("event", "NW4001", "court-claim", "--date", "2026-10-05", "--override", "history before the checklist")
	out := c.ok("event", "NW4001", "hearing", "--date", "2026-10-26", "--outcome", "suspended-on-terms",
		"--terms", "£5.00 a week towards arrears")
	for _, want := range []string{"possession suspended on terms", "suspended possession order recorded", "£5.00 a week"} {
		if !strings.Contains(out, want) {
			t.Errorf("hearing output lacks %q: %s", want, out)
		}
	}
	var evs []eventJSON
	if err := json.Unmarshal([]byte(c.ok("events", "NW4001", "--format", "json")), &evs); err != nil {
		t.Fatal(err)
	}
	if n := len(evs); n < 2 || evs[n-2].Outcome != "suspended-on-terms" || evs[n-2].Terms != "£5.00 a week towards arrears" ||
		evs[n-1].Type != "order-suspended" || evs[n-1].TermsWeekly == nil || evs[n-1].TermsWeekly.String() != "5.00" {
		t.Fatalf("events do not keep the outcome and terms: %+v", evs)
	}
	for _, d := range []string{"2026-10-30", "2026-11-06", "2026-11-13", "2026-11-20"} {
		c.ok("pay", "NW4001", "50.00", "--method", "cash", "--date", d)
	}
	// Recent payments, the balance falling: only the terms show the breach.
	wl := c.ok("worklist", "--all", "--format", "csv")
	if !strings.Contains(wl, "court-order-breach") || !strings.Contains(wl, "£220.00 short") {
		t.Fatalf("no breach of the terms: %s", wl)
	}
	for _, d := range []string{"2026-11-20", "2026-11-21", "2026-11-22", "2026-11-22"} {
		c.ok("pay", "NW4001", "55.00", "--method", "cash", "--date", d)
	}
	if wl := c.ok("worklist", "--all", "--format", "csv"); strings.Contains(wl, "court-order-breach") {
		t.Fatalf("terms kept but still breached: %s", wl)
	}
	// The ladder steps a council ladder names can be recorded.
	c.ok("event", "NW4001", "court-breach-letter")
	c.ok("event", "NW4001", "sms")
	c.ok("event", "NW4001", "court-warning")
	c.ok("event", "NW4001", "court-outcome", "--date", "2026-10-26", "--outcome", "SOT", "--terms", "5.00")
}

func TestHearingOutcomeRefusals(t *testing.T) {
	c := newCLI(t)
	inArrearsWithNOSP(c)
	c.ok("event", "NW4001", "court-claim", "--date", "2026-10-05", "--override", "history before the checklist")
	before := c.dump()
	for _, args := range [][]string{
		{"hearing", "--date", "2026-10-26", "--outcome", "suspended"},
		{"hearing", "--date", "2026-10-26", "--outcome", "suspended-on-terms"},
		{"hearing", "--date", "2026-10-26", "--outcome", "struck-out", "--terms", "£5 a week"},
		{"hearing", "--date", "2026-10-26", "--outcome", "outright-with-date"},
		{"hearing", "--date", "2026-12-07", "--outcome", "adjourned-generally"},
		{"hearing", "--date", "2026-10-26", "--terms", "five pounds"},
		{"hearing", "--date", "2026-10-26", "--terms", "£5 a week"},
		{"sms", "--terms", "£5 a week"},
		{"court-outcome", "--date", "2026-10-26"},
		{"court-outcome", "--date", "2026-10-26", "--outcome", "withdrawn"},
	} {
		stderr := c.refused(3, append([]string{"event", "NW4001"}, args...)...)
		if strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%v: not one line: %q", args, stderr)
		}
	}
	if c.dump() != before {
		t.Fatal("a refused hearing outcome wrote something")
	}
	out := c.ok("event", "NW4001", "hearing", "--date", "2026-10-26", "--outcome", "outright-with-date", "--possession-date", "2026-11-23")
	if !strings.Contains(out, "outright possession order recorded") || !strings.Contains(out, "after the date for possession") {
		t.Fatalf("outright: %s", out)
	}
}

// Hackney's ladder names an SMS step: before the sms event type existed it
// counted as never taken; recorded with the CLI it is taken.
func TestLadderSMSRecorded(t *testing.T) {
	c := newCLI(t)
	c.ok("ingest", "accounts", c.file("a.csv", "ref,kind,tenancy_type,status,name,address,postcode,start_date,end_date,weekly_rent,payment_method,uc_claimant,officer\n"+
		"LD0002,rent,secure,current,Ben Text,2 Sample Street,ZZ99 1AA,2024-04-01,,100.00,cash,no,asmith\n"))
	c.ok("ingest", "transactions", c.file("t.csv", "ref,date,type,amount,method,reference\nLD0002,2026-10-01,brought-forward,107.00,,\n"))
	if out := c.ok("worklist", "--policy", "hackney-2020", "--format", "csv"); !strings.Contains(out, "send arrears SMS") {
		t.Fatalf("no SMS recommended: %s", out)
	}
	c.ok("event", "LD0002", "sms")
	if out := c.ok("worklist", "--policy", "hackney-2020", "--format", "csv"); strings.Contains(out, "send arrears SMS") {
		t.Fatalf("SMS recorded but still recommended: %s", out)
	}
}
