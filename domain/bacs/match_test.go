package bacs

import (
	"strings"
	"testing"

	"caseload/domain"
)

func TestMatchReturns(t *testing.T) {
	d9, d10 := domain.MustDate(2026, 12, 9), domain.MustDate(2026, 12, 10)
	sent := []Collection{
		{Reference: "HRA0001234-01", Amount: domain.MustMoney("412.36"), ProcessingDate: d9, CollectionDate: d10},
		{Reference: "HRA0005678-01", Amount: domain.MustMoney("95.20"), ProcessingDate: d9, CollectionDate: d10},
		{Reference: "HRA0005678-01", Amount: domain.MustMoney("95.20"), ProcessingDate: d9.AddDays(-28), CollectionDate: d10.AddDays(-28)},
		{Reference: "HRA0009999-01", Amount: domain.MustMoney("10.00"), ProcessingDate: d9, CollectionDate: d10},
		{Reference: "HRA0009999-01", Amount: domain.MustMoney("10.00"), ProcessingDate: d9, CollectionDate: d10},
	}
	ret := func(ref, amount string, d domain.Date) ReturnedDebit {
		return ReturnedDebit{Reference: ref, Amount: domain.MustMoney(amount), OriginalProcessingDate: d}
	}
	tests := []struct {
		rule  string
		r     ReturnedDebit
		index int
		why   string
	}{
		{"matched by reference amount and processing date", ret("HRA0001234-01", "412.36", d9), 0, ""},
		{"matched on the collection date too, this month's not last month's", ret("HRA0005678-01", "95.20", d10), 1, ""},
		{"unknown reference is unmatched", ret("HRA0000000-01", "5.00", d9), -1, "no collection was sent"},
		{"wrong amount is unmatched", ret("HRA0001234-01", "412.35", d9), -1, "never for £412.35"},
		{"wrong date is unmatched", ret("HRA0001234-01", "412.36", d9.AddDays(3)), -1, "was not collected on 2026-12-12"},
		{"the payer reference is used when the item's ref has a suffix", ReturnedDebit{Reference: "HRA0005678-01-1", PayerReference: "HRA0005678-01", Amount: domain.MustMoney("95.20"), OriginalProcessingDate: d9.AddDays(-28)}, 2, ""},
		{"two identical collections are ambiguous", ret("HRA0009999-01", "10.00", d9), -1, "fits 2 collections"},
	}
	var rs []ReturnedDebit
	for _, tt := range tests {
		rs = append(rs, tt.r)
	}
	rs = append(rs, ret("HRA0001234-01", "412.36", d9)) // the first one again
	got := MatchReturns(rs, sent)
	if len(got) != len(rs) {
		t.Fatalf("%d matches for %d returns", len(got), len(rs))
	}
	for i, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			if got[i].Index != tt.index || !strings.Contains(got[i].Why, tt.why) {
				t.Fatalf("got %d %q, want %d %q", got[i].Index, got[i].Why, tt.index, tt.why)
			}
		})
	}
	if last := got[len(got)-1]; last.Index != -1 || !strings.Contains(last.Why, "returned twice") {
		t.Fatalf("a collection returned twice in one file: %+v", last)
	}
}

func TestFingerprint(t *testing.T) {
	a, b := Fingerprint([]byte("x")), Fingerprint([]byte("y"))
	if a == b || len(a) != 64 || Fingerprint([]byte("x")) != a {
		t.Fatalf("fingerprints %s %s", a, b)
	}
}
