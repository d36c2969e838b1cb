package store

import (
	"strings"
	"testing"

	"caseload/domain"
	"caseload/domain/worklist"
)

// doneRules reads an account's done-today rules.
func doneRules(t *testing.T, s *Store, ref string) []worklist.Rule {
	t.Helper()
	f, err := s.AccountFacts(ctx, ref, today, worklist.DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	return f.DoneToday
}

// TestDoneForTodayAndItsUndoTravelInPacks: MarkDoneToday marks the top
// item, UndoDoneToday takes it back; both are refused (nothing written)
// when there is nothing to act on, and a replica that imports them ends in
// the same state.
func TestDoneForTodayAndItsUndoTravelInPacks(t *testing.T) {
	office, laptop := newReplica(t, "office"), newReplica(t, "laptop")
	mustCreate(t, office, "NW1001", "NW1002")
	mustPost(t, office, Posting{Ref: "NW1001", Kind: PostCharge, Amount: domain.MustMoney("900.00"), Date: today.AddDays(-50)})
	mustImport(t, laptop, mustExport(t, office, ExportOptions{Accounts: []string{"NW1001", "NW1002"}}), "")
	p := worklist.DefaultPolicy()

	before := dump(t, laptop)
	if _, err := laptop.MarkDoneToday(ctx, "NW1002", today, p); err == nil || !strings.Contains(err.Error(), "nothing to do today") || !domain.IsValidation(err) {
		t.Fatalf("done on a clear account: %v", err)
	}
	if _, err := laptop.UndoDoneToday(ctx, "NW1001", today); err == nil || !domain.IsValidation(err) {
		t.Fatalf("undo with nothing done: %v", err)
	}
	if dump(t, laptop) != before {
		t.Fatal("a refused done or undo wrote something")
	}

	it, err := laptop.MarkDoneToday(ctx, "NW1001", today, p)
	if err != nil || it.Rule == "" {
		t.Fatalf("done: %+v %v", it, err)
	}
	if got := doneRules(t, laptop, "NW1001"); len(got) != 1 || got[0] != it.Rule {
		t.Fatalf("done today %v, want %s", got, it.Rule)
	}
	mustImport(t, office, mustExport(t, laptop, ExportOptions{Changes: true, For: "office"}), "")
	if got := doneRules(t, office, "NW1001"); len(got) != 1 || got[0] != it.Rule {
		t.Fatalf("office did not receive the done mark: %v", got)
	}

	rules, err := laptop.UndoDoneToday(ctx, "NW1001", today)
	if err != nil || len(rules) != 1 || rules[0] != it.Rule {
		t.Fatalf("undo: %v %v", rules, err)
	}
	if got := doneRules(t, laptop, "NW1001"); len(got) != 0 {
		t.Fatalf("still done after the undo: %v", got)
	}
	mustImport(t, office, mustExport(t, laptop, ExportOptions{Changes: true, For: "office"}), "")
	if got := doneRules(t, office, "NW1001"); len(got) != 0 {
		t.Fatalf("office did not receive the undo: %v", got)
	}
	mustCheck(t, office)
	mustCheck(t, laptop)
}

// TestLiftingAPauseThatIsNotThereIsRefused: the pane only offers to lift a
// pause in force; the store refuses the rest, writing nothing.
func TestLiftingAPauseThatIsNotThereIsRefused(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "NW1001")
	before := dump(t, s)
	if err := s.Pause(ctx, "NW1001", domain.Date{}, "", today); err == nil || !domain.IsValidation(err) || !strings.Contains(err.Error(), "not paused") {
		t.Fatalf("lifting a pause that is not there: %v", err)
	}
	if dump(t, s) != before {
		t.Fatal("a refused lift wrote something")
	}
	if err := s.Pause(ctx, "NW1001", today.AddDays(7), "awaiting HB", today); err != nil {
		t.Fatal(err)
	}
	if err := s.Pause(ctx, "NW1001", domain.Date{}, "", today); err != nil {
		t.Fatalf("lifting a pause in force: %v", err)
	}
}

// TestWriteOffApprovalIsKeptOnTheTransactionAndAudit: above the money
// policy's limit a write-off needs a second officer; a council's own limit
// (Options.Money) is the one applied.
func TestWriteOffApprovalIsKeptOnTheTransactionAndAudit(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "NW1001")
	mustPost(t, s, Posting{Ref: "NW1001", Kind: PostCharge, Amount: domain.MustMoney("900.00"), Date: today})
	before := dump(t, s)
	for _, p := range []Posting{
		{Ref: "NW1001", Kind: PostWriteOff, Amount: domain.MustMoney("500.01"), Note: "uneconomic"},
		{Ref: "NW1001", Kind: PostWriteOff, Amount: domain.MustMoney("600.00"), Note: "uneconomic", ApprovedBy: "tester"},
	} {
		if _, err := s.Post(ctx, p, today); err == nil || !domain.IsValidation(err) {
			t.Fatalf("%+v: %v, want refused", p, err)
		}
		if _, err := s.Preview(ctx, p, today); err == nil {
			t.Fatalf("preview of %+v was not refused", p)
		}
	}
	if dump(t, s) != before {
		t.Fatal("a refused write-off wrote something")
	}
	out := mustPost(t, s, Posting{Ref: "NW1001", Kind: PostWriteOff, Amount: domain.MustMoney("600.00"), Note: "uneconomic", ApprovedBy: "jbloggs"})
	if out.ApprovedBy != "jbloggs" {
		t.Fatalf("posted %+v", out)
	}
	var note, detail string
	if err := s.db.QueryRowContext(ctx, "SELECT note FROM txn WHERE type = 'write-off'").Scan(&note); err != nil || note != "uneconomic (approved by jbloggs)" {
		t.Fatalf("txn note %q %v", note, err)
	}
	if err := s.db.QueryRowContext(ctx, "SELECT detail FROM audit WHERE action = 'post write-off'").Scan(&detail); err != nil || detail != "approved by jbloggs" {
		t.Fatalf("audit detail %q %v", detail, err)
	}

	strict, err := Open(s.Path()+"-strict.db", Options{Officer: "tester", Now: fixedNow, Money: domain.MoneyPolicy{WriteOffApprovalLimit: domain.MustMoney("50.00")}})
	if err != nil {
		t.Fatal(err)
	}
	defer strict.Close()
	mustCreate(t, strict, "NW2001")
	mustPost(t, strict, Posting{Ref: "NW2001", Kind: PostCharge, Amount: domain.MustMoney("100.00"), Date: today})
	if _, err := strict.Post(ctx, Posting{Ref: "NW2001", Kind: PostWriteOff, Amount: domain.MustMoney("60.00"), Note: "x"}, today); err == nil || !strings.Contains(err.Error(), "above £50.00") {
		t.Fatalf("the council's own limit is not applied: %v", err)
	}
}
