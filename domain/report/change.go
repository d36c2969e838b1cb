package report

import (
	"strings"

	"github.com/shopspring/decimal"

	"caseload/domain"
)

// ChangeUnit is what a figure counts, which decides how its change is said.
type ChangeUnit int

const (
	// ChangeMoney is an amount: "up £1,204.50 (2.1%)".
	ChangeMoney ChangeUnit = iota
	// ChangeCount is a number of things: "up 3 (12.5%)".
	ChangeCount
	// ChangeRate is a percentage, whose change is in points: "up 1.2
	// points" (a percentage of a percentage would only confuse).
	ChangeRate
)

// Earlier is a figure's value at an earlier point, to compare with now.
type Earlier struct {
	// On names the point as the sentence says it: "last week", "the same
	// week last year".
	On    string
	Value decimal.Decimal
	// Known is false when there is no figure then (before the first
	// posting): the sentence says so rather than compare with nothing.
	Known bool
}

// ChangeWords says in words how a figure moved against earlier values:
// "arrears up £1,204.50 (2.1%) on last week; down 4.0% on the same week
// last year". The first comparison gives the amount and the change as a
// percentage of the earlier value; later ones the percentage only (the
// amount when the earlier value was zero, which has no percentage).
// Percentages and points are rounded half away from zero to one place; a
// change that rounds to nothing is "under 0.1%" (or "no change" for a
// rate, whose change is the points). An unknown earlier value is "no
// figure for …".
func ChangeWords(name string, unit ChangeUnit, now decimal.Decimal, earlier ...Earlier) string {
	var clauses []string
	first := true
	for _, e := range earlier {
		if !e.Known {
			clauses = append(clauses, "no figure for "+e.On)
			continue
		}
		clauses = append(clauses, changeClause(unit, now, e.Value, first)+" on "+e.On)
		first = false
	}
	if len(clauses) == 0 {
		return name + ": nothing earlier to compare with"
	}
	return name + " " + strings.Join(clauses, "; ")
}

// changeClause is one comparison without its "on …": "up £1,204.50
// (2.1%)", "down 4.0%", "no change".
func changeClause(unit ChangeUnit, now, before decimal.Decimal, withAmount bool) string {
	diff := now.Sub(before)
	if unit == ChangeRate {
		diff = diff.Round(1)
	}
	if diff.IsZero() {
		return "no change"
	}
	dir := "up "
	if diff.IsNegative() {
		dir = "down "
	}
	amount := changeAmount(unit, diff.Abs())
	if unit == ChangeRate {
		return dir + amount
	}
	if before.IsZero() {
		return dir + amount + " from nothing"
	}
	pct := diff.Abs().Mul(decimal.NewFromInt(100)).Div(before.Abs()).Round(1)
	p := pct.StringFixed(1) + "%"
	if pct.IsZero() {
		p = "under 0.1%"
	}
	if withAmount {
		return dir + amount + " (" + p + ")"
	}
	return dir + p
}

// changeAmount writes a change's size: "£1,204.50", "3", "1.2 points".
func changeAmount(unit ChangeUnit, d decimal.Decimal) string {
	switch unit {
	case ChangeRate:
		if d.Equal(decimal.NewFromInt(1)) {
			return "1.0 point"
		}
		return d.StringFixed(1) + " points"
	case ChangeCount:
		return d.Round(0).String()
	}
	return domain.FromDecimal(d).Human()
}
