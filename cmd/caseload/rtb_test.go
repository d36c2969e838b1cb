package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// rtbAccounts are tenancies that began long before the worked examples'
// RTB1s (3 Mar 2025), so every example of RULES.md and the fact sheet can be
// replayed on them.
const rtbAccounts = "ref,kind,tenancy_type,status,name,address,postcode,property_type,start_date,end_date,weekly_rent,weekly_service,weekly_other,rent_free_weeks,payment_method,uc_claimant,vulnerable,officer,phone,email\n" +
	"NW3001,rent,secure,current,Ann Flatley,\"Flat 1, 2 Sample Court, Newtown\",E99 2AA,flat,2012-04-02,,110.00,,,0,dd,no,no,asmith,,\n" +
	"NW3002,rent,secure,current,Ben Housego,\"3 Sample Road, Newtown\",E99 2AB,house,2013-04-01,,120.00,,,0,dd,no,no,asmith,,\n" +
	"NW3003,rent,secure,current,Cat Valuer,\"Flat 9, 2 Sample Court, Newtown\",E99 2AA,flat,2014-04-07,,105.00,,,0,dd,no,no,asmith,,\n" +
	"NW3004,rent,secure,current,Dev Recent,\"7 Sample Road, Newtown\",E99 2AB,house,2015-04-06,,118.00,,,0,dd,no,no,asmith,,\n" +
	"NW3005,rent,secure,current,Eli Otherpatch,\"9 Sample Road, Newtown\",E99 2AB,house,2016-04-04,,118.00,,,0,dd,no,no,bjones,,\n" +
	"NW3006,garage,,current,Flo Garage,Garage 3 Sample Yard,,garage,2019-01-07,,12.00,,,0,dd,no,no,asmith,,\n"

