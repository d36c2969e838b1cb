package store

import (
	"strings"
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/bacs"
	"caseload/domain/directdebit"
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
	before := dump(t, s)
	for name, mod := range map[string]func(*NewMandate){
		"unknown account":  func(n *NewMandate) { n.Ref = "ZZ9999" },
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
