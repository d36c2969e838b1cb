package rtb

import (
	"caseload/domain"
)

// DeadlineQuery is the input of `caseload rtb deadlines` (CLI.md): the
// claim's facts and the notices served so far. Zero dates are "not given".
type DeadlineQuery struct {
	Received      domain.Date
	Property      Property
	OtherLandlord bool
	Leasehold     bool
	// RTB2Served is the RTB2 admitting the right: it establishes the right
	// and starts the s125 clock.
	RTB2Served domain.Date
	S125Served domain.Date
}

// StatutoryDates are the three statutory dates the CLI reports, with the
// deadlines behind them (rule, warnings) for the table form. Nil means "not
// yet running".
type StatutoryDates struct {
	RTB2Due domain.Date `json:"rtb2_due"`
	// S125Due is nil until the right is established by an RTB2.
	S125Due *domain.Date `json:"s125_due"`
	// TenantResponseDue is nil until the s125 offer is served.
	TenantResponseDue *domain.Date `json:"tenant_response_due"`
	Deadlines         []Deadline   `json:"deadlines"`
}

// StatutoryDeadlines computes the RTB2, s125 and tenant's-reply dates for
// the query, or refuses out-of-order dates with a *domain.ValidationError
// naming the flag to fix. The holidays add warnings only.
func StatutoryDeadlines(q DeadlineQuery, h domain.Holidays) (StatutoryDates, error) {
	f := Facts{Received: q.Received, Property: q.Property, Leasehold: q.Leasehold, OtherLandlord: q.OtherLandlord}
	if err := f.validate(); err != nil {
		return StatutoryDates{}, err
	}
	switch {
	case !q.RTB2Served.IsZero() && q.RTB2Served.Before(q.Received):
		return StatutoryDates{}, domain.Invalid("rtb2-served", "%s is before the RTB1 was received (%s)",
			q.RTB2Served.Human(), q.Received.Human())
	case !q.S125Served.IsZero() && q.RTB2Served.IsZero():
		return StatutoryDates{}, domain.Invalid("s125-served",
			"give --rtb2-served too: the s125 offer follows the RTB2 admitting the right")
	case !q.S125Served.IsZero() && q.S125Served.Before(q.RTB2Served):
		return StatutoryDates{}, domain.Invalid("s125-served", "%s is before the RTB2 (%s)",
			q.S125Served.Human(), q.RTB2Served.Human())
	}
	var events []Event
	if !q.RTB2Served.IsZero() {
		events = append(events, Event{Type: EventRTB2Admitted, Date: q.RTB2Served})
	}
	if !q.S125Served.IsZero() {
		events = append(events, Event{Type: EventS125Served, Date: q.S125Served})
	}
	c, err := NewCase(f, events...)
	if err != nil {
		return StatutoryDates{}, err
	}
	// Only these three, and none depends on today: the CLI answers the
	// same whatever day it is run.
	out := StatutoryDates{Deadlines: []Deadline{rtb2Deadline(c.facts, c.p)}}
	if c.p.admitted {
		out.Deadlines = append(out.Deadlines, s125Deadline(c.facts, c.p))
	}
	if !c.p.s125.IsZero() {
		out.Deadlines = append(out.Deadlines, tenantReplyDeadline(c.p))
	}
	for i := range out.Deadlines {
		d := &out.Deadlines[i]
		d.annotate(h, nil)
		due := d.Due
		switch d.Key {
		case KeyRTB2:
			out.RTB2Due = due
		case KeyS125:
			out.S125Due = &due
		case KeyTenantReply:
			out.TenantResponseDue = &due
		}
	}
	return out, nil
}
