package report

import "caseload/domain"

// TrendEnd is the day whose rent week a period's weekly trend ends with:
// the last whole week of the period that has ended by today (the rule the
// CLI's --weeks follows for a closed period). The week
// still running is left out — Monday's rent against one day's payments is
// no week's collection rate, and no week to compare with the last.
func TrendEnd(p Period, today domain.Date) domain.Date {
	end := domain.MinDate(p.To, today)
	if w := Week(end); w.To.After(end) {
		end = w.From.AddDays(-1)
	}
	return end
}
