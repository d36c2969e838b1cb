package store

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"caseload/domain"
)

// rechain recomputes the hashes of changes as their origin would have made
// them, in (origin, seq) order: the changes of a database that really
// holds this content (a copy, a forgery made with the software's help).
func rechain(changes []Change) {
	idx := make([]int, len(changes))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool {
		x, y := changes[idx[a]], changes[idx[b]]
		if x.Origin != y.Origin {
			return x.Origin < y.Origin
		}
		return x.Seq < y.Seq
	})
	for k, i := range idx {
		c := &changes[i]
		if k > 0 {
			if p := changes[idx[k-1]]; p.Origin == c.Origin && p.Seq == c.Seq-1 && c.Prev != preChain {
				c.Prev = p.Sum
			}
		}
		c.Sum = hex.EncodeToString(chainSum(c.Prev, *c))
	}
}

func checkProblems(t *testing.T, s *Store) string {
	t.Helper()
	r, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() {
		t.Fatal("check passed a database edited behind the software's back")
	}
	return strings.Join(r.Problems, "\n")
}

func TestEveryChangeIsChainedToItsOriginsPrevious(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	mustPost(t, s, Posting{Ref: "AB1001", Kind: PostCharge, Amount: amt("100.00")})
	// Ledger rows through the bulk path too.
	if _, err := s.IngestTransactions(ctx, "t.csv", []byte("ref,date,type,amount\nAB1001,2026-11-02,charge,100.00\nAB1001,2026-11-03,payment,-25.50\n"), today); err != nil {
		t.Fatal(err)
	}
	rows, err := s.db.Query("SELECT seq, prev, hash FROM change WHERE origin = ? ORDER BY seq", s.self.No)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := genesis
	n := 0
	for rows.Next() {
		var seq int64
		var prev, sum []byte
		if err := rows.Scan(&seq, &prev, &sum); err != nil {
			t.Fatal(err)
		}
		if hex.EncodeToString(prev) != hex.EncodeToString(want) || len(sum) != 32 {
			t.Fatalf("change %d: prev %x, want %x (hash %x)", seq, prev, want, sum)
		}
		want = sum
		n++
	}
	if n < 4 {
		t.Fatalf("only %d changes", n)
	}
	mustCheck(t, s)
}

func TestCheckCatchesALedgerRowEditedWithItsBalance(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	mustPost(t, s, Posting{Ref: "AB1001", Kind: PostCharge, Amount: amt("100.00"), Date: today})
	paid := mustPost(t, s, Posting{Ref: "AB1001", Kind: PostPayment, Amount: amt("40.00"), Method: domain.MethodCash, Date: today})
	mustPost(t, s, Posting{Ref: "AB1001", Kind: PostCharge, Amount: amt("100.00"), Date: today})
	mustCheck(t, s)
	// The payment grows to £400 and the balance with it: balance == sum
	// still holds, so only the change log can tell.
	seq := strings.TrimPrefix(paid.IDs[0], s.self.Short()+"-")
	if _, err := s.db.Exec("UPDATE txn SET amount = -40000 WHERE origin = ? AND seq = ?", s.self.No, seq); err != nil {
		t.Fatal(err)
	}
	s.db.Exec("UPDATE account SET balance = balance - 36000 WHERE ref = 'AB1001'")
	got := checkProblems(t, s)
	if !strings.Contains(got, "ledger row "+paid.IDs[0]+" (AB1001, 2026-11-23 payment -400.00) does not match its change-log entry") {
		t.Fatalf("problems:\n%s", got)
	}
	// It does not spread: no pack carries it.
	if _, err := s.Export(ctx, ExportOptions{Accounts: []string{"AB1001"}, Plaintext: true}); err == nil || !strings.Contains(err.Error(), "does not match its hash") {
		t.Fatalf("export of an edited change: err = %v", err)
	}
	if _, err := s.Export(ctx, ExportOptions{Changes: true, For: "anyone", Plaintext: true}); err == nil {
		t.Fatal("a changes pack carried the edited change")
	}

	// An editor who also recomputes the entry's hash breaks its link to
	// the next change.
	var prev []byte
	s.db.QueryRow("SELECT prev FROM change WHERE origin = ? AND seq = ?", s.self.No, seq).Scan(&prev)
	c := Change{Origin: s.self.ID, Officer: "tester", Entity: entityTxn, EntityID: paid.IDs[0], Account: "AB1001", Op: "add"}
	s.db.QueryRow("SELECT seq, hlc FROM change WHERE origin = ? AND seq = ?", s.self.No, seq).Scan(&c.Seq, &c.HLC)
	body, _ := txnBodyByChange(ctx, s.db, s.self.No, c.Seq)
	c.Value = txnJSON(body)
	if _, err := s.db.Exec("UPDATE change SET hash = ? WHERE origin = ? AND seq = ?", chainSum(hex.EncodeToString(prev), c), s.self.No, seq); err != nil {
		t.Fatal(err)
	}
	if got := checkProblems(t, s); !strings.Contains(got, "does not follow change "+seq) {
		t.Fatalf("problems:\n%s", got)
	}
}

