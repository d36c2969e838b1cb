package arrangement

import (
	"errors"
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
			sa, _, err := DefaultAllowances().StandardAllowance(tt.claimant, day(tt.on))
			if err != nil || sa.String() != tt.allowance {
				t.Fatalf("StandardAllowance = %s, %v; want %s", sa, err, tt.allowance)
			}
			lo, hi, source, err := DefaultAllowances().DeductionRange(tt.claimant, day(tt.on))
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
		{"no figures before 2025/26", Single25Plus, "2025-04-05", "no UC standard allowance figures for Sat 5 Apr 2025 (caseload has 2025/26, 2026/27)"},
		{"no figures after the last year shipped", Single25Plus, "2027-04-06", "no UC standard allowance figures for Tue 6 Apr 2027 (caseload has 2025/26, 2026/27)"},
		{"an unknown claimant type is refused", ClaimantType("single"), "2025-11-01", `"single" is not one of single-under-25, single-25-plus, couple-under-25, couple-25-plus`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := DefaultAllowances().DeductionRange(tt.claimant, day(tt.on))
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

// TestStandardAllowanceData keeps the shipped data honest: it passes the
// same checks as a loaded file.
func TestStandardAllowanceData(t *testing.T) {
	if _, err := NewAllowances(shippedAllowances); err != nil {
		t.Fatal(err)
	}
}

func TestUnconfirmedYearSaysSo(t *testing.T) {
	lo, hi, source, err := DefaultAllowances().DeductionRange(Single25Plus, day("2026-11-23"))
	if err != nil || lo.String() != "42.49" || hi.String() != "84.98" {
		t.Fatalf("2026/27 range %s–%s, %v", lo, hi, err)
	}
	for _, want := range []string{"UNCONFIRMED", "£666.90", "2026/27"} {
		if !strings.Contains(source, want) {
			t.Errorf("source %q does not say %q", source, want)
		}
	}
}

func TestNewAllowancesRefuses(t *testing.T) {
	good := func() AllowanceYear {
		y := shippedAllowances[0]
		y.Monthly = map[ClaimantType]domain.Money{}
		for k, v := range shippedAllowances[0].Monthly {
			y.Monthly[k] = v
		}
		return y
	}
	tests := []struct {
		name string
		edit func(ys []AllowanceYear)
		row  int
		want string
	}{
		{"a year with no source", func(ys []AllowanceYear) { ys[1].Source = "" }, 1, "source"},
		{"an unconfirmed year with no note", func(ys []AllowanceYear) { ys[1].Confirmed = false; ys[1].Note = "" }, 1, "note"},
		{"a missing claimant figure", func(ys []AllowanceYear) { delete(ys[0].Monthly, CoupleUnder25) }, 0, "couple_under_25"},
		{"overlapping years", func(ys []AllowanceYear) { ys[1].From = ys[0].To }, 1, "overlaps 2025/26 on row 1"},
		{"the same year twice", func(ys []AllowanceYear) { ys[1].From, ys[1].To = ys[1].From.AddDays(366), ys[1].To.AddDays(366) }, 1, "appears twice"},
		{"a year that ends before it starts", func(ys []AllowanceYear) { ys[0].To = ys[0].From.AddDays(-1) }, 0, "to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ys := []AllowanceYear{good(), good()}
			ys[1].Label = "2026/27"
			ys[1].From, ys[1].To = ys[0].From.AddDays(365), ys[0].To.AddDays(365)
			if tt.name == "the same year twice" {
				ys[1].Label = ys[0].Label
			}
			tt.edit(ys)
			_, err := NewAllowances(ys)
			var re *domain.RowError
			if !errors.As(err, &re) || re.Row != tt.row || !domain.IsValidation(err) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("NewAllowances error %v, want row %d saying %q", err, tt.row+1, tt.want)
			}
		})
	}
}

func TestAllowanceRowRoundTrip(t *testing.T) {
	for _, y := range shippedAllowances {
		row := map[string]string{}
		for i, f := range y.Fields() {
			row[AllowanceColumns[i]] = f
		}
		got, err := ParseAllowanceYear(row)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got.Fields(), "|") != strings.Join(y.Fields(), "|") {
			t.Fatalf("round trip changed %v into %v", y.Fields(), got.Fields())
		}
	}
}
