package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// arrangementCalcJSON is `arrangement calc --format json` (CLI.md).
type arrangementCalcJSON struct {
	Instalment  string `json:"instalment"`
	Count       int    `json:"count"`
	FirstDate   string `json:"first_date"`
	FinalDate   string `json:"final_date"`
	FinalAmount string `json:"final_amount"`
	Total       string `json:"total"`
	Schedule    []struct {
		N            int    `json:"n"`
		Date         string `json:"date"`
		Amount       string `json:"amount"`
		BalanceAfter string `json:"balance_after"`
	} `json:"schedule"`
}

// noArrangementDB fails if calc created a database anywhere it could have.
func (c *cli) noArrangementDB() {
	c.t.Helper()
	for _, p := range []string{c.db, filepath.Join(c.dir, ".local", "share", "caseload", "caseload.db")} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			c.t.Fatalf("arrangement calc created %s (%v): it must not touch a database", p, err)
		}
	}
}

func TestArrangementCalcJSON(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		args  []string
		want  arrangementCalcJSON
		dates []string // every schedule date, when given
		lines []string // every schedule line as "amount balance_after", when given
	}{
		{"31 January monthly start in a leap year",
			[]string{"--balance", "100", "--frequency", "monthly", "--start", "2028-01-31", "--instalment", "30"},
			arrangementCalcJSON{Instalment: "30.00", Count: 4, FirstDate: "2028-01-31", FinalDate: "2028-04-30", FinalAmount: "10.00", Total: "100.00"},
			[]string{"2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30"},
			[]string{"30.00 70.00", "30.00 40.00", "30.00 10.00", "10.00 0.00"}},
		{"31 January monthly start in a common year",
			[]string{"--balance", "100", "--frequency", "monthly", "--start", "2027-01-31", "--instalment", "30"},
			arrangementCalcJSON{Instalment: "30.00", Count: 4, FirstDate: "2027-01-31", FinalDate: "2027-04-30", FinalAmount: "10.00", Total: "100.00"},
			[]string{"2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"}, nil},
		{"31 January monthly clear-by in a leap year",
			[]string{"--balance", "100", "--frequency", "monthly", "--start", "2028-01-31", "--clear-by", "2028-03-31"},
			arrangementCalcJSON{Instalment: "33.34", Count: 3, FirstDate: "2028-01-31", FinalDate: "2028-03-31", FinalAmount: "33.32", Total: "100.00"},
			[]string{"2028-01-31", "2028-02-29", "2028-03-31"}, nil},
		{"31 January monthly clear-by on 28 February in a common year",
			[]string{"--balance", "100", "--frequency", "monthly", "--start", "2027-01-31", "--clear-by", "2027-02-28"},
			arrangementCalcJSON{Instalment: "50.00", Count: 2, FirstDate: "2027-01-31", FinalDate: "2027-02-28", FinalAmount: "50.00", Total: "100.00"},
			[]string{"2027-01-31", "2027-02-28"}, nil},
		{"clear-by equal to the start is one payment of the balance",
			[]string{"--balance", "1234.56", "--frequency", "weekly", "--start", "2026-11-30", "--clear-by", "2026-11-30"},
			arrangementCalcJSON{Instalment: "1234.56", Count: 1, FirstDate: "2026-11-30", FinalDate: "2026-11-30", FinalAmount: "1234.56", Total: "1234.56"},
			[]string{"2026-11-30"}, []string{"1234.56 0.00"}},
		{"a last instalment of a few pence",
			[]string{"--balance", "100.03", "--frequency", "fortnightly", "--start", "2026-11-30", "--instalment", "10"},
			arrangementCalcJSON{Instalment: "10.00", Count: 11, FirstDate: "2026-11-30", FinalDate: "2027-04-19", FinalAmount: "0.03", Total: "100.03"},
			nil, nil},
		{"clear-by rounds the instalment up to the penny",
			[]string{"--balance", "1.00", "--frequency", "weekly", "--start", "2026-11-30", "--clear-by", "2027-02-08"},
			arrangementCalcJSON{Instalment: "0.10", Count: 10, FirstDate: "2026-11-30", FinalDate: "2027-02-01", FinalAmount: "0.10", Total: "1.00"},
			nil, nil},
		{"four-weekly, with the flags in any order",
			[]string{"--instalment", "95.2", "--start", "2026-11-30", "--frequency", "four-weekly", "--balance", "200"},
			arrangementCalcJSON{Instalment: "95.20", Count: 3, FirstDate: "2026-11-30", FinalDate: "2027-01-25", FinalAmount: "9.60", Total: "200.00"},
			nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := newCLI(t)
			out := c.ok(append([]string{"arrangement", "calc", "--format", "json"}, tc.args...)...)
			c.noArrangementDB()
			var got arrangementCalcJSON
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			for _, field := range []string{`"instalment"`, `"count"`, `"first_date"`, `"final_date"`, `"final_amount"`, `"total"`, `"schedule"`, `"balance_after"`} {
				if !strings.Contains(out, field) {
					t.Errorf("JSON lacks %s", field)
				}
			}
			if got.Instalment != tc.want.Instalment || got.Count != tc.want.Count || got.FirstDate != tc.want.FirstDate ||
				got.FinalDate != tc.want.FinalDate || got.FinalAmount != tc.want.FinalAmount || got.Total != tc.want.Total {
				t.Fatalf("got %+v\nwant %+v", got, tc.want)
			}
			if len(got.Schedule) != got.Count || got.Schedule[0].N != 1 || got.Schedule[got.Count-1].BalanceAfter != "0.00" {
				t.Fatalf("schedule %+v", got.Schedule)
			}
			for i, d := range tc.dates {
				if got.Schedule[i].Date != d {
					t.Errorf("instalment %d on %s, want %s", i+1, got.Schedule[i].Date, d)
				}
			}
			for i, l := range tc.lines {
				if s := got.Schedule[i].Amount + " " + got.Schedule[i].BalanceAfter; s != l {
					t.Errorf("instalment %d: %s, want %s", i+1, s, l)
				}
			}
		})
	}
}

