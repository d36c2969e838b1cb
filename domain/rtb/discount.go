package rtb

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/shopspring/decimal"

	"caseload/domain"
)

// Region is an English region for the discount's cash cap (CLI.md
// `caseload rtb discount --region`).
type Region string

// The regions.
const (
	NorthEast       Region = "north-east"
	NorthWest       Region = "north-west"
	YorkshireHumber Region = "yorkshire-humber"
	EastMidlands    Region = "east-midlands"
	WestMidlands    Region = "west-midlands"
	East            Region = "east"
	SouthEast       Region = "south-east"
	SouthWest       Region = "south-west"
	London          Region = "london"
)

// Regions lists every region.
var Regions = []Region{NorthEast, NorthWest, YorkshireHumber, EastMidlands, WestMidlands, East, SouthEast, SouthWest, London}

// ParseRegion reads a region key.
func ParseRegion(s string) (Region, error) { return oneOf("region", s, Regions) }

// Label is the region's name.
func (r Region) Label() string {
	switch r {
	case NorthEast:
		return "North East"
	case NorthWest:
		return "North West"
	case YorkshireHumber:
		return "Yorkshire and the Humber"
	case EastMidlands:
		return "East Midlands"
	case WestMidlands:
		return "West Midlands"
	case East:
		return "East of England"
	case SouthEast:
		return "South East"
	case SouthWest:
		return "South West"
	case London:
		return "London"
	}
	return string(r)
}

// discountRules is the discount law for claims whose RTB1 was served in a
// date range: the relevant time fixes the law for the whole claim (s122).
// A reform gets its own entry, dated from its commencement, only once it
// is in force: the 2025 proposals (10 years' eligibility, 5–15%) are
// announced but not enacted and deliberately have none.
type discountRules struct {
	from            domain.Date // first RTB1 date governed; zero = open-ended back
	name            string
	qualifyingYears int
}

// The percentages have not changed across the rule sets in use: houses 35% +
// 1% per complete year over 5, flats 50% + 2%, at most 70% (s129).
const (
	houseBase, houseStep = 35, 1
	flatBase, flatStep   = 50, 2
	stepsAfterYears      = 5
	maxPercent           = 70
)

var discountRuleSets = []discountRules{
	{
		from:            domain.MustDate(2024, time.November, 21),
		name:            "RTB1 served on or after 21 Nov 2024: regional caps (SI 2024/1073)",
		qualifyingYears: 3,
	},
	{
		name:            "RTB1 served before 21 Nov 2024: the cap in force on the RTB1 date",
		qualifyingYears: 3,
	},
}

// rulesFor is the rule set governing a claim received on d.
func rulesFor(d domain.Date) discountRules {
	for _, rs := range discountRuleSets {
		if !d.Before(rs.from) {
			return rs
		}
	}
	return discountRuleSets[len(discountRuleSets)-1]
}

// DiscountClaim is what the discount depends on.
type DiscountClaim struct {
	// Value is the open-market value at the relevant time (s127).
	Value domain.Money
	// Years is the complete years of public-sector tenancy at the relevant
	// time; for joint applicants, the longest (see CompleteYears).
	Years    int
	Property Property
	Region   Region
	// Authority is the council, needed only where its cap differs from the
	// region's; any other name takes the region's cap.
	Authority string
	// Received is the RTB1's service date: it decides which law applies.
	Received domain.Date
	// PreviousDiscount is any earlier Right to Buy-type discount an
	// applicant received, deducted in full (s130).
	PreviousDiscount domain.Money
	// CostFloor is the council's relevant build, purchase and works costs in
	// the cost-floor period; the discount may not take the price below it
	// (s131(1)). Zero when there are none.
	CostFloor domain.Money
	// Caps is the table of cash caps in force (the zero value: the table
	// shipped with caseload).
	Caps Caps
}

// Discount is the discount on a claim and the price it leaves.
type Discount struct {
	Eligible bool `json:"eligible"`
	// Percent is the whole-number percentage that applies, after the 70%
	// limit (0 when not eligible).
	Percent int `json:"percent"`
	// StatutoryPercent is the percentage before the 70% limit.
	StatutoryPercent int          `json:"statutory_percent"`
	Discount         domain.Money `json:"discount"`
	// Cap is the cash cap for the area; CapArea says which ("North West",
	// "Havering").
	Cap     domain.Money `json:"cap"`
	CapArea string       `json:"cap_area"`
	// CapSource is where the cap comes from; CapConfirmed is false for a
	// row not checked against the published order (the working says so).
	CapSource    string `json:"cap_source"`
	CapConfirmed bool   `json:"cap_confirmed"`
	// Price is value − discount.
	Price domain.Money `json:"price"`
	// Rules names the dated rule set applied.
	Rules string `json:"rules"`
	// Reason is the working in words, every step with its figure.
	Reason string `json:"reason"`
}

