package seed

import (
	"reflect"
	"testing"

	"caseload/domain"
)

// TestPlanIsPureAndDeterministic: two plans of the same options make the
// same accounts, in any order of asking; another seed makes others.
func TestPlanIsPureAndDeterministic(t *testing.T) {
	opt := Options{Accounts: 120, Years: 2, Seed: 11, Today: today, Casework: true}
	a, err := NewPlan(opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewPlan(opt)
	if err != nil {
		t.Fatal(err)
	}
	if a.Len() != 120 || b.Len() != 120 {
		t.Fatalf("plans of %d and %d accounts, want 120", a.Len(), b.Len())
	}
	first := make([]Account, a.Len())
	for i := range first {
		first[i] = a.Account(i)
	}
	// The second run asks backwards: an account's content depends on the
	// seed and its place only.
	for i := b.Len() - 1; i >= 0; i-- {
		if got := b.Account(i); !reflect.DeepEqual(got, first[i]) {
			t.Fatalf("account %d differs between two runs:\n%+v\n%+v", i, got, first[i])
		}
	}
	opt.Seed = 12
	c, err := NewPlan(opt)
	if err != nil {
		t.Fatal(err)
	}
	same := 0
	for i := range first {
		if reflect.DeepEqual(c.Account(i), first[i]) {
			same++
		}
	}
	if same == len(first) {
		t.Fatal("seeds 11 and 12 made the same accounts")
	}
	// Plain values that stand on their own: every reversal names an
	// earlier row of the same ledger.
	for _, acc := range first {
		for i, r := range acc.Ledger {
			if r.Reverses < 0 || r.Reverses > i {
				t.Fatalf("%s row %d reverses row %d", acc.Account.Ref, i+1, r.Reverses)
			}
		}
	}
}

func TestPatchOfficers(t *testing.T) {
	for _, c := range []struct{ accounts, size, want int }{
		{600, 600, 1}, {899, 600, 1}, {900, 600, 2}, {30_000, 600, 50}, {100_000, 600, 167}, {10, 600, 1}, {5000, 1, 5000},
	} {
		got := PatchOfficers(c.accounts, c.size)
		if len(got) != c.want {
			t.Errorf("PatchOfficers(%d, %d): %d officers, want %d", c.accounts, c.size, len(got), c.want)
		}
		seen := map[string]bool{}
		for i, o := range got {
			if seen[o] {
				t.Errorf("PatchOfficers(%d, %d): %s twice", c.accounts, c.size, o)
			}
			seen[o] = true
			if err := domain.TextOfficer.Check(o); err != nil || o == "" {
				t.Errorf("officer %q: %v", o, err)
			}
			if i < len(DefaultOfficers) && o != DefaultOfficers[i] {
				t.Errorf("officer %d is %s, want the demo's %s first", i, o, DefaultOfficers[i])
			}
		}
	}
}

// TestPatchSizeSpreadsThePatches: `caseload seed`'s patches are equal and
// about PatchSize each (a council's are 300–1,000 accounts), where the
// demo's first patch is half the borough.
func TestPatchSizeSpreadsThePatches(t *testing.T) {
	count := func(opt Options) map[string]int {
		t.Helper()
		p, err := NewPlan(opt)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, s := range p.slots {
			out[s.officer]++
		}
		return out
	}
	patches := count(Options{Accounts: 30_000, Years: 1, Seed: 1, Today: today, Casework: true, PatchSize: 600})
	if len(patches) != 50 {
		t.Fatalf("%d patches for 30,000 accounts, want 50", len(patches))
	}
	for o, n := range patches {
		if n != 600 {
			t.Errorf("%s's patch has %d accounts, want 600", o, n)
		}
	}
	patches = count(Options{Accounts: 2500, Years: 1, Seed: 1, Today: today, PatchSize: 600})
	for o, n := range patches {
		if n < 300 || n > 1000 {
			t.Errorf("%s's patch has %d accounts of 2,500, want 300–1,000", o, n)
		}
	}
	demo := count(Options{Accounts: 600, Years: 1, Seed: 1, Today: today})
	if demo["asmith"] != 300 || demo["bkhan"] != 150 || demo["cjones"] != 150 {
		t.Fatalf("the demo's patches %v, want asmith 300, bkhan and cjones 150", demo)
	}
	if _, err := NewPlan(Options{Accounts: 10, Today: today, PatchSize: -1}); !domain.IsValidation(err) {
		t.Fatalf("a negative patch size: %v, want a validation error", err)
	}
}
