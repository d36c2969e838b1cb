package store

import (
	"testing"
	"time"

	"caseload/domain"
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

// TestRentRunProbesOnlyAccountsWhoseLedgerReachesTheWeek: the run skips
// the ledger probe for accounts whose summary ends before the week's
// Monday, and still finds every account already charged — one whose
// charge was reversed in the week too — while an account paid in the
// week but never charged for it is charged.
func TestRentRunProbesOnlyAccountsWhoseLedgerReachesTheWeek(t *testing.T) {
	s := newTestStore(t)
	start := domain.MustDate(2026, time.April, 6)
	week := domain.RentWeekStart(today)
	mustCreateAccount(t, s, rentAccount("AB1001", start, "100.00", 0))
	mustCreateAccount(t, s, rentAccount("AB1002", start, "95.20", 0))
	if sum := mustRun(t, s, week); sum.Posted != 2 {
		t.Fatalf("first run %+v", sum)
	}
	charge := runCharges(t, s, "AB1002")
	if len(charge) != 1 {
		t.Fatalf("AB1002 charges %+v", charge)
	}
	mustPost(t, s, Posting{Ref: "AB1002", Kind: PostReverse, Of: charge[0].ID})
	mustPost(t, s, Posting{Ref: "AB1001", Kind: PostPayment, Amount: amt("20.00"), Method: domain.MethodCash, Date: today})
	mustCreateAccount(t, s, rentAccount("AB1003", start, "80.00", 0))
	mustCreateAccount(t, s, rentAccount("AB1004", start, "70.00", 0))
	mustPost(t, s, Posting{Ref: "AB1004", Kind: PostPayment, Amount: amt("10.00"), Method: domain.MethodCash, Date: today})

	again := mustRun(t, s, week)
	if again.Posted != 2 || again.AlreadyRun != 2 || !again.Total.Equal(amt("150.00")) {
		t.Fatalf("second run %+v: want AB1003 and AB1004 charged, AB1001 and AB1002 already run", again)
	}
	for ref, want := range map[string]int{"AB1001": 1, "AB1002": 1, "AB1003": 1, "AB1004": 1} {
		if got := len(runCharges(t, s, ref)); got != want {
			t.Errorf("%s has %d charges, want %d", ref, got, want)
		}
	}
	if third := mustRun(t, s, week); third.Posted != 0 || third.AlreadyRun != 4 {
		t.Fatalf("third run %+v", third)
	}
	mustCheck(t, s)
}