func TestCheckCatchesARegisterEditedWithRawSQL(t *testing.T) {
	for _, tt := range []struct{ name, sql, want string }{
		{"an edited register", "UPDATE resident SET phone = '07700 900999'", `account AB1001: phone is "07700 900999" here but "07700 900100" in the change log`},
		{"a register never edited", "UPDATE property SET address = '9 Other Road'", `account AB1001: address is "9 Other Road" here but "1 Sample Street" in the change log`},
		{"a pause", "UPDATE account SET paused_until = '2027-01-01'", `account AB1001: paused_until is "2027-01-01" here but "" in the change log`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestStore(t)
			mustCreate(t, s, "AB1001")
			if err := s.SetAccountFields(ctx, "AB1001", map[string]string{"phone": "07700 900100"}); err != nil {
				t.Fatal(err)
			}
			mustCheck(t, s)
			before := dump(t, s)
			if _, err := s.db.Exec(tt.sql); err != nil {
				t.Fatal(err)
			}
			if got := checkProblems(t, s); !strings.Contains(got, tt.want) {
				t.Fatalf("problems:\n%s", got)
			}
			// The check looked, and wrote nothing.
			s.db.Exec("UPDATE resident SET phone = '07700 900100'")
			s.db.Exec("UPDATE property SET address = '1 Sample Street'")
			s.db.Exec("UPDATE account SET paused_until = ''")
			if dump(t, s) != before {
				t.Fatal("check changed the database")
			}
		})
	}
}

