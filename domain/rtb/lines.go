package rtb

import (
	"fmt"

	"caseload/domain"
)

// The urgency words of a claim's next deadline, the same in the CLI and
// the TUI so an officer reads one word everywhere. Colour is never the
// only signal.
const (
	UrgencyOverdue  = "OVERDUE"
	UrgencyDueToday = "DUE TODAY"
	UrgencyDueSoon  = "DUE SOON"
)

// Open reports whether a claim at this stage is still live: not
// completed, withdrawn or denied.
func (s Stage) Open() bool {
	return s != StageCompleted && s != StageWithdrawn && s != StageDenied
}

// Line is a claim as the lists show it on a day: its stage, its next
// deadline and how urgent it is.
type Line struct {
	Stage Stage
	// Open is false once the claim completed, was withdrawn or was denied.
	Open bool
	// Next is the next open deadline, either party's; HasNext is false
	// when nothing is waiting.
	Next    Upcoming
	HasNext bool
	// DueSoon: not overdue, and due within the policy's days.
	DueSoon bool
	// FraudConcern: a checklist item has an open concern. It changes no
	// date: fraud checks do not pause the clocks.
	FraudConcern bool
	received     domain.Date
}

// LineOf is the claim's line on today; dueSoonDays is the worklist
// policy's "due within" (RULES.md rtb-deadline: 7).
func LineOf(c Case, h domain.Holidays, today domain.Date, dueSoonDays int) Line {
	l := Line{Stage: c.Stage(), FraudConcern: c.Fraud().HasOpenConcern(), received: c.Facts().Received}
	l.Open = l.Stage.Open()
	l.Next, l.HasNext = Next(c, h, today)
	l.DueSoon = l.HasNext && !l.Next.Overdue() && l.Next.DaysLeft <= dueSoonDays
	return l
}

// Urgency is the line's next deadline in one word: UrgencyOverdue,
// UrgencyDueToday, UrgencyDueSoon, or "" when it is further off or there
// is none.
func (l Line) Urgency() string {
	switch {
	case !l.HasNext:
		return ""
	case l.Next.Overdue():
		return UrgencyOverdue
	case l.Next.DaysLeft == 0:
		return UrgencyDueToday
	case l.DueSoon:
		return UrgencyDueSoon
	}
	return ""
}

// Left is the line's time to its next deadline in the lists' words, "—"
// when nothing is waiting (see LeftWords).
func (l Line) Left(dueSoonDays int) string {
	if !l.HasNext {
		return "—"
	}
	return LeftWords(l.Next.DaysLeft, dueSoonDays)
}

// LeftWords is the time to a deadline as the lists say it: "OVERDUE 3d",
// "DUE TODAY", "DUE SOON 5d", "in 40d".
func LeftWords(left, dueSoonDays int) string {
	switch {
	case left < 0:
		return fmt.Sprintf("%s %dd", UrgencyOverdue, -left)
	case left == 0:
		return UrgencyDueToday
	case left <= dueSoonDays:
		return fmt.Sprintf("%s %dd", UrgencyDueSoon, left)
	}
	return fmt.Sprintf("in %dd", left)
}

// CompareLines orders lines most urgent first: open claims with a deadline
// waiting, most overdue first (on the same day the council's deadline
// before the tenant's, since missing it costs money); then open claims
// waiting on nothing; then closed claims, latest RTB1 first. It returns 0
// for lines the rules do not order (the caller breaks the tie).
func CompareLines(a, b Line) int {
	group := func(l Line) int {
		switch {
		case l.Open && l.HasNext:
			return 0
		case l.Open:
			return 1
		}
		return 2
	}
	if ga, gb := group(a), group(b); ga != gb {
		return ga - gb
	}
	switch group(a) {
	case 0:
		if a.Next.DaysLeft != b.Next.DaysLeft {
			return a.Next.DaysLeft - b.Next.DaysLeft
		}
		if wa, wb := a.Next.Deadline.Who == Council, b.Next.Deadline.Who == Council; wa != wb {
			if wa {
				return -1
			}
			return 1
		}
	case 2:
		return b.received.Compare(a.received)
	}
	return 0
}

// DescribeFacts says what fixes the lengths of the clocks, in words: the
// s125 offer period (8 weeks freehold, 12 on a lease) and the RTB2 period
// (4 weeks, 8 when relying on years with another landlord).
func DescribeFacts(f Facts) string {
	what := "a house sold freehold (s125 offer: 8 weeks)"
	switch {
	case f.Property == Flat:
		what = "a flat, sold on a lease (s125 offer: 12 weeks)"
	case f.Leasehold:
		what = "a house the council holds on a lease, sold on a lease (s125 offer: 12 weeks)"
	}
	years := "qualifying years all with this council (RTB2: 4 weeks)"
	if f.OtherLandlord {
		years = "relying on years with another landlord (RTB2: 8 weeks)"
	}
	return what + "; " + years
}

// NextWords is the claim's next deadline in words: "next: RTB2 (admit or
// deny the right) due …", or "no deadline waiting".
func NextWords(c Case, h domain.Holidays, today domain.Date) string {
	if u, ok := Next(c, h, today); ok {
		return "next: " + u.Words()
	}
	return "no deadline waiting"
}

// StageWords is the claim's stage and next deadline in one line:
// "stage: Awaiting RTB2; next: …".
func StageWords(c Case, h domain.Holidays, today domain.Date) string {
	return "stage: " + string(c.Stage()) + "; " + NextWords(c, h, today)
}
