package store

import (
	"slices"
	"strings"
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/worklist"
)

func oct(day int) domain.Date { return domain.MustDate(2026, time.October, day) }

// readyForNOSP is a secure tenancy owing £1,200 with a NOSP served on
// Mon 7 Sep 2026 (proceedings may begin after Mon 5 Oct 2026).
func readyForNOSP(t *testing.T, s *Store, ref string) {
	t.Helper()
	inArrears(t, s, ref, "1200.00")
	mustEvent(t, s, NewEvent{Ref: ref, Type: domain.EventNOSPServed, Date: domain.MustDate(2026, time.September, 7)})
}

func mustEvent(t *testing.T, s *Store, e NewEvent) string {
	t.Helper()
	id, err := s.AddEvent(ctx, e, today, worklist.DefaultPolicy())
	if err != nil {
		t.Fatalf("event %+v: %v", e, err)
	}
	return id
}

func mustTick(t *testing.T, s *Store, ref string, items ...domain.PreActionItem) {
	t.Helper()
	for _, it := range items {
		if err := s.TickPreAction(ctx, PreActionTick{Ref: ref, Item: it, Done: true, Date: nov(2)}, today); err != nil {
			t.Fatalf("tick %s: %v", it, err)
		}
	}
}

func openItems(t *testing.T, s *Store, ref string) []domain.PreActionItem {
	t.Helper()
	v, err := s.PreAction(ctx, ref, today, worklist.DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	return v.Checklist.Open()
}

func TestCourtClaimRefusedUntilTheChecklistIsDoneAndNothingWritten(t *testing.T) {
	s := newTestStore(t)
	readyForNOSP(t, s, "AB1001")
	mustTick(t, s, "AB1001", domain.PreActionContact, domain.PreActionIncome, domain.PreActionArrangement, domain.PreActionStatements, domain.PreActionBenefits)
	before := dump(t, s)
	_, err := s.AddEvent(ctx, NewEvent{Ref: "AB1001", Type: domain.EventCourtClaim}, today, worklist.DefaultPolicy())
	if !domain.IsValidation(err) || !strings.Contains(err.Error(), "support referral, pre-action letter") {
		t.Fatalf("got %v, want a refusal naming the open items", err)
	}
	if after := dump(t, s); after != before {
		t.Fatal("a refused court claim wrote something")
	}
	// The events that imply the last two items tick them.
	mustEvent(t, s, NewEvent{Ref: "AB1001", Type: domain.EventReferral, Date: nov(3), Detail: "money advice"})
	mustEvent(t, s, NewEvent{Ref: "AB1001", Type: domain.EventPreAction, Date: nov(4), Detail: "letter to both tenants"})
	if open := openItems(t, s, "AB1001"); len(open) != 0 {
		t.Fatalf("open after the events: %v", open)
	}
	mustEvent(t, s, NewEvent{Ref: "AB1001", Type: domain.EventCourtClaim})
	var override string
	if err := s.db.QueryRow("SELECT override FROM event WHERE type = 'court-claim'").Scan(&override); err != nil || override != "" {
		t.Fatalf("override %q, %v: nothing was overridden", override, err)
	}
}

func TestCourtClaimOverrideKeepsTheReason(t *testing.T) {
	s := newTestStore(t)
	readyForNOSP(t, s, "AB1001")
	mustEvent(t, s, NewEvent{Ref: "AB1001", Type: domain.EventCourtClaim, Override: "manager approved: tenant abandoned the flat"})
	var override, detail string
	if err := s.db.QueryRow("SELECT override FROM event WHERE type = 'court-claim'").Scan(&override); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRow("SELECT detail FROM audit WHERE action = 'event court-claim'").Scan(&detail); err != nil {
		t.Fatal(err)
	}
	if override != "manager approved: tenant abandoned the flat" || !strings.Contains(detail, "override: manager approved") ||
		!strings.Contains(detail, "pre-action steps open") {
		t.Fatalf("event override %q, audit %q", override, detail)
	}
}

func TestCourtStepsOutOfOrderRefused(t *testing.T) {
	s := newTestStore(t)
	inArrears(t, s, "AB1001", "1200.00")
	for _, step := range []domain.EventType{domain.EventHearing, domain.EventOrderOutright, domain.EventWarrantApplied, domain.EventEvictionDate, domain.EventEvicted} {
		before := dump(t, s)
		if _, err := s.AddEvent(ctx, NewEvent{Ref: "AB1001", Type: step}, today, worklist.DefaultPolicy()); !domain.IsValidation(err) {
			t.Errorf("%s with no claim: %v, want refused", step, err)
		}
		if dump(t, s) != before {
			t.Errorf("a refused %s wrote something", step)
		}
	}
}

func TestTicksSyncAndUntick(t *testing.T) {
	office := newReplica(t, "office")
	mustCreate(t, office, "AB1001")
	mustPost(t, office, Posting{Ref: "AB1001", Kind: PostCharge, Amount: domain.MustMoney("500.00"), Date: oct(26)})
	mustTick(t, office, "AB1001", domain.PreActionStatements, domain.PreActionIncome)
	if err := office.TickPreAction(ctx, PreActionTick{Ref: "AB1001", Item: domain.PreActionIncome, Date: nov(3)}, today); err != nil {
		t.Fatal(err)
	}
	if err := office.TickPreAction(ctx, PreActionTick{Ref: "AB1001", Claim: domain.ClaimPending, Date: nov(3)}, today); err != nil {
		t.Fatal(err)
	}
	var changes, audits int
	office.db.QueryRow("SELECT count(*) FROM change WHERE entity = 'preaction'").Scan(&changes)
	office.db.QueryRow("SELECT count(*) FROM audit WHERE action LIKE 'pre-action%'").Scan(&audits)
	if changes != 4 || audits != 4 {
		t.Fatalf("%d changes and %d audit rows, want 4 of each", changes, audits)
	}
	laptop := newReplica(t, "laptop")
	mustImport(t, laptop, mustExport(t, office, ExportOptions{Changes: true, For: "laptop"}), "")
	mustCheck(t, laptop)
	for _, st := range []*Store{office, laptop} {
		v, err := st.PreAction(ctx, "AB1001", today, worklist.DefaultPolicy())
		if err != nil {
			t.Fatal(err)
		}
		if open := v.Checklist.Open(); slices.Contains(open, domain.PreActionStatements) || !slices.Contains(open, domain.PreActionIncome) ||
			!v.Checklist.ClaimPending {
			t.Errorf("%s: open %v, pending %v", st.Self().Name, open, v.Checklist.ClaimPending)
		}
	}
}

func TestTickRefusals(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	garage := testAccount("GA2001")
	garage.Kind = domain.KindGarage
	if err := s.CreateAccount(ctx, garage); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s)
	for name, tick := range map[string]PreActionTick{
		"a future date":      {Ref: "AB1001", Item: domain.PreActionLetter, Done: true, Date: nov(24)},
		"an unknown item":    {Ref: "AB1001", Item: "visit", Done: true},
		"nothing to mark":    {Ref: "AB1001"},
		"a garage":           {Ref: "GA2001", Item: domain.PreActionLetter, Done: true},
		"an unknown account": {Ref: "ZZ9999", Item: domain.PreActionLetter, Done: true},
		"an unknown claim":   {Ref: "AB1001", Claim: "maybe"},
	} {
		if err := s.TickPreAction(ctx, tick, today); !domain.IsValidation(err) {
			t.Errorf("%s: %v, want refused", name, err)
		}
	}
	if dump(t, s) != before {
		t.Fatal("a refused tick wrote something")
	}
}

