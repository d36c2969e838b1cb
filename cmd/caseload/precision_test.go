package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestArrearsWeeksRoundedOnce: 10.746 weeks are "10.75" in JSON (CLI.md, two
// decimals) and 10.7 in the tables an officer reads, both from the exact
// balance and charge (10.75 rounded again would be 10.8).
func TestArrearsWeeksRoundedOnce(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	accounts := "ref,kind,tenancy_type,status,name,address,postcode,start_date,end_date,weekly_rent,payment_method,uc_claimant,officer\n" +
		"PR0001,rent,secure,current,Tess Tenths,1 Sample Street,ZZ99 1AA,2024-04-01,,100.00,cash,no,asmith\n"
	c.ok("ingest", "accounts", c.file("a.csv", accounts))
	c.ok("ingest", "transactions", c.file("t.csv", "ref,date,type,amount,method,reference\nPR0001,2026-11-16,brought-forward,1074.60,,\n"))

	var show map[string]any
	if err := json.Unmarshal([]byte(c.ok("account", "show", "PR0001", "--format", "json")), &show); err != nil {
		t.Fatal(err)
	}
	if show["arrears_weeks"] != "10.75" {
		t.Errorf("account show arrears_weeks %v, want 10.75", show["arrears_weeks"])
	}
	if out := c.ok("account", "show", "PR0001"); !strings.Contains(out, "10.7 weeks") || strings.Contains(out, "10.8") {
		t.Errorf("account show text does not say 10.7 weeks:\n%s", out)
	}

	var items []map[string]any
	if err := json.Unmarshal([]byte(c.ok("worklist", "--format", "json")), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0]["arrears_weeks"] != "10.75" {
		t.Fatalf("worklist JSON %v, want one item with arrears_weeks 10.75", items)
	}
	if out := c.ok("worklist"); !strings.Contains(out, " 10.7 ") || strings.Contains(out, "10.8") || strings.Contains(out, "10.75") {
		t.Errorf("worklist table does not show 10.7:\n%s", out)
	}
}
