package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
)

// TestSeedPatchesAndGlobalFlagsFirst: `caseload --db X seed …` takes the
// global flags before the command, and --patch-size spreads the accounts
// over patches of about that size.
func TestSeedPatchesAndGlobalFlagsFirst(t *testing.T) {
	t.Parallel() // its own database
	c := newCLI(t)
	db := filepath.Join(c.dir, "seeded.db")
	out := c.ok("--db", db, "--today=2026-11-23", "seed", "--accounts", "120", "--years", "1", "--patch-size", "40")
	if !strings.Contains(out, "seeded 120 accounts") || !strings.Contains(out, "3 patch(es)") {
		t.Fatalf("seed said %q", out)
	}
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	patches := map[string]int{}
	rows, err := conn.Query("SELECT officer, count(*) FROM account GROUP BY officer")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var o string
		var n int
		rows.Scan(&o, &n)
		patches[o] = n
	}
	rows.Close()
	if len(patches) != 3 || patches["asmith"] != 40 || patches["bkhan"] != 40 || patches["cjones"] != 40 {
		t.Fatalf("patches %v, want asmith, bkhan and cjones with 40 each", patches)
	}
	// Global flags before a command and before a two-word command.
	if got := c.ok("--db", db, "--officer", "bkhan", "check"); !strings.Contains(got, "120 accounts") {
		t.Fatalf("check on the seeded database: %q", got)
	}
	var ref string
	if err := conn.QueryRow("SELECT ref FROM account ORDER BY ref LIMIT 1").Scan(&ref); err != nil {
		t.Fatal(err)
	}
	if got := c.ok("--db="+db, "--today", "2026-11-23", "account", "show", ref); !strings.Contains(got, ref) {
		t.Fatalf("account show on the seeded database: %q", got)
	}
	// Flags that are not global before a command leave it to the TUI,
	// which refuses them without a terminal.
	c.refused(exitUsage, "--format", "json", "worklist")

	// Refused: a negative patch (usage), a second seed of a full database
	// (bad input); neither writes anything.
	c.refused(exitUsage, "seed", "--accounts", "10", "--patch-size", "-1")
	if got := c.dump(); got != "(no database)" {
		t.Fatal("a refused seed created the database")
	}
	c.ok("account", "create", "AB1001", "--kind", "rent", "--name", "Sam Example", "--address", "1 Sample Street",
		"--start", "2020-04-06", "--rent", "100.00")
	before := c.dump()
	c.refused(exitInvalid, "seed", "--accounts", "10")
	if c.dump() != before {
		t.Fatal("a refused seed wrote to the database")
	}
}
