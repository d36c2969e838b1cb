package store

import (
	"testing"

	"caseload/domain"
)

func TestReferencesMatchWhateverTheirCase(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "NW1001", "NW1002")
	// Every way in takes the reference as typed.
	mustPost(t, s, Posting{Ref: "nw1001", Kind: PostPayment, Amount: domain.MustMoney("5.00"), Method: domain.MethodCash})
	if _, err := s.AddNote(ctx, NewNote{Ref: " Nw1001 ", Text: "rang"}, today); err != nil {
		t.Fatal(err)
	}
	a, err := s.Account(ctx, "nw1001")
	if err != nil {
		t.Fatal(err)
	}
	if a.Ref != "NW1001" || !a.Balance.Equal(domain.MustMoney("-5.00")) {
		t.Fatalf("account nw1001 = %s balance %s", a.Ref, a.Balance)
	}
	lines, err := s.Ledger(ctx, "nW1001")
	if err != nil || len(lines) != 1 {
		t.Fatalf("ledger = %v, %v", lines, err)
	}
	notes, err := s.Notes(ctx, "NW1001")
	if err != nil || len(notes) != 1 {
		t.Fatalf("notes = %v, %v", notes, err)
	}
	// What is written carries the account's own spelling.
	var lower int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM change WHERE account = 'nw1001' OR entity_id = 'nw1001'").Scan(&lower); err != nil {
		t.Fatal(err)
	}
	if lower != 0 {
		t.Fatalf("%d changes carry the typed spelling", lower)
	}
	// A second account differing only in case is the same account.
	acct := testAccount("nw1002")
	if err := s.CreateAccount(ctx, acct); err == nil || !domain.IsValidation(err) {
		t.Fatalf("creating nw1002 beside NW1002 = %v, want refused", err)
	}
	if _, err := s.Account(ctx, "NW9999"); err == nil {
		t.Fatal("an unknown reference was found")
	}
}
