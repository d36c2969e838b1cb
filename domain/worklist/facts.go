package worklist

import (
	"caseload/domain"
	"caseload/domain/arrangement"
)

// Facts is everything the worklist rules read about one account on one day.
// Each field is shaped so that a store can fill it for a whole caseload with a
// few set-based queries (one per field group, keyed by account), never one
// query per account. Zero values mean "none": no date, no arrangement, no
// events.
type Facts struct {
	// Ref is the payment reference; Name the resident's name as listed.
	Ref  string
	Name string
	// Kind and Status decide which rules apply: the arrears ladder is for
	// current accounts; possession rules only for kinds with possession
	// steps. An account is former when its status is former or its kind is
	// former-tenant; otherwise (an empty status included) it is current.
	Kind   domain.AccountKind
	Status domain.AccountStatus
	// Balance is the account balance: positive owed, negative credit.
	Balance domain.Money
	// Weekly is the current weekly charge (zero for accounts with no
	// weekly debit, such as most sundry debts).
	Weekly domain.Money
	// RentFreeWeeks is the account's rent-free weeks (0–4), used to turn
	// the weekly charge into UC's monthly figure.
	RentFreeWeeks int
	// Vulnerable and UCClaimant are the account's flags.
	Vulnerable bool
	UCClaimant bool
	// ManagedPayment is the UC managed-payment (APA) state. The store keeps
	// it in step with apa-requested / apa-in-place events; the rules read
	// only this field.
	ManagedPayment domain.ManagedPayment
	// PaymentMethod is how the account usually pays (its setting).
	PaymentMethod domain.PaymentMethod
	// Payments are the recent payment transactions (types for which
	// TxnType.IsPayment is true), oldest first: the last 400 days, or at
	// least the last 12. Leave out payments that were reversed; any
	// transaction of another type, or one named by a reversal in the list,
	// is ignored.
	Payments []domain.Txn
	// LastPayment is the date of the latest payment ever (the account's
	// last_payment); the later of it and the last of Payments is used.
	LastPayment domain.Date
	// Arrangement is the live repayment arrangement (nil when none), and
	// ArrangementStatus its monitored state from arrangement.Monitor run
	// with Policy.ArrangementGraceDays (Settle fills it). A nil status
	// with terms is read as not yet due.
	Arrangement       *arrangement.Terms
	ArrangementStatus *arrangement.Status
	// ArrangementTxns are the account's ledger rows since the live
	// arrangement's start, as read (void rows left out): what Settle
	// monitors the arrangement over.
	ArrangementTxns []domain.Txn
	// Events are the account's case events: the latest of each type is
	// enough (more are allowed; the latest of each type wins). Unpaid
	// Direct Debits may come here too but belong in UnpaidDDs.
	Events []Event
	// LastContact is the date of the latest contact with the resident: a
	// note with a contact channel (domain.Channel.IsContact). Letters and
	// notices recorded as events count as contact too, so they need not
	// be folded in here.
	LastContact domain.Date
	// FollowUps are the open diary follow-ups (not done), any due date.
	FollowUps []FollowUp
	// PausedUntil and PauseReason: while today is before PausedUntil the
	// account is paused (shown in the Paused section, not triaged).
	PausedUntil domain.Date
	PauseReason string
	// DoneToday are the rules the officer marked done on this account today.
	DoneToday []Rule
	// RTBDeadlines are the next council deadline of each open Right to Buy
	// case on the account (computed by the RTB package).
	RTBDeadlines []RTBDeadline
	// UnpaidDDs are the dd-unpaid events of the last 14 days or more (all of
	// them, not only the latest); Detail starts with the ARUDD reason code.
	UnpaidDDs []Event
	// ClearedOn is the last day the account owed nothing: its balance was
	// £0.00 or in credit from the end of one entry's day to the day before
	// the next entry (zero when it has owed since its first entry, or when
	// unknown). It ends an arrears episode:
	// letters and pre-action steps recorded on or before it belong to
	// earlier arrears and no longer move the ladder.
	ClearedOn domain.Date
	// OrderBalance is the balance at the end of the day of the latest
	// suspended or postponed possession order (nil when unknown or no
	// order). court-order-breach compares it with today's balance when no
	// arrangement is recorded for the order.
	OrderBalance *domain.Money
	// TenancyType is the account's tenancy: an introductory tenancy is
	// ended by a notice of proceedings, not a NOSP.
	TenancyType domain.TenancyType
	// PreAction are the marks of the Pre-Action Protocol checklist: the
	// officer's ticks and those implied by events, contact notes and
	// arrangements (domain.PreActionFromEvent, PreActionFromNote), any
	// order. Marks on or before ClearedOn belong to an earlier episode.
	PreAction []domain.PreActionMark
	// ArrangementOverBreach is the date of the suspended or postponed order
	// that was already breached when the live arrangement was saved (zero
	// when none): such an arrangement does not replace the court's terms.
	ArrangementOverBreach domain.Date
}

// Event is one case event as the rules need it.
type Event struct {
	Type domain.EventType
	Date domain.Date
	// Detail is the event's free text. Read for: nosp-served (a YYYY-MM-DD
	// date in it is the date stated in the notice after which proceedings
	// may begin) and dd-unpaid (starts with the ARUDD reason code).
	Detail string
}

// FollowUp is an open diary follow-up.
type FollowUp struct {
	ID   string
	Due  domain.Date
	Text string
}

// RTBDeadline is the next council deadline of an open Right to Buy case.
type RTBDeadline struct {
	CaseID string
	// Name says which notice is due, in officer's words: "RTB2 (admit or deny)".
	Name string
	Due  domain.Date
}
