package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lettersDB: four rent accounts on Monday 23 Nov 2026 at £100.00 a week:
// LT0001 owes £250.00 (letter 1 due), LT0002 £300.00 and is vulnerable
// (held back), LT0003 £50.00 (nothing due), LT0004 £107.00 (Hackney's SMS
// band after grace).
var lettersDB = &template{name: "letters", setup: func(c *cli) {
	accounts := "ref,kind,tenancy_type,status,name,address,postcode,start_date,end_date,weekly_rent,payment_method,uc_claimant,vulnerable,officer\n" +
		"LT0001,rent,secure,current,Ann Letter,1 Print Street,ZZ99 1AA,2024-04-01,,100.00,cash,no,no,asmith\n" +
		"LT0002,rent,secure,current,Ben Held,2 Print Street,ZZ99 1AA,2024-04-01,,100.00,cash,no,yes,asmith\n" +
		"LT0003,rent,secure,current,Cy Small,3 Print Street,ZZ99 1AA,2024-04-01,,100.00,cash,no,no,asmith\n" +
		"LT0004,rent,secure,current,Di Text,4 Print Street,ZZ99 1AA,2024-04-01,,100.00,cash,no,no,asmith\n"
	txns := "ref,date,type,amount,method,reference\n" +
		"LT0001,2026-10-01,brought-forward,250.00,,\n" +
		"LT0002,2026-10-01,brought-forward,300.00,,\n" +
		"LT0003,2026-10-01,brought-forward,50.00,,\n" +
		"LT0004,2026-10-01,brought-forward,107.00,,\n"
	c.ok("ingest", "accounts", c.file("a.csv", accounts))
	c.ok("ingest", "transactions", c.file("t.csv", txns))
}}

func lettersCLI(t *testing.T) *cli {
	c := newCLI(t)
	lettersDB.apply(c)
	return c
}

// TestLettersPrintRun: a dry run lists who would get letter 1 and who is
// held back, and writes nothing; the run writes one PDF and records the
// step, so the worklist moves on; a second run the same day prints
// nothing new and writes nothing.
func TestLettersPrintRun(t *testing.T) {
	c := lettersCLI(t)
	out := filepath.Join(c.dir, "out")
	before := c.dump()
	dry := c.ok("letters", "--step", "letter-1", "--dry-run", "--out", out, "--format", "pdf")
	for _, want := range []string{"1 letter to send:", "LT0001  Ann Letter  £250.00", "1 account held back for review (vulnerable):", "LT0002  Ben Held", "dry run: nothing written"} {
		if !strings.Contains(dry, want) {
			t.Errorf("dry run lacks %q:\n%s", want, dry)
		}
	}
	if strings.Contains(dry, "LT0003") {
		t.Errorf("LT0003 owes under 2 weeks but is in the run:\n%s", dry)
	}
	if c.dump() != before {
		t.Fatal("a dry run wrote to the database")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("a dry run made the output folder: %v", err)
	}

	got := c.ok("letters", "--step", "letter-1", "--out", out, "--format", "pdf")
	pdf := filepath.Join(out, "letter-1-2026-11-23.pdf")
	if !strings.Contains(got, "1 written to "+pdf+"; 1 letter-1 events recorded") {
		t.Fatalf("run output:\n%s", got)
	}
	b, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("no PDF: %v", err)
	}
	if st, _ := os.Stat(pdf); st.Mode().Perm() != 0o600 {
		t.Errorf("the PDF is %v, want readable by the owner only", st.Mode().Perm())
	}
	events := c.ok("events", "LT0001", "--format", "json")
	if !strings.Contains(events, `"letter-1"`) || !strings.Contains(events, "document letter-1, template shipped:") || !strings.Contains(events, "in the print run PDF of SHA-256") {
		t.Fatalf("the letter is not on the timeline:\n%s", events)
	}
	if strings.Contains(c.ok("worklist"), "LT0001") {
		t.Error("LT0001 still on the worklist after its first letter")
	}

	after := c.dump()
	again := c.ok("letters", "--step", "letter-1", "--out", out, "--format", "pdf")
	if !strings.Contains(again, "nothing to print") || !strings.Contains(again, "LT0001  Ann Letter  first arrears letter already issued today") {
		t.Fatalf("second run:\n%s", again)
	}
	if c.dump() != after {
		t.Fatal("a second run the same day wrote to the database")
	}
	if entries, _ := os.ReadDir(out); len(entries) != 1 {
		t.Fatalf("a second run wrote files: %v", entries)
	}

	// A re-print the same day is a copy and records nothing.
	copyText := c.ok("letter", "LT0001", "letter-1")
	if !strings.HasPrefix(copyText, "COPY:") || !strings.Contains(copyText, "£250.00") {
		t.Fatalf("re-print:\n%s", copyText)
	}
	if c.dump() != after {
		t.Fatal("a re-print wrote to the database")
	}
}

