package store

import (
	"strings"
	"testing"
	"time"

	"caseload/domain"
)

// TestZeroBroughtForwardRecordsAnAccountOpenedClear: an extract's
// brought-forward of 0.00 posts nothing, records the opening (in the change
// log, so packs carry it), and loads once; zero is still refused for every
// other type.
func TestZeroBroughtForwardRecordsAnAccountOpenedClear(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001", "AB1002")
	file := "ref,date,type,amount,method,reference\n" +
		"AB1001,2026-10-05,brought-forward,0.00,,\n" +
		"AB1001,2026-10-05,charge,100.00,,\n" +
		"AB1002,05/10/2026,brought-forward,-0.00,,\n"
	sum, err := s.IngestTransactions(ctx, "t.csv", []byte(file), today)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rows != 3 || sum.Created != 1 || sum.OpenedClear != 2 {
		t.Fatalf("summary %+v", sum)
	}
	for _, ref := range []string{"AB1001", "AB1002"} {
		d, err := s.OpenedClear(ctx, ref)
		if err != nil || !d.Equal(domain.MustDate(2026, time.October, 5)) {
			t.Fatalf("%s opened clear %s, %v", ref, d, err)
		}
	}
	var zero, ledger int
	s.db.QueryRow("SELECT count(*) FROM txn WHERE amount = 0").Scan(&zero)
	s.db.QueryRow("SELECT count(*) FROM txn").Scan(&ledger)
	if zero != 0 || ledger != 1 {
		t.Fatalf("%d zero ledger rows, %d rows in all", zero, ledger)
	}
	mustCheck(t, s)

	// Loading it again changes nothing.
	// (an ingest writes its audit row even when nothing is new).
	before := withoutAudit(dump(t, s))
	sum, err = s.IngestTransactions(ctx, "t.csv", []byte(file), today)
	if err != nil || sum.OpenedClear != 0 || sum.Already != 3 || withoutAudit(dump(t, s)) != before {
		t.Fatalf("second load: %+v %v", sum, err)
	}

	// A visit pack carries the opening.
	laptop := newReplica(t, "laptop")
	mustImport(t, laptop, mustExport(t, s, ExportOptions{Accounts: []string{"AB1001"}}), "")
	if d, _ := laptop.OpenedClear(ctx, "AB1001"); d.String() != "2026-10-05" {
		t.Fatalf("laptop opened clear %s", d)
	}

	// Zero is refused for every other type, and nothing is written.
	for _, typ := range []string{"charge", "payment", "hb", "uc", "dhp", "adjustment", "refund", "write-off", "court-costs", "transfer-in", "transfer-out"} {
		before := dump(t, s)
		_, err := s.IngestTransactions(ctx, "z.csv", []byte("ref,date,type,amount\nAB1001,2026-10-12,"+typ+",0.00\n"), today)
		ie, ok := err.(*IngestError)
		if !ok || !strings.Contains(strings.Join(ie.Lines(), "\n"), "z.csv:2: amount: must not be zero") {
			t.Fatalf("zero %s: %v", typ, err)
		}
		if dump(t, s) != before {
			t.Fatalf("a refused zero %s wrote something", typ)
		}
	}
}
