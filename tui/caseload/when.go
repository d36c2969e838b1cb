package caseload

import (
	"caseload/domain"
	"caseload/tui/form"
)

// eventDateField is a case event's date, checked by the event's own rule
// (domain.When): a hearing or an eviction date may be ahead, every other
// event has happened. It re-checks when the event chosen changes.
func eventDateField(today domain.Date) form.Field {
	f := dateField("date", "Date", "when it happened, or the date listed for a hearing or eviction (blank: today)", true, nil)
	f.Check = func(v string, all form.Values) error {
		if v == "" {
			return nil
		}
		d, err := domain.ParseDate(v)
		if err != nil {
			return nil // Validate has said what is wrong
		}
		return domain.EventType(all["type"]).When().Check("date", d, today)
	}
	return f
}
