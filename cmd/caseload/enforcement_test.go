package main

import (
	"encoding/json"
	"strings"
	"testing"

	"caseload/domain/enforcement"
)

// The enforcement view through the binary: a NOSP in force with its dates
// counted in words, then a claim and a hearing with a suspended order
// breached — the JSON and the table say the same facts.
func TestEnforcementShowsTheNoticeTheCourtAndTheNextSteps(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	inArrearsWithNOSP(c)
	out := c.ok("enforcement", "NW4001")
	for _, want := range []string{"Stage:    NOSP served on Mon 7 Sep 2026", "£1,200.00 owed (12.0 weeks)",
		"Mon 7 Sep 2026   NOSP served — asmith",
		"NOSP served Mon 7 Sep 2026: in force: proceedings may be issued now; last day to issue: Tue 5 Oct 2027",
		"served Mon 7 Sep 2026 + 28 days → first Sun/Mon on or after: Mon 5 Oct 2026",
		"Mon 5 Oct 2026 + 12 months → same date: Tue 5 Oct 2027",
		"not started: 0 of 7 done", "no claim issued", "✓ court-warning", "✗ court-claim  court claim refused: pre-action steps open"} {
		if !strings.Contains(out, want) {
			t.Errorf("enforcement lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "warrant-applied") || strings.Contains(out, "hearing") {
		t.Errorf("a court step offered before a claim:\n%s", out)
	}

	c.ok("event", "NW4001", "court-claim", "--date", "2026-10-05", "--override", "history before the checklist")
	c.ok("event", "NW4001", "hearing", "--date", "2026-10-26", "--outcome", "suspended-on-terms", "--terms", "£5.00 a week towards arrears")
	var v enforcement.View
	if err := json.Unmarshal([]byte(c.ok("enforcement", "NW4001", "--format", "json")), &v); err != nil {
		t.Fatal(err)
	}
	if v.Ref != "NW4001" || v.StageType != "order-suspended" || v.Balance.String() != "1200.00" || len(v.Timeline) != 4 ||
		v.Timeline[2].Outcome != "suspended-on-terms" || v.Timeline[2].Officer != "asmith" {
		t.Fatalf("view %+v", v)
	}
	if len(v.Notices) != 1 || v.Notices[0].InForce || v.Notices[0].LastDay.String() != "2027-10-05" ||
		!strings.HasPrefix(v.Notices[0].Status, "used: court claim issued") {
		t.Errorf("notices %+v", v.Notices)
	}
	if v.Court == nil || !v.Court.Order || !v.Court.Breached {
		t.Errorf("court %+v", v.Court)
	}
	if len(v.Recommended) == 0 || v.Recommended[0].Rule != "court-order-breach" {
		t.Errorf("recommended %+v", v.Recommended)
	}
	offered := map[string]bool{}
	for _, n := range v.Next {
		offered[string(n.Type)] = n.Refused == ""
	}
	if !offered["warrant-applied"] || offered["letter-1"] {
		t.Errorf("next %+v", v.Next)
	}
	table := c.ok("enforcement", "NW4001")
	for _, want := range []string{"hearing on Mon 26 Oct 2026: possession suspended on terms", "BREACHED", "court-order-breach: ",
		"✓ warrant-applied"} {
		if !strings.Contains(table, want) {
			t.Errorf("the table lacks %q:\n%s", want, table)
		}
	}
}

func TestEnforcementRefusals(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	inArrearsWithNOSP(c)
	before := c.dump()
	if e := c.refused(3, "enforcement", "NW9999"); !strings.Contains(e, "no account NW9999") {
		t.Errorf("unknown account: %s", e)
	}
	c.refused(2, "enforcement", "NW4001", "--format", "csv")
	c.refused(2, "enforcement")
	if c.dump() != before {
		t.Fatal("enforcement wrote something")
	}
}
