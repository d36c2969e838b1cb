package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/bacs"
	"caseload/domain/directdebit"
)

// Direct Debit mandates: setting one up on an account (which replaces the
// account's open one), moving it between states with a reason, changing
// its amount or bank details, and reading mandates with their history. The
// states, their rules and words are the domain's (directdebit); the store
// keeps the facts and folds them.

// Mandate is a Direct Debit mandate with its history (directdebit.Mandate).
type Mandate = directdebit.Mandate

// NewMandate is what setting up a mandate needs. SortCode and Account are
// as typed ("12-34-56"); they are standardised and modulus checked.
type NewMandate struct {
	Ref       string
	Payer     string
	SortCode  string
	Account   string
	Day       int
	Frequency arrangement.Frequency
	// Amount is the amount of each collection; zero means the amount the
	// account's charges and live arrangement make (MandateAmount).
	Amount domain.Money
	// Paper: the council holds the payer's signed paper instruction; the
	// AUDDIS file converts it (0S) instead of lodging a new one (0N).
	Paper bool
}

// MandateSetUp is what setting up a mandate did.
type MandateSetUp struct {
	Mandate Mandate
	// Check is the modulus check; CannotCheck did not block.
	Check bacs.CheckResult
	// Replaced is the open mandate the new one replaced, if any.
	Replaced *Mandate
}

// SetUpMandate sets up a Direct Debit mandate on the account, pending
// lodgement, with its first collection the first date on its day that
// leaves time for lodgement and advance notice. It refuses an unknown or
// ended account, a payer name that is empty or unclean, bank details that are
// malformed or fail the modulus check (a check that cannot run does not
// block), a day or frequency the policy does not offer and an amount that
// is not positive. An open mandate on the account is cancelled by it, in
// the same write. Nothing is written on a refusal.
func (s *Store) SetUpMandate(ctx context.Context, n NewMandate, today domain.Date) (MandateSetUp, error) {
	var out MandateSetUp
	n.Ref = s.Ref(ctx, n.Ref)
	payer, _, err := directdebit.TextPayer.Clean(n.Payer)
	if err != nil {
		return out, err
	}
	if payer == "" {
		return out, invalid("payer", "give the account holder's name")
	}
	pol := directdebit.DefaultPolicy()
	if err := pol.CheckDay(n.Day); err != nil {
		return out, err
	}
	if _, err := directdebit.ParseFrequency(string(n.Frequency)); err != nil {
		return out, err
	}
	out.Check, err = s.ModulusCheck(n.SortCode, n.Account)
	if err != nil {
		return out, err
	}
	if out.Check.Blocks() {
		return out, invalid("account number", "%s: check the sort code and account number with the payer", out.Check.Reason)
	}
	if n.Amount.Sign() < 0 {
		return out, invalid("amount", "must be more than zero")
	}
	err = s.write(ctx, "dd set", n.Ref, func(w *writer) error {
		no, err := w.accountNo(n.Ref)
		if err != nil {
			return err
		}
		a, err := w.s.accountIn(w.ctx, w.tx, n.Ref)
		if err != nil {
			return err
		}
		if a.Status == domain.StatusFormer {
			return invalid("ref", "%s has ended: a Direct Debit cannot be set up on it", n.Ref)
		}
		first := pol.FirstCollection(n.Day, today, s.Holidays())
		amount := n.Amount
		if amount.IsZero() {
			bases, err := amountBases(w.ctx, w.tx, "a.no = ?", no)
			if err != nil {
				return err
			}
			if b := bases[n.Ref]; b != nil {
				amount = b.AmountOn(n.Frequency, first).Total
			}
		}
		if !amount.IsPositive() {
			return invalid("amount", "the account's charges make nothing to collect: give the amount of each collection")
		}
		have, err := readMandates(w.ctx, w.tx, "m.account = ?", no)
		if err != nil {
			return err
		}
		ref, err := directdebit.Reference(n.Ref, len(have)+1)
		if err != nil {
			return err
		}
		var used int
		if err := w.queryRow("SELECT count(*) FROM mandate WHERE reference = ?", ref).Scan(&used); err != nil {
			return err
		}
		if used > 0 {
			return invalid("reference", "the Bacs reference %s is already in use", ref)
		}
		id, err := w.add(entityMandate, n.Ref, mandateBody{
			Reference: ref, Payer: payer, SortCode: out.Check.SortCode, Account: out.Check.Account,
			Day: n.Day, Frequency: string(n.Frequency), First: first.String(), Amount: amount.PenceValue(),
			MadeOn: today.String(), Modulus: out.Check.Outcome.String(), Paper: n.Paper,
		})
		if err != nil {
			return err
		}
		for i := range have {
			if have[i].State.Open() {
				old := have[i]
				out.Replaced = &old
				if err := w.moveMandate(old, directdebit.Cancelled, today, directdebit.ReplacedBy(ref)); err != nil {
					return err
				}
			}
		}
		ms, err := readMandates(w.ctx, w.tx, "m.id = ?", id)
		if err != nil || len(ms) != 1 {
			return errors.Join(err, errors.New("the new mandate cannot be read back"))
		}
		out.Mandate = ms[0]
		return nil
	})
	return out, err
}

