package arrangement

import (
	"strings"

	"caseload/domain"
)

// ClaimantType is the Universal Credit standard-allowance category.
type ClaimantType string

// The claimant types.
const (
	SingleUnder25 ClaimantType = "single-under-25"
	Single25Plus  ClaimantType = "single-25-plus"
	CoupleUnder25 ClaimantType = "couple-under-25"
	Couple25Plus  ClaimantType = "couple-25-plus"
)

// ClaimantTypes lists every claimant type in display order.
var ClaimantTypes = []ClaimantType{SingleUnder25, Single25Plus, CoupleUnder25, Couple25Plus}

// ParseClaimantType reads a claimant type.
func ParseClaimantType(s string) (ClaimantType, error) {
	for _, c := range ClaimantTypes {
		if string(c) == s {
			return c, nil
		}
	}
	names := make([]string, len(ClaimantTypes))
	for i, c := range ClaimantTypes {
		names[i] = string(c)
	}
	return "", domain.Invalid("claimant", "%q is not one of %s", s, strings.Join(names, ", "))
}

// Label is the officer's words for the claimant type.
func (c ClaimantType) Label() string {
	switch c {
	case SingleUnder25:
		return "Single, under 25"
	case Single25Plus:
		return "Single, 25 or over"
	case CoupleUnder25:
		return "Couple, both under 25"
	case Couple25Plus:
		return "Couple, one or both 25 or over"
	}
	return string(c)
}

// deductionRule is where the 10%–20% comes from.
const deductionRule = "UC etc. (Claims and Payments) Regs 2013 Sch 6 para 7: https://legislation.gov.uk/uksi/2013/380/schedule/6/paragraph/7/2019-07-24/data.html"

// DeductionRange is the third-party deduction for rent arrears a landlord
// may ask DWP for: no less than 10% and no more than 20% of the claimant's
// monthly standard allowance in the table in force. The rounding rule is not
// confirmed (fact sheet open question 16); we round each bound half-up to
// the penny, which is what the fact sheet's worked example does (£400.14 →
// £40.01 to £80.03).
func (a Allowances) DeductionRange(c ClaimantType, on domain.Date) (lo, hi domain.Money, source string, err error) {
	sa, src, err := a.StandardAllowance(c, on)
	if err != nil {
		return domain.Money{}, domain.Money{}, "", err
	}
	lo = domain.ProRata(sa, 10, 100)
	hi = domain.ProRata(sa, 20, 100)
	return lo, hi, src + "; 10%–20%: " + deductionRule, nil
}
