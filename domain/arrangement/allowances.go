package arrangement

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"caseload/domain"
)

// AllowanceYear is one tax year's monthly Universal Credit standard
// allowances with where they came from (RULES.md: data, by tax year, with
// their source). A year whose figures could not be checked against a
// primary source is shipped unconfirmed, with the disagreement in Note, and
// every figure drawn from it says so.
type AllowanceYear struct {
	Label     string      // "2025/26"
	From, To  domain.Date // inclusive
	Monthly   map[ClaimantType]domain.Money
	Confirmed bool
	Source    string
	Note      string
}

// Allowances is the table of standard allowances in force: the one shipped
// with caseload, or the newest the council loaded (`caseload rates load`).
type Allowances struct {
	years []AllowanceYear
}

// shippedAllowances are the years caseload ships. 2026/27 is in the table
// but unconfirmed: the sources read disagree on one figure and give none for
// another, so a deduction worked from it carries the warning.
var shippedAllowances = []AllowanceYear{
	{
		Label: "2025/26",
		From:  domain.MustDate(2025, time.April, 6),
		To:    domain.MustDate(2026, time.April, 5),
		Monthly: map[ClaimantType]domain.Money{
			SingleUnder25: domain.MustMoney("316.98"),
			Single25Plus:  domain.MustMoney("400.14"),
			CoupleUnder25: domain.MustMoney("497.55"),
			Couple25Plus:  domain.MustMoney("628.10"),
		},
		Confirmed: true,
		Source:    "CPAG, means-tested benefit rates 2025/26: https://askcpag.org.uk/?id=-267593 (the same four figures as law-factsheet.md §3)",
	},
	{
		Label: "2026/27",
		From:  domain.MustDate(2026, time.April, 6),
		To:    domain.MustDate(2027, time.April, 5),
		Monthly: map[ClaimantType]domain.Money{
			SingleUnder25: domain.MustMoney("338.58"),
			Single25Plus:  domain.MustMoney("424.90"),
			CoupleUnder25: domain.MustMoney("528.34"),
			Couple25Plus:  domain.MustMoney("666.97"),
		},
		Source: "press reports of the DWP 2026/27 rates (Universal Credit Act 2025 uplift): https://www.upday.com/uk/cost-of-living/dwp-confirms-new-benefit-rates-24m-get-rise-from-april-uc-state-pension-pip-amounts/jqrpvdc",
		Note: "couple one or both 25+: £666.97 (upday, particle.news) but £666.90 in another press copy; couple both under 25: " +
			"no source read gives it, £528.34 is unchecked; the new rates apply from assessment periods starting on or after 13 Apr 2026 " +
			"(one report) — check every figure on gov.uk (benefit and pension rates 2026 to 2027) and load the corrected table",
	},
}

// DefaultAllowances is the table shipped with caseload.
func DefaultAllowances() Allowances { return Allowances{years: shippedAllowances} }

// NewAllowances checks a whole table and returns it in date order. A broken
// rule names its row (*domain.RowError) so a loader can name the line.
func NewAllowances(years []AllowanceYear) (Allowances, error) {
	if len(years) == 0 {
		return Allowances{}, domain.Invalid("file", "no years: the table needs at least one")
	}
	for i, y := range years {
		if err := y.check(); err != nil {
			return Allowances{}, &domain.RowError{Row: i, Err: err}
		}
		for j := range i {
			o := years[j]
			if o.Label == y.Label {
				return Allowances{}, domain.InvalidRow(i, "year", "%s appears twice (row %d too)", y.Label, j+1)
			}
			if !y.To.Before(o.From) && !o.To.Before(y.From) {
				return Allowances{}, domain.InvalidRow(i, "from", "%s (%s to %s) overlaps %s on row %d", y.Label, y.From, y.To, o.Label, j+1)
			}
		}
	}
	out := append([]AllowanceYear(nil), years...)
	sort.Slice(out, func(i, j int) bool { return out[i].From.Before(out[j].From) })
	return Allowances{years: out}, nil
}