func TestArrangementCalcTableAndCSV(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	args := []string{"arrangement", "calc", "--balance", "100", "--frequency", "monthly", "--start", "2028-01-31", "--instalment", "30"}
	table := c.ok(args...)
	for _, want := range []string{"Instalment:   £30.00 a month", "Instalments:  4", "First:        Mon 31 Jan 2028",
		"Final:        Sun 30 Apr 2028 (£10.00)", "Total:        £100.00", "n  date        amount  balance_after", "2  2028-02-29   30.00          40.00"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	csv := c.ok(append(args, "--format", "csv")...)
	if !strings.HasPrefix(csv, "n,date,amount,balance_after\n1,2028-01-31,30.00,70.00\n") || !strings.Contains(csv, "4,2028-04-30,10.00,0.00") {
		t.Errorf("csv:\n%s", csv)
	}
	c.noArrangementDB()
}

func TestArrangementCalcRefusals(t *testing.T) {
	t.Parallel()
	base := func(over ...string) []string {
		flags := map[string]string{"--balance": "100", "--frequency": "weekly", "--start": "2026-11-30", "--instalment": "10"}
		order := []string{"--balance", "--frequency", "--start", "--instalment"}
		for i := 0; i+1 < len(over); i += 2 {
			if _, ok := flags[over[i]]; !ok {
				order = append(order, over[i])
			}
			flags[over[i]] = over[i+1]
		}
		args := []string{"arrangement", "calc"}
		for _, k := range order {
			if flags[k] != "" {
				args = append(args, k, flags[k])
			}
		}
		return args
	}
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"zero balance", base("--balance", "0"), 3, "balance: must be more than £0.00 (got £0.00): there are no arrears to schedule"},
		{"negative balance", base("--balance", "-5"), 3, "balance: must be more than £0.00 (got -£5.00)"},
		{"balance with three decimals", base("--balance", "12.345"), 3, "--balance: amount \"12.345\" has more than two decimal places"},
		{"balance with a pound sign", base("--balance", "£100"), 3, "has a currency symbol"},
		{"balance with a separator", base("--balance", "1,000"), 3, "has a thousands separator"},
		{"balance not a number", base("--balance", "lots"), 3, "is not a number"},
		{"zero instalment", base("--instalment", "0"), 3, "instalment: must be at least £0.01 (got £0.00)"},
		{"negative instalment", base("--instalment", "-1"), 3, "instalment: must be at least £0.01 (got -£1.00)"},
		{"instalment with three decimals", base("--instalment", "1.001"), 3, "--instalment: amount \"1.001\" has more than two decimal places"},
		{"more than 1,040 instalments", base("--balance", "1100", "--instalment", "1"), 3, "instalment: that would take 1,100 instalments (21 years): the limit is 1,040 — raise the instalment to at least £1.06"},
		{"clear-by before start", base("--instalment", "", "--clear-by", "2026-11-29"), 3, "clear-by: Sun 29 Nov 2026 is before the start, Mon 30 Nov 2026"},
		{"clear-by too far off", base("--balance", "10000", "--instalment", "", "--clear-by", "2060-01-01"), 3, "would take 1,725 instalments"},
		{"impossible start", base("--start", "2027-02-29"), 3, "--start: \"2027-02-29\" is not a real date"},
		{"start not a date", base("--start", "30/11/2026"), 3, "--start: \"30/11/2026\" is not a date: use YYYY-MM-DD"},
		{"impossible clear-by", base("--instalment", "", "--clear-by", "2026-13-01"), 3, "--clear-by: \"2026-13-01\" is not a real date"},
		{"unknown frequency", base("--frequency", "daily"), 3, "--frequency: \"daily\" is not one of weekly, fortnightly, four-weekly, monthly"},
		{"instalment and clear-by both", base("--clear-by", "2027-01-01"), 3, "give an instalment or a clear-by date, not both"},
		{"neither instalment nor clear-by", base("--instalment", ""), 2, "give --instalment X or --clear-by YYYY-MM-DD"},
		{"no balance", base("--balance", ""), 2, "--balance is required"},
		{"no frequency", base("--frequency", ""), 2, "--frequency is required"},
		{"no start", base("--start", ""), 2, "--start is required"},
		{"unknown flag", base("--weeks", "3"), 2, "flag provided but not defined: -weeks"},
		{"a stray argument", append(base(), "NW1001"), 2, "unexpected argument \"NW1001\""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := newCLI(t)
			stderr := c.refused(tc.code, tc.args...)
			if strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, tc.want) {
				t.Fatalf("stderr %q, want one line containing %q", stderr, tc.want)
			}
			c.noArrangementDB()
		})
	}
}

