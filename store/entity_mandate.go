package store

// The Direct Debit mandate entities: a mandate's set-up is a fact (entity
// "mandate") and each later change of its state, amount or bank details is
// a fact of its own (entity "mandate-event"), so the history merges by
// union and every replica folds the same events into the same mandate
// (directdebit.Fold). Their handlers are declared in handlers (entities.go).
// Bank details travel in the change log and so in packs, which are
// encrypted; they are never put in the audit row.

import (
	"context"
	"database/sql"
	"errors"
	"maps"
	"slices"
	"strings"

	"caseload/domain"
	"caseload/domain/bacs"
	"caseload/domain/directdebit"
)

const (
	entityMandate      = "mandate"
	entityMandateEvent = "mandate-event"
)

// mandateBody is a mandate's set-up.
type mandateBody struct {
	Reference string `json:"reference"`
	Payer     string `json:"payer"`
	SortCode  string `json:"sort_code"`
	Account   string `json:"account_number"`
	Day       int    `json:"day"`
	Frequency string `json:"frequency"`
	First     string `json:"first"`
	Amount    int64  `json:"amount"`
	MadeOn    string `json:"made_on"`
	Modulus   string `json:"modulus,omitempty"`
	// Paper: the council holds the payer's signed paper instruction, which
	// is converted (AUDDIS 0S) rather than lodged (0N).
	Paper bool `json:"paper,omitempty"`
}

func (b mandateBody) validate() error {
	if err := bacs.ValidateReference(b.Reference); err != nil {
		return invalid("reference", "%v", err)
	}
	if err := checkBankDetails(b.SortCode, b.Account); err != nil {
		return err
	}
	if err := checkText([]domain.TextField{directdebit.TextPayer, domain.TextReason.As("modulus")}, b.Payer, b.Modulus); err != nil {
		return err
	}
	if b.Payer == "" {
		return invalid("payer", "give the account holder's name")
	}
	if b.Day < 1 || b.Day > 28 {
		return invalid("day", "%d is not a collection day from 1 to 28", b.Day)
	}
	if _, err := directdebit.ParseFrequency(b.Frequency); err != nil {
		return err
	}
	if b.Amount <= 0 {
		return invalid("amount", "must be more than zero")
	}
	for field, d := range map[string]string{"first": b.First, "made_on": b.MadeOn} {
		if _, err := domain.ParseDate(d); err != nil {
			return invalid(field, "%v", err)
		}
	}
	return nil
}

// checkBankDetails refuses details that are not standardised (six and
// eight digits): what is kept is what goes in Bacs files.
func checkBankDetails(sortCode, account string) error {
	sc, acc, err := bacs.Standardise(sortCode, account)
	if err != nil {
		return err
	}
	if sc != sortCode || acc != account {
		return invalid("account number", "bank details must be kept standardised (six and eight digits)")
	}
	return nil
}

func addMandate(w *writer, c Change, origin int64) error {
	var b mandateBody
	if err := decodeStrict(c.Value, &b); err != nil {
		return err
	}
	if err := b.validate(); err != nil {
		return err
	}
	no, err := w.accountNo(c.Account)
	if err != nil {
		return err
	}
	res, err := w.exec(`INSERT INTO mandate(id, account, reference, day, frequency, first_date, made_on, modulus, paper, officer, hlc,
		created_origin, created_seq) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.EntityID, no, b.Reference, b.Day, b.Frequency, b.First, b.MadeOn, b.Modulus, b.Paper, c.Officer, c.HLC, origin, c.Seq)
	if err != nil {
		return err
	}
	mno, err := res.LastInsertId()
	if err != nil {
		return err
	}
	// The set-up is the mandate's first event: the fold starts from it.
	if _, err := w.exec(`INSERT INTO mandate_event(id, mandate, date, kind, state, amount, effective, payer, sort_code,
		account_number, officer, hlc) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.EntityID, mno, b.MadeOn, directdebit.SetUp, directdebit.Pending, b.Amount, b.First, b.Payer, b.SortCode, b.Account,
		c.Officer, c.HLC); err != nil {
		return err
	}
	return w.refoldMandate(mno)
}

// mandateEventBody is a change to a mandate.
type mandateEventBody struct {
	Mandate   string `json:"mandate"`
	Kind      string `json:"kind"`
	Date      string `json:"date"`
	State     string `json:"state,omitempty"`
	Amount    int64  `json:"amount,omitempty"`
	Effective string `json:"effective,omitempty"`
	Payer     string `json:"payer,omitempty"`
	SortCode  string `json:"sort_code,omitempty"`
	Account   string `json:"account_number,omitempty"`
	Reason    string `json:"reason,omitempty"`
}

