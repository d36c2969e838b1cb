package worklist

import (
	"strconv"

	"caseload/domain"
)

// How a notice's dates were counted, in words, so an officer can check
// them against RULES.md "Possession" and the notice itself.

// ProceedingsWords says how the date after which proceedings may begin was
// found: "served Thu 2 Oct 2025 + 28 days → first Sun/Mon on or after: Sun
// 2 Nov 2025", or "as stated in the notice: Sun 2 Nov 2025".
func (n NOSP) ProceedingsWords() string {
	if n.Stated {
		return "as stated in the notice: " + n.ProceedingsFrom.Human()
	}
	return "served " + n.Served.Human() + " + " + strconv.Itoa(nospNoticeDays) +
		" days → first Sun/Mon on or after: " + n.ProceedingsFrom.Human()
}

// LastDayCounted says how the last day to issue proceedings was found:
// "Sun 2 Nov 2025 + 12 months → same date: Mon 2 Nov 2026" (or the
// month's last day when it has no such date).
func (n NOSP) LastDayCounted() string {
	how := "same date"
	if n.LastDay.Day() != n.ProceedingsFrom.Day() {
		how = "the month's last day"
	}
	return n.ProceedingsFrom.Human() + " + " + strconv.Itoa(nospInForceMonths) + " months → " + how + ": " + n.LastDay.Human()
}

// ExpiringFrom is the first day nosp-expiring fires for the notice under
// policy p: days before its last day to issue.
func (n NOSP) ExpiringFrom(p Policy) domain.Date { return n.LastDay.AddDays(-p.NOSPExpiringDays) }