var arrangementID = regexp.MustCompile(`arrangement (\S+-\d+) on`)

func mustAddArrangement(t *testing.T, c *cli, args ...string) (id, out string) {
	t.Helper()
	out = c.ok(append([]string{"arrangement", "add"}, args...)...)
	m := arrangementID.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no arrangement id in %q", out)
	}
	return m[1], out
}

type arrangementShowJSON struct {
	Ref     string `json:"ref"`
	Balance string `json:"balance"`
	State   string `json:"state"`
	Live    *struct {
		ID       string `json:"id"`
		Status   string `json:"status"`
		Expected string `json:"expected"`
		Received string `json:"received"`
		Behind   string `json:"behind"`
		NextDue  string `json:"next_due"`
		BrokenOn string `json:"broken_on"`
		Checks   []struct {
			N     int    `json:"n"`
			State string `json:"state"`
		} `json:"checks"`
	} `json:"live"`
	Arrangements []struct {
		ID           string `json:"id"`
		State        string `json:"state"`
		Instalment   string `json:"instalment"`
		Arrears      string `json:"arrears"`
		MadeOn       string `json:"made_on"`
		MadeBy       string `json:"made_by"`
		Words        string `json:"words"`
		SupersededBy string `json:"superseded_by"`
		EndedOn      string `json:"ended_on"`
		CancelledOn  string `json:"cancelled_on"`
		CancelReason string `json:"cancel_reason"`
	} `json:"arrangements"`
}

