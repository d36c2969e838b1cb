package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestRatesListAndLoad(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	out := c.ok("rates")
	for _, want := range []string{"2025/26", "£400.14", "2026/27", "£424.90", "2026/27 is UNCONFIRMED", "£666.90", "in force: shipped with caseload", "caseload rates load"} {
		if !strings.Contains(out, want) {
			t.Fatalf("rates lacks %q:\n%s", want, out)
		}
	}
	// The council checks 2026/27, corrects the file `rates --format csv`
	// wrote and loads it back.
	csv := c.ok("rates", "--format", "csv")
	if !strings.HasPrefix(csv, "year,from,to,single_under_25,single_25_plus,couple_under_25,couple_25_plus,confirmed,source,note\n") {
		t.Fatalf("csv:\n%s", csv)
	}
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	lines[2] = "2026/27,2026-04-06,2027-04-05,338.58,424.90,528.34,666.97,yes,gov.uk benefit and pension rates 2026 to 2027 (checked),"
	file := c.file("rates.csv", strings.Join(lines, "\n")+"\n")
	if out := c.ok("rates", "load", file); !strings.Contains(out, "2 UC standard allowance year(s) in the file, 1 new; now in force") {
		t.Fatalf("load: %s", out)
	}
	var years []map[string]any
	if err := json.Unmarshal([]byte(c.ok("rates", "--format", "json")), &years); err != nil {
		t.Fatal(err)
	}
	if len(years) != 2 || years[1]["confirmed"] != true || years[1]["couple_25_plus"] != "666.97" || years[1]["note"] != "" {
		t.Fatalf("after the load: %v", years)
	}
	if out := c.ok("rates"); !strings.Contains(out, "in force: loaded by asmith") || strings.Contains(out, "UNCONFIRMED") {
		t.Fatalf("rates after the load:\n%s", out)
	}
	if out := c.ok("rates", "load", file); !strings.Contains(out, "nothing written") {
		t.Fatalf("the same file again: %s", out)
	}

	// A bad file: every problem by line, exit 3, nothing written.
	before := c.dump()
	bad := c.file("bad.csv", "year,from,to,single_under_25,single_25_plus,couple_under_25,couple_25_plus,confirmed,source,note\n"+
		"2025/26,2025-04-06,2026-04-05,316.98,400.145,497.55,628.10,yes,CPAG,\n"+
		"2026/27,2026-04-06,2027-04-05,338.58,424.90,528.34,666.97,perhaps,press,\n")
	stderr := c.refused(3, "rates", "load", bad)
	for _, want := range []string{bad + ":2: single_25_plus:", bad + ":3: confirmed:"} {
		if !strings.Contains(stderr, want) {
			t.Fatalf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	c.refused(3, "rates", "load", c.file("empty.csv", ""))
	if c.dump() != before {
		t.Fatal("a refused rates file changed the database")
	}
	c.refused(2, "rates", "load")
}

func TestRTBCapsByDate(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	discount := func() map[string]any {
		t.Helper()
		var d map[string]any
		out := c.ok("rtb", "discount", "--value", "400000", "--years", "30", "--property", "house", "--region", "north-west",
			"--received", "2023-06-01", "--previous-discount", "100000", "--format", "json")
		if err := json.Unmarshal([]byte(out), &d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	// Before anything is loaded (and with no database): the shipped table.
	d := discount()
	if d["cap"] != "96000.00" || d["discount"] != "96000.00" || d["cap_confirmed"] != false ||
		!strings.Contains(d["reason"].(string), "(s130) = £140,000.00; limited to the England") || !strings.Contains(d["reason"].(string), "UNCONFIRMED") {
		t.Fatalf("shipped 2023 cap: %v", d)
	}
	if out := c.ok("rtb", "discount", "--value", "400000", "--years", "30", "--property", "house", "--region", "north-west", "--received", "2024-11-20"); !strings.Contains(out, "£102,400.00") {
		t.Fatalf("20 Nov 2024:\n%s", out)
	}
	out := c.ok("rtb", "caps")
	for _, want := range []string{"2024-11-21", "Havering", "£38,000.00", "2024-04-06", "£102,400.00", "every other region", "UNCONFIRMED", "shipped with caseload"} {
		if !strings.Contains(out, want) {
			t.Fatalf("rtb caps lacks %q:\n%s", want, out)
		}
	}
	// The council checks the 2023 cap against the order and corrects it.
	csv := c.ok("rtb", "caps", "--format", "csv")
	old := "2023-04-06,2024-04-05,all,,96000.00,no,"
	i := strings.Index(csv, old)
	if i < 0 {
		t.Fatalf("no 2023 row:\n%s", csv)
	}
	end := i + strings.Index(csv[i:], "\n")
	file := c.file("caps.csv", csv[:i]+"2023-04-06,2024-04-05,all,,95900.00,yes,the 2023 order (checked),"+csv[end:])
	if out := c.ok("rtb", "caps", "load", file); !strings.Contains(out, "1 new; now in force") {
		t.Fatalf("caps load: %s", out)
	}
	if d := discount(); d["cap"] != "95900.00" || d["cap_confirmed"] != true || strings.Contains(d["reason"].(string), "UNCONFIRMED") {
		t.Fatalf("corrected cap not used: %v", d)
	}
	before := c.dump()
	bad := c.file("badcaps.csv", "from,to,region,authority,cap,confirmed,source,note\n2024-11-21,,north-west,,26000,yes,SI,\n2024-12-01,,north-west,,1,yes,SI,\n")
	if stderr := c.refused(3, "rtb", "caps", "load", bad); !strings.Contains(stderr, bad+":3: from: overlaps row 1 for North West") {
		t.Fatalf("stderr:\n%s", stderr)
	}
	if c.dump() != before {
		t.Fatal("a refused caps file changed the database")
	}
}

// TestReferenceTablesInAVisitPack: the office loads all three tables,
// exports a visit pack, and a fresh laptop computes the same figures.
func TestReferenceTablesInAVisitPack(t *testing.T) {
	t.Parallel()
	office := newCLI(t)
	office.ok("ingest", "accounts", office.file("accounts.csv", sampleAccounts))
	office.ok("holidays", "load", office.file("bh.json", `{"england-and-wales":{"division":"england-and-wales","events":[
		{"title":"New Year’s Day","date":"2029-01-01"},{"title":"Good Friday","date":"2029-03-30"}]}}`))
	rates := strings.Replace(office.ok("rates", "--format", "csv"), "666.97,no,", "666.97,yes,", 1)
	rates = strings.Replace(rates, "press reports", "checked reports", 1)
	office.ok("rates", "load", office.file("rates.csv", rates))
	caps := strings.Replace(office.ok("rtb", "caps", "--format", "csv"), "2023-04-06,2024-04-05,all,,96000.00,", "2023-04-06,2024-04-05,all,,95900.00,", 1)
	office.ok("rtb", "caps", "load", office.file("caps.csv", caps))

	pack := filepath.Join(office.dir, "visit.clpack")
	office.ok("export", "--to", pack, "--accounts", "NW2001", "--plaintext")
	laptop := newCLI(t)
	pair(office, laptop)
	laptop.ok("import", pack, "--plaintext")
	for _, args := range [][]string{
		{"holidays", "--format", "json"},
		{"rates", "--format", "json"},
		{"rtb", "caps", "--format", "json"},
		{"rtb", "discount", "--value", "400000", "--years", "30", "--property", "house", "--region", "north-west", "--received", "2023-06-01", "--format", "json"},
	} {
		if a, b := office.ok(args...), laptop.ok(args...); a != b {
			t.Fatalf("caseload %s differs on the laptop:\n%s\noffice:\n%s", strings.Join(args, " "), b, a)
		}
	}
	if out := laptop.ok("rtb", "discount", "--value", "400000", "--years", "30", "--property", "house", "--region", "north-west", "--received", "2023-06-01"); !strings.Contains(out, "£95,900.00") {
		t.Fatalf("laptop discount:\n%s", out)
	}
	laptop.ok("check")
	office.ok("check")
}

func TestIngestZeroBroughtForward(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	sampleAccountsDB.apply(c)
	file := c.file("t.csv", "ref,date,type,amount\nNW2002,2026-10-05,brought-forward,0.00\nNW2002,2026-10-05,charge,14.50\n")
	if out := c.ok("ingest", "transactions", file); !strings.Contains(out, "1 loaded, 0 already loaded, 1 account(s) recorded as opened clear") {
		t.Fatalf("ingest: %s", out)
	}
	before := c.dump()
	stderr := c.refused(3, "ingest", "transactions", c.file("z.csv", "ref,date,type,amount\nNW2002,2026-10-12,payment,0.00\n"))
	if !strings.Contains(stderr, "z.csv:2: amount: must not be zero") || c.dump() != before {
		t.Fatalf("a zero payment: %s", stderr)
	}
	c.ok("check")
}

func TestRatesDeductionRange(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	var got map[string]any
	if err := json.Unmarshal([]byte(c.ok("rates", "--claimant", "single-25-plus", "--on", "2025-11-01", "--format", "json")), &got); err != nil {
		t.Fatal(err)
	}
	if got["standard_allowance"] != "400.14" || got["deduction_min"] != "40.01" || got["deduction_max"] != "80.03" ||
		!strings.Contains(got["source"].(string), "2025/26") {
		t.Fatalf("2025/26 range: %v", got)
	}
	// Today (23 Nov 2026) falls in 2026/27: unconfirmed, and it says so.
	if out := c.ok("rates", "--claimant", "couple-25-plus"); !strings.Contains(out, "£66.70–£133.39 a month") || !strings.Contains(out, "UNCONFIRMED") {
		t.Fatalf("2026/27 range:\n%s", out)
	}
	c.refused(3, "rates", "--claimant", "single-25-plus", "--on", "2027-06-01")
	c.refused(3, "rates", "--claimant", "single")
}
