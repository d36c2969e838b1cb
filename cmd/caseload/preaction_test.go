package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// inArrearsWithNOSP is a secure tenancy owing £1,200 with a NOSP served on
// Mon 7 Sep 2026.
func inArrearsWithNOSP(c *cli) {
	c.t.Helper()
	inArrearsWithNOSPDB.apply(c)
}

var inArrearsWithNOSPDB = &template{name: "nosp", setup: func(c *cli) {
	c.t.Helper()
	c.ok("account", "create", "NW4001", "--kind", "rent", "--name", "Jo Example", "--address", "4 Sample Road",
		"--start", "2025-04-07", "--rent", "100.00", "--tenancy", "secure")
	c.ok("post", "NW4001", "1200.00", "--type", "charge", "--date", "2026-08-03", "--note", "arrears brought forward")
	c.ok("event", "NW4001", "nosp-served", "--date", "2026-09-07")
}}

func TestCourtClaimRefusedNamingTheMissingItems(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	inArrearsWithNOSP(c)
	c.ok("preaction", "NW4001", "tick", "contact", "--date", "2026-11-02")
	before := c.dump()
	stderr := c.refused(3, "event", "NW4001", "court-claim")
	for _, want := range []string{"income and expenditure", "arrangement offered", "rent statements", "benefits check",
		"support referral", "pre-action letter"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("refusal does not name %q: %s", want, stderr)
		}
	}
	if strings.Contains(stderr, "contact about the cause") {
		t.Errorf("refusal names a ticked item: %s", stderr)
	}
	if c.dump() != before {
		t.Fatal("a refused court claim wrote something")
	}
	// Out of order: no warrant without an order.
	c.refused(3, "event", "NW4001", "warrant-applied")
	if c.dump() != before {
		t.Fatal("a refused warrant wrote something")
	}
	for _, it := range []string{"income", "arrangement", "statements", "benefits", "referral", "letter"} {
		c.ok("preaction", "NW4001", "tick", it)
	}
	var got preActionOut
	if err := json.Unmarshal([]byte(c.ok("preaction", "NW4001", "--format", "json")), &got); err != nil {
		t.Fatal(err)
	}
	if !got.Complete || len(got.Open) != 0 || !got.CourtClaim.Allowed || len(got.Items) != 7 || got.Items[0].Officer != "asmith" {
		t.Fatalf("checklist %+v", got)
	}
	if out := c.ok("event", "NW4001", "court-claim"); !strings.Contains(out, "Court claim issued") {
		t.Fatalf("court claim: %s", out)
	}
}

func TestCourtClaimOverrideAndPendingClaim(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	inArrearsWithNOSP(c)
	for _, it := range []string{"contact", "income", "arrangement", "statements", "benefits", "referral", "letter"} {
		c.ok("preaction", "NW4001", "tick", it, "--date", "2026-11-02")
	}
	c.ok("preaction", "NW4001", "--claim-pending")
	before := c.dump()
	if stderr := c.refused(3, "event", "NW4001", "court-claim"); !strings.Contains(stderr, "benefit claim is pending") {
		t.Fatalf("pending claim not named: %s", stderr)
	}
	if c.dump() != before {
		t.Fatal("a refused court claim wrote something")
	}
	out := c.ok("preaction", "NW4001", "untick", "letter")
	if !strings.Contains(out, "✗ letter") || !strings.Contains(out, "PENDING") {
		t.Fatalf("checklist after untick: %s", out)
	}
	c.ok("event", "NW4001", "court-claim", "--override", "manager approved: claim decided, DWP confirmed by phone")
	if d := c.dump(); !strings.Contains(d, "manager approved: claim decided") || !strings.Contains(d, "override: manager approved") {
		t.Fatal("the override's reason is not kept on the event and in the audit")
	}
}

func TestPreActionUsageAndBadInput(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	inArrearsWithNOSP(c)
	before := c.dump()
	c.refused(2, "preaction")
	c.refused(2, "preaction", "NW4001", "tick")
	c.refused(2, "preaction", "NW4001", "tock", "letter")
	c.refused(2, "preaction", "NW4001", "--claim-pending", "--no-claim-pending")
	c.refused(3, "preaction", "NW4001", "tick", "visit")
	c.refused(3, "preaction", "NW4001", "tick", "letter", "--date", "2026-11-24")
	c.refused(3, "preaction", "NW9999", "tick", "letter")
	if c.dump() != before {
		t.Fatal("refused preaction commands wrote something")
	}
}

func TestArrangementOnABreachedOrderSaysTheBreachStays(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	inArrearsWithNOSP(c)
	c.ok("event", "NW4001", "court-claim", "--date", "2026-10-06", "--override", "history before the checklist")
	c.ok("event", "NW4001", "order-suspended", "--date", "2026-10-20")
	r := c.run("arrangement", "add", "NW4001", "--instalment", "10.00", "--frequency", "weekly", "--start", "2026-11-30")
	if r.code != 0 || !strings.Contains(r.stderr, "does not vary it") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	out := c.ok("worklist", "--all", "--format", "csv")
	if !strings.Contains(out, "court-order-breach") {
		t.Fatalf("the breach went with the arrangement: %s", out)
	}
	c.ok("event", "NW4001", "terms-varied", "--detail", "varied to £10 a week")
	if out := c.ok("worklist", "--all", "--format", "csv"); strings.Contains(out, "court-order-breach") {
		t.Fatalf("the court varied the terms: %s", out)
	}
}
