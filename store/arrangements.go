package store

import (
	"context"
	"database/sql"
	"errors"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/worklist"
)

// Repayment arrangements: recording one (which ends any earlier live one),
// cancelling one with a reason, and reading an account's arrangements with
// the live one monitored against the ledger. The record, its states and
// words and the rules for a new one are the domain's (arrangement.Record,
// arrangement.Proposal); the store reads and writes them.

// ArrangementState is where an arrangement stands in its account's history
// (arrangement.RecordState).
type ArrangementState = arrangement.RecordState

// The states of an arrangement record.
const (
	ArrangementLive       = arrangement.Live
	ArrangementSuperseded = arrangement.Superseded
	ArrangementCancelled  = arrangement.Cancelled
)

// NewArrangement is what recording an arrangement needs.
type NewArrangement = arrangement.Proposal

// ArrangementRecord is one arrangement of an account, with its state.
type ArrangementRecord = arrangement.Record

// ArrangementPreview is what recording an arrangement would do
// (arrangement.Preview).
type ArrangementPreview = arrangement.Preview

// planArrangement checks a new arrangement against the account's balance
// and draws its schedule; it reads, never writes.
func planArrangement(ctx context.Context, q queryer, n NewArrangement, today domain.Date, pol worklist.Policy) (ArrangementPreview, error) {
	var out ArrangementPreview
	var balance int64
	err := q.QueryRowContext(ctx, "SELECT balance FROM account WHERE ref = ?", n.Ref).Scan(&balance)
	if errors.Is(err, sql.ErrNoRows) {
		return out, invalid("ref", "no account %s: check the payment reference", n.Ref)
	}
	if err != nil {
		return out, err
	}
	out.Arrears, out.Plan, err = n.Plan(domain.Pence(balance), today)
	if err != nil {
		return out, err
	}
	recs, err := arrangementRecords(ctx, q, n.Ref)
	if err != nil {
		return out, err
	}
	for i := range recs {
		if recs[i].State == ArrangementLive {
			out.Ends = &recs[i]
		}
	}
	return out, orderBreachAt(ctx, q, n.Ref, today, pol, &out)
}

// orderBreachAt notes on p a suspended or postponed order breached today
// under the caller's policy pol.
func orderBreachAt(ctx context.Context, q queryer, ref string, today domain.Date, pol worklist.Policy, p *ArrangementPreview) error {
	fs, err := worklistFactsWhere(ctx, q, domain.Holidays{}, "a.ref = ?", []any{ref}, today, pol, false)
	if err != nil || len(fs) != 1 {
		return err
	}
	if o, why, ok := worklist.OrderBreach(&fs[0], today, pol); ok {
		p.BreachedOrder, p.OrderWarning = o.Date, worklist.OverBreachWarning(o, why)
	}
	return nil
}

// PreviewArrangement checks a new arrangement and says what recording it
// would do, writing nothing; p is the worklist policy that judges a breached
// order.
func (s *Store) PreviewArrangement(ctx context.Context, n NewArrangement, today domain.Date, p worklist.Policy) (ArrangementPreview, error) {
	n.Ref = s.Ref(ctx, n.Ref)
	var out ArrangementPreview
	err := s.readTx(ctx, func(q queryer) error {
		var err error
		out, err = planArrangement(ctx, q, n, today, p)
		return err
	})
	return out, err
}

// AddArrangement records an arrangement made today on the account; it
// becomes the live one, ending any earlier live one. It refuses an unknown
// account, an instalment or arrears that is not positive, an account with
// no arrears when none are given, a start more than a year back or ahead,
// and a schedule the calculator refuses (over 1,040 instalments). p is the
// worklist policy that judges a breached order.
func (s *Store) AddArrangement(ctx context.Context, n NewArrangement, today domain.Date, pol worklist.Policy) (string, error) {
	n.Ref = s.Ref(ctx, n.Ref)
	var id string
	err := s.write(ctx, "arrangement add", n.Ref, func(w *writer) error {
		p, err := planArrangement(w.ctx, w.tx, n, today, pol)
		if err != nil {
			return err
		}
		// The plan's instalment: one larger than the arrears is a single
		// payment of the arrears, and what is saved is what was confirmed.
		id, err = w.add(entityArrangement, n.Ref, arrangementBody{
			Start: n.Start.String(), Frequency: string(n.Frequency), Instalment: p.Plan.Instalment.PenceValue(),
			Arrears: p.Arrears.PenceValue(), MadeOn: today.String(), BreachedOrder: p.BreachedOrder.String(),
		})
		return err
	})
	return id, err
}

