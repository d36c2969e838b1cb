package store

import (
	"bytes"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// decodePack reads a whole pack into memory (tests take packs apart and
// craft others so; imports stream them through the spool).
func decodePack(data []byte, passphrase string) (Manifest, []Change, string, error) {
	var changes []Change
	m, _, digest, err := decodePackFrom(bytes.NewReader(data), passphrase, func(c *Change) error {
		changes = append(changes, *c)
		return nil
	})
	return m, changes, digest, err
}

// TestImportHoldsAtMostABatchOfChanges: an import streams its pack through
// the spool, so however many changes the pack carries it never builds a
// batch of more than importBatch decoded changes (and holds at most three
// batches: one decoded, one waiting, one written), and still arrives at
// the sender's state.
func TestImportHoldsAtMostABatchOfChanges(t *testing.T) {
	defer func(n int) { importBatch, importHeld = n, nil }(importBatch)
	importBatch = 7
	most := 0
	importHeld = func(n int) { most = max(most, n) }
	office := newReplica(t, "office")
	benchLedger(t, office, 6, 15)
	pack := mustExport(t, office, ExportOptions{Changes: true, For: "laptop"})
	laptop := newReplica(t, "laptop")
	// A spool a killed import left behind a day ago is removed.
	stale := filepath.Join(filepath.Dir(laptop.Path()), ".caseload-spool-killed")
	if err := os.WriteFile(stale, []byte("personal data"), 0o600); err != nil {
		t.Fatal(err)
	}
	day := time.Now().Add(-24 * time.Hour)
	os.Chtimes(stale, day, day)
	rep := mustImport(t, laptop, pack, "")
	if rep.Changes < 20*importBatch || rep.New != rep.Changes {
		t.Fatalf("imported %d new of %d: want a pack of many batches, all new", rep.New, rep.Changes)
	}
	if most != importBatch {
		t.Fatalf("the import held up to %d decoded changes at once, want at most (and up to) a batch of %d", most, importBatch)
	}
	a, _ := office.StateDigest(ctx)
	b, _ := laptop.StateDigest(ctx)
	if a != b {
		t.Fatal("the receiver's state differs from the sender's")
	}
	mustCheck(t, laptop)
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(laptop.Path()), ".caseload-spool-*")); len(left) > 0 {
		t.Fatalf("spool files left behind: %v", left)
	}
}

// TestARefusedLargePackWritesNothing: a pack refused for a break in the
// middle — a broken chain, a change that does not fit the chain held here,
// or a ledger fact for an account nobody has, found only when its batch is
// applied after earlier batches were written — leaves the database as it
// was, and no spool file behind.
func TestARefusedLargePackWritesNothing(t *testing.T) {
	defer func(n int) { importBatch = n }(importBatch)
	importBatch = 11
	office := newReplica(t, "office")
	benchLedger(t, office, 8, 20)
	laptop := newReplica(t, "laptop")
	// The laptop holds one account's changes, so the pack below must also
	// fit the chains held here.
	visit := mustExport(t, office, ExportOptions{Accounts: []string{"BN00003"}})
	mustImport(t, laptop, visit, "")
	_, held, _, err := decodePack(visit, "")
	if err != nil {
		t.Fatal(err)
	}
	have := map[int64]bool{}
	for _, c := range held {
		have[c.Seq] = true
	}
	pack := mustExport(t, office, ExportOptions{Changes: true, For: "laptop"})
	m, all, _, err := decodePack(pack, "")
	if err != nil {
		t.Fatal(err)
	}
	var changes []Change // what the laptop lacks
	edge := -1           // the first change after one held here
	for _, c := range all {
		if !have[c.Seq] {
			if edge < 0 && have[c.Seq-1] {
				edge = len(changes)
			}
			changes = append(changes, c)
		}
	}
	middle := len(changes) / 2
	for changes[middle].Entity != entityTxn {
		middle++
	}
	if edge < 0 || middle < 4*importBatch {
		t.Fatalf("edge %d, middle %d: the pack is not what the test needs", edge, middle)
	}
	m.PackID = "01900000-0000-7000-8000-0000000000aa"
	tests := []struct {
		name string
		edit func(cs []Change)
		want string
	}{
		{"a link broken in the middle", func(cs []Change) {
			cs[middle].Prev = cs[middle-2].Sum
			cs[middle].Sum = hex.EncodeToString(chainSum(cs[middle].Prev, cs[middle]))
		}, "does not follow"},
		{"a chain that does not fit the one held here", func(cs []Change) {
			// Whole in itself, but the change after one held here no
			// longer names the laptop's copy of it.
			cs[edge].Prev = cs[middle].Sum
			rechain(cs)
		}, "held here"},
		{"a ledger fact for an account nobody has, applied after earlier batches", func(cs []Change) {
			cs[middle].Account = "ZZ99999"
			rechain(cs)
		}, "no account ZZ99999"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := append([]Change(nil), changes...)
			tt.edit(cs)
			m.Counts.Changes = len(cs)
			bad, err := encodePack(m, cs, "", true, signingKey(t, office))
			if err != nil {
				t.Fatal(err)
			}
			before := dump(t, laptop)
			_, err = importTrusting(laptop, bad, ImportOptions{Plaintext: true})
			if !IsRefused(err) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "nothing imported") {
				t.Fatalf("err = %v, want a refusal saying %q", err, tt.want)
			}
			if dump(t, laptop) != before {
				t.Fatal("a refused pack changed the database")
			}
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(laptop.Path()), ".caseload-spool-*")); len(left) > 0 {
				t.Fatalf("spool files left behind: %v", left)
			}
		})
	}
}
