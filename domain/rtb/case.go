package rtb

import (
	"fmt"
	"slices"
	"strings"

	"caseload/domain"
)

// Property is what the tenant is buying. It decides the s125 period: a flat
// is always sold on a lease, a house usually freehold.
type Property string

// The properties.
const (
	House Property = "house"
	Flat  Property = "flat"
)

// Properties lists every property kind.
var Properties = []Property{House, Flat}

// ParseProperty reads "house" or "flat".
func ParseProperty(s string) (Property, error) { return oneOf("property", s, Properties) }

// Facts are what the claim is about; they fix the lengths of the clocks.
type Facts struct {
	// Ref is the reference the officer knows the case by (the tenancy's
	// account reference).
	Ref string
	// Received is the day the RTB1 was served on the council: the "relevant
	// time" (s122) that fixes the valuation date and the discount law, and
	// starts the RTB2 clock. It is the day received, not the date on the form.
	Received domain.Date
	Property Property
	// Leasehold marks a house the council holds on a lease, so it too will be
	// sold on a lease (12 weeks for the s125 offer). Flats always are.
	Leasehold bool
	// OtherLandlord marks a tenant who relies on years with another
	// public-sector landlord for the qualifying period: the RTB2 then has 8
	// weeks, because the council must verify that history.
	OtherLandlord bool
}

// SoldOnLease reports whether the tenant will be granted a lease rather
// than the freehold.
func (f Facts) SoldOnLease() bool { return f.Property == Flat || f.Leasehold }

func (f Facts) rtb2Weeks() int {
	if f.OtherLandlord {
		return 8
	}
	return 4
}

func (f Facts) s125Weeks() int {
	if f.SoldOnLease() {
		return 12
	}
	return 8
}

func (f Facts) validate() error {
	if f.Received.IsZero() {
		return domain.Invalid("received", "give the date the RTB1 was received")
	}
	if _, err := ParseProperty(string(f.Property)); err != nil {
		return err
	}
	return nil
}

// EventType is a step in a Right to Buy claim.
type EventType string

// The event types, in the order a claim usually meets them.
const (
	EventRTB1Received EventType = "rtb1-received"
	EventRTB2Admitted EventType = "rtb2-admitted"
	EventRTB2Denied   EventType = "rtb2-denied"
	EventS125Served   EventType = "s125-served"
	// EventDVDetermination is the council's notice of the District
	// Valuer's determination (s128(5)); it restarts the tenant's 12 weeks.
	EventDVDetermination EventType = "dv-determination"
	// EventTenantAccepted is the tenant's s125D notice to pursue the claim.
	EventTenantAccepted EventType = "tenant-accepted"
	// EventTenantWithdrew is the tenant's written withdrawal (s122(3)), at
	// any stage before completion, including as the answer to the offer.
	EventTenantWithdrew EventType = "tenant-withdrew"
	EventS125EServed    EventType = "s125e-served"
	// EventS125EExtended is the council's written extension of the
	// tenant's 28 days, given before they end; Event.Ends is the new end.
	EventS125EExtended EventType = "s125e-extended"
	EventRTB6Served    EventType = "rtb6-served"
	EventRTB7Served    EventType = "rtb7-served"
	EventRTB8Served    EventType = "rtb8-served"
	EventS140Served    EventType = "s140-served"
	EventS141Served    EventType = "s141-served"
	EventCompleted     EventType = "completed"
)

// EventTypes lists every event type.
var EventTypes = []EventType{
	EventRTB1Received, EventRTB2Admitted, EventRTB2Denied, EventS125Served, EventDVDetermination,
	EventTenantAccepted, EventTenantWithdrew, EventS125EServed, EventS125EExtended,
	EventRTB6Served, EventRTB7Served, EventRTB8Served, EventS140Served, EventS141Served,
	EventCompleted,
}

// ParseEventType reads an event type.
func ParseEventType(s string) (EventType, error) { return oneOf("type", s, EventTypes) }

// Label is the officer's words for the event.
func (t EventType) Label() string {
	switch t {
	case EventRTB1Received:
		return "RTB1 claim received"
	case EventRTB2Admitted:
		return "RTB2 served admitting the right"
	case EventRTB2Denied:
		return "RTB2 served denying the right"
	case EventS125Served:
		return "s125 offer notice served"
	case EventDVDetermination:
		return "District Valuer determination notified (s128(5))"
	case EventTenantAccepted:
		return "Tenant's notice to pursue (s125D)"
	case EventTenantWithdrew:
		return "Tenant withdrew the claim"
	case EventS125EServed:
		return "s125E default notice served"
	case EventS125EExtended:
		return "s125E period extended"
	case EventRTB6Served:
		return "RTB6 initial notice of delay served"
	case EventRTB7Served:
		return "RTB7 counter notice served"
	case EventRTB8Served:
		return "RTB8 operative notice of delay served"
	case EventS140Served:
		return "First notice to complete (s140) served"
	case EventS141Served:
		return "Final notice to complete (s141) served"
	case EventCompleted:
		return "Sale completed"
	}
	return string(t)
}

