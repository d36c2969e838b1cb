package store

import (
	"strings"
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/letters"
	"caseload/domain/worklist"
)

func mustKind(t *testing.T, id string) letters.Kind {
	t.Helper()
	k, ok := letters.KindByID(id)
	if !ok {
		t.Fatalf("no document kind %s", id)
	}
	return k
}

func countRows(t *testing.T, s *Store, query string, args ...any) int {
	t.Helper()
	var n int
	if err := s.db.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestIssueDocumentsRecordsOnceAllOrNothing: a run's letters are the
// steps' events, written in one transaction with one audit row; the same
// run again the same day records nothing; a run with one document the
// possession gate refuses writes none of them.
func TestIssueDocumentsRecordsOnceAllOrNothing(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "NW1001", "NW1002")
	for _, ref := range []string{"NW1001", "NW1002"} {
		mustPost(t, s, Posting{Ref: ref, Kind: PostCharge, Amount: domain.MustMoney("300.00"), Date: domain.MustDate(2026, time.November, 2)})
	}
	p := worklist.DefaultPolicy()
	l1 := mustKind(t, "letter-1")
	run := []IssuedDocument{{Ref: "NW1001", Kind: l1, Detail: "document letter-1, text SHA-256 aaaa"}, {Ref: "NW1002", Kind: l1, Detail: "document letter-1"}}
	audits := countRows(t, s, "SELECT count(*) FROM audit")
	recorded, again, err := s.IssueDocuments(ctx, run, today, p)
	if err != nil || len(recorded) != 2 || len(again) != 0 {
		t.Fatalf("first run: recorded %v again %v: %v", recorded, again, err)
	}
	if n := countRows(t, s, "SELECT count(*) FROM event WHERE type = 'letter-1' AND date = ? AND officer = 'tester'", today.String()); n != 2 {
		t.Fatalf("%d letter-1 events, want 2", n)
	}
	if n := countRows(t, s, "SELECT count(*) FROM audit"); n != audits+1 {
		t.Fatalf("%d audit rows for one run, want 1", n-audits)
	}
	if n := countRows(t, s, "SELECT count(*) FROM change WHERE entity = 'event'"); n != 2 {
		t.Fatalf("%d change-log entries for the events, want 2", n)
	}
	// The worklist sees the step taken.
	f, err := s.AccountFacts(ctx, "NW1001", today, p)
	if err != nil {
		t.Fatal(err)
	}
	if !letters.IssuedOn(&f, l1, today) {
		t.Fatal("the worklist facts do not show the letter issued today")
	}
	if d, err := s.IssuedToday(ctx, "NW1001", l1, today); err != nil || !strings.Contains(d, "SHA-256 aaaa") {
		t.Fatalf("IssuedToday: %q %v", d, err)
	}

	before := dump(t, s)
	recorded, again, err = s.IssueDocuments(ctx, run, today, p)
	if err != nil || len(recorded) != 0 || len(again) != 2 {
		t.Fatalf("second run: recorded %v again %v: %v", recorded, again, err)
	}
	if dump(t, s) != before {
		t.Fatal("a second run the same day wrote something")
	}

	// NW1002 has no NOSP: its court claim letter is refused, and so is
	// NW1001's letter 2 in the same run.
	mixed := []IssuedDocument{{Ref: "NW1001", Kind: mustKind(t, "letter-2"), Detail: "document letter-2"},
		{Ref: "NW1002", Kind: mustKind(t, "court-claim"), Detail: "document court-claim"}}
	if _, _, err := s.IssueDocuments(ctx, mixed, today, p); !domain.IsValidation(err) {
		t.Fatalf("a run with a refused court claim: %v", err)
	}
	if dump(t, s) != before {
		t.Fatal("a refused run wrote something")
	}
}

func TestIssueDocumentsRefusesPossessionStepsOnAGarage(t *testing.T) {
	s := newTestStore(t)
	a := testAccount("GA1001")
	a.Kind = domain.KindGarage
	if err := s.CreateAccount(ctx, a); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s)
	_, _, err := s.IssueDocuments(ctx, []IssuedDocument{{Ref: "GA1001", Kind: mustKind(t, "court-warning"), Detail: "document court-warning"}}, today, worklist.DefaultPolicy())
	if !domain.IsValidation(err) || !strings.Contains(err.Error(), "possession step") {
		t.Fatalf("got %v", err)
	}
	if dump(t, s) != before {
		t.Fatal("a refused document wrote something")
	}
}

func TestRecipients(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "NW1001", "NW1002")
	mustPost(t, s, Posting{Ref: "NW1002", Kind: PostCharge, Amount: domain.MustMoney("250.00"), Date: domain.MustDate(2026, time.November, 2)})
	p := worklist.DefaultPolicy()
	one, err := s.Recipients(ctx, "", "nw1002", today, p)
	if err != nil || len(one) != 1 {
		t.Fatalf("%v %v", one, err)
	}
	r := one[0]
	if r.Facts.Ref != "NW1002" || r.Address != "1 Sample Street" || r.Postcode != "E99 1AA" || r.Facts.Balance.String() != "250.00" ||
		r.Facts.Weekly.String() != "100.00" || r.Facts.TenancyType != domain.TenancySecure {
		t.Fatalf("recipient: %+v", r)
	}
	patch, err := s.Recipients(ctx, "asmith", "", today, p)
	if err != nil || len(patch) != 2 || patch[0].Facts.Ref != "NW1001" {
		t.Fatalf("patch: %d %v", len(patch), err)
	}
	if _, err := s.Recipients(ctx, "", "NW9999", today, p); !domain.IsValidation(err) {
		t.Fatalf("an unknown account: %v", err)
	}
}
