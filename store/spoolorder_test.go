package store

import (
	"encoding/hex"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestAPackOutOfOrderIsCheckedAndAppliedAlike: the chain inside a pack is
// followed as it is read when the pack comes in (origin, seq) order, as
// caseload writes it, and by SQL over the spool otherwise. Both find the
// same broken link and refuse the pack writing nothing; a whole pack
// shuffled, or carrying changes twice, imports to the same state as the
// pack in order.
func TestAPackOutOfOrderIsCheckedAndAppliedAlike(t *testing.T) {
	office := newReplica(t, "office")
	benchLedger(t, office, 6, 15)
	pack := mustExport(t, office, ExportOptions{Changes: true, For: "laptop"})
	m, changes, _, err := decodePack(pack, "")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSortedFunc(changes, func(a, b Change) int { return strings.Compare(a.ID(), b.ID()) }) && len(changes) < 100 {
		t.Fatalf("%d changes: the pack is not what the test needs", len(changes))
	}
	middle := len(changes) / 2
	shuffled := func(cs []Change) []Change {
		cs = slices.Clone(cs)
		rand.New(rand.NewPCG(1, 2)).Shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
		return cs
	}
	broken := slices.Clone(changes)
	broken[middle].Prev = broken[middle-2].Sum
	broken[middle].Sum = hex.EncodeToString(chainSum(broken[middle].Prev, broken[middle]))
	// The edit breaks two links, into the change and out of it: read in
	// order, the first is named (as SQL over the spool in pack order
	// would); out of order, either.
	first := broken[middle].ID() + " does not follow " + broken[middle-1].ID() + " in its replica's chain"
	either := "in its replica's chain"
	var digest string
	for i, tt := range []struct {
		name    string
		changes []Change
		refused string
	}{
		{"in order", changes, ""},
		{"shuffled", shuffled(changes), ""},
		{"carrying changes twice", append(slices.Clone(changes), changes[:middle]...), ""},
		{"in order with a broken link", broken, first},
		{"shuffled with a broken link", shuffled(broken), either},
		{"with a broken link carried twice", append(slices.Clone(broken), broken[middle-5:middle+5]...), either},
	} {
		t.Run(tt.name, func(t *testing.T) {
			laptop := newReplica(t, "laptop")
			m.PackID = "01900000-0000-7000-8000-0000000001" + string(rune('a'+i)) + "0"
			m.Counts.Changes = len(tt.changes)
			data, err := encodePack(m, tt.changes, "", true, signingKey(t, office))
			if err != nil {
				t.Fatal(err)
			}
			before := dump(t, laptop)
			_, err = importTrusting(laptop, data, ImportOptions{Plaintext: true})
			if tt.refused != "" {
				if !IsRefused(err) || !strings.Contains(err.Error(), tt.refused) || !strings.Contains(err.Error(), "nothing imported") {
					t.Fatalf("err = %v, want a refusal saying %q", err, tt.refused)
				}
				if dump(t, laptop) != before {
					t.Fatal("a refused pack changed the database")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			mustCheck(t, laptop)
			got, err := laptop.StateDigest(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if digest == "" {
				digest = got
			} else if got != digest {
				t.Fatalf("state %s, want %s as from the pack in order", got, digest)
			}
		})
	}
}
