package store

import (
	"context"
	"database/sql"

	"caseload/domain"
)

// CaseSummaries are at most limit accounts of a patch (officer "" = the
// whole borough) — the first by account number, shown in ref order — as
// far as the account row and its summary tell them, without the worklist: ref, name,
// kind, status, balance, arrears in weeks of the weekly charge in force
// today, address and postcode — every figure exactly as Caseload gives it
// — none on the list (OnList false, no items); and how many accounts the
// patch holds. It reads an index and limit rows of each table, however big
// the patch: what a first screen shows while Caseload, which reads every
// account's payments, events and arrangements for the worklist rules, is
// still running.
func (s *Store) CaseSummaries(ctx context.Context, officer string, today domain.Date, limit int) (lines []CaseLine, total int, err error) {
	where, args := patchFilter(officer)
	err = s.readTx(ctx, func(q queryer) error {
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM account a WHERE `+where, args...).Scan(&total); err != nil {
			return err
		}
		lines = make([]CaseLine, 0, min(limit, total))
		// The window is chosen in the order of the patch's index (account
		// number), so only its rows are read: choosing the first by ref
		// would read every account of the patch, scattered over a big
		// file, to sort them.
		return eachRow(ctx, q, `SELECT a.ref, r.name, a.kind, a.status, a.balance, p.address, p.postcode,
			s.account IS NOT NULL, COALESCE(s.charges, x'')
			FROM (SELECT a.no, a.ref, a.resident, a.property, a.kind, a.status, a.balance FROM account a
				WHERE `+where+` ORDER BY a.no LIMIT ?) a
			JOIN resident r ON r.no = a.resident JOIN property p ON p.no = a.property
			LEFT JOIN account_summary s ON s.account = a.no
			ORDER BY a.ref`, append(args, limit), func(rows *sql.Rows) error {
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
			lines = append(lines, l)
			return nil
		})
	})
	if err != nil {
		return nil, 0, err
	}
	return lines, total, nil
}
