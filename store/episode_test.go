package store

import (
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/worklist"
)

// TestClearedOnEndsAnArrearsEpisode: the worklist facts carry the last day
// an account with ladder steps owed nothing, counted from its ledger day by
// day (a payment and a charge on the same day are one day's balance).
func TestClearedOnEndsAnArrearsEpisode(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001", "AB1002", "AB1003")
	d := func(m time.Month, day int) domain.Date { return domain.MustDate(2026, m, day) }
	charge := func(ref string, on domain.Date) {
		mustPost(t, s, Posting{Ref: ref, Kind: PostCharge, Amount: domain.MustMoney("100.00"), Date: on})
	}
	paid := func(ref, amount string, on domain.Date) {
		mustPost(t, s, Posting{Ref: ref, Kind: PostPayment, Amount: domain.MustMoney(amount), Date: on, Method: domain.MethodCash})
	}
	letter := func(ref string, on domain.Date) {
		if _, err := s.AddEvent(ctx, NewEvent{Ref: ref, Type: domain.EventLetter1, Date: on}, today, worklist.DefaultPolicy()); err != nil {
			t.Fatal(err)
		}
	}
	// AB1001: owes from 7 Sep, clears on 5 Oct (charge and payment the same
	// day leave £0.00) and owes nothing to the end of 11 Oct; owes again
	// from 12 Oct.
	for _, on := range []domain.Date{d(time.September, 7), d(time.September, 14), d(time.October, 5), d(time.October, 12), d(time.October, 19)} {
		charge("AB1001", on)
	}
	paid("AB1001", "300.00", d(time.October, 5))
	letter("AB1001", d(time.September, 21))
	// AB1002: has owed since its first entry.
	charge("AB1002", d(time.September, 7))
	charge("AB1002", d(time.September, 14))
	letter("AB1002", d(time.September, 21))
	// AB1003: in credit then owing, but no ladder step: not read.
	paid("AB1003", "50.00", d(time.September, 1))
	charge("AB1003", d(time.September, 7))
	for _, c := range []struct {
		ref  string
		want domain.Date
	}{{"AB1001", d(time.October, 11)}, {"AB1002", domain.Date{}}, {"AB1003", domain.Date{}}} {
		f, err := s.AccountFacts(ctx, c.ref, today, worklist.DefaultPolicy())
		if err != nil {
			t.Fatal(err)
		}
		if !f.ClearedOn.Equal(c.want) {
			t.Errorf("%s cleared on %s, want %s", c.ref, f.ClearedOn, c.want)
		}
	}
}