func (c *cli) arrangementShow(ref string, extra ...string) arrangementShowJSON {
	c.t.Helper()
	var s arrangementShowJSON
	out := c.ok(append([]string{"arrangement", "show", ref, "--format", "json"}, extra...)...)
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		c.t.Fatalf("%v\n%s", err, out)
	}
	return s
}

// arrangementCLI is a CLI on the sample extract: NW2001 owes £213.70 (weekly
// charge £142.77, 2 rent-free weeks, UC), NW2002 owes nothing.
func arrangementCLI(t *testing.T) *cli {
	c := newCLI(t)
	sampleDB.apply(c)
	return c
}

// sampleAccountsDB is the sample extract's accounts ingested, once a
// package.
var sampleAccountsDB = &template{name: "sample-accounts", setup: func(c *cli) {
	c.ok("ingest", "accounts", c.file("accounts.csv", sampleAccounts))
}}

// sampleDB is the sample extract ingested, once a package.
var sampleDB = &template{name: "sample", setup: func(c *cli) {
	c.ok("ingest", "accounts", c.file("accounts.csv", sampleAccounts))
	c.ok("ingest", "transactions", c.file("transactions.csv", sampleTransactions))
}}

func TestArrangementAddShowCancel(t *testing.T) {
	t.Parallel()
	c := arrangementCLI(t)
	if s := c.arrangementShow("NW2001"); s.State != "none" || s.Live != nil || len(s.Arrangements) != 0 {
		t.Fatalf("before: %+v", s)
	}
	first, out := mustAddArrangement(t, c, "NW2001", "--instalment", "10", "--frequency", "weekly", "--start", "2026-11-30")
	if !strings.Contains(out, "on NW2001: £10.00 a week from Mon 30 Nov 2026 towards £213.70; 22 instalments, the last (£3.70) on Mon 26 Apr 2027") ||
		strings.Contains(out, "ends the live") {
		t.Fatalf("add: %s", out)
	}
	s := c.arrangementShow("NW2001")
	if s.State != "not-yet-due" || s.Live == nil || s.Live.ID != first || s.Live.NextDue != "2026-11-30" || s.Live.Expected != "0.00" ||
		len(s.Arrangements) != 1 || s.Arrangements[0].MadeBy != "asmith" || s.Arrangements[0].MadeOn != "2026-11-23" || s.Arrangements[0].Arrears != "213.70" {
		t.Fatalf("show after add: %+v", s)
	}

	// A second arrangement, for part of the arrears, ends the first and says so.
	second, out := mustAddArrangement(t, c, "NW2001", "--instalment", "20", "--frequency", "monthly", "--start", "2026-12-28", "--arrears", "200")
	if !strings.Contains(out, "ends the live arrangement "+first+": £10.00 a week from Mon 30 Nov 2026 towards £213.70 (made Mon 23 Nov 2026)") {
		t.Fatalf("second add: %s", out)
	}
	s = c.arrangementShow("NW2001")
	if s.Live == nil || s.Live.ID != second || len(s.Arrangements) != 2 || s.Arrangements[0].ID != second ||
		s.Arrangements[1].State != "superseded" || s.Arrangements[1].SupersededBy != second || s.Arrangements[1].EndedOn != "2026-11-23" {
		t.Fatalf("show after the second: %+v", s)
	}
	table := c.ok("arrangement", "show", "NW2001")
	for _, want := range []string{"Live arrangement:  " + second + ": £20.00 a month from Mon 28 Dec 2026 towards £200.00",
		"State:             NOT-YET-DUE", "Next due:          Mon 28 Dec 2026", "History (newest first)", "superseded on Mon 23 Nov 2026 by arrangement " + second} {
		if !strings.Contains(table, want) {
			t.Errorf("show table lacks %q:\n%s", want, table)
		}
	}

	// Cancelling the live one brings back the one it replaced.
	out = c.ok("arrangement", "cancel", second, "--reason", "agreed in error")
	if !strings.Contains(out, "arrangement "+second+" on NW2001 cancelled on Mon 23 Nov 2026") ||
		!strings.Contains(out, "the earlier arrangement "+first+" is live again") {
		t.Fatalf("cancel: %s", out)
	}
	s = c.arrangementShow("NW2001")
	if s.Live == nil || s.Live.ID != first || s.Arrangements[0].State != "cancelled" || s.Arrangements[0].CancelReason != "agreed in error" ||
		s.Arrangements[0].CancelledOn != "2026-11-23" {
		t.Fatalf("show after cancel: %+v", s)
	}
	// The worklist reads the same live arrangement (and check still holds).
	c.ok("check")
}