// MoveMandate moves a mandate (by id or Bacs reference) to a state on a
// date with a reason: pending → live, back to pending, cancelled or
// expired (directdebit.State.MoveTo). It refuses an unknown mandate, a move
// the state does not allow and an empty reason.
func (s *Store) MoveMandate(ctx context.Context, idOrReference string, to directdebit.State, on domain.Date, reason string) (Mandate, error) {
	reason, _, err := domain.TextReason.Clean(reason)
	if err != nil {
		return Mandate{}, err
	}
	if reason == "" {
		return Mandate{}, invalid("reason", "say why the mandate is %s", to.Words())
	}
	m, err := s.Mandate(ctx, idOrReference)
	if err != nil {
		return Mandate{}, err
	}
	err = s.write(ctx, "dd "+string(to), m.Ref, func(w *writer) error {
		ms, err := readMandates(w.ctx, w.tx, "m.id = ?", m.ID)
		if err != nil || len(ms) != 1 {
			return errors.Join(err, errors.New("the mandate cannot be read"))
		}
		if err := w.moveMandate(ms[0], to, on, reason); err != nil {
			return err
		}
		ms, err = readMandates(w.ctx, w.tx, "m.id = ?", m.ID)
		if err == nil && len(ms) == 1 {
			m = ms[0]
		}
		return err
	})
	return m, err
}

// CancelMandate cancels a mandate today with a reason.
func (s *Store) CancelMandate(ctx context.Context, idOrReference, reason string, today domain.Date) (Mandate, error) {
	return s.MoveMandate(ctx, idOrReference, directdebit.Cancelled, today, reason)
}

// moveMandate records a state change inside a write (imports of Bacs
// advices use it too); it refuses a move the state does not allow.
func (w *writer) moveMandate(m Mandate, to directdebit.State, on domain.Date, reason string) error {
	if err := m.State.MoveTo(to); err != nil {
		return err
	}
	_, err := w.add(entityMandateEvent, m.Ref, mandateEventBody{
		Mandate: m.ID, Kind: string(directdebit.Moved), Date: on.String(), State: string(to), Reason: reason,
	})
	return err
}

// changeMandateAmount records a new amount collected from effective,
// inside a write, with the reason (the change of charges).
func (w *writer) changeMandateAmount(m Mandate, amount domain.Money, effective, on domain.Date, reason string) error {
	if !amount.IsPositive() {
		return invalid("amount", "must be more than zero")
	}
	_, err := w.add(entityMandateEvent, m.Ref, mandateEventBody{
		Mandate: m.ID, Kind: string(directdebit.Amount), Date: on.String(), Amount: amount.PenceValue(),
		Effective: effective.String(), Reason: reason,
	})
	return err
}

// changeMandateDetails records new bank details (standardised) or payer
// name inside a write (an ADDACS account change); empty ones are unchanged.
func (w *writer) changeMandateDetails(m Mandate, payer, sortCode, account string, on domain.Date, reason string) error {
	if sortCode != "" || account != "" {
		sc, acc, err := bacs.Standardise(sortCode, account)
		if err != nil {
			return err
		}
		sortCode, account = sc, acc
	}
	_, err := w.add(entityMandateEvent, m.Ref, mandateEventBody{
		Mandate: m.ID, Kind: string(directdebit.Details), Date: on.String(), Payer: payer,
		SortCode: sortCode, Account: account, Reason: reason,
	})
	return err
}

// ChangeMandateDetails records new bank details or a new payer name on a
// mandate (by id or Bacs reference), with the reason.
func (s *Store) ChangeMandateDetails(ctx context.Context, idOrReference, payer, sortCode, account string, on domain.Date, reason string) (Mandate, error) {
	reason, _, err := domain.TextReason.Clean(reason)
	if err != nil {
		return Mandate{}, err
	}
	payer, _, err = directdebit.TextPayer.Clean(payer)
	if err != nil {
		return Mandate{}, err
	}
	m, err := s.Mandate(ctx, idOrReference)
	if err != nil {
		return Mandate{}, err
	}
	if payer == "" && sortCode == "" && account == "" {
		return Mandate{}, invalid("details", "give a new payer name or new bank details")
	}
	err = s.write(ctx, "dd details", m.Ref, func(w *writer) error {
		if err := w.changeMandateDetails(m, payer, sortCode, account, on, reason); err != nil {
			return err
		}
		ms, err := readMandates(w.ctx, w.tx, "m.id = ?", m.ID)
		if err == nil && len(ms) == 1 {
			m = ms[0]
		}
		return err
	})
	return m, err
}

