package store

import (
	"reflect"
	"regexp"
	"testing"
)

var txnBodySeeds = []string{
	`{"date":"2026-04-06","type":"rent","amount":9520,"run_week":"2026-04-06"}`,
	`{"date":"2026-04-08","type":"payment","amount":-2500,"method":"cash","reference":"AB12"}`,
	`{"date":"2026-04-08","type":"reversal","amount":2500,"note":"bounced","reverses":"9f3a61c2-1042","pair":"x"}`,
	`{"date":"2026-04-08","type":"payment","amount":-2500,"method":""}`,
	`{"date":"2026-04-08","type":"payment","amount":-2500,"extra":1}`,
	`{"type":"payment","date":"2026-04-08","amount":-2500}`,
	`{"date":"2026-04-08","type":"payment","amount":-25.00}`,
	`{"date":"2026-04-08","type":"payment","amount":01}`,
	`{"date":"2026-04-08","type":"pay\u006dent","amount":1}`,
	`{"date":"2026-04-08","type":"payment","amount":99999999999999999999}`,
	`{"date":"2026-04-08","type":"payment","amount":1} `,
	`{"date":"caf` + "\xc3" + `","type":"payment","amount":1}`,
	`{"date":"2026-04-08","type":"payment","amount":1,"run_week":"a","method":"b"}`,
	``, `{}`, `null`,
}

// checkTxnBodyParse: whatever parseTxnBody reads, decodeStrict reads the
// same from it; decodeTxnBody always agrees with decodeStrict.
func checkTxnBodyParse(t *testing.T, v []byte) {
	var strict txnBody
	strictErr := decodeStrict(v, &strict)
	if fast, ok := parseTxnBody(v); ok && (strictErr != nil || !reflect.DeepEqual(fast, strict)) {
		t.Fatalf("%q: fast read %+v, encoding/json %+v (%v)", v, fast, strict, strictErr)
	}
	var b txnBody
	err := decodeTxnBody(v, &b)
	if (err == nil) != (strictErr == nil) || err == nil && !reflect.DeepEqual(b, strict) {
		t.Fatalf("%q: decodeTxnBody %+v (%v), decodeStrict %+v (%v)", v, b, err, strict, strictErr)
	}
}

func TestParseTxnBodyAgreesWithEncodingJSON(t *testing.T) {
	for _, s := range txnBodySeeds {
		checkTxnBodyParse(t, []byte(s))
	}
	// caseload's own form is read fast.
	for _, b := range []txnBody{{Date: "2026-04-06", Type: "rent", Amount: 9520, RunWeek: "2026-04-06"},
		{Date: "2026-04-08", Type: "payment", Amount: -2500, Method: "cash", Reference: "AB12", Note: "n", Reverses: "r", Pair: "p"}} {
		if got, ok := parseTxnBody(txnJSON(b)); !ok || got != b {
			t.Fatalf("%s read as %+v, %v", txnJSON(b), got, ok)
		}
	}
}

func FuzzParseTxnBody(f *testing.F) {
	for _, s := range txnBodySeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(checkTxnBodyParse)
}

var uuidRegexp = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

var uuidSeeds = []string{"01900000-0000-7000-8000-0000000000aa", "01900000-0000-7000-8000-0000000000aA", "01900000-0000-7000-8000-0000000000a",
	"01900000-0000-7000-8000-0000000000aa0", "019000000000-7000-8000-0000000000aa-", "0190000g-0000-7000-8000-0000000000aa", "", "x"}

func TestIsUUIDAgreesWithThePattern(t *testing.T) {
	for _, s := range uuidSeeds {
		if isUUID(s) != uuidRegexp.MatchString(s) {
			t.Fatalf("isUUID(%q) = %v", s, isUUID(s))
		}
	}
}

func FuzzIsUUID(f *testing.F) {
	for _, s := range uuidSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if isUUID(s) != uuidRegexp.MatchString(s) {
			t.Fatalf("isUUID(%q) = %v", s, isUUID(s))
		}
	})
}