// TestLetterOneAccount: one letter as text on standard output, recorded
// once; refusals by the rules exit 3 with nothing written; usage errors
// exit 2.
func TestLetterOneAccount(t *testing.T) {
	c := lettersCLI(t)
	before := c.dump()
	for _, args := range [][]string{
		{"letter", "LT0001", "nosp"},                                // pre-action checklist open
		{"letter", "LT0001", "court-claim"},                         // no NOSP in force
		{"letter", "LT0001", "letter-9"},                            // no such document
		{"letter", "LT9999", "letter-1"},                            // no such account
		{"letter", "LT0001", "warrant", "--policy", "hackney-2020"}, // a step with no document
	} {
		msg := c.refused(3, args...)
		if strings.Count(strings.TrimSpace(msg), "\n") != 0 {
			t.Errorf("%v: more than one line: %s", args, msg)
		}
	}
	c.refused(2, "letter", "LT0001")
	c.refused(2, "letter", "LT0001", "letter-1", "--format", "doc")
	c.refused(2, "letter", "LT0001", "letter-1", "--format", "pdf") // a PDF needs --out
	c.refused(2, "letters")
	if c.dump() != before {
		t.Fatal("a refused letter wrote something")
	}
	if !strings.Contains(c.refused(3, "letter", "LT0001", "nosp"), "pre-action steps open") {
		t.Error("the NOSP refusal does not say why")
	}

	r := c.run("letter", "LT0001", "letter-2", "--policy", "hackney-2020")
	if r.code != 0 || !strings.Contains(r.stdout, "Second arrears letter") || !strings.Contains(r.stdout, "Ann Letter") ||
		!strings.Contains(r.stderr, "letter-2 recorded") {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	var evs []struct{ Type, Detail string }
	if err := json.Unmarshal([]byte(c.ok("events", "LT0001", "--format", "json")), &evs); err != nil || len(evs) != 1 || evs[0].Type != "letter-2" ||
		!strings.Contains(evs[0].Detail, "text SHA-256 ") || strings.Contains(evs[0].Detail, "PDF") {
		t.Fatalf("events: %+v %v", evs, err)
	}
}

// TestLettersHackneySMSRunAsText: under Hackney's ladder LT0004's £7.00
// after grace is in the SMS band; the run writes one text file with the
// cover list and the message.
func TestLettersHackneySMSRunAsText(t *testing.T) {
	c := lettersCLI(t)
	out := filepath.Join(c.dir, "sms")
	got := c.ok("letters", "--step", "sms", "--policy", "hackney-2020", "--out", out)
	if !strings.Contains(got, "1 written to") {
		t.Fatalf("%s", got)
	}
	b, err := os.ReadFile(filepath.Join(out, "sms-2026-11-23.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "LT0004  Di Text  £107.00") || !strings.Contains(string(b), "Your rent account LT0004 is £107.00 in arrears") {
		t.Fatalf("%s", b)
	}
}

// TestLetterTemplatesOverride: `letters templates DIR` writes the
// templates to start from; an edited one is used with --templates; a
// broken one is refused (exit 3) with nothing written.
func TestLetterTemplatesOverride(t *testing.T) {
	c := lettersCLI(t)
	dir := filepath.Join(c.dir, "tmpl")
	if got := c.ok("letters", "templates", dir); !strings.Contains(got, "10 templates written") {
		t.Fatalf("%s", got)
	}
	c.refused(3, "letters", "templates", dir) // not over existing files
	if err := os.WriteFile(filepath.Join(dir, "letter-1.tmpl"), []byte("Hackney Council\nDear {{.Name}}, you owe {{money .Balance}} on {{.Ref}}.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	got := c.ok("letter", "LT0001", "letter-1", "--templates", dir)
	if got != "Hackney Council\nDear Ann Letter, you owe £250.00 on LT0001.\n" {
		t.Fatalf("%q", got)
	}
	if !strings.Contains(c.ok("events", "LT0001"), "template file:") {
		t.Error("the record does not say the council's template was used")
	}
	// Without --templates, the letters folder beside the database is used.
	beside := filepath.Join(filepath.Dir(c.db), "letters")
	if err := os.MkdirAll(beside, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(beside, "sms.tmpl"), []byte("{{.Ref}} owes {{money .Balance}}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := c.ok("letter", "LT0004", "sms"); got != "LT0004 owes £107.00\n" {
		t.Fatalf("%q", got)
	}
	before := c.dump()
	if err := os.WriteFile(filepath.Join(dir, "letter-2.tmpl"), []byte("{{.Nonsense}}"), 0o600); err != nil {
		t.Fatal(err)
	}
	if msg := c.refused(3, "letter", "LT0003", "letter-2", "--templates", dir); !strings.Contains(msg, "letter-2.tmpl") {
		t.Errorf("the refusal does not name the file: %s", msg)
	}
	if c.dump() != before {
		t.Fatal("a broken template wrote something")
	}
}
