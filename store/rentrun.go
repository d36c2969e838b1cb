package store

import (
	"context"
	"fmt"

	"caseload/domain"
)

// RentRunSummary says what a weekly rent run posted.
type RentRunSummary struct {
	Week        domain.Date // the Monday of the rent week
	Posted      int
	Total       domain.Money
	ProRated    int // accounts that started or ended inside the week
	AlreadyRun  int // accounts already charged for the week (the run is idempotent)
	RentFree    int // accounts in a rent-free week
	NoCharge    int // accounts with no weekly charge (e.g. former-tenant debts)
	NotInPeriod int // accounts that ended before or start after the week
}

// runAccount is what the rent run needs of one account.
type runAccount struct {
	no            int64
	ref           string
	start, end    domain.Date
	rentFreeWeeks int
	charges       []domain.ChargeComponent
}

// RentRun debits every account's weekly charge for the rent week containing
// week. The rule (domain.WeekCharge): nothing in a rent-free week; a whole
// week is the weekly charge in force on its first live day; a week the
// account starts or ends inside is charged for its days in the tenancy,
// weekly × days ÷ 7, rounded half-up to the penny. Each account is charged
// at most once per week, so running it twice posts nothing the second time.
func (s *Store) RentRun(ctx context.Context, week domain.Date) (RentRunSummary, error) {
	monday := domain.RentWeekStart(week)
	sunday := monday.AddDays(6)
	sum := RentRunSummary{Week: monday, Total: domain.Zero}
	err := s.write(ctx, "rent run "+monday.String(), "", func(w *writer) error {
		accounts, err := runAccounts(w, monday, sunday, &sum)
		if err != nil {
			return err
		}
		for _, a := range accounts {
			amount, days := domain.WeekCharge(a.charges, monday, a.start, a.end, a.rentFreeWeeks)
			switch {
			case domain.IsRentFreeWeek(monday, a.rentFreeWeeks):
				sum.RentFree++
				continue
			case days == 0:
				sum.NotInPeriod++
				continue
			case amount.IsZero():
				sum.NoCharge++
				continue
			}
			date := monday
			if a.start.After(monday) {
				date = a.start
			}
			if days < 7 {
				sum.ProRated++
			}
			body := txnBody{Date: date.String(), Type: string(domain.TxnCharge), Amount: amount.PenceValue(), RunWeek: monday.String(),
				Note: fmt.Sprintf("rent week %d of %s", domain.RentYearOf(monday).WeekNumber(monday), domain.RentYearOf(monday).Label())}
			if days < 7 {
				body.Note += fmt.Sprintf(", %d of 7 days", days)
			}
			if _, err := w.addTxn(a.ref, a.no, body); err != nil {
				return err
			}
			sum.Posted++
			sum.Total = sum.Total.Add(amount)
		}
		return nil
	})
	return sum, err
}

// runAccounts loads, in three set-based queries, the accounts live in the
// week that have not been charged for it, with their charges.
func runAccounts(w *writer, monday, sunday domain.Date, sum *RentRunSummary) ([]runAccount, error) {
	done := map[int64]bool{}
	rows, err := w.tx.QueryContext(w.ctx, "SELECT DISTINCT account FROM txn WHERE run_week = ?", monday.String())
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var no int64
		if err := rows.Scan(&no); err != nil {
			rows.Close()
			return nil, err
		}
		done[no] = true
	}
	rows.Close()
	rows, err = w.tx.QueryContext(w.ctx, `SELECT no, ref, start_date, end_date, rent_free_weeks FROM account
		WHERE start_date <= ? AND (end_date = '' OR end_date >= ?) ORDER BY ref`, sunday.String(), monday.String())
	if err != nil {
		return nil, err
	}
	var out []runAccount
	index := map[int64]int{}
	for rows.Next() {
		var a runAccount
		var start, end string
		if err := rows.Scan(&a.no, &a.ref, &start, &end, &a.rentFreeWeeks); err != nil {
			rows.Close()
			return nil, err
		}
		if done[a.no] {
			sum.AlreadyRun++
			continue
		}
		a.start, a.end = dateText(start), dateText(end)
		index[a.no] = len(out)
		out = append(out, a)
	}
	rows.Close()
	rows, err = w.tx.QueryContext(w.ctx, "SELECT account, component, weekly, from_date FROM charge WHERE from_date <= ? ORDER BY account, from_date, no", sunday.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var no, weekly int64
		var c domain.ChargeComponent
		var from string
		if err := rows.Scan(&no, &c.Component, &weekly, &from); err != nil {
			return nil, err
		}
		if i, ok := index[no]; ok {
			c.Weekly, c.From = domain.Pence(weekly), dateText(from)
			out[i].charges = append(out[i].charges, c)
		}
	}
	return out, rows.Err()
}
