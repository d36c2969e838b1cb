package store

import (
	"path/filepath"
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/report"
)

// reportClock is a movable wall clock: when each posting is recorded.
type reportClock struct{ t time.Time }

func (c *reportClock) now() time.Time { return c.t }

// reportLedger builds the hand-made ledger the report tests work out by
// hand. Every account is on £100.00 a week with no rent-free weeks (52
// charged weeks in 2026/27); all of it is recorded on 30 Nov 2026 at 09:00
// UTC, before November closes.
//
//	RP01 asmith current: charge 26 Oct; charges 2, 9, 16, 23, 30 Nov; paid
//	   £200 on 5 Nov and £150 on 20 Nov, the £150 reversed on 21 Nov.
//	   NOSP served 10 Nov. Arrangement made 12 Nov: £10 weekly from 16 Nov.
//	RP02 asmith current: charges every Monday 7 Sep–30 Nov (13 × £100);
//	   pays £400 every 28 days (3 Sep, 1 Oct, 29 Oct): technical arrears.
//	RP03 asmith former-tenant (ended 31 May): £300 brought forward 1 Jun; £50 written off
//	   10 Nov.
//	RP04 asmith current, pays by Direct Debit: charge 2 Nov £100, paid £250
//	   by Direct Debit on 3 Nov: in credit; a Direct Debit returned unpaid
//	   on 10 Nov (recorded as the event only).
//	RP05 asmith garage: charge 2 Nov £20 — not a rent account, left out.
//	RP06 bjones current: charge 2 Nov £100, nothing paid; letter 1 on 20 Oct.
func reportLedger(t *testing.T) (*Store, *reportClock) {
	t.Helper()
	clock := &reportClock{t: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)}
	s, err := Open(filepath.Join(t.TempDir(), "report.db"), Options{Officer: "tester", Now: clock.now, ReplicaName: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	charge := func(d domain.Date) BatchTxn {
		return BatchTxn{Date: d, Type: domain.TxnCharge, Amount: amt("100.00"), RunWeek: d}
	}
	pay := func(d domain.Date, pounds string) BatchTxn {
		return BatchTxn{Date: d, Type: domain.TxnPayment, Amount: amt(pounds).Neg(), Method: domain.MethodCard}
	}
	err = s.WriteBatch(ctx, "test ledger", func(b *Batch) error {
		acct := func(ref string, kind domain.AccountKind, officer string) error {
			a := testAccount(ref)
			a.Kind, a.Officer = kind, officer
			if ref == "RP04" {
				a.PaymentMethod = domain.MethodDirectDebit
			}
			if kind == domain.KindFormerTenant {
				a.Status, a.End = domain.StatusFormer, domain.MustDate(2026, 5, 31)
			}
			return b.CreateAccount("tester", a)
		}
		for _, a := range []struct {
			ref     string
			kind    domain.AccountKind
			officer string
		}{{"RP01", domain.KindRent, "asmith"}, {"RP02", domain.KindRent, "asmith"}, {"RP03", domain.KindFormerTenant, "asmith"},
			{"RP04", domain.KindRent, "asmith"}, {"RP05", domain.KindGarage, "asmith"}, {"RP06", domain.KindRent, "bjones"}} {
			if err := acct(a.ref, a.kind, a.officer); err != nil {
				return err
			}
		}
		r1 := []BatchTxn{charge(domain.MustDate(2026, 10, 26)), charge(nov(2)), pay(nov(5), "200.00"), charge(nov(9)),
			charge(nov(16)), pay(nov(20), "150.00"), {Date: nov(21), Type: domain.TxnReversal, Amount: amt("150.00"), Reverses: 6},
			charge(nov(23)), charge(nov(30))}
		var r2 []BatchTxn
		for d := domain.MustDate(2026, 9, 7); !d.After(nov(30)); d = d.AddDays(7) {
			r2 = append(r2, charge(d))
		}
		r2 = append(r2, pay(domain.MustDate(2026, 9, 3), "400.00"), pay(domain.MustDate(2026, 10, 1), "400.00"), pay(domain.MustDate(2026, 10, 29), "400.00"))
		posts := map[string][]BatchTxn{
			"RP01": r1,
			"RP02": r2,
			"RP03": {{Date: domain.MustDate(2026, 6, 1), Type: domain.TxnBroughtForward, Amount: amt("300.00")},
				{Date: nov(10), Type: domain.TxnWriteOff, Amount: amt("-50.00")}},
			"RP04": {charge(nov(2)), {Date: nov(3), Type: domain.TxnPayment, Amount: amt("-250.00"), Method: domain.MethodDirectDebit}},
			"RP05": {{Date: nov(2), Type: domain.TxnCharge, Amount: amt("20.00"), RunWeek: nov(2)}},
			"RP06": {charge(nov(2))},
		}
		for _, ref := range []string{"RP01", "RP02", "RP03", "RP04", "RP05", "RP06"} {
			if _, err := b.Post("tester", ref, posts[ref]); err != nil {
				return err
			}
		}
		if err := b.Event("tester", "RP01", BatchEvent{Date: nov(10), Type: domain.EventNOSPServed}); err != nil {
			return err
		}
		if err := b.Event("tester", "RP04", BatchEvent{Date: nov(10), Type: domain.EventDDUnpaid, Detail: "0 refer to payer"}); err != nil {
			return err
		}
		if err := b.Event("tester", "RP06", BatchEvent{Date: domain.MustDate(2026, 10, 20), Type: domain.EventLetter1}); err != nil {
			return err
		}
		return b.Arrangement("tester", "RP01", BatchArrangement{MadeOn: nov(12), Start: nov(16), Frequency: "weekly",
			Instalment: amt("10.00"), Arrears: amt("400.00")})
	})
	if err != nil {
		t.Fatal(err)
	}
	return s, clock
}

func mustReport(t *testing.T, s *Store, scope report.Scope, period string, today domain.Date) report.Report {
	t.Helper()
	p, err := report.ParsePeriod(period)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Report(ctx, scope, p, today)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func borough() report.Scope { sc, _ := report.NewScope("borough", nil); return sc }

// TestReportMeasures checks every measure of the November borough report
// against the ledger above, worked by hand.
func TestReportMeasures(t *testing.T) {
	s, _ := reportLedger(t)
	r := mustReport(t, s, borough(), "2026-11", domain.MustDate(2026, 12, 7))
	for _, c := range []struct{ key, want string }{
		// Due in November: RP01 5 × £100 + RP02 5 × £100 + RP04 £100 + RP06 £100
		// (RP05's garage charge is not rent) = £1,200.
		{"period.due", "1200.00"},
		// Collected: RP01 £200 + £150 − £150 reversed + RP04 £250 = £450.
		{"period.collected", "450.00"},
		// 450 ÷ 1200 = 37.5%.
		{"period.rate", "37.5"},
		// Arrears b/f at 31 Oct: RP01 owes £100 (26 Oct charge); RP02 is £400
		// in credit (8 charges − 3 × £400); RP04 and RP06 owe nothing.
		{"period.arrears-bf", "100.00"},
		// 450 ÷ (1200 + 100) = 34.615… → 34.6%.
		{"period.rate-with-bf", "34.6"},
		// Year to date from 1 Apr: due RP01 £600 + RP02 £1,300 + RP04 £100 +
		// RP06 £100 = £2,100; collected RP01 £200 + RP02 £1,200 + RP04 £250 =
		// £1,650; 1650 ÷ 2100 = 78.571… → 78.6%; nothing owed at 31 Mar.
		{"ytd.due", "2100.00"}, {"ytd.collected", "1650.00"}, {"ytd.rate", "78.6"},
		{"ytd.arrears-bf", "0.00"}, {"ytd.rate-with-bf", "78.6"},
		// Annual debit: 4 current accounts × £100 × 52 = £20,800.
		{"arrears.annual-debit", "20800.00"},
		// At 30 Nov: RP01 owes £100 + £500 − £200 = £400 (the £150 was
		// reversed); RP02 £1,300 − £1,200 = £100; RP06 £100; RP04 is in credit.
		{"arrears.total", "600.00"}, {"arrears.accounts", "3"},
		// 600 ÷ 20800 = 2.884… → 2.9%.
		{"arrears.pct-debit", "2.9"},
		// RP02 pays £400 every 28 days; the next (26 Nov) is within 7 days'
		// grace and would clear its £100: technical. RP01 last paid 5 Nov
		// (its 20 Nov payment was reversed) and RP06 never: not technical.
		{"arrears.total-ex-technical", "500.00"}, {"arrears.accounts-ex-technical", "2"},
		// 500 ÷ 20800 = 2.403… → 2.4%.
		{"arrears.pct-debit-ex-technical", "2.4"},
		{"arrears.technical", "100.00"}, {"arrears.technical-accounts", "1"},
		// Bands: RP01 £400 ÷ £100 = 4 weeks (4 to under 8); RP02 and RP06 1 week
		// (1 to under 4), RP02 technical.
		{"bands.under-1", "0"}, {"bands.1-4", "2"}, {"bands.1-4-ex-technical", "1"}, {"bands.1-4-difference", "1"},
		{"bands.4-8", "1"}, {"bands.4-8-ex-technical", "1"}, {"bands.8-13", "0"}, {"bands.13-plus", "0"},
		// Former: RP03 £300 − £50 written off = £250; 250 ÷ 20800 = 1.20…%.
		{"former.total", "250.00"}, {"former.accounts", "1"}, {"former.pct-debit", "1.2"},
		{"writeoffs.period", "50.00"}, {"writeoffs.ytd", "50.00"}, {"writeoffs.pct-debit", "0.2"},
		// RP04: £100 − £250 = £150 in credit.
		{"credits.total", "150.00"}, {"credits.accounts", "1"},
		// RP01's arrangement: made 12 Nov; at 30 Nov the instalments of 16
		// and 23 Nov have been checked (due + 7 days) and nothing was paid
		// since 16 Nov (the £150 was reversed): broken.
		{"arrangements.made", "1"}, {"arrangements.live", "1"}, {"arrangements.kept", "0"},
		{"arrangements.broken", "1"}, {"arrangements.kept-rate", "0.0"},
		// Stages: RP01 NOSP, RP06 letter 1, RP02 and RP04 none.
		{"stage.nosp", "1"}, {"stage.letter-1", "1"}, {"stage.none", "2"},
		{"events.nosp", "1"}, {"events.claims", "0"}, {"events.evictions", "0"},
		{"rtb.open", "0"}, {"rtb.missed", "0"},
		// Direct Debit: RP04 of 4 current accounts = 25.0%; one payment by
		// Direct Debit in November and one returned unpaid: 100.0%.
		{"dd.accounts", "1"}, {"dd.share", "25.0"}, {"dd.payments", "1"}, {"dd.unpaid", "1"}, {"dd.unpaid-rate", "100.0"},
	} {
		m, ok := r.Measure(c.key)
		if !ok {
			t.Errorf("%s: no such measure", c.key)
			continue
		}
		if got := m.Value(); got != c.want {
			t.Errorf("%s = %s, want %s", c.key, got, c.want)
		}
		if m.Formula == "" {
			t.Errorf("%s has no formula", c.key)
		}
	}
	if m, _ := r.Measure("bands.4-8"); len(m.Accounts) != 1 || m.Accounts[0] != "RP01" {
		t.Errorf("band 4-8 accounts = %v, want [RP01]", m.Accounts)
	}
	// A patch: asmith's accounts only (RP06 is bjones's).
	patch, _ := report.NewScope("officer", []string{"asmith"})
	rp := mustReport(t, s, patch, "2026-11", domain.MustDate(2026, 12, 7))
	if m, _ := rp.Measure("period.due"); m.Value() != "1100.00" {
		t.Errorf("asmith's due = %s, want 1100.00 (RP06's £100 is bjones's)", m.Value())
	}
	team, _ := report.NewScope("team", []string{"bjones", "asmith"})
	rt := mustReport(t, s, team, "2026-11", domain.MustDate(2026, 12, 7))
	if m, _ := rt.Measure("period.due"); m.Value() != "1200.00" {
		t.Errorf("team's due = %s, want 1200.00", m.Value())
	}
}

// TestReportBackdatedPosting: a payment recorded on 5 Dec but dated 25
// Nov is not in November's figures (the ledger as it stood at the end of
// 30 Nov); it is listed as a later adjustment. A re-run after more
// postings gives the snapshot's figures exactly.
func TestReportBackdatedPosting(t *testing.T) {
	s, clock := reportLedger(t)
	clock.t = time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	if _, err := s.Post(ctx, Posting{Ref: "RP01", Kind: PostPayment, Amount: amt("100.00"), Method: domain.MethodCash, Date: nov(25)}, domain.MustDate(2026, 12, 5)); err != nil {
		t.Fatal(err)
	}
	clock.t = time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	first := mustReport(t, s, borough(), "2026-11", domain.MustDate(2026, 12, 7))
	if m, _ := first.Measure("period.collected"); m.Value() != "450.00" {
		t.Errorf("collected = %s, want 450.00: the back-dated £100 arrived after November closed", m.Value())
	}
	if m, _ := first.Measure("arrears.total"); m.Value() != "600.00" {
		t.Errorf("arrears = %s, want 600.00", m.Value())
	}
	if first.Late.Count != 1 || first.Late.Amount.String() != "-100.00" || first.Late.Rows[0].Ref != "RP01" || first.Late.Rows[0].Date != nov(25) {
		t.Errorf("later adjustments = %+v, want the £100 of 25 Nov on RP01", first.Late)
	}
	if first.Snapshot == nil || len(first.Snapshot.Differences) != 0 {
		t.Fatalf("first report of a closed month keeps a snapshot, got %+v", first.Snapshot)
	}
	if m, _ := first.Measure("adjustments.late"); m.Value() != "1" {
		t.Errorf("November's later adjustments = %s, want 1", m.Value())
	}
	// December shows it as a back-dated posting received in its period.
	dec := mustReport(t, s, borough(), "2026-12", domain.MustDate(2026, 12, 7))
	if n, _ := dec.Measure("adjustments.backdated"); n.Value() != "1" {
		t.Errorf("December's back-dated postings = %s, want 1", n.Value())
	}
	if a, _ := dec.Measure("adjustments.backdated-amount"); a.Value() != "-100.00" {
		t.Errorf("December's back-dated amount = %s, want -100.00", a.Value())
	}

	// More postings, one dated in November, one in December.
	clock.t = time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	for _, p := range []Posting{
		{Ref: "RP06", Kind: PostPayment, Amount: amt("100.00"), Method: domain.MethodCash, Date: nov(28)},
		{Ref: "RP02", Kind: PostPayment, Amount: amt("400.00"), Method: domain.MethodCash, Date: domain.MustDate(2026, 12, 3)},
	} {
		if _, err := s.Post(ctx, p, domain.MustDate(2027, 3, 1)); err != nil {
			t.Fatal(err)
		}
	}
	again := mustReport(t, s, borough(), "2026-11", domain.MustDate(2027, 3, 1))
	if a, b := first.Figures(), again.Figures(); len(a) != len(b) {
		t.Fatalf("figures differ in number: %d then %d", len(a), len(b))
	} else {
		for k, v := range a {
			if b[k] != v {
				t.Errorf("re-run: %s = %s, first run %s", k, b[k], v)
			}
		}
	}
	if again.Snapshot == nil || len(again.Snapshot.Differences) != 0 {
		t.Errorf("re-run should match its snapshot, got %+v", again.Snapshot)
	}
	if again.Late.Count != 2 {
		t.Errorf("re-run later adjustments = %d, want 2 (25 Nov and 28 Nov)", again.Late.Count)
	}

	// A patch move after the snapshot is a difference, and explained.
	if _, err := s.db.ExecContext(ctx, "UPDATE account SET officer = 'asmith' WHERE ref = 'RP06'"); err != nil {
		t.Fatal(err)
	}
	patch, _ := report.NewScope("officer", []string{"asmith"})
	p, _ := report.ParsePeriod("2026-11")
	before, err := s.Report(ctx, patch, p, domain.MustDate(2027, 3, 1))
	if err != nil {
		t.Fatal(err)
	}
	if before.Snapshot == nil || len(before.Snapshot.Differences) != 0 {
		t.Fatalf("first asmith report keeps its own snapshot: %+v", before.Snapshot)
	}
}

// TestReportOpenPeriodKeepsNoSnapshot: a period that has not ended reads
// the ledger as it stands and keeps nothing; ReportPreview keeps nothing.
func TestReportOpenPeriodKeepsNoSnapshot(t *testing.T) {
	s, _ := reportLedger(t)
	r := mustReport(t, s, borough(), "2026-11", nov(30))
	if r.Snapshot != nil {
		t.Errorf("open period has a snapshot: %+v", r.Snapshot)
	}
	// A preview of a closed period writes nothing either.
	p, _ := report.ParsePeriod("2026-11")
	if _, err := s.ReportPreview(ctx, borough(), p, domain.MustDate(2026, 12, 7)); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM report_snapshot").Scan(&n); err != nil || n != 0 {
		t.Errorf("snapshots = %d (%v), want 0", n, err)
	}
}

// TestReportTrend: the weekly points agree with the month's figures.
func TestReportTrend(t *testing.T) {
	s, _ := reportLedger(t)
	pts, err := s.ReportTrend(ctx, borough(), 52, domain.MustDate(2026, 12, 6))
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != 52 || pts[51].Week.From != nov(30) || pts[50].Week.To != nov(29) {
		t.Fatalf("weeks: %d, last %v", len(pts), pts[len(pts)-1].Week)
	}
	// End of Sun 29 Nov: RP01 £100 + 4 × £100 − £200 = £300; RP02 12 × £100 −
	// £1,200 = £0; RP06 £100: £400 across 2 accounts.
	if got := pts[50].Arrears.String(); got != "400.00" || pts[50].ArrearsAccounts != 2 {
		t.Errorf("arrears at 29 Nov = %s over %d, want 400.00 over 2", got, pts[50].ArrearsAccounts)
	}
	// Week of 30 Nov: RP01 and RP02 charged £100 each, nothing paid: 0.0%.
	if p := pts[51]; p.Due.String() != "200.00" || !p.RateDefined || p.Rate.StringFixed(1) != "0.0" {
		t.Errorf("week of 30 Nov: due %s rate %v", p.Due, p.Rate)
	}
	// Week of 16 Nov: due RP01 + RP02 = £200; collected £150 − £150 reversed.
	if p := pts[49]; p.Due.String() != "200.00" || p.Collected.String() != "0.00" {
		t.Errorf("week of 16 Nov: due %s collected %s", p.Due, p.Collected)
	}
	if pts[51].Stages[report.StageNOSP] != 1 || pts[45].Stages[report.StageNOSP] != 0 {
		t.Errorf("NOSP stage by week: %v … %v", pts[45].Stages, pts[51].Stages)
	}
}
