package domain

// When is how a date on a record stands to today: most things are recorded
// after they happen, some are set for a day to come (a follow-up, the end
// of a pause), and some are listed for a day that may be either side of
// today (a hearing or an eviction is booked ahead, and recorded afterwards
// too). The TUI's forms and the store (so the CLI) check dates with the
// same When, so a date one refuses the other refuses in the same words.
type When int

const (
	// Happened: on or before today (a payment, a note, a letter sent).
	Happened When = iota
	// Listed: any date; a day booked ahead or recorded afterwards (a
	// court hearing, an eviction date).
	Listed
	// Due: today or later (a diary follow-up).
	Due
	// Until: after today (the day a pause ends).
	Until
)

// Check says what is wrong with d for a record of this kind on today, as a
// ValidationError on field (nil when the date is right).
func (w When) Check(field string, d, today Date) error {
	switch w {
	case Happened:
		if d.After(today) {
			return Invalid(field, "%s is in the future: give the date it happened (today at the latest)", d.Human())
		}
	case Due:
		if d.Before(today) {
			return Invalid(field, "%s is in the past: give today or a later date", d.Human())
		}
	case Until:
		if !d.After(today) {
			return Invalid(field, "%s is not after today: give a later date", d.Human())
		}
	}
	return nil
}

// Hint is a short reminder of which dates the field takes, for a form.
func (w When) Hint() string {
	switch w {
	case Listed:
		return "the date it is (or was) listed for; a future date is fine"
	case Due:
		return "today or later"
	case Until:
		return "a date after today"
	}
	return "when it happened (today at the latest)"
}

// When is how an event's date stands to today: a hearing and an eviction
// date are booked ahead; every other event is recorded when it happens.
func (t EventType) When() When {
	switch t {
	case EventHearing, EventEvictionDate:
		return Listed
	}
	return Happened
}
