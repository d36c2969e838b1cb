package store

import (
	"crypto/ed25519"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"caseload/domain"
)

func init() { scryptWorkFactor = 10 } // fast encryption in tests

func newReplica(t testing.TB, name string) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), name+".db"), Options{Officer: name, Now: fixedNow, ReplicaName: name})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustExport(t testing.TB, s *Store, o ExportOptions) []byte {
	t.Helper()
	if o.Passphrase == "" {
		o.Plaintext = true
	}
	out, err := s.Export(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	return out.Data
}

// importTrusting imports as an officer who confirms the sender's key when
// first asked (the first pack between two replicas), with plaintext packs
// allowed.
func importTrusting(s *Store, pack []byte, o ImportOptions) (ImportReport, error) {
	o.Plaintext = true
	rep, err := s.ImportPack(ctx, pack, o)
	if u, ok := AsUntrustedKey(err); ok {
		o.Trust = u.Fingerprint
		rep, err = s.ImportPack(ctx, pack, o)
	}
	return rep, err
}

// signingKey is a store's private key, for tests that forge packs as a
// trusted peer gone bad would.
func signingKey(t testing.TB, s *Store) ed25519.PrivateKey {
	t.Helper()
	_, key, err := loadIdentity(ctx, s.db)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func mustImport(t testing.TB, s *Store, pack []byte, passphrase string) ImportReport {
	t.Helper()
	rep, err := importTrusting(s, pack, ImportOptions{Passphrase: passphrase})
	if err != nil {
		t.Fatalf("import into %s: %v", s.Self().Name, err)
	}
	return rep
}

func mustCheck(t testing.TB, s *Store) {
	t.Helper()
	r, err := s.Check(ctx)
	if err != nil || !r.OK() {
		t.Fatalf("%s check: %v %v", s.Self().Name, err, r.Problems)
	}
}

// damageAndCheck runs sql behind the store's back (after a clean check)
// and fails unless check then reports a problem containing every one of
// want.
func damageAndCheck(t testing.TB, s *Store, sql string, want ...string) {
	t.Helper()
	mustCheck(t, s)
	if _, err := s.db.Exec(sql); err != nil {
		t.Fatal(err)
	}
	r, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	problems := strings.Join(r.Problems, "\n")
	for _, w := range want {
		if r.OK() || !strings.Contains(problems, w) {
			t.Fatalf("check after %s: want %q in %v", sql, w, r.Problems)
		}
	}
}

// TestVisitAndBack is the acceptance scenario of DESIGN.md "Sync by file":
// a visit pack out, work on both sides, changes packs both ways.
func TestVisitAndBack(t *testing.T) {
	office, laptop := newReplica(t, "office"), newReplica(t, "laptop-jsmith")
	mustCreate(t, office, "NW1001", "NW1002", "NW1003")
	for _, ref := range []string{"NW1001", "NW1002", "NW1003"} {
		mustPost(t, office, Posting{Ref: ref, Kind: PostCharge, Amount: domain.MustMoney("100.00"), Date: today.AddDays(-7)})
	}
	visit := mustExport(t, office, ExportOptions{Accounts: []string{"NW1001", "NW1002"}, Passphrase: "correct horse battery"})
	rep := mustImport(t, laptop, visit, "correct horse battery")
	if rep.New == 0 || rep.Present != 0 {
		t.Fatalf("visit import: %+v", rep)
	}
	if _, err := laptop.Account(ctx, "NW1003"); err == nil {
		t.Fatal("the visit pack carried an account outside its scope")
	}

	// On the visit, offline.
	mustPost(t, laptop, Posting{Ref: "NW1001", Kind: PostPayment, Amount: domain.MustMoney("20.00"), Method: domain.MethodCard})
	mustPost(t, laptop, Posting{Ref: "NW1002", Kind: PostPayment, Amount: domain.MustMoney("15.00"), Method: domain.MethodCash})
	if _, err := laptop.AddNote(ctx, NewNote{Ref: "NW1001", Channel: domain.ChannelVisit, Text: "Visited; paid £20 by card"}, today); err != nil {
		t.Fatal(err)
	}
	if err := laptop.SetAccountFields(ctx, "NW1001", map[string]string{"phone": "07700 900111"}); err != nil {
		t.Fatal(err)
	}
	// Meanwhile in the office.
	mustPost(t, office, Posting{Ref: "NW1001", Kind: PostPayment, Amount: domain.MustMoney("30.00"), Method: domain.MethodBank})
	if err := office.SetAccountFields(ctx, "NW1001", map[string]string{"phone": "07700 900222", "email": "sam@example.org"}); err != nil {
		t.Fatal(err)
	}

	back := mustExport(t, laptop, ExportOptions{Changes: true, For: "office"})
	rep = mustImport(t, office, back, "")
	if len(rep.Conflicts) != 1 || rep.Conflicts[0].Field != "phone" {
		t.Fatalf("office import: conflicts %+v", rep.Conflicts)
	}
	out := mustExport(t, office, ExportOptions{Changes: true, For: "laptop-jsmith"})
	rep = mustImport(t, laptop, out, "")
	if len(rep.Conflicts) != 1 {
		t.Fatalf("laptop import: conflicts %+v", rep.Conflicts)
	}

	for _, ref := range []string{"NW1001", "NW1002"} {
		a1, _ := office.Account(ctx, ref)
		a2, _ := laptop.Account(ctx, ref)
		if !reflect.DeepEqual(a1, a2) {
			t.Errorf("%s differs:\noffice %+v\nlaptop %+v", ref, a1, a2)
		}
		l1, _ := office.Ledger(ctx, ref)
		l2, _ := laptop.Ledger(ctx, ref)
		if !reflect.DeepEqual(l1, l2) {
			t.Errorf("%s ledgers differ:\noffice %+v\nlaptop %+v", ref, l1, l2)
		}
	}
	a, _ := office.Account(ctx, "NW1001")
	if !a.Balance.Equal(domain.MustMoney("50.00")) || a.Email != "sam@example.org" {
		t.Fatalf("NW1001 balance %s email %q; want 50.00 (100 − 20 − 30) and the office's email", a.Balance, a.Email)
	}
	c1, _ := office.Conflicts(ctx)
	c2, _ := laptop.Conflicts(ctx)
	if len(c1) != 1 || len(c2) != 1 || c1[0].Kept != c2[0].Kept || c1[0].Other != c2[0].Other {
		t.Fatalf("conflicts differ: office %+v laptop %+v", c1, c2)
	}
	if a.Phone != c1[0].Kept {
		t.Fatalf("phone %q is not the conflict's kept value %q", a.Phone, c1[0].Kept)
	}
	// Re-importing any pack changes nothing.
	for _, p := range []struct {
		s    *Store
		pack []byte
		pass string
	}{{laptop, visit, "correct horse battery"}, {office, back, ""}, {laptop, out, ""}} {
		before := dump(t, p.s)
		rep, err := p.s.ImportPack(ctx, p.pack, ImportOptions{Passphrase: p.pass, Plaintext: true})
		if err != nil || rep.AlreadyImported == "" {
			t.Fatalf("re-import: %+v %v", rep, err)
		}
		if dump(t, p.s) != before {
			t.Fatal("re-importing a pack changed the database")
		}
	}
	mustCheck(t, office)
	mustCheck(t, laptop)

	// Resolving on the laptop syncs to the office and closes it there too.
	if err := laptop.ResolveConflict(ctx, c2[0].ID, "other"); err != nil {
		t.Fatal(err)
	}
	mustImport(t, office, mustExport(t, laptop, ExportOptions{Changes: true, For: "office"}), "")
	c1, _ = office.Conflicts(ctx)
	a1, _ := office.Account(ctx, "NW1001")
	a2, _ := laptop.Account(ctx, "NW1001")
	if len(c1) != 0 || a1.Phone != a2.Phone || a1.Phone != c2[0].Other {
		t.Fatalf("after resolving: office conflicts %+v, phones %q / %q, want %q", c1, a1.Phone, a2.Phone, c2[0].Other)
	}
	// The laptop's changes have been acknowledged by the office.
	mustImport(t, laptop, mustExport(t, office, ExportOptions{Changes: true, For: "laptop-jsmith"}), "")
	if n, _ := laptop.Unsynced(ctx); n != 0 {
		t.Fatalf("laptop still has %d unsynced changes after a round trip", n)
	}
}

func TestImportRefusesBadPacksAndChangesNothing(t *testing.T) {
	office, laptop := newReplica(t, "office"), newReplica(t, "laptop")
	mustCreate(t, office, "NW1001")
	mustPost(t, office, Posting{Ref: "NW1001", Kind: PostCharge, Amount: domain.MustMoney("100.00")})
	enc := mustExport(t, office, ExportOptions{Accounts: []string{"NW1001"}, Passphrase: "the right passphrase"})
	plain := mustExport(t, office, ExportOptions{Accounts: []string{"NW1001"}})
	other := newReplica(t, "elsewhere")
	// elsewhere joins the office's caseload, then introduces itself to the
	// office: a "for elsewhere" pack is possible below.
	mustImport(t, other, plain, "")
	mustImport(t, office, mustExport(t, other, ExportOptions{Accounts: []string{"NW1001"}}), "")
	forOther := mustExport(t, office, ExportOptions{Changes: true, For: "elsewhere"})

	flip := func(b []byte, i int) []byte { c := append([]byte{}, b...); c[i] ^= 0x40; return c }
	tests := []struct {
		name, pass string
		pack       []byte
		want       string
	}{
		{"wrong passphrase", "the wrong passphrase", enc, "wrong passphrase"},
		{"no passphrase", "", enc, "is encrypted"},
		{"truncated encrypted", "the right passphrase", enc[:len(enc)-20], "incomplete or damaged"},
		{"bit flipped encrypted", "the right passphrase", flip(enc, len(enc)-30), "incomplete or damaged"},
		{"truncated plain", "", plain[:len(plain)-15], "damaged"},
		{"bit flipped plain", "", flip(plain, len(plain)/2), "damaged"},
		{"not a pack", "", []byte("ref,date\nNW1001,2026-01-01\n"), "not a caseload pack"},
		{"newer format", "", append([]byte("caseload-pack 3 plain\n"), plain[len("caseload-pack 2 plain\n"):]...), "needs a newer caseload"},
		{"for another replica", "", forOther, "pack is for elsewhere"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := dump(t, laptop)
			_, err := importTrusting(laptop, tt.pack, ImportOptions{Passphrase: tt.pass})
			if err == nil || !IsRefused(err) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a refusal containing %q", err, tt.want)
			}
			if dump(t, laptop) != before {
				t.Fatal("a refused pack changed the database")
			}
		})
	}
	t.Run("tampered change with a recomputed checksum is still refused by content", func(t *testing.T) {
		// A foreign-schema change (an entity this caseload does not know).
		m, changes, _, err := decodePack(plain, "")
		if err != nil {
			t.Fatal(err)
		}
		changes[0].Entity = "spaceship"
		bad, err := encodePack(m, changes, "", true, signingKey(t, office))
		if err != nil {
			t.Fatal(err)
		}
		before := dump(t, laptop)
		if _, err := importTrusting(laptop, bad, ImportOptions{}); err == nil || !strings.Contains(err.Error(), "unknown entity") {
			t.Fatalf("err = %v", err)
		}
		if dump(t, laptop) != before {
			t.Fatal("changed")
		}
	})
	t.Run("a change number reused with different content (copied database)", func(t *testing.T) {
		mustImport(t, laptop, plain, "")
		m, changes, _, _ := decodePack(plain, "")
		m.PackID = "01900000-0000-7000-8000-000000000001"
		for i := range changes {
			if changes[i].Entity == entityTxn {
				changes[i].Value = []byte(strings.Replace(string(changes[i].Value), `"amount":10000`, `"amount":99999`, 1))
			}
		}
		rechain(changes) // a copied database hashes its own history
		bad, _ := encodePack(m, changes, "", true, signingKey(t, office))
		before := dump(t, laptop)
		if _, err := importTrusting(laptop, bad, ImportOptions{}); err == nil || !strings.Contains(err.Error(), "reused change numbers") {
			t.Fatalf("err = %v", err)
		}
		if dump(t, laptop) != before {
			t.Fatal("changed")
		}
	})
	t.Run("dry run writes nothing and says what would change", func(t *testing.T) {
		fresh := newReplica(t, "fresh")
		before := dump(t, fresh)
		rep, err := importTrusting(fresh, plain, ImportOptions{DryRun: true})
		if err != nil || !rep.DryRun || rep.New == 0 {
			t.Fatalf("dry run: %+v %v", rep, err)
		}
		if dump(t, fresh) != before {
			t.Fatal("a dry run changed the database")
		}
	})
}

