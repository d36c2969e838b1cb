package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"caseload/domain"
)

// The entities of the change log. Each has a handler that materialises its
// facts and register fields; an entity or field not listed here is refused
// on import (never silently dropped).
const (
	entityAccount     = "account"
	entityCharge      = "charge"
	entityTxn         = "txn"
	entityNote        = "note"
	entityEvent       = "event"
	entityArrangement = "arrangement"
	entityDone        = "done"
	entityRTB         = "rtb"
	entityRTBEvent    = "rtb-event"
	entityPreAction   = "preaction"
)

type handler struct {
	// add materialises a fact.
	add func(w *writer, c Change, origin int64) error
	// creator names the change that created an entity: the implicit head
	// of its registers.
	creator func(w *writer, entityID string) (origin, seq int64, err error)
	// fields are the entity's registers.
	fields fieldSet
}

type fieldHandler struct {
	// initial is the field's value in the creating fact's body.
	initial func(body json.RawMessage) json.RawMessage
	// apply writes the winning value to the materialised tables.
	apply func(w *writer, entityID, field string, value json.RawMessage) error
	// check validates a value (on import and before a local set).
	check func(value json.RawMessage) error
}

// fieldSet finds a field handler by name; some entities have a family of
// fields under a prefix ("fraud:identity").
type fieldSet map[string]fieldHandler

func (f fieldSet) lookup(name string) (fieldHandler, bool) {
	if h, ok := f[name]; ok {
		return h, true
	}
	if prefix, _, ok := strings.Cut(name, ":"); ok {
		h, ok := f[prefix+":*"]
		return h, ok
	}
	return fieldHandler{}, false
}

var handlers map[string]handler

func init() {
	handlers = map[string]handler{
		entityAccount: {add: addAccount, creator: accountCreator, fields: accountFields()},
		entityCharge:  {add: addCharge},
		entityTxn:     {add: addTxnChange},
		entityNote:    {add: addNote, creator: creatorBy("note"), fields: noteFields()},
		entityEvent:   {add: addEvent},
		entityArrangement: {add: addArrangement, creator: creatorBy("arrangement"),
			fields: arrangementFields()},
		entityDone:      {add: addDone},
		entityRTB:       {add: addRTB, creator: creatorBy("rtb_case"), fields: rtbFields()},
		entityRTBEvent:  {add: addRTBEvent},
		entityPreAction: {add: addPreActionMark},
		// Reference tables (refdata.go): whole-table loads, no account.
		entityReference: {add: addReference},
	}
}

// creatorBy reads the creating change of a fact table row by its id.
func creatorBy(table string) func(w *writer, id string) (int64, int64, error) {
	q := "SELECT created_origin, created_seq FROM " + table + " WHERE id = ?"
	return func(w *writer, id string) (int64, int64, error) {
		var o, s int64
		err := w.queryRow(q, id).Scan(&o, &s)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, 0, fmt.Errorf("%s %s is not in this database", table, id)
		}
		return o, s, err
	}
}

// decodeStrict decodes a change body, refusing unknown fields so a pack from
// a newer schema is refused rather than half-understood.
func decodeStrict(b json.RawMessage, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("bad change body: %w", err)
	}
	return nil
}

// accountBody is the fact that creates an account; every field is also a
// register (accountFields) whose initial value is here.
type accountBody struct {
	Ref            string `json:"ref"`
	Kind           string `json:"kind"`
	TenancyType    string `json:"tenancy_type,omitempty"`
	Status         string `json:"status"`
	Name           string `json:"name"`
	Address        string `json:"address"`
	Postcode       string `json:"postcode,omitempty"`
	PropertyType   string `json:"property_type,omitempty"`
	Start          string `json:"start_date"`
	End            string `json:"end_date,omitempty"`
	RentFreeWeeks  int    `json:"rent_free_weeks,omitempty"`
	PaymentMethod  string `json:"payment_method,omitempty"`
	UCClaimant     bool   `json:"uc_claimant,omitempty"`
	ManagedPayment string `json:"managed_payment,omitempty"`
	Vulnerable     bool   `json:"vulnerable,omitempty"`
	Officer        string `json:"officer,omitempty"`
	Phone          string `json:"phone,omitempty"`
	Email          string `json:"email,omitempty"`
}