func (y AllowanceYear) check() error {
	if strings.TrimSpace(y.Label) == "" {
		return domain.Invalid("year", "give the tax year, e.g. 2025/26")
	}
	if y.From.IsZero() || y.To.IsZero() || y.To.Before(y.From) {
		return domain.Invalid("to", "the year must run from its first day to its last (from %s to %s)", y.From, y.To)
	}
	for _, c := range ClaimantTypes {
		if m, ok := y.Monthly[c]; !ok || !m.IsPositive() {
			return domain.Invalid(columnOf(c), "give the monthly allowance, above £0.00")
		}
	}
	if strings.TrimSpace(y.Source) == "" {
		return domain.Invalid("source", "say where the figures come from")
	}
	if !y.Confirmed && strings.TrimSpace(y.Note) == "" {
		return domain.Invalid("note", "an unconfirmed year needs a note saying what is not confirmed")
	}
	return nil
}

// Years are the table's years in date order.
func (a Allowances) Years() []AllowanceYear {
	if a.years == nil {
		return shippedAllowances
	}
	return a.years
}

// StandardAllowance is the monthly UC standard allowance for the claimant
// type in the year containing on, with its source (and, for an unconfirmed
// year, the warning). RULES.md keys the figures by tax year; how DWP rates
// an assessment period that straddles April is not settled in our
// references, so the caller chooses the date (normally the start of the
// assessment period). With no figures for that year it refuses, naming the
// years it has.
func (a Allowances) StandardAllowance(c ClaimantType, on domain.Date) (domain.Money, string, error) {
	if _, err := ParseClaimantType(string(c)); err != nil {
		return domain.Money{}, "", err
	}
	years := a.Years()
	for _, y := range years {
		if !on.Before(y.From) && !on.After(y.To) {
			src := fmt.Sprintf("UC standard allowance %s, %s: %s a month — %s", y.Label, c.Label(), y.Monthly[c].Human(), y.Source)
			if !y.Confirmed {
				src = fmt.Sprintf("UNCONFIRMED figures (%s) — UC standard allowance %s, %s: %s a month — %s", y.Note, y.Label, c.Label(), y.Monthly[c].Human(), y.Source)
			}
			return y.Monthly[c], src, nil
		}
	}
	have := make([]string, len(years))
	for i, y := range years {
		have[i] = y.Label
	}
	return domain.Money{}, "", domain.Invalid("date", "no UC standard allowance figures for %s (caseload has %s): check the rates on gov.uk and load that year with `caseload rates load FILE`",
		on.Human(), strings.Join(have, ", "))
}

// AllowanceColumns are the columns of the rates file (`caseload rates
// load`), in the order `caseload rates --format csv` writes them.
var AllowanceColumns = []string{"year", "from", "to", "single_under_25", "single_25_plus", "couple_under_25", "couple_25_plus", "confirmed", "source", "note"}

func columnOf(c ClaimantType) string { return strings.ReplaceAll(string(c), "-", "_") }

// ParseAllowanceYear reads one row of the rates file (columns by name); a
// bad value is a ValidationError naming its column.
func ParseAllowanceYear(row map[string]string) (AllowanceYear, error) {
	y := AllowanceYear{Label: row["year"], Monthly: map[ClaimantType]domain.Money{}, Source: row["source"], Note: row["note"]}
	var err error
	if y.From, err = domain.ParseDate(row["from"]); err != nil {
		return y, domain.Invalid("from", "%v", err)
	}
	if y.To, err = domain.ParseDate(row["to"]); err != nil {
		return y, domain.Invalid("to", "%v", err)
	}
	for _, c := range ClaimantTypes {
		m, err := domain.ParseMoney(row[columnOf(c)])
		if err != nil {
			return y, domain.Invalid(columnOf(c), "%v", err)
		}
		y.Monthly[c] = m
	}
	if y.Confirmed, err = domain.ParseYesNo("confirmed", row["confirmed"]); err != nil {
		return y, err
	}
	return y, y.check()
}

// Fields are the year as a row of the rates file (AllowanceColumns).
func (y AllowanceYear) Fields() []string {
	out := []string{y.Label, y.From.String(), y.To.String()}
	for _, c := range ClaimantTypes {
		out = append(out, y.Monthly[c].String())
	}
	return append(out, domain.YesNo(y.Confirmed), y.Source, y.Note)
}
