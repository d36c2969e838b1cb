package store

import (
	"bytes"
	"compress/gzip"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/google/uuid"

	"caseload/domain"
)

const testPass = "a long shared passphrase"

// editPack does what someone holding a pack (and, for an encrypted one, its
// passphrase) can do: open it, change its lines, recompute the checksum,
// keep the old signature and wrap it again. magic, when not "", replaces
// the magic line (to strip or add encryption).
func editPack(t testing.TB, pack []byte, pass, magic string, edit func(lines []string) []string) []byte {
	t.Helper()
	head, rest, _ := bytes.Cut(pack, []byte("\n"))
	zipped := rest
	if strings.HasSuffix(string(head), " age") {
		id, err := age.NewScryptIdentity(pass)
		if err != nil {
			t.Fatal(err)
		}
		r, err := age.Decrypt(bytes.NewReader(rest), id)
		if err != nil {
			t.Fatal(err)
		}
		if zipped, err = io.ReadAll(r); err != nil {
			t.Fatal(err)
		}
	}
	zr, err := gzip.NewReader(bytes.NewReader(zipped))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	lines := strings.Split(strings.TrimSuffix(string(body), "\n"), "\n")
	var end packLine
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &end); err != nil || end.End == nil {
		t.Fatalf("no end line: %v", err)
	}
	lines = edit(lines[:len(lines)-1])
	covered := strings.Join(lines, "\n") + "\n"
	sum := sha256.Sum256([]byte(covered))
	end.End.SHA256 = hex.EncodeToString(sum[:])
	endLine, _ := json.Marshal(end)
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte(covered + string(endLine) + "\n"))
	zw.Close()
	if magic == "" {
		magic = string(head)
	}
	var out bytes.Buffer
	out.WriteString(magic + "\n")
	if strings.HasSuffix(magic, " age") {
		r, _ := age.NewScryptRecipient(pass)
		r.SetWorkFactor(scryptWorkFactor)
		w, _ := age.Encrypt(&out, r)
		w.Write(z.Bytes())
		w.Close()
	} else {
		out.Write(z.Bytes())
	}
	return out.Bytes()
}

// pairedOffice is an office with an account and a laptop that has taken a
// first visit pack from it (so each trusts the other's key).
func pairedOffice(t testing.TB) (office, laptop *Store) {
	t.Helper()
	office, laptop = newReplica(t, "office"), newReplica(t, "laptop")
	mustCreate(t, office, "NW1001")
	mustPost(t, office, Posting{Ref: "NW1001", Kind: PostCharge, Amount: domain.MustMoney("100.00")})
	mustImport(t, laptop, mustExport(t, office, ExportOptions{Accounts: []string{"NW1001"}}), "")
	return office, laptop
}

