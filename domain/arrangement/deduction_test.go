package arrangement

import (
	"strings"
	"testing"

	"caseload/domain"
)

func TestDeductionRange2025(t *testing.T) {
	tests := []struct {
		name      string
		claimant  ClaimantType
		on        string
		allowance string
		lo, hi    string
	}{
		{"single 25 or over: 10%–20% of £400.14 (fact sheet vector)", Single25Plus, "2025-11-01", "400.14", "40.01", "80.03"},
		{"single under 25: 10%–20% of £316.98", SingleUnder25, "2025-11-01", "316.98", "31.70", "63.40"},
		{"couple both under 25: a half penny rounds up", CoupleUnder25, "2025-11-01", "497.55", "49.76", "99.51"},
		{"couple one or both 25 or over: 10%–20% of £628.10", Couple25Plus, "2025-11-01", "628.10", "62.81", "125.62"},
		{"the tax year starts on 6 April", Single25Plus, "2025-04-06", "400.14", "40.01", "80.03"},
		{"the tax year ends on 5 April", Single25Plus, "2026-04-05", "400.14", "40.01", "80.03"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sa, _, err := StandardAllowance(tt.claimant, day(tt.on))
			if err != nil || sa.String() != tt.allowance {
				t.Fatalf("StandardAllowance = %s, %v; want %s", sa, err, tt.allowance)
			}
			lo, hi, source, err := DeductionRange(tt.claimant, day(tt.on))
			if err != nil {
				t.Fatal(err)
			}
			if lo.String() != tt.lo || hi.String() != tt.hi {
				t.Fatalf("DeductionRange = %s–%s, want %s–%s", lo, hi, tt.lo, tt.hi)
			}
			for _, want := range []string{"2025/26", "https://", "Sch 6 para 7", tt.claimant.Label()} {
				if !strings.Contains(source, want) {
					t.Errorf("source %q does not name %q", source, want)
				}
			}
		})
	}
}

func TestDeductionRangeRefusals(t *testing.T) {
	tests := []struct {
		name     string
		claimant ClaimantType
		on       string
		refusal  string
	}{
		{"no figures before 2025/26", Single25Plus, "2025-04-05", "no UC standard allowance figures for Sat 5 Apr 2025 (caseload has 2025/26)"},
		{"no figures for 2026/27 until they are confirmed", Single25Plus, "2026-04-06", "no UC standard allowance figures for Mon 6 Apr 2026"},
		{"an unknown claimant type is refused", ClaimantType("single"), "2025-11-01", `"single" is not one of single-under-25, single-25-plus, couple-under-25, couple-25-plus`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := DeductionRange(tt.claimant, day(tt.on))
			if err == nil || !domain.IsValidation(err) || !strings.Contains(err.Error(), tt.refusal) {
				t.Fatalf("DeductionRange error %v, want a ValidationError saying %q", err, tt.refusal)
			}
		})
	}
}

func TestParseClaimantType(t *testing.T) {
	for _, c := range ClaimantTypes {
		if got, err := ParseClaimantType(string(c)); err != nil || got != c || c.Label() == string(c) {
			t.Errorf("ParseClaimantType(%q) = %q, %v (label %q)", c, got, err, c.Label())
		}
	}
}

// TestStandardAllowanceData keeps the data honest: years do not overlap,
// every year has every claimant type and a source.
func TestStandardAllowanceData(t *testing.T) {
	for i, y := range standardAllowances {
		if y.source == "" || !y.from.Before(y.to) {
			t.Errorf("%s: no source or an empty range", y.label)
		}
		for _, c := range ClaimantTypes {
			if !y.monthly[c].IsPositive() {
				t.Errorf("%s: no figure for %s", y.label, c)
			}
		}
		if i > 0 && !standardAllowances[i-1].to.Before(y.from) {
			t.Errorf("%s overlaps the year before", y.label)
		}
	}
}