// Event is one dated step of a claim.
type Event struct {
	Type EventType
	// Date is the day the notice was served (received, for the tenant's
	// notices) or the step happened.
	Date domain.Date
	// Ends is the end date a notice states for itself, where it states
	// one: an RTB6's response period, an s140 or s141 notice's date to
	// complete, an s125E extension's new end. Zero means the statutory
	// minimum, which is what most notices give. Other events have none.
	Ends   domain.Date
	Detail string
}

// takesEnd reports whether a notice of type t states its own end date.
func takesEnd(t EventType) bool {
	return t == EventRTB6Served || t == EventS140Served || t == EventS141Served || t == EventS125EExtended
}

// Stage is where a claim stands, in words.
type Stage string

// The stages.
const (
	StageAwaitingRTB2          Stage = "Awaiting RTB2"
	StageAwaitingOffer         Stage = "Awaiting offer (s125)"
	StageAwaitingReply         Stage = "Awaiting tenant's reply"
	StageDefaultNotice         Stage = "Default notice served (s125E)"
	StageAwaitingCompletion    Stage = "Awaiting completion"
	StageNoticeToComplete      Stage = "Notice to complete served (s140)"
	StageFinalNoticeToComplete Stage = "Final notice to complete served (s141)"
	// StageDelayNotice: an RTB6 waits for the council's answer; it wins over
	// the process stage because the answer is what the officer must do next.
	StageDelayNotice Stage = "Notice of delay served"
	StageCompleted   Stage = "Completed"
	StageWithdrawn   Stage = "Withdrawn"
	StageDenied      Stage = "Denied"
)

// Case is one Right to Buy claim: its facts and its dated events, kept
// valid. Events are only added through Record, which refuses anything out of
// order or impossible, so every Case is one the law allows and its dates
// can be computed without error.
type Case struct {
	facts  Facts
	events []Event
	fraud  FraudAssessment
	p      progress
}

// NewCase opens a case from its facts and records events in order.
// The RTB1 is implied by Facts.Received; an rtb1-received event may be given
// first, dated that day.
func NewCase(f Facts, events ...Event) (Case, error) {
	if err := f.validate(); err != nil {
		return Case{}, err
	}
	c := Case{facts: f, p: progress{last: f.Received}}
	for _, e := range events {
		if err := c.Record(e); err != nil {
			return Case{}, err
		}
	}
	return c, nil
}

// Facts are the case's facts.
func (c Case) Facts() Facts { return c.facts }

// Events are the recorded events, oldest first.
func (c Case) Events() []Event { return slices.Clone(c.events) }

// Fraud is the case's initial fraud assessment.
func (c Case) Fraud() FraudAssessment { return c.fraud }

// WithFraud returns the case with its fraud assessment replaced. The
// assessment never changes a date: fraud checks do not pause the clocks.
func (c Case) WithFraud(a FraudAssessment) Case {
	c.fraud = a
	return c
}

// Record adds an event, or refuses it with a *domain.ValidationError when
// it is out of order or impossible at that point in the claim; a refused
// event leaves the case unchanged.
func (c *Case) Record(e Event) error {
	next, err := c.p.apply(c.facts, e)
	if err != nil {
		return err
	}
	// Clip so that copies of a Case never share a backing array.
	c.events = append(slices.Clip(c.events), e)
	c.p = next
	return nil
}

// Stage is where the claim stands.
func (c Case) Stage() Stage {
	p := c.p
	switch {
	case !p.completed.IsZero():
		return StageCompleted
	case !p.withdrew.IsZero():
		return StageWithdrawn
	case p.denied:
		return StageDenied
	}
	if n, ok := p.latestDelay(); ok && n.counter.IsZero() && n.operative.IsZero() {
		return StageDelayNotice
	}
	switch {
	case p.rtb2.IsZero():
		return StageAwaitingRTB2
	case p.s125.IsZero():
		return StageAwaitingOffer
	case p.accepted.IsZero() && p.s125e.IsZero():
		return StageAwaitingReply
	case p.accepted.IsZero():
		return StageDefaultNotice
	case !p.s141.IsZero():
		return StageFinalNoticeToComplete
	case !p.s140.IsZero():
		return StageNoticeToComplete
	}
	return StageAwaitingCompletion
}

