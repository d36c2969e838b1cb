package report

import (
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

// Recorded is whether the week has any figure: before an account's first
// posting there is nothing to compare with, which is not zero.
func (p Point) Recorded() bool {
	return !p.Due.IsZero() || !p.Collected.IsZero() || !p.Arrears.IsZero() || p.ArrearsAccounts > 0
}

// YearWeeks is how many weekly points reach from the same week last year
// to this week: 52 weeks back, and this one.
const YearWeeks = 53

// EarlierOf is one figure of the trend's last week's two comparisons: last
// week and the same week last year (known only when the trend reaches back
// YearWeeks weeks). v reads the figure from a point and says whether there
// is one.
func EarlierOf(points []Point, v func(Point) (decimal.Decimal, bool)) []Earlier {
	out := []Earlier{{On: "last week"}, {On: "the same week last year"}}
	n := len(points)
	if n >= 2 {
		out[0].Value, out[0].Known = v(points[n-2])
	}
	if n >= YearWeeks {
		out[1].Value, out[1].Known = v(points[n-YearWeeks])
	}
	return out
}

// ArrearsOf and RateOf read a point's arrears and collection rate for
// EarlierOf.
func ArrearsOf(p Point) (decimal.Decimal, bool) { return p.Arrears.Decimal(), p.Recorded() }

// RateOf reads a point's collection rate, where rent was due that week.
func RateOf(p Point) (decimal.Decimal, bool) { return p.Rate, p.RateDefined }

// TrendWords say the last week's arrears and collection rate with their
// change on last week and on the same week last year, in the words the
// Reports pane uses (ChangeWords).
func TrendWords(points []Point) []string {
	if len(points) == 0 {
		return nil
	}
	last := points[len(points)-1]
	week := "in the week to " + last.Week.To.Human() + ":"
	out := []string{ChangeWords("Arrears "+last.Arrears.Human()+" "+week, ChangeMoney, last.Arrears.Decimal(), EarlierOf(points, ArrearsOf)...)}
	if last.RateDefined {
		out = append(out, ChangeWords("Collection rate "+last.Rate.StringFixed(1)+"% "+week, ChangeRate, last.Rate, EarlierOf(points, RateOf)...))
	}
	return out
}