func (b accountBody) validate() error {
	if err := domain.ValidRef(b.Ref); err != nil {
		return err
	}
	if _, err := domain.ParseAccountKind(b.Kind); err != nil {
		return err
	}
	if _, err := domain.ParseTenancyType(b.TenancyType); err != nil {
		return err
	}
	if _, err := domain.ParseAccountStatus(b.Status); err != nil {
		return err
	}
	if strings.TrimSpace(b.Name) == "" {
		return invalid("name", "is empty")
	}
	if err := checkText(accountText, b.Name, b.Address, b.Postcode, b.Phone, b.Email, b.Officer); err != nil {
		return err
	}
	if _, err := domain.ParseDate(b.Start); err != nil {
		return invalid("start_date", "%v", err)
	}
	if b.End != "" {
		if _, err := domain.ParseDate(b.End); err != nil {
			return invalid("end_date", "%v", err)
		}
	}
	if err := domain.RentFreeWeeksValid(b.RentFreeWeeks); err != nil {
		return err
	}
	if _, err := domain.ParseAccountPaymentMethod(b.PaymentMethod); err != nil {
		return err
	}
	if _, err := domain.ParsePropertyType(b.PropertyType); err != nil {
		return err
	}
	if _, err := domain.ParseManagedPayment(b.ManagedPayment); err != nil {
		return err
	}
	return nil
}

// accountText are the account's free-text fields, in the order
// accountBody.validate passes them to checkText.
var accountText = []domain.TextField{domain.TextName, domain.TextAddress, domain.TextPostcode, domain.TextPhone, domain.TextEmail, domain.TextOfficer}

// checkText checks values of text fields (domain.TextField.Check): what
// is written here or arrives in a pack must be clean text.
func checkText(fields []domain.TextField, values ...string) error {
	for i, v := range values {
		if err := fields[i].Check(v); err != nil {
			return err
		}
	}
	return nil
}

