package store

// The Right to Buy entities: a claim (with its fraud checks as registers)
// and the steps of a claim. Their handlers are declared in handlers
// (entities.go).

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"caseload/domain"
	"caseload/domain/rtb"
)

type rtbBody struct {
	Received      string `json:"received"`
	PropertyType  string `json:"property_type"`
	Leasehold     bool   `json:"leasehold,omitempty"`
	OtherLandlord bool   `json:"other_landlord,omitempty"`
}

func addRTB(w *writer, c Change, origin int64) error {
	var b rtbBody
	if err := decodeStrict(c.Value, &b); err != nil {
		return err
	}
	if _, err := domain.ParseDate(b.Received); err != nil {
		return invalid("received", "%v", err)
	}
	if b.PropertyType != "house" && b.PropertyType != "flat" {
		return invalid("property", "%q is not house or flat", b.PropertyType)
	}
	no, err := w.accountNo(c.Account)
	if err != nil {
		return err
	}
	_, err = w.exec("INSERT INTO rtb_case(id, account, received, property_type, leasehold, other_landlord, created_origin, created_seq) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
		c.EntityID, no, b.Received, b.PropertyType, b.Leasehold, b.OtherLandlord, origin, c.Seq)
	return err
}

// checkValue is one item of an RTB case's fraud assessment checklist.
type checkValue struct {
	Status string `json:"status,omitempty"`
	On     string `json:"on,omitempty"`
	Note   string `json:"note,omitempty"`
}

func rtbFields() fieldSet {
	return fieldSet{"fraud:*": {
		initial: func(json.RawMessage) json.RawMessage { return json.RawMessage(`{}`) },
		check: func(v json.RawMessage) error {
			var cv checkValue
			if err := decodeStrict(v, &cv); err != nil {
				return err
			}
			if err := domain.TextNote.Check(cv.Note); err != nil {
				return err
			}
			if cv.Status == "" {
				return nil
			}
			_, err := rtb.ParseCheckStatus(cv.Status)
			return err
		},
		apply: func(w *writer, id, field string, v json.RawMessage) error {
			var cv checkValue
			if err := json.Unmarshal(v, &cv); err != nil {
				return err
			}
			item := strings.TrimPrefix(field, "fraud:")
			_, err := w.exec(`INSERT INTO rtb_check(rtb, item, status, on_date, note) VALUES((SELECT no FROM rtb_case WHERE id = ?), ?, ?, ?, ?)
				ON CONFLICT(rtb, item) DO UPDATE SET status = excluded.status, on_date = excluded.on_date, note = excluded.note`,
				id, item, cv.Status, cv.On, cv.Note)
			return err
		},
	}}
}

type rtbEventBody struct {
	Case   string `json:"case"`
	Date   string `json:"date"`
	Type   string `json:"type"`
	Ends   string `json:"ends,omitempty"`
	Detail string `json:"detail,omitempty"`
}

func addRTBEvent(w *writer, c Change, origin int64) error {
	var b rtbEventBody
	if err := decodeStrict(c.Value, &b); err != nil {
		return err
	}
	if _, err := domain.ParseDate(b.Date); err != nil {
		return invalid("date", "%v", err)
	}
	if _, err := rtb.ParseEventType(b.Type); err != nil {
		return err
	}
	if b.Ends != "" {
		if _, err := domain.ParseDate(b.Ends); err != nil {
			return invalid("ends", "%v", err)
		}
	}
	if err := domain.TextDetail.Check(b.Detail); err != nil {
		return err
	}
	var caseNo int64
	err := w.queryRow("SELECT no FROM rtb_case WHERE id = ?", b.Case).Scan(&caseNo)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("RTB case %s is not in this database", b.Case)
	}
	if err != nil {
		return err
	}
	_, err = w.exec("INSERT INTO rtb_event(id, rtb, date, type, ends, detail, hlc, officer) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
		c.EntityID, caseNo, b.Date, b.Type, b.Ends, b.Detail, c.HLC, c.Officer)
	return err
}
