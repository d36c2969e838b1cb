package seed

import (
	"math/rand/v2"
	"slices"

	"caseload/domain"
	"caseload/store"
)

// Plan is a seed's accounts before any is made: whose patch and which
// scenario each is. Account(i) makes account i from the seed and its place
// alone, so a plan can be made in any order, in batches, and gives the
// same accounts every time.
type Plan struct {
	opt   Options
	cal   *seedCalendar
	slots []seedSlot
}

// NewPlan checks the options and plans the accounts.
func NewPlan(opt Options) (*Plan, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Plan{
		opt:   opt,
		cal:   newSeedCalendar(opt.Today, opt.Years),
		slots: seedPlan(opt, rand.New(rand.NewPCG(uint64(opt.Seed), seedStream))),
	}, nil
}

// Options are the plan's options with their defaults filled in.
func (p *Plan) Options() Options { return p.opt }

// Len is how many accounts the plan makes.
func (p *Plan) Len() int { return len(p.slots) }

// Account makes account i (0 ≤ i < Len()).
func (p *Plan) Account(i int) Account {
	a := generateSeedAccount(p.cal, &p.opt, p.slots[i], i)
	out := a.export()
	out.Mandate = a.mandate(out, p.cal.today, p.cal.hol)
	return out
}

// Account is one generated account: every value the writer writes for it,
// in the order it writes them.
type Account struct {
	// Account is the account with its charges, created by the seed's
	// runner, as are its Ledger rows.
	Account store.NewAccount
	Ledger  []store.BatchTxn
	// The casework is recorded under the patch officer's name
	// (Account.Officer): notes and events in date order.
	Notes        []store.BatchNote
	Events       []store.BatchEvent
	Arrangements []store.BatchArrangement
	RTB          *store.BatchRTB
	// PauseUntil and PauseReason pause recovery (zero: no pause).
	PauseUntil  domain.Date
	PauseReason string
	// Managed is a managed payment set during the casework (APANone: none).
	Managed domain.ManagedPayment
	// Mandate is its Direct Debit mandate (nil: it pays another way).
	Mandate *store.BatchMandate
	// Profile is the payment profile it counts under in Summary.Profiles,
	// DHP whether it received Discretionary Housing Payments.
	Profile string
	DHP     bool
	// Balance is what it owes on Today, in pence (negative: in credit).
	Balance int64
}

// export turns a generated account into the plain values written.
func (a *seedAccount) export() Account {
	out := Account{Account: a.acct, Arrangements: a.arrangements, RTB: a.rtb, PauseUntil: a.pauseUntil, PauseReason: a.pauseReason,
		Managed: a.managed, Profile: a.profile, DHP: a.dhp, Balance: a.balance}
	// A reversal names the place of the payment it undoes.
	place := make(map[int]int, 4)
	out.Ledger = make([]store.BatchTxn, len(a.txns))
	for i, t := range a.txns {
		out.Ledger[i] = store.BatchTxn{Date: t.date, Type: t.typ, Amount: domain.Pence(t.amount), Method: t.method,
			Reference: t.reference, Note: t.note, RunWeek: t.runWeek, Reverses: place[t.reverses]}
		if t.id != 0 && t.method == domain.MethodDirectDebit && t.typ == domain.TxnPayment {
			place[t.id] = i + 1
		}
	}
	notes := slices.Clone(a.notes)
	slices.SortStableFunc(notes, func(x, y seedNote) int { return x.date.Compare(y.date) })
	for _, n := range notes {
		out.Notes = append(out.Notes, store.BatchNote{Date: n.date, Channel: n.channel, Text: n.text, FollowUp: n.followUp, Done: n.done})
	}
	// Events in date order: the worklist reads the latest of each type.
	events := slices.Clone(a.events)
	slices.SortStableFunc(events, func(x, y seedEvent) int { return x.date.Compare(y.date) })
	for _, e := range events {
		out.Events = append(out.Events, store.BatchEvent{Date: e.date, Type: e.typ, Detail: e.detail})
	}
	return out
}
