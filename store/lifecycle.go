package store

import (
	"context"
	"fmt"

	"caseload/domain"
)

// Account lifecycle: ending a tenancy and adding or cancelling the extra
// services charged with the rent, each with the matching adjustment for
// rent weeks already charged.

// Terminated says what ending a tenancy did.
type Terminated struct {
	Adjustment domain.Money // the final pro-rated adjustment in total (negative: a credit)
	Weeks      int          // the rent weeks it re-figured (one adjustment line each)
	Balance    domain.Money
	Kind       domain.AccountKind // the account's kind after (rent becomes former-tenant)
}

// Terminate ends an account's tenancy on end: the weeks already charged from
// the week containing end are re-figured with the end date (a part week
// pro-rated, later weeks not charged) and each week's difference is posted
// as an adjustment for that rent week; the account becomes former (a rent
// or temporary account becomes a former-tenant account). A week containing
// end that the rent run has not reached yet is pro-rated by the run itself.
func (s *Store) Terminate(ctx context.Context, ref string, end domain.Date, today domain.Date) (Terminated, error) {
	ref = s.Ref(ctx, ref)
	var out Terminated
	if end.IsZero() {
		return out, invalid("end", "give the date the tenancy ended (--end YYYY-MM-DD)")
	}
	err := s.write(ctx, "terminate", ref, func(w *writer) error {
		a, err := w.s.accountIn(w.ctx, w.tx, ref)
		if err != nil {
			return err
		}
		if a.Status == domain.StatusFormer {
			return invalid("ref", "%s already ended on %s", ref, a.End)
		}
		if end.Before(a.Start) {
			return invalid("end", "%s is before the tenancy started (%s)", end, a.Start)
		}
		if end.After(today.AddDays(56)) {
			return invalid("end", "%s is more than 8 weeks ahead: record the end nearer the date", end)
		}
		adj, weeks, err := w.recharge(a, a.Charges, end, domain.RentWeekStart(end), fmt.Sprintf("final adjustment: tenancy ended %s", end.Human()), domain.MinDate(end, today))
		if err != nil {
			return err
		}
		out.Adjustment, out.Weeks, out.Kind = adj, weeks, a.Kind
		if err := w.set(entityAccount, ref, ref, "end_date", end.String()); err != nil {
			return err
		}
		if err := w.set(entityAccount, ref, ref, "status", string(domain.StatusFormer)); err != nil {
			return err
		}
		if a.Kind == domain.KindRent || a.Kind == domain.KindTemporary {
			if err := w.set(entityAccount, ref, ref, "kind", string(domain.KindFormerTenant)); err != nil {
				return err
			}
			out.Kind = domain.KindFormerTenant
		}
		return nil
	})
	if err != nil {
		return out, err
	}
	a, err := s.Account(ctx, ref)
	out.Balance = a.Balance
	return out, err
}

// Services are the extra services charged with the rent.
var Services = []string{"insurance", "care", "garden"}

// SetService adds (weekly > 0) or cancels (weekly = 0) an extra service from
// a date; weeks already charged from then are re-figured and each week's
// difference posted as an adjustment. It returns the total adjustment.
// As in the rent run, a week is charged at the rate in force on its first
// day: a service from a Wednesday starts with the next Monday's debit.
func (s *Store) SetService(ctx context.Context, ref, component string, weekly domain.Money, from, today domain.Date) (domain.Money, error) {
	ref = s.Ref(ctx, ref)
	ok := false
	for _, c := range Services {
		ok = ok || c == component
	}
	if !ok {
		return domain.Zero, invalid("service", "%q is not insurance, care or garden", component)
	}
	if weekly.IsNegative() {
		return domain.Zero, invalid("weekly", "must not be negative")
	}
	if from.IsZero() {
		return domain.Zero, invalid("from", "give the date the service starts or stops (--from YYYY-MM-DD)")
	}
	if from.Before(today.AddDays(-365)) {
		return domain.Zero, invalid("from", "%s is more than a year ago", from)
	}
	var adj domain.Money
	err := s.write(ctx, "service "+component, ref, func(w *writer) error {
		a, err := w.s.accountIn(w.ctx, w.tx, ref)
		if err != nil {
			return err
		}
		if a.Status == domain.StatusFormer {
			return invalid("ref", "%s has ended: services cannot change", ref)
		}
		if from.Before(a.Start) {
			return invalid("from", "%s is before the tenancy started (%s)", from, a.Start)
		}
		current := domain.Zero
		for _, c := range domain.ChargesOn(a.Charges, from) {
			if c.Component == component {
				current = c.Weekly
			}
		}
		if current.Equal(weekly) {
			return invalid("weekly", "%s is already %s a week from %s", domain.ComponentLabel(component), weekly.Human(), from)
		}
		if _, err := w.add(entityCharge, ref, chargeBody{Component: component, Weekly: weekly.PenceValue(), From: from.String()}); err != nil {
			return err
		}
		charges := append(append([]domain.ChargeComponent{}, a.Charges...), domain.ChargeComponent{Component: component, Weekly: weekly, From: from})
		verb := "added"
		if weekly.IsZero() {
			verb = "cancelled"
		}
		adj, _, err = w.recharge(a, charges, a.End, domain.RentWeekStart(from),
			fmt.Sprintf("%s %s from %s", domain.ComponentLabel(component), verb, from.Human()), today)
		return err
	})
	return adj, err
}

// recharge re-figures the rent-run weeks already charged from the week of
// since with the given charges and end date, and posts the difference for
// each week that changes as an adjustment dated on, carrying that rent
// week. It returns the total adjustment (zero when none) and the number of
// weeks adjusted.
//
// What a week "was charged" is everything carrying its rent week: the rent
// run's debit, a reversal of it, and earlier adjustments of this kind. So
// a second change (a service added, then cancelled from a later date; a
// week reversed by hand, then the tenancy ended) re-figures from what
// actually stands, never from the original debit alone — one adjustment
// for several weeks could not say which weeks it covered.
func (w *writer) recharge(a Account, charges []domain.ChargeComponent, end, since domain.Date, note string, on domain.Date) (domain.Money, int, error) {
	no, err := w.accountNo(a.Ref)
	if err != nil {
		return domain.Zero, 0, err
	}
	rows, err := w.tx.QueryContext(w.ctx, `SELECT run_week, sum(amount) FROM txn WHERE account = ? AND run_week >= ? AND run_week <> '' AND void = 0
		GROUP BY run_week ORDER BY run_week`, no, since.String())
	if err != nil {
		return domain.Zero, 0, err
	}
	type weekDiff struct {
		week domain.Date
		diff domain.Money
	}
	var diffs []weekDiff
	total := domain.Zero
	for rows.Next() {
		var week string
		var charged int64
		if err := rows.Scan(&week, &charged); err != nil {
			rows.Close()
			return domain.Zero, 0, err
		}
		monday := dateText(week)
		want, _ := domain.WeekCharge(charges, monday, a.Start, end, a.RentFreeWeeks)
		if d := want.Sub(domain.Pence(charged)); !d.IsZero() {
			diffs = append(diffs, weekDiff{monday, d})
			total = total.Add(d)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return domain.Zero, 0, err
	}
	for _, d := range diffs {
		body := txnBody{Date: on.String(), Type: string(domain.TxnAdjustment), Amount: d.diff.PenceValue(), RunWeek: d.week.String(),
			Note: note + " (" + domain.RentWeekWords(d.week) + ")"}
		if _, err := w.addTxn(a.Ref, no, body); err != nil {
			return domain.Zero, 0, err
		}
	}
	return total, len(diffs), nil
}
