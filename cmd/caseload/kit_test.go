package main

import (
	"strings"
	"testing"
)

func TestPositionalArgumentsComeFromTheUsage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, usage string
		n           int
		names       string
	}{
		{"check", "check", 0, ""},
		{"peers", "peers [list] [--format json]", 0, ""},
		{"export", "export --to FILE (--accounts REF,REF | --officer NAME)", 0, ""},
		{"ledger", "ledger REF", 1, "REF"},
		{"ingest accounts", "ingest accounts FILE.csv", 1, "FILE.csv"},
		{"complete", "complete FOLLOW-UP-ID", 1, "FOLLOW-UP-ID"},
		{"pause", "pause REF --until D --reason X | pause REF --lift", 1, "REF"},
		{"note", "note REF TEXT [--channel C] [--follow-up D]", 2, "REF and TEXT"},
		{"rtb check", "rtb check CASE ITEM STATUS [--note X]", 3, "CASE, ITEM and STATUS"},
		// A lower-case choice ends the arguments the kit can count: such a
		// command is variadic and checks its own.
		{"account service", "account service REF insurance|care|garden AMOUNT --from D", 1, "REF"},
	} {
		n, names := positional(tc.name, tc.usage)
		if n != tc.n || names != tc.names {
			t.Errorf("positional(%q) = %d, %q; want %d, %q", tc.usage, n, names, tc.n, tc.names)
		}
	}
}

// TestTheKitsPreludeRefusals runs the prelude the kit says once for every
// command: the wrong number of arguments is a usage error naming them (exit
// 2) and an unknown account is refused before the body runs; neither
// writes anything.
func TestTheKitsPreludeRefusals(t *testing.T) {
	t.Parallel()
	c := owing(t)
	before := c.dump()
	for _, tc := range []struct {
		code int
		args []string
		want string
	}{
		{2, []string{"notes"}, "caseload: notes: missing REF (usage: caseload notes REF"},
		{2, []string{"peers", "trust", "AB12", "CD34"}, `caseload: peers trust: unexpected argument "CD34"`},
		{2, []string{"note", "TW1001"}, "caseload: note: missing REF and TEXT"},
		{2, []string{"conflicts", "extra"}, `caseload: conflicts: unexpected argument "extra"`},
		{2, []string{"events", "TW1001", "--format", "xml"}, `caseload: events: --format "xml": use table, csv or json`},
		{3, []string{"events", "NOPE1"}, "NOPE1"},
		{3, []string{"account", "show", "TW1001", "--today", "2026-02-30"}, "--today"},
		{3, []string{"done", "TW1001", "--policy", c.file("bad.json", "{")}, "policy file"},
	} {
		stderr := c.refused(tc.code, tc.args...)
		if !strings.Contains(stderr, tc.want) {
			t.Errorf("caseload %s: %q, want it to say %q", strings.Join(tc.args, " "), stderr, tc.want)
		}
	}
	if after := c.dump(); after != before {
		t.Fatal("a refused command wrote to the database")
	}
}