// Mandate reads one mandate, by id or by Bacs reference.
func (s *Store) Mandate(ctx context.Context, idOrReference string) (Mandate, error) {
	key := strings.TrimSpace(idOrReference)
	ms, err := readMandates(ctx, s.db, "m.id = ? OR m.reference = ?", key, strings.ToUpper(key))
	if err != nil {
		return Mandate{}, err
	}
	if len(ms) == 0 {
		return Mandate{}, invalid("mandate", "no mandate %s: `caseload dd show REF` lists an account's mandates", key)
	}
	// A reference made twice offline: the newest mandate is the one meant.
	return ms[0], nil
}

// AccountMandates are an account's mandates, newest first.
func (s *Store) AccountMandates(ctx context.Context, ref string) ([]Mandate, error) {
	ref = s.Ref(ctx, ref)
	var no int64
	err := s.db.QueryRowContext(ctx, "SELECT no FROM account WHERE ref = ?", ref).Scan(&no)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, invalid("ref", "no account %s: check the payment reference", ref)
	}
	if err != nil {
		return nil, err
	}
	return readMandates(ctx, s.db, "m.account = ?", no)
}

// Mandates are every mandate in one of the states given (all when none),
// newest first: two queries for the whole caseload.
func (s *Store) Mandates(ctx context.Context, states ...directdebit.State) ([]Mandate, error) {
	if len(states) == 0 {
		return readMandates(ctx, s.db, "1 = 1")
	}
	marks := make([]string, len(states))
	args := make([]any, len(states))
	for i, st := range states {
		marks[i], args[i] = "?", string(st)
	}
	return readMandates(ctx, s.db, "m.state IN ("+strings.Join(marks, ", ")+")", args...)
}

// readMandates reads the mandates matching where (over mandate m) with
// their events, folded; newest first.
func readMandates(ctx context.Context, q queryer, where string, args ...any) ([]Mandate, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.no, m.id, a.ref, m.reference, m.day, m.frequency, m.first_date, m.made_on, m.modulus,
		m.paper FROM mandate m JOIN account a ON a.no = m.account WHERE `+where+` ORDER BY m.hlc DESC, m.no DESC`, args...)
	if err != nil {
		return nil, err
	}
	var out []Mandate
	index := map[int64]int{}
	for rows.Next() {
		var m Mandate
		var no int64
		var freq, first, made string
		if err := rows.Scan(&no, &m.ID, &m.Ref, &m.Reference, &m.Day, &freq, &first, &made, &m.Modulus, &m.Paper); err != nil {
			rows.Close()
			return nil, err
		}
		m.Frequency, m.First, m.MadeOn = arrangement.Frequency(freq), dateText(first), dateText(made)
		index[no] = len(out)
		out = append(out, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	events := make([][]directdebit.Event, len(out))
	erows, err := q.QueryContext(ctx, `SELECT e.mandate, e.id, e.kind, e.date, e.state, e.amount, e.effective, e.payer, e.sort_code,
		e.account_number, e.reason, e.officer, e.hlc FROM mandate_event e
		WHERE e.mandate IN (SELECT m.no FROM mandate m JOIN account a ON a.no = m.account WHERE `+where+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer erows.Close()
	for erows.Next() {
		var e directdebit.Event
		var mno, amount int64
		var kind, date, state, effective string
		if err := erows.Scan(&mno, &e.ID, &kind, &date, &state, &amount, &effective, &e.Payer, &e.SortCode, &e.Account,
			&e.Reason, &e.Officer, &e.HLC); err != nil {
			return nil, err
		}
		shown(&e.Payer, &e.Reason, &e.Officer)
		e.Kind, e.Date, e.State = directdebit.EventKind(kind), dateText(date), directdebit.State(state)
		e.Amount, e.Effective = domain.Pence(amount), dateText(effective)
		i, ok := index[mno]
		if !ok {
			return nil, fmt.Errorf("mandate event %s of an unread mandate", e.ID)
		}
		events[i] = append(events[i], e)
	}
	if err := erows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		out[i] = directdebit.Fold(out[i], events[i])
	}
	return out, nil
}