func (b mandateEventBody) validate() error {
	if _, err := domain.ParseDate(b.Date); err != nil {
		return invalid("date", "%v", err)
	}
	if err := domain.TextReason.Check(b.Reason); err != nil {
		return err
	}
	switch directdebit.EventKind(b.Kind) {
	case directdebit.Moved:
		if _, err := directdebit.ParseState(b.State); err != nil {
			return err
		}
	case directdebit.Amount:
		if b.Amount <= 0 {
			return invalid("amount", "must be more than zero")
		}
		if _, err := domain.ParseDate(b.Effective); err != nil {
			return invalid("effective", "%v", err)
		}
	case directdebit.Details:
		if b.SortCode != "" || b.Account != "" {
			if err := checkBankDetails(b.SortCode, b.Account); err != nil {
				return err
			}
		}
		if err := directdebit.TextPayer.Check(b.Payer); err != nil {
			return err
		}
		if b.Payer == "" && b.SortCode == "" {
			return invalid("details", "a change of details changes the payer or the bank details")
		}
	default:
		return invalid("kind", "%q is not a mandate change (state, amount, details)", b.Kind)
	}
	return nil
}

func addMandateEvent(w *writer, c Change, origin int64) error {
	var b mandateEventBody
	if err := decodeStrict(c.Value, &b); err != nil {
		return err
	}
	if err := b.validate(); err != nil {
		return err
	}
	var mno int64
	err := w.queryRow("SELECT no FROM mandate WHERE id = ?", b.Mandate).Scan(&mno)
	if errors.Is(err, sql.ErrNoRows) {
		return invalid("mandate", "no mandate %s", b.Mandate)
	}
	if err != nil {
		return err
	}
	if _, err := w.exec(`INSERT INTO mandate_event(id, mandate, date, kind, state, amount, effective, payer, sort_code,
		account_number, reason, officer, hlc) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.EntityID, mno, b.Date, b.Kind, b.State, b.Amount, b.Effective, b.Payer, b.SortCode, b.Account, b.Reason,
		c.Officer, c.HLC); err != nil {
		return err
	}
	return w.refoldMandate(mno)
}

// refoldMandate writes a mandate's current columns from its events.
func (w *writer) refoldMandate(mno int64) error {
	ms, err := readMandates(w.ctx, w.tx, "m.no = ?", mno)
	if err != nil {
		return err
	}
	if len(ms) != 1 {
		return errors.New("mandate vanished during its write")
	}
	m := ms[0]
	_, err = w.exec(`UPDATE mandate SET state = ?, state_on = ?, payer = ?, sort_code = ?, account_number = ?, amount = ?
		WHERE no = ?`, m.State, m.StateOn.String(), m.Payer, m.SortCode, m.Account, m.Latest().Amount.PenceValue(), mno)
	return err
}

// The mandates in StateDigest: what two replicas that saw the same changes
// must agree on.
const (
	mandateDigest = `SELECT m.id, a.ref, m.reference, m.day, m.frequency, m.first_date, m.made_on, m.paper, m.state, m.state_on, m.payer,
		m.sort_code, m.account_number, m.amount FROM mandate m JOIN account a ON a.no = m.account ORDER BY m.id`
	mandateEventDigest = `SELECT e.id, m.id, e.date, e.kind, e.state, e.amount, e.effective, e.payer, e.sort_code, e.account_number,
		e.reason FROM mandate_event e JOIN mandate m ON m.no = e.mandate ORDER BY e.id`
)

// checkMandates proves the mandates agree with their facts: one event row
// per set-up and change in the log, each mandate's current columns the
// fold of its events, no Bacs reference used twice, and no account with two
// open mandates (two replicas each set one up offline).
func checkMandates(ctx context.Context, q queryer, add func(string, ...any)) error {
	var logged, rows int
	if err := q.QueryRowContext(ctx, `SELECT count(DISTINCT entity_id) FROM change WHERE entity IN (?, ?) AND op = 'add'`,
		entityMandate, entityMandateEvent).Scan(&logged); err != nil {
		return err
	}
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM mandate_event").Scan(&rows); err != nil {
		return err
	}
	if logged != rows {
		add("mandate_event: %d row(s) but %d in the change log", rows, logged)
	}
	ms, err := readMandates(ctx, q, "1 = 1")
	if err != nil {
		return err
	}
	seen := map[string]string{}
	open := map[string][]string{} // account → its open mandates' references
	for _, m := range ms {
		if m.State.Open() {
			open[m.Ref] = append(open[m.Ref], m.Reference)
		}
		var state, stateOn, payer, sc, acc string
		var amount int64
		if err := q.QueryRowContext(ctx, `SELECT state, state_on, payer, sort_code, account_number, amount FROM mandate WHERE id = ?`, m.ID).
			Scan(&state, &stateOn, &payer, &sc, &acc, &amount); err != nil {
			return err
		}
		if state != string(m.State) || stateOn != m.StateOn.String() || payer != m.Payer || sc != m.SortCode ||
			acc != m.Account || amount != m.Latest().Amount.PenceValue() {
			add("mandate %s: its current state and details are not the fold of its history", m.Reference)
		}
		if other, dup := seen[m.Reference]; dup {
			add("Bacs reference %s is used by mandates %s and %s", m.Reference, other, m.ID)
		}
		seen[m.Reference] = m.ID
	}
	for _, ref := range slices.Sorted(maps.Keys(open)) {
		if refs := open[ref]; len(refs) > 1 {
			add("account %s has %d open Direct Debit mandates (%s): cancel all but one (while two are live, neither is collected)",
				ref, len(refs), strings.Join(refs, ", "))
		}
	}
	return nil
}
