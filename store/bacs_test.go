package store

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/bacs"
	"caseload/domain/bacs/bacstest"
	"caseload/domain/directdebit"
)

const testSUN = "123456"

func testOriginator() BacsFileOptions {
	return BacsFileOptions{Originator: bacs.Originator{SUN: testSUN, Name: "EXAMPLE COUNCIL", SortCode: "401234", Account: "12345678"},
		Policy: bacs.DefaultRepresentationPolicy()}
}

func d26(m time.Month, day int) domain.Date { return domain.MustDate(2026, m, day) }

// bacsCycleStore has three live-or-pending mandates collecting on the 15th
// (first collection 15 Dec 2026), lodged with one AUDDIS file.
func bacsCycleStore(t *testing.T) *Store {
	t.Helper()
	s := newTestStore(t)
	mustCreate(t, s, "NW1001", "NW1002", "NW1003")
	for _, ref := range []string{"NW1001", "NW1002", "NW1003"} {
		mustSetUp(t, s, NewMandate{Ref: ref, Payer: "Sam Example", SortCode: "20-00-00", Account: "58177632", Day: 15,
			Frequency: arrangement.Monthly, Amount: domain.MustMoney("433.33")})
	}
	return s
}

func codes(f BacsFile) string {
	var out []string
	for _, d := range f.Due {
		out = append(out, d.Account+" "+string(d.Item.Code))
	}
	return strings.Join(out, ",")
}

