package bacs

import (
	"fmt"
	"strings"

	"caseload/domain"
)

// The run log's words for each kind of run.

// FileSummary says what a file made holds: "2 collections, £866.66,
// collected 2026-12-15" or "3 instructions (0N 2, 0C 1), effective
// 2026-11-26".
func FileSummary(due []Due, entry domain.Date) string {
	total := domain.Zero
	count := map[TransactionCode]int{}
	var order []TransactionCode
	for _, d := range due {
		total = total.Add(d.Item.Amount)
		if count[d.Item.Code] == 0 {
			order = append(order, d.Item.Code)
		}
		count[d.Item.Code]++
	}
	parts := make([]string, len(order))
	for i, c := range order {
		parts[i] = fmt.Sprintf("%s %d", c, count[c])
	}
	if total.IsPositive() {
		return fmt.Sprintf("%d collections (%s), £%s, collected %s", len(due), strings.Join(parts, ", "), total, entry)
	}
	return fmt.Sprintf("%d instructions (%s), effective %s", len(due), strings.Join(parts, ", "), entry)
}

// PostSummary says what a posting run posted.
func PostSummary(n int, total domain.Money) string {
	return fmt.Sprintf("%d Direct Debit payments posted, £%s", n, total)
}

// ARUDDSummary says what an ARUDD holds.
func ARUDDSummary(a *ARUDD) string {
	return fmt.Sprintf("%d returned debits, £%s", len(a.Returns), a.Total)
}

// ADDACSSummary says what an ADDACS holds.
func ADDACSSummary(a *ADDACS) string {
	return fmt.Sprintf("%d amendments and cancellations", len(a.Amendments))
}

// AUDDISSummary says what an AUDDIS advice holds.
func AUDDISSummary(a *AUDDIS) string {
	var parts []string
	for _, f := range a.Files {
		word := "accepted"
		if !f.Accepted {
			word = "rejected"
		}
		parts = append(parts, fmt.Sprintf("file %s %s", f.VolumeSerial, word))
	}
	parts = append(parts, fmt.Sprintf("%d instructions rejected", len(a.Instructions)))
	return strings.Join(parts, ", ")
}
