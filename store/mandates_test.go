package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/bacs"
	"caseload/domain/directdebit"
	"caseload/domain/letters"
)

func monthlyDD(ref string) NewMandate {
	return NewMandate{Ref: ref, Payer: "Sam Example", SortCode: "12-34-56", Account: "12345678", Day: 1,
		Frequency: arrangement.Monthly, Amount: domain.MustMoney("433.33")}
}

func mustSetUp(t *testing.T, s *Store, n NewMandate) MandateSetUp {
	t.Helper()
	out, err := s.SetUpMandate(ctx, n, today)
	if err != nil {
		t.Fatalf("set up %+v: %v", n, err)
	}
	return out
}

func TestSetUpMandateIsPendingWithItsReferenceAndFirstCollection(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "NW1001")
	out := mustSetUp(t, s, monthlyDD("NW1001"))
	m := out.Mandate
	// 23 Nov 2026 + 3 working days to lodge + 10 of notice = 10 Dec: the
	// first 1st after it is 1 Jan 2027 (a bank holiday: collected on the 4th).
	if m.Reference != "NW1001DD01" || m.State != directdebit.Pending || m.SortCode != "123456" || m.Account != "12345678" ||
		m.First != domain.MustDate(2027, time.January, 1) || !m.AmountOn(m.First).Equal(domain.MustMoney("433.33")) {
		t.Fatalf("mandate %+v", m)
	}
	if out.Check.Outcome != bacs.CannotCheck || !strings.Contains(out.Check.Reason, "no modulus table") {
		t.Fatalf("check %+v", out.Check)
	}
	next := m.Next(today, 2, s.Holidays())
	if len(next) != 2 || next[0].On != domain.MustDate(2027, time.January, 4) || next[1].On != domain.MustDate(2027, time.February, 1) {
		t.Fatalf("next collections %+v", next)
	}
	got, err := s.Mandate(ctx, "nw1001dd01")
	if err != nil || got.ID != m.ID || len(got.History) != 1 || got.History[0].Kind != directdebit.SetUp {
		t.Fatalf("by reference: %+v %v", got, err)
	}
	mustCheck(t, s)
}

func TestMandateStatesAreFactsWithReasons(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "NW1001")
	m := mustSetUp(t, s, monthlyDD("NW1001")).Mandate
	if _, err := s.MoveMandate(ctx, m.Reference, directdebit.Live, today.AddDays(3), "AUDDIS accepted"); err != nil {
		t.Fatal(err)
	}
	got, err := s.CancelMandate(ctx, m.ID, "payer asked to pay by card", today.AddDays(5))
	if err != nil {
		t.Fatal(err)
	}
	if got.State != directdebit.Cancelled || got.StateOn != today.AddDays(5) || len(got.History) != 3 ||
		got.History[1].State != directdebit.Live || got.History[2].Reason != "payer asked to pay by card" {
		t.Fatalf("after cancel: %+v", got)
	}
	before := dump(t, s)
	for name, err := range map[string]error{
		"cancel twice": func() error { _, err := s.CancelMandate(ctx, m.ID, "again", today); return err }(),
		"no reason":    func() error { _, err := s.MoveMandate(ctx, m.ID, directdebit.Expired, today, " "); return err }(),
		"unknown":      func() error { _, err := s.CancelMandate(ctx, "NOSUCHREF1", "x", today); return err }(),
	} {
		if !domain.IsValidation(err) {
			t.Errorf("%s: %v, want a refusal", name, err)
		}
	}
	if dump(t, s) != before {
		t.Fatal("a refused change wrote something")
	}
	mustCheck(t, s)
}

func TestSetUpMandateRefusesBadInputAndWritesNothing(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "NW1001")
	ended := testAccount("NW1009")
	ended.Status, ended.End = domain.StatusFormer, domain.MustDate(2026, time.October, 4)
	if err := s.CreateAccount(ctx, ended); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s)
	for name, mod := range map[string]func(*NewMandate){
		"unknown account":  func(n *NewMandate) { n.Ref = "ZZ9999" },
		"ended tenancy":    func(n *NewMandate) { n.Ref = "NW1009" },
		"empty payer":      func(n *NewMandate) { n.Payer = "  " },
		"short sort code":  func(n *NewMandate) { n.SortCode = "12-34-5" },
		"letters":          func(n *NewMandate) { n.Account = "1234ABCD" },
		"ten digits":       func(n *NewMandate) { n.Account = "1234567890" },
		"day not offered":  func(n *NewMandate) { n.Day = 2 },
		"fortnightly":      func(n *NewMandate) { n.Frequency = arrangement.Fortnightly },
		"negative amount":  func(n *NewMandate) { n.Amount = domain.MustMoney("-1") },
		"control in payer": func(n *NewMandate) { n.Payer = "Sam\x1b[2J" },
	} {
		n := monthlyDD("NW1001")
		mod(&n)
		if _, err := s.SetUpMandate(ctx, n, today); !domain.IsValidation(err) {
			t.Errorf("%s: %v, want a refusal", name, err)
		}
	}
	if dump(t, s) != before {
		t.Fatal("a refused set-up wrote something")
	}
}

