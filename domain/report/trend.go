package report

import (
	"fmt"

	"github.com/shopspring/decimal"

	"caseload/domain"
)

// Point is one week of a trend: the headline figures at the week's end.
type Point struct {
	Week Period
	// Arrears are current tenant arrears (technical included) at the end of
	// the week's Sunday, and ArrearsAccounts the accounts owing.
	Arrears         domain.Money
	ArrearsAccounts int
	// Due and Collected are the week's rent debited and money received;
	// Rate is Collected ÷ Due × 100 to one decimal place (RateDefined false
	// when nothing was due).
	Due, Collected domain.Money
	Rate           decimal.Decimal
	RateDefined    bool
	// Stages counts current accounts at each ladder stage (indexed by
	// Stage) at the week's end.
	Stages []int
	// Snapshot is true when the arrears and rate are the week's snapshot
	// (kept when the week was first reported after it closed).
	Snapshot bool
}

// TrendFormulas say how each trend line is made.
var TrendFormulas = map[string]string{
	"arrears":     "Σ positive balances of current rent and temporary accommodation accounts at the end of each Sunday (technical arrears included)",
	"rate":        "Σ money received in the week ÷ Σ charges debited in the week × 100, each net of reversals (to 1 decimal place, half up)",
	"stages":      "current accounts at each ladder stage at the end of each Sunday",
	"as-at":       "the ledger as it stands; a week with a snapshot shows the snapshot's arrears and rate",
	"unconfirmed": "weekly collection rate: the fact sheet defines the rate for a year to date; a week's rate is the same formula over one week",
}

// NewPoint fills the rate from due and collected.
func NewPoint(week Period, arrears domain.Money, owing int, due, collected domain.Money, stages []int) Point {
	p := Point{Week: week, Arrears: arrears, ArrearsAccounts: owing, Due: due, Collected: collected, Stages: stages}
	if !due.IsZero() {
		p.Rate, p.RateDefined = collected.Decimal().Mul(decimal.NewFromInt(100)).DivRound(due.Decimal(), 1), true
	}
	return p
}

// TrendWords say the week-on-week change and the change over the trend
// (the year when it is 52 weeks long) in words.
func TrendWords(points []Point) []string {
	if len(points) == 0 {
		return nil
	}
	last := points[len(points)-1]
	var out []string
	change := func(what string, was, now domain.Money, since string) string {
		d := now.Sub(was)
		switch d.Sign() {
		case 0:
			return fmt.Sprintf("%s unchanged at %s %s", what, now.Human(), since)
		case 1:
			return fmt.Sprintf("%s up %s to %s %s", what, d.Human(), now.Human(), since)
		}
		return fmt.Sprintf("%s down %s to %s %s", what, d.Neg().Human(), now.Human(), since)
	}
	rate := func(p Point) string {
		if !p.RateDefined {
			return "n/a"
		}
		return p.Rate.StringFixed(1) + "%"
	}
	if len(points) >= 2 {
		prev := points[len(points)-2]
		out = append(out, change("Arrears", prev.Arrears, last.Arrears, "on the week before"),
			fmt.Sprintf("Collection rate %s in the week to %s (%s the week before)", rate(last), last.Week.To.Human(), rate(prev)))
	}
	if len(points) >= 3 {
		first := points[0]
		span := fmt.Sprintf("over %d weeks (since %s)", len(points)-1, first.Week.To.Human())
		if len(points) >= 52 {
			span = fmt.Sprintf("on a year ago (%s)", first.Week.To.Human())
		}
		out = append(out, change("Arrears", first.Arrears, last.Arrears, span))
	}
	return out
}
