package reports

import (
	"context"
	"slices"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/shopspring/decimal"

	"caseload/domain/report"
	"caseload/tui/chart"
	"caseload/tui/common"
)

// trendWeeks is the weeks a trend reads: the 52 it draws and the same
// week a year before the last, for the change on last year.
const trendWeeks = report.YearWeeks

// trendMsg is the weekly trends for a choice, as the pane draws them.
type trendMsg struct {
	seq    int
	trends []trend
	err    error
}

// loadTrends reads the weeks up to the chosen period's last complete
// week in the background.
func loadTrends(ctx *common.Context, cx context.Context, seq int, c choice) tea.Cmd {
	st, today := ctx.Store, ctx.Today
	return func() tea.Msg {
		points, err := st.ReportTrend(cx, c.reportScope(), trendWeeks, report.TrendEnd(c.period(), today))
		if err != nil {
			return trendMsg{seq: seq, err: err}
		}
		return trendMsg{seq: seq, trends: trends(points)}
	}
}

// trends turn the weekly points (oldest first, the year-ago week first of
// all) into the pane's charts: arrears, the collection rate and the cases
// at each ladder stage, each with its change on last week and on the same
// week last year in words.
func trends(points []report.Point) []trend {
	if len(points) == 0 {
		return nil
	}
	last := points[len(points)-1]
	drawn := points[max(len(points)-52, 0):]
	earlier := func(v func(report.Point) (decimal.Decimal, bool)) []report.Earlier {
		return report.EarlierOf(points, v)
	}
	arrears, rate := report.ArrearsOf, report.RateOf
	from, to := drawn[0].Week.To.Short(), last.Week.To.Short()

	a := trend{title: "Current tenant arrears, weekly", now: last.Arrears.Human() + " at " + last.Week.To.DayMonth(), scale: chart.Pounds, from: from, to: to,
		formula: report.TrendFormulas["arrears"]}
	a.words = report.ChangeWords("arrears", report.ChangeMoney, last.Arrears.Decimal(), earlier(arrears)...)
	for _, p := range drawn {
		a.values = append(a.values, p.Arrears.Decimal())
	}

	r := trend{title: "Collection rate, weekly", now: "n/a in the week to " + last.Week.To.DayMonth(), scale: chart.Percent, from: from, to: to,
		formula: report.TrendFormulas["rate"] + " (" + report.TrendFormulas["unconfirmed"] + ")"}
	if last.RateDefined {
		r.now = chart.Percent(last.Rate) + " in the week to " + last.Week.To.DayMonth()
		r.words = report.ChangeWords("collection rate", report.ChangeRate, last.Rate, earlier(rate)...)
	} else {
		r.words = "no rent was due in the last week: no rate to compare"
	}
	skipped := 0
	for _, p := range drawn {
		if p.RateDefined {
			r.values = append(r.values, p.Rate)
		} else {
			skipped++
		}
	}
	if skipped > 0 {
		r.formula += "; " + common.Count(int64(skipped)) + " weeks with no rent due are left out of the line"
	}

	s := trend{title: "Cases at each ladder stage, weekly", formula: report.TrendFormulas["stages"]}
	for _, st := range report.Stages {
		if st == report.StageNone {
			continue // the accounts with no action are not a case
		}
		at := func(p report.Point) (decimal.Decimal, bool) {
			if int(st) >= len(p.Stages) {
				return decimal.Zero, false
			}
			return decimal.NewFromInt(int64(p.Stages[st])), p.Recorded()
		}
		row := sparkRow{label: st.Label()}
		for _, p := range drawn {
			v, _ := at(p)
			row.values = append(row.values, v)
		}
		now, _ := at(last)
		row.now = chart.Count(now)
		if slices.ContainsFunc(row.values, func(v decimal.Decimal) bool { return !v.IsZero() }) {
			// A stage no case reached all year needs no sentence.
			row.words = report.ChangeWords(st.Label(), report.ChangeCount, now, earlier(at)...)
		}
		s.rows = append(s.rows, row)
	}
	return []trend{a, r, s}
}
