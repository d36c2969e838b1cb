package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestWorklistEndToEnd: a small extract plus notes, events and an
// arrangement through the CLI; the worklist JSON names the right rule for
// each account, highest priority first, and leaves a regular UC payer in
// technical arrears off.
func TestWorklistEndToEnd(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	accounts := "ref,kind,tenancy_type,status,name,address,postcode,start_date,end_date,weekly_rent,payment_method,uc_claimant,officer\n" +
		"WL0001,rent,secure,current,Ann Ladder,1 Sample Street,ZZ99 1AA,2024-04-01,,100.00,cash,no,asmith\n" +
		"WL0002,rent,secure,current,Ben Letter,2 Sample Street,ZZ99 1AA,2024-04-01,,100.00,card,no,asmith\n" +
		"WL0003,former-tenant,secure,former,Cat Former,3 Sample Street,ZZ99 1AA,2020-04-06,2026-05-31,0.00,card,no,asmith\n" +
		"WL0004,rent,secure,current,Dee Diary,4 Sample Street,ZZ99 1AA,2024-04-01,,100.00,dd,no,asmith\n" +
		"WL0005,rent,secure,current,Eli Broken,5 Sample Street,ZZ99 1AA,2024-04-01,,100.00,cash,no,asmith\n" +
		"WL0006,rent,secure,current,Fay Monthly,6 Sample Street,ZZ99 1AA,2024-04-01,,100.00,uc,yes,asmith\n"
	var txns strings.Builder
	txns.WriteString("ref,date,type,amount,method,reference\n")
	row := func(ref, date, typ, amount, method string) {
		fmt.Fprintf(&txns, "%s,%s,%s,%s,%s,\n", ref, date, typ, amount, method)
	}
	var weeks []string // every Monday from 24 Aug to 23 Nov 2026
	for d := time.Date(2026, 8, 24, 0, 0, 0, 0, time.UTC); !d.After(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)); d = d.AddDate(0, 0, 7) {
		weeks = append(weeks, d.Format("2006-01-02"))
	}
	row("WL0001", "2026-10-14", "payment", "-10.00", "cash")
	for _, w := range weeks {
		if w <= "2026-10-26" {
			row("WL0002", w, "payment", "-100.00", "card") // weekly until the end of October
		}
		row("WL0004", w, "payment", "-100.00", "dd") // always paid up
		if w <= "2026-10-05" {
			row("WL0005", w, "payment", "-100.00", "cash") // stopped in October
		}
	}
	row("WL0003", "2026-05-31", "brought-forward", "300.00", "")
	row("WL0003", "2026-09-20", "payment", "-10.00", "card")
	for _, d := range []string{"2026-08-28", "2026-09-28", "2026-10-28"} {
		row("WL0006", d, "uc", "-433.33", "uc") // Universal Credit, monthly in arrears
	}
	c.ok("ingest", "accounts", c.file("a.csv", accounts))
	c.ok("ingest", "transactions", c.file("t.csv", txns.String()))
	for _, week := range weeks {
		c.ok("rent-run", "--week", week)
	}
	c.ok("event", "WL0001", "letter-1", "--date", "2026-10-20")
	c.ok("note", "WL0004", "Asked for a call back about the service charge", "--channel", "phone", "--follow-up", "2026-11-23")
	c.ok("arrangement", "add", "WL0005", "--instalment", "10.00", "--frequency", "weekly", "--start", "2026-10-12")

	var items []struct {
		Ref      string `json:"ref"`
		Rule     string `json:"rule"`
		Priority int    `json:"priority"`
		Reason   string `json:"reason"`
		Action   string `json:"action"`
		Due      string `json:"due"`
	}
	out := c.ok("worklist", "--format", "json")
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("worklist JSON: %v\n%s", err, out)
	}
	got := map[string]string{}
	for i, it := range items {
		got[it.Ref] = it.Rule
		if i > 0 && it.Priority > items[i-1].Priority {
			t.Errorf("not highest priority first: %v", items)
		}
		if it.Reason == "" || it.Action == "" || it.Due == "" {
			t.Errorf("%s: item without reason, action or due date: %+v", it.Ref, it)
		}
	}
	want := map[string]string{
		"WL0001": "pre-action",         // 13.9 weeks, first letter 34 days ago, no arrangement
		"WL0002": "first-letter",       // 4 weeks' arrears, stopped paying weekly, no letter
		"WL0003": "former-tenant-debt", // former tenant owing, no payment for 64 days
		"WL0004": "diary-due",          // follow-up due today
		"WL0005": "arrangement-broken", // £10 a week agreed, nothing paid since
	}
	for ref, rule := range want {
		if got[ref] != rule {
			t.Errorf("%s: rule %q, want %q (worklist %s)", ref, got[ref], rule, out)
		}
	}
	if _, listed := got["WL0006"]; listed {
		t.Errorf("WL0006 pays UC monthly and is only in technical arrears, but is listed: %s", out)
	}
	// The table form says the same.
	if table := c.ok("worklist"); !strings.Contains(table, "WL0005") || !strings.Contains(table, "arrangement-broken") {
		t.Errorf("table output:\n%s", table)
	}
}
