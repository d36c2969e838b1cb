package store

import (
	"context"

	"caseload/domain"
	"caseload/domain/enforcement"
	"caseload/domain/worklist"
)

// Enforcement reads one account's enforcement case on today (the account,
// its case events with who recorded them, and its worklist facts settled
// under p, in one read) and hands it to the domain to assemble: the TUI's
// enforcement pane and `caseload enforcement` show the same view.
func (s *Store) Enforcement(ctx context.Context, ref string, today domain.Date, p worklist.Policy) (enforcement.View, error) {
	ref = s.Ref(ctx, ref)
	p.Holidays = s.holidays // the gate counts working days with this database's bank holidays
	var c enforcement.Case
	err := s.readTx(ctx, func(q queryer) error {
		a, err := s.accountIn(ctx, q, ref)
		if err != nil {
			return err
		}
		c.Ref, c.Name, c.Stage, c.StageDate = a.Ref, a.Name, a.Stage, a.StageDate
		evs, err := eventsIn(ctx, q, ref)
		if err != nil {
			return err
		}
		for _, e := range evs {
			c.Steps = append(c.Steps, enforcement.Step{Date: e.Date, Type: e.Type, Officer: e.Officer, Detail: e.Detail,
				Outcome: e.Outcome, Terms: e.TermsText, PossessionDate: e.Terms.PossessionDate})
		}
		fs, err := worklistFactsWhere(ctx, q, s.holidays, "a.ref = ?", []any{ref}, today, p, false)
		if err != nil {
			return err
		}
		if len(fs) != 1 {
			return invalid("ref", "no account %s: check the payment reference", ref)
		}
		c.Facts = fs[0]
		return nil
	})
	if err != nil {
		return enforcement.View{}, err
	}
	return enforcement.Read(c, today, p), nil
}