// DelayGround is why a tenant's initial notice of delay could be served
// (s153A(1)). It decides the "default date" from which rent counts towards
// the price once the notice becomes operative.
type DelayGround string

// The grounds.
const (
	// GroundNoRTB2: the RTB2 was not served within the s124 period.
	GroundNoRTB2 DelayGround = "no-rtb2"
	// GroundNoS125: the right was established and the s125 offer was not
	// served in time.
	GroundNoS125 DelayGround = "no-s125"
	// GroundOtherDelay: other delays by the council hold up the claim; rent
	// then counts only from the operative notice.
	GroundOtherDelay DelayGround = "other-delay"
)

// Label is the ground in words.
func (g DelayGround) Label() string {
	switch g {
	case GroundNoRTB2:
		return "RTB2 not served in time (s153A(1)(a))"
	case GroundNoS125:
		return "s125 offer not served in time (s153A(1)(b))"
	case GroundOtherDelay:
		return "other delay by the council (s153A(1)(e))"
	}
	return string(g)
}

// delayNotice is one RTB6 and what followed it.
type delayNotice struct {
	n            int
	served       domain.Date
	responseEnds domain.Date
	stated       bool // the notice stated a response period longer than the minimum
	ground       DelayGround
	defaultDate  domain.Date // end of the missed period, for grounds (a) and (b)
	counter      domain.Date
	operative    domain.Date
}

// cancelled reports whether a counter notice within the response period
// cancelled the RTB6 (s153A).
func (n delayNotice) cancelled() bool {
	return !n.counter.IsZero() && !n.counter.After(n.responseEnds)
}

// progress is a claim replayed: the dates of the steps taken so far.
type progress struct {
	last     domain.Date
	lastType EventType

	rtb1Logged bool
	rtb2       domain.Date
	admitted   bool
	denied     bool
	s125       domain.Date
	dv         domain.Date // the latest s128(5) notice
	accepted   domain.Date
	withdrew   domain.Date
	s125e      domain.Date
	s125eEnds  domain.Date // set only by a written extension
	s125eExt   domain.Date // when it was extended
	s140       domain.Date
	s140Ends   domain.Date
	s140Stated bool
	s141       domain.Date
	s141Ends   domain.Date
	s141Stated bool
	completed  domain.Date
	delays     []delayNotice
}

// rtb2Due is the s124 deadline.
func (p progress) rtb2Due(f Facts) domain.Date { return domain.WithinWeeks(f.Received, f.rtb2Weeks()) }

// s125Due is the s125 deadline; meaningful once the right is admitted.
func (p progress) s125Due(f Facts) domain.Date { return domain.WithinWeeks(p.rtb2, f.s125Weeks()) }

// replyStart is the later of the offer and the latest DV determination
// notice: the tenant's 12 weeks begin with it (s125D).
func (p progress) replyStart() domain.Date { return domain.MaxDate(p.s125, p.dv) }

// replyDue is the last day of the tenant's s125D period.
func (p progress) replyDue() domain.Date { return domain.WeeksBeginningWith(p.replyStart(), 12) }

// s125eDue is the end of the tenant's 28 days after a default notice,
// as extended.
func (p progress) s125eDue() domain.Date {
	if !p.s125eEnds.IsZero() {
		return p.s125eEnds
	}
	return p.s125e.AddDays(28)
}

// ended says how the claim ended ("" while it is live) and when.
func (p progress) ended() (string, domain.Date) {
	switch {
	case !p.completed.IsZero():
		return "the sale completed on " + p.completed.Human(), p.completed
	case !p.withdrew.IsZero():
		return "the tenant withdrew the claim on " + p.withdrew.Human(), p.withdrew
	case p.denied:
		return "the RTB2 denied the right on " + p.rtb2.Human(), p.rtb2
	}
	return "", domain.Date{}
}

func (p progress) latestDelay() (delayNotice, bool) {
	if len(p.delays) == 0 {
		return delayNotice{}, false
	}
	return p.delays[len(p.delays)-1], true
}

// groundOn is the ground an RTB6 served on day d rests on, and its default
// date: the end of the missed statutory period.
func (p progress) groundOn(f Facts, d domain.Date) (DelayGround, domain.Date) {
	if due := p.rtb2Due(f); p.rtb2.IsZero() && d.After(due) {
		return GroundNoRTB2, due
	}
	if p.admitted && p.s125.IsZero() {
		if due := p.s125Due(f); d.After(due) {
			return GroundNoS125, due
		}
	}
	return GroundOtherDelay, domain.Date{}
}

