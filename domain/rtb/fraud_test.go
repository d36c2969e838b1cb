package rtb

import (
	"strings"
	"testing"
	"time"

	"caseload/domain"
)

func TestFraudChecklist(t *testing.T) {
	// The keys are stored: they must never change.
	want := []string{"identity", "principal-home", "qualifying-period", "family-members", "source-of-funds"}
	if len(FraudChecks) != len(want) {
		t.Fatalf("%d checks, want %d", len(FraudChecks), len(want))
	}
	for i, k := range FraudChecks {
		if string(k) != want[i] {
			t.Fatalf("check %d is %q, want %q", i, k, want[i])
		}
		if got, err := ParseFraudCheck(want[i]); err != nil || got != k {
			t.Fatalf("ParseFraudCheck(%q) = %q, %v", want[i], got, err)
		}
		if k.Label() == string(k) || k.Short() == string(k) {
			t.Fatalf("check %q has no label", k)
		}
	}
	for _, s := range CheckStatuses {
		if got, err := ParseCheckStatus(string(s)); err != nil || got != s {
			t.Fatalf("ParseCheckStatus(%q) = %q, %v", s, got, err)
		}
	}
}

func TestFraudAssessment(t *testing.T) {
	today := day(2025, time.June, 9)
	var zero FraudAssessment
	for _, r := range zero.Results() {
		if r.Status != NotStarted {
			t.Fatalf("%s starts %s, want not-started", r.Check, r.Status)
		}
	}
	set := func(a FraudAssessment, k FraudCheck, s CheckStatus, note string) FraudAssessment {
		t.Helper()
		next, err := a.Set(CheckResult{Check: k, Status: s, On: today, Note: note})
		if err != nil {
			t.Fatal(err)
		}
		return next
	}
	tests := []struct {
		name    string
		a       FraudAssessment
		concern bool
		cleared bool
		summary []string
	}{
		{"nothing started: no concern, not cleared", zero, false, false, []string{"0 of 5 checks passed"}},
		{"checks in progress are not a concern", set(zero, CheckIdentity, InProgress, ""), false, false, nil},
		{"an NFI match is an open concern", set(zero, CheckPrincipalHome, Concern, "NFI match with another council's tenancy"), true, false,
			[]string{"concern: principal home (NFI match with another council's tenancy)", "NAFN", "clocks keep running"}},
		{"a concern resolved as passed is closed", set(set(zero, CheckPrincipalHome, Concern, "NFI match"), CheckPrincipalHome, Passed, "match was a namesake"), false, false, []string{"1 of 5"}},
		{"every check passed clears the assessment", func() FraudAssessment {
			a := zero
			for _, k := range FraudChecks {
				a = set(a, k, Passed, "")
			}
			return a
		}(), false, true, []string{"5 of 5 checks passed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.a.HasOpenConcern() != tt.concern || tt.a.Cleared() != tt.cleared {
				t.Fatalf("concern %v cleared %v, want %v %v", tt.a.HasOpenConcern(), tt.a.Cleared(), tt.concern, tt.cleared)
			}
			for _, w := range tt.summary {
				if !strings.Contains(tt.a.Summary(), w) {
					t.Fatalf("summary %q does not mention %q", tt.a.Summary(), w)
				}
			}
		})
	}

	// Set returns a new assessment and leaves the old one alone.
	a := set(zero, CheckIdentity, Passed, "")
	b := set(a, CheckIdentity, Concern, "ID does not match")
	if a.Result(CheckIdentity).Status != Passed || b.Result(CheckIdentity).Status != Concern {
		t.Fatalf("Set changed the assessment it was called on")
	}

	refusals := []struct {
		name string
		r    CheckResult
		want string
	}{
		{"an unknown check", CheckResult{Check: "credit-score", Status: Passed}, "check"},
		{"an unknown status", CheckResult{Check: CheckIdentity, Status: "maybe"}, "status"},
		{"a concern with no note", CheckResult{Check: CheckSourceOfFunds, Status: Concern, Note: " "}, "say what the concern is"},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			_, err := zero.Set(tt.r)
			wantValidation(t, err, tt.want)
		})
	}
}

