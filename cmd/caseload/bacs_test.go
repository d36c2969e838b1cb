package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caseload/domain"
	"caseload/domain/bacs"
	"caseload/domain/bacs/bacstest"
)

// bacsEnv is the council as a Bacs service user, as the tests' environment
// gives it.
var bacsEnv = []string{"CASELOAD_BACS_SUN=123456", "CASELOAD_BACS_NAME=EXAMPLE COUNCIL", "CASELOAD_BACS_ACCOUNT=40-12-34/12345678"}

// mandatesDB has two rent accounts, each with a monthly mandate on the 15th
// (first collection 15 Dec 2026) pending lodgement.
var mandatesDB = &template{name: "mandates", setup: func(c *cli) {
	c.t.Helper()
	for _, ref := range []string{"NW5001", "NW5002"} {
		c.ok("account", "create", ref, "--kind", "rent", "--name", "Sam Example", "--address", "1 Sample Street",
			"--start", "2026-04-06", "--rent", "100.00", "--tenancy", "secure", "--method", "dd")
	}
	for _, ref := range []string{"NW5001", "NW5002"} {
		c.ok("dd", "set", ref, "--payer", "Sam Example", "--sort-code", "20-00-00", "--account", "58177632", "--day", "15",
			"--frequency", "monthly", "--amount", "433.33")
	}
}}

func bacsCLI(t *testing.T) *cli {
	c := newCLI(t)
	mandatesDB.apply(c)
	c.env = append(c.env, bacsEnv...)
	return c
}