func TestArrangementMonitoringOnTheCLI(t *testing.T) {
	t.Parallel()
	c := arrangementCLI(t)
	mustAddArrangement(t, c, "NW2001", "--instalment", "10", "--frequency", "weekly", "--start", "2026-11-30")
	// Rent and the instalment paid together on 30 Nov; the next week's
	// rent is charged on 7 Dec and nothing is paid.
	c.ok("post", "NW2001", "142.77", "--type", "charge", "--date", "2026-11-30", "--today", "2026-11-30")
	c.ok("pay", "NW2001", "152.77", "--method", "card", "--date", "2026-11-30", "--today", "2026-11-30")
	c.ok("post", "NW2001", "142.77", "--type", "charge", "--date", "2026-12-07", "--today", "2026-12-07")
	// 7 Dec is the first check date (due 30 Nov + 7 days' grace): kept.
	s := c.arrangementShow("NW2001", "--today", "2026-12-07")
	if s.State != "kept" || s.Live.Expected != "152.77" || s.Live.Received != "152.77" || s.Live.NextDue != "2026-12-14" {
		t.Fatalf("7 Dec: %+v", s.Live)
	}
	// 13 Dec, the day before the second check: still kept.
	if s := c.arrangementShow("NW2001", "--today", "2026-12-13"); s.State != "kept" {
		t.Fatalf("13 Dec: %+v", s.Live)
	}
	// 14 Dec, exactly seven days after the second due date: £152.77 behind
	// is more than one instalment.
	s = c.arrangementShow("NW2001", "--today", "2026-12-14")
	if s.State != "broken" || s.Live.Expected != "305.54" || s.Live.Behind != "152.77" || s.Live.BrokenOn != "2026-12-14" ||
		len(s.Live.Checks) != 2 || s.Live.Checks[1].State != "broken" {
		t.Fatalf("14 Dec: %+v", s.Live)
	}
	table := c.ok("arrangement", "show", "NW2001", "--today", "2026-12-14")
	if !strings.Contains(table, "State:             BROKEN — £152.77 behind") || !strings.Contains(table, "Checks (latest 2 of 2; grace 7 days)") {
		t.Fatalf("table:\n%s", table)
	}
	// A lump sum that clears the arrears on top of the charges completes it.
	c.ok("pay", "NW2001", "500", "--method", "bank", "--date", "2026-12-14", "--today", "2026-12-14")
	if s := c.arrangementShow("NW2001", "--today", "2026-12-14"); s.State != "completed" || s.Live.NextDue != "" {
		t.Fatalf("after the lump sum: %+v", s.Live)
	}
}

