package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"caseload/domain"
)

// Account is one account with its resident, property and charges, as the
// panes and `caseload account show` read it.
type Account struct {
	Ref            string
	Kind           domain.AccountKind
	TenancyType    domain.TenancyType
	Status         domain.AccountStatus
	Name           string
	Phone          string
	Email          string
	Vulnerable     bool
	Address        string
	Postcode       string
	PropertyType   domain.PropertyType
	Start          domain.Date
	End            domain.Date
	RentFreeWeeks  int
	PaymentMethod  domain.PaymentMethod
	UCClaimant     bool
	ManagedPayment domain.ManagedPayment
	Officer        string
	PausedUntil    domain.Date
	PauseReason    string
	Balance        domain.Money
	LastPayment    domain.Date
	Charges        []domain.ChargeComponent
	// Stage is the latest enforcement-ladder event ("" when none).
	Stage     domain.EventType
	StageDate domain.Date
}

// WeeklyCharge is the weekly charge in force on d: nothing after the
// tenancy has ended.
func (a Account) WeeklyCharge(d domain.Date) domain.Money {
	if !a.End.IsZero() && d.After(a.End) {
		return domain.Zero
	}
	return domain.WeeklyCharge(a.Charges, d)
}

// NewAccount is what creating an account needs.
type NewAccount struct {
	Ref            string
	Kind           domain.AccountKind
	TenancyType    domain.TenancyType
	Status         domain.AccountStatus
	Name           string
	Address        string
	Postcode       string
	PropertyType   domain.PropertyType
	Start          domain.Date
	End            domain.Date
	RentFreeWeeks  int
	PaymentMethod  domain.PaymentMethod
	UCClaimant     bool
	ManagedPayment domain.ManagedPayment
	Vulnerable     bool
	Officer        string
	Phone          string
	Email          string
	// Charges are the weekly charge components from Start (or their own dates).
	Charges []domain.ChargeComponent
}

func (a NewAccount) body() accountBody {
	return accountBody{
		Ref: a.Ref, Kind: string(a.Kind), TenancyType: string(a.TenancyType), Status: string(a.Status),
		Name: a.Name, Address: a.Address, Postcode: a.Postcode, PropertyType: string(a.PropertyType),
		Start: a.Start.String(), End: a.End.String(), RentFreeWeeks: a.RentFreeWeeks,
		PaymentMethod: string(a.PaymentMethod), UCClaimant: a.UCClaimant, ManagedPayment: string(a.ManagedPayment),
		Vulnerable: a.Vulnerable, Officer: a.Officer, Phone: a.Phone, Email: a.Email,
	}
}

// Validate checks a new account before anything is written.
func (a NewAccount) Validate() error {
	if a.Start.IsZero() {
		return invalid("start_date", "is required")
	}
	if a.Status == domain.StatusFormer && a.End.IsZero() {
		return invalid("end_date", "is required when status is former")
	}
	if !a.End.IsZero() && a.End.Before(a.Start) {
		return invalid("end_date", "%s is before the start %s", a.End, a.Start)
	}
	for _, c := range a.Charges {
		if c.Weekly.IsNegative() {
			return invalid("charges", "%s must not be negative", c.Component)
		}
	}
	return a.body().validate()
}

// CreateAccount creates an account with its charges.
func (s *Store) CreateAccount(ctx context.Context, a NewAccount) error {
	a.Ref = s.Ref(ctx, a.Ref)
	if err := a.Validate(); err != nil {
		return err
	}
	return s.write(ctx, "account create", a.Ref, func(w *writer) error {
		if _, err := w.accountNo(a.Ref); err == nil {
			return invalid("ref", "account %s already exists", a.Ref)
		}
		return w.createAccount(w.officer, a)
	})
}

// createAccount creates an account and its charges under officer's name.
func (w *writer) createAccount(officer string, a NewAccount) error {
	if _, err := w.addBy(officer, entityAccount, a.Ref, a.body()); err != nil {
		return err
	}
	for _, c := range a.Charges {
		from := c.From
		if from.IsZero() {
			from = a.Start
		}
		if _, err := w.addBy(officer, entityCharge, a.Ref, chargeBody{Component: c.Component, Weekly: c.Weekly.PenceValue(), From: from.String()}); err != nil {
			return err
		}
	}
	return nil
}

const accountSelect = `SELECT a.no, a.ref, a.kind, a.tenancy_type, a.status, r.name, r.phone, r.email, r.vulnerable,
	p.address, p.postcode, p.property_type, a.start_date, a.end_date, a.rent_free_weeks, a.payment_method,
	a.uc_claimant, a.managed_payment, a.officer, a.paused_until, a.pause_reason, a.balance, a.last_payment
	FROM account a JOIN resident r ON r.no = a.resident JOIN property p ON p.no = a.property`