func TestBacsCycle(t *testing.T) {
	s := bacsCycleStore(t)
	o := testOriginator()
	var delivered []byte
	o.Deliver = func(b []byte) error { delivered = b; return nil }

	// AUDDIS: every pending mandate is lodged once.
	f, err := s.AUDDIS(ctx, d26(11, 25), today, o)
	if err != nil || codes(f) != "NW1001 0N,NW1002 0N,NW1003 0N" || f.Volume != "000001" || !bytes.Equal(delivered, f.Bytes) {
		t.Fatalf("AUDDIS file %q %v", codes(f), err)
	}
	if again, err := s.AUDDIS(ctx, d26(11, 25), today, o); err != nil || len(again.Due) != 0 || again.Run != "" {
		t.Fatalf("a second AUDDIS file holds %q (%v)", codes(again), err)
	}

	// The bank accepts the file but rejects NW1003's instruction.
	on := d26(11, 30)
	adv := bacstest.AUDDIS(d26(11, 26), testSUN, "000001", true, d26(11, 25), 3, []bacstest.Rejection{{Ref: "NW1003DD01", Reason: "5"}})
	imp, err := s.ImportAdvice(ctx, "auddis.xml", adv, testSUN, bacs.DefaultRepresentationPolicy(), on)
	if err != nil || imp.Kind != bacs.KindAUDDIS || imp.Exceptions != 0 {
		t.Fatalf("AUDDIS advice: %+v %v", imp, err)
	}
	for ref, want := range map[string]directdebit.State{"NW1001DD01": directdebit.Live, "NW1002DD01": directdebit.Live, "NW1003DD01": directdebit.Pending} {
		if m, _ := s.Mandate(ctx, ref); m.State != want {
			t.Fatalf("%s is %s, want %s", ref, m.State, want)
		}
	}
	if f, err := s.AUDDIS(ctx, d26(12, 2), on, o); err != nil || codes(f) != "NW1003 0N" {
		t.Fatalf("the rejected instruction is lodged again: %q %v", codes(f), err)
	}

	// Collections for 15 Dec (processing Monday 14th): first collections.
	made := d26(12, 10)
	f, err = s.Collect(ctx, d26(12, 14), made, o)
	if err != nil || codes(f) != "NW1001 01,NW1002 01" || !f.Totals.DebitValue.Equal(domain.MustMoney("866.66")) {
		t.Fatalf("collection file %q %+v %v", codes(f), f.Totals, err)
	}
	parsed, err := bacs.ParseStandard18(bytes.NewReader(f.Bytes))
	if err != nil || len(parsed.Records) != 3 || parsed.Records[0].Reference != "NW1001DD01" {
		t.Fatalf("the file does not read back: %v %+v", err, parsed)
	}
	again, err := s.Collect(ctx, d26(12, 14), made, o)
	if err != nil || len(again.Due) != 0 || again.Run != "" || len(again.Skipped) != 2 || !strings.Contains(again.Skipped[0].Why, "already in a file") {
		t.Fatalf("the same collections went in a second file: %q %+v %v", codes(again), again.Skipped, err)
	}

	// Posting on the collection day, once.
	before, _ := s.Account(ctx, "NW1001")
	p, err := s.PostCollections(ctx, d26(12, 15), d26(12, 15))
	if err != nil || p.Count != 2 || !p.Total.Equal(domain.MustMoney("866.66")) {
		t.Fatalf("posted %+v %v", p, err)
	}
	if p, err := s.PostCollections(ctx, d26(12, 16), d26(12, 16)); err != nil || p.Count != 0 {
		t.Fatalf("posted twice: %+v %v", p, err)
	}
	after, _ := s.Account(ctx, "NW1001")
	if !after.Balance.Equal(before.Balance.Sub(domain.MustMoney("433.33"))) {
		t.Fatalf("balance %s → %s", before.Balance, after.Balance)
	}

	// The ARUDD: refer to payer (re-presented), instruction cancelled, and
	// one the council never sent.
	arudd := bacstest.ARUDD(d26(12, 17), testSUN, []bacstest.Return{
		{Ref: "NW1001DD01", ReturnCode: "0128", Description: "REFER TO PAYER", Original: d26(12, 14), Amount: "433.33", Payer: "SAM EXAMPLE"},
		{Ref: "NW1002DD01", ReturnCode: "1012", Description: "INSTRUCTION CANCELLED", Original: d26(12, 14), Amount: "433.33"},
		{Ref: "ZZ9999DD01", ReturnCode: "0128", Description: "REFER TO PAYER", Original: d26(12, 14), Amount: "12.00"},
	})
	imp, err = s.ImportAdvice(ctx, "arudd.xml", arudd, testSUN, bacs.DefaultRepresentationPolicy(), d26(12, 17))
	if err != nil || imp.Returned != 2 || imp.Reversed != 2 || imp.Represent != 1 || imp.Exceptions != 1 {
		t.Fatalf("ARUDD: %+v %v", imp, err)
	}
	if back, _ := s.Account(ctx, "NW1001"); !back.Balance.Equal(before.Balance) {
		t.Fatalf("the unpaid payment is not reversed: %s, was %s", back.Balance, before.Balance)
	}
	evs, _ := s.Events(ctx, "NW1002")
	if len(evs) != 1 || evs[0].Type != domain.EventDDUnpaid || !strings.HasPrefix(evs[0].Detail, "1 instruction cancelled") {
		t.Fatalf("dd-unpaid event %+v", evs)
	}
	if m, _ := s.Mandate(ctx, "NW1002DD01"); m.State != directdebit.Cancelled {
		t.Fatalf("a cancelled instruction leaves the mandate %s", m.State)
	}

	// The same file again, and a malformed one: refused, nothing written.
	snapshot := dump(t, s)
	if _, err := s.ImportAdvice(ctx, "arudd-copy.xml", arudd, testSUN, bacs.DefaultRepresentationPolicy(), d26(12, 18)); !domain.IsValidation(err) ||
		!strings.Contains(err.Error(), "already imported on 2026-12-17") {
		t.Fatalf("a file imported twice: %v", err)
	}
	bad := bytes.Replace(arudd, []byte(`numberOf="3"`), []byte(`numberOf="4"`), 1)
	if _, err := s.ImportAdvice(ctx, "bad.xml", bad, testSUN, bacs.DefaultRepresentationPolicy(), d26(12, 18)); !domain.IsValidation(err) ||
		!strings.Contains(err.Error(), "Totals/@numberOf") {
		t.Fatalf("a malformed file: %v", err)
	}
	other := bacstest.ARUDD(d26(12, 17), "999999", nil)
	if _, err := s.ImportAdvice(ctx, "other.xml", other, testSUN, bacs.DefaultRepresentationPolicy(), d26(12, 18)); !domain.IsValidation(err) {
		t.Fatalf("another council's advice: %v", err)
	}
	if dump(t, s) != snapshot {
		t.Fatal("a refused advice wrote something")
	}

	// The re-presentation goes in the first file after the payer's notice.
	if f, err := s.Collect(ctx, d26(12, 21), d26(12, 17), o); err != nil || len(f.Due) != 0 {
		t.Fatalf("re-presented before the notice ran: %q %v", codes(f), err)
	}
	f, err = s.Collect(ctx, d26(12, 24), d26(12, 22), o)
	if err != nil || codes(f) != "NW1001 18" || !f.Due[0].Item.Amount.Equal(domain.MustMoney("433.33")) {
		t.Fatalf("re-presentation file %q %v", codes(f), err)
	}
	if f, err := s.Collect(ctx, d26(12, 24), d26(12, 22), o); err != nil || len(f.Due) != 0 {
		t.Fatalf("re-presented twice: %q %v", codes(f), err)
	}

	// ADDACS: NW1001 moved bank with new details; an unknown reference.
	addacs := bacstest.ADDACS(d26(12, 22), testSUN, []bacstest.Amendment{
		{Ref: "NW1001DD01", Reason: "3", Effective: d26(12, 21), NewSortCode: "089999", NewNumber: "66374958"},
		{Ref: "NOSUCH0001", Reason: "1", Effective: d26(12, 21)},
	})
	imp, err = s.ImportAdvice(ctx, "addacs.xml", addacs, testSUN, bacs.DefaultRepresentationPolicy(), d26(12, 22))
	if err != nil || imp.Exceptions != 1 {
		t.Fatalf("ADDACS: %+v %v", imp, err)
	}
	m, _ := s.Mandate(ctx, "NW1001DD01")
	if m.SortCode != "089999" || m.Account != "66374958" || m.State != directdebit.Pending {
		t.Fatalf("after the transfer: %+v", m)
	}
	notes, _ := s.Notes(ctx, "NW1001")
	if len(notes) == 0 || !strings.Contains(notes[len(notes)-1].Text, "account transferred") || strings.Contains(notes[len(notes)-1].Text, "66374958") {
		t.Fatalf("timeline note %+v", notes)
	}
	// A new 0N on the new account; no 0C for the bank-cancelled NW1002; NW1003
	// was lodged again on 2 Dec.
	if f, err := s.AUDDIS(ctx, d26(12, 23), d26(12, 22), o); err != nil || codes(f) != "NW1001 0N" {
		t.Fatalf("AUDDIS after the advices: %q %v", codes(f), err)
	}

	// Exceptions: listed, settled once.
	ex, err := s.BacsExceptions(ctx, false)
	if err != nil || len(ex) != 2 || ex[0].Reference != "ZZ9999DD01" || !strings.Contains(ex[0].Why, "no collection was sent") {
		t.Fatalf("exceptions %+v %v", ex, err)
	}
	if err := s.SettleException(ctx, ex[0].ID, "not ours: told the bank", d26(12, 22)); err != nil {
		t.Fatal(err)
	}
	if err := s.SettleException(ctx, ex[0].ID, "again", d26(12, 22)); !domain.IsValidation(err) {
		t.Fatalf("settled twice: %v", err)
	}
	if open, _ := s.BacsExceptions(ctx, false); len(open) != 1 {
		t.Fatalf("open exceptions %+v", open)
	}
	runs, err := s.BacsRuns(ctx)
	if err != nil || len(runs) != 9 || runs[0].Kind != RunAUDDIS || runs[0].Summary != "1 instruction (1 new instruction 0N), effective Thu 24 Dec 2026" {
		t.Fatalf("run log %d %+v %v", len(runs), runs, err)
	}
	mustCheck(t, s)
}

