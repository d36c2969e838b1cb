package main

import (
	"encoding/json"
	"strings"
	"testing"
)

const sampleAccounts = "ref,kind,tenancy_type,status,name,address,postcode,property_type,start_date,end_date,weekly_rent,weekly_service,weekly_other,rent_free_weeks,payment_method,uc_claimant,vulnerable,officer,phone,email\r\n" +
	"NW2001,rent,secure,current,Sam Example,\"Flat 2, 10 Sample Street, Newtown\",E99 1AA,flat,2018-06-04,,131.42,8.15,3.20,2,uc,yes,no,asmith,07700 900301,\r\n" +
	"NW2002,garage,,current,Pat Example,Garage 7 Sample Yard,,garage,2022-01-10,,14.50,,,0,dd,no,no,asmith,,pat@example.org\r\n" +
	"NW2003,former-tenant,secure,former,Lee Example,\"Last known: 5 Other Road, Oldtown\",,house,2011-09-05,2026-03-29,0.00,,,0,card,no,yes,asmith,,\r\n"

const sampleTransactions = "ref,date,type,amount,method,reference\n" +
	"NW2001,2026-10-04,brought-forward,212.10,,\n" +
	"NW2001,2026-10-05,charge,142.77,,\n" +
	"NW2001,2026-10-12,charge,142.77,,\n" +
	"NW2001,2026-10-19,charge,142.77,,\n" +
	"NW2001,2026-10-26,charge,142.77,,\n" +
	"NW2001,2026-10-28,uc,-569.48,uc,UC-OCT\n" +
	"NW2002,2026-10-05,charge,14.50,,\n" +
	"NW2002,2026-10-12,charge,14.50,,\n" +
	"NW2002,2026-10-15,payment,-29.00,dd,DD-1015\n" +
	"NW2003,2026-03-30,brought-forward,640.00,,\n" +
	"NW2003,2026-05-01,payment,-25.00,card,R0501\n" +
	"NW2003,2026-06-01,write-off,-100.00,,WO-approved-mgr\n"

// TestIngestShowCheck is the foundation's end-to-end path: an extract in,
// the account shown, the database checked.
func TestIngestShowCheck(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	// A byte-order mark and CRLF line ends, as Excel writes them.
	accounts := c.file("accounts.csv", "\xef\xbb\xbf"+sampleAccounts)
	txns := c.file("transactions.csv", sampleTransactions)
	if out := c.ok("ingest", "accounts", accounts); !strings.Contains(out, "3 created") {
		t.Fatalf("ingest accounts: %s", out)
	}
	if out := c.ok("ingest", "transactions", txns); !strings.Contains(out, "12 loaded") {
		t.Fatalf("ingest transactions: %s", out)
	}
	// Loading again changes nothing.
	before := c.dump()
	if out := c.ok("ingest", "transactions", txns); !strings.Contains(out, "0 loaded, 12 already loaded") {
		t.Fatalf("second load: %s", out)
	}
	if out := c.ok("ingest", "accounts", accounts); !strings.Contains(out, "3 unchanged") {
		t.Fatalf("second accounts load: %s", out)
	}
	if after := c.dump(); !sameDomainContent(before, after) {
		t.Fatalf("a repeated load changed the data")
	}

	var got map[string]any
	if err := json.Unmarshal([]byte(c.ok("account", "show", "NW2001", "--format", "json")), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"ref": "NW2001", "kind": "rent", "status": "current", "name": "Sam Example", "balance": "213.70",
		"weekly_charge": "142.77", "arrears_weeks": "1.50", "last_payment_date": "2026-10-28", "stage": "none"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("account show %s = %v, want %v", k, got[k], v)
		}
	}
	var former map[string]any
	json.Unmarshal([]byte(c.ok("account", "show", "NW2003", "--format", "json")), &former)
	if former["balance"] != "515.00" || former["arrears_weeks"] != nil {
		t.Errorf("former tenant: balance %v arrears_weeks %v, want 515.00 and null (no weekly charge)", former["balance"], former["arrears_weeks"])
	}
	if out := c.ok("check"); !strings.HasPrefix(out, "ok: 3 accounts, 12 transactions") {
		t.Fatalf("check: %s", out)
	}
}

// sameDomainContent compares dumps leaving out the audit log, which
// records every run (a repeated load is still an action someone took).
func sameDomainContent(a, b string) bool {
	strip := func(s string) string {
		i := strings.Index(s, "# audit\n")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i+1:], "\n# ")
		return s[:i] + s[i+1+j+1:]
	}
	return strip(a) == strip(b)
}

func TestIngestRefusesBadRowsAndWritesNothing(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	sampleDB.apply(c)
	header := "ref,date,type,amount,method,reference\n"
	good := "NW2001,2026-11-02,charge,142.77,,\n"
	tests := []struct {
		name, rows, want string
	}{
		{"wrong sign", "NW2001,2026-11-02,payment,50.00,cash,\n", "bad.csv:2: amount: payment must be negative"},
		{"unknown account", "NW9999,2026-11-02,charge,10.00,,\n", "bad.csv:2: ref: no account NW9999"},
		{"impossible date", "NW2001,31/02/2026,charge,10.00,,\n", "bad.csv:2: date: \"31/02/2026\" is not a real date"},
		{"three decimals", "NW2001,2026-11-02,charge,10.005,,\n", "bad.csv:2: amount: amount \"10.005\" has more than two decimal places"},
		{"thousands separator", "NW2001,2026-11-02,charge,\"1,000.00\",,\n", "bad.csv:2: amount: amount \"1,000.00\" has a thousands separator"},
		{"unknown type", "NW2001,2026-11-02,rent,10.00,,\n", "bad.csv:2: type: \"rent\" is not one of"},
		{"a bad row after good rows", good + good + "NW2001,2026-11-09,charge,abc,,\n", "bad.csv:4: amount: amount \"abc\" is not a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := c.dump()
			stderr := c.refused(3, "ingest", "transactions", c.file("bad.csv", header+tt.rows))
			if !strings.Contains(stderr, tt.want) {
				t.Fatalf("stderr %q lacks %q", stderr, tt.want)
			}
			if after := c.dump(); after != before {
				t.Fatalf("a refused load wrote to the database")
			}
		})
	}
	t.Run("missing column", func(t *testing.T) {
		before := c.dump()
		stderr := c.refused(3, "ingest", "transactions", c.file("bad.csv", "ref,date,type\nNW2001,2026-11-02,charge\n"))
		if !strings.Contains(stderr, "bad.csv:1: amount: required column is missing") {
			t.Fatalf("stderr %q", stderr)
		}
		if c.dump() != before {
			t.Fatal("wrote")
		}
	})
	t.Run("duplicate ref and unknown kind in accounts", func(t *testing.T) {
		before := c.dump()
		head := strings.SplitN(sampleAccounts, "\r\n", 2)[0] + "\n"
		row := "NW3001,rent,secure,current,A B,1 Road,,flat,2020-01-06,,100.00,,,0,dd,no,no,asmith,,\n"
		stderr := c.refused(3, "ingest", "accounts", c.file("acc.csv", head+row+row+strings.Replace(row, "NW3001,rent", "NW3002,castle", 1)))
		for _, want := range []string{"acc.csv:3: ref: NW3001 appears again (first on line 2)", "acc.csv:4: kind: \"castle\" is not one of"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("stderr %q lacks %q", stderr, want)
			}
		}
		if c.dump() != before {
			t.Fatal("wrote")
		}
	})
}
