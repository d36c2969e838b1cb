package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckCatchesALedgerRowAndBalanceEditedWithRawSQLAndItIsNotExported(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	twoAccounts(c)
	c.ok("pay", "NW3001", "25.00", "--method", "cash")
	c.ok("check")
	db, err := sql.Open("sqlite", "file:"+c.db)
	if err != nil {
		t.Fatal(err)
	}
	// £25 becomes £2,500 and the balance follows, so balance == sum holds.
	for _, q := range []string{
		"UPDATE txn SET amount = -250000 WHERE type = 'payment'",
		"UPDATE account SET balance = balance - 247500 WHERE ref = 'NW3001'",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	r := c.run("check")
	if r.code != 1 || !strings.Contains(r.stdout, "FAIL ledger row ") || !strings.Contains(r.stdout, "(NW3001, 2026-11-23 payment -2500.00) does not match its change-log entry") {
		t.Fatalf("check: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	pack := filepath.Join(c.dir, "out.clpack")
	if errText := c.refused(1, "export", "--to", pack, "--accounts", "NW3001", "--plaintext"); !strings.Contains(errText, "does not match its hash") {
		t.Fatalf("export: %s", errText)
	}
	if _, err := os.Stat(pack); !os.IsNotExist(err) {
		t.Fatal("an edited change was written to a pack")
	}
}