func TestCollectRefusesABadDateAndWritesNothing(t *testing.T) {
	s := bacsCycleStore(t)
	before := dump(t, s)
	// Saturday: not a Bacs working day.
	if _, err := s.AUDDIS(ctx, d26(11, 28), today, testOriginator()); !domain.IsValidation(err) || !strings.Contains(err.Error(), "not a Bacs working day") {
		t.Fatalf("%v", err)
	}
	o := testOriginator()
	o.Originator.SUN = "12"
	if _, err := s.AUDDIS(ctx, d26(11, 25), today, o); !domain.IsValidation(err) {
		t.Fatalf("%v", err)
	}
	if dump(t, s) != before {
		t.Fatal("a refused file wrote something")
	}
}

func TestDefaultBacsFileNeverTakesAnExistingName(t *testing.T) {
	s := newTestStore(t)
	first := s.DefaultBacsFile(RunCollection, d26(12, 14))
	if filepath.Base(first) != "bacs-collection-2026-12-14.txt" {
		t.Fatalf("first %s", first)
	}
	if err := WriteBacsFile(first)([]byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := WriteBacsFile(first)([]byte("y")); !domain.IsValidation(err) {
		t.Fatalf("written over: %v", err)
	}
	if info, err := os.Stat(first); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("%v %v", info, err)
	}
	if next := s.DefaultBacsFile(RunCollection, d26(12, 14)); filepath.Base(next) != "bacs-collection-2026-12-14-2.txt" {
		t.Fatalf("next %s", next)
	}
}