// forgedPayment is a change line adding a £5,000 payment "by" another
// officer, with a card number in its note.
func forgedPayment(t testing.TB, origin string, seq int64) string {
	t.Helper()
	c := Change{Origin: origin, Seq: seq, HLC: 1 << 40, Officer: "bsmith", Entity: entityTxn, EntityID: factID(origin, seq),
		Account: "NW1001", Op: "add", Value: json.RawMessage(`{"date":"2026-11-20","type":"payment","amount":-500000,"method":"card","note":"card 4111 1111 1111 1111"}`)}
	b, err := json.Marshal(packLine{Change: &c})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// addLine appends a change line and raises the manifest's count to match.
func addLine(line string) func([]string) []string {
	return func(lines []string) []string {
		var m packLine
		json.Unmarshal([]byte(lines[0]), &m)
		m.Manifest.Counts.Changes++
		b, _ := json.Marshal(m)
		lines[0] = string(b)
		return append(lines, line)
	}
}

func TestEditedPacksAreRefusedAndChangeNothing(t *testing.T) {
	office, laptop := pairedOffice(t)
	mustPost(t, office, Posting{Ref: "NW1001", Kind: PostPayment, Amount: domain.MustMoney("10.00"), Method: domain.MethodCash})
	plain := mustExport(t, office, ExportOptions{Changes: true, For: "laptop"})
	enc := mustExport(t, office, ExportOptions{Changes: true, For: "laptop", Passphrase: testPass})
	forged := forgedPayment(t, office.Self().ID, 999)
	tests := []struct {
		name, pass string
		pack       []byte
		plaintext  bool
		want       string
	}{
		{"a plaintext pack given a £5,000 payment by another officer", "", editPack(t, plain, "", "", addLine(forged)), true, "signature does not match"},
		{"an encrypted pack given a £5,000 payment, re-encrypted", testPass, editPack(t, enc, testPass, "", addLine(forged)), false, "signature does not match"},
		{"an encrypted pack with an amount changed", testPass, editPack(t, enc, testPass, "", func(l []string) []string {
			for i := range l {
				l[i] = strings.Replace(l[i], `"amount":-1000`, `"amount":-100000`, 1)
			}
			return l
		}), false, "signature does not match"},
		{"an encrypted pack stripped to plaintext", "", editPack(t, enc, testPass, "caseload-pack 2 plain", func(l []string) []string { return l }), true, "encryption was stripped"},
		{"a plaintext pack without --plaintext", "", plain, false, "NOT encrypted"},
		{"an unsigned pack", "", unsign(t, plain), true, "not signed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := dump(t, laptop)
			_, err := laptop.ImportPack(ctx, tt.pack, ImportOptions{Passphrase: tt.pass, Plaintext: tt.plaintext})
			if err == nil || !IsRefused(err) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a refusal containing %q", err, tt.want)
			}
			if dump(t, laptop) != before {
				t.Fatal("a refused pack changed the database")
			}
		})
	}
	// The genuine packs still import.
	rep, err := laptop.ImportPack(ctx, enc, ImportOptions{Passphrase: testPass})
	if err != nil || rep.New != 1 || rep.Plaintext {
		t.Fatalf("genuine pack: %+v %v", rep, err)
	}
}

