package store

import (
	"testing"
)

// TestOneRowPerAccountIsNotCountedAgainstTheSummaryRowLimit: a rent run adds
// one ledger row to each of 30,000 accounts; the write holds a pending
// summary per account anyway, so those rows are applied in place, not by
// working every account out again from its whole ledger (which made a
// borough's rent run take 25 s). A second row to an account past the limit
// still switches the write to recomputation.
func TestOneRowPerAccountIsNotCountedAgainstTheSummaryRowLimit(t *testing.T) {
	w := &writer{}
	body := txnBody{Date: "2026-12-14", Type: "charge", Amount: 10000, RunWeek: "2026-12-14"}
	accounts := int64(sumRowLimit + 100)
	for no := int64(1); no <= accounts; no++ {
		w.summaryTxn(no, 1, no, body)
	}
	if w.sumsFull || w.sumRows != 0 {
		t.Fatalf("one row per account: sumsFull %v, %d rows counted; want in place, none counted", w.sumsFull, w.sumRows)
	}
	for no := int64(1); no <= accounts; no++ {
		if p := w.sums[no]; p.full || len(p.rows) != 1 {
			t.Fatalf("account %d: full %v with %d rows, want its one row kept", no, p.full, len(p.rows))
		}
	}
	for no := int64(1); no <= accounts && !w.sumsFull; no++ {
		w.summaryTxn(no, 1, accounts+no, body)
	}
	if !w.sumsFull {
		t.Fatalf("%d second rows kept in memory: want the write switched to recomputation past %d", w.sumRows, sumRowLimit)
	}
	for no, p := range w.sums {
		if !p.full || p.rows != nil {
			t.Fatalf("account %d still keeps %d rows after the limit", no, len(p.rows))
		}
	}
}