func TestImportRefusesAPackWhoseChainDoesNotVerify(t *testing.T) {
	office, laptop := newReplica(t, "office"), newReplica(t, "laptop")
	mustCreate(t, office, "NW1001")
	mustPost(t, office, Posting{Ref: "NW1001", Kind: PostCharge, Amount: amt("100.00")})
	mustPost(t, office, Posting{Ref: "NW1001", Kind: PostPayment, Amount: amt("10.00"), Method: domain.MethodCash})
	plain := mustExport(t, office, ExportOptions{Accounts: []string{"NW1001"}})
	payment := func(changes []Change) int {
		for i, c := range changes {
			if c.Entity == entityTxn && strings.Contains(string(c.Value), `"payment"`) {
				return i
			}
		}
		t.Fatal("no payment in the pack")
		return 0
	}
	charge := func(changes []Change) int {
		for i, c := range changes {
			if c.Entity == entityTxn && strings.Contains(string(c.Value), `"charge"`) {
				return i
			}
		}
		t.Fatal("no charge in the pack")
		return 0
	}
	for _, tt := range []struct {
		name string
		edit func(changes []Change)
		want string
	}{
		{"an amount edited", func(cs []Change) {
			i := payment(cs)
			cs[i].Value = []byte(strings.Replace(string(cs[i].Value), `"amount":-1000`, `"amount":-500000`, 1))
		}, "does not match its hash"},
		{"an officer changed", func(cs []Change) { cs[payment(cs)].Officer = "someone-else" }, "does not match its hash"},
		{"an amount edited and its hash recomputed", func(cs []Change) {
			i := charge(cs)
			cs[i].Value = []byte(strings.Replace(string(cs[i].Value), `"amount":10000`, `"amount":1`, 1))
			cs[i].Sum = hex.EncodeToString(chainSum(cs[i].Prev, cs[i]))
		}, "does not follow"},
		{"a hash dropped from one change", func(cs []Change) { cs[0].Sum, cs[0].Prev = "", "" }, "mixes changes with and without a hash"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, changes, _, err := decodePack(plain, "")
			if err != nil {
				t.Fatal(err)
			}
			tt.edit(changes)
			bad, err := encodePack(m, changes, "", true, signingKey(t, office)) // with a fresh checksum and signature
			if err != nil {
				t.Fatal(err)
			}
			before := dump(t, laptop)
			_, err = importTrusting(laptop, bad, ImportOptions{})
			if err == nil || !IsRefused(err) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "nothing imported") {
				t.Fatalf("err = %v, want a refusal saying %q", err, tt.want)
			}
			if dump(t, laptop) != before {
				t.Fatal("a refused pack changed the database")
			}
		})
	}
	// The untouched pack imports, and the laptop holds the office's hashes.
	mustImport(t, laptop, plain, "")
	mustCheck(t, laptop)
	var a, b string
	office.db.QueryRow("SELECT hex(hash) FROM change WHERE seq = 3").Scan(&a)
	laptop.db.QueryRow("SELECT hex(c.hash) FROM change c JOIN replica r ON r.no = c.origin WHERE r.id = ? AND c.seq = 3", office.self.ID).Scan(&b)
	if a == "" || a != b {
		t.Fatalf("office hash %s, laptop holds %s", a, b)
	}
}

func TestImportRefusesAChangeThatDoesNotFitTheChainHeldHere(t *testing.T) {
	office, laptop := newReplica(t, "office"), newReplica(t, "laptop")
	mustCreate(t, office, "NW1001")
	mustPost(t, office, Posting{Ref: "NW1001", Kind: PostCharge, Amount: amt("100.00")})
	mustImport(t, laptop, mustExport(t, office, ExportOptions{Accounts: []string{"NW1001"}}), "")
	mustPost(t, office, Posting{Ref: "NW1001", Kind: PostPayment, Amount: amt("10.00"), Method: domain.MethodCash})
	next := mustExport(t, office, ExportOptions{Changes: true, For: "laptop"})
	m, changes, _, err := decodePack(next, "")
	if err != nil {
		t.Fatal(err)
	}
	// A forger rewrites the new change's link (and hash) to hang it on
	// a history the laptop does not hold.
	last := changes[:1]
	for i := range changes {
		if changes[i].Seq > last[0].Seq {
			last = changes[i : i+1]
		}
	}
	last[0].Prev = strings.Repeat("ab", 32)
	last[0].Sum = hex.EncodeToString(chainSum(last[0].Prev, last[0]))
	m.Counts.Changes = 1
	bad, _ := encodePack(m, last, "", true, signingKey(t, office))
	before := dump(t, laptop)
	if _, err := importTrusting(laptop, bad, ImportOptions{}); err == nil || !strings.Contains(err.Error(), "does not follow change") {
		t.Fatalf("err = %v", err)
	}
	if dump(t, laptop) != before {
		t.Fatal("a refused pack changed the database")
	}
	mustImport(t, laptop, next, "")
	mustCheck(t, laptop)
}

