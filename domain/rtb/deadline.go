package rtb

import (
	"fmt"
	"strings"
	"time"

	"caseload/domain"
)

// Party is who must act by a deadline, or who may act from a date.
type Party string

// The parties.
const (
	Council Party = "council"
	Tenant  Party = "tenant"
)

// DateKind says what a computed date means for the party: a deadline to
// act by, or the first day a right may be used (an RTB6, an RTB8, an s125E).
type DateKind string

// The kinds of computed date.
const (
	DueBy        DateKind = "due-by"
	MayServeFrom DateKind = "may-serve-from"
)

// Status is where a computed date stands.
type Status string

// The statuses. A step taken after its due date still closes the deadline,
// but it stays visible as late: lateness is what earns the tenant a notice
// of delay and the rent credit.
const (
	Open    Status = "open"
	Met     Status = "met"
	MetLate Status = "met-late"
	// Closed: no longer needed because the claim ended or the step was
	// overtaken (withdrawal, denial, completion, a counter notice).
	Closed Status = "closed"
)

// Keys of the computed dates: stable ids for screens, the worklist and tests.
// A case with more than one notice of delay numbers the later ones
// ("rtb6-response-2").
const (
	KeyRTB2              = "rtb2"
	KeyS125              = "s125"
	KeyTenantReply       = "tenant-reply"
	KeyS125EMayServe     = "s125e-may-serve"
	KeyS125EReply        = "s125e-reply"
	KeyRTB6AfterRTB2     = "rtb6-may-serve-rtb2"
	KeyRTB6AfterS125     = "rtb6-may-serve-s125"
	KeyRTB6Response      = "rtb6-response"
	KeyRTB8MayServe      = "rtb8-may-serve"
	KeyCompletionNotice1 = "completion-notice-1"
	KeyCompletionNotice2 = "completion-notice-2"
)

// Deadline is one computed date of a case, with everything an officer needs
// to trust it and act on it.
type Deadline struct {
	// Key is a stable id (the Key… constants).
	Key string `json:"key"`
	// Name is the officer's words: "RTB2 (admit or deny the right)".
	Name string   `json:"name"`
	Who  Party    `json:"who"`
	Kind DateKind `json:"kind"`
	// Due is the statutory date: the last day to act (DueBy) or the first
	// day the right may be used (MayServeFrom). Bank holidays never move it.
	Due domain.Date `json:"due"`
	// Rule says how Due was counted: "4 weeks from the RTB1 received Mon 3
	// Mar 2025 (s124): + 28 days; …".
	Rule string `json:"rule"`
	// PlusMinusOneDay marks a date the statute leaves ambiguous by a day;
	// Rule gives the other reading.
	PlusMinusOneDay bool `json:"plus_minus_one_day"`
	// BankHoliday names the bank holiday Due falls on, "" otherwise.
	BankHoliday string `json:"bank_holiday,omitempty"`
	// Warnings are things to act on before Due: it falls on a bank holiday
	// or a weekend, a fraud concern is open while the clock runs.
	Warnings []string `json:"warnings,omitempty"`
	// Action is what the party does to meet it.
	Action string `json:"action"`
	// IfMissed is what follows when the date passes with nothing done.
	IfMissed string `json:"if_missed,omitempty"`
	Status   Status `json:"status"`
	// MetOn is when the step was taken (zero unless Met or MetLate).
	MetOn domain.Date `json:"met_on,omitzero"`
	// Outcome says how it stands in words: "served Mon 31 Mar 2025, on
	// time", "closed: the tenant withdrew the claim on …".
	Outcome string `json:"outcome,omitempty"`
}

// IsOpen reports whether the date still waits for its step.
func (d Deadline) IsOpen() bool { return d.Status == Open }

// DaysLeft is the number of days from today to Due: 0 on the day,
// negative once it has passed.
func (d Deadline) DaysLeft(today domain.Date) int { return d.Due.DaysSince(today) }

// settle sets the status from what happened: done is when the step was
// taken (zero if not yet), ended is when the claim or step was overtaken.
func (d *Deadline) settle(done domain.Date, doneWords string, ended domain.Date, endedWords string) {
	switch {
	case !done.IsZero():
		d.MetOn = done
		d.Status = Met
		d.Outcome = doneWords + " " + done.Human()
		if d.Kind == DueBy {
			if late := done.DaysSince(d.Due); late > 0 {
				d.Status = MetLate
				d.Outcome += ", " + plural(late, "day") + " late"
			} else {
				d.Outcome += ", on time"
			}
		}
	case !ended.IsZero():
		d.Status = Closed
		d.Outcome = "closed: " + endedWords
	default:
		d.Status = Open
	}
}

// annotate adds the warnings that depend on the calendar and on the case's
// fraud assessment. They never change Due: the law does not move it.
func (d *Deadline) annotate(h domain.Holidays, concern []CheckResult) {
	if d.Kind != DueBy {
		return
	}
	d.BankHoliday = h.Name(d.Due)
	earlier := fmt.Sprintf("the date does not move (last working day before it: %s)",
		h.PreviousWorkingDay(d.Due.AddDays(-1)).Human())
	switch wd := d.Due.Weekday(); {
	case d.BankHoliday != "":
		d.Warnings = append(d.Warnings, fmt.Sprintf("due on a bank holiday (%s) — serve earlier: %s", d.BankHoliday, earlier))
	case wd == time.Saturday || wd == time.Sunday:
		d.Warnings = append(d.Warnings, fmt.Sprintf("due on a %s — serve earlier: %s", wd, earlier))
	}
	if d.Who == Council && d.Status == Open && len(concern) > 0 {
		names := make([]string, len(concern))
		for i, c := range concern {
			names[i] = strings.ToLower(c.Check.Short())
		}
		d.Warnings = append(d.Warnings, fmt.Sprintf(
			"fraud concern open (%s): fraud checks do not pause this clock — act by the date, denying with reasons if the concern holds",
			strings.Join(names, ", ")))
	}
}

// plural is "1 day", "3 days".
func plural(n int, unit string) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d %s", n, unit)
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
