package arrangement

import (
	"fmt"
	"strings"
	"time"

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

// allowanceYear is one tax year's monthly standard allowances with where
// they came from. Figures are data: a year is added only with a source,
// never guessed.
type allowanceYear struct {
	label    string
	from, to domain.Date // inclusive
	monthly  map[ClaimantType]domain.Money
	source   string
}

// standardAllowances holds the years we have figures for (RULES.md: data,
// by tax year, with their source). 2026/27 is left out: the fact sheet marks
// it UNCONFIRMED, and a deduction request on an invented figure is worse
// than an officer told to look it up.
var standardAllowances = []allowanceYear{
	{
		label: "2025/26",
		from:  domain.MustDate(2025, time.April, 6),
		to:    domain.MustDate(2026, time.April, 5),
		monthly: map[ClaimantType]domain.Money{
			SingleUnder25: domain.MustMoney("316.98"),
			Single25Plus:  domain.MustMoney("400.14"),
			CoupleUnder25: domain.MustMoney("497.55"),
			Couple25Plus:  domain.MustMoney("628.10"),
		},
		// law-factsheet.md §3 "Standard allowance 2025/26 (monthly)"; the
		// fact sheet's source is a press copy to be verified on gov.uk.
		source: "https://news.optiweb-shop.com/business/dwp-announces-35-change-to-vital-benefit-next-month-personal-finance-finance.html (press copy; verify on gov.uk)",
	},
}

// deductionRule is where the 10%–20% comes from.
const deductionRule = "UC etc. (Claims and Payments) Regs 2013 Sch 6 para 7: https://legislation.gov.uk/uksi/2013/380/schedule/6/paragraph/7/2019-07-24/data.html"

// StandardAllowance is the monthly UC standard allowance for the claimant
// type in the tax year (6 April to 5 April) containing on, with its source.
// RULES.md keys the figures by tax year; how DWP rates an assessment period
// that straddles April is not settled in our references, so the caller
// chooses the date (normally the start of the assessment period). With no
// figures for that year it refuses, naming the years it has.
func StandardAllowance(c ClaimantType, on domain.Date) (domain.Money, string, error) {
	if _, err := ParseClaimantType(string(c)); err != nil {
		return domain.Money{}, "", err
	}
	for _, y := range standardAllowances {
		if !on.Before(y.from) && !on.After(y.to) {
			return y.monthly[c], fmt.Sprintf("UC standard allowance %s, %s: %s a month — %s", y.label, c.Label(), y.monthly[c].Human(), y.source), nil
		}
	}
	have := make([]string, len(standardAllowances))
	for i, y := range standardAllowances {
		have[i] = y.label
	}
	return domain.Money{}, "", domain.Invalid("date", "no UC standard allowance figures for %s (caseload has %s): check the rates on gov.uk and add that year with its source",
		on.Human(), strings.Join(have, ", "))
}

// DeductionRange is the third-party deduction for rent arrears a landlord
// may ask DWP for: no less than 10% and no more than 20% of the claimant's
// monthly standard allowance. The rounding rule is not confirmed (fact sheet
// open question 16); we round each bound half-up to the penny, which is what
// the fact sheet's worked example does (£400.14 → £40.01 to £80.03).
func DeductionRange(c ClaimantType, on domain.Date) (lo, hi domain.Money, source string, err error) {
	sa, src, err := StandardAllowance(c, on)
	if err != nil {
		return domain.Money{}, domain.Money{}, "", err
	}
	lo = domain.ProRata(sa, 10, 100)
	hi = domain.ProRata(sa, 20, 100)
	return lo, hi, src + "; 10%–20%: " + deductionRule, nil
}