func TestBacsCLIEndToEnd(t *testing.T) {
	c := bacsCLI(t)
	auddis := filepath.Join(c.dir, "auddis.txt")
	out := c.ok("bacs", "auddis", "--date", "2026-11-25", "--out", auddis)
	if !strings.Contains(out, "auddis file "+auddis+" written: 2 records") || !strings.Contains(out, "NW5001DD01") {
		t.Fatalf("auddis: %s", out)
	}
	b, err := os.ReadFile(auddis)
	if err != nil {
		t.Fatal(err)
	}
	if f, err := bacs.ParseStandard18(strings.NewReader(string(b))); err != nil || len(f.Records) != 2 || f.Records[0].Code != bacs.NewInstruction {
		t.Fatalf("the AUDDIS file does not read back: %v", err)
	}
	if info, _ := os.Stat(auddis); info.Mode().Perm() != 0o600 {
		t.Fatalf("a file of bank details is %v, not owner-only", info.Mode().Perm())
	}
	// The same day again: nothing new to lodge, no file.
	again := filepath.Join(c.dir, "auddis2.txt")
	if out := c.ok("bacs", "auddis", "--date", "2026-11-25", "--out", again); !strings.Contains(out, "no file written") {
		t.Fatalf("second auddis: %s", out)
	}
	if _, err := os.Stat(again); !os.IsNotExist(err) {
		t.Fatal("an empty AUDDIS file was written")
	}

	// The bank accepts the lodgements.
	c.today = "2026-11-30"
	advice := c.file("auddis-advice.xml", string(bacstest.AUDDIS(domain.MustDate(2026, 11, 26), "123456", "000001", true, domain.MustDate(2026, 11, 25), 2, nil)))
	if out := c.ok("bacs", "import", advice); !strings.Contains(out, "NW5001 NW5001DD01: lodgement accepted; mandate live") {
		t.Fatalf("auddis advice: %s", out)
	}

	// Collections: a dry run records nothing; the file goes out once.
	c.today = "2026-12-10"
	coll := filepath.Join(c.dir, "collect.txt")
	before := c.dump()
	if out := c.ok("bacs", "collect", "--date", "2026-12-14", "--out", coll, "--dry-run"); !strings.Contains(out, "dry run: 2 records, £866.66") {
		t.Fatalf("dry run: %s", out)
	}
	if c.dump() != before {
		t.Fatal("a dry run wrote something")
	}
	var made bacsFileJSON
	if err := json.Unmarshal([]byte(c.ok("bacs", "collect", "--date", "2026-12-14", "--out", coll, "--format", "json")), &made); err != nil {
		t.Fatal(err)
	}
	if made.Records != 2 || made.Items[0].Code != "01" || made.Total.String() != "866.66" || made.Collection.String() != "2026-12-15" {
		t.Fatalf("collection file %+v", made)
	}
	lines := strings.Split(strings.TrimRight(mustRead(t, coll), "\n"), "\n")
	for i, l := range lines {
		want := 80
		if strings.HasPrefix(l, "20000058177632") || strings.HasPrefix(l, "40123412345678") {
			want = 100
		}
		if len(l) != want {
			t.Fatalf("line %d is %d characters, not %d: %q", i+1, len(l), want, l)
		}
	}
	if out := c.ok("bacs", "collect", "--date", "2026-12-14", "--out", filepath.Join(c.dir, "collect2.txt")); !strings.Contains(out, "already in a file") ||
		!strings.Contains(out, "no file written") {
		t.Fatalf("the same collections twice: %s", out)
	}

	// Posting on the day, once.
	c.today = "2026-12-15"
	if out := c.ok("bacs", "post"); !strings.Contains(out, "2 Direct Debit payments posted, £866.66") {
		t.Fatalf("post: %s", out)
	}
	if out := c.ok("bacs", "post"); !strings.Contains(out, "no Direct Debit collections to post") {
		t.Fatalf("post twice: %s", out)
	}

	// The ARUDD: one refer-to-payer, one unknown.
	c.today = "2026-12-17"
	arudd := c.file("arudd.xml", string(bacstest.ARUDD(domain.MustDate(2026, 12, 17), "123456", []bacstest.Return{
		{Ref: "NW5001DD01", ReturnCode: "0128", Description: "REFER TO PAYER", Original: domain.MustDate(2026, 12, 14), Amount: "433.33"},
		{Ref: "XX0000DD01", ReturnCode: "1012", Description: "INSTRUCTION CANCELLED", Original: domain.MustDate(2026, 12, 14), Amount: "5.00"},
	})))
	out = c.ok("bacs", "import", arudd)
	if !strings.Contains(out, "1 returned (£433.33), 1 payments reversed, 1 to be re-presented; 1 exceptions to settle") {
		t.Fatalf("arudd: %s", out)
	}
	if events := c.ok("events", "NW5001"); !strings.Contains(events, "Direct Debit unpaid") || !strings.Contains(events, "0 refer to payer") {
		t.Fatalf("events: %s", events)
	}
	if wl := c.ok("worklist", "--all", "--format", "csv"); !strings.Contains(wl, "NW5001") || !strings.Contains(wl, "dd-unpaid") || strings.Contains(wl, "58177632") {
		t.Fatalf("worklist: %s", wl)
	}
	// Twice: recognised, refused, nothing written.
	before = c.dump()
	if msg := c.refused(3, "bacs", "import", arudd); !strings.Contains(msg, "already imported on 2026-12-17") {
		t.Fatalf("twice: %s", msg)
	}
	if c.dump() != before {
		t.Fatal("a duplicate advice wrote something")
	}

	// ADDACS: NW5002's payer has died. The mandate is cancelled, the
	// timeline says why and the diary holds the referral.
	addacs := c.file("addacs.xml", string(bacstest.ADDACS(domain.MustDate(2026, 12, 17), "123456", []bacstest.Amendment{
		{Ref: "NW5002DD01", Reason: "2", Effective: domain.MustDate(2026, 12, 16)},
	})))
	if out := c.ok("bacs", "import", addacs); !strings.Contains(out, "NW5002 NW5002DD01: payer deceased; mandate cancelled; follow-up by 2026-12-22") {
		t.Fatalf("addacs: %s", out)
	}
	if notes := c.ok("notes", "NW5002", "--follow-ups"); !strings.Contains(notes, "ADDACS 2: payer deceased") || !strings.Contains(notes, "tenancy team") {
		t.Fatalf("notes: %s", notes)
	}
	c.today = "2026-12-22"
	if wl := c.ok("worklist", "--all", "--section", "diary", "--format", "csv"); !strings.Contains(wl, "NW5002") {
		t.Fatalf("diary: %s", wl)
	}
	c.today = "2026-12-17"

	// Exceptions: listed, settled.
	var ex []bacsExceptionJSON
	if err := json.Unmarshal([]byte(c.ok("bacs", "exceptions", "--format", "json")), &ex); err != nil || len(ex) != 1 || ex[0].Reference != "XX0000DD01" {
		t.Fatalf("exceptions %+v %v", ex, err)
	}
	c.refused(3, "bacs", "exceptions", "settle", ex[0].ID)
	c.ok("bacs", "exceptions", "settle", ex[0].ID, "--note", "not ours: returned to the bank")
	if out := c.ok("bacs", "exceptions"); !strings.Contains(out, "no open Bacs exceptions") {
		t.Fatalf("after settling: %s", out)
	}
	if out := c.ok("bacs", "runs"); !strings.Contains(out, "arudd") || !strings.Contains(out, "1 (0 open)") || !strings.Contains(out, "2 collections (2 first collection 01), £866.66") {
		t.Fatalf("runs: %s", out)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBacsImportRefusesAMalformedFileWithItsPlace(t *testing.T) {
	c := bacsCLI(t)
	good := string(bacstest.ARUDD(domain.MustDate(2026, 11, 20), "123456", []bacstest.Return{
		{Ref: "NW5001DD01", ReturnCode: "0128", Description: "REFER TO PAYER", Original: domain.MustDate(2026, 11, 16), Amount: "433.33"},
	}))
	before := c.dump()
	tests := []struct {
		rule, file, content, want string
	}{
		{"a bad amount names its XML path", "amount.xml", strings.Replace(good, `valueOf="433.33"`, `valueOf="4x3"`, 1),
			"amount.xml: BACSDocument/Data/ARUDD/Advice/OriginatingAccountRecords/OriginatingAccountRecord[1]/ReturnedDebitItem[1]/@valueOf"},
		{"broken XML names its line", "broken.xml", strings.Replace(good, "</ARUDD>", "", 1), "broken.xml:"},
		{"not an advice", "notes.xml", "<?xml version=\"1.0\"?>\n<Notes/>\n", "not a Bacs advice"},
		{"another council's advice", "other.xml", strings.Replace(good, `userNumber="123456"`, `userNumber="654321"`, 1), "not this council's 123456"},
		{"no such file", "", "", "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			path := filepath.Join(c.dir, "missing.xml")
			if tt.file != "" {
				path = c.file(tt.file, tt.content)
			}
			if msg := c.refused(3, "bacs", "import", path); !strings.Contains(msg, tt.want) {
				t.Fatalf("%s", msg)
			}
			if c.dump() != before {
				t.Fatal("a refused advice wrote something")
			}
		})
	}
}

func TestBacsCollectRefusals(t *testing.T) {
	c := bacsCLI(t)
	before := c.dump()
	c.refused(2, "bacs", "collect")
	if msg := c.refused(3, "bacs", "collect", "--date", "2026-11-28"); !strings.Contains(msg, "not a Bacs working day") {
		t.Fatalf("%s", msg)
	}
	c.env = nil
	if msg := c.refused(3, "bacs", "auddis", "--date", "2026-11-25"); !strings.Contains(msg, "service user number") {
		t.Fatalf("%s", msg)
	}
	c.env = append(c.env, bacsEnv...)
	existing := c.file("exists.txt", "keep me")
	if msg := c.refused(3, "bacs", "auddis", "--date", "2026-11-25", "--out", existing); !strings.Contains(msg, "never overwritten") {
		t.Fatalf("%s", msg)
	}
	if mustRead(t, existing) != "keep me" || c.dump() != before {
		t.Fatal("a refused file run wrote something")
	}
}