func TestCheckFunds(t *testing.T) {
	price := domain.Pounds(160_000)
	tests := []struct {
		name    string
		sources []FundsSource
		ok      bool
		gap     string
		words   []string
	}{
		// Fact sheet §8 vector 2.
		{"a £140,000 mortgage and a £20,000 gift equal the £160,000 price",
			[]FundsSource{{FundsMortgage, domain.Pounds(140_000), true}, {FundsGift, domain.Pounds(20_000), true}}, true, "0.00",
			[]string{"funds equal the price: £160,000.00"}},
		{"a gift without the giftor's evidence is not yet enough",
			[]FundsSource{{FundsMortgage, domain.Pounds(140_000), true}, {FundsGift, domain.Pounds(20_000), false}}, false, "0.00",
			[]string{"giftor's money-laundering form, photo ID and 3 months' bank statements"}},
		{"funds short of the price are a funds gap",
			[]FundsSource{{FundsMortgage, domain.Pounds(140_000), true}, {FundsGift, domain.Pounds(15_000), true}}, false, "5000.00",
			[]string{"funds gap £5,000.00"}},
		{"funds above the price cover it",
			[]FundsSource{{FundsMortgage, domain.Pounds(140_000), true}, {FundsSavings, domain.Pounds(25_000), true}}, true, "0.00",
			[]string{"£5,000.00 over"}},
		{"no funds at all are a gap of the whole price", nil, false, "160000.00", []string{"funds gap £160,000.00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CheckFunds(price, tt.sources)
			if err != nil {
				t.Fatal(err)
			}
			if got.OK != tt.ok || got.Gap.String() != tt.gap {
				t.Fatalf("ok %v gap %s, want %v %s (%s)", got.OK, got.Gap, tt.ok, tt.gap, got.Words)
			}
			for _, w := range tt.words {
				if !strings.Contains(got.Words, w) {
					t.Fatalf("words %q do not mention %q", got.Words, w)
				}
			}
		})
	}
	_, err := CheckFunds(domain.Zero, nil)
	wantValidation(t, err, "price")
	_, err = CheckFunds(price, []FundsSource{{Kind: "lottery", Amount: domain.Pounds(1)}})
	wantValidation(t, err, "kind")
	_, err = CheckFunds(price, []FundsSource{{Kind: FundsSavings, Amount: domain.Zero}})
	wantValidation(t, err, "amount")
}

func TestMayShare(t *testing.T) {
	rtb1 := day(2025, time.June, 2)
	tests := []struct {
		name  string
		m     FamilyMember
		may   bool
		words string
	}{
		// Fact sheet §8 vector 3.
		{"moved in 9 months before the RTB1, not a spouse: flag it", FamilyMember{MovedIn: day(2024, time.September, 2)}, false, "council's consent (s123): flag it"},
		{"the same member may share with the council's consent", FamilyMember{MovedIn: day(2024, time.September, 2), LandlordConsents: true}, true, "consents"},
		{"a spouse may share however recently they moved in", FamilyMember{MovedIn: day(2025, time.May, 1), Spouse: true}, true, "spouse or civil partner"},
		{"resident throughout the 12 months ending with the RTB1", FamilyMember{MovedIn: day(2024, time.June, 3)}, true, "throughout the 12 months"},
		{"a day short of the 12 months", FamilyMember{MovedIn: day(2024, time.June, 4)}, false, "not resident throughout the 12 months from Mon 3 Jun 2024"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			may, words, err := MayShare(tt.m, rtb1)
			if err != nil {
				t.Fatal(err)
			}
			if may != tt.may || !strings.Contains(words, tt.words) {
				t.Fatalf("may %v (%q), want %v mentioning %q", may, words, tt.may, tt.words)
			}
		})
	}
	_, _, err := MayShare(FamilyMember{}, rtb1)
	wantValidation(t, err, "moved_in")
	_, _, err = MayShare(FamilyMember{Spouse: true}, domain.Date{})
	wantValidation(t, err, "received")
}
