package store_test

import (
	"path/filepath"
	"testing"

	"caseload/store"
	"caseload/store/seed"
	"caseload/store/storetest"
)

// TestSeededSummariesGiveTheLedgersWorklist: on a database `caseload seed
// --casework` makes, every summary equals a recomputation (check) and the
// worklist facts read through the summaries equal those read from the
// ledger, today and on days before and after it.
func TestSeededSummariesGiveTheLedgersWorklist(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "seeded.db"), store.Options{Officer: "tester", ReplicaName: "seeded"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := seed.Write(bctx, s, seed.Options{Accounts: 240, Years: 2, Seed: 1, Today: storetest.Today,
		PatchSize: storetest.PatchSize, Casework: true}); err != nil {
		t.Fatal(err)
	}
	r, err := s.Check(bctx)
	if err != nil || !r.OK() {
		t.Fatalf("check: %v %v", err, r.Problems)
	}
	today := storetest.Today
	s.SameFactsBothWays(t, today, today.AddDays(-30), today.AddDays(14), today.AddDays(-450))
}
