package bacs

import (
	"caseload/domain"
)

// Cycle is the Bacs three-day cycle of one file: it is submitted on Input
// (day 1), processed on Processing (day 2, the UHL1 date) and the payer is
// debited on Entry (day 3), all on Bacs working days (RULES.md).
type Cycle struct {
	Input      domain.Date
	Processing domain.Date
	Entry      domain.Date
}

// CycleForCollection is the cycle that debits payers on the given day; a
// day that is not a working day moves to the next one, when the bank would
// take the money anyway.
func CycleForCollection(collect domain.Date, h domain.Holidays) Cycle {
	e := h.NextWorkingDay(collect)
	p := h.AddWorkingDays(e, -1)
	return Cycle{Input: h.AddWorkingDays(p, -1), Processing: p, Entry: e}
}

// CycleForProcessing is the cycle of a file with this UHL1 processing date.
func CycleForProcessing(p domain.Date, h domain.Holidays) Cycle {
	return Cycle{Input: h.AddWorkingDays(p, -1), Processing: p, Entry: h.AddWorkingDays(p, 1)}
}

// CheckProcessingDate applies the rules Bacs applies to a file's processing
// date when it is made today: a working day, whose input day is not already
// past, and no more than 31 days ahead (Bacs overrides it otherwise).
func CheckProcessingDate(p, today domain.Date, h domain.Holidays) error {
	if !h.IsWorkingDay(p) {
		why := "a weekend"
		if n := h.Name(p); n != "" {
			why = n
		}
		return domain.Invalid("processing date", "%s is not a Bacs working day (%s)", p, why)
	}
	if in := h.AddWorkingDays(p, -1); in.Before(today) {
		return domain.Invalid("processing date", "%s is too soon: the file had to be sent by %s (the working day before)", p, in)
	}
	if p.DaysSince(today) > 31 {
		return domain.Invalid("processing date", "%s is more than 31 days after %s: Bacs overrides it", p, today)
	}
	return nil
}
