package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ddCLI starts from the two-accounts template: NW3001 is £142.77 a week
// with 2 rent-free weeks.
func ddCLI(t *testing.T) *cli {
	t.Helper()
	c := newCLI(t)
	twoAccountsDB.apply(c)
	return c
}

var ddSet = []string{"dd", "set", "NW3001", "--payer", "Sam Example", "--sort-code", "12-34-56", "--account", "12345678",
	"--day", "1", "--frequency", "monthly"}

type ddShowJSON struct {
	Ref      string `json:"ref"`
	Mandates []struct {
		Reference string `json:"reference"`
		State     string `json:"state"`
		SortCode  string `json:"sort_code"`
		Account   string `json:"account_number"`
		Amount    string `json:"amount"`
		First     string `json:"first_collection"`
		Next      []struct {
			On     string `json:"on"`
			Amount string `json:"amount"`
		} `json:"next_collections"`
		History []struct {
			Kind  string `json:"kind"`
			Words string `json:"words"`
		} `json:"history"`
	} `json:"mandates"`
}

// noBankDetails fails when text holds the full account number or sort code.
func noBankDetails(t *testing.T, where, text string) {
	t.Helper()
	for _, full := range []string{"12345678", "123456", "12-34-56"} {
		if strings.Contains(text, full) {
			t.Fatalf("%s shows %s:\n%s", where, full, text)
		}
	}
}

func TestDDSetShowCancelShowBankDetailsMasked(t *testing.T) {
	t.Parallel()
	c := ddCLI(t)
	out := c.ok(ddSet...)
	// 142.77 × 50 ÷ 12 = 594.875 → £594.88; 1 Jan 2027 is New Year's Day.
	if !strings.Contains(out, "mandate NW3001DD01 on NW3001: pending lodgement; Sam Example, ••-••-56 ••••5678; £594.88 a month, first collection Fri 1 Jan 2027 (collected Mon 4 Jan 2027)") ||
		!strings.Contains(out, "modulus check: cannot check (no modulus table is loaded") {
		t.Fatalf("dd set: %s", out)
	}
	noBankDetails(t, "dd set", out)
	show := c.ok("dd", "show", "NW3001")
	if !strings.Contains(show, "••-••-56 ••••5678") || !strings.Contains(show, "Mon 4 Jan 2027  £594.88") {
		t.Fatalf("dd show: %s", show)
	}
	noBankDetails(t, "dd show", show)
	raw := c.ok("dd", "show", "NW3001", "--format", "json")
	noBankDetails(t, "dd show --format json", raw)
	var j ddShowJSON
	if err := json.Unmarshal([]byte(raw), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Mandates) != 1 || j.Mandates[0].SortCode != "••-••-56" || j.Mandates[0].Account != "••••5678" || j.Mandates[0].Amount != "594.88" ||
		j.Mandates[0].First != "2027-01-01" || len(j.Mandates[0].Next) != 3 || j.Mandates[0].Next[0].On != "2027-01-04" {
		t.Fatalf("json %+v", j)
	}
	noBankDetails(t, "dd show --format csv", c.ok("dd", "show", "NW3001", "--format", "csv"))
	noBankDetails(t, "worklist csv", c.ok("worklist", "--format", "csv"))

	out = c.ok("dd", "cancel", "NW3001", "--reason", "pays by card now")
	if !strings.Contains(out, "mandate NW3001DD01 on NW3001: cancelled on Mon 23 Nov 2026: pays by card now") {
		t.Fatalf("dd cancel: %s", out)
	}
	if err := json.Unmarshal([]byte(c.ok("dd", "show", "NW3001", "--format", "json")), &j); err != nil {
		t.Fatal(err)
	}
	if j.Mandates[0].State != "cancelled" || len(j.Mandates[0].Next) != 0 || len(j.Mandates[0].History) != 2 ||
		j.Mandates[0].History[1].Words != "cancelled: pays by card now" {
		t.Fatalf("after cancel %+v", j)
	}
	before := c.dump()
	if e := c.refused(3, "dd", "cancel", "NW3001", "--reason", "again"); !strings.Contains(e, "NW3001 has no open Direct Debit mandate") {
		t.Fatalf("second cancel: %s", e)
	}
	if c.dump() != before {
		t.Fatal("a refused cancel wrote something")
	}
	c.ok("check")
}

func TestDDSetRefusesBadInputWritingNothing(t *testing.T) {
	t.Parallel()
	c := ddCLI(t)
	with := func(flag, value string) []string {
		args := append([]string(nil), ddSet...)
		for i := range args {
			if args[i] == flag {
				args[i+1] = value
			}
		}
		return args
	}
	before := c.dump()
	for _, tt := range []struct {
		name string
		args []string
		code int
		says string
	}{
		{"unknown account", append([]string{"dd", "set", "ZZ9999"}, ddSet[3:]...), 3, "no account ZZ9999"},
		{"sort code short", with("--sort-code", "12-34-5"), 3, "not a sort code"},
		{"ten-digit account", with("--account", "1234567890"), 3, "has 10 digits"},
		{"letters in the account", with("--account", "1234567X"), 3, "is not an account number"},
		{"day not offered", with("--day", "2"), 3, "--day: 2 is not a collection day: choose one of 1, 8, 15, 22, 28"},
		{"day not a number", with("--day", "first"), 3, "--day"},
		{"fortnightly", with("--frequency", "fortnightly"), 3, "--frequency"},
		{"three decimals", append(append([]string(nil), ddSet...), "--amount", "12.345"), 3, "--amount"},
		{"nothing to collect", append(append([]string(nil), ddSet...), "--amount", "0"), 3, "--amount: must be more than zero"},
		{"control characters in the name", with("--payer", "Sam\x1b[2J"), 3, "payer"},
		{"no payer", []string{"dd", "set", "NW3001", "--sort-code", "12-34-56", "--account", "12345678", "--day", "1", "--frequency", "monthly"}, 2, "--payer is required"},
		{"unknown flag", append(append([]string(nil), ddSet...), "--bank", "x"), 2, "bank"},
	} {
		if e := c.refused(tt.code, tt.args...); !strings.Contains(e, tt.says) {
			t.Errorf("%s: %s", tt.name, e)
		}
	}
	if c.dump() != before {
		t.Fatal("a refused dd set wrote something")
	}
}

