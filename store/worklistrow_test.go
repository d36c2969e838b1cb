package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"caseload/domain"
	"caseload/domain/worklist"
)

// caseloadText is a caseload as the worklist shows it, line by line.
func caseloadText(t *testing.T, s *Store) []string {
	t.Helper()
	lines, err := s.Caseload(ctx, "", today, worklist.DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range lines {
		out = append(out, fmt.Sprintf("%s %s %s %s %v %s %s %s %s", l.Ref, l.Name, l.Balance, l.Weekly, l.OnList, l.Top.Rule, l.Top.Reason, l.Address, l.Postcode))
	}
	return out
}

// TestWorklistRowsFollowEveryWrite: the kept worklist row follows edits of
// the account, its resident and its property, a pause, a charge and a
// note, and a caseload read through the kept rows is the one read from the
// tables when an account has no row kept; a damaged row is refused.
func TestWorklistRowsFollowEveryWrite(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "WR1001", "WR1002", "WR1003")
	mustPost(t, s, Posting{Ref: "WR1001", Kind: PostCharge, Amount: amt("900.00"), Date: today.AddDays(-30)})
	mustPost(t, s, Posting{Ref: "WR1002", Kind: PostCharge, Amount: amt("300.00"), Date: today.AddDays(-20)})
	for _, f := range []map[string]string{{"name": "Ann <Other> & Co"}, {"address": "9 New Road"}, {"postcode": "E8 2BB"},
		{"payment_method": string(domain.MethodCash)}, {"vulnerable": "yes"}, {"tenancy_type": "introductory"}} {
		if err := s.SetAccountFields(ctx, "WR1001", f); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Pause(ctx, "WR1002", today.AddDays(10), "bereavement", today); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetService(ctx, "WR1003", "garden", domain.MustMoney("3.50"), today.AddDays(-7), today); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddNote(ctx, NewNote{Ref: "WR1001", Date: today.AddDays(-2), Channel: domain.ChannelVisit, Text: "visited"}, today); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, s)
	kept := caseloadText(t, s)
	if _, err := s.db.Exec("DELETE FROM account_summary WHERE account = (SELECT no FROM account WHERE ref = 'WR1003')"); err != nil {
		t.Fatal(err)
	}
	fromTables := caseloadText(t, s)
	if fmt.Sprint(kept) != fmt.Sprint(fromTables) {
		t.Fatalf("through the kept rows:\n%v\nfrom the tables:\n%v", kept, fromTables)
	}
	for _, want := range []string{"Ann <Other> & Co", "9 New Road", "E8 2BB"} {
		if !strings.Contains(strings.Join(kept, "\n"), want) {
			t.Errorf("the caseload does not show %q: %v", want, kept)
		}
	}
	if _, err := s.db.Exec("UPDATE account_summary SET facts = x'393a57'"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Caseload(ctx, "", today, worklist.DefaultPolicy()); !errors.Is(err, errBadSummary) {
		t.Fatalf("a damaged kept row: err = %v", err)
	}
}