func TestArrangementRefusalsWriteNothing(t *testing.T) {
	t.Parallel()
	c := arrangementCLI(t)
	live, _ := mustAddArrangement(t, c, "NW2001", "--instalment", "10", "--frequency", "weekly", "--start", "2026-11-30")
	later, _ := mustAddArrangement(t, c, "NW2001", "--instalment", "12", "--frequency", "weekly", "--start", "2026-12-07")
	gone, _ := mustAddArrangement(t, c, "NW2001", "--instalment", "15", "--frequency", "weekly", "--start", "2026-12-14")
	c.ok("arrangement", "cancel", gone, "--reason", "mistake")
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"add on an unknown account", []string{"arrangement", "add", "ZZ9999", "--instalment", "10", "--frequency", "weekly", "--start", "2026-11-30"}, 3, "ref: no account ZZ9999"},
		{"add a zero instalment", []string{"arrangement", "add", "NW2001", "--instalment", "0", "--frequency", "weekly", "--start", "2026-11-30"}, 3, "instalment: must be at least £0.01"},
		{"add with zero arrears", []string{"arrangement", "add", "NW2001", "--instalment", "10", "--frequency", "weekly", "--start", "2026-11-30", "--arrears", "0"}, 3, "--arrears: must be more than £0.00"},
		{"add with negative arrears", []string{"arrangement", "add", "NW2001", "--instalment", "10", "--frequency", "weekly", "--start", "2026-11-30", "--arrears", "-10"}, 3, "--arrears: must be more than £0.00"},
		{"add on an account not in arrears", []string{"arrangement", "add", "NW2002", "--instalment", "10", "--frequency", "weekly", "--start", "2026-11-30"}, 3, "arrears: NW2002 is not in arrears (balance £0.00)"},
		{"add a start more than a year ahead", []string{"arrangement", "add", "NW2001", "--instalment", "10", "--frequency", "weekly", "--start", "2027-11-24"}, 3, "start: Wed 24 Nov 2027 is more than a year ahead"},
		{"add a start more than a year back", []string{"arrangement", "add", "NW2001", "--instalment", "10", "--frequency", "weekly", "--start", "2025-11-22"}, 3, "start: Sat 22 Nov 2025 is more than a year ago"},
		{"add an impossible start", []string{"arrangement", "add", "NW2001", "--instalment", "10", "--frequency", "weekly", "--start", "2026-11-31"}, 3, "--start: \"2026-11-31\" is not a real date"},
		{"add over 1,040 instalments", []string{"arrangement", "add", "NW2001", "--instalment", "0.10", "--frequency", "weekly", "--start", "2026-11-30"}, 3, "that would take 2,137 instalments"},
		{"add an unknown frequency", []string{"arrangement", "add", "NW2001", "--instalment", "10", "--frequency", "yearly", "--start", "2026-11-30"}, 3, "--frequency: \"yearly\" is not one of"},
		{"add without a start", []string{"arrangement", "add", "NW2001", "--instalment", "10", "--frequency", "weekly"}, 2, "--start is required"},
		{"add without a ref", []string{"arrangement", "add", "--instalment", "10", "--frequency", "weekly", "--start", "2026-11-30"}, 2, "missing REF"},
		{"cancel an unknown arrangement", []string{"arrangement", "cancel", "nope-1", "--reason", "x"}, 3, "id: no arrangement nope-1"},
		{"cancel without a reason", []string{"arrangement", "cancel", later}, 2, "--reason is required"},
		{"cancel with a blank reason", []string{"arrangement", "cancel", later, "--reason", "  "}, 3, "reason: say why the arrangement is cancelled"},
		{"cancel one a later arrangement ended", []string{"arrangement", "cancel", live, "--reason", "x"}, 3, "was ended on Mon 23 Nov 2026 by arrangement " + later},
		{"cancel one already cancelled", []string{"arrangement", "cancel", gone, "--reason", "x"}, 3, "was already cancelled on Mon 23 Nov 2026 (mistake)"},
		{"show an unknown account", []string{"arrangement", "show", "ZZ9999"}, 3, "no account ZZ9999"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := c.dump()
			stderr := c.refused(tc.code, tc.args...)
			if !strings.Contains(stderr, tc.want) {
				t.Fatalf("stderr %q, want %q", stderr, tc.want)
			}
			if after := c.dump(); after != before {
				t.Fatalf("a refused command changed the database")
			}
		})
	}
}