func TestModulusLoadChecksNewMandates(t *testing.T) {
	t.Parallel()
	c := ddCLI(t)
	dir := filepath.Join(c.dir, "paymentsuk")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	for from, to := range map[string]string{"valacdos_excerpt.txt": "valacdos.txt", "scsubtab_excerpt.txt": "scsubtab.txt"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "domain", "bacs", "testdata", from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, to), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	bad := filepath.Join(c.dir, "bad")
	os.MkdirAll(bad, 0o700)
	os.WriteFile(filepath.Join(bad, "valacdos.txt"), []byte("089999 089999 MOD10 0 0 0 0 0 0 8 7 6 5 4 3 2\n"), 0o600)
	before := c.dump()
	if e := c.refused(3, "bacs", "modulus", "load", bad); !strings.Contains(e, "valacdos.txt:1: weight table row has 16 fields") {
		t.Fatalf("bad table: %s", e)
	}
	if e := c.refused(3, "bacs", "modulus", "load", c.dir+"/none"); !strings.Contains(e, "has no valacdos.txt") {
		t.Fatalf("no table: %s", e)
	}
	if c.dump() != before {
		t.Fatal("a refused load wrote something")
	}
	out := c.ok("bacs", "modulus", "load", dir)
	if !strings.Contains(out, "weight table row(s)") || !strings.Contains(out, "now in force") {
		t.Fatalf("load: %s", out)
	}
	if out := c.ok("bacs", "modulus"); !strings.Contains(out, "weight table rows: loaded by asmith") {
		t.Fatalf("bacs modulus: %s", out)
	}
	// Pay.UK's published case 29 fails MOD10; case 1 passes.
	args := []string{"dd", "set", "NW3001", "--payer", "Sam Example", "--sort-code", "08-99-99", "--account", "66374959",
		"--day", "15", "--frequency", "weekly"}
	before = c.dump()
	if e := c.refused(3, args...); !strings.Contains(e, "fails MOD10") {
		t.Fatalf("failing details: %s", e)
	}
	if c.dump() != before {
		t.Fatal("a refused mandate wrote something")
	}
	args[8] = "66374958"
	if out := c.ok(args...); !strings.Contains(out, "modulus check: valid") || !strings.Contains(out, "£142.77 a week") {
		t.Fatalf("passing details: %s", out)
	}
}

func TestDDAmountsOnARentChange(t *testing.T) {
	t.Parallel()
	c := ddCLI(t)
	c.ok(ddSet...)
	c.ok("account", "service", "NW3001", "insurance", "3.00", "--from", "2027-04-05")
	before := c.dump()
	dry := c.ok("dd", "amounts", "--effective", "2027-04-05", "--dry-run")
	// (142.77 + 3.00) × 50 ÷ 12 = 607.375 → £607.38 from the 1 May collection
	// (a Saturday, then the early May bank holiday: Tue 4 May).
	if !strings.Contains(dry, "£594.88") || !strings.Contains(dry, "£607.38") || !strings.Contains(dry, "Tue 4 May 2027") ||
		!strings.Contains(dry, "1 would change (dry run: nothing written), 0 could not be given") {
		t.Fatalf("dry run: %s", dry)
	}
	if c.dump() != before {
		t.Fatal("a dry run wrote something")
	}
	var run struct {
		Changed int `json:"changed"`
		Late    int `json:"late_notices"`
		Changes []struct {
			New  string `json:"new"`
			From string `json:"from"`
		} `json:"changes"`
	}
	if err := json.Unmarshal([]byte(c.ok("dd", "amounts", "--effective", "2027-04-05", "--format", "json")), &run); err != nil {
		t.Fatal(err)
	}
	if run.Changed != 1 || run.Late != 0 || run.Changes[0].New != "607.38" || run.Changes[0].From != "2027-05-04" {
		t.Fatalf("run %+v", run)
	}
	if again := c.ok("dd", "amounts", "--effective", "2027-04-05"); !strings.Contains(again, "0 changed") {
		t.Fatalf("second run: %s", again)
	}
	// Too late for the 4 Jan collection: asked on 21 Dec, 10 working days
	// (past Christmas and New Year) reach 7 Jan.
	c.ok("account", "service", "NW3001", "garden", "2.00", "--from", "2026-12-28")
	c.today = "2026-12-21"
	late := c.ok("dd", "amounts", "--effective", "2026-12-28")
	if !strings.Contains(late, "LATE") || !strings.Contains(late, "Mon 1 Feb 2027") || !strings.Contains(late, "1 could not be given") {
		t.Fatalf("late: %s", late)
	}
	wl := c.ok("worklist", "--format", "csv")
	if !strings.Contains(wl, "dd-notice-late") || !strings.Contains(wl, "NW3001DD01") {
		t.Fatalf("worklist: %s", wl)
	}
	noBankDetails(t, "worklist", wl)
	if e := c.refused(3, "dd", "amounts", "--effective", "2027-02-30"); !strings.Contains(e, "--effective") {
		t.Fatalf("bad date: %s", e)
	}
	c.ok("check")
}
