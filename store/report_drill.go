package store

// The Reports pane's drill-down: the accounts behind a figure, read in
// one query whatever their number (a borough's arrears are thousands).

import (
	"context"
	"database/sql"
	"encoding/json"

	"caseload/domain"
	"caseload/domain/report"
)

// ReportAccount is one account behind a report's figure, as it stands
// now: who it is, whose patch, what it owes and when it was last paid.
type ReportAccount struct {
	Ref, Name, Officer string
	Status             domain.AccountStatus
	Balance            domain.Money
	// LastPayment is the date of the last payment (zero: never paid).
	LastPayment domain.Date
}

// ReportAccounts reads the accounts with the given payment references
// (the refs a report's measure lists), largest balance first; a reference
// no account has is left out.
func (s *Store) ReportAccounts(ctx context.Context, refs []string) ([]ReportAccount, error) {
	if len(refs) == 0 {
		return nil, nil
	}
	list, err := json.Marshal(refs)
	if err != nil {
		return nil, err
	}
	var out []ReportAccount
	err = eachRow(ctx, s.db, `SELECT a.ref, r.name, a.officer, a.status, a.balance, a.last_payment
		FROM account a JOIN resident r ON r.no = a.resident
		WHERE a.ref IN (SELECT value FROM json_each(?))
		ORDER BY a.balance DESC, a.ref`, []any{string(list)}, func(rows *sql.Rows) error {
		var a ReportAccount
		var status, last string
		var balance int64
		if err := rows.Scan(&a.Ref, &a.Name, &a.Officer, &status, &balance, &last); err != nil {
			return err
		}
		a.Status, a.Balance, a.LastPayment = domain.AccountStatus(status), domain.Pence(balance), dateText(last)
		out = append(out, a)
		return nil
	})
	return out, err
}

// ReportEventAccounts are the payment references of the scope's accounts
// with an event of one of the types dated in the period (the accounts
// behind a count of NOSPs served, claims, orders…), in reference order.
func (s *Store) ReportEventAccounts(ctx context.Context, scope report.Scope, p report.Period, types []domain.EventType) ([]string, error) {
	list, err := json.Marshal(types)
	if err != nil {
		return nil, err
	}
	where, args := scopeFilter(scope)
	var refs []string
	err = eachRow(ctx, s.db, `SELECT DISTINCT a.ref FROM account a JOIN event e ON e.account = a.no
		WHERE `+where+` AND e.date >= ? AND e.date <= ? AND e.type IN (SELECT value FROM json_each(?))
		ORDER BY a.ref`, append(args, p.From.String(), p.To.String(), string(list)), func(rows *sql.Rows) error {
		var ref string
		if err := rows.Scan(&ref); err != nil {
			return err
		}
		refs = append(refs, ref)
		return nil
	})
	return refs, err
}

// ReportOfficers are the officers with accounts, in order: whose patch,
// or which team, the Reports pane offers.
func (s *Store) ReportOfficers(ctx context.Context) ([]string, error) {
	var out []string
	err := eachRow(ctx, s.db, `SELECT DISTINCT officer FROM account WHERE officer <> '' ORDER BY officer`, nil, func(rows *sql.Rows) error {
		var o string
		if err := rows.Scan(&o); err != nil {
			return err
		}
		out = append(out, o)
		return nil
	})
	return out, err
}
