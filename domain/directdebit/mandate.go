// Package directdebit holds Direct Debit mandates as an officer works with
// them: the mandate's states and how it moves between them, its history,
// its Bacs reference, its collection dates, the amount it collects and the
// advance notice a change of amount needs (RULES.md "Direct Debit (Bacs)",
// factsheet §1). It is pure: today and the bank holidays are parameters.
// The Bacs files themselves are package bacs.
package directdebit

import (
	"fmt"
	"sort"
	"strings"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/bacs"
)

// State is where a mandate stands.
type State string

// The states: a mandate is set up pending lodgement (the AUDDIS 0N has not
// been accepted yet), goes live, and ends cancelled (by the council, the
// payer or the bank) or expired (no longer usable).
const (
	Pending   State = "pending"
	Live      State = "live"
	Cancelled State = "cancelled"
	Expired   State = "expired"
)

// States lists every state in the order a mandate passes through them.
var States = []State{Pending, Live, Cancelled, Expired}

// ParseState reads a state as the CLI writes it.
func ParseState(s string) (State, error) {
	for _, st := range States {
		if string(st) == s {
			return st, nil
		}
	}
	return "", domain.Invalid("state", "%q is not one of pending, live, cancelled, expired", s)
}

// Words is the state as an officer reads it.
func (s State) Words() string {
	switch s {
	case Pending:
		return "pending lodgement"
	case Live:
		return "live"
	case Cancelled:
		return "cancelled"
	case Expired:
		return "expired"
	}
	return string(s)
}

// Open reports whether the mandate can still collect (pending or live).
func (s State) Open() bool { return s == Pending || s == Live }

// MoveTo says whether a mandate in state s may move to t: pending goes live
// (lodgement accepted) or ends; live goes back to pending (a rejected
// lodgement, with its reason) or ends; an ended mandate stays ended — a new
// one is set up instead.
func (s State) MoveTo(t State) error {
	if _, err := ParseState(string(t)); err != nil {
		return err
	}
	switch {
	case !s.Open():
		return domain.Invalid("state", "the mandate is %s: set up a new one instead", s.Words())
	case s == t:
		return domain.Invalid("state", "the mandate is already %s", s.Words())
	}
	return nil
}

// Frequencies are how often a mandate collects.
var Frequencies = []arrangement.Frequency{arrangement.Weekly, arrangement.FourWeekly, arrangement.Monthly}

// ParseFrequency reads a collection frequency: weekly, four-weekly or monthly.
func ParseFrequency(s string) (arrangement.Frequency, error) {
	for _, f := range Frequencies {
		if string(f) == s {
			return f, nil
		}
	}
	return "", domain.Invalid("frequency", "%q is not one of weekly, four-weekly, monthly", s)
}

// Policy is the council's Direct Debit rules, as data with a default.
type Policy struct {
	// Days are the days of the month a mandate may collect on.
	Days []int
	// NoticeWorkingDays is the advance notice of a first collection or a
	// change of amount, in working days (the Direct Debit Guarantee's 10).
	NoticeWorkingDays int
	// LodgementWorkingDays is how long an AUDDIS 0N takes to go live: the
	// Bacs three-day cycle.
	LodgementWorkingDays int
}

// DefaultPolicy collects on the 1st, 8th, 15th, 22nd or 28th with 10
// working days' notice (RULES.md "Direct Debit (Bacs)").
func DefaultPolicy() Policy {
	return Policy{Days: []int{1, 8, 15, 22, 28}, NoticeWorkingDays: 10, LodgementWorkingDays: 3}
}

// CheckDay refuses a collection day the policy does not offer.
func (p Policy) CheckDay(day int) error {
	for _, d := range p.Days {
		if d == day {
			return nil
		}
	}
	words := make([]string, len(p.Days))
	for i, d := range p.Days {
		words[i] = fmt.Sprint(d)
	}
	return domain.Invalid("day", "%d is not a collection day: choose one of %s", day, strings.Join(words, ", "))
}

