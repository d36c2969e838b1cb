package store

import (
	"slices"
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/report"
)

func TestReportDrillAccounts(t *testing.T) {
	s := newTestStore(t)
	inArrears(t, s, "RDX1", "300.00")
	inArrears(t, s, "RDX2", "1200.00")
	other := testAccount("RDX3")
	other.Officer = "bjones"
	if err := s.CreateAccount(ctx, other); err != nil {
		t.Fatal(err)
	}
	mustPost(t, s, Posting{Ref: "RDX3", Kind: PostCharge, Amount: domain.MustMoney("450.00"), Date: domain.MustDate(2026, time.October, 26)})
	sep := func(d int) domain.Date { return domain.MustDate(2026, time.September, d) }
	mustEvent(t, s, NewEvent{Ref: "RDX1", Type: domain.EventNOSPServed, Date: sep(7)})
	mustEvent(t, s, NewEvent{Ref: "RDX2", Type: domain.EventNOSPServed, Date: sep(30)})
	mustEvent(t, s, NewEvent{Ref: "RDX3", Type: domain.EventNOSPServed, Date: sep(10)})
	mustEvent(t, s, NewEvent{Ref: "RDX2", Type: domain.EventLetter1, Date: sep(1)})

	nosp, _ := report.EventMeasureOf("events.nosp")
	september := report.Period{From: sep(1), To: sep(30), Label: "2026-09"}
	october := report.Period{From: domain.MustDate(2026, time.October, 1), To: domain.MustDate(2026, time.October, 31), Label: "2026-10"}
	patch := report.Scope{Kind: report.ScopeOfficer, Officers: []string{"asmith"}}
	for _, tt := range []struct {
		name   string
		scope  report.Scope
		period report.Period
		types  []domain.EventType
		want   []string
	}{
		{"NOSPs served in the patch in the month, not another officer's", patch, september, nosp.Types, []string{"RDX1", "RDX2"}},
		{"NOSPs served in the borough", report.Scope{Kind: report.ScopeBorough}, september, nosp.Types, []string{"RDX1", "RDX2", "RDX3"}},
		{"none in a month without them", patch, october, nosp.Types, nil},
		{"only the types asked for", patch, september, []domain.EventType{domain.EventLetter1}, []string{"RDX2"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.ReportEventAccounts(ctx, tt.scope, tt.period, tt.types)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}

	rows, err := s.ReportAccounts(ctx, []string{"RDX1", "NOPE", "RDX3", "RDX2"})
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, r := range rows {
		refs = append(refs, r.Ref)
	}
	if !slices.Equal(refs, []string{"RDX2", "RDX3", "RDX1"}) {
		t.Fatalf("accounts %q, want the largest balance first and no unknown reference", refs)
	}
	if r := rows[1]; r.Name != "Sam Example" || r.Officer != "bjones" || !r.Balance.Equal(domain.MustMoney("450.00")) || r.Status != domain.StatusCurrent {
		t.Errorf("RD3 read as %+v", r)
	}
	if none, err := s.ReportAccounts(ctx, nil); err != nil || none != nil {
		t.Errorf("no references gave %v, %v", none, err)
	}
	if officers, err := s.ReportOfficers(ctx); err != nil || !slices.Equal(officers, []string{"asmith", "bjones"}) {
		t.Errorf("officers %q, %v", officers, err)
	}
}