func scanAccount(row interface{ Scan(...any) error }) (int64, Account, error) {
	var a Account
	var no, balance int64
	var kind, tt, status, pt, start, end, pm, mp, paused, last string
	err := row.Scan(&no, &a.Ref, &kind, &tt, &status, &a.Name, &a.Phone, &a.Email, &a.Vulnerable,
		&a.Address, &a.Postcode, &pt, &start, &end, &a.RentFreeWeeks, &pm,
		&a.UCClaimant, &mp, &a.Officer, &paused, &a.PauseReason, &balance, &last)
	if err != nil {
		return 0, a, err
	}
	shown(&a.Ref, &a.Name, &a.Phone, &a.Email, &a.Address, &a.Postcode, &a.Officer, &a.PauseReason)
	a.Kind, a.TenancyType, a.Status = domain.AccountKind(kind), domain.TenancyType(tt), domain.AccountStatus(status)
	a.PropertyType, a.PaymentMethod, a.ManagedPayment = domain.PropertyType(pt), domain.PaymentMethod(pm), domain.ManagedPayment(mp)
	a.Start, a.End, a.PausedUntil, a.LastPayment = dateText(start), dateText(end), dateText(paused), dateText(last)
	a.Balance = domain.Pence(balance)
	return no, a, nil
}

// Account reads one account by its payment reference.
func (s *Store) Account(ctx context.Context, ref string) (Account, error) {
	ref = s.Ref(ctx, ref)
	return s.accountIn(ctx, s.db, ref)
}

func (s *Store) accountIn(ctx context.Context, q queryer, ref string) (Account, error) {
	no, a, err := scanAccount(q.QueryRowContext(ctx, accountSelect+" WHERE a.ref = ?", ref))
	if errors.Is(err, sql.ErrNoRows) {
		return a, invalid("ref", "no account %s: check the payment reference", ref)
	}
	if err != nil {
		return a, err
	}
	if a.Charges, err = charges(ctx, q, no); err != nil {
		return a, err
	}
	var stage, stageDate string
	err = q.QueryRowContext(ctx, `SELECT type, date FROM event WHERE account = ? AND type IN (`+ladderTypes()+`)
		ORDER BY date DESC, no DESC LIMIT 1`, no).Scan(&stage, &stageDate)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return a, err
	case domain.EventType(stage) != domain.EventStageReset:
		a.Stage, a.StageDate = domain.EventType(stage), dateText(stageDate)
	}
	return a, nil
}

// ladderTypes is the SQL list of enforcement-ladder event types.
func ladderTypes() string {
	var q []string
	for _, t := range domain.EventTypes {
		if t.IsLadder() {
			q = append(q, "'"+string(t)+"'")
		}
	}
	return strings.Join(q, ",")
}

func charges(ctx context.Context, q queryer, account int64) ([]domain.ChargeComponent, error) {
	rows, err := q.QueryContext(ctx, "SELECT component, weekly, from_date FROM charge WHERE account = ? ORDER BY from_date, no", account)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.ChargeComponent
	for rows.Next() {
		var c domain.ChargeComponent
		var weekly int64
		var from string
		if err := rows.Scan(&c.Component, &weekly, &from); err != nil {
			return nil, err
		}
		c.Weekly, c.From = domain.Pence(weekly), dateText(from)
		out = append(out, c)
	}
	return out, rows.Err()
}

// SetAccountFields edits an account's registers (`caseload account set`).
// Values are given as text as on the command line; all are checked before
// anything is written.
func (s *Store) SetAccountFields(ctx context.Context, ref string, fields map[string]string) error {
	ref = s.Ref(ctx, ref)
	if len(fields) == 0 {
		return invalid("fields", "give at least one FIELD=VALUE")
	}
	type edit struct {
		field string
		value any
	}
	var edits []edit
	for _, name := range AccountFields {
		text, ok := fields[name]
		if !ok {
			continue
		}
		var v any = strings.TrimSpace(text)
		switch name {
		case "vulnerable", "uc_claimant":
			b, err := domain.ParseYesNo(name, text)
			if err != nil {
				return err
			}
			v = b
		case "rent_free_weeks":
			var n int
			if _, err := fmt.Sscanf(text, "%d", &n); err != nil || fmt.Sprint(n) != text {
				return invalid(name, "%q is not a whole number 0–4", text)
			}
			v = n
		case "end_date":
			if text != "" {
				d, err := domain.ParseDateUK(text)
				if err != nil {
					return invalid(name, "%v", err)
				}
				v = d.String()
			}
		case "phone", "email", "name", "address", "postcode", "officer":
			clean, _, err := textFieldOf(name).Clean(text)
			if err != nil {
				return err
			}
			v = clean
		}
		edits = append(edits, edit{name, v})
	}
	for name := range fields {
		known := false
		for _, f := range AccountFields {
			known = known || f == name
		}
		if !known {
			return invalid(name, "is not an editable field (editable: %s)", strings.Join(AccountFields, ", "))
		}
	}
	return s.write(ctx, "account set", ref, func(w *writer) error {
		if _, err := w.accountNo(ref); err != nil {
			return err
		}
		for _, e := range edits {
			fh, _ := handlers[entityAccount].fields.lookup(e.field)
			if err := fh.check(mustJSON(e.value)); err != nil {
				return err
			}
			if err := w.set(entityAccount, ref, ref, e.field, e.value); err != nil {
				return err
			}
		}
		return nil
	})
}

// AccountCount is the number of accounts in the database.
func (s *Store) AccountCount(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM account").Scan(&n)
	return n, err
}