// unsign removes the end line's signature (recomputing nothing else).
func unsign(t testing.TB, pack []byte) []byte {
	t.Helper()
	m, changes, _, err := decodePack(pack, "")
	if err != nil {
		t.Fatal(err)
	}
	out, err := encodePack(m, changes, "", true, nil)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestForeignCaseloadIsRefusedBeforeAnythingIsWritten(t *testing.T) {
	office, laptop := pairedOffice(t)
	// Another council's database with an account of the same reference.
	other := newReplica(t, "other-council")
	mustCreate(t, other, "NW1001")
	mustPost(t, other, Posting{Ref: "NW1001", Kind: PostPayment, Amount: domain.MustMoney("75.00"), Method: domain.MethodBank})
	pack := mustExport(t, other, ExportOptions{Accounts: []string{"NW1001"}})
	theirs, _ := other.Identity(ctx)
	ours, _ := office.Identity(ctx)
	if theirs.Caseload == ours.Caseload {
		t.Fatal("two new databases share a caseload id")
	}
	for _, s := range []*Store{office, laptop} {
		// Even with the key trusted, the caseload refuses it.
		before := dump(t, s)
		_, err := s.ImportPack(ctx, pack, ImportOptions{Plaintext: true, Trust: theirs.Fingerprint})
		if err == nil || !IsRefused(err) || !strings.Contains(err.Error(), theirs.Caseload) || !strings.Contains(err.Error(), ours.Caseload) {
			t.Fatalf("%s: err = %v, want a refusal naming both caseloads", s.Self().Name, err)
		}
		if dump(t, s) != before {
			t.Fatalf("%s: a foreign pack changed the database", s.Self().Name)
		}
	}
	// The laptop, empty until its first pack, took the office's caseload.
	if id, _ := laptop.Identity(ctx); id.Caseload != ours.Caseload {
		t.Fatalf("laptop caseload %s, want the office's %s", id.Caseload, ours.Caseload)
	}
}

func TestTrustingPeers(t *testing.T) {
	office := newReplica(t, "office")
	mustCreate(t, office, "NW1001")
	pack := mustExport(t, office, ExportOptions{Accounts: []string{"NW1001"}})
	oid, _ := office.Identity(ctx)
	laptop := newReplica(t, "laptop")
	before := dump(t, laptop)

	_, err := laptop.ImportPack(ctx, pack, ImportOptions{Plaintext: true})
	u, ok := AsUntrustedKey(err)
	if !ok || u.Fingerprint != oid.Fingerprint || !IsRefused(err) || !strings.Contains(err.Error(), oid.Fingerprint) {
		t.Fatalf("first pack: err = %v, want an untrusted key naming %s", err, oid.Fingerprint)
	}
	other := newReplica(t, "other")
	wrong, _ := other.Identity(ctx)
	if _, err := laptop.ImportPack(ctx, pack, ImportOptions{Plaintext: true, Trust: wrong.Fingerprint}); !errors.As(err, &u) {
		t.Fatalf("trusting another fingerprint: err = %v", err)
	}
	if dump(t, laptop) != before {
		t.Fatal("an untrusted pack changed the database")
	}

	// Trusted ahead, as read out by the office (any case, no dashes).
	if _, err := laptop.TrustPeer(ctx, strings.ToLower(strings.ReplaceAll(oid.Fingerprint, "-", ""))); err != nil {
		t.Fatal(err)
	}
	if _, err := laptop.ImportPack(ctx, pack, ImportOptions{Plaintext: true}); err != nil {
		t.Fatal(err)
	}
	keys, _ := laptop.TrustedKeys(ctx)
	if len(keys) != 1 || keys[0].Fingerprint != oid.Fingerprint || keys[0].Name != "office" || keys[0].Replica != office.Self().ID {
		t.Fatalf("trusted keys %+v", keys)
	}

	// A pack claiming to be the office's, signed with another key.
	m, changes, _, _ := decodePack(mustExport(t, office, ExportOptions{Changes: true, For: "laptop"}), "")
	impostor := signingKey(t, other)
	m.SourceKey = encodeKey(impostor.Public().(ed25519.PublicKey))
	fake, _ := encodePack(m, changes, "", true, impostor)
	before = dump(t, laptop)
	if _, err := laptop.ImportPack(ctx, fake, ImportOptions{Plaintext: true, Trust: wrong.Fingerprint}); err == nil || !strings.Contains(err.Error(), "signs with key "+oid.Fingerprint) {
		t.Fatalf("impostor: err = %v", err)
	}
	if dump(t, laptop) != before {
		t.Fatal("an impostor's pack changed the database")
	}

	if _, err := laptop.TrustPeer(ctx, "not-a-fingerprint"); !domain.IsValidation(err) {
		t.Fatalf("bad fingerprint: %v", err)
	}
	lid, _ := laptop.Identity(ctx)
	if _, err := laptop.TrustPeer(ctx, lid.Fingerprint); !domain.IsValidation(err) {
		t.Fatalf("own fingerprint: %v", err)
	}
	// Forgotten: the next pack from it asks again.
	if _, err := laptop.ForgetPeer(ctx, oid.Fingerprint); err != nil {
		t.Fatal(err)
	}
	if _, err := laptop.ForgetPeer(ctx, oid.Fingerprint); !domain.IsValidation(err) {
		t.Fatalf("forgetting twice: %v", err)
	}
	if _, err := laptop.ImportPack(ctx, mustExport(t, office, ExportOptions{Changes: true, For: "laptop"}), ImportOptions{Plaintext: true}); !errors.As(err, &u) {
		t.Fatalf("after forgetting: err = %v", err)
	}
}

func TestRelayedChangesAndChangesInOurOwnName(t *testing.T) {
	office, laptop := pairedOffice(t)
	tablet := newReplica(t, "tablet")
	mustImport(t, tablet, mustExport(t, office, ExportOptions{Accounts: []string{"NW1001"}}), "")
	mustPost(t, tablet, Posting{Ref: "NW1001", Kind: PostPayment, Amount: domain.MustMoney("5.00"), Method: domain.MethodCash})
	mustImport(t, office, mustExport(t, tablet, ExportOptions{Changes: true, For: "office"}), "")
	// The tablet's payment reaches the laptop relayed by the office, whose
	// key the laptop trusts; the laptop has never seen the tablet's key.
	rep, err := laptop.ImportPack(ctx, mustExport(t, office, ExportOptions{Changes: true, For: "laptop"}), ImportOptions{Plaintext: true})
	if err != nil || rep.New == 0 {
		t.Fatalf("relayed: %+v %v", rep, err)
	}
	// A trusted office cannot make changes in the laptop's own name.
	m, changes, _, _ := decodePack(mustExport(t, office, ExportOptions{Changes: true, For: "laptop"}), "")
	var forged Change
	json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(forgedPayment(t, laptop.Self().ID, 50), `{"change":`), "}")), &forged)
	changes = append(changes, forged)
	m.Counts.Changes = len(changes)
	m.PackID = uuid.Must(uuid.NewV7()).String()
	bad, _ := encodePack(m, changes, "", true, signingKey(t, office))
	before := dump(t, laptop)
	if _, err := laptop.ImportPack(ctx, bad, ImportOptions{Plaintext: true}); err == nil || !strings.Contains(err.Error(), "own name") {
		t.Fatalf("err = %v", err)
	}
	if dump(t, laptop) != before {
		t.Fatal("changed")
	}
}

