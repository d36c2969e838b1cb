package store

import (
	"strings"
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/worklist"
)

// The enforcement read model on a temporary database: the account, its
// events with who recorded them and its facts come back as one view; an
// unknown account is refused and nothing is written.
func TestEnforcementReadsTheCaseInOneView(t *testing.T) {
	s := newTestStore(t)
	readyForNOSP(t, s, "AB1001")
	mustEvent(t, s, NewEvent{Ref: "AB1001", Type: domain.EventReferral, Date: domain.MustDate(2026, time.September, 8)})
	v, err := s.Enforcement(ctx, "AB1001", today, worklist.DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	if v.Ref != "AB1001" || v.StageType != domain.EventNOSPServed || !v.Balance.Equal(domain.MustMoney("1200.00")) {
		t.Fatalf("view %+v", v)
	}
	if len(v.Timeline) != 1 || v.Timeline[0].Type != domain.EventNOSPServed || v.Timeline[0].Officer == "" {
		t.Fatalf("timeline %+v (a referral is not an enforcement step)", v.Timeline)
	}
	if len(v.Notices) != 1 || v.Notices[0].ProceedingsFrom != oct(5) || !v.Notices[0].InForce {
		t.Fatalf("notices %+v", v.Notices)
	}
	if len(v.Next) == 0 || v.Facts.Ref != "AB1001" {
		t.Fatalf("next %+v facts %q", v.Next, v.Facts.Ref)
	}
	before := dump(t, s)
	if _, err := s.Enforcement(ctx, "ZZ9999", today, worklist.DefaultPolicy()); !domain.IsValidation(err) || !strings.Contains(err.Error(), "no account ZZ9999") {
		t.Fatalf("unknown account: %v", err)
	}
	if dump(t, s) != before {
		t.Fatal("reading the enforcement view wrote something")
	}
}
