package main

import (
	"strings"
	"testing"
)

// A hearing is listed ahead and an eviction date is set ahead: both take a
// future date; a payment, a post or any other event does not, and the
// refusal writes nothing.
func TestFutureDatesOnlyWhereTheEventIsAhead(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	twoAccounts(c)
	// The court steps that must come first (the possession gate), the claim
	// overridden: this test is about dates, not the protocol.
	c.ok("event", "NW3001", "court-claim", "--date", "2026-09-01", "--override", "test of dates")
	c.ok("event", "NW3001", "order-outright", "--date", "2026-10-01")
	c.ok("event", "NW3001", "warrant-applied", "--date", "2026-11-02")
	c.ok("event", "NW3001", "hearing", "--date", "2027-01-11", "--detail", "county court, 10am")
	c.ok("event", "NW3001", "eviction-date", "--date", "2027-02-01")
	before := c.dump()
	for _, args := range [][]string{
		{"event", "NW3001", "letter-1", "--date", "2026-11-24"},
		{"pay", "NW3001", "10.00", "--method", "cash", "--date", "2026-11-24"},
		{"post", "NW3001", "5.00", "--type", "charge", "--date", "2026-11-24"},
		{"note", "NW3001", "rang", "--follow-up", "2026-11-22"},
	} {
		stderr := c.refused(3, args...)
		if !strings.Contains(stderr, "Tue 24 Nov 2026 is in the future") && !strings.Contains(stderr, "Sun 22 Nov 2026 is in the past") {
			t.Errorf("caseload %s: %s", strings.Join(args, " "), stderr)
		}
	}
	if !sameDomainContent(before, c.dump()) {
		t.Fatal("a refused date wrote something")
	}
}

// A reference is found whatever its case, and what is written carries the
// account's own spelling.
func TestReferencesAreMatchedWhateverTheirCase(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	twoAccounts(c)
	c.ok("pay", "nw3001", "10.00", "--method", "cash")
	if got := showJSON(c, "Nw3001"); got["ref"] != "NW3001" || got["balance"] != "-10.00" {
		t.Fatalf("account show Nw3001: %v", got)
	}
	if out := c.ok("ledger", "nw3001"); !strings.Contains(out, "10.00") {
		t.Fatalf("ledger nw3001: %s", out)
	}
}
