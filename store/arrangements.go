package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/worklist"
)

// Repayment arrangements: recording one (which ends any earlier live one),
// cancelling one with a reason, and reading an account's arrangements with
// the live one monitored against the ledger.
//
// Which arrangement is live is derived, never stored: it is the latest made
// (highest hybrid logical clock) that is not cancelled, exactly as the
// worklist facts loader reads it. So recording a new arrangement ends the
// earlier one without writing to it, two officers recording arrangements on
// different replicas converge on the later one, and cancelling the newest
// brings the one it replaced back to life.

// ArrangementState is where an arrangement stands in its account's history.
type ArrangementState string

// The states of an arrangement record.
const (
	// ArrangementLive is the latest made and not cancelled; its monitored
	// state (kept, broken, completed, not yet due) is in Status.
	ArrangementLive ArrangementState = "live"
	// ArrangementSuperseded was ended by a later arrangement.
	ArrangementSuperseded ArrangementState = "superseded"
	// ArrangementCancelled was cancelled by an officer, with a reason.
	ArrangementCancelled ArrangementState = "cancelled"
)

// NewArrangement is what recording an arrangement needs.
type NewArrangement struct {
	Ref        string
	Start      domain.Date
	Frequency  arrangement.Frequency
	Instalment domain.Money
	// Arrears is the arrears balance the arrangement is for; zero means
	// the account's balance now.
	Arrears domain.Money
}

// ArrangementRecord is one arrangement of an account, with its state.
type ArrangementRecord struct {
	ID     string
	Ref    string
	Terms  arrangement.Terms
	MadeOn domain.Date
	MadeBy string
	State  ArrangementState
	// Count, FinalDate and FinalAmount are the schedule the terms draw
	// (zero when the terms cannot be drawn, e.g. from an older schema).
	Count       int
	FinalDate   domain.Date
	FinalAmount domain.Money
	// Status is the live arrangement's monitored state on the day read,
	// and Checks every check made so far (both empty unless live).
	Status arrangement.Status
	Checks []arrangement.Check
	// SupersededBy is the arrangement that ended this one, made on EndedOn.
	SupersededBy string
	EndedOn      domain.Date
	// CancelledOn and CancelReason say when and why it was cancelled.
	CancelledOn  domain.Date
	CancelReason string
}

// TermsWords are the terms as an officer says them: "£10.00 a week from
// Mon 30 Nov 2026 towards £1,100.00".
func (r ArrangementRecord) TermsWords() string {
	return fmt.Sprintf("%s %s from %s towards %s", r.Terms.Instalment.Human(), r.Terms.Frequency.Per(),
		r.Terms.Start.Human(), r.Terms.Arrears.Human())
}

// Words is the record's state in words: "live — kept: …", "superseded on
// Mon 23 Nov 2026 by arrangement 9f3a61c2-12", "cancelled on … : reason".
func (r ArrangementRecord) Words() string {
	switch r.State {
	case ArrangementLive:
		if r.Status.State == arrangement.Broken {
			return "live — broken: " + r.Status.Reason
		}
		return "live — " + r.Status.Reason
	case ArrangementSuperseded:
		return fmt.Sprintf("superseded on %s by arrangement %s", r.EndedOn.Human(), r.SupersededBy)
	case ArrangementCancelled:
		return fmt.Sprintf("cancelled on %s: %s", r.CancelledOn.Human(), r.CancelReason)
	}
	return string(r.State)
}

// Ended reports whether nothing more is expected under the arrangement:
// superseded, cancelled, or live and completed.
func (r ArrangementRecord) Ended() bool {
	return r.State != ArrangementLive || r.Status.State == arrangement.Completed
}

// ArrangementPreview is what recording an arrangement would do: the
// confirmation step of the calculator's save.
type ArrangementPreview struct {
	// Arrears is what the arrangement is for (the balance when not given).
	Arrears domain.Money
	// Plan is the schedule its terms draw.
	Plan arrangement.Plan
	// Ends is the live arrangement it would end (nil when none).
	Ends *ArrangementRecord
	// BreachedOrder is the date of a suspended or postponed order whose
	// terms are breached today (zero when none), and OrderWarning says that
	// the arrangement will not vary it.
	BreachedOrder domain.Date
	OrderWarning  string
}

// Words says what saving would do, for a confirmation: "Save £10.00
// weekly from Mon 30 Nov 2026 towards £1,100.00 on NW1001 — ends the live
// £5.00 weekly arrangement".
func (p ArrangementPreview) Words(ref string) string {
	s := fmt.Sprintf("Save %s %s from %s towards %s on %s (%s)", p.Plan.Instalment.Human(), p.Plan.Frequency,
		p.Plan.FirstDate.Human(), p.Arrears.Human(), ref, p.Plan.Summary())
	if p.Ends != nil {
		s += fmt.Sprintf(" — ends the live %s %s arrangement", p.Ends.Terms.Instalment.Human(), p.Ends.Terms.Frequency)
	}
	if p.OrderWarning != "" {
		s += " — ⚠ " + p.OrderWarning
	}
	return s
}

// arrangementWindowMonths is how far from today an arrangement may start: an
// agreement is recorded when it is made, or soon after, and a start more
// than a year away either way is a typing slip (2062 for 2026), not a plan.
const arrangementWindowMonths = 12

