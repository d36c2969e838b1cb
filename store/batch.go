package store

import (
	"context"

	"caseload/domain"
)

// Batch is one write transaction for a load of many accounts (the seed of
// a demo or benchmark database, an extract): accounts, ledger rows on the
// bulk path, and casework, each call naming the officer it is recorded
// under. It writes through the one write path: every change has its
// change-log entry, and the transaction has one audit row, signed by the
// store's officer (the one running the load).
type Batch struct{ w *writer }

// WriteBatch runs fn in one transaction named action in the audit; on any
// error nothing of it is written.
func (s *Store) WriteBatch(ctx context.Context, action string, fn func(b *Batch) error) error {
	return s.write(ctx, action, "", func(w *writer) error { return fn(&Batch{w: w}) })
}

// BatchTxn is one ledger row of a Post. Amount is in the ledger's sign
// (a debit positive, a credit negative).
type BatchTxn struct {
	Date      domain.Date
	Type      domain.TxnType
	Amount    domain.Money
	Method    domain.PaymentMethod
	Reference string
	Note      string
	// RunWeek is the rent week a weekly charge belongs to (zero for none).
	RunWeek domain.Date
	// Reverses is the 1-based place, in the same Post, of the row this
	// one reverses (0: none).
	Reverses int
}

// BatchNote is a note with its diary follow-up and when it was done.
type BatchNote struct {
	Date     domain.Date
	Channel  domain.Channel
	Text     string
	FollowUp domain.Date
	Done     domain.Date
}

// BatchEvent is a case event on the arrears ladder.
type BatchEvent struct {
	Date   domain.Date
	Type   domain.EventType
	Detail string
}

// BatchArrangement is an arrangement and, when Cancelled, its end.
type BatchArrangement struct {
	MadeOn, Start       domain.Date
	Frequency           string
	Instalment, Arrears domain.Money
	Cancelled           bool
	CancelledOn         domain.Date
	CancelReason        string
}

// BatchRTB is a Right to Buy claim with its steps and fraud checks.
type BatchRTB struct {
	Received      domain.Date
	PropertyType  string
	Leasehold     bool
	OtherLandlord bool
	Steps         []BatchRTBStep
	Checks        []BatchCheck
}

// BatchRTBStep is one step of a claim (a notice served, a deadline).
type BatchRTBStep struct {
	Date   domain.Date
	Type   string
	Ends   domain.Date
	Detail string
}

// BatchCheck is one item of a claim's fraud assessment.
type BatchCheck struct {
	Item   string
	Status string
	On     domain.Date
	Note   string
}

// CreateAccount creates an account and its charges.
func (b *Batch) CreateAccount(officer string, a NewAccount) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if _, err := b.w.accountNo(a.Ref); err == nil {
		return invalid("ref", "account %s already exists", a.Ref)
	}
	return b.w.createAccount(officer, a)
}

// Post writes an account's ledger rows in order on the bulk path and
// returns their ids.
func (b *Batch) Post(officer, ref string, txns []BatchTxn) ([]string, error) {
	no, err := b.w.accountNo(ref)
	if err != nil {
		return nil, err
	}
	refs, accounts, bodies := make([]string, len(txns)), make([]int64, len(txns)), make([]txnBody, len(txns))
	for i, t := range txns {
		body := txnBody{Date: t.Date.String(), Type: string(t.Type), Amount: t.Amount.PenceValue(), Method: string(t.Method),
			Reference: t.Reference, Note: t.Note, RunWeek: t.RunWeek.String()}
		if t.Reverses != 0 {
			if t.Reverses < 1 || t.Reverses > i {
				return nil, invalid("reverses", "row %d reverses row %d: a reversal undoes an earlier row", i+1, t.Reverses)
			}
			body.Reverses = factID(b.w.s.self.ID, b.w.seq+int64(t.Reverses-1))
		}
		refs[i], accounts[i], bodies[i] = ref, no, body
	}
	return b.w.addTxns(officer, refs, accounts, bodies)
}

