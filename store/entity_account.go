package store

// The account entity: its creating fact (accountBody), validation, apply
// and registers. Its handler is declared in handlers (entities.go).

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"caseload/domain"
)

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
	res, err = w.exec(`INSERT INTO account(ref, resident, property, kind, tenancy_type, status, start_date, end_date, rent_free_weeks,
		payment_method, uc_claimant, managed_payment, officer, created_origin, created_seq)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		b.Ref, resident, property, b.Kind, b.TenancyType, b.Status, b.Start, b.End, b.RentFreeWeeks,
		b.PaymentMethod, b.UCClaimant, b.ManagedPayment, b.Officer, origin, c.Seq)
	if err != nil {
		return err
	}
	no, err := res.LastInsertId()
	w.summaryCreated(no)
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