// planArrangement checks a new arrangement against the account's balance
// and draws its schedule; it reads, never writes.
func planArrangement(ctx context.Context, q queryer, n NewArrangement, today domain.Date) (ArrangementPreview, error) {
	var out ArrangementPreview
	var balance int64
	err := q.QueryRowContext(ctx, "SELECT balance FROM account WHERE ref = ?", n.Ref).Scan(&balance)
	if errors.Is(err, sql.ErrNoRows) {
		return out, invalid("ref", "no account %s: check the payment reference", n.Ref)
	}
	if err != nil {
		return out, err
	}
	if _, err := arrangement.ParseFrequency(string(n.Frequency)); err != nil {
		return out, err
	}
	if n.Start.IsZero() {
		return out, invalid("start", "give the date of the first instalment")
	}
	if earliest := domain.MonthsAfter(today, -arrangementWindowMonths); n.Start.Before(earliest) {
		return out, invalid("start", "%s is more than a year ago: give a start from %s on", n.Start.Human(), earliest.Human())
	}
	if latest := domain.MonthsAfter(today, arrangementWindowMonths); n.Start.After(latest) {
		return out, invalid("start", "%s is more than a year ahead: give a start up to %s", n.Start.Human(), latest.Human())
	}
	if !n.Instalment.IsPositive() {
		return out, invalid("instalment", "must be at least £0.01 (got %s): an instalment has to repay something", n.Instalment.Human())
	}
	out.Arrears = n.Arrears
	if out.Arrears.IsZero() {
		out.Arrears = domain.Pence(balance)
		if !out.Arrears.IsPositive() {
			return out, invalid("arrears", "%s is not in arrears (balance %s): there is nothing to arrange, or give the arrears it is for",
				n.Ref, out.Arrears.Balance())
		}
	} else if !out.Arrears.IsPositive() {
		return out, invalid("arrears", "must be more than £0.00 (got %s): give the arrears the arrangement is for", out.Arrears.Human())
	}
	inst := n.Instalment
	out.Plan, err = arrangement.Calculate(arrangement.Request{Balance: out.Arrears, Frequency: n.Frequency, Start: n.Start, Instalment: &inst})
	if err != nil {
		var ve *domain.ValidationError
		if errors.As(err, &ve) && ve.Field == "balance" {
			return out, invalid("arrears", "%s", ve.Reason)
		}
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
	return out, orderBreachAt(ctx, q, n.Ref, today, &out)
}

// orderBreachAt notes on p a suspended or postponed order breached today.
func orderBreachAt(ctx context.Context, q queryer, ref string, today domain.Date, p *ArrangementPreview) error {
	pol := worklist.DefaultPolicy()
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
// would do, writing nothing.
func (s *Store) PreviewArrangement(ctx context.Context, n NewArrangement, today domain.Date) (ArrangementPreview, error) {
	n.Ref = s.Ref(ctx, n.Ref)
	var out ArrangementPreview
	err := s.readTx(ctx, func(q queryer) error {
		var err error
		out, err = planArrangement(ctx, q, n, today)
		return err
	})
	return out, err
}

// AddArrangement records an arrangement made today on the account; it
// becomes the live one, ending any earlier live one. It refuses an unknown
// account, an instalment or arrears that is not positive, an account with
// no arrears when none are given, a start more than a year back or ahead,
// and a schedule the calculator refuses (over 1,040 instalments).
func (s *Store) AddArrangement(ctx context.Context, n NewArrangement, today domain.Date) (string, error) {
	n.Ref = s.Ref(ctx, n.Ref)
	var id string
	err := s.write(ctx, "arrangement add", n.Ref, func(w *writer) error {
		p, err := planArrangement(w.ctx, w.tx, n, today)
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
	if err := cancellable(rec); err != nil {
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
				if err := cancellable(r); err != nil {
					return err
				}
			}
		}
		return w.set(entityArrangement, id, ref, "cancel", cancelValue{On: today.String(), Reason: reason})
	})
	return ref, err
}

// cancellable refuses an arrangement that has nothing left to cancel.
func cancellable(r ArrangementRecord) error {
	switch {
	case r.State == ArrangementCancelled:
		return invalid("id", "arrangement %s was already cancelled on %s (%s)", r.ID, r.CancelledOn.Human(), r.CancelReason)
	case r.State == ArrangementSuperseded:
		return invalid("id", "arrangement %s was ended on %s by arrangement %s: cancel that one instead", r.ID, r.EndedOn.Human(), r.SupersededBy)
	case r.State == ArrangementLive && r.Status.State == arrangement.Completed:
		return invalid("id", "arrangement %s is %s: nothing is left to cancel", r.ID, r.Status.Reason)
	}
	return nil
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
	for i := range recs {
		if recs[i].State == ArrangementLive {
			recs[i].Status = arrangement.Monitor(recs[i].Terms, txns, today, graceDays)
			recs[i].Checks = arrangement.History(recs[i].Terms, txns, today, graceDays)
		}
	}
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
		inst := r.Terms.Instalment
		if p, err := arrangement.Calculate(arrangement.Request{Balance: r.Terms.Arrears, Frequency: r.Terms.Frequency,
			Start: r.Terms.Start, Instalment: &inst}); err == nil {
			r.Count, r.FinalDate, r.FinalAmount = p.Count, p.FinalDate, p.FinalAmount
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Newest first: the first not cancelled is live, and each later one
	// (older) not cancelled was ended by the nearest newer one not cancelled.
	var newer *ArrangementRecord
	for i := range out {
		r := &out[i]
		switch {
		case !r.CancelledOn.IsZero():
			r.State = ArrangementCancelled
			continue
		case newer == nil:
			r.State = ArrangementLive
		default:
			r.State, r.SupersededBy, r.EndedOn = ArrangementSuperseded, newer.ID, newer.MadeOn
		}
		newer = r
	}
	return out, nil
}