// jsonOf runs a command with --format json and decodes its output.
func jsonOf[T any](c *cli, args ...string) T {
	c.t.Helper()
	var v T
	out := c.ok(append(args, "--format", "json")...)
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		c.t.Fatalf("caseload %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return v
}

// deadlineJSON is the part of a computed date the tests read.
type deadlineJSON struct {
	Key             string   `json:"key"`
	Who             string   `json:"who"`
	Due             string   `json:"due"`
	Rule            string   `json:"rule"`
	PlusMinusOneDay bool     `json:"plus_minus_one_day"`
	BankHoliday     string   `json:"bank_holiday"`
	Warnings        []string `json:"warnings"`
	Status          string   `json:"status"`
	Outcome         string   `json:"outcome"`
}

func findDeadline(t *testing.T, ds []deadlineJSON, key string) deadlineJSON {
	t.Helper()
	for _, d := range ds {
		if d.Key == key {
			return d
		}
	}
	t.Fatalf("no deadline %q in %+v", key, ds)
	return deadlineJSON{}
}

func noDatabase(t *testing.T, c *cli) {
	t.Helper()
	if _, err := os.Stat(c.db); err == nil {
		t.Fatalf("a calculator created the database %s", c.db)
	}
}

// TestRTBDeadlinesWorkedExamples runs every worked example of RULES.md
// ("Right to Buy") and fact sheet §1 and §8 through `caseload rtb deadlines`.
func TestRTBDeadlinesWorkedExamples(t *testing.T) {
	t.Parallel()
	type out struct {
		RTB2Due           string         `json:"rtb2_due"`
		S125Due           *string        `json:"s125_due"`
		TenantResponseDue *string        `json:"tenant_response_due"`
		SoldOnLease       bool           `json:"sold_on_lease"`
		Deadlines         []deadlineJSON `json:"deadlines"`
	}
	str := func(s string) *string { return &s }
	tests := []struct {
		name        string
		args        []string
		rtb2        string
		s125, reply *string
		// bankHoliday names the deadline (by key) that must carry a
		// bank-holiday warning; "" means none may.
		bankHoliday string
	}{
		{"RTB2 4 weeks: received Mon 3 Mar 2025 → Mon 31 Mar 2025",
			[]string{"--received", "2025-03-03", "--property", "house"}, "2025-03-31", nil, nil, ""},
		{"RTB2 8 weeks when relying on another landlord → Mon 28 Apr 2025",
			[]string{"--received", "2025-03-03", "--property", "house", "--other-landlord"}, "2025-04-28", nil, nil, ""},
		{"fraud vector: received Mon 2 Jun 2025 → RTB2 Mon 30 Jun 2025",
			[]string{"--received", "2025-06-02", "--property", "flat"}, "2025-06-30", nil, nil, ""},
		{"fraud vector, other landlord → Mon 28 Jul 2025",
			[]string{"--received", "2025-06-02", "--property", "flat", "--other-landlord"}, "2025-07-28", nil, nil, ""},
		{"s125 8 weeks for a freehold house → Mon 26 May 2025, a bank holiday",
			[]string{"--received", "2025-03-03", "--property", "house", "--rtb2-served", "2025-03-31"}, "2025-03-31", str("2025-05-26"), nil, "s125"},
		{"s125 12 weeks for a flat → Mon 23 Jun 2025",
			[]string{"--received", "2025-03-03", "--property", "flat", "--rtb2-served", "2025-03-31"}, "2025-03-31", str("2025-06-23"), nil, ""},
		{"s125 12 weeks for a house sold on a lease → Mon 23 Jun 2025",
			[]string{"--received", "2025-03-03", "--property", "house", "--leasehold", "--rtb2-served", "2025-03-31"}, "2025-03-31", str("2025-06-23"), nil, ""},
		{"tenant's reply: 12 weeks beginning with Tue 1 Apr 2025 → Mon 23 Jun 2025",
			[]string{"--received", "2025-03-03", "--property", "flat", "--rtb2-served", "2025-03-31", "--s125-served", "2025-04-01"},
			"2025-03-31", str("2025-06-23"), str("2025-06-23"), ""},
	}
	c := newCLI(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := jsonOf[out](c, append([]string{"rtb", "deadlines"}, tt.args...)...)
			if got.RTB2Due != tt.rtb2 {
				t.Errorf("rtb2_due %s, want %s", got.RTB2Due, tt.rtb2)
			}
			if (got.S125Due == nil) != (tt.s125 == nil) || got.S125Due != nil && *got.S125Due != *tt.s125 {
				t.Errorf("s125_due %v, want %v", deref(got.S125Due), deref(tt.s125))
			}
			if (got.TenantResponseDue == nil) != (tt.reply == nil) || got.TenantResponseDue != nil && *got.TenantResponseDue != *tt.reply {
				t.Errorf("tenant_response_due %v, want %v", deref(got.TenantResponseDue), deref(tt.reply))
			}
			rtb2 := findDeadline(t, got.Deadlines, "rtb2")
			if !rtb2.PlusMinusOneDay || !strings.Contains(rtb2.Rule, "Read inclusively") {
				t.Errorf("the RTB2 date is not flagged ±1 day with the other reading: %+v", rtb2)
			}
			for _, d := range got.Deadlines {
				w := strings.Join(d.Warnings, " ")
				warned := d.BankHoliday != "" && strings.Contains(w, "due on a bank holiday") && strings.Contains(w, "serve earlier")
				if want := d.Key == tt.bankHoliday; warned != want {
					t.Errorf("%s due %s: bank-holiday warning %v, want %v (%+v)", d.Key, d.Due, warned, want, d)
				}
			}
		})
	}
	// The same dates in words.
	table := c.ok("rtb", "deadlines", "--received", "2025-03-03", "--property", "house", "--rtb2-served", "2025-03-31")
	for _, want := range []string{
		"RTB2 (admit or deny the right) — council, due Mon 31 Mar 2025 (±1 day)",
		"RTB2 admitting the right served Mon 31 Mar 2025, on time",
		"s125 offer notice (price and terms) — council, due Mon 26 May 2025 (±1 day)",
		"8 weeks from the RTB2 admitting the right, served Mon 31 Mar 2025",
		"due on a bank holiday (Spring bank holiday) — serve earlier",
		"last working day before it: Fri 23 May 2025",
		"Tenant's reply to the offer (s125D)\n  not running yet",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	noDatabase(t, c)
}

