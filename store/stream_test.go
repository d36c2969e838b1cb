package store

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestPackFilesStreamBothWays: a changes pack written straight to a file
// and read back from it gives the receiver the sender's state; the same
// file cut short or with a byte flipped is refused with nothing written,
// and a refused export leaves no file.
func TestPackFilesStreamBothWays(t *testing.T) {
	office := newReplica(t, "office")
	benchLedger(t, office, 12, 20)
	dir := t.TempDir()
	path := filepath.Join(dir, "borough.clpack")
	out, err := office.ExportFile(ctx, path, ExportOptions{Changes: true, For: "laptop", Passphrase: "a long test passphrase"})
	if err != nil {
		t.Fatal(err)
	}
	if out.Data != nil || out.Manifest.Counts.Changes < 12*30 {
		t.Fatalf("export: %d changes, %d bytes held", out.Manifest.Counts.Changes, len(out.Data))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("pack file mode %v", fi.Mode().Perm())
	}
	if enc, err := PackFileEncrypted(path); err != nil || !enc {
		t.Fatalf("PackFileEncrypted = %v, %v", enc, err)
	}

	laptop := newReplica(t, "laptop")
	empty := dump(t, laptop)
	for name, damaged := range map[string][]byte{
		"truncated":   data[:len(data)-40],
		"bit flipped": append(append([]byte{}, data[:len(data)/2]...), append([]byte{data[len(data)/2] ^ 1}, data[len(data)/2+1:]...)...),
	} {
		bad := filepath.Join(dir, "bad.clpack")
		if err := os.WriteFile(bad, damaged, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := laptop.ImportFile(ctx, bad, ImportOptions{Passphrase: "a long test passphrase"})
		if !IsRefused(err) || !strings.Contains(err.Error(), "nothing imported") {
			t.Fatalf("%s: err = %v, want a refusal", name, err)
		}
		if dump(t, laptop) != empty {
			t.Fatalf("%s: a refused pack wrote something", name)
		}
	}

	o := ImportOptions{Passphrase: "a long test passphrase"}
	_, err = laptop.ImportFile(ctx, path, o)
	u, ok := AsUntrustedKey(err)
	if !ok {
		t.Fatalf("first import: %v, want the key to be confirmed", err)
	}
	if dump(t, laptop) != empty {
		t.Fatal("an untrusted pack wrote something")
	}
	o.Trust = u.Fingerprint
	rep, err := laptop.ImportFile(ctx, path, o)
	if err != nil {
		t.Fatal(err)
	}
	if rep.New != out.Manifest.Counts.Changes {
		t.Fatalf("imported %d new of %d", rep.New, out.Manifest.Counts.Changes)
	}
	a, _ := office.StateDigest(ctx)
	b, _ := laptop.StateDigest(ctx)
	if a != b {
		t.Fatal("the receiver's state differs from the sender's")
	}
	mustCheck(t, laptop)

	// A refused export leaves nothing under its name.
	none := filepath.Join(dir, "none.clpack")
	if _, err := office.ExportFile(ctx, none, ExportOptions{Plaintext: true}); err == nil {
		t.Fatal("an export with no scope was made")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Fatalf("files left after a refused export: %v", entries)
	}
}

// TestImportWritesTheLedgerInBatches: with batches of 7 ledger facts, a
// pack imports to the sender's state, and a ledger fact the pack carries
// twice (the copy in a later batch) counts once, as present.
func TestImportWritesTheLedgerInBatches(t *testing.T) {
	defer func(n int) { importBatch = n }(importBatch)
	importBatch = 7
	office := newReplica(t, "office")
	benchLedger(t, office, 5, 12)
	m, changes, _, err := decodePack(mustExport(t, office, ExportOptions{Changes: true, For: "laptop"}), "")
	if err != nil {
		t.Fatal(err)
	}
	// The import applies ledger facts in clock order: copy the seventh,
	// so the copy opens the second batch.
	var ledger []Change
	for _, c := range changes {
		if c.Entity == entityTxn && c.Op == "add" {
			ledger = append(ledger, c)
		}
	}
	sort.SliceStable(ledger, func(i, j int) bool {
		a, b := ledger[i], ledger[j]
		return a.HLC < b.HLC || a.HLC == b.HLC && (a.Origin < b.Origin || a.Origin == b.Origin && a.Seq < b.Seq)
	})
	if len(ledger) < 20 {
		t.Fatal("too few ledger facts in the pack")
	}
	changes = append(changes, ledger[6])
	m.Counts.Changes++
	pack, err := encodePack(m, changes, "", true, signingKey(t, office))
	if err != nil {
		t.Fatal(err)
	}
	laptop := newReplica(t, "laptop")
	rep := mustImport(t, laptop, pack, "")
	if rep.New != len(changes)-1 || rep.Present != 1 {
		t.Fatalf("new %d, present %d; want %d and 1", rep.New, rep.Present, len(changes)-1)
	}
	a, _ := office.StateDigest(ctx)
	b, _ := laptop.StateDigest(ctx)
	if a != b {
		t.Fatal("the receiver's state differs from the sender's")
	}
	mustCheck(t, laptop)
}
