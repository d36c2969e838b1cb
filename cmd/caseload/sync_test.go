package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestSyncAcceptance is issue 7's acceptance scenario through the binary:
// office ingests an extract → visit pack of two accounts → laptop imports →
// payments, a note and a phone change on the laptop → meanwhile a payment
// and a phone change in the office → changes packs both ways → identical
// accounts and ledgers, one phone conflict, re-imports change nothing,
// check passes on both.
func TestSyncAcceptance(t *testing.T) {
	t.Parallel()
	office, laptop := newCLI(t), newCLI(t)
	pass := office.file("pass.txt", "a long shared passphrase\n")
	office.env = []string{"CASELOAD_PASSPHRASE_FILE=" + pass}
	laptop.env = office.env
	office.ok("replica", "--name", "office")
	laptop.ok("replica", "--name", "laptop-jsmith")
	pair(office, laptop)
	office.ok("ingest", "accounts", office.file("accounts.csv", sampleAccounts))
	office.ok("ingest", "transactions", office.file("transactions.csv", sampleTransactions))

	visit := filepath.Join(office.dir, "visit.clpack")
	office.ok("export", "--to", visit, "--accounts", "NW2001,NW2002")
	if st, err := os.Stat(visit); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("pack file: %v mode %v, want 0600", err, st.Mode().Perm())
	}
	raw, _ := os.ReadFile(visit)
	if !strings.HasPrefix(string(raw), "caseload-pack 2 age\n") || strings.Contains(string(raw), "Sam Example") {
		t.Fatal("the visit pack is not encrypted")
	}
	if out := laptop.ok("import", visit); !strings.Contains(out, "conflicts raised") {
		t.Fatalf("laptop import: %s", out)
	}

	laptop.ok("pay", "NW2001", "50.00", "--method", "card", "--reference", "visit receipt 17")
	laptop.ok("pay", "NW2002", "14.50", "--method", "cash")
	laptop.ok("note", "NW2001", "Home visit: paid £50 by card, will pay £10 extra weekly", "--channel", "visit")
	laptop.ok("account", "set", "NW2001", "phone=07700 900555")
	if out := laptop.ok("replica"); !strings.Contains(out, "laptop-jsmith") {
		t.Fatal(out)
	}

	office.ok("pay", "NW2001", "20.00", "--method", "bank")
	office.ok("account", "set", "NW2001", "phone=07700 900666")

	back := filepath.Join(laptop.dir, "back.clpack")
	laptop.ok("export", "--to", back, "--changes", "--for", "office")
	out := office.ok("import", back)
	if !strings.Contains(out, "1 conflicts raised") {
		t.Fatalf("office import: %s", out)
	}
	toLaptop := filepath.Join(office.dir, "to-laptop.clpack")
	office.ok("export", "--to", toLaptop, "--changes", "--for", "laptop-jsmith")
	if out := laptop.ok("import", toLaptop); !strings.Contains(out, "1 conflicts raised") {
		t.Fatalf("laptop import: %s", out)
	}

	for _, ref := range []string{"NW2001", "NW2002"} {
		if a, b := office.ok("account", "show", ref, "--format", "json"), laptop.ok("account", "show", ref, "--format", "json"); a != b {
			t.Errorf("%s differs:\noffice %s\nlaptop %s", ref, a, b)
		}
		if a, b := office.ok("ledger", ref, "--format", "json"), laptop.ok("ledger", ref, "--format", "json"); a != b {
			t.Errorf("%s ledger differs:\noffice %s\nlaptop %s", ref, a, b)
		}
	}
	var acct map[string]any
	json.Unmarshal([]byte(office.ok("account", "show", "NW2001", "--format", "json")), &acct)
	if acct["balance"] != "143.70" { // 213.70 − 50.00 − 20.00
		t.Errorf("NW2001 balance %v, want 143.70", acct["balance"])
	}
	var c1, c2 []map[string]any
	json.Unmarshal([]byte(office.ok("conflicts", "--format", "json")), &c1)
	json.Unmarshal([]byte(laptop.ok("conflicts", "--format", "json")), &c2)
	if len(c1) != 1 || len(c2) != 1 || c1[0]["field"] != "phone" || c1[0]["kept"] != c2[0]["kept"] || c1[0]["ref"] != "NW2001" {
		t.Fatalf("conflicts: office %v laptop %v", c1, c2)
	}
	for _, p := range []struct {
		c    *cli
		pack string
	}{{laptop, visit}, {office, back}, {laptop, toLaptop}} {
		before := p.c.dump()
		if out := p.c.ok("import", p.pack); !strings.Contains(out, "nothing new") {
			t.Fatalf("re-import: %s", out)
		}
		if p.c.dump() != before {
			t.Fatal("re-importing changed the database")
		}
	}
	office.ok("check")
	laptop.ok("check")

	// Settle it on the office; the choice reaches the laptop.
	id := c1[0]["id"].(float64)
	office.ok("conflicts", "resolve", strconv.Itoa(int(id)), "--keep", "other")
	again := filepath.Join(office.dir, "again.clpack")
	office.ok("export", "--to", again, "--changes", "--for", "laptop-jsmith")
	laptop.ok("import", again)
	if out := laptop.ok("conflicts"); !strings.Contains(out, "no conflicts") {
		t.Fatalf("laptop still has conflicts: %s", out)
	}
}

func TestExportAndImportRefusals(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	sampleAccountsDB.apply(c)
	pack := filepath.Join(c.dir, "p.clpack")
	// Neither a passphrase nor --plaintext: refused, nothing written.
	c.refused(3, "export", "--to", pack, "--accounts", "NW2001")
	if _, err := os.Stat(pack); err == nil {
		t.Fatal("a refused export wrote a file")
	}
	c.refused(2, "export", "--to", pack)
	c.refused(3, "export", "--to", pack, "--accounts", "NW9999", "--plaintext")
	c.ok("export", "--to", pack, "--accounts", "NW2001", "--plaintext")

	other := newCLI(t)
	pair(c, other)
	raw, _ := os.ReadFile(pack)
	for name, data := range map[string][]byte{
		"truncated":   raw[:len(raw)-10],
		"not a pack":  []byte("hello\n"),
		"bit flipped": append(append([]byte{}, raw[:len(raw)/2]...), append([]byte{raw[len(raw)/2] ^ 1}, raw[len(raw)/2+1:]...)...),
	} {
		t.Run(name, func(t *testing.T) {
			other.ok("check") // make sure the database exists before the snapshot
			before := other.dump()
			stderr := other.refused(3, "import", other.file("bad.clpack", string(data)), "--plaintext")
			if strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Fatalf("want one line, got %q", stderr)
			}
			if other.dump() != before {
				t.Fatal("a refused import changed the database")
			}
		})
	}
	// Dry run says what would change and writes nothing.
	before := other.dump()
	if out := other.ok("import", pack, "--dry-run", "--plaintext"); !strings.Contains(out, "dry run") || !strings.Contains(out, "NOT encrypted") {
		t.Fatalf("dry run: %s", out)
	}
	if other.dump() != before {
		t.Fatal("a dry run changed the database")
	}
}