// minimumNoticePeriod is the shortest period a notice to complete may give
// (s140, s141: at least 56 days). Counted as service + 56 so the notice is
// good on either reading of whether the day of service counts.
const minimumNoticePeriod = 56

// apply returns the progress after e, or why e cannot happen now.
func (p progress) apply(f Facts, e Event) (progress, error) {
	if _, err := ParseEventType(string(e.Type)); err != nil {
		return p, err
	}
	field, d := string(e.Type), e.Date
	if d.IsZero() {
		return p, domain.Invalid(field, "give the date it was served or happened")
	}
	if d.Before(f.Received) {
		return p, domain.Invalid(field, "%s is before the RTB1 was received (%s)", d.Human(), f.Received.Human())
	}
	if d.Before(p.last) {
		return p, domain.Invalid(field, "%s is before the previous event (%s, %s): record events in date order",
			d.Human(), p.lastType.Label(), p.last.Human())
	}
	if why, _ := p.ended(); why != "" {
		return p, domain.Invalid(field, "%s: nothing more can be recorded on this claim", why)
	}
	if !e.Ends.IsZero() && !takesEnd(e.Type) {
		return p, domain.Invalid(field, "only an RTB6, an s140 or s141 notice or an s125E extension states an end date")
	}
	if !e.Ends.IsZero() && e.Ends.Before(d) {
		return p, domain.Invalid(field, "the end date %s is before the notice (%s)", e.Ends.Human(), d.Human())
	}
	p.delays = slices.Clone(p.delays)

	switch e.Type {
	case EventRTB1Received:
		if p.rtb1Logged || p.lastType != "" {
			return p, domain.Invalid(field, "the RTB1 is recorded once, before every other event")
		}
		if !d.Equal(f.Received) {
			return p, domain.Invalid(field, "dated %s, but the case says the RTB1 was received %s", d.Human(), f.Received.Human())
		}
		p.rtb1Logged = true

	case EventRTB2Admitted, EventRTB2Denied:
		if !p.rtb2.IsZero() {
			return p, domain.Invalid(field, "an RTB2 was already served on %s", p.rtb2.Human())
		}
		p.rtb2, p.admitted, p.denied = d, e.Type == EventRTB2Admitted, e.Type == EventRTB2Denied

	case EventS125Served:
		if !p.admitted {
			return p, domain.Invalid(field, "no RTB2 admitting the right is recorded: the s125 offer follows it")
		}
		if !p.s125.IsZero() {
			return p, domain.Invalid(field, "the s125 offer was already served on %s", p.s125.Human())
		}
		p.s125 = d

	case EventDVDetermination:
		if p.s125.IsZero() {
			return p, domain.Invalid(field, "no s125 offer is recorded: the District Valuer determines the value an offer states")
		}
		p.dv = d

	case EventTenantAccepted:
		if p.s125.IsZero() {
			return p, domain.Invalid(field, "no s125 offer is recorded: the tenant's s125D notice answers the offer")
		}
		if !p.accepted.IsZero() {
			return p, domain.Invalid(field, "the tenant's notice to pursue was already recorded on %s", p.accepted.Human())
		}
		p.accepted = d

	case EventTenantWithdrew:
		p.withdrew = d

	case EventS125EServed:
		if p.s125.IsZero() {
			return p, domain.Invalid(field, "no s125 offer is recorded: a default notice follows an unanswered offer")
		}
		if !p.accepted.IsZero() {
			return p, domain.Invalid(field, "the tenant chose to pursue on %s: there is no default to give notice of", p.accepted.Human())
		}
		if !p.s125e.IsZero() {
			return p, domain.Invalid(field, "a default notice was already served on %s", p.s125e.Human())
		}
		if due := p.replyDue(); !d.After(due) {
			return p, domain.Invalid(field, "the tenant's s125D period runs to %s: a default notice may be served from %s",
				due.Human(), due.AddDays(1).Human())
		}
		p.s125e = d

	case EventS125EExtended:
		if p.s125e.IsZero() {
			return p, domain.Invalid(field, "no s125E default notice is recorded: there is no period to extend")
		}
		if !p.accepted.IsZero() {
			return p, domain.Invalid(field, "the tenant chose to pursue on %s: there is nothing to extend", p.accepted.Human())
		}
		end := p.s125eDue()
		if d.After(end) {
			return p, domain.Invalid(field, "the tenant's period ended on %s: an extension must be given before it ends", end.Human())
		}
		if !e.Ends.After(end) {
			return p, domain.Invalid(field, "give the new end date, later than the current end %s", end.Human())
		}
		p.s125eEnds, p.s125eExt = e.Ends, d

	case EventRTB6Served:
		if n, ok := p.latestDelay(); ok && n.counter.IsZero() {
			return p, domain.Invalid(field, "the RTB6 served %s has had no counter notice yet: only one notice of delay runs at a time",
				n.served.Human())
		}
		n := delayNotice{n: len(p.delays) + 1, served: d, responseEnds: domain.MonthsBeginningWith(d, 1)}
		if !e.Ends.IsZero() {
			if e.Ends.Before(n.responseEnds) {
				return p, domain.Invalid(field, "the response period must be at least one month beginning with service (s153A): to %s or later",
					n.responseEnds.Human())
			}
			n.responseEnds, n.stated = e.Ends, true
		}
		n.ground, n.defaultDate = p.groundOn(f, d)
		p.delays = append(p.delays, n)

	case EventRTB7Served:
		n, ok := p.latestDelay()
		if !ok || !n.counter.IsZero() {
			return p, domain.Invalid(field, "no RTB6 notice of delay is waiting for a counter notice")
		}
		p.delays[len(p.delays)-1].counter = d

	case EventRTB8Served:
		n, ok := p.latestDelay()
		switch {
		case !ok:
			return p, domain.Invalid(field, "no RTB6 initial notice of delay is recorded: the RTB8 follows one")
		case !n.operative.IsZero():
			return p, domain.Invalid(field, "an RTB8 was already served on %s", n.operative.Human())
		case n.cancelled():
			return p, domain.Invalid(field, "the counter notice of %s, within the response period, cancelled the RTB6", n.counter.Human())
		case !d.After(n.responseEnds):
			return p, domain.Invalid(field, "the RTB6's response period runs to %s: an RTB8 may be served from %s",
				n.responseEnds.Human(), n.responseEnds.AddDays(1).Human())
		}
		p.delays[len(p.delays)-1].operative = d

	case EventS140Served:
		if p.accepted.IsZero() {
			return p, domain.Invalid(field, "the tenant has not served a notice to pursue (s125D): a notice to complete follows it")
		}
		if !p.s140.IsZero() {
			return p, domain.Invalid(field, "a first notice to complete was already served on %s", p.s140.Human())
		}
		ends, stated, err := noticeEnd(field, e)
		if err != nil {
			return p, err
		}
		p.s140, p.s140Ends, p.s140Stated = d, ends, stated

	case EventS141Served:
		if p.s140.IsZero() {
			return p, domain.Invalid(field, "no first notice to complete (s140) is recorded: the s141 notice follows it")
		}
		if !p.s141.IsZero() {
			return p, domain.Invalid(field, "a final notice to complete was already served on %s", p.s141.Human())
		}
		if !d.After(p.s140Ends) {
			return p, domain.Invalid(field, "the first notice gives the tenant until %s: a final notice may follow from %s",
				p.s140Ends.Human(), p.s140Ends.AddDays(1).Human())
		}
		ends, stated, err := noticeEnd(field, e)
		if err != nil {
			return p, err
		}
		p.s141, p.s141Ends, p.s141Stated = d, ends, stated

	case EventCompleted:
		if p.accepted.IsZero() {
			return p, domain.Invalid(field, "the tenant has not served a notice to pursue (s125D): a sale cannot complete without it")
		}
		p.completed = d
	}
	p.last, p.lastType = d, e.Type
	return p, nil
}

// noticeEnd is the date a notice to complete gives the tenant: as stated,
// or the 56-day minimum.
func noticeEnd(field string, e Event) (domain.Date, bool, error) {
	least := e.Date.AddDays(minimumNoticePeriod)
	if e.Ends.IsZero() {
		return least, false, nil
	}
	if e.Ends.Before(least) {
		return domain.Date{}, false, domain.Invalid(field,
			"a notice to complete must give at least %d days: state %s or later", minimumNoticePeriod, least.Human())
	}
	return e.Ends, true, nil
}

// oneOf parses s as one of the allowed values of a string enum, with an
// error that lists them.
func oneOf[T ~string](field, s string, allowed []T) (T, error) {
	for _, a := range allowed {
		if string(a) == s {
			return a, nil
		}
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	return "", domain.Invalid(field, "%q is not one of %s", s, strings.Join(names, ", "))
}

// String is the case in one line for logs and test failures.
func (c Case) String() string {
	return fmt.Sprintf("%s: %s, %s, RTB1 received %s, %s", c.facts.Ref, c.facts.Property, c.Stage(), c.facts.Received, plural(len(c.events), "event"))
}