func TestRTBDeadlinesRefusesOutOfOrderAndImpossibleDates(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	tests := []struct {
		name string
		code int
		args []string
		want string
	}{
		{"an RTB2 before the RTB1", 3, []string{"--received", "2025-03-03", "--property", "house", "--rtb2-served", "2025-03-02"},
			"before the RTB1 was received (Mon 3 Mar 2025)"},
		{"an s125 before the RTB2", 3, []string{"--received", "2025-03-03", "--property", "house", "--rtb2-served", "2025-03-31", "--s125-served", "2025-03-30"},
			"is before the RTB2 (Mon 31 Mar 2025)"},
		{"an s125 with no RTB2", 3, []string{"--received", "2025-03-03", "--property", "house", "--s125-served", "2025-04-01"},
			"give --rtb2-served too"},
		{"an impossible RTB1 date", 3, []string{"--received", "2025-02-30", "--property", "house"}, "30 February 2025 does not exist"},
		{"an impossible RTB2 date", 3, []string{"--received", "2025-03-03", "--property", "house", "--rtb2-served", "2025-04-31"}, "31 April 2025 does not exist"},
		{"a date in another format", 3, []string{"--received", "03/03/2025", "--property", "house"}, "use YYYY-MM-DD"},
		{"a property that is neither", 3, []string{"--received", "2025-03-03", "--property", "bungalow"}, `"bungalow" is not one of house, flat`},
		{"no RTB1 date", 2, []string{"--property", "house"}, "--received YYYY-MM-DD is required"},
		{"no property", 2, []string{"--received", "2025-03-03"}, "--property is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stderr := c.refused(tt.code, append([]string{"rtb", "deadlines"}, tt.args...)...)
			if !strings.Contains(stderr, tt.want) {
				t.Fatalf("stderr %q lacks %q", stderr, tt.want)
			}
		})
	}
	noDatabase(t, c)
}

