package store_test

import (
	"path/filepath"
	"testing"

	"caseload/domain/worklist"
	"caseload/store"
	"caseload/store/seed"
	"caseload/store/storetest"
)

// TestCaseSummariesShowWhatTheCaseloadShows: the quick first read gives
// the accounts of the patch (and of the borough) that Caseload gives, as
// many as the limit allows, in ref order, with the same name, balance,
// weeks, address and postcode — never a figure the worklist would then
// correct — claims no place on the list, and counts them all.
func TestCaseSummariesShowWhatTheCaseloadShows(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "seeded.db"), store.Options{Officer: "tester", ReplicaName: "seeded"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := seed.Write(bctx, s, seed.Options{Accounts: 240, Years: 1, Seed: 1, Today: storetest.Today,
		PatchSize: 100, Casework: true}); err != nil {
		t.Fatal(err)
	}
	officers := seed.PatchOfficers(240, 100)
	for _, officer := range []string{officers[0], officers[len(officers)-1], ""} {
		for _, today := range []struct {
			name string
			day  int
		}{{"today", 0}, {"a month on", 30}} {
			day := storetest.Today.AddDays(today.day)
			full, err := s.Caseload(bctx, officer, day, worklist.DefaultPolicy())
			if err != nil {
				t.Fatal(err)
			}
			quick, total, err := s.CaseSummaries(bctx, officer, day, 1000)
			if err != nil {
				t.Fatal(err)
			}
			if len(quick) != len(full) || total != len(full) || len(quick) == 0 {
				t.Fatalf("officer %q %s: %d summaries of %d, %d caseload lines", officer, today.name, len(quick), total, len(full))
			}
			window, wtotal, err := s.CaseSummaries(bctx, officer, day, 7)
			if err != nil {
				t.Fatal(err)
			}
			if wtotal != total || len(window) != 7 {
				t.Fatalf("officer %q: a window of 7 gave %d summaries of %d", officer, len(window), wtotal)
			}
			all := map[string]store.CaseLine{}
			for _, q := range quick {
				all[q.Ref] = q
			}
			for i, w := range window {
				if q, ok := all[w.Ref]; !ok || !w.Balance.Equal(q.Balance) || w.Name != q.Name {
					t.Fatalf("officer %q: the window's %s is not the patch's (%+v)", officer, w.Ref, q)
				}
				if i > 0 && window[i-1].Ref >= w.Ref {
					t.Fatalf("officer %q: the window is out of ref order at %s", officer, w.Ref)
				}
			}
			byRef := map[string]store.CaseLine{}
			for _, l := range full {
				byRef[l.Ref] = l
			}
			weeks := 0
			for i, q := range quick {
				if i > 0 && quick[i-1].Ref >= q.Ref {
					t.Fatalf("summaries out of ref order at %s", q.Ref)
				}
				f, ok := byRef[q.Ref]
				if !ok {
					t.Fatalf("officer %q: %s is not in the caseload", officer, q.Ref)
				}
				if q.OnList || q.Triaged() || q.Paused || len(q.Done) > 0 || q.Technical != "" {
					t.Errorf("%s: a summary claims a place on the list: %+v", q.Ref, q.Line)
				}
				if q.Name != f.Name || q.Kind != f.Kind || q.Status != f.Status || !q.Balance.Equal(f.Balance) ||
					q.Address != f.Address || q.Postcode != f.Postcode || !q.Weekly.Equal(f.Weekly) {
					t.Errorf("%s %s: summary %q %s %s %s %q %q, caseload %q %s %s %s %q %q", q.Ref, today.name,
						q.Name, q.Kind, q.Balance, q.Weekly, q.Address, q.Postcode, f.Name, f.Kind, f.Balance, f.Weekly, f.Address, f.Postcode)
				}
				if q.WeeksKnown != f.WeeksKnown || q.Weeks != f.Weeks {
					t.Errorf("%s %s: summary weeks %s (%v), caseload %s (%v)", q.Ref, today.name, q.Weeks, q.WeeksKnown, f.Weeks, f.WeeksKnown)
				}
				if q.WeeksKnown && q.Balance.IsPositive() {
					weeks++
				}
			}
			if weeks == 0 {
				t.Errorf("officer %q %s: no account in arrears with its weeks: the comparison proves little", officer, today.name)
			}
		}
	}
}