// CalculateDiscount works out the discount (s129–s131) in statutory order:
// the percentage of value (at most 70%), less earlier discounts (s130), then
// the cost floor and the cash cap (s131) as the final limits. Bad input is
// a *domain.ValidationError.
func CalculateDiscount(c DiscountClaim) (Discount, error) {
	if !c.Value.IsPositive() {
		return Discount{}, domain.Invalid("value", "give the value at the relevant time, above £0.00")
	}
	if c.Years < 0 {
		return Discount{}, domain.Invalid("years", "years of tenancy cannot be negative")
	}
	if _, err := ParseProperty(string(c.Property)); err != nil {
		return Discount{}, err
	}
	if _, err := ParseRegion(string(c.Region)); err != nil {
		return Discount{}, err
	}
	if c.Received.IsZero() {
		return Discount{}, domain.Invalid("received", "give the date the RTB1 was received: it decides which caps apply")
	}
	if c.PreviousDiscount.IsNegative() {
		return Discount{}, domain.Invalid("previous_discount", "cannot be negative")
	}
	if c.CostFloor.IsNegative() {
		return Discount{}, domain.Invalid("cost_floor", "cannot be negative")
	}
	capRow, capArea, err := c.Caps.CapFor(c.Received, c.Region, c.Authority)
	if err != nil {
		return Discount{}, err
	}

	rs := rulesFor(c.Received)
	out := Discount{Rules: rs.name, Price: c.Value}
	out.Cap, out.CapArea, out.CapSource, out.CapConfirmed = capRow.Cap, capArea, capRow.Source, capRow.Confirmed
	if c.Years < rs.qualifyingYears {
		out.Reason = fmt.Sprintf("%s of public-sector tenancy is under the %d-year qualifying period: no right to buy — "+
			"the RTB2 must deny the right, with reasons", plural(c.Years, "year"), rs.qualifyingYears)
		return out, nil
	}
	out.Eligible = true

	base, step, kind := houseBase, houseStep, "House"
	if c.Property == Flat {
		base, step, kind = flatBase, flatStep, "Flat"
	}
	extra := max(0, c.Years-stepsAfterYears)
	out.StatutoryPercent = base + step*extra
	out.Percent = min(out.StatutoryPercent, maxPercent)

	var why []string
	pct := fmt.Sprintf("%s, %s: %d%%", kind, plural(c.Years, "year"), base)
	if extra > 0 {
		pct += fmt.Sprintf(" + %d%% (%d%% for each complete year over %d) = %d%%", step*extra, step, stepsAfterYears, out.StatutoryPercent)
	}
	if out.StatutoryPercent > maxPercent {
		pct += fmt.Sprintf(", limited to %d%%", maxPercent)
	}
	why = append(why, pct)

	// Round down to the penny: the discount may not exceed the percentage.
	byPercent := domain.RoundOnce(c.Value.Decimal().Mul(decimal.NewFromInt(int64(out.Percent))), decimal.NewFromInt(100), domain.Down)
	why = append(why, fmt.Sprintf("%d%% of %s = %s", out.Percent, c.Value.Human(), byPercent.Human()))
	d := byPercent

	if c.PreviousDiscount.IsPositive() {
		d = domain.MaxMoney(domain.Zero, d.Sub(c.PreviousDiscount))
		why = append(why, fmt.Sprintf("less earlier discounts of %s (s130) = %s", c.PreviousDiscount.Human(), d.Human()))
	}
	if c.CostFloor.IsPositive() {
		room := domain.MaxMoney(domain.Zero, c.Value.Sub(c.CostFloor))
		if room.LessThan(d) {
			d = room
			why = append(why, fmt.Sprintf("the cost floor of %s keeps the price at least that, leaving %s of discount (s131(1))",
				c.CostFloor.Human(), d.Human()))
		} else {
			why = append(why, fmt.Sprintf("the cost floor of %s does not bite", c.CostFloor.Human()))
		}
	}
	if out.Cap.LessThan(d) {
		d = out.Cap
		why = append(why, fmt.Sprintf("limited to the %s cap of %s (s131)", out.CapArea, out.Cap.Human()))
	} else {
		why = append(why, fmt.Sprintf("within the %s cap of %s (s131)", out.CapArea, out.Cap.Human()))
	}
	if !capRow.Confirmed {
		why = append(why, fmt.Sprintf("that cap is UNCONFIRMED (%s): check it against the published order before relying on it", capRow.Note))
	}
	out.Discount = d
	out.Price = c.Value.Sub(d)
	out.Reason = strings.Join(why, "; ") + fmt.Sprintf(". Discount %s, price %s (%s)", d.Human(), out.Price.Human(), rs.name)
	return out, nil
}

// normaliseAuthority makes council names comparable however they are typed:
// case, "&" for "and", hyphens and punctuation, and the words of a council's
// formal title ("Reading Borough Council", "London Borough of Havering").
func normaliseAuthority(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "&", " and "))
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return ' '
	}, s)
	words := strings.Fields(s)
	for _, prefix := range [][]string{{"the"}, {"london", "borough", "of"}, {"royal", "borough", "of"}, {"borough", "of"}, {"city", "of"}} {
		if len(words) > len(prefix) && slices.Equal(words[:len(prefix)], prefix) {
			words = words[len(prefix):]
		}
	}
	for _, suffix := range []string{"council", "borough", "district", "city", "metropolitan", "london"} {
		if n := len(words) - 1; n > 0 && words[n] == suffix {
			words = words[:n]
		}
	}
	return strings.Join(words, " ")
}

// CompleteYears is the number of complete years from from to to (0 when to
// is earlier): a year is complete on its anniversary, and an anniversary of
// 29 February falls on 28 February in other years.
func CompleteYears(from, to domain.Date) int {
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return 0
	}
	n := to.Year() - from.Year()
	if from.AddMonthsClamped(12 * n).After(to) {
		n--
	}
	return n
}