// TestRTBDiscountFactSheetTable is fact sheet §1 test vector 5, (a)–(f),
// through `caseload rtb discount --format json`.
func TestRTBDiscountFactSheetTable(t *testing.T) {
	t.Parallel()
	type out struct {
		Eligible bool   `json:"eligible"`
		Percent  int    `json:"percent"`
		Discount string `json:"discount"`
		Cap      string `json:"cap"`
		Price    string `json:"price"`
		CapArea  string `json:"cap_area"`
		Reason   string `json:"reason"`
	}
	tests := []struct {
		name string
		args []string
		want out
	}{
		{"(a) house, 12 years, £200,000, North West: 42%, capped at £26,000",
			[]string{"--value", "200000", "--years", "12", "--property", "house", "--region", "north-west", "--received", "2025-03-03"},
			out{Eligible: true, Percent: 42, Discount: "26000.00", Cap: "26000.00", Price: "174000.00"}},
		{"(b) flat, 8 years, £300,000, Southwark: 56%, London cap £16,000",
			[]string{"--value", "300000", "--years", "8", "--property", "flat", "--region", "london", "--authority", "Southwark", "--received", "2025-03-03"},
			out{Eligible: true, Percent: 56, Discount: "16000.00", Cap: "16000.00", Price: "284000.00"}},
		{"(c) flat as (b) in Havering: £38,000",
			[]string{"--value", "300000", "--years", "8", "--property", "flat", "--region", "london", "--authority", "Havering", "--received", "2025-03-03"},
			out{Eligible: true, Percent: 56, Discount: "38000.00", Cap: "38000.00", Price: "262000.00"}},
		{"(d) flat, 21 years, £90,000, North East: 82% limited to 70%, capped at £22,000",
			[]string{"--value", "90000", "--years", "21", "--property", "flat", "--region", "north-east", "--received", "2025-03-03"},
			out{Eligible: true, Percent: 70, Discount: "22000.00", Cap: "22000.00", Price: "68000.00"}},
		{"(e) house, 2 years 11 months: no right to buy",
			[]string{"--value", "150000", "--years", "2", "--property", "house", "--region", "north-west", "--received", "2025-03-03"},
			out{Eligible: false, Percent: 0, Discount: "0.00", Cap: "26000.00", Price: "150000.00"}},
		{"(f) house, RTB1 served Wed 20 Nov 2024, North West: the old £102,400 cap",
			[]string{"--value", "200000", "--years", "12", "--property", "house", "--region", "north-west", "--received", "2024-11-20"},
			out{Eligible: true, Percent: 42, Discount: "84000.00", Cap: "102400.00", Price: "116000.00"}},
		{"(f) the day after, 21 Nov 2024: the new £26,000 cap",
			[]string{"--value", "200000", "--years", "12", "--property", "house", "--region", "north-west", "--received", "2024-11-21"},
			out{Eligible: true, Percent: 42, Discount: "26000.00", Cap: "26000.00", Price: "174000.00"}},
		{"earlier discounts are deducted (s130)",
			[]string{"--value", "50000", "--years", "6", "--property", "house", "--region", "north-east", "--received", "2025-03-03", "--previous-discount", "5000.50"},
			out{Eligible: true, Percent: 36, Discount: "12999.50", Cap: "22000.00", Price: "37000.50"}},
	}
	c := newCLI(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := jsonOf[out](c, append([]string{"rtb", "discount"}, tt.args...)...)
			if got.Reason == "" {
				t.Errorf("no working in words")
			}
			got.Reason, got.CapArea = "", ""
			if got != tt.want {
				t.Fatalf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
	words := c.ok("rtb", "discount", "--value", "200000", "--years", "12", "--property", "house", "--region", "north-west", "--received", "2025-03-03")
	for _, want := range []string{"Discount:  £26,000.00", "Price:     £174,000.00", "limited to the North West cap of £26,000.00"} {
		if !strings.Contains(words, want) {
			t.Errorf("table lacks %q:\n%s", want, words)
		}
	}
	refusals := []struct {
		name string
		code int
		args []string
		want string
	}{
		{"three decimals", 3, []string{"--value", "200000.001"}, "more than two decimal places"},
		{"a value of nothing", 3, []string{"--value", "0"}, "above £0.00"},
		{"years that are not whole", 3, []string{"--years", "2.5"}, "not a whole number of years"},
		{"negative years", 3, []string{"--years", "-1"}, "cannot be negative"},
		{"an unknown region", 3, []string{"--region", "wessex"}, `"wessex" is not one of`},
		{"an authority in another region", 3, []string{"--authority", "Watford"}, "Watford is in the East of England region"},
		{"an impossible date", 3, []string{"--received", "2025-02-29"}, "29 February 2025 does not exist"},
		{"no value", 2, []string{"--value", ""}, "--value is required"},
	}
	base := map[string]string{"--value": "200000", "--years": "12", "--property": "house", "--region": "north-west", "--received": "2025-03-03"}
	for _, tt := range refusals {
		t.Run("refuses "+tt.name, func(t *testing.T) {
			args := []string{"rtb", "discount"}
			for _, f := range []string{"--value", "--years", "--property", "--region", "--received"} {
				if f != tt.args[0] {
					args = append(args, f, base[f])
				}
			}
			stderr := c.refused(tt.code, append(args, tt.args...)...)
			if !strings.Contains(stderr, tt.want) {
				t.Fatalf("stderr %q lacks %q", stderr, tt.want)
			}
		})
	}
	noDatabase(t, c)
}

// rtbShow is the part of `caseload rtb show --format json` the tests read.
type rtbShow struct {
	ID           string         `json:"id"`
	Ref          string         `json:"ref"`
	Stage        string         `json:"stage"`
	Open         bool           `json:"open"`
	NextKey      *string        `json:"next_key"`
	NextDue      *string        `json:"next_due"`
	DaysLeft     *int           `json:"days_left"`
	Urgency      string         `json:"urgency"`
	FraudConcern bool           `json:"fraud_concern"`
	Fraud        string         `json:"fraud"`
	Deadlines    []deadlineJSON `json:"deadlines"`
	Events       []struct {
		Type    string `json:"type"`
		Date    string `json:"date"`
		Ends    string `json:"ends"`
		Detail  string `json:"detail"`
		Officer string `json:"officer"`
	} `json:"events"`
	Checks []struct {
		Item   string `json:"item"`
		Status string `json:"status"`
		On     string `json:"on"`
		Note   string `json:"note"`
	} `json:"checks"`
	RentCredits []struct {
		CreditFrom string `json:"credit_from"`
		Running    bool   `json:"running"`
		Words      string `json:"words"`
	} `json:"rent_credits"`
}

// caseID is the id `caseload rtb add` printed.
func caseID(t *testing.T, out string) string {
	t.Helper()
	const prefix = "Right to Buy case "
	if !strings.HasPrefix(out, prefix) {
		t.Fatalf("rtb add said %q", out)
	}
	return strings.Fields(strings.TrimPrefix(out, prefix))[0]
}

// TestRTBCaseRoundTrip adds claims, records their steps, and reads them
// back through list and show — every worked example of a claim's life in
// RULES.md and fact sheet §1 on the way.
// rtbAccountsDB is rtbAccounts ingested, once a package.
var rtbAccountsDB = &template{name: "rtb-accounts", setup: func(c *cli) {
	c.ok("ingest", "accounts", c.file("accounts.csv", rtbAccounts))
}}

func TestRTBCaseRoundTrip(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	rtbAccountsDB.apply(c)

	// A flat: RTB2 and the offer on the worked-example dates, then the
	// tenant's reply is late and a default notice follows.
	flat := caseID(t, c.ok("rtb", "add", "NW3001", "--received", "2025-03-03", "--property", "flat"))
	out := c.ok("rtb", "event", flat, "rtb2-admitted", "--date", "2025-03-31")
	if !strings.Contains(out, "stage: Awaiting offer (s125); next: s125 offer notice (price and terms) OVERDUE") {
		t.Fatalf("after the RTB2: %s", out)
	}
	c.ok("rtb", "event", "NW3001", "s125-served", "--date", "2025-04-01", "--detail", "price £120,000")
	show := jsonOf[rtbShow](c, "rtb", "show", flat)
	if d := findDeadline(t, show.Deadlines, "tenant-reply"); d.Due != "2025-06-23" || d.Status != "open" {
		t.Fatalf("tenant's reply: %+v", d)
	}
	if d := findDeadline(t, show.Deadlines, "s125e-may-serve"); d.Due != "2025-06-24" {
		t.Fatalf("s125E may be served from %s, want 2025-06-24", d.Due)
	}
	if d := findDeadline(t, show.Deadlines, "s125"); d.Due != "2025-06-23" || d.Status != "met" {
		t.Fatalf("s125 for a flat: %+v", d)
	}
	c.ok("rtb", "event", flat, "s125e-served", "--date", "2025-06-30")
	show = jsonOf[rtbShow](c, "rtb", "show", flat)
	if d := findDeadline(t, show.Deadlines, "s125e-reply"); d.Due != "2025-07-28" {
		t.Fatalf("the tenant's 28 days after the s125E notice end %s, want 2025-07-28", d.Due)
	}
	if show.Stage != "Default notice served (s125E)" || len(show.Events) != 3 || show.Events[1].Detail != "price £120,000" || show.Events[0].Officer != "asmith" {
		t.Fatalf("show: %+v", show)
	}

	// A house whose RTB2 was missed: the tenant serves an RTB6 on Tue 1 Apr
	// 2025; the response period ends Wed 30 Apr; an RTB8 may follow from
	// Thu 1 May, and rent from Mon 31 Mar counts towards the price.
	house := caseID(t, c.ok("rtb", "add", "NW3002", "--received", "2025-03-03", "--property", "house"))
	c.ok("rtb", "event", house, "rtb6-served", "--date", "2025-04-01")
	show = jsonOf[rtbShow](c, "rtb", "show", house)
	if d := findDeadline(t, show.Deadlines, "rtb6-response"); d.Due != "2025-04-30" || d.Who != "council" || !d.PlusMinusOneDay {
		t.Fatalf("RTB6 response period: %+v", d)
	}
	if d := findDeadline(t, show.Deadlines, "rtb8-may-serve"); d.Due != "2025-05-01" {
		t.Fatalf("RTB8 from %s, want 2025-05-01", d.Due)
	}
	if show.Stage != "Notice of delay served" {
		t.Fatalf("stage %q", show.Stage)
	}
	refused := c.dump()
	stderr := c.refused(3, "rtb", "event", house, "rtb8-served", "--date", "2025-04-30")
	if !strings.Contains(stderr, "an RTB8 may be served from Thu 1 May 2025") || c.dump() != refused {
		t.Fatalf("an early RTB8: %s", stderr)
	}
	c.ok("rtb", "event", house, "rtb8-served", "--date", "2025-05-01")
	show = jsonOf[rtbShow](c, "rtb", "show", house)
	if len(show.RentCredits) != 1 || show.RentCredits[0].CreditFrom != "2025-03-31" || !show.RentCredits[0].Running {
		t.Fatalf("rent credit: %+v", show.RentCredits)
	}

	// A District Valuer determination notified Mon 2 Jun 2025 restarts the
	// tenant's 12 weeks: to Sun 24 Aug 2025.
	dv := caseID(t, c.ok("rtb", "add", "NW3003", "--received", "2025-03-03", "--property", "flat"))
	for _, step := range [][2]string{{"rtb2-admitted", "2025-03-31"}, {"s125-served", "2025-04-01"}, {"dv-determination", "2025-06-02"}} {
		c.ok("rtb", "event", dv, step[0], "--date", step[1])
	}
	show = jsonOf[rtbShow](c, "rtb", "show", dv)
	if d := findDeadline(t, show.Deadlines, "tenant-reply"); d.Due != "2025-08-24" || !strings.Contains(d.Rule, "restarts") {
		t.Fatalf("reply after the DV: %+v", d)
	}

	// A recent claim, due soon; one in another officer's patch.
	recent := caseID(t, c.ok("rtb", "add", "NW3004", "--received", "2026-10-30", "--property", "house"))
	c.ok("rtb", "add", "NW3005", "--received", "2026-10-01", "--property", "house")

	// The list: asmith's patch, most urgent first, OVERDUE in words.
	type line struct {
		ID       string  `json:"id"`
		Ref      string  `json:"ref"`
		Stage    string  `json:"stage"`
		NextDue  *string `json:"next_due"`
		DaysLeft *int    `json:"days_left"`
		Urgency  string  `json:"urgency"`
		Words    string  `json:"words"`
	}
	lines := jsonOf[[]line](c, "rtb", "list")
	var order []string
	for _, l := range lines {
		order = append(order, l.Ref)
	}
	// NW3002's RTB2 (due Mon 31 Mar 2025) is still not served: the most
	// overdue. NW3001 waits on the tenant's reply to the default notice
	// (Mon 28 Jul 2025), NW3003 on the tenant's reply after the DV (Sun 24
	// Aug 2025); NW3004's RTB2 is due Fri 27 Nov 2026, 4 days away.
	if want := []string{"NW3002", "NW3001", "NW3003", "NW3004"}; strings.Join(order, " ") != strings.Join(want, " ") {
		t.Fatalf("list order %v, want %v (%+v)", order, want, lines)
	}
	if l := lines[0]; l.Urgency != "OVERDUE" || !strings.Contains(l.Words, "OVERDUE by") {
		t.Fatalf("most urgent: %+v", l)
	}
	if l := lines[3]; l.ID != recent || l.Urgency != "DUE SOON" || *l.DaysLeft != 4 || *l.NextDue != "2026-11-27" {
		t.Fatalf("due soon: %+v", l)
	}
	table := c.ok("rtb", "list")
	for _, want := range []string{"asmith's patch", "4 open", "OVERDUE", "DUE SOON 4d", "Fri 27 Nov 2026", "±1 day"} {
		if !strings.Contains(table, want) {
			t.Errorf("list lacks %q:\n%s", want, table)
		}
	}
	if all := jsonOf[[]line](c, "rtb", "list", "--all"); len(all) != 5 {
		t.Fatalf("--all lists %d claims, want 5", len(all))
	}

	// The worklist carries the overdue council deadline.
	type item struct {
		Ref      string `json:"ref"`
		Rule     string `json:"rule"`
		Priority int    `json:"priority"`
		Reason   string `json:"reason"`
	}
	found := false
	for _, it := range jsonOf[[]item](c, "worklist") {
		if it.Ref == "NW3004" && it.Rule == "rtb-deadline" && it.Priority == 75 && strings.Contains(it.Reason, "RTB2") {
			found = true
		}
	}
	if !found {
		t.Errorf("the worklist has no rtb-deadline item for NW3004's RTB2 due in 4 days")
	}

	// A withdrawal closes the claim: off the open list, on --closed.
	c.ok("rtb", "event", dv, "tenant-withdrew", "--date", "2025-07-01")
	if n := len(jsonOf[[]line](c, "rtb", "list")); n != 3 {
		t.Fatalf("%d open claims after a withdrawal, want 3", n)
	}
	if n := len(jsonOf[[]line](c, "rtb", "list", "--closed")); n != 4 {
		t.Fatalf("%d claims with --closed, want 4", n)
	}

	// The show table says every date and how it was counted.
	words := c.ok("rtb", "show", flat)
	for _, want := range []string{"Timeline", "Mon 3 Mar 2025   RTB1 claim received", "s125 offer notice served — price £120,000 (asmith)",
		"12 weeks beginning with the s125 offer served Tue 1 Apr 2025", "Fraud checklist", "not-started", "No notice of delay served"} {
		if !strings.Contains(words, want) {
			t.Errorf("show lacks %q:\n%s", want, words)
		}
	}
}

// TestRTBDatabaseRefusalsWriteNothing: every refused add, event and check
// exits 3 with a one-line reason and leaves every table as it was.
func TestRTBDatabaseRefusalsWriteNothing(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	rtbAccountsDB.apply(c)
	id := caseID(t, c.ok("rtb", "add", "NW3001", "--received", "2025-03-03", "--property", "flat"))
	c.ok("rtb", "event", id, "rtb2-admitted", "--date", "2025-03-31")
	tests := []struct {
		name string
		code int
		args []string
		want string
	}{
		{"an offer dated before the RTB2", 3, []string{"rtb", "event", id, "s125-served", "--date", "2025-03-30"},
			"before the previous event (RTB2 served admitting the right, Mon 31 Mar 2025)"},
		{"an event before the RTB1", 3, []string{"rtb", "event", id, "rtb6-served", "--date", "2025-03-01"}, "before the RTB1 was received"},
		{"the tenant's reply before the offer", 3, []string{"rtb", "event", id, "tenant-accepted", "--date", "2025-04-02"}, "no s125 offer is recorded"},
		{"a default notice before the offer", 3, []string{"rtb", "event", id, "s125e-served", "--date", "2025-04-02"}, "no s125 offer is recorded"},
		{"an impossible date", 3, []string{"rtb", "event", id, "s125-served", "--date", "2025-04-31"}, "31 April 2025 does not exist"},
		{"a future date", 3, []string{"rtb", "event", id, "s125-served", "--date", "2026-11-24"}, "in the future"},
		{"an end date the notice cannot state", 3, []string{"rtb", "event", id, "s125-served", "--date", "2025-04-01", "--ends", "2025-06-01"},
			"states an end date"},
		{"an unknown event type", 3, []string{"rtb", "event", id, "rtb9-served", "--date", "2025-04-01"}, `"rtb9-served" is not one of`},
		{"an unknown case", 3, []string{"rtb", "event", "NW9999", "s125-served", "--date", "2025-04-01"}, "no Right to Buy case NW9999"},
		{"an event with no date", 2, []string{"rtb", "event", id, "s125-served"}, "--date YYYY-MM-DD is required"},
		{"a second open claim", 3, []string{"rtb", "add", "NW3001", "--received", "2025-06-02", "--property", "flat"}, "already has an open Right to Buy claim"},
		{"a claim on a garage", 3, []string{"rtb", "add", "NW3006", "--received", "2025-06-02", "--property", "house"}, "current rent account"},
		{"a claim before the tenancy", 3, []string{"rtb", "add", "NW3002", "--received", "2012-01-02", "--property", "house"}, "before the tenancy of NW3002 began"},
		{"a claim in the future", 3, []string{"rtb", "add", "NW3002", "--received", "2026-12-01", "--property", "house"}, "in the future"},
		{"a claim on an impossible date", 3, []string{"rtb", "add", "NW3002", "--received", "2025-13-01", "--property", "house"}, "month 13 does not exist"},
		{"a concern with no note", 3, []string{"rtb", "check", id, "principal-home", "concern"}, "say what the concern is"},
		{"an unknown check", 3, []string{"rtb", "check", id, "shoe-size", "passed"}, `"shoe-size" is not one of`},
		{"an unknown status", 3, []string{"rtb", "check", id, "identity", "maybe"}, `"maybe" is not one of`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := c.dump()
			stderr := c.refused(tt.code, tt.args...)
			if !strings.Contains(stderr, tt.want) {
				t.Fatalf("stderr %q lacks %q", stderr, tt.want)
			}
			if after := c.dump(); after != before {
				t.Fatalf("a refused command wrote to the database")
			}
		})
	}
}

// TestRTBFraudConcernLeavesTheClocksAlone: fraud checks do not pause the
// statutory clocks (RULES.md, fact sheet §8).
func TestRTBFraudConcernLeavesTheClocksAlone(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	rtbAccountsDB.apply(c)
	// Fact sheet §8 vector 1: RTB1 received Mon 2 Jun 2025, an NFI match.
	c.today = "2025-06-10"
	id := caseID(t, c.ok("rtb", "add", "NW3002", "--received", "2025-06-02", "--property", "house"))
	before := jsonOf[rtbShow](c, "rtb", "show", id)
	out := c.ok("rtb", "check", id, "principal-home", "concern", "--note", "NFI match: on another council's tenancy list")
	if !strings.Contains(out, "The clocks keep running") || !strings.Contains(out, "RTB2 (admit or deny the right) due Mon 30 Jun 2025: 20 days left") {
		t.Fatalf("check said %q", out)
	}
	c.ok("rtb", "check", id, "identity", "passed", "--note", "passport seen")
	after := jsonOf[rtbShow](c, "rtb", "show", id)
	if len(after.Deadlines) != len(before.Deadlines) {
		t.Fatalf("deadlines %d → %d", len(before.Deadlines), len(after.Deadlines))
	}
	for i, d := range after.Deadlines {
		if d.Due != before.Deadlines[i].Due || d.Status != before.Deadlines[i].Status {
			t.Errorf("%s moved: %s → %s", d.Key, before.Deadlines[i].Due, d.Due)
		}
	}
	if *after.NextDue != "2025-06-30" || *after.DaysLeft != 20 || !after.FraudConcern || before.FraudConcern {
		t.Fatalf("after the concern: next %s, %d days, concern %v", *after.NextDue, *after.DaysLeft, after.FraudConcern)
	}
	if !strings.Contains(strings.Join(findDeadline(t, after.Deadlines, "rtb2").Warnings, " "), "fraud checks do not pause this clock") {
		t.Errorf("the RTB2 does not warn that the clock keeps running")
	}
	if ch := after.Checks[1]; ch.Item != "principal-home" || ch.Status != "concern" || ch.On != "2025-06-10" || !strings.Contains(ch.Note, "NFI match") {
		t.Errorf("checklist: %+v", after.Checks)
	}
	if !strings.Contains(c.ok("rtb", "list"), "⚑ FRAUD CONCERN (clocks keep running)") {
		t.Errorf("the list does not mark the concern")
	}
	// Past the date, the concern still open: the RTB2 is overdue all the same.
	c.today = "2025-07-01"
	late := jsonOf[rtbShow](c, "rtb", "show", id)
	if late.Urgency != "OVERDUE" || *late.DaysLeft != -1 {
		t.Fatalf("a day after the RTB2 date: %+v", late)
	}
}
