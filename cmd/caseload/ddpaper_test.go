package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caseload/domain/bacs"
)

// A mandate set up with --paper converts the paper instruction the council
// holds: `dd set` and `dd show` say so, the JSON carries paper: true, and
// the AUDDIS file has 0S for it where the other mandate has 0N.
func TestDDSetPaperGivesAUDDISConversion(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	c.env = append(c.env, bacsEnv...)
	for _, ref := range []string{"NW5001", "NW5002"} {
		c.ok("account", "create", ref, "--kind", "rent", "--name", "Sam Example", "--address", "1 Sample Street",
			"--start", "2026-04-06", "--rent", "100.00", "--tenancy", "secure", "--method", "dd")
	}
	set := []string{"--payer", "Sam Example", "--sort-code", "20-00-00", "--account", "58177632", "--day", "15",
		"--frequency", "monthly", "--amount", "433.33"}
	if out := c.ok(append([]string{"dd", "set", "NW5001", "--paper"}, set...)...); !strings.Contains(out, "paper instruction: converting (0S)") {
		t.Fatalf("dd set --paper: %s", out)
	}
	if out := c.ok(append([]string{"dd", "set", "NW5002"}, set...)...); strings.Contains(out, "paper") {
		t.Fatalf("dd set without --paper speaks of paper: %s", out)
	}
	if out := c.ok("dd", "show", "NW5001"); !strings.Contains(out, "Paper instruction:") || !strings.Contains(out, "converting (0S)") {
		t.Fatalf("dd show of a paper mandate: %s", out)
	}
	if out := c.ok("dd", "show", "NW5002"); strings.Contains(out, "Paper instruction") {
		t.Fatalf("dd show of an electronic mandate: %s", out)
	}
	for ref, want := range map[string]bool{"NW5001": true, "NW5002": false} {
		var got struct {
			Mandates []struct {
				Paper *bool `json:"paper"`
			} `json:"mandates"`
		}
		if err := json.Unmarshal([]byte(c.ok("dd", "show", ref, "--format", "json")), &got); err != nil ||
			len(got.Mandates) != 1 || got.Mandates[0].Paper == nil || *got.Mandates[0].Paper != want {
			t.Fatalf("dd show %s json: paper is not %v (%v)", ref, want, err)
		}
	}

	auddis := filepath.Join(c.dir, "auddis.txt")
	if out := c.ok("bacs", "auddis", "--date", "2026-11-25", "--out", auddis); !strings.Contains(out, "2 records") {
		t.Fatalf("auddis: %s", out)
	}
	b, err := os.ReadFile(auddis)
	if err != nil {
		t.Fatal(err)
	}
	f, err := bacs.ParseStandard18(strings.NewReader(string(b)))
	if err != nil {
		t.Fatalf("the AUDDIS file does not read back: %v", err)
	}
	codes := map[string]bacs.TransactionCode{}
	for _, r := range f.Records {
		codes[r.Reference] = r.Code
	}
	if len(codes) != 2 || codes["NW5001DD01"] != bacs.ConvertInstruction || codes["NW5002DD01"] != bacs.NewInstruction {
		t.Fatalf("AUDDIS codes by reference: %v", codes)
	}
}

// dd set --paper with bad input is refused like any other set-up, exit 3
// (a malformed --paper value is a usage error, exit 2), writing nothing.
func TestDDSetPaperRefusesBadInputWritingNothing(t *testing.T) {
	t.Parallel()
	c := ddCLI(t)
	paper := func(flag, value string) []string {
		args := append(append([]string(nil), ddSet...), "--paper")
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
		{"unknown account", append([]string{"dd", "set", "ZZ9999", "--paper"}, ddSet[3:]...), 3, "no account ZZ9999"},
		{"sort code short", paper("--sort-code", "12-34-5"), 3, "not a sort code"},
		{"letters in the account", paper("--account", "1234567X"), 3, "is not an account number"},
		{"day not offered", paper("--day", "2"), 3, "--day"},
		{"nothing to collect", append(paper("", ""), "--amount", "0"), 3, "--amount: must be more than zero"},
		{"paper not yes or no", append(append([]string(nil), ddSet...), "--paper=maybe"), 2, "paper"},
	} {
		if e := c.refused(tt.code, tt.args...); !strings.Contains(e, tt.says) {
			t.Errorf("%s: %s", tt.name, e)
		}
	}
	if c.dump() != before {
		t.Fatal("a refused dd set --paper wrote something")
	}
}