// TestOlderDatabasesGetTheSameHashesEverywhere: a database from before the
// chain is hashed when it is migrated, and two replicas holding the same
// change (one of them only part of its origin's history) compute the same
// hash for it, so they keep syncing.
func TestOlderDatabasesGetTheSameHashesEverywhere(t *testing.T) {
	dir := t.TempDir()
	open := func(name string) *Store {
		s, err := Open(filepath.Join(dir, name+".db"), Options{Officer: name, Now: fixedNow, ReplicaName: name})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	office, laptop := open("office"), open("laptop")
	mustCreate(t, office, "NW1001", "NW1002")
	mustPost(t, office, Posting{Ref: "NW1001", Kind: PostCharge, Amount: amt("100.00")})
	mustPost(t, office, Posting{Ref: "NW1002", Kind: PostCharge, Amount: amt("50.00")})
	if err := office.SetAccountFields(ctx, "NW1001", map[string]string{"phone": "07700 900100"}); err != nil {
		t.Fatal(err)
	}
	mustImport(t, laptop, mustExport(t, office, ExportOptions{Accounts: []string{"NW1001"}}), "")
	mustPost(t, laptop, Posting{Ref: "NW1001", Kind: PostPayment, Amount: amt("5.00"), Method: domain.MethodCash})
	// Make both files as an older caseload left them (the schema before
	// the chain's migration), then open them again.
	before := 0
	ms, err := migrationFiles()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if strings.HasSuffix(m.name, "_change_chain.sql") {
			before = m.version - 1
		}
	}
	for _, s := range []*Store{office, laptop} {
		// Later migrations are undone too (the court case's event columns).
		for _, q := range []string{"ALTER TABLE change DROP COLUMN prev", "ALTER TABLE change DROP COLUMN hash",
			"ALTER TABLE event DROP COLUMN outcome", "ALTER TABLE event DROP COLUMN terms_weekly",
			"ALTER TABLE event DROP COLUMN terms", "ALTER TABLE event DROP COLUMN possession_date",
			// The Direct Debit tables (mandates, then the Bacs runs).
			"DROP TABLE bacs_item", "DROP TABLE bacs_exception", "DROP TABLE bacs_run",
			"DROP TABLE mandate_event", "DROP TABLE mandate", "DROP TABLE modulus_file",
			// The kept worklist rows' view and triggers (those on
			// account_summary go with it).
			"DROP TRIGGER worklist_facts_account_update", "DROP TRIGGER worklist_facts_resident_update",
			"DROP TRIGGER worklist_facts_property_update", "DROP VIEW worklist_facts",
			"DROP TABLE account_summary", "DROP TABLE account_pays",
			"DROP TABLE account_plan", // the live arrangements' rows
			// The report's period records.
			"DROP TABLE account_period", "DROP INDEX txn_reversals",
			fmt.Sprintf("PRAGMA user_version = %d", before)} {
			if _, err := s.db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		s.Close()
	}
	office, laptop = open("office"), open("laptop")
	defer office.Close()
	defer laptop.Close()
	for _, s := range []*Store{office, laptop} {
		r, err := s.Check(ctx)
		if err != nil || !r.OK() || r.PreChain == 0 {
			t.Fatalf("%s after migration: %v %v (pre-chain %d)", s.Self().Name, err, r.Problems, r.PreChain)
		}
	}
	hashes := func(s *Store) map[string]string {
		out := map[string]string{}
		rows, _ := s.db.Query("SELECT r.id || ':' || c.seq, hex(c.hash) FROM change c JOIN replica r ON r.no = c.origin")
		defer rows.Close()
		for rows.Next() {
			var id, h string
			rows.Scan(&id, &h)
			out[id] = h
		}
		return out
	}
	ho, hl := hashes(office), hashes(laptop)
	shared := 0
	for id, h := range hl {
		if o, ok := ho[id]; ok {
			shared++
			if o != h {
				t.Fatalf("change %s: office %s, laptop %s", id, o, h)
			}
		}
	}
	if shared == 0 {
		t.Fatal("no change in common")
	}
	// New work chains on from the old, and syncs both ways.
	mustPost(t, office, Posting{Ref: "NW1001", Kind: PostCharge, Amount: amt("100.00")})
	mustPost(t, laptop, Posting{Ref: "NW1001", Kind: PostPayment, Amount: amt("1.00"), Method: domain.MethodCash})
	mustImport(t, laptop, mustExport(t, office, ExportOptions{Changes: true, For: "laptop"}), "")
	mustImport(t, office, mustExport(t, laptop, ExportOptions{Changes: true, For: "office"}), "")
	mustCheck(t, office)
	mustCheck(t, laptop)
}

// TestAPackFromBeforeTheChainImportsAsPreChain: an older caseload's pack
// carries no hashes; its changes are hashed as that caseload will hash
// them itself once upgraded.
func TestAPackFromBeforeTheChainImportsAsPreChain(t *testing.T) {
	office, laptop := newReplica(t, "office"), newReplica(t, "laptop")
	mustCreate(t, office, "NW1001")
	mustPost(t, office, Posting{Ref: "NW1001", Kind: PostCharge, Amount: amt("100.00")})
	m, changes, _, err := decodePack(mustExport(t, office, ExportOptions{Accounts: []string{"NW1001"}}), "")
	if err != nil {
		t.Fatal(err)
	}
	for i := range changes {
		changes[i].Prev, changes[i].Sum = "", ""
	}
	old, _ := encodePack(m, changes, "", true, signingKey(t, office))
	mustImport(t, laptop, old, "")
	r, err := laptop.Check(ctx)
	if err != nil || !r.OK() || r.PreChain != len(changes) {
		t.Fatalf("check: %v %v, pre-chain %d of %d", err, r.Problems, r.PreChain, len(changes))
	}
}

func TestCheckReportsALostHashAndWritesAreRefused(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	mustPost(t, s, Posting{Ref: "AB1001", Kind: PostCharge, Amount: amt("100.00")})
	if _, err := s.db.Exec("UPDATE change SET hash = NULL WHERE seq = (SELECT max(seq) FROM change)"); err != nil {
		t.Fatal(err)
	}
	if got := checkProblems(t, s); !strings.Contains(got, "has no hash: the change log was altered outside caseload") {
		t.Fatalf("problems:\n%s", got)
	}
	before := dump(t, s)
	if _, err := s.Post(ctx, Posting{Ref: "AB1001", Kind: PostCharge, Amount: amt("1.00")}, today); err == nil || !strings.Contains(err.Error(), "has no hash") {
		t.Fatalf("a write on a broken chain: %v", err)
	}
	if dump(t, s) != before {
		t.Fatal("a refused write changed the database")
	}
}

func TestAChangeHashesTheSameWhateverItsSpacingOrKeyOrder(t *testing.T) {
	base := Change{Origin: "9f3a61c2-0000-4000-8000-000000000001", Seq: 7, HLC: 99, Officer: "asmith", Entity: entityNote,
		EntityID: "9f3a61c2-7", Account: "NW1001", Op: "add"}
	same := func(v string) string {
		c := base
		c.Value = json.RawMessage(v)
		return hex.EncodeToString(chainSum(preChain, c))
	}
	want := same(`{"date":"2026-11-23","text":"rang <3>","n":10}`)
	for _, v := range []string{
		`{ "text": "rang <3>", "date": "2026-11-23", "n": 10 }`,
		`{"n":10,"date":"2026-11-23","text":"rang \u003c3\u003e"}`,
	} {
		if got := same(v); got != want {
			t.Errorf("%s hashes differently", v)
		}
	}
	for _, v := range []string{`{"date":"2026-11-23","text":"rang <3>","n":10.0}`, `{"date":"2026-11-23","text":"rang <3>"}`, `not json`, `{} {}`} {
		if got := same(v); got == want {
			t.Errorf("%s hashes the same as a different value", v)
		}
	}
	// A ledger body hashes as its ledger row will read back.
	txn := base
	txn.Entity = entityTxn
	txn.Value = json.RawMessage(`{"type":"charge","date":"2026-11-23","amount":100,"method":""}`)
	a := chainSum(preChain, txn)
	txn.Value = txnJSON(txnBody{Date: "2026-11-23", Type: "charge", Amount: 100})
	if hex.EncodeToString(a) != hex.EncodeToString(chainSum(preChain, txn)) {
		t.Error("a ledger body with an empty method written out hashes differently from its row")
	}
}