// CancelArrangement cancels an arrangement today, with a reason (card
// numbers in it are masked). It refuses an arrangement that is already
// cancelled, was ended by a later one, or has completed: there is nothing
// left to cancel. It returns the account's ref. Cancelling the live
// arrangement brings back the one it replaced, if that was not cancelled
// itself (the live one is always the latest not cancelled).
func (s *Store) CancelArrangement(ctx context.Context, id, reason string, today domain.Date) (string, error) {
	reason, _, err := domain.TextReason.Clean(reason)
	if err != nil {
		return "", err
	}
	if reason == "" {
		return "", invalid("reason", "say why the arrangement is cancelled")
	}
	var ref string
	err = s.db.QueryRowContext(ctx, "SELECT a.ref FROM arrangement g JOIN account a ON a.no = g.account WHERE g.id = ?", id).Scan(&ref)
	if errors.Is(err, sql.ErrNoRows) {
		return "", invalid("id", "no arrangement %s: `caseload arrangement show REF` lists an account's arrangements", id)
	}
	if err != nil {
		return "", err
	}
	// Completion is judged on money received, not on check dates, so the
	// grace days do not matter here.
	recs, err := s.Arrangements(ctx, ref, today, 0)
	if err != nil {
		return "", err
	}
	var rec ArrangementRecord
	for _, r := range recs {
		if r.ID == id {
			rec = r
		}
	}
	if err := rec.Cancellable(); err != nil {
		return "", err
	}
	err = s.write(ctx, "arrangement cancel", ref, func(w *writer) error {
		// Read again inside the write: another write may have landed since.
		recs, err := arrangementRecords(w.ctx, w.tx, ref)
		if err != nil {
			return err
		}
		for _, r := range recs {
			if r.ID == id {
				if err := r.Cancellable(); err != nil {
					return err
				}
			}
		}
		return w.set(entityArrangement, id, ref, "cancel", cancelValue{On: today.String(), Reason: reason})
	})
	return ref, err
}

// Arrangements reads an account's arrangements, newest first, each with its
// state; the live one is monitored on today against the account's ledger
// (arrangement.Monitor with graceDays), with its checks so far.
func (s *Store) Arrangements(ctx context.Context, ref string, today domain.Date, graceDays int) ([]ArrangementRecord, error) {
	ref = s.Ref(ctx, ref)
	ledger, err := s.Ledger(ctx, ref)
	if err != nil {
		return nil, err
	}
	recs, err := arrangementRecords(ctx, s.db, ref)
	if err != nil {
		return nil, err
	}
	txns := make([]domain.Txn, 0, len(ledger))
	for _, l := range ledger {
		if !l.Void { // a second reversal kept for review does not count
			txns = append(txns, l.Txn())
		}
	}
	arrangement.MonitorLive(recs, txns, today, graceDays)
	return recs, nil
}

// LiveArrangement is the account's live arrangement, monitored on today;
// ok is false when it has none.
func (s *Store) LiveArrangement(ctx context.Context, ref string, today domain.Date, graceDays int) (rec ArrangementRecord, ok bool, err error) {
	ref = s.Ref(ctx, ref)
	recs, err := s.Arrangements(ctx, ref, today, graceDays)
	if err != nil {
		return rec, false, err
	}
	for _, r := range recs {
		if r.State == ArrangementLive {
			return r, true, nil
		}
	}
	return rec, false, nil
}

// arrangementRecords reads an account's arrangements newest first (by
// hybrid logical clock, as the worklist reads the live one) with their
// states, unmonitored.
func arrangementRecords(ctx context.Context, q queryer, ref string) ([]ArrangementRecord, error) {
	rows, err := q.QueryContext(ctx, `SELECT g.id, g.start_date, g.frequency, g.instalment, g.arrears, g.made_on, g.officer,
		g.cancelled_on, g.cancel_reason FROM arrangement g JOIN account a ON a.no = g.account
		WHERE a.ref = ? ORDER BY g.hlc DESC, g.no DESC`, ref)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ArrangementRecord
	for rows.Next() {
		r := ArrangementRecord{Ref: ref}
		var start, freq, made, cancelled string
		var instalment, arrears int64
		if err := rows.Scan(&r.ID, &start, &freq, &instalment, &arrears, &made, &r.MadeBy, &cancelled, &r.CancelReason); err != nil {
			return nil, err
		}
		shown(&r.MadeBy, &r.CancelReason)
		r.Terms = arrangement.Terms{Start: dateText(start), Frequency: arrangement.Frequency(freq),
			Instalment: domain.Pence(instalment), Arrears: domain.Pence(arrears)}
		r.MadeOn, r.CancelledOn = dateText(made), dateText(cancelled)
		r.Draw()
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	arrangement.SetStates(out)
	return out, nil
}
