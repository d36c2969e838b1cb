package store

import (
	"context"

	"caseload/domain"
)

// Statement is a statement of account for a period: fit to hand to a
// resident or to a court.
type Statement struct {
	Account Account
	From    domain.Date
	To      domain.Date
	Opening domain.Money
	Lines   []LedgerLine // each with the running balance from Opening
	Closing domain.Money
	// Weekly is the weekly charge on To (or on the tenancy's last day when
	// it ended earlier); Weeks is Closing in weeks of Weekly
	// (domain.ArrearsWeeks: zero when not in arrears), nil when the weekly
	// charge is zero.
	Weekly domain.Money
	Weeks  *domain.Weeks
}

// Statement reads an account's statement from one date to another,
// inclusive.
func (s *Store) Statement(ctx context.Context, ref string, from, to domain.Date) (Statement, error) {
	ref = s.Ref(ctx, ref)
	var st Statement
	if from.IsZero() || to.IsZero() {
		return st, invalid("from", "give both --from and --to dates")
	}
	if to.Before(from) {
		return st, invalid("to", "%s is before --from %s", to, from)
	}
	a, err := s.Account(ctx, ref)
	if err != nil {
		return st, err
	}
	lines, err := s.Ledger(ctx, ref)
	if err != nil {
		return st, err
	}
	st.Account, st.From, st.To = a, from, to
	st.Opening, st.Closing = domain.Zero, domain.Zero
	for _, l := range lines {
		switch {
		case l.Date.Before(from):
			st.Opening = l.Balance
			st.Closing = l.Balance
		case !l.Date.After(to):
			st.Lines = append(st.Lines, l)
			st.Closing = l.Balance
		}
	}
	// Arrears in weeks are weeks of the charge the resident was paying: for
	// a tenancy that ended before the period's end, the charge on its last
	// day (charge components are not closed when a tenancy ends).
	on := to
	if !a.End.IsZero() && a.End.Before(to) {
		on = a.End
	}
	st.Weekly = a.WeeklyCharge(on)
	if w, ok := domain.ArrearsWeeks(st.Closing, st.Weekly); ok {
		st.Weeks = &w
	}
	return st, nil
}
