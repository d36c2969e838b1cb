package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"caseload/domain"
)

// CaseSummaries are the accounts of a patch (officer "" = the whole
// borough) as far as the account row and its summary tell them, without
// the worklist: ref, name, kind, status, balance, arrears in weeks of the
// weekly charge in force today, address and postcode — every figure
// exactly as Caseload gives it — in ref order, none on the list (OnList
// false, no items). It is one indexed read of one row per account: what a
// screen shows while Caseload, which also reads the payments, events and
// arrangements the worklist rules judge, is still running.
func (s *Store) CaseSummaries(ctx context.Context, officer string, today domain.Date) ([]CaseLine, error) {
	where, args := patchFilter(officer)
	var out []CaseLine
	err := s.readTx(ctx, func(q queryer) error {
		// A line is a few hundred bytes: the slice is made to size once
		// rather than grown (and copied) a row at a time.
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM account a WHERE `+where, args...).Scan(&n); err != nil {
			return err
		}
		out = make([]CaseLine, 0, n)
		return eachRow(ctx, q, `SELECT a.ref, r.name, a.kind, a.status, a.balance, p.address, p.postcode,
			s.account IS NOT NULL, COALESCE(s.charges, x'')
			FROM account a JOIN resident r ON r.no = a.resident JOIN property p ON p.no = a.property
			LEFT JOIN account_summary s ON s.account = a.no
			WHERE `+where, args, func(rows *sql.Rows) error {
			var l CaseLine
			var kind, status string
			var balance int64
			var summarised bool
			var charges sql.RawBytes // decoded before the next row
			if err := rows.Scan(&l.Ref, &l.Name, &kind, &status, &balance, &l.Address, &l.Postcode, &summarised, &charges); err != nil {
				return err
			}
			shown(&l.Ref, &l.Name, &l.Address, &l.Postcode)
			l.Kind, l.Status, l.Balance = domain.AccountKind(kind), domain.AccountStatus(status), domain.Pence(balance)
			if summarised {
				// Without a summary the charge is not known here: the
				// weeks are left out rather than guessed.
				cs, err := decodeCharges(charges)
				if err != nil {
					return err
				}
				l.Weekly = domain.WeeklyCharge(cs, today)
				l.Weeks, l.WeeksKnown = domain.ArrearsWeeks(l.Balance, l.Weekly)
			}
			out = append(out, l)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	// In ref order, sorted here rather than by ORDER BY, which copies every
	// row, blob and all, through a temporary b-tree (SQLite's BINARY order
	// of the refs is Go's byte order); the lines are moved once, not at
	// every swap.
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(out[a].Ref, out[b].Ref) })
	sorted := make([]CaseLine, len(out))
	for i, j := range order {
		sorted[i] = out[j]
	}
	return sorted, nil
}
