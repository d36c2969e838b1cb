package store

// The charge entity: a weekly charge component from a date. Its handler
// is declared in handlers (entities.go).

import (
	"caseload/domain"
)

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
	w.summaryCharges(no)
	return err
}
