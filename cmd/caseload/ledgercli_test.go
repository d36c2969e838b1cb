package main

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

// twoAccounts sets up a rent account from Wed 7 Oct 2026 (a part first
// week) and a garage from Mon 5 Oct 2026 through the CLI (once a package:
// see template).
func twoAccounts(c *cli) {
	c.t.Helper()
	twoAccountsDB.apply(c)
}

var twoAccountsDB = &template{name: "two-accounts", setup: func(c *cli) {
	c.t.Helper()
	out := c.ok("account", "create", "NW3001", "--kind", "rent", "--name", "Sam Example", "--address", "Flat 2, 10 Sample Street",
		"--postcode", "E99 1AA", "--start", "2026-10-07", "--rent", "131.42", "--service", "8.15", "--other", "3.20",
		"--tenancy", "secure", "--method", "uc", "--rent-free-weeks", "2")
	if !strings.Contains(out, "NW3001 created") || !strings.Contains(out, "weekly charge £142.77 (rent £131.42, service charge £8.15, other £3.20)") {
		c.t.Fatalf("account create: %s", out)
	}
	out = c.ok("account", "create", "GA3001", "--kind", "garage", "--name", "Pat Example", "--address", "Garage 7, Sample Yard",
		"--start", "2026-10-05", "--rent", "14.50", "--method", "dd", "--patch", "bjones")
	if !strings.Contains(out, "weekly charge £14.50 (garage £14.50); patch bjones") {
		c.t.Fatalf("garage create: %s", out)
	}
}}

func showJSON(c *cli, ref string) map[string]any {
	c.t.Helper()
	var got map[string]any
	if err := json.Unmarshal([]byte(c.ok("account", "show", ref, "--format", "json")), &got); err != nil {
		c.t.Fatal(err)
	}
	return got
}

func TestRentRunTwicePostsNothingTheSecondTime(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	twoAccounts(c)
	var first, second map[string]any
	json.Unmarshal([]byte(c.ok("rent-run", "--week", "2026-10-07", "--format", "json")), &first)
	// Week of Mon 5 Oct: the garage whole (14.50), the rent account from
	// Wed 7 Oct, 5 of 7 days: 142.77 × 5 ÷ 7 = 101.978… = 101.98.
	if first["week"] != "2026-10-05" || first["posted"] != 2.0 || first["total"] != "116.48" || first["pro_rated"] != 1.0 || first["rent_week"] != 27.0 {
		t.Fatalf("first run: %v", first)
	}
	before := c.dump()
	json.Unmarshal([]byte(c.ok("rent-run", "--week", "2026-10-05", "--format", "json")), &second)
	if second["posted"] != 0.0 || second["already_run"] != 2.0 || second["total"] != "0.00" {
		t.Fatalf("second run: %v", second)
	}
	if !sameDomainContent(before, c.dump()) {
		t.Fatal("the second run changed the data")
	}
	text := c.ok("rent-run", "--week", "2026-10-05")
	for _, want := range []string{"Rent run for the week of Mon 5 Oct 2026 (rent week 27 of 2026/27)", "Nothing posted", "Already run:", "2 (charged earlier"} {
		if !strings.Contains(text, want) {
			t.Errorf("text summary lacks %q:\n%s", want, text)
		}
	}
	if got := showJSON(c, "NW3001")["balance"]; got != "101.98" {
		t.Fatalf("NW3001 balance %v", got)
	}
	if out := c.ok("check"); !strings.HasPrefix(out, "ok:") {
		t.Fatal(out)
	}
}

func TestRentRunRefusals(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	twoAccounts(c)
	before := c.dump()
	c.refused(2, "rent-run")
	c.refused(2, "rent-run", "--week", "2026-11-23", "extra")
	if e := c.refused(3, "rent-run", "--week", "2026-11-31"); !strings.Contains(e, "not a real date") {
		t.Errorf("bad date: %s", e)
	}
	if e := c.refused(3, "rent-run", "--week", "2026-11-30"); !strings.Contains(e, "has not begun") {
		t.Errorf("future week: %s", e)
	}
	if c.dump() != before {
		t.Fatal("a refused rent run wrote something")
	}
}