func TestClearedOnRestartsTheChecklist(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	mustPost(t, s, Posting{Ref: "AB1001", Kind: PostCharge, Amount: domain.MustMoney("500.00"), Date: oct(5)})
	if err := s.TickPreAction(ctx, PreActionTick{Ref: "AB1001", Item: domain.PreActionLetter, Done: true, Date: oct(12)}, today); err != nil {
		t.Fatal(err)
	}
	if open := openItems(t, s, "AB1001"); slices.Contains(open, domain.PreActionLetter) {
		t.Fatal("the letter should be ticked")
	}
	// Cleared on 19 Oct, in arrears again from 26 Oct: a new episode.
	mustPost(t, s, Posting{Ref: "AB1001", Kind: PostPayment, Amount: domain.MustMoney("500.00"), Date: oct(19), Method: domain.MethodCard})
	mustPost(t, s, Posting{Ref: "AB1001", Kind: PostCharge, Amount: domain.MustMoney("300.00"), Date: oct(26)})
	if open := openItems(t, s, "AB1001"); !slices.Contains(open, domain.PreActionLetter) {
		t.Fatal("a tick from before the arrears were cleared still counts")
	}
	// While the account was clear (19–25 Oct) nothing counts; from the
	// new arrears on 26 Oct it does.
	for _, tk := range []PreActionTick{{Item: domain.PreActionStatements, Done: true, Date: oct(25)}, {Item: domain.PreActionContact, Done: true, Date: oct(26)}} {
		tk.Ref = "AB1001"
		if err := s.TickPreAction(ctx, tk, today); err != nil {
			t.Fatal(err)
		}
	}
	if open := openItems(t, s, "AB1001"); !slices.Contains(open, domain.PreActionStatements) || slices.Contains(open, domain.PreActionContact) {
		t.Fatalf("open %v: want statements (ticked while clear) open and contact ticked", open)
	}
}

func TestArrangementOverABreachedOrderKeepsTheBreach(t *testing.T) {
	s := newTestStore(t)
	inArrears(t, s, "AB1001", "1200.00")
	// Claim and a suspended order, recorded over the gate; then nothing paid.
	mustEvent(t, s, NewEvent{Ref: "AB1001", Type: domain.EventCourtClaim, Date: domain.MustDate(2026, time.August, 3), Override: "test history"})
	mustEvent(t, s, NewEvent{Ref: "AB1001", Type: domain.EventOrderSuspended, Date: domain.MustDate(2026, time.September, 14)})
	n := weekly("AB1001", nov(30), "10.00")
	p, err := s.PreviewArrangement(ctx, n, today, worklist.DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Words("AB1001"), "does not vary it") {
		t.Fatalf("the preview does not warn: %s", p.Words("AB1001"))
	}
	mustArrange(t, s, n, today)
	top := func() []worklist.Rule {
		lines, err := s.Caseload(ctx, "", today, worklist.DefaultPolicy())
		if err != nil {
			t.Fatal(err)
		}
		var rules []worklist.Rule
		for _, l := range lines {
			if l.Ref == "AB1001" {
				for _, it := range l.Items() {
					rules = append(rules, it.Rule)
				}
			}
		}
		return rules
	}
	if !slices.Contains(top(), worklist.RuleCourtOrderBreach) {
		t.Fatalf("the arrangement hid the breach: %v", top())
	}
	mustEvent(t, s, NewEvent{Ref: "AB1001", Type: domain.EventTermsVaried, Detail: "court varied to £10 a week"})
	if slices.Contains(top(), worklist.RuleCourtOrderBreach) {
		t.Fatalf("the court varied the terms: %v", top())
	}
}