// FirstCollection is the first date a new mandate set up today can collect
// on: the first date with the chosen day of the month that leaves time to
// lodge the instruction and give the advance notice. It is the date by the
// day; Bacs debits the payer on the next working day when it is not one.
func (p Policy) FirstCollection(day int, today domain.Date, h domain.Holidays) domain.Date {
	earliest := h.AddWorkingDays(today, p.LodgementWorkingDays+p.NoticeWorkingDays)
	d := onDay(earliest, day)
	if d.Before(earliest) {
		d = onDay(earliest.AddMonthsClamped(1), day)
	}
	return d
}

// onDay is the date in d's month with the given day (clamped to the month).
func onDay(d domain.Date, day int) domain.Date {
	day = min(day, domain.DaysIn(d.Year(), d.Month()))
	out, _ := domain.NewDate(d.Year(), d.Month(), day)
	return out
}

// Reference is the Bacs reference of an account's n'th mandate (n from 1):
// the account's payment reference in capitals with characters Bacs does not
// take dropped, "DD" and n in two digits, e.g. "NW10428DD01". Deterministic,
// so the reference a payer sees is the one the account already has.
func Reference(accountRef string, n int) (string, error) {
	var b strings.Builder
	for _, r := range strings.ToUpper(accountRef) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	base := b.String()
	if len(base) > 12 {
		base = base[:12]
	}
	ref := fmt.Sprintf("%sDD%02d", base, n)
	if err := bacs.ValidateReference(ref); err != nil {
		return "", domain.Invalid("reference", "%v", err)
	}
	return ref, nil
}

// MaskSortCode shows only the last two digits of a sort code ("••-••-56").
func MaskSortCode(sortCode string) string {
	if len(sortCode) != 6 {
		return strings.Repeat("•", len(sortCode))
	}
	return "••-••-" + sortCode[4:]
}

// MaskAccount shows only the last four digits of an account number
// ("••••5678").
func MaskAccount(account string) string { return bacs.MaskAccount(account) }

// EventKind is what a mandate event changed.
type EventKind string

// The kinds of event.
const (
	// SetUp is the mandate's creation: its first details and amount.
	SetUp EventKind = "set-up"
	// Moved is a change of state, with its reason.
	Moved EventKind = "state"
	// Amount is a new amount from an effective date.
	Amount EventKind = "amount"
	// Details is new bank details (an ADDACS account change) or payer name.
	Details EventKind = "details"
)

// Event is one fact of a mandate's history.
type Event struct {
	ID   string
	Kind EventKind
	// Date is when it happened.
	Date domain.Date
	// State is the new state (Moved; SetUp: Pending).
	State State
	// Amount is the amount collected from Effective (Amount, SetUp).
	Amount    domain.Money
	Effective domain.Date
	// Payer, SortCode and Account are new details (Details, SetUp); an
	// empty one is unchanged.
	Payer, SortCode, Account string
	Reason                   string
	Officer                  string
	// HLC orders events of the same date (the store's clock).
	HLC int64
}

// Words is the event as a line of the mandate's history; bank details are
// masked.
func (e Event) Words() string {
	why := ""
	if e.Reason != "" {
		why = ": " + e.Reason
	}
	switch e.Kind {
	case SetUp:
		return fmt.Sprintf("set up, %s a collection from %s, account %s %s%s",
			e.Amount.Human(), e.Effective.Human(), MaskSortCode(e.SortCode), MaskAccount(e.Account), why)
	case Moved:
		return e.State.Words() + why
	case Amount:
		return fmt.Sprintf("amount %s from %s%s", e.Amount.Human(), e.Effective.Human(), why)
	case Details:
		var parts []string
		if e.Payer != "" {
			parts = append(parts, "payer "+e.Payer)
		}
		if e.SortCode != "" || e.Account != "" {
			parts = append(parts, "account "+MaskSortCode(e.SortCode)+" "+MaskAccount(e.Account))
		}
		return "details changed (" + strings.Join(parts, ", ") + ")" + why
	}
	return string(e.Kind) + why
}