func TestStatementForAResidentOrACourt(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	twoAccounts(c)
	for _, w := range []string{"2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"} {
		c.ok("rent-run", "--week", w)
	}
	c.ok("pay", "NW3001", "500", "--method", "uc", "--date", "2026-10-28", "--reference", "UC-OCT")
	c.ok("pay", "NW3001", "100", "--method", "card", "--date", "2026-11-10", "--reference", "4111 1111 1111 1111")
	text := c.ok("statement", "NW3001", "--from", "2026-11-01", "--to", "2026-11-23", "--council", "Newtown Borough Council")
	for _, want := range []string{
		"NEWTOWN BOROUGH COUNCIL", "STATEMENT OF ACCOUNT",
		"Payment reference:  NW3001", "Name:               Sam Example", "Flat 2, 10 Sample Street  E99 1AA",
		"Rent (current), secure tenancy from Wed 7 Oct 2026", "Period:             Sun 1 Nov 2026 to Mon 23 Nov 2026",
		// 4 full weeks before Nov (101.98 + 3 × 142.77) less 500 = 30.29.
		"01/11/2026  Opening balance                                               £30.29",
		"02/11/2026  Rent week 31 of 2026/27            £142.77                   £173.06",
		"10/11/2026  Payment (Card) ****",
		"23/11/2026  Closing balance                                              £501.37",
		"Amount owed on Mon 23 Nov 2026: £501.37.",
		"Weekly charge: £142.77. Arrears: 3.5 weeks of the weekly charge.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("statement lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "4111 1111") {
		t.Error("a card number reached the statement")
	}
	for _, l := range strings.Split(text, "\n") {
		if len([]rune(l)) > 80 {
			t.Errorf("line wider than 80 characters: %q", l)
		}
	}
	// The same period as CSV: an opening row, one row per transaction with
	// the running balance, a closing row.
	rows, err := csv.NewReader(strings.NewReader(c.ok("statement", "NW3001", "--from", "2026-11-01", "--to", "2026-11-23", "--format", "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+1+5+1 {
		t.Fatalf("%d csv rows: %v", len(rows), rows)
	}
	head, open, last := rows[0], rows[1], rows[len(rows)-1]
	if strings.Join(head, ",") != "ref,date,id,type,method,reference,note,debit,credit,amount,balance,void" ||
		open[3] != "opening-balance" || open[10] != "30.29" || last[3] != "closing-balance" || last[10] != "501.37" || last[6] != "arrears_weeks=3.51" {
		t.Fatalf("csv head %v opening %v closing %v", head, open, last)
	}
	if pay := rows[4]; pay[3] != "payment" || pay[4] != "card" || pay[8] != "100.00" || pay[9] != "-100.00" || pay[10] != "215.83" {
		t.Fatalf("payment row %v", pay)
	}
	var j map[string]any
	if err := json.Unmarshal([]byte(c.ok("statement", "NW3001", "--from", "2026-11-01", "--to", "2026-11-23", "--format", "json")), &j); err != nil {
		t.Fatal(err)
	}
	if j["opening"] != "30.29" || j["closing"] != "501.37" || j["arrears_weeks"] != "3.51" || len(j["lines"].([]any)) != 5 {
		t.Fatalf("json %v", j)
	}
}

func TestStatementRefusals(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	twoAccounts(c)
	before := c.dump()
	c.refused(2, "statement", "NW3001", "--to", "2026-11-23")
	c.refused(2, "statement", "NW3001", "--from", "2026-11-01")
	c.refused(2, "statement", "--from", "2026-11-01", "--to", "2026-11-23")
	c.refused(2, "statement", "NW3001", "--from", "2026-11-01", "--to", "2026-11-23", "--format", "pdf")
	if e := c.refused(3, "statement", "ZZ9999", "--from", "2026-11-01", "--to", "2026-11-23"); !strings.Contains(e, "no account ZZ9999") {
		t.Errorf("unknown account: %s", e)
	}
	if e := c.refused(3, "statement", "NW3001", "--from", "2026-11-23", "--to", "2026-11-01"); !strings.Contains(e, "before --from") {
		t.Errorf("reversed period: %s", e)
	}
	c.refused(3, "statement", "NW3001", "--from", "23/11/2026", "--to", "2026-11-30")
	if c.dump() != before {
		t.Fatal("a refused statement wrote something")
	}
}

func TestAccountLifecycle(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	twoAccounts(c)
	for _, w := range []string{"2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"} {
		c.ok("rent-run", "--week", w)
	}
	show := showJSON(c, "NW3001")
	if show["weekly_charge"] != "142.77" || show["kind"] != "rent" || show["rent_free_weeks"] != 2.0 || show["payment_method"] != "uc" {
		t.Fatalf("created account: %v", show)
	}
	if g := showJSON(c, "GA3001"); g["property_type"] != "garage" || g["officer"] != "bjones" {
		t.Fatalf("garage: %v", g)
	}
	// Contents insurance from Mon 9 Nov: three weeks already charged.
	out := c.ok("account", "service", "NW3001", "insurance", "3.50", "--from", "2026-11-09")
	if !strings.Contains(out, "Home contents insurance £3.50 a week from Mon 9 Nov 2026 on NW3001: adjustment £10.50") ||
		!strings.Contains(out, "weekly charge from Mon 23 Nov 2026 £146.27") {
		t.Fatalf("service: %s", out)
	}
	// Cancelled from Mon 16 Nov: the last two of those weeks come back off.
	out = c.ok("account", "service", "NW3001", "insurance", "0", "--from", "2026-11-16")
	if !strings.Contains(out, "Home contents insurance cancelled from Mon 16 Nov 2026 on NW3001: adjustment -£7.00") {
		t.Fatalf("cancel: %s", out)
	}
	before := showJSON(c, "NW3001")["balance"].(string)
	// Ends Wed 25 Nov: week of 23 Nov keeps 3 days of £142.77 = £61.19, so
	// £81.58 comes back.
	out = c.ok("account", "terminate", "NW3001", "--end", "2026-11-25")
	if !strings.Contains(out, "NW3001 ended on Wed 25 Nov 2026: final adjustment -£81.58 over 1 rent week(s)") ||
		!strings.Contains(out, "now a former tenant account") {
		t.Fatalf("terminate: %s (balance before %s)", out, before)
	}
	after := showJSON(c, "NW3001")
	if after["status"] != "former" || after["kind"] != "former-tenant" || after["end_date"] != "2026-11-25" {
		t.Fatalf("after terminate: %v", after)
	}
	ledger := c.ok("ledger", "NW3001")
	if !strings.Contains(ledger, "Adjustment") || !strings.Contains(ledger, "-£81.58") {
		t.Fatalf("ledger lacks the final adjustment:\n%s", ledger)
	}
	if out := c.ok("check"); !strings.HasPrefix(out, "ok:") {
		t.Fatal(out)
	}
}

func TestAccountLifecycleRefusals(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	twoAccounts(c)
	c.ok("rent-run", "--week", "2026-11-23")
	c.ok("account", "terminate", "GA3001", "--end", "2026-11-22")
	before := c.dump()
	base := []string{"account", "create", "NW3002", "--kind", "rent", "--name", "Lee Example", "--address", "3 Sample Road", "--start", "2026-11-23"}
	with := func(extra ...string) []string { return append(append([]string{}, base...), extra...) }
	for _, r := range []struct {
		code int
		args []string
		want string
	}{
		{2, base, "--rent is required"},
		{2, []string{"account", "create", "--kind", "rent"}, "missing REF"},
		{3, with("--rent", "1,000.00"), "thousands separator"},
		{3, with("--rent", "95.123"), "more than two decimal places"},
		{3, with("--rent", "-5"), "must not be negative"},
		{3, with("--rent", "95", "--kind", "castle"), "castle"},
		{3, with("--rent", "95", "--start", "2026-02-30"), "not a real date"},
		{3, with("--rent", "95", "--method", "bitcoin"), "bitcoin"},
		{3, with("--rent", "95", "--rent-free-weeks", "5"), "outside 0–4"},
		{3, with("--rent", "95", "--name", "4111 1111 1111 1111"), "card number"},
		{3, []string{"account", "create", "NW3001", "--kind", "rent", "--name", "X", "--address", "Y", "--start", "2026-11-23", "--rent", "1"}, "already exists"},
		{2, []string{"account", "terminate", "NW3001"}, "--end"},
		{3, []string{"account", "terminate", "ZZ9999", "--end", "2026-11-25"}, "no account ZZ9999"},
		{3, []string{"account", "terminate", "GA3001", "--end", "2026-11-25"}, "already ended"},
		{3, []string{"account", "terminate", "NW3001", "--end", "2027-03-01"}, "more than 8 weeks ahead"},
		{3, []string{"account", "terminate", "NW3001", "--end", "2026-10-01"}, "before the tenancy started"},
		{2, []string{"account", "service", "NW3001", "insurance", "--from", "2026-11-23"}, "missing"},
		{2, []string{"account", "service", "NW3001", "insurance", "3.50"}, "--from"},
		{3, []string{"account", "service", "NW3001", "gym", "3.50", "--from", "2026-11-23"}, "not insurance, care or garden"},
		{3, []string{"account", "service", "NW3001", "care", "£3.50", "--from", "2026-11-23"}, "currency symbol"},
		{3, []string{"account", "service", "NW3001", "care", "-3.50", "--from", "2026-11-23"}, "must not be negative"},
		{3, []string{"account", "service", "NW3001", "care", "0", "--from", "2026-11-23"}, "already £0.00 a week"},
		{3, []string{"account", "service", "GA3001", "care", "2", "--from", "2026-11-23"}, "has ended"},
	} {
		if e := c.refused(r.code, r.args...); !strings.Contains(e, r.want) {
			t.Errorf("caseload %s: %s, want %q", strings.Join(r.args, " "), strings.TrimSpace(e), r.want)
		}
		if c.dump() != before {
			t.Fatalf("caseload %s was refused but wrote something", strings.Join(r.args, " "))
		}
	}
}