func addAccount(w *writer, c Change, origin int64) error {
	var b accountBody
	if err := decodeStrict(c.Value, &b); err != nil {
		return err
	}
	if err := b.validate(); err != nil {
		return err
	}
	if b.Ref != c.EntityID {
		return fmt.Errorf("account change %s names %s in its body", c.EntityID, b.Ref)
	}
	var existing int64
	err := w.queryRow("SELECT no FROM account WHERE ref = ?", b.Ref).Scan(&existing)
	if err == nil {
		// Two replicas created the same account: both creations are heads
		// of every field, so the fields converge (and differences conflict).
		return w.secondCreation(entityAccount, b.Ref, b.Ref, origin, c.Seq)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	res, err := w.exec("INSERT INTO resident(name, phone, email, vulnerable) VALUES(?, ?, ?, ?)", b.Name, b.Phone, b.Email, b.Vulnerable)
	if err != nil {
		return err
	}
	resident, _ := res.LastInsertId()
	res, err = w.exec("INSERT INTO property(address, postcode, property_type) VALUES(?, ?, ?)", b.Address, b.Postcode, b.PropertyType)
	if err != nil {
		return err
	}
	property, _ := res.LastInsertId()
	_, err = w.exec(`INSERT INTO account(ref, resident, property, kind, tenancy_type, status, start_date, end_date, rent_free_weeks,
		payment_method, uc_claimant, managed_payment, officer, created_origin, created_seq)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		b.Ref, resident, property, b.Kind, b.TenancyType, b.Status, b.Start, b.End, b.RentFreeWeeks,
		b.PaymentMethod, b.UCClaimant, b.ManagedPayment, b.Officer, origin, c.Seq)
	return err
}

func accountCreator(w *writer, ref string) (int64, int64, error) {
	var o, s int64
	err := w.queryRow("SELECT created_origin, created_seq FROM account WHERE ref = ?", ref).Scan(&o, &s)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, invalid("ref", "no account %s: check the payment reference", ref)
	}
	return o, s, err
}

// AccountFields are the account fields `caseload account set` may edit.
var AccountFields = []string{"name", "phone", "email", "address", "postcode", "payment_method", "vulnerable", "officer",
	"uc_claimant", "managed_payment", "tenancy_type", "rent_free_weeks", "status", "end_date", "kind", "property_type"}

// accountFields maps each account register to its column.
func accountFields() fieldSet {
	text := func(field, table, column string, check func(string) error) fieldHandler {
		return fieldHandler{
			initial: bodyField(field, `""`),
			check: func(v json.RawMessage) error {
				var s string
				if err := json.Unmarshal(v, &s); err != nil {
					return invalid(field, "must be text")
				}
				if err := textFieldOf(field).Check(s); err != nil {
					return err
				}
				if check != nil {
					return check(s)
				}
				return nil
			},
			apply: func(w *writer, ref, _ string, v json.RawMessage) error {
				var s string
				if err := json.Unmarshal(v, &s); err != nil {
					return err
				}
				return w.setAccountColumn(ref, table, column, s)
			},
		}
	}
	flag := func(field, table, column string) fieldHandler {
		return fieldHandler{
			initial: bodyField(field, `false`),
			check: func(v json.RawMessage) error {
				var b bool
				if err := json.Unmarshal(v, &b); err != nil {
					return invalid(field, "must be yes or no")
				}
				return nil
			},
			apply: func(w *writer, ref, _ string, v json.RawMessage) error {
				var b bool
				if err := json.Unmarshal(v, &b); err != nil {
					return err
				}
				return w.setAccountColumn(ref, table, column, b)
			},
		}
	}
	date := func(s string) error {
		if s == "" {
			return nil
		}
		_, err := domain.ParseDate(s)
		return err
	}
	return fieldSet{
		"name": text("name", "resident", "name", func(s string) error {
			if strings.TrimSpace(s) == "" {
				return invalid("name", "is empty")
			}
			return nil
		}),
		"phone":         text("phone", "resident", "phone", nil),
		"email":         text("email", "resident", "email", nil),
		"vulnerable":    flag("vulnerable", "resident", "vulnerable"),
		"address":       text("address", "property", "address", nil),
		"postcode":      text("postcode", "property", "postcode", nil),
		"property_type": text("property_type", "property", "property_type", func(s string) error { _, err := domain.ParsePropertyType(s); return err }),
		"kind":          text("kind", "account", "kind", func(s string) error { _, err := domain.ParseAccountKind(s); return err }),
		"tenancy_type":  text("tenancy_type", "account", "tenancy_type", func(s string) error { _, err := domain.ParseTenancyType(s); return err }),
		"status":        text("status", "account", "status", func(s string) error { _, err := domain.ParseAccountStatus(s); return err }),
		"start_date":    text("start_date", "account", "start_date", date),
		"end_date":      text("end_date", "account", "end_date", date),
		// opened_clear: the extract's brought-forward of 0.00 (ingest.go).
		"opened_clear": text("opened_clear", "account", "opened_clear", date),
		"payment_method": text("payment_method", "account", "payment_method", func(s string) error {
			_, err := domain.ParseAccountPaymentMethod(s)
			return err
		}),
		"managed_payment": text("managed_payment", "account", "managed_payment", func(s string) error {
			_, err := domain.ParseManagedPayment(s)
			return err
		}),
		"officer":     text("officer", "account", "officer", nil),
		"uc_claimant": flag("uc_claimant", "account", "uc_claimant"),
		"rent_free_weeks": {
			initial: bodyField("rent_free_weeks", `0`),
			check: func(v json.RawMessage) error {
				var n int
				if err := json.Unmarshal(v, &n); err != nil {
					return invalid("rent_free_weeks", "must be a whole number 0–4")
				}
				return domain.RentFreeWeeksValid(n)
			},
			apply: func(w *writer, ref, _ string, v json.RawMessage) error {
				var n int
				if err := json.Unmarshal(v, &n); err != nil {
					return err
				}
				return w.setAccountColumn(ref, "account", "rent_free_weeks", n)
			},
		},
		"pause": {
			initial: func(json.RawMessage) json.RawMessage { return json.RawMessage(`{}`) },
			check: func(v json.RawMessage) error {
				var p pauseValue
				if err := decodeStrict(v, &p); err != nil {
					return err
				}
				if err := domain.TextReason.Check(p.Reason); err != nil {
					return err
				}
				return date(p.Until)
			},
			apply: func(w *writer, ref, _ string, v json.RawMessage) error {
				var p pauseValue
				if err := json.Unmarshal(v, &p); err != nil {
					return err
				}
				if _, err := w.exec("UPDATE account SET paused_until = ?, pause_reason = ? WHERE ref = ?", p.Until, p.Reason, ref); err != nil {
					return err
				}
				return nil
			},
		},
	}
}

// textFieldOf is the text rules of an account field; a coded field (kind,
// dates) is checked by its parser and only has to be one line of text.
func textFieldOf(field string) domain.TextField {
	for _, f := range accountText {
		if f.Name == field {
			return f
		}
	}
	return domain.TextField{Name: field, Max: 100}
}

// pauseValue is a case paused (snoozed) until a date, with a reason; an
// empty Until is no pause.
type pauseValue struct {
	Until  string `json:"until,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// bodyField reads a field's initial value from a creating fact's body.
func bodyField(field, zero string) func(json.RawMessage) json.RawMessage {
	return func(body json.RawMessage) json.RawMessage {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(body, &m); err == nil {
			if v, ok := m[field]; ok {
				return v
			}
		}
		return json.RawMessage(zero)
	}
}

func (w *writer) setAccountColumn(ref, table, column string, v any) error {
	var q string
	switch table {
	case "account":
		q = "UPDATE account SET " + column + " = ? WHERE ref = ?"
	case "resident":
		q = "UPDATE resident SET " + column + " = ? WHERE no = (SELECT resident FROM account WHERE ref = ?)"
	case "property":
		q = "UPDATE property SET " + column + " = ? WHERE no = (SELECT property FROM account WHERE ref = ?)"
	}
	_, err := w.exec(q, v, ref)
	return err
}

// ---- charge ----

type chargeBody struct {
	Component string `json:"component"`
	Weekly    int64  `json:"weekly"`
	From      string `json:"from"`
}

func addCharge(w *writer, c Change, origin int64) error {
	var b chargeBody
	if err := decodeStrict(c.Value, &b); err != nil {
		return err
	}
	if _, err := domain.ParseComponent(b.Component); err != nil {
		return err
	}
	if b.Weekly < 0 {
		return invalid("weekly", "must not be negative")
	}
	if _, err := domain.ParseDate(b.From); err != nil {
		return invalid("from", "%v", err)
	}
	no, err := w.accountNo(c.Account)
	if err != nil {
		return err
	}
	_, err = w.exec("INSERT INTO charge(id, account, component, weekly, from_date) VALUES(?, ?, ?, ?, ?)", c.EntityID, no, b.Component, b.Weekly, b.From)
	return err
}

// ---- txn ----

// txnBody is a ledger transaction as carried in a change; amounts in pence.
type txnBody struct {
	Date      string `json:"date"`
	Type      string `json:"type"`
	Amount    int64  `json:"amount"`
	Method    string `json:"method,omitempty"`
	Reference string `json:"reference,omitempty"`
	Note      string `json:"note,omitempty"`
	Reverses  string `json:"reverses,omitempty"`
	Pair      string `json:"pair,omitempty"`
	RunWeek   string `json:"run_week,omitempty"`
}

func (b txnBody) validate() error {
	if _, err := domain.ParseDate(b.Date); err != nil {
		return invalid("date", "%v", err)
	}
	t := domain.TxnType(b.Type)
	known := false
	for _, k := range domain.TxnTypes {
		if k == t {
			known = true
		}
	}
	if !known {
		return invalid("type", "%q is not a transaction type", b.Type)
	}
	if t != domain.TxnReversal {
		if err := t.CheckSign(domain.Pence(b.Amount)); err != nil {
			return err
		}
	} else if b.Reverses == "" || b.Amount == 0 {
		return invalid("reverses", "a reversal must name the transaction it reverses")
	}
	if b.Method != "" {
		if _, err := domain.ParsePaymentMethod(b.Method); err != nil {
			return err
		}
	}
	return checkText(txnText, b.Reference, b.Note)
}

var txnText = []domain.TextField{domain.TextReference, domain.TextNote}

func addTxnChange(w *writer, c Change, origin int64) error {
	var b txnBody
	if err := decodeStrict(c.Value, &b); err != nil {
		return err
	}
	if err := b.validate(); err != nil {
		return err
	}
	if c.EntityID != factID(c.Origin, c.Seq) {
		return fmt.Errorf("txn change %s has id %s", c.ID(), c.EntityID)
	}
	no, err := w.accountNo(c.Account)
	if err != nil {
		return err
	}
	w.imported = append(w.imported, importedTxn{id: c.EntityID, ref: c.Account, account: no, origin: origin, body: b})
	return w.insertTxn(no, origin, c.Seq, b)
}

// importedTxn is a ledger row an import added, kept for the duplicate
// checks that follow.
type importedTxn struct {
	id      string
	ref     string
	account int64
	origin  int64
	body    txnBody
}

// insertTxn writes a ledger row and records its effect on the balance.
func (w *writer) insertTxn(account, origin, seq int64, b txnBody) error {
	_, err := w.exec(`INSERT INTO txn(origin, seq, account, date, type, amount, method, reference, note, reverses, pair, run_week)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		origin, seq, account, b.Date, b.Type, b.Amount, b.Method, b.Reference, b.Note, b.Reverses, b.Pair, b.RunWeek)
	if err != nil {
		return err
	}
	w.noteTxnEffects(account, b)
	return nil
}

// noteTxnEffects records a new ledger row's effect on its account's
// balance and last payment, applied when the write commits.
func (w *writer) noteTxnEffects(account int64, b txnBody) {
	w.deltas[account] += b.Amount
	if domain.TxnType(b.Type).IsPayment() && b.Date > w.lastPay[account] {
		w.lastPay[account] = b.Date
	}
	if b.Reverses != "" {
		w.relast[account] = true
	}
}

// addTxn posts a ledger transaction from this replica. It skips the JSON
// round trip of the generic path because bulk loads post millions.
func (w *writer) addTxn(ref string, account int64, b txnBody) (string, error) {
	// The same checks an importing replica makes: a row it would refuse
	// must never be written here.
	if err := b.validate(); err != nil {
		return "", err
	}
	c := Change{Origin: w.s.self.ID, Seq: w.seq, HLC: w.clock.Now(), Officer: w.officer,
		Entity: entityTxn, Account: ref, Op: "add"}
	c.EntityID = factID(c.Origin, c.Seq)
	w.seq++
	prev := w.chainLast
	sum := w.seal(&c, txnJSON(b))
	if _, err := w.exec(`INSERT INTO change(origin, seq, hlc, officer, entity, entity_id, account, op, prev, hash) VALUES(?, ?, ?, ?, ?, ?, ?, 'add', ?, ?)`,
		w.s.self.No, c.Seq, c.HLC, c.Officer, entityTxn, c.EntityID, ref, prev, sum); err != nil {
		return "", err
	}
	w.changes++
	w.touched[ref] = true
	return c.EntityID, w.insertTxn(account, w.s.self.No, c.Seq, b)
}

// queryer is a *sql.DB or *sql.Tx.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// txnBodyByChange rebuilds a txn fact's body from its ledger row.
func txnBodyByChange(ctx context.Context, q queryer, origin, seq int64) (txnBody, error) {
	var b txnBody
	err := q.QueryRowContext(ctx, `SELECT date, type, amount, method, reference, note, reverses, pair, run_week FROM txn WHERE origin = ? AND seq = ?`, origin, seq).
		Scan(&b.Date, &b.Type, &b.Amount, &b.Method, &b.Reference, &b.Note, &b.Reverses, &b.Pair, &b.RunWeek)
	return b, err
}