// AmountChange is an amount collected from a date.
type AmountChange struct {
	From   domain.Date
	Amount domain.Money
}

// Mandate is a Direct Debit instruction on an account as its history has
// made it.
type Mandate struct {
	ID string
	// Ref is the account's payment reference.
	Ref string
	// Reference is the Bacs reference (the DDI reference the payer sees).
	Reference string
	Payer     string
	// SortCode (six digits) and Account (eight) are personal data: show
	// them through MaskSortCode and MaskAccount.
	SortCode, Account string
	Day               int
	Frequency         arrangement.Frequency
	// First is the first collection.
	First  domain.Date
	MadeOn domain.Date
	State  State
	// StateOn is when the mandate entered its state.
	StateOn domain.Date
	// Amounts are the amounts collected, oldest first; the first is from
	// First.
	Amounts []AmountChange
	// Modulus is what the modulus check said at set-up.
	Modulus string
	// Paper: at set-up the council held a paper instruction the payer
	// signed, which the AUDDIS file converts (0S) rather than lodges (0N).
	Paper bool
	// History is every event, oldest first.
	History []Event
	// Ignored are events that could not apply (a state change that arrived
	// from another replica after the mandate ended), kept for review.
	Ignored []Event
}

// Fold builds a mandate from its events: the set-up event first, then the
// others by date (and clock). It never fails: a state change the mandate's
// state does not allow is kept in Ignored, so replicas that saw the same
// events agree.
func Fold(m Mandate, events []Event) Mandate {
	evs := append([]Event(nil), events...)
	sort.SliceStable(evs, func(i, j int) bool {
		a, b := evs[i], evs[j]
		if (a.Kind == SetUp) != (b.Kind == SetUp) {
			return a.Kind == SetUp
		}
		if c := a.Date.Compare(b.Date); c != 0 {
			return c < 0
		}
		if a.HLC != b.HLC {
			return a.HLC < b.HLC
		}
		return a.ID < b.ID
	})
	m.History, m.Ignored, m.Amounts = nil, nil, nil
	for _, e := range evs {
		switch e.Kind {
		case SetUp:
			m.State, m.StateOn = Pending, e.Date
			m.Payer, m.SortCode, m.Account = e.Payer, e.SortCode, e.Account
			m.Amounts = []AmountChange{{From: e.Effective, Amount: e.Amount}}
		case Moved:
			if m.State.MoveTo(e.State) != nil {
				m.Ignored = append(m.Ignored, e)
				continue
			}
			m.State, m.StateOn = e.State, e.Date
		case Amount:
			m.Amounts = setAmount(m.Amounts, AmountChange{From: e.Effective, Amount: e.Amount})
		case Details:
			if e.Payer != "" {
				m.Payer = e.Payer
			}
			if e.SortCode != "" {
				m.SortCode = e.SortCode
			}
			if e.Account != "" {
				m.Account = e.Account
			}
		}
		m.History = append(m.History, e)
	}
	return m
}

// setAmount puts a change in date order; a later event for the same date
// replaces the earlier one.
func setAmount(as []AmountChange, c AmountChange) []AmountChange {
	for i := range as {
		if as[i].From.Equal(c.From) {
			as[i] = c
			return as
		}
	}
	as = append(as, c)
	sort.SliceStable(as, func(i, j int) bool { return as[i].From.Before(as[j].From) })
	return as
}

// AmountOn is the amount collected on d (the first amount before First).
func (m Mandate) AmountOn(d domain.Date) domain.Money {
	var out domain.Money
	for i, a := range m.Amounts {
		if i == 0 || !a.From.After(d) {
			out = a.Amount
		}
	}
	return out
}