func TestANewMandateReplacesTheOpenOne(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "NW1001")
	first := mustSetUp(t, s, monthlyDD("NW1001")).Mandate
	n := monthlyDD("NW1001")
	n.Account, n.Day, n.Frequency = "87654321", 8, arrangement.Weekly
	out := mustSetUp(t, s, n)
	if out.Replaced == nil || out.Replaced.ID != first.ID || out.Mandate.Reference != "NW1001DD02" {
		t.Fatalf("set-up %+v", out)
	}
	ms, err := s.AccountMandates(ctx, "NW1001")
	if err != nil || len(ms) != 2 || ms[0].ID != out.Mandate.ID || ms[1].State != directdebit.Cancelled ||
		ms[1].History[1].Reason != "replaced by NW1001DD02" {
		t.Fatalf("mandates %+v %v", ms, err)
	}
	open, err := s.Mandates(ctx, directdebit.Pending, directdebit.Live)
	if err != nil || len(open) != 1 || open[0].ID != out.Mandate.ID {
		t.Fatalf("open mandates %+v %v", open, err)
	}
	mustCheck(t, s)
}

func TestMandateAmountAndDetailsChangesAreHistory(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "NW1001")
	m := mustSetUp(t, s, monthlyDD("NW1001")).Mandate
	april := domain.MustDate(2027, time.April, 1)
	err := s.write(ctx, "test", "NW1001", func(w *writer) error {
		return w.changeMandateAmount(m, domain.MustMoney("450.00"), april, today, "April rent change")
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.ChangeMandateDetails(ctx, m.Reference, "", "20-00-00", "55779911", today, "ADDACS 3: account transferred")
	if err != nil {
		t.Fatal(err)
	}
	if !got.AmountOn(april.AddDays(-1)).Equal(domain.MustMoney("433.33")) || !got.AmountOn(april).Equal(domain.MustMoney("450.00")) ||
		got.SortCode != "200000" || got.Account != "55779911" || len(got.History) != 3 {
		t.Fatalf("mandate %+v", got)
	}
	if w := got.History[2].Words(); strings.Contains(w, "55779911") || !strings.Contains(w, "••••9911") {
		t.Fatalf("history shows the account number: %q", w)
	}
	mustCheck(t, s)
}

func TestMandatesTravelInPacksAndMergeByUnion(t *testing.T) {
	office, laptop := newReplica(t, "office"), newReplica(t, "laptop")
	mustCreate(t, office, "NW1001")
	m := mustSetUp(t, office, monthlyDD("NW1001")).Mandate
	mustImport(t, laptop, mustExport(t, office, ExportOptions{Accounts: []string{"NW1001"}, Passphrase: "correct horse battery"}), "correct horse battery")
	// Offline on both sides: the office hears the lodgement was accepted,
	// the laptop records the payer's cancellation a day later.
	if _, err := office.MoveMandate(ctx, m.ID, directdebit.Live, today.AddDays(3), "AUDDIS accepted"); err != nil {
		t.Fatal(err)
	}
	if _, err := laptop.CancelMandate(ctx, m.ID, "payer cancelled on a visit", today.AddDays(4)); err != nil {
		t.Fatal(err)
	}
	mustImport(t, office, mustExport(t, laptop, ExportOptions{Changes: true, For: "office"}), "")
	mustImport(t, laptop, mustExport(t, office, ExportOptions{Changes: true, For: "laptop"}), "")
	a, _ := office.Mandate(ctx, m.ID)
	b, _ := laptop.Mandate(ctx, m.ID)
	if a.State != directdebit.Cancelled || b.State != directdebit.Cancelled || len(a.History) != 3 || len(b.History) != 3 {
		t.Fatalf("office %+v\nlaptop %+v", a, b)
	}
	d1, _ := office.StateDigest(ctx)
	d2, _ := laptop.StateDigest(ctx)
	if d1 != d2 {
		t.Fatal("replicas that saw the same changes differ")
	}
	mustCheck(t, office)
	mustCheck(t, laptop)
}

func modulusFiles(t *testing.T) (weights, subs []byte) {
	t.Helper()
	weights, err := os.ReadFile("../domain/bacs/testdata/valacdos_excerpt.txt")
	if err != nil {
		t.Fatal(err)
	}
	subs, err = os.ReadFile("../domain/bacs/testdata/scsubtab_excerpt.txt")
	if err != nil {
		t.Fatal(err)
	}
	return weights, subs
}

func TestModulusTablesLoadCheckMandatesAndTravel(t *testing.T) {
	office, laptop := newReplica(t, "office"), newReplica(t, "laptop")
	mustCreate(t, office, "NW1001")
	weights, subs := modulusFiles(t)
	rep, err := office.LoadModulus(ctx, "valacdos.txt", weights, "scsubtab.txt", subs)
	if err != nil || !rep.Weights.Written || !rep.Substitutions.Written || rep.Weights.Rows == 0 {
		t.Fatalf("load: %+v %v", rep, err)
	}
	if again, err := office.LoadModulus(ctx, "valacdos.txt", weights, "scsubtab.txt", subs); err != nil || again.Weights.Written {
		t.Fatalf("the same tables loaded again: %+v %v", again, err)
	}
	// Pay.UK's published cases 1 and 29: 089999 66374958 passes, …59 fails.
	n := monthlyDD("NW1001")
	n.SortCode, n.Account = "08-99-99", "66374959"
	before := dump(t, office)
	if _, err := office.SetUpMandate(ctx, n, today); !domain.IsValidation(err) || !strings.Contains(err.Error(), "check the sort code") {
		t.Fatalf("a failing account number: %v", err)
	}
	if dump(t, office) != before {
		t.Fatal("a refused mandate wrote something")
	}
	n.Account = "66374958"
	if out := mustSetUp(t, office, n); out.Check.Outcome != bacs.Valid {
		t.Fatalf("a passing account number: %+v", out.Check)
	}
	// A sort code the table does not cover cannot be checked: not blocked.
	n.SortCode = "99-99-99"
	if out := mustSetUp(t, office, n); out.Check.Outcome != bacs.CannotCheck || !strings.Contains(out.Check.Reason, "not in the modulus weight table") {
		t.Fatalf("a sort code outside the table: %+v", out.Check)
	}
	mustCheck(t, office)

	mustImport(t, laptop, mustExport(t, office, ExportOptions{Changes: true, For: "laptop"}), "")
	if res, err := laptop.ModulusCheck("089999", "66374959"); err != nil || res.Outcome != bacs.Invalid {
		t.Fatalf("the laptop's check after the pack: %+v %v", res, err)
	}
	if w, s := laptop.ModulusInForce(); w == 0 || s == 0 {
		t.Fatalf("laptop has %d weight rows, %d substitutions", w, s)
	}
	mustCheck(t, laptop)
}

func TestABadModulusFileLoadsNothing(t *testing.T) {
	s := newTestStore(t)
	weights, _ := modulusFiles(t)
	before := dump(t, s)
	_, err := s.LoadModulus(ctx, "valacdos.txt", weights, "scsubtab.txt", []byte("938173 938017\n938173 93801X\n"))
	if !domain.IsValidation(err) || !strings.Contains(err.Error(), "scsubtab.txt:2") {
		t.Fatalf("bad substitutions: %v", err)
	}
	bad := strings.Replace(string(weights), "MOD11", "MOD12", 1)
	if _, err := s.LoadModulus(ctx, "valacdos.txt", []byte(bad), "", nil); !domain.IsValidation(err) || !strings.Contains(err.Error(), "valacdos.txt:") {
		t.Fatalf("bad weights: %v", err)
	}
	if dump(t, s) != before {
		t.Fatal("a refused load wrote something")
	}
	if w, _ := s.ModulusInForce(); w != 0 {
		t.Fatal("a refused load is in force")
	}
}

func mustAddRent(t *testing.T, s *Store, ref, weekly string, from domain.Date) {
	t.Helper()
	err := s.write(ctx, "test charge", ref, func(w *writer) error {
		_, err := w.add(entityCharge, ref, chargeBody{Component: "rent", Weekly: domain.MustMoney(weekly).PenceValue(), From: from.String()})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestMandateAmountComesFromTheCharges(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "NW1001")
	n := monthlyDD("NW1001")
	n.Amount = domain.Money{}
	m := mustSetUp(t, s, n).Mandate
	// £100 a week: 100 × 52 ÷ 12 = 433.333… → £433.33.
	if got := m.AmountOn(m.First); got.String() != "433.33" {
		t.Fatalf("amount %s", got)
	}
	a, err := s.MandateAmount(ctx, "NW1001", arrangement.FourWeekly, today)
	if err != nil || a.Total.String() != "400.00" {
		t.Fatalf("four-weekly %+v %v", a, err)
	}
}

func TestTheAprilRentChangeGivesEveryMandateItsNotice(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "NW1001", "NW1002", "NW1003")
	on8 := monthlyDD("NW1001")
	on8.Day, on8.Amount = 8, domain.Money{}
	m1 := mustSetUp(t, s, on8).Mandate // first collection 8 Jan 2027
	on15 := monthlyDD("NW1002")
	on15.Day, on15.Amount = 15, domain.Money{}
	m2 := mustSetUp(t, s, on15).Mandate // first collection 15 Dec 2026
	gone := mustSetUp(t, s, monthlyDD("NW1003")).Mandate
	if _, err := s.CancelMandate(ctx, gone.ID, "paying by card", today); err != nil {
		t.Fatal(err)
	}
	april := domain.MustDate(2027, time.April, 5)
	for _, ref := range []string{"NW1001", "NW1002", "NW1003"} {
		mustAddRent(t, s, ref, "104.00", april)
	}
	before := dump(t, s)
	dry, err := s.RecalculateMandates(ctx, april, today, true)
	if err != nil || dry.Open != 2 || len(dry.Changes) != 2 || dry.Late != 0 || dry.Written {
		t.Fatalf("dry run %+v %v", dry, err)
	}
	if dump(t, s) != before {
		t.Fatal("a dry run wrote something")
	}
	run, err := s.RecalculateMandates(ctx, april, today, false)
	if err != nil || len(run.Changes) != 2 || !run.Written {
		t.Fatalf("run %+v %v", run, err)
	}
	got, _ := s.Mandate(ctx, m1.ID)
	// £104 a week: 104 × 52 ÷ 12 = 450.666… → £450.67 from the 8 April collection.
	if got.AmountOn(domain.MustDate(2027, time.April, 7)).String() != "433.33" || got.AmountOn(domain.MustDate(2027, time.April, 8)).String() != "450.67" {
		t.Fatalf("amounts %+v", got.Amounts)
	}
	notes, err := s.db.QueryContext(ctx, "SELECT n.text FROM note n JOIN account a ON a.no = n.account WHERE a.ref = 'NW1001' AND n.channel = 'letter'")
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for notes.Next() {
		var x string
		notes.Scan(&x)
		texts = append(texts, x)
	}
	notes.Close()
	if len(texts) != 1 || !strings.Contains(texts[0], "£450.67 a month") || !strings.Contains(texts[0], "Thu 8 Apr 2027") ||
		strings.Contains(texts[0], "12345678") {
		t.Fatalf("notice %q", texts)
	}
	if again, err := s.RecalculateMandates(ctx, april, today, false); err != nil || len(again.Changes) != 0 || again.Written {
		t.Fatalf("second run %+v %v", again, err)
	}

	// A change too close to a collection: the 15 Dec collection cannot have
	// 10 working days' notice on 3 Dec, so it stays at the old amount.
	december := domain.MustDate(2026, time.December, 7)
	mustAddRent(t, s, "NW1002", "102.00", december)
	late, err := s.RecalculateMandates(ctx, december, domain.MustDate(2026, time.December, 3), false)
	if err != nil || len(late.Changes) != 1 || late.Late != 1 {
		t.Fatalf("late run %+v %v", late, err)
	}
	got, _ = s.Mandate(ctx, m2.ID)
	if got.AmountOn(domain.MustDate(2026, time.December, 15)).String() != "433.33" || got.AmountOn(domain.MustDate(2027, time.January, 15)).String() != "442.00" {
		t.Fatalf("late amounts %+v", got.Amounts)
	}
	var detail string
	if err := s.db.QueryRowContext(ctx, "SELECT detail FROM event WHERE type = 'dd-notice-late'").Scan(&detail); err != nil ||
		!strings.Contains(detail, "NW1002DD01") || !strings.Contains(detail, "stays at £433.33") {
		t.Fatalf("late event %q %v", detail, err)
	}
	mustCheck(t, s)
}

// TestIssueMandateAmountsWritesTheNotices: every change's advance notice
// is a dd-notice document in one PDF for the run, and the timeline note
// keeps the document's id and the run's hash, without the account number.
func TestIssueMandateAmountsWritesTheNotices(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "NW1001", "NW1002")
	for _, ref := range []string{"NW1001", "NW1002"} {
		dd := monthlyDD(ref)
		dd.Day, dd.Amount = 8, domain.Money{}
		mustSetUp(t, s, dd)
	}
	april := domain.MustDate(2027, time.April, 5)
	for _, ref := range []string{"NW1001", "NW1002"} {
		mustAddRent(t, s, ref, "104.00", april)
	}
	dir := filepath.Join(t.TempDir(), "out")
	run, err := s.IssueMandateAmounts(ctx, april, today, DDNotices{Set: letters.Shipped(), Officer: "Jo Officer", Dir: dir, PDF: true})
	if err != nil || len(run.Changes) != 2 || !run.Written || filepath.Dir(run.Path) != dir || filepath.Ext(run.Path) != ".pdf" {
		t.Fatalf("run %+v %v", run, err)
	}
	b, err := os.ReadFile(run.Path)
	if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatalf("the run's file: %v", err)
	}
	var text string
	if err := s.db.QueryRowContext(ctx, "SELECT n.text FROM note n JOIN account a ON a.no = n.account WHERE a.ref = 'NW1002' AND n.channel = 'letter'").Scan(&text); err != nil {
		t.Fatal(err)
	}
	sum := letters.SHA256(b)
	if !strings.Contains(text, "£450.67 a month") || !strings.Contains(text, "document dd-notice, template shipped:") ||
		!strings.Contains(text, "in the print run PDF of SHA-256 "+sum[:8]+":") || strings.Contains(text, "12345678") {
		t.Fatalf("note %q", text)
	}
	if again, err := s.IssueMandateAmounts(ctx, april, today, DDNotices{Set: letters.Shipped(), Dir: dir}); err != nil || again.Path != "" || again.Written {
		t.Fatalf("second run %+v %v", again, err)
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Fatalf("%d files after a run that changed nothing", len(es))
	}
}

