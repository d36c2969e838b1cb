package store

import (
	"testing"

	"caseload/domain"
)

// TestWriteBatchNamesTheOfficerOfEachCall: each call of a batch is recorded
// under the officer it names; the audit row under the store's officer; a
// reversal names the row it undoes.
func TestWriteBatchNamesTheOfficerOfEachCall(t *testing.T) {
	s := newTestStore(t)
	a := testAccount("AB1001")
	var ids []string
	err := s.WriteBatch(ctx, "load", func(b *Batch) error {
		if err := b.CreateAccount("runner", a); err != nil {
			return err
		}
		var err error
		ids, err = b.Post("runner", "AB1001", []BatchTxn{
			{Date: a.Start, Type: domain.TxnCharge, Amount: domain.MustMoney("100.00"), RunWeek: a.Start},
			{Date: a.Start.AddDays(3), Type: domain.TxnPayment, Amount: domain.MustMoney("-100.00"), Method: domain.MethodDirectDebit},
			{Date: a.Start.AddDays(10), Type: domain.TxnReversal, Amount: domain.MustMoney("100.00"), Method: domain.MethodDirectDebit, Reverses: 2},
		})
		if err != nil {
			return err
		}
		if err := b.Note("bkhan", "AB1001", BatchNote{Date: today, Channel: domain.ChannelPhone, Text: "Called about the returned Direct Debit",
			FollowUp: today.AddDays(-1), Done: today}); err != nil {
			return err
		}
		return b.Event("cjones", "AB1001", BatchEvent{Date: today, Type: domain.EventLetter1, Detail: "first letter"})
	})
	if err != nil {
		t.Fatal(err)
	}
	officers := map[string]string{}
	rows, err := s.db.QueryContext(ctx, "SELECT entity || ':' || op || ':' || field, group_concat(DISTINCT officer) FROM change GROUP BY 1")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var k, o string
		rows.Scan(&k, &o)
		officers[k] = o
	}
	rows.Close()
	for k, want := range map[string]string{"account:add:": "runner", "charge:add:": "runner", "txn:add:": "runner",
		"note:add:": "bkhan", "note:set:done": "bkhan", "event:add:": "cjones"} {
		if officers[k] != want {
			t.Errorf("%s recorded under %q, want %q (all: %v)", k, officers[k], want, officers)
		}
	}
	var audit, reverses string
	if err := s.db.QueryRowContext(ctx, "SELECT officer FROM audit WHERE action = 'load'").Scan(&audit); err != nil || audit != "tester" {
		t.Fatalf("audit row under %q (%v), want the store's officer", audit, err)
	}
	if err := s.db.QueryRowContext(ctx, "SELECT reverses FROM txn WHERE type = 'reversal'").Scan(&reverses); err != nil || len(ids) != 3 || reverses != ids[1] {
		t.Fatalf("the reversal reverses %q (%v), want the payment %v", reverses, err, ids)
	}
	acc, err := s.Account(ctx, "AB1001")
	if err != nil || !acc.Balance.Equal(domain.MustMoney("100.00")) || !acc.LastPayment.IsZero() {
		t.Fatalf("after the reversed payment: balance %v, last payment %v (%v)", acc.Balance, acc.LastPayment, err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check: %v %v", err, r.Problems)
	}
}

// TestWriteBatchRefusesAndWritesNothing: a bad row anywhere in a batch
// refuses the whole batch.
func TestWriteBatchRefusesAndWritesNothing(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	before := dump(t, s)
	for name, fn := range map[string]func(b *Batch) error{
		"an account that exists": func(b *Batch) error { return b.CreateAccount("runner", testAccount("AB1001")) },
		"an account without a name": func(b *Batch) error {
			a := testAccount("AB1002")
			a.Name = ""
			return b.CreateAccount("runner", a)
		},
		"a reversal of a later row": func(b *Batch) error {
			if err := b.CreateAccount("runner", testAccount("AB1003")); err != nil {
				return err
			}
			_, err := b.Post("runner", "AB1003", []BatchTxn{
				{Date: today, Type: domain.TxnReversal, Amount: domain.MustMoney("10.00"), Reverses: 2},
				{Date: today, Type: domain.TxnPayment, Amount: domain.MustMoney("-10.00"), Method: domain.MethodCash},
			})
			return err
		},
		"a row of no known type": func(b *Batch) error {
			_, err := b.Post("runner", "AB1001", []BatchTxn{
				{Date: today, Type: domain.TxnCharge, Amount: domain.MustMoney("10.00")},
				{Date: today, Type: "bonus", Amount: domain.MustMoney("-10.00")},
			})
			return err
		},
		"an account that does not exist": func(b *Batch) error {
			_, err := b.Post("runner", "ZZ9999", []BatchTxn{{Date: today, Type: domain.TxnCharge, Amount: domain.MustMoney("10.00")}})
			return err
		},
	} {
		if err := s.WriteBatch(ctx, "load", fn); !domain.IsValidation(err) {
			t.Errorf("%s: %v, want a validation error", name, err)
		}
		if dump(t, s) != before {
			t.Fatalf("%s: the refused batch wrote to the database", name)
		}
	}
}
