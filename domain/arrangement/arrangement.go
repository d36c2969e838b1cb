// Package arrangement holds repayment arrangements: the schedule calculator
// (CLI.md "caseload arrangement calc"), affordability, and monitoring of a
// live arrangement against the ledger (RULES.md "Arrangement monitoring").
// It is pure: today is always a parameter.
package arrangement

import (
	"caseload/domain"
)

// Frequency is how often an instalment falls due.
type Frequency string

// The frequencies.
const (
	Weekly      Frequency = "weekly"
	Fortnightly Frequency = "fortnightly"
	FourWeekly  Frequency = "four-weekly"
	Monthly     Frequency = "monthly"
)

// Frequencies lists every frequency in display order.
var Frequencies = []Frequency{Weekly, Fortnightly, FourWeekly, Monthly}

// Terms are what was agreed: instalments of Instalment every Frequency from
// Start, towards Arrears (the arrears balance the arrangement was made for),
// on top of the ongoing charge.
type Terms struct {
	Start      domain.Date
	Frequency  Frequency
	Instalment domain.Money
	Arrears    domain.Money
}

// State is the monitored state of a live arrangement.
type State string

// The states (RULES.md: kept while payments received ≥ expected − one
// instalment, checked 7 days after each due date; broken otherwise;
// completed when the arrears it was made for are cleared).
const (
	// NotYetDue: no instalment has reached its check date yet.
	NotYetDue State = "not-yet-due"
	Kept      State = "kept"
	Broken    State = "broken"
	Completed State = "completed"
)

// Status is the result of monitoring an arrangement on a day.
type Status struct {
	State State
	// InstalmentsDue is the number of instalments whose due date is on or
	// before today.
	InstalmentsDue int
	// Checked is the number of instalments whose check date (due + grace)
	// is on or before today; only these count towards Expected.
	Checked int
	// Expected = charges posted since Start + Checked × Instalment.
	Expected domain.Money
	// Received = payments (and other credits the resident made) since Start,
	// as a positive amount.
	Received domain.Money
	// Behind = Expected − Received when positive, else zero.
	Behind domain.Money
	// NextDue is the next instalment date after today (zero when completed).
	NextDue domain.Date
	// BrokenOn is the check date on which the arrangement was first found
	// broken (zero unless State is Broken).
	BrokenOn domain.Date
	// Reason says the state in words with figures and dates, e.g.
	// "£60.00 behind: £420.00 expected by 17 Nov, £360.00 paid".
	Reason string
}
