package store

import (
	"testing"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/worklist"
)

// TestCheckFindsDamagedArrangementRows: live arrangement rows edited behind
// the store's back are reported by check, whichever way they were changed.
func TestCheckFindsDamagedArrangementRows(t *testing.T) {
	for _, c := range []struct {
		name, sql, want string
	}{
		{"rows", "UPDATE account_plan SET rows = x''", "live arrangement rows differ from the ledger's"},
		{"last day", "UPDATE account_plan SET last_date = '2019-01-01'", "live arrangement rows differ from the ledger's"},
		{"arrangement", "UPDATE account_plan SET start_date = '2019-01-01'", "live arrangement rows are for the arrangement from 2019-01-01"},
		{"missing", "DELETE FROM account_plan", "live arrangement rows are missing"},
		{"stray", "INSERT INTO account_plan(account, hlc, start_date) SELECT no, 1, '2026-01-05' FROM account WHERE ref = 'SD1002'",
			"SD1002: live arrangement rows are kept but there is no live arrangement"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newTestStore(t)
			mustCreate(t, s, "SD1001", "SD1002")
			mustPost(t, s, Posting{Ref: "SD1001", Kind: PostCharge, Amount: amt("300.00"), Date: today.AddDays(-21)})
			if _, err := s.AddArrangement(ctx, NewArrangement{Ref: "SD1001", Start: today.AddDays(-14), Frequency: arrangement.Weekly,
				Instalment: amt("10.00")}, today, worklist.DefaultPolicy()); err != nil {
				t.Fatal(err)
			}
			mustPost(t, s, Posting{Ref: "SD1001", Kind: PostPayment, Amount: amt("10.00"), Method: domain.MethodCash, Date: today.AddDays(-10)})
			damageAndCheck(t, s, c.sql, c.want)
		})
	}
}

// TestArrangementRowsFollowTheLedger: the rows kept for a live arrangement
// are its ledger rows since its start as the ledger gives them, after an
// append, a back-dated payment, a reversal, a new arrangement and its
// cancellation; and the worklist reads the same facts either way.
func TestArrangementRowsFollowTheLedger(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "SD1001")
	p := worklist.DefaultPolicy()
	kept := func(step string, want int) {
		t.Helper()
		mustCheck(t, s)
		sameFactsBothWays(t, s, step, today, today.AddDays(30))
		var n int
		if err := s.db.QueryRow("SELECT count(*) FROM account_plan").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Fatalf("%s: %d accounts with arrangement rows kept, want %d", step, n, want)
		}
	}
	mustPost(t, s, Posting{Ref: "SD1001", Kind: PostCharge, Amount: amt("300.00"), Date: today.AddDays(-28)})
	kept("no arrangement", 0)
	first, err := s.AddArrangement(ctx, NewArrangement{Ref: "SD1001", Start: today.AddDays(-21), Frequency: arrangement.Weekly,
		Instalment: amt("10.00")}, today, p)
	if err != nil {
		t.Fatal(err)
	}
	kept("arrangement made", 1)
	pay := mustPost(t, s, Posting{Ref: "SD1001", Kind: PostPayment, Amount: amt("10.00"), Method: domain.MethodCash, Date: today.AddDays(-7)})
	kept("payment appended", 1)
	mustPost(t, s, Posting{Ref: "SD1001", Kind: PostPayment, Amount: amt("10.00"), Method: domain.MethodCash, Date: today.AddDays(-14)})
	kept("back-dated payment", 1)
	mustPost(t, s, Posting{Ref: "SD1001", Kind: PostReverse, Of: pay.IDs[0]})
	kept("reversal", 1)
	if _, err := s.RentRun(ctx, domain.RentWeekStart(today)); err != nil {
		t.Fatal(err)
	}
	kept("rent run", 1)
	second, err := s.AddArrangement(ctx, NewArrangement{Ref: "SD1001", Start: today, Frequency: arrangement.Weekly,
		Instalment: amt("20.00")}, today, p)
	if err != nil {
		t.Fatal(err)
	}
	kept("second arrangement", 1)
	if _, err := s.CancelArrangement(ctx, second, "replaced in error", today); err != nil {
		t.Fatal(err)
	}
	kept("second cancelled: the first is live again", 1)
	if _, err := s.CancelArrangement(ctx, first, "resident moved", today); err != nil {
		t.Fatal(err)
	}
	kept("none live", 0)
}