func TestVersion1PacksOnlyWithAcceptV1(t *testing.T) {
	office, laptop := pairedOffice(t)
	mustPost(t, office, Posting{Ref: "NW1001", Kind: PostCharge, Amount: domain.MustMoney("1.00")})
	m, changes, _, _ := decodePack(mustExport(t, office, ExportOptions{Changes: true, For: "laptop"}), "")
	m.Version, m.Caseload, m.SourceKey, m.Encrypted = 1, "", "", false
	v1, _ := encodePack(m, changes, "", true, nil)
	before := dump(t, laptop)
	if _, err := laptop.ImportPack(ctx, v1, ImportOptions{Plaintext: true}); err == nil || !strings.Contains(err.Error(), "--accept-v1") {
		t.Fatalf("err = %v", err)
	}
	if dump(t, laptop) != before {
		t.Fatal("changed")
	}
	if rep, err := laptop.ImportPack(ctx, v1, ImportOptions{Plaintext: true, AcceptV1: true}); err != nil || rep.New != 1 || rep.Signer != "" {
		t.Fatalf("accepted v1: %+v %v", rep, err)
	}
	// A new database whose first pack is version 1 joins the caseload an
	// upgraded office derives (from its oldest change's replica).
	fresh := newReplica(t, "fresh")
	m, changes, _, _ = decodePack(mustExport(t, office, ExportOptions{Accounts: []string{"NW1001"}}), "")
	m.Version, m.Caseload, m.SourceKey, m.Encrypted = 1, "", "", false
	v1, _ = encodePack(m, changes, "", true, nil)
	if _, err := fresh.ImportPack(ctx, v1, ImportOptions{Plaintext: true, AcceptV1: true}); err != nil {
		t.Fatal(err)
	}
	if id, _ := fresh.Identity(ctx); id.Caseload != derivedCaseload(office.Self().ID) {
		t.Fatalf("caseload %s, want %s", id.Caseload, derivedCaseload(office.Self().ID))
	}
}

