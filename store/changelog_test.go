package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caseload/domain"
)

// TestOneFunctionAppendsToTheChangeLog: logChanges is the only code of the
// package that inserts change rows.
func TestOneFunctionAppendsToTheChangeLog(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var where []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, form := range []string{"INTO change(", "INTO change "} {
			if n := strings.Count(string(b), form); n > 0 {
				where = append(where, f)
			}
		}
	}
	if len(where) != 1 || where[0] != "changelog.go" {
		t.Fatalf("change rows are inserted in %v; want only logChanges in changelog.go", where)
	}
}

// TestEveryPathLogsTheSameRow: a payment posted one at a time, a ledger
// row on the bulk path and a note through apply all land in the change log
// chained and counted alike, and the chain verifies.
func TestEveryPathLogsTheSameRow(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	mustPost(t, s, Posting{Ref: "AB1001", Kind: PostPayment, Amount: domain.MustMoney("10.00"), Date: today, Method: domain.MethodCash})
	err := s.WriteBatch(ctx, "load", func(b *Batch) error {
		if _, err := b.Post("runner", "AB1001", []BatchTxn{{Date: today, Type: domain.TxnPayment, Amount: domain.MustMoney("-5.00"), Method: domain.MethodCash}}); err != nil {
			return err
		}
		return b.Note("runner", "AB1001", BatchNote{Date: today, Channel: domain.ChannelPhone, Text: "Called"})
	})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.db.QueryContext(ctx, "SELECT entity, officer, field, value, parents, prev IS NULL, length(hash) FROM change WHERE entity IN ('txn', 'note') ORDER BY seq")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var entity, officer, field, value, parents string
		var preChain bool
		var hashLen int
		if err := rows.Scan(&entity, &officer, &field, &value, &parents, &preChain, &hashLen); err != nil {
			t.Fatal(err)
		}
		if preChain || hashLen != 32 {
			t.Errorf("%s change by %s is not chained (pre-chain %v, hash %d bytes)", entity, officer, preChain, hashLen)
		}
		if entity == entityTxn && (field != "" || value != "" || parents != "") {
			t.Errorf("ledger change by %s stores field %q value %q parents %q; its txn row is the body", officer, field, value, parents)
		}
		got = append(got, entity+":"+officer)
	}
	if strings.Join(got, " ") != "txn:tester txn:runner note:runner" {
		t.Fatalf("change log holds %v", got)
	}
	rep, err := s.Check(ctx)
	if err != nil || !rep.OK() {
		t.Fatalf("check after every path: %v %v", err, rep.Problems)
	}
}

// TestBulkRefusesANumberAlreadyLogged: a bulk ledger row whose change
// number is already in the log is refused and nothing of the write stays.
func TestBulkRefusesANumberAlreadyLogged(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	before := dump(t, s)
	err := s.WriteBatch(ctx, "load", func(b *Batch) error {
		no, err := b.w.accountNo("AB1001")
		if err != nil {
			return err
		}
		return b.w.insertBulk([]bulkTxn{{origin: s.self.No, seq: 1, hlc: 1, officer: "runner", id: factID(s.self.ID, 1),
			ref: "AB1001", account: no, body: txnBody{Date: today.String(), Type: string(domain.TxnPayment), Amount: -500, Method: string(domain.MethodCash)}}})
	})
	if !errors.Is(err, errReplay) {
		t.Fatalf("bulk row on a logged number: %v, want %v", err, errReplay)
	}
	if after := dump(t, s); after != before {
		t.Fatalf("a refused bulk write changed the database:\n%s\nwant\n%s", after, before)
	}
}
