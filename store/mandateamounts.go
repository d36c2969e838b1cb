package store

import (
	"context"
	"errors"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/directdebit"
)

// A mandate's amount is worked out from its account's charges and live
// arrangement (directdebit.AmountBasis); when the charges change, every
// open mandate is planned again (directdebit.Policy.PlanAmount) and a new
// amount is recorded with its advance notice on the account's timeline and,
// where the notice could not be given in time, a dd-notice-late event that
// puts the account on the worklist.

// amountBases reads the amount basis of every account matching where (over
// account a), by ref: three queries for any number of accounts.
func amountBases(ctx context.Context, q queryer, where string, args ...any) (map[string]*directdebit.AmountBasis, error) {
	out := map[string]*directdebit.AmountBasis{}
	rows, err := q.QueryContext(ctx, "SELECT a.ref, a.rent_free_weeks FROM account a WHERE "+where, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var ref string
		b := &directdebit.AmountBasis{}
		if err := rows.Scan(&ref, &b.RentFreeWeeks); err != nil {
			rows.Close()
			return nil, err
		}
		out[ref] = b
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT a.ref, c.component, c.weekly, c.from_date FROM charge c JOIN account a ON a.no = c.account
		WHERE `+where+` ORDER BY c.from_date, c.no`, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var ref, from string
		var c domain.ChargeComponent
		var weekly int64
		if err := rows.Scan(&ref, &c.Component, &weekly, &from); err != nil {
			rows.Close()
			return nil, err
		}
		c.Weekly, c.From = domain.Pence(weekly), dateText(from)
		if b := out[ref]; b != nil {
			b.Charges = append(b.Charges, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// The live arrangement: the latest made and not cancelled.
	rows, err = q.QueryContext(ctx, `SELECT a.ref, g.start_date, g.frequency, g.instalment, g.arrears FROM arrangement g
		JOIN account a ON a.no = g.account
		JOIN (SELECT account, max(hlc) AS hlc FROM arrangement WHERE cancelled_on = '' GROUP BY account) live
			ON live.account = g.account AND live.hlc = g.hlc
		WHERE `+where+` AND g.cancelled_on = ''`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var ref, start, freq string
		var instalment, arrears int64
		if err := rows.Scan(&ref, &start, &freq, &instalment, &arrears); err != nil {
			return nil, err
		}
		if b := out[ref]; b != nil {
			b.Arrangement = &arrangement.Terms{Start: dateText(start), Frequency: arrangement.Frequency(freq),
				Instalment: domain.Pence(instalment), Arrears: domain.Pence(arrears)}
		}
	}
	return out, rows.Err()
}

// MandateAmount is what a mandate on the account collecting at frequency f
// would collect on date on: the charges then, and the live arrangement's
// instalment at that frequency.
func (s *Store) MandateAmount(ctx context.Context, ref string, f arrangement.Frequency, on domain.Date) (directdebit.CollectionAmount, error) {
	ref = s.Ref(ctx, ref)
	bases, err := amountBases(ctx, s.db, "a.ref = ?", ref)
	if err != nil {
		return directdebit.CollectionAmount{}, err
	}
	b, ok := bases[ref]
	if !ok {
		return directdebit.CollectionAmount{}, invalid("ref", "no account %s: check the payment reference", ref)
	}
	return b.AmountOn(f, on), nil
}

// MandateAmounts is what `caseload dd amounts` found and did.
type MandateAmounts struct {
	// Effective is the date the charges change.
	Effective domain.Date
	// Open is how many open mandates were planned again.
	Open int
	// Changes are the mandates whose amount changes, with their notices.
	Changes []directdebit.Recalculation
	// Late counts the changes whose notice could not be given in time.
	Late int
	// Written is false on a dry run (or when nothing changed).
	Written bool
}

// RecalculateMandates plans every open mandate again for charges changing
// on effective, with notice given today, and — unless dryRun — records in
// one write each new amount (from the first collection that has its
// notice), the advance notice as a letter on the account's timeline, and a
// dd-notice-late event where the notice could not be given in time for
// the first collection the change belongs to. A second run changes
// nothing.
func (s *Store) RecalculateMandates(ctx context.Context, effective, today domain.Date, dryRun bool) (MandateAmounts, error) {
	out := MandateAmounts{Effective: effective}
	pol := directdebit.DefaultPolicy()
	plan := func(q queryer) error {
		out.Changes, out.Open, out.Late = nil, 0, 0
		open := "m.state IN ('pending', 'live')"
		ms, err := readMandates(ctx, q, open)
		if err != nil {
			return err
		}
		bases, err := amountBases(ctx, q, "a.no IN (SELECT m.account FROM mandate m WHERE "+open+")")
		if err != nil {
			return err
		}
		// Oldest first, so the notices read in the order mandates were made.
		for i := len(ms) - 1; i >= 0; i-- {
			m := ms[i]
			b := bases[m.Ref]
			if b == nil {
				return errors.New("an open mandate's account cannot be read")
			}
			c, ok := pol.PlanAmount(m, *b, effective, today, s.holidays)
			if !ok {
				continue
			}
			out.Open++
			if !c.Changed() {
				continue
			}
			if !c.New.Total.IsPositive() {
				// No charge left to collect: the officer decides (cancel the
				// mandate); an amount of nothing is not a collection.
				continue
			}
			out.Changes = append(out.Changes, c)
			if c.Late {
				out.Late++
			}
		}
		return nil
	}
	if err := s.readTx(ctx, plan); err != nil || dryRun || len(out.Changes) == 0 {
		return out, err
	}
	err := s.write(ctx, "dd amounts", "", func(w *writer) error {
		if err := plan(w.tx); err != nil {
			return err
		}
		for _, c := range out.Changes {
			if err := w.recordRecalculation(c, effective, today, pol); err != nil {
				return err
			}
		}
		return nil
	})
	out.Written = err == nil && len(out.Changes) > 0
	return out, err
}

// recordRecalculation records a new amount inside a write: the amount from
// the first collection that has its notice, the advance notice as a letter
// on the account's timeline, and a dd-notice-late event when the notice
// could not be given in time for the first collection the change is for.
func (w *writer) recordRecalculation(c directdebit.Recalculation, effective, today domain.Date, pol directdebit.Policy) error {
	m := c.Mandate
	reason := directdebit.AmountReason(effective, c.New)
	if err := w.changeMandateAmount(m, c.New.Total, c.From.Due, today, reason); err != nil {
		return err
	}
	notice := c.Notice(directdebit.Collector, pol.NoticeWorkingDays)
	if _, err := w.add(entityNote, m.Ref, noteBody{Date: today.String(), Channel: string(domain.ChannelLetter), Text: notice}); err != nil {
		return err
	}
	if c.Late {
		_, err := w.add(entityEvent, m.Ref, eventBody{Date: today.String(), Type: string(domain.EventDDNoticeLate), Detail: c.LateWords()})
		return err
	}
	return nil
}

// BatchMandate is a mandate a load (the demo's seed) sets up as it was:
// made and lodged in the past, live, perhaps since cancelled, and perhaps
// planned again for a change of charges on Effective with notice given on
// RecalculatedOn.
type BatchMandate struct {
	Payer, SortCode, Account string
	Day                      int
	Frequency                arrangement.Frequency
	// First is the first collection; MadeOn the set-up, LiveOn when the
	// lodgement was accepted.
	First, MadeOn, LiveOn domain.Date
	// AmountOn is the date whose charges make the amount.
	AmountOn domain.Date
	// CancelledOn and CancelReason end it (zero: still live).
	CancelledOn  domain.Date
	CancelReason string
	// Effective and RecalculatedOn: `dd amounts --effective` run on a day.
	Effective, RecalculatedOn domain.Date
}

// Mandate writes a mandate on the account under the officer's name.
func (b *Batch) Mandate(officer, ref string, bm BatchMandate) error {
	w := b.w
	no, err := w.accountNo(ref)
	if err != nil {
		return err
	}
	bases, err := amountBases(w.ctx, w.tx, "a.no = ?", no)
	if err != nil {
		return err
	}
	basis := bases[ref]
	if basis == nil {
		return invalid("ref", "no account %s", ref)
	}
	have, err := readMandates(w.ctx, w.tx, "m.account = ?", no)
	if err != nil {
		return err
	}
	reference, err := directdebit.Reference(ref, len(have)+1)
	if err != nil {
		return err
	}
	amount := basis.AmountOn(bm.Frequency, bm.AmountOn).Total
	id, err := w.addBy(officer, entityMandate, ref, mandateBody{Reference: reference, Payer: bm.Payer, SortCode: bm.SortCode,
		Account: bm.Account, Day: bm.Day, Frequency: string(bm.Frequency), First: bm.First.String(), Amount: amount.PenceValue(),
		MadeOn: bm.MadeOn.String(), Modulus: directdebit.ModulusNotChecked})
	if err != nil {
		return err
	}
	step := func(to directdebit.State, on domain.Date, reason string) error {
		ms, err := readMandates(w.ctx, w.tx, "m.id = ?", id)
		if err != nil || len(ms) != 1 {
			return errors.Join(err, errors.New("the mandate cannot be read back"))
		}
		if err := ms[0].State.MoveTo(to); err != nil {
			return err
		}
		_, err = w.addBy(officer, entityMandateEvent, ref, mandateEventBody{Mandate: id, Kind: string(directdebit.Moved),
			Date: on.String(), State: string(to), Reason: reason})
		return err
	}
	if err := step(directdebit.Live, bm.LiveOn, directdebit.ReasonLodged); err != nil {
		return err
	}
	if !bm.CancelledOn.IsZero() {
		return step(directdebit.Cancelled, bm.CancelledOn, bm.CancelReason)
	}
	if bm.Effective.IsZero() {
		return nil
	}
	ms, err := readMandates(w.ctx, w.tx, "m.id = ?", id)
	if err != nil || len(ms) != 1 {
		return errors.Join(err, errors.New("the mandate cannot be read back"))
	}
	pol := directdebit.DefaultPolicy()
	c, ok := pol.PlanAmount(ms[0], *basis, bm.Effective, bm.RecalculatedOn, w.s.holidays)
	if !ok || !c.Changed() || !c.New.Total.IsPositive() {
		return nil
	}
	return w.recordRecalculation(c, bm.Effective, bm.RecalculatedOn, pol)
}
