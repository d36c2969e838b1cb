package domain

// EventType is a case event on the enforcement ladder or around it
// (RULES.md "Case events").
type EventType string

// The case event types.
const (
	EventLetter1        EventType = "letter-1"
	EventLetter2        EventType = "letter-2"
	EventPreAction      EventType = "pre-action"
	EventReferral       EventType = "referral"
	EventAPARequested   EventType = "apa-requested"
	EventAPAInPlace     EventType = "apa-in-place"
	EventTPDRequested   EventType = "tpd-requested"
	EventNOSPServed     EventType = "nosp-served"
	EventCourtClaim     EventType = "court-claim"
	EventHearing        EventType = "hearing"
	EventOrderOutright  EventType = "order-outright"
	EventOrderSuspended EventType = "order-suspended"
	EventOrderPostponed EventType = "order-postponed"
	EventWarrantApplied EventType = "warrant-applied"
	EventEvictionDate   EventType = "eviction-date"
	EventEvicted        EventType = "evicted"
	EventStageReset     EventType = "stage-reset"
	// EventDDUnpaid records a Direct Debit returned unpaid (ARUDD); its
	// detail carries the reason code. Added beside the RULES.md list because
	// the dd-unpaid worklist rule needs it.
	EventDDUnpaid EventType = "dd-unpaid"
	// EventDDNoticeLate records a Direct Debit's new amount whose advance
	// notice could not be given in time (`caseload dd amounts`); its detail
	// says which collection and what to do.
	EventDDNoticeLate EventType = "dd-notice-late"
	// EventNoticeOfProceedings is the notice of proceedings that ends an
	// introductory tenancy (Housing Act 1996 s128): its NOSP.
	EventNoticeOfProceedings EventType = "notice-of-proceedings"
	// EventTermsVaried is the court varying a suspended or postponed
	// order's terms: only the court's variation replaces them.
	EventTermsVaried EventType = "terms-varied"
	// The steps a council's recovery ladder names (issue 15; Hackney's
	// ladder): an arrears text message, the court warning letter, the
	// letters sent when an informal or a court agreement is breached, and
	// the outcome of a hearing recorded after the day (its date is the
	// hearing's; it carries the outcome code like a hearing may).
	EventSMS                  EventType = "sms"
	EventCourtWarning         EventType = "court-warning"
	EventInformalBreachLetter EventType = "informal-breach-letter"
	EventCourtBreachLetter    EventType = "court-breach-letter"
	EventCourtOutcome         EventType = "court-outcome"
)

// EventTypes lists every case event type.
var EventTypes = []EventType{
	EventLetter1, EventLetter2, EventPreAction, EventReferral, EventAPARequested, EventAPAInPlace,
	EventTPDRequested, EventNOSPServed, EventCourtClaim, EventHearing, EventOrderOutright,
	EventOrderSuspended, EventOrderPostponed, EventWarrantApplied, EventEvictionDate, EventEvicted,
	EventStageReset, EventDDUnpaid, EventDDNoticeLate, EventNoticeOfProceedings, EventTermsVaried,
	EventSMS, EventCourtWarning, EventInformalBreachLetter, EventCourtBreachLetter, EventCourtOutcome,
}

// ParseEventType reads an event type.
func ParseEventType(s string) (EventType, error) { return oneOf("type", s, EventTypes) }

// Label is the officer's words for the event.
func (e EventType) Label() string {
	switch e {
	case EventLetter1:
		return "First arrears letter"
	case EventLetter2:
		return "Second arrears letter"
	case EventPreAction:
		return "Pre-action protocol step"
	case EventReferral:
		return "Referral to support"
	case EventAPARequested:
		return "Managed payment requested"
	case EventAPAInPlace:
		return "Managed payment in place"
	case EventTPDRequested:
		return "Third-party deduction requested"
	case EventNOSPServed:
		return "NOSP served"
	case EventCourtClaim:
		return "Court claim issued"
	case EventHearing:
		return "Hearing"
	case EventOrderOutright:
		return "Outright possession order"
	case EventOrderSuspended:
		return "Suspended possession order"
	case EventOrderPostponed:
		return "Postponed possession order"
	case EventWarrantApplied:
		return "Warrant applied for"
	case EventEvictionDate:
		return "Eviction date set"
	case EventEvicted:
		return "Evicted"
	case EventStageReset:
		return "Stage reset"
	case EventDDUnpaid:
		return "Direct Debit unpaid"
	case EventDDNoticeLate:
		return "Direct Debit notice late"
	case EventNoticeOfProceedings:
		return "Notice of proceedings served"
	case EventTermsVaried:
		return "Order terms varied by the court"
	case EventSMS:
		return "Arrears SMS sent"
	case EventCourtWarning:
		return "Court warning letter"
	case EventInformalBreachLetter:
		return "Informal agreement breach letter"
	case EventCourtBreachLetter:
		return "Court agreement breach letter"
	case EventCourtOutcome:
		return "Court outcome"
	}
	return string(e)
}

// IsLadder reports whether the event moves the enforcement stage.
func (e EventType) IsLadder() bool {
	switch e {
	case EventLetter1, EventLetter2, EventPreAction, EventNOSPServed, EventCourtClaim, EventHearing,
		EventOrderOutright, EventOrderSuspended, EventOrderPostponed, EventWarrantApplied,
		EventEvictionDate, EventEvicted, EventStageReset, EventNoticeOfProceedings,
		EventSMS, EventCourtWarning, EventCourtOutcome:
		return true
	}
	return false
}

// CarriesOutcome reports whether the event may carry a court outcome code.
func (e EventType) CarriesOutcome() bool { return e == EventHearing || e == EventCourtOutcome }

// CarriesTerms reports whether the event may carry an order's terms.
func (e EventType) CarriesTerms() bool {
	switch e {
	case EventHearing, EventCourtOutcome, EventOrderOutright, EventOrderSuspended, EventOrderPostponed, EventTermsVaried:
		return true
	}
	return false
}

// NeedsPossessionSteps reports whether the event belongs to possession
// proceedings (not for garage and sundry accounts).
func (e EventType) NeedsPossessionSteps() bool {
	switch e {
	case EventNOSPServed, EventCourtClaim, EventHearing, EventOrderOutright, EventOrderSuspended,
		EventOrderPostponed, EventWarrantApplied, EventEvictionDate, EventEvicted,
		EventNoticeOfProceedings, EventTermsVaried, EventCourtWarning, EventCourtBreachLetter, EventCourtOutcome:
		return true
	}
	return false
}

// Channel is how a contact or note happened.
type Channel string

// The channels (CLI `note --channel`).
const (
	ChannelNone    Channel = ""
	ChannelPhone   Channel = "phone"
	ChannelVisit   Channel = "visit"
	ChannelOffice  Channel = "office"
	ChannelLetter  Channel = "letter"
	ChannelEmail   Channel = "email"
	ChannelWebchat Channel = "webchat"
	ChannelSMS     Channel = "sms"
)

// Channels lists the channels.
var Channels = []Channel{ChannelPhone, ChannelVisit, ChannelOffice, ChannelLetter, ChannelEmail, ChannelWebchat, ChannelSMS}

// ParseChannel reads a channel; "" is a plain note.
func ParseChannel(s string) (Channel, error) {
	if s == "" {
		return ChannelNone, nil
	}
	return oneOf("channel", s, Channels)
}

// IsContact reports whether a note on this channel records contact with the
// resident, made or attempted (so it counts as "contact" for the worklist).
func (c Channel) IsContact() bool { return c != ChannelNone }
