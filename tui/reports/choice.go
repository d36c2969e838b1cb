package reports

import (
	"fmt"
	"strings"

	"caseload/domain"
	"caseload/domain/report"
	"caseload/tui/common"
)

// The scopes and period kinds the keys move between, in order.
var (
	scopeNames = []string{"officer", "team", "borough"}
	kindNames  = []string{"week", "month", "year"}
)

const (
	scopeOfficer = iota
	scopeTeam
	scopeBorough
)

const (
	kindWeek = iota
	kindMonth
	kindYear
)

// choice is the report asked for: whose accounts and which period. It is
// comparable, so the pane tells the report on screen from the one loading.
type choice struct {
	scope int
	// officer is the officer scope's officer; team the team scope's
	// officers, comma-separated (the data has no team record: a team is
	// a list of officers).
	officer, team string
	kind          int
	// day is a day in the period (its first, once stepped).
	day domain.Date
}

// firstChoice is the officer's own patch, this week.
func firstChoice(ctx *common.Context) choice {
	return choice{scope: scopeOfficer, officer: ctx.Officer, team: ctx.Officer, kind: kindWeek, day: ctx.Today}
}

// reportScope is the choice's scope as the store takes it.
func (c choice) reportScope() report.Scope {
	switch c.scope {
	case scopeOfficer:
		return report.Scope{Kind: report.ScopeOfficer, Officers: []string{c.officer}}
	case scopeTeam:
		return report.Scope{Kind: report.ScopeTeam, Officers: strings.Split(c.team, ",")}
	}
	return report.Scope{Kind: report.ScopeBorough}
}

// period is the choice's period: a rent week (Monday to Sunday), a
// calendar month, or a financial year (1 April to 31 March, the year the
// year-to-date figures count).
func (c choice) period() report.Period {
	switch c.kind {
	case kindMonth:
		from := domain.MustDate(c.day.Year(), c.day.Month(), 1)
		return report.Period{From: from, To: from.AddMonthsClamped(1).AddDays(-1), Label: fmt.Sprintf("%d-%02d", from.Year(), int(from.Month()))}
	case kindYear:
		from := report.FinancialYearStart(c.day)
		return report.Period{From: from, To: from.AddMonthsClamped(12).AddDays(-1), Label: fmt.Sprintf("%d/%02d", from.Year(), (from.Year()+1)%100)}
	}
	return report.Week(c.day)
}

// nextScope moves to the next scope: officer, team, borough, officer.
func (c choice) nextScope() choice {
	c.scope = (c.scope + 1) % len(scopeNames)
	return c
}

// nextKind moves to the next kind of period, the one holding the same day.
func (c choice) nextKind() choice {
	c.kind = (c.kind + 1) % len(kindNames)
	return c
}

// step moves n periods later (earlier when n < 0).
func (c choice) step(n int) choice {
	from := c.period().From
	switch c.kind {
	case kindMonth:
		c.day = from.AddMonthsClamped(n)
	case kindYear:
		c.day = from.AddMonthsClamped(12 * n)
	default:
		c.day = from.AddDays(7 * n)
	}
	return c
}

// canStep reports whether the period n later has begun by today: there
// are no figures for a period still to come.
func (c choice) canStep(n int, today domain.Date) bool {
	return !c.step(n).period().From.After(today)
}

// current is the period of the same kind holding today.
func (c choice) current(today domain.Date) choice {
	c.day = today
	return c
}

// scopeWords name the scope: "Patch of asmith", "Whole borough".
func (c choice) scopeWords() string { return c.reportScope().Label() }

// periodWords name the period: "week 16–22 Nov 2026", "November 2026",
// "year 2026/27".
func (c choice) periodWords() string {
	p := c.period()
	switch c.kind {
	case kindMonth:
		return p.From.Month().String() + " " + fmt.Sprint(p.From.Year())
	case kindYear:
		return "year " + p.Label + " (Apr–Mar)"
	}
	if p.From.Month() == p.To.Month() {
		return fmt.Sprintf("week %d–%s", p.From.Day(), p.To.Human()[4:])
	}
	return "week " + p.From.DayMonth() + " – " + p.To.DayMonth() + " " + fmt.Sprint(p.To.Year())
}

// soFar reports whether the period holds today: its figures are the
// ledger as it stands, not a closed period's.
func (c choice) soFar(today domain.Date) bool { return c.period().Contains(today) }
