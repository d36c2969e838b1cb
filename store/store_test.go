package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"caseload/domain"
)

var ctx = context.Background()

// fixedNow is the wall clock in store tests: 23 Nov 2026, 09:00 UTC.
func fixedNow() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }

var today = domain.MustDate(2026, time.November, 23)

func newTestStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "caseload.db"), Options{Officer: "tester", Now: fixedNow, ReplicaName: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func testAccount(ref string) NewAccount {
	return NewAccount{
		Ref: ref, Kind: domain.KindRent, TenancyType: domain.TenancySecure, Status: domain.StatusCurrent,
		Name: "Sam Example", Address: "1 Sample Street", Postcode: "E99 1AA", PropertyType: domain.PropertyFlat,
		Start: domain.MustDate(2020, time.April, 6), PaymentMethod: domain.MethodCard, Officer: "asmith",
		Charges: []domain.ChargeComponent{{Component: "rent", Weekly: domain.MustMoney("100.00")}},
	}
}

func mustCreate(t testing.TB, s *Store, refs ...string) {
	t.Helper()
	for _, ref := range refs {
		if err := s.CreateAccount(ctx, testAccount(ref)); err != nil {
			t.Fatal(err)
		}
	}
}

func mustPost(t testing.TB, s *Store, p Posting) Posted {
	t.Helper()
	out, err := s.Post(ctx, p, today)
	if err != nil {
		t.Fatalf("post %+v: %v", p, err)
	}
	return out
}

// dump is the content of every domain table, for "nothing was written".
func dump(t testing.TB, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"account", "resident", "property", "charge", "txn", "change", "note", "event", "arrangement",
		"rtb_case", "rtb_event", "rtb_check", "reg_head", "conflict", "done_today", "replica_state", "audit", "pack_log", "peer_seen",
		"preaction_mark", "mandate", "mandate_event", "bacs_run", "bacs_item", "bacs_exception", "account_summary", "account_pays"} {
		b.WriteString("# " + table + "\n")
		b.WriteString(rowsOf(t, s, "SELECT * FROM "+table+" ORDER BY 1, 2"))
	}
	return b.String()
}

// rowsOf is a query's rows as text, a line a row.
func rowsOf(t testing.TB, s *Store, q string) string {
	t.Helper()
	rows, err := s.db.QueryContext(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			b.WriteString(strings.ReplaceAll(toString(v), "\n", "\\n"))
			b.WriteByte('|')
		}
		b.WriteByte('\n')
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func toString(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		return string(x)
	}
	return fmt.Sprint(v)
}

