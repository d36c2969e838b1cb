package store

import (
	"testing"
)

// TestLedgerFactsHeldOrCarriedTwice: the ledger facts an import writes by
// SQL leave out those the database holds already and every copy after the
// first of a fact the pack carries twice; those are proved the same and
// counted as present, and the receiver arrives at the sender's state with
// its summaries equal to a recomputation.
func TestLedgerFactsHeldOrCarriedTwice(t *testing.T) {
	office := newReplica(t, "office")
	benchLedger(t, office, 5, 12)
	laptop := newReplica(t, "laptop")
	visit := mustExport(t, office, ExportOptions{Accounts: []string{"BN00002"}})
	mustImport(t, laptop, visit, "")

	pack := mustExport(t, office, ExportOptions{Changes: true, For: "laptop"})
	m, cs, _, err := decodePack(pack, "")
	if err != nil {
		t.Fatal(err)
	}
	twice := -1
	for i, c := range cs {
		if c.Entity == entityTxn && c.Account != "BN00002" && i > 0 && cs[i-1].Origin == c.Origin && cs[i-1].Seq == c.Seq-1 {
			twice = i
			break
		}
	}
	if twice < 0 {
		t.Fatal("no ledger fact to carry twice")
	}
	// The copy follows its own first copy, so the chain within the pack
	// still links (each copy to the same neighbours).
	cs = append(cs[:twice+1], cs[twice:]...)
	m.PackID = "01900000-0000-7000-8000-0000000000bb"
	m.Counts.Changes = len(cs)
	data, err := encodePack(m, cs, "", true, signingKey(t, office))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := importTrusting(laptop, data, ImportOptions{Plaintext: true})
	if err != nil {
		t.Fatal(err)
	}
	_, visitChanges, _, err := decodePack(visit, "")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Present != len(visitChanges)+1 || rep.New != len(cs)-rep.Present {
		t.Fatalf("new %d, present %d of %d: want the visit's %d and the second copy present, the rest new",
			rep.New, rep.Present, len(cs), len(visitChanges))
	}
	// A receiver that holds nothing of the office's skips only the copy.
	fresh := newReplica(t, "fresh")
	frep, err := importTrusting(fresh, data, ImportOptions{Plaintext: true})
	if err != nil {
		t.Fatal(err)
	}
	if frep.Present != 1 || frep.New != len(cs)-1 {
		t.Fatalf("new %d, present %d of %d: want the second copy present, the rest new", frep.New, frep.Present, len(cs))
	}
	a, _ := office.StateDigest(ctx)
	for _, r := range []*Store{laptop, fresh} {
		if b, _ := r.StateDigest(ctx); a != b {
			t.Fatal("the receiver's state differs from the sender's")
		}
		mustCheck(t, r)
	}
}
