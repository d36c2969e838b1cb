package store

import (
	"slices"
	"testing"

	"caseload/domain/worklist"
)

// TestCaseloadFactsComeInRefOrder: accounts made out of ref order are read
// in the table's order and come back in ref order, each with its own facts.
func TestCaseloadFactsComeInRefOrder(t *testing.T) {
	s := newTestStore(t)
	made := []string{"SO1005", "SO1002", "SO1004", "SO1001", "SO1003", "SO1000"}
	mustCreate(t, s, made...)
	for i, ref := range made {
		mustPost(t, s, Posting{Ref: ref, Kind: PostCharge, Amount: amt("10.00").MulInt(int64(i + 1)), Date: today.AddDays(-7)})
	}
	facts, err := s.WorklistFacts(ctx, "", today, worklist.DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range facts {
		got = append(got, f.Ref)
		want := amt("10.00").MulInt(int64(slices.Index(made, f.Ref) + 1))
		if !f.Balance.Equal(want) {
			t.Errorf("%s: balance %s, want %s", f.Ref, f.Balance, want)
		}
	}
	if want := []string{"SO1000", "SO1001", "SO1002", "SO1003", "SO1004", "SO1005"}; !slices.Equal(got, want) {
		t.Fatalf("refs %v, want %v", got, want)
	}
}