// Two replicas that each set up a mandate for one account offline merge
// both: check names the account, and no collection file takes the rent
// twice while both are live.
func TestTwoLiveMandatesOnOneAccountAreFlaggedAndNotCollected(t *testing.T) {
	office, laptop := newReplica(t, "office"), newReplica(t, "laptop")
	mustCreate(t, office, "NW1001")
	mustImport(t, laptop, mustExport(t, office, ExportOptions{Accounts: []string{"NW1001"}, Passphrase: "correct horse battery"}), "correct horse battery")
	a := mustSetUp(t, office, monthlyDD("NW1001")).Mandate
	other := monthlyDD("NW1001")
	other.Payer, other.Account = "Sam Example Jr", "87654321"
	b := mustSetUp(t, laptop, other).Mandate
	for _, m := range []struct {
		s  *Store
		id string
	}{{office, a.ID}, {laptop, b.ID}} {
		if _, err := m.s.MoveMandate(ctx, m.id, directdebit.Live, today.AddDays(3), "AUDDIS accepted"); err != nil {
			t.Fatal(err)
		}
	}
	mustImport(t, office, mustExport(t, laptop, ExportOptions{Changes: true, For: "office"}), "")

	r, err := office.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(r.Problems, "\n"), "account NW1001 has 2 open Direct Debit mandates") {
		t.Fatalf("check does not name the account with two mandates: %v", r.Problems)
	}
	p := bacs.CycleForCollection(a.First, office.Holidays()).Processing
	o := testOriginator()
	o.DryRun = true
	made := p.AddDays(-7)
	f, err := office.Collect(ctx, p, made, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Due) != 0 || len(f.Skipped) != 2 || !strings.Contains(f.Skipped[0].Why, "2 live mandates") {
		t.Fatalf("the file would collect %+v (skipped %+v)", f.Due, f.Skipped)
	}

	// Cancelling one lets the other collect, and check no longer names the
	// account (both were given the account's first reference, NW1001DD01,
	// offline: check goes on reporting the reference used twice).
	if _, err := office.CancelMandate(ctx, b.ID, "set up twice on two laptops", today.AddDays(4)); err != nil {
		t.Fatal(err)
	}
	if f, err := office.Collect(ctx, p, made, o); err != nil || len(f.Due) != 1 || f.Due[0].Mandate != a.ID {
		t.Fatalf("after cancelling one the file holds %+v (%v)", f.Due, err)
	}
	if r, err := office.Check(ctx); err != nil || strings.Contains(strings.Join(r.Problems, "\n"), "open Direct Debit mandates") {
		t.Fatalf("check after cancelling one: %v %v", r.Problems, err)
	}
}