// TestUpgradedDatabasesDeriveOneCaseload: an office and a laptop made
// from it before caseloads had ids, upgraded separately, agree on an id.
func TestUpgradedDatabasesDeriveOneCaseload(t *testing.T) {
	dir := t.TempDir()
	paths := []string{filepath.Join(dir, "office.db"), filepath.Join(dir, "laptop.db")}
	office, _ := Open(paths[0], Options{Officer: "o", Now: fixedNow, ReplicaName: "office"})
	laptop, _ := Open(paths[1], Options{Officer: "l", Now: fixedNow, ReplicaName: "laptop"})
	mustCreate(t, office, "NW1001", "NW1002")
	mustImport(t, laptop, mustExport(t, office, ExportOptions{Accounts: []string{"NW1002"}}), "")
	mustPost(t, laptop, Posting{Ref: "NW1002", Kind: PostPayment, Amount: domain.MustMoney("1.00"), Method: domain.MethodCash})
	officeID := office.Self().ID
	var ids []string
	for i, s := range []*Store{office, laptop} {
		// Back to how schema 1 left it.
		if _, err := s.db.Exec("DELETE FROM identity"); err != nil {
			t.Fatal(err)
		}
		s.Close()
		again, err := Open(paths[i], Options{Now: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		id, _ := again.Identity(ctx)
		ids = append(ids, id.Caseload)
		again.Close()
	}
	want := uuid.NewSHA1(caseloadNamespace, []byte(officeID)).String()
	if ids[0] != want || ids[1] != want {
		t.Fatalf("caseloads %v, want both %s", ids, want)
	}
}

// FuzzReadPack: any bytes read as a pack either decode and pass the seal
// check, or are refused — never a panic; and no bytes the fuzzer makes
// pass as signed by a key other than the one that signed the seeds.
func FuzzReadPack(f *testing.F) {
	office := newReplica(f, "office")
	// One fixed key, so that the seeds made here and in every fuzzing
	// worker are signed alike.
	fixed := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
	if _, err := office.db.Exec("UPDATE identity SET public_key = ?, private_key = ?", []byte(fixed.Public().(ed25519.PublicKey)), fixed.Seed()); err != nil {
		f.Fatal(err)
	}
	mustCreate(f, office, "NW1001")
	mustPost(f, office, Posting{Ref: "NW1001", Kind: PostCharge, Amount: domain.MustMoney("100.00")})
	plain := mustExport(f, office, ExportOptions{Accounts: []string{"NW1001"}})
	enc := mustExport(f, office, ExportOptions{Accounts: []string{"NW1001"}, Passphrase: testPass})
	m, changes, _, err := decodePack(plain, "")
	if err != nil {
		f.Fatal(err)
	}
	m.Version = 1
	v1, _ := encodePack(m, changes, "", true, nil)
	f.Add(plain)
	f.Add(enc)
	f.Add(unsign(f, plain))
	f.Add(v1)
	f.Add(plain[:len(plain)/2])
	f.Add([]byte("caseload-pack 2 plain\n"))
	f.Add([]byte("caseload-pack 1 plain\n"))
	f.Add([]byte(fmt.Sprintf("caseload-pack %d age\nage-encryption.org/v1\n", packVersion)))
	signer := fixed.Public().(ed25519.PublicKey)
	f.Fuzz(func(t *testing.T, data []byte) {
		m, _, digest, err := decodePack(data, testPass)
		if err != nil {
			if !IsRefused(err) {
				t.Fatalf("not a refusal: %v", err)
			}
			return
		}
		key, err := checkSeal(m, digest, ImportOptions{Plaintext: true, AcceptV1: true})
		if err != nil {
			if !IsRefused(err) {
				t.Fatalf("not a refusal: %v", err)
			}
			return
		}
		if key != nil && !key.Equal(signer) {
			t.Fatalf("a pack passed as signed by %s", Fingerprint(key))
		}
	})
}