// Note records a note.
func (b *Batch) Note(officer, ref string, n BatchNote) error {
	id, err := b.w.addBy(officer, entityNote, ref, noteBody{Date: n.Date.String(), Channel: string(n.Channel), Text: n.Text, FollowUp: n.FollowUp.String()})
	if err != nil || n.Done.IsZero() {
		return err
	}
	return b.w.setBy(officer, entityNote, id, ref, "done", n.Done.String())
}

// Event records a case event.
func (b *Batch) Event(officer, ref string, e BatchEvent) error {
	_, err := b.w.addBy(officer, entityEvent, ref, eventBody{Date: e.Date.String(), Type: string(e.Type), Detail: e.Detail})
	return err
}

// Arrangement records an arrangement and, when it was cancelled, its end.
func (b *Batch) Arrangement(officer, ref string, a BatchArrangement) error {
	id, err := b.w.addBy(officer, entityArrangement, ref, arrangementBody{Start: a.Start.String(), Frequency: a.Frequency,
		Instalment: a.Instalment.PenceValue(), Arrears: a.Arrears.PenceValue(), MadeOn: a.MadeOn.String()})
	if err != nil || !a.Cancelled {
		return err
	}
	return b.w.setBy(officer, entityArrangement, id, ref, "cancel", cancelValue{On: a.CancelledOn.String(), Reason: a.CancelReason})
}

// RTB records a Right to Buy claim, its steps and its fraud checks.
func (b *Batch) RTB(officer, ref string, c BatchRTB) error {
	id, err := b.w.addBy(officer, entityRTB, ref, rtbBody{Received: c.Received.String(), PropertyType: c.PropertyType,
		Leasehold: c.Leasehold, OtherLandlord: c.OtherLandlord})
	if err != nil {
		return err
	}
	for _, s := range c.Steps {
		if _, err := b.w.addBy(officer, entityRTBEvent, ref, rtbEventBody{Case: id, Date: s.Date.String(), Type: s.Type,
			Ends: s.Ends.String(), Detail: s.Detail}); err != nil {
			return err
		}
	}
	for _, k := range c.Checks {
		if err := b.w.setBy(officer, entityRTB, id, ref, "fraud:"+k.Item, checkValue{Status: k.Status, On: k.On.String(), Note: k.Note}); err != nil {
			return err
		}
	}
	return nil
}

// Pause pauses recovery on an account until a day, for a reason.
func (b *Batch) Pause(officer, ref string, until domain.Date, reason string) error {
	return b.w.setBy(officer, entityAccount, ref, ref, "pause", pauseValue{Until: until.String(), Reason: reason})
}

// ManagedPayment records how the housing costs are paid to the landlord.
func (b *Batch) ManagedPayment(officer, ref string, m domain.ManagedPayment) error {
	return b.w.setBy(officer, entityAccount, ref, ref, "managed_payment", string(m))
}

// addTxns posts many ledger facts from this replica on the bulk path (an
// extract load, a seed) under officer's name, and returns their ids.
func (w *writer) addTxns(officer string, refs []string, accounts []int64, bodies []txnBody) ([]string, error) {
	rows := make([]bulkTxn, len(bodies))
	ids := make([]string, len(bodies))
	for i := range bodies {
		if err := bodies[i].validate(); err != nil {
			return nil, err
		}
		ids[i] = factID(w.s.self.ID, w.seq)
		rows[i] = bulkTxn{origin: w.s.self.No, seq: w.seq, hlc: w.clock.Now(), officer: officer,
			id: ids[i], ref: refs[i], account: accounts[i], body: bodies[i]}
		c := Change{Origin: w.s.self.ID, Seq: rows[i].seq, HLC: rows[i].hlc, Officer: officer,
			Entity: entityTxn, EntityID: rows[i].id, Account: refs[i], Op: "add"}
		rows[i].prev = w.chainLast
		rows[i].sum = w.seal(&c, txnJSON(bodies[i]))
		w.seq++
	}
	return ids, w.insertBulk(rows)
}
