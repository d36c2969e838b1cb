package store

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"caseload/domain"
)

// TestANewImportEqualsTheOfficeAndRefusesABadFact: a changes pack of many
// batches into a database holding none of it gives the office's state,
// each change held once; into one holding part of it, the same state with
// the part proved present; and a fact only its handler can find bad (a
// charge with a negative weekly amount, rehashed), deep in the pack, is
// refused by name with nothing written.
func TestANewImportEqualsTheOfficeAndRefusesABadFact(t *testing.T) {
	defer func(n int) { importBatch = n }(importBatch)
	importBatch = 7 // many batches
	office := newReplica(t, "office")
	refs := benchLedger(t, office, 60, 3)
	for i, ref := range refs[:40] {
		if _, err := office.AddNote(ctx, NewNote{Ref: ref, Channel: domain.ChannelPhone, Text: "rang about the arrears"}, today); err != nil {
			t.Fatal(err)
		}
		if i%4 == 0 {
			if err := office.SetAccountFields(ctx, ref, map[string]string{"phone": "07700 900111"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	pack := mustExport(t, office, ExportOptions{Changes: true, For: "laptop"})
	want, err := office.StateDigest(ctx)
	if err != nil {
		t.Fatal(err)
	}

	laptop := newReplica(t, "laptop")
	rep := mustImport(t, laptop, pack, "")
	if rep.New != rep.Changes || rep.Present != 0 {
		t.Fatalf("new %d, present %d of %d changes", rep.New, rep.Present, rep.Changes)
	}
	mustCheck(t, laptop)
	if got, _ := laptop.StateDigest(ctx); got != want {
		t.Fatalf("the laptop's state %s is not the office's %s", got, want)
	}
	var logged, accounts int
	laptop.db.QueryRow("SELECT count(*) FROM change").Scan(&logged)
	laptop.db.QueryRow("SELECT count(*) FROM account").Scan(&accounts)
	if logged != rep.Changes || accounts != len(refs) {
		t.Fatalf("%d changes logged, %d accounts; want %d and %d", logged, accounts, rep.Changes, len(refs))
	}

	// A laptop that already holds part of the pack (a visit pack of the
	// office's) takes the one-by-one path, to the same state.
	other := newReplica(t, "laptop2")
	mustImport(t, other, mustExport(t, office, ExportOptions{Accounts: refs[10:12]}), "")
	rep = mustImport(t, other, mustExport(t, office, ExportOptions{Changes: true, For: "laptop2"}), "")
	if rep.Present == 0 {
		t.Fatalf("the second laptop was sent nothing it held: %+v", rep)
	}
	if got, _ := other.StateDigest(ctx); got != want {
		t.Fatalf("the second laptop's state %s is not the office's %s", got, want)
	}

	// A charge with a negative weekly amount, rehashed so only its handler
	// can find it, deep in the pack: refused, named, nothing written.
	m, changes, _, err := decodePack(pack, "")
	if err != nil {
		t.Fatal(err)
	}
	bad := -1
	for i, c := range changes {
		if c.Entity == entityCharge && i > len(changes)/2 {
			bad = i
			break
		}
	}
	if bad < 0 {
		t.Fatal("no charge in the second half of the pack")
	}
	var body map[string]any
	if err := json.Unmarshal(changes[bad].Value, &body); err != nil {
		t.Fatal(err)
	}
	body["weekly"] = -1
	changes[bad].Value, _ = json.Marshal(body)
	rechain(changes)
	m.PackID = "01900000-0000-7000-8000-0000000002aa"
	data, err := encodePack(m, changes, "", true, signingKey(t, office))
	if err != nil {
		t.Fatal(err)
	}
	fresh := newReplica(t, "laptop3")
	before := dump(t, fresh)
	_, err = importTrusting(fresh, data, ImportOptions{Plaintext: true})
	if !IsRefused(err) || !strings.Contains(err.Error(), "pack change "+changes[bad].ID()+" (charge") ||
		!strings.Contains(err.Error(), "must not be negative") || !strings.Contains(err.Error(), "nothing imported") {
		t.Fatalf("err = %v, want the bad charge %s refused", err, changes[bad].ID())
	}
	if dump(t, fresh) != before {
		t.Fatal("a refused pack changed the database")
	}
}

// TestHeldPrefixAcrossAGap: what a database holds of a replica's changes
// is the contiguous prefix. A pack with a gap before it leaves the prefix
// where it was and warns; the pack that fills the gap moves the prefix
// past everything held, the changes received early included.
func TestHeldPrefixAcrossAGap(t *testing.T) {
	office, laptop := newReplica(t, "office"), newReplica(t, "laptop")
	benchLedger(t, office, 3, 4)
	mustImport(t, laptop, mustExport(t, office, ExportOptions{Changes: true, For: "laptop"}), "")
	held := func() int64 {
		var n int64
		if err := laptop.db.QueryRow("SELECT held FROM replica WHERE id = ?", office.self.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	first := held()
	if first == 0 {
		t.Fatal("the first pack moved nothing")
	}
	for i := 0; i < 12; i++ {
		mustPost(t, office, Posting{Ref: "BN00001", Kind: PostPayment, Amount: amt("5.00"), Method: domain.MethodCash})
	}
	whole := mustExport(t, office, ExportOptions{Changes: true, For: "laptop"})
	m, changes, _, err := decodePack(whole, "")
	if err != nil {
		t.Fatal(err)
	}
	changes = slices.DeleteFunc(changes, func(c Change) bool { return c.Seq <= first })
	if len(changes) < 10 || changes[0].Seq != first+1 {
		t.Fatalf("%d new changes: the pack is not what the test needs", len(changes))
	}
	late := changes[len(changes)/2:]
	m.PackID, m.Counts.Changes = "01900000-0000-7000-8000-0000000003aa", len(late)
	data, err := encodePack(m, late, "", true, signingKey(t, office))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := importTrusting(laptop, data, ImportOptions{Plaintext: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := held(); got != first {
		t.Fatalf("held %d after a pack past a gap, want %d still", got, first)
	}
	gap := fmt.Sprintf("changes %d–%d from office not yet received", first+1, changes[len(changes)-1].Seq)
	if !slices.ContainsFunc(rep.Warnings, func(w string) bool { return strings.Contains(w, gap) }) {
		t.Fatalf("warnings %q, want %q", rep.Warnings, gap)
	}
	mustImport(t, laptop, whole, "")
	if got, want := held(), changes[len(changes)-1].Seq; got != want {
		t.Fatalf("held %d after the gap was filled, want %d", got, want)
	}
	mustCheck(t, laptop)
}

// TestABigImportWorksSummariesAndPeriodsOutFromOneRead: a pack past the
// rows a write applies in place works every account's summary and period
// records out again from its ledger, both from one read of it; they equal
// the office's, which kept them row by row, and check finds nothing.
func TestABigImportWorksSummariesAndPeriodsOutFromOneRead(t *testing.T) {
	office := newReplica(t, "office")
	refs := benchLedger(t, office, 80, 260) // 80 × 390 ledger rows
	if rows := 80 * 390; rows <= sumRowLimit {
		t.Fatalf("%d ledger rows: not past the %d a write applies in place", rows, sumRowLimit)
	}
	// A reversal, so the summary's payments leave one out.
	id := unreversedPayment(t, office, refs[7])
	if _, err := office.Post(ctx, Posting{Ref: refs[7], Kind: PostReverse, Of: id}, today); err != nil {
		t.Fatal(err)
	}
	laptop := newReplica(t, "laptop")
	mustImport(t, laptop, mustExport(t, office, ExportOptions{Changes: true, For: "laptop"}), "")
	mustCheck(t, laptop)
	for _, q := range []string{
		// (The kept payments name their replicas by local numbers, so
		// they are compared by count.)
		`SELECT a.ref, s.last_date, s.balance, s.cleared_on, s.pay_from, hex(s.charges), s.order_date, s.order_balance, length(p.pays)
			FROM account_summary s JOIN account a ON a.no = s.account JOIN account_pays p ON p.account = s.account ORDER BY a.ref`,
		`SELECT a.ref, p.year, p.total, hex(p.rows) FROM account_period p JOIN account a ON a.no = p.account ORDER BY a.ref, p.year`,
	} {
		if got, want := rowsOf(t, laptop, q), rowsOf(t, office, q); got != want {
			t.Fatalf("%s\nlaptop:\n%s\noffice:\n%s", q, got, want)
		}
	}
}
