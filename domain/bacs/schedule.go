package bacs

import (
	"time"

	"caseload/domain"
	"caseload/domain/arrangement"
)

// Schedule is when a mandate's collections fall due: every week or four
// weeks from First, or monthly on Day of the month from First's month.
// A due date that is not a Bacs working day is collected on the next one
// (CycleForCollection), which is when the bank takes the money anyway.
type Schedule struct {
	Frequency arrangement.Frequency // weekly, four-weekly or monthly
	// Day is the day of the month a monthly collection falls on (1–28, so
	// every month has it); weekly and four-weekly collections step from
	// First.
	Day   int
	First domain.Date // the first collection's due date
	// Final is the last due date collected (zero: no end): the collection
	// due on or before it with none after is the final one (code 19).
	Final domain.Date
}

// Validate refuses a schedule that cannot be collected on.
func (s Schedule) Validate() error {
	switch s.Frequency {
	case arrangement.Weekly, arrangement.FourWeekly:
	case arrangement.Monthly:
		if s.Day < 1 || s.Day > 28 {
			return domain.Invalid("collection day", "%d is not a day 1 to 28, which every month has", s.Day)
		}
		if !s.First.IsZero() && s.First.Day() != s.Day {
			return domain.Invalid("first collection", "%s is not on day %d of the month", s.First, s.Day)
		}
	default:
		return domain.Invalid("frequency", "%q is not weekly, four-weekly or monthly", s.Frequency)
	}
	if s.First.IsZero() {
		return domain.Invalid("first collection", "the first collection date is needed")
	}
	if !s.Final.IsZero() && s.Final.Before(s.First) {
		return domain.Invalid("final collection", "%s is before the first collection %s", s.Final, s.First)
	}
	return nil
}

// DueDates are the due dates from from to to inclusive, in order.
func (s Schedule) DueDates(from, to domain.Date) []domain.Date {
	if s.Validate() != nil || to.Before(from) {
		return nil
	}
	var out []domain.Date
	for d := s.firstOnOrAfter(from); !d.IsZero() && !d.After(to); d = s.after(d) {
		if !s.Final.IsZero() && d.After(s.Final) {
			break
		}
		out = append(out, d)
	}
	return out
}

// firstOnOrAfter is the first due date on or after d (zero past Final).
func (s Schedule) firstOnOrAfter(d domain.Date) domain.Date {
	if !d.After(s.First) {
		return s.First
	}
	switch s.Frequency {
	case arrangement.Monthly:
		c := domain.MustDate(d.Year(), d.Month(), s.Day)
		if c.Before(d) {
			c = c.AddMonthsClamped(1)
		}
		return c
	default:
		step := s.step()
		n := (d.DaysSince(s.First) + step - 1) / step
		return s.First.AddDays(n * step)
	}
}

// after is the due date following d (d being a due date).
func (s Schedule) after(d domain.Date) domain.Date {
	if s.Frequency == arrangement.Monthly {
		y, m := d.Year(), d.Month()+1
		if m > time.December {
			y, m = y+1, time.January
		}
		return domain.MustDate(y, m, s.Day)
	}
	return d.AddDays(s.step())
}

func (s Schedule) step() int {
	if s.Frequency == arrangement.FourWeekly {
		return 28
	}
	return 7
}

// Next is the first due date on or after d, or zero when the schedule has
// ended.
func (s Schedule) Next(d domain.Date) domain.Date {
	if s.Validate() != nil {
		return domain.Date{}
	}
	n := s.firstOnOrAfter(d)
	if !s.Final.IsZero() && n.After(s.Final) {
		return domain.Date{}
	}
	return n
}

// IsFinal reports whether due is the schedule's last collection.
func (s Schedule) IsFinal(due domain.Date) bool {
	return !s.Final.IsZero() && !due.After(s.Final) && s.after(due).After(s.Final)
}

// DueForProcessing are the due dates collected by the file with processing
// date p: those whose Bacs cycle (CycleForCollection) has p as its
// processing day. A weekend's or a bank holiday's due dates share the next
// working day's file.
func (s Schedule) DueForProcessing(p domain.Date, h domain.Holidays) []domain.Date {
	// Entry is the working day after p; a due date moves forward to its
	// entry day at most over a weekend and a run of bank holidays.
	entry := h.AddWorkingDays(p, 1)
	var out []domain.Date
	for _, d := range s.DueDates(entry.AddDays(-10), entry) {
		if CycleForCollection(d, h).Processing.Equal(p) {
			out = append(out, d)
		}
	}
	return out
}