func TestOpenCreatesCurrentSchemaOwnerOnly(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "caseload.db")
	s, err := Open(path, Options{Officer: "tester", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, "AB1001") // make SQLite create the WAL and SHM files
	var v int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != SchemaVersion() {
		t.Fatalf("user_version = %d, %v; want %d", v, err, SchemaVersion())
	}
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		st, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", filepath.Base(f), st.Mode().Perm())
		}
	}
	if s.Self().ID == "" || s.Self().Name == "" {
		t.Fatalf("replica not created: %+v", s.Self())
	}
	s.Close()
	// Reopening keeps the same replica.
	again, err := Open(path, Options{Officer: "tester", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if again.Self() != s.Self() {
		t.Fatalf("replica changed on reopen: %+v vs %+v", again.Self(), s.Self())
	}
}

func TestOldFileMigratesAndNewerFileIsRefused(t *testing.T) {
	dir := t.TempDir()
	// An old file: a SQLite database at schema version 0 (made by something
	// earlier, holding nothing of ours).
	old := filepath.Join(dir, "old.db")
	raw, err := sql.Open("sqlite", "file:"+old)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("CREATE TABLE leftover(x); PRAGMA user_version = 0"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	s, err := Open(old, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	var v int
	s.db.QueryRow("PRAGMA user_version").Scan(&v)
	s.Close()
	if v != SchemaVersion() {
		t.Fatalf("old file migrated to %d, want %d", v, SchemaVersion())
	}
	// A file from a newer caseload is refused, untouched.
	newer := filepath.Join(dir, "newer.db")
	raw, _ = sql.Open("sqlite", "file:"+newer)
	raw.Exec("PRAGMA user_version = 99")
	raw.Close()
	if _, err := Open(newer, Options{Now: fixedNow}); err == nil || !strings.Contains(err.Error(), "newer caseload") {
		t.Fatalf("newer schema: err = %v", err)
	}
}

func TestPostingWritesBalanceChangeAndAuditTogether(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	out := mustPost(t, s, Posting{Ref: "AB1001", Kind: PostCharge, Amount: domain.MustMoney("100.00"), Date: today})
	if !out.Balance.Equal(domain.MustMoney("100.00")) || len(out.IDs) != 1 {
		t.Fatalf("posted %+v", out)
	}
	mustPost(t, s, Posting{Ref: "AB1001", Kind: PostPayment, Amount: domain.MustMoney("40.50"), Method: domain.MethodCash})
	a, err := s.Account(ctx, "AB1001")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Balance.Equal(domain.MustMoney("59.50")) || a.LastPayment != today {
		t.Fatalf("balance %s last payment %s", a.Balance, a.LastPayment)
	}
	var changes, audits int
	s.db.QueryRow("SELECT count(*) FROM change WHERE entity = 'txn'").Scan(&changes)
	s.db.QueryRow("SELECT count(*) FROM audit WHERE action LIKE 'post %'").Scan(&audits)
	if changes != 2 || audits != 2 {
		t.Fatalf("txn changes %d audits %d, want 2 and 2", changes, audits)
	}
}

func TestFailureMidTransactionWritesNothing(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	before := dump(t, s)
	// The audit row is the last write of every transaction: make it fail
	// after the ledger row, the balance and the change log were written.
	if _, err := s.db.Exec("CREATE TRIGGER fail_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'injected failure'); END"); err != nil {
		t.Fatal(err)
	}
	_, err := s.Post(ctx, Posting{Ref: "AB1001", Kind: PostPayment, Amount: domain.MustMoney("10.00"), Method: domain.MethodCash}, today)
	if err == nil || !strings.Contains(err.Error(), "injected failure") {
		t.Fatalf("err = %v, want the injected failure", err)
	}
	s.db.Exec("DROP TRIGGER fail_audit")
	if after := dump(t, s); after != before {
		t.Fatalf("a failed posting changed the database:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	r, err := s.Check(ctx)
	if err != nil || !r.OK() {
		t.Fatalf("check after failure: %v %v", err, r.Problems)
	}
}

func TestCheckCatchesTamperedBalance(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001", "AB1002")
	mustPost(t, s, Posting{Ref: "AB1001", Kind: PostCharge, Amount: domain.MustMoney("100.00")})
	r, err := s.Check(ctx)
	if err != nil || !r.OK() {
		t.Fatalf("clean database: %v %v", err, r.Problems)
	}
	if _, err := s.db.Exec("UPDATE account SET balance = balance + 1 WHERE ref = 'AB1001'"); err != nil {
		t.Fatal(err)
	}
	r, err = s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() || !strings.Contains(r.Problems[0], "AB1001: balance 100.01 but the ledger sums to 100.00") {
		t.Fatalf("tampered balance not caught: %v", r.Problems)
	}
	// A ledger row slipped in by raw SQL has no change-log entry.
	s.db.Exec("UPDATE account SET balance = balance - 1 WHERE ref = 'AB1001'")
	if _, err := s.db.Exec("INSERT INTO txn(origin, seq, account, date, type, amount) VALUES(1, 999, 1, '2026-11-23', 'charge', 5)"); err != nil {
		t.Fatal(err)
	}
	s.db.Exec("UPDATE account SET balance = balance + 5 WHERE ref = 'AB1001'")
	r, _ = s.Check(ctx)
	if r.OK() || !strings.Contains(strings.Join(r.Problems, "\n"), "no change-log entry") {
		t.Fatalf("raw ledger row not caught: %v", r.Problems)
	}
}