// Latest is the newest amount change (the amount after every change known).
func (m Mandate) Latest() AmountChange {
	if len(m.Amounts) == 0 {
		return AmountChange{}
	}
	return m.Amounts[len(m.Amounts)-1]
}

// Masked is the bank details as every screen, file and log shows them:
// "••-••-56 ••••5678".
func (m Mandate) Masked() string { return MaskSortCode(m.SortCode) + " " + MaskAccount(m.Account) }

// PaperWords is what becomes of the mandate's paper instruction, as an
// officer reads it (PaperWords).
func (m Mandate) PaperWords() string { return PaperWords(m.Paper) }

// PaperWords is what becomes of a paper instruction the council holds:
// "converting (0S)", or "" when there is none (the mandate is lodged, 0N).
func PaperWords(paper bool) string {
	if !paper {
		return ""
	}
	return "converting (" + string(bacs.ConvertInstruction) + ")"
}

// Collection is one collection a mandate will make.
type Collection struct {
	// Due is the date by the mandate's day; On is the date Bacs debits the
	// payer (the next working day when Due is not one).
	Due, On domain.Date
	Amount  domain.Money
}

// Collections are the mandate's collections falling due from from to to
// (inclusive), none when it is not open.
func (m Mandate) Collections(from, to domain.Date, h domain.Holidays) []Collection {
	if !m.State.Open() || m.First.IsZero() {
		return nil
	}
	var out []Collection
	for n := 0; ; n++ {
		due := m.due(n)
		if due.IsZero() || due.After(to) {
			return out
		}
		if due.Before(from) {
			continue
		}
		on := h.NextWorkingDay(due)
		out = append(out, Collection{Due: due, On: on, Amount: m.AmountOn(due)})
	}
}

// Next are the mandate's next n collections on or after from.
func (m Mandate) Next(from domain.Date, n int, h domain.Holidays) []Collection {
	var out []Collection
	for to := from.AddDays(40 * n); len(out) < n; to = to.AddDays(400) {
		out = m.Collections(from, to, h)
		if len(out) >= n {
			return out[:n]
		}
		if !m.State.Open() || to.After(from.AddDays(800)) {
			return out
		}
	}
	return out
}

// due is the n'th collection date from First (n from 0): every 7 or 28 days,
// or monthly on the mandate's day.
func (m Mandate) due(n int) domain.Date {
	switch m.Frequency {
	case arrangement.Weekly:
		return m.First.AddDays(7 * n)
	case arrangement.FourWeekly:
		return m.First.AddDays(28 * n)
	case arrangement.Monthly:
		return onDay(m.First.AddMonthsClamped(n), m.Day)
	}
	return domain.Date{}
}

// OnWords says which day the mandate collects on: "on the 8th" for a
// monthly one, whose day is a day of the month; "on Mondays" for a weekly
// or four-weekly one, which collects every 7 or 28 days from First.
func (m Mandate) OnWords() string {
	if m.Frequency == arrangement.Monthly || m.First.IsZero() {
		return "on the " + Ordinal(m.Day)
	}
	return "on " + m.First.Weekday().String() + "s"
}

// TextPayer is the account holder's name as the mandate keeps it.
var TextPayer = domain.TextName.As("payer")

// Ordinal is a collection day as officers say it: 1st, 8th, 22nd, 28th.
func Ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprint(n) + suffix
}

// The reasons caseload itself gives a mandate's history.
const (
	// ReasonLodged is a lodgement the bank accepted.
	ReasonLodged = "AUDDIS: instruction accepted"
	// ModulusNotChecked is a mandate loaded from before caseload.
	ModulusNotChecked = "not checked (set up before caseload)"
)

// ReplacedBy is why a mandate was cancelled by a new one on its account.
func ReplacedBy(reference string) string { return "replaced by " + reference }

// AmountReason is why a mandate's amount changed: the charges from a date
// and what the new amount is made of.
func AmountReason(effective domain.Date, a CollectionAmount) string {
	return "charges from " + effective.String() + ": " + a.Line()
}