func TestDuplicatePaymentsAndReversalsAreFlaggedNotDropped(t *testing.T) {
	office, laptop := newReplica(t, "office"), newReplica(t, "laptop")
	mustCreate(t, office, "NW1001")
	mustPost(t, office, Posting{Ref: "NW1001", Kind: PostCharge, Amount: domain.MustMoney("100.00")})
	orig := mustPost(t, office, Posting{Ref: "NW1001", Kind: PostPayment, Amount: domain.MustMoney("10.00"), Method: domain.MethodCash})
	mustImport(t, laptop, mustExport(t, office, ExportOptions{Accounts: []string{"NW1001"}}), "")
	// The same £25 cash payment taken on the visit and keyed in the office.
	mustPost(t, laptop, Posting{Ref: "NW1001", Kind: PostPayment, Amount: domain.MustMoney("25.00"), Method: domain.MethodCash})
	mustPost(t, office, Posting{Ref: "NW1001", Kind: PostPayment, Amount: domain.MustMoney("25.00"), Method: domain.MethodCash})
	// Both officers reverse the £10 payment.
	mustPost(t, laptop, Posting{Ref: "NW1001", Kind: PostReverse, Of: orig.IDs[0]})
	mustPost(t, office, Posting{Ref: "NW1001", Kind: PostReverse, Of: orig.IDs[0]})

	rep := mustImport(t, office, mustExport(t, laptop, ExportOptions{Changes: true, For: "office"}), "")
	if len(rep.Duplicates) != 2 {
		t.Fatalf("duplicates flagged %+v, want the payment pair and the reversal pair", rep.Duplicates)
	}
	mustImport(t, laptop, mustExport(t, office, ExportOptions{Changes: true, For: "laptop"}), "")
	for _, s := range []*Store{office, laptop} {
		a, _ := s.Account(ctx, "NW1001")
		// 100 − 10 + 10 (one reversal counts) − 25 − 25 (both kept for review).
		if !a.Balance.Equal(domain.MustMoney("50.00")) {
			t.Errorf("%s balance %s, want 50.00", s.Self().Name, a.Balance)
		}
		lines, _ := s.Ledger(ctx, "NW1001")
		if len(lines) != 6 {
			t.Errorf("%s has %d ledger lines, want all 6 kept", s.Self().Name, len(lines))
		}
		mustCheck(t, s)
	}
	d1, _ := office.StateDigest(ctx)
	d2, _ := laptop.StateDigest(ctx)
	if d1 != d2 {
		t.Fatal("replicas differ after exchanging everything")
	}
}
