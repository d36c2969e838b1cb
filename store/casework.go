package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"caseload/domain"
)

// The facts of casework: notes (with diary follow-ups), case events,
// arrangements, "done for today" marks, and Right to Buy cases.

type noteBody struct {
	Date     string `json:"date"`
	Channel  string `json:"channel,omitempty"`
	Text     string `json:"text"`
	FollowUp string `json:"follow_up,omitempty"`
}

func addNote(w *writer, c Change, origin int64) error {
	var b noteBody
	if err := decodeStrict(c.Value, &b); err != nil {
		return err
	}
	if _, err := domain.ParseDate(b.Date); err != nil {
		return invalid("date", "%v", err)
	}
	if _, err := domain.ParseChannel(b.Channel); err != nil {
		return err
	}
	if b.FollowUp != "" {
		if _, err := domain.ParseDate(b.FollowUp); err != nil {
			return invalid("follow_up", "%v", err)
		}
	}
	no, err := w.accountNo(c.Account)
	if err != nil {
		return err
	}
	_, err = w.exec("INSERT INTO note(id, account, date, channel, text, follow_up, officer, created_origin, created_seq) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
		c.EntityID, no, b.Date, b.Channel, b.Text, b.FollowUp, c.Officer, origin, c.Seq)
	return err
}

// noteFields: a diary follow-up is completed by setting "done" to the date.
func noteFields() fieldSet {
	return fieldSet{"done": {
		initial: func(json.RawMessage) json.RawMessage { return json.RawMessage(`""`) },
		check: func(v json.RawMessage) error {
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return invalid("done", "must be a date")
			}
			if s == "" {
				return nil
			}
			_, err := domain.ParseDate(s)
			return err
		},
		apply: func(w *writer, id, _ string, v json.RawMessage) error {
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return err
			}
			_, err := w.exec("UPDATE note SET done_on = ? WHERE id = ?", s, id)
			return err
		},
	}}
}

type eventBody struct {
	Date   string `json:"date"`
	Type   string `json:"type"`
	Detail string `json:"detail,omitempty"`
}

func addEvent(w *writer, c Change, origin int64) error {
	var b eventBody
	if err := decodeStrict(c.Value, &b); err != nil {
		return err
	}
	if _, err := domain.ParseDate(b.Date); err != nil {
		return invalid("date", "%v", err)
	}
	if _, err := domain.ParseEventType(b.Type); err != nil {
		return err
	}
	no, err := w.accountNo(c.Account)
	if err != nil {
		return err
	}
	_, err = w.exec("INSERT INTO event(id, account, date, type, detail, officer) VALUES(?, ?, ?, ?, ?, ?)",
		c.EntityID, no, b.Date, b.Type, b.Detail, c.Officer)
	return err
}

type arrangementBody struct {
	Start      string `json:"start"`
	Frequency  string `json:"frequency"`
	Instalment int64  `json:"instalment"`
	Arrears    int64  `json:"arrears"`
	MadeOn     string `json:"made_on"`
}

func addArrangement(w *writer, c Change, origin int64) error {
	var b arrangementBody
	if err := decodeStrict(c.Value, &b); err != nil {
		return err
	}
	if _, err := domain.ParseDate(b.Start); err != nil {
		return invalid("start", "%v", err)
	}
	if _, err := domain.ParseDate(b.MadeOn); err != nil {
		return invalid("made_on", "%v", err)
	}
	switch b.Frequency {
	case "weekly", "fortnightly", "four-weekly", "monthly":
	default:
		return invalid("frequency", "%q is not weekly, fortnightly, four-weekly or monthly", b.Frequency)
	}
	if b.Instalment <= 0 {
		return invalid("instalment", "must be more than zero")
	}
	no, err := w.accountNo(c.Account)
	if err != nil {
		return err
	}
	_, err = w.exec(`INSERT INTO arrangement(id, account, start_date, frequency, instalment, arrears, made_on, hlc, officer, created_origin, created_seq)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.EntityID, no, b.Start, b.Frequency, b.Instalment, b.Arrears, b.MadeOn, c.HLC, c.Officer, origin, c.Seq)
	return err
}

// cancelValue cancels an arrangement; an empty On is not cancelled.
type cancelValue struct {
	On     string `json:"on,omitempty"`
	Reason string `json:"reason,omitempty"`
}

func arrangementFields() fieldSet {
	return fieldSet{"cancel": {
		initial: func(json.RawMessage) json.RawMessage { return json.RawMessage(`{}`) },
		check: func(v json.RawMessage) error {
			var cv cancelValue
			if err := decodeStrict(v, &cv); err != nil {
				return err
			}
			if cv.On != "" {
				if _, err := domain.ParseDate(cv.On); err != nil {
					return err
				}
			}
			return nil
		},
		apply: func(w *writer, id, _ string, v json.RawMessage) error {
			var cv cancelValue
			if err := json.Unmarshal(v, &cv); err != nil {
				return err
			}
			_, err := w.exec("UPDATE arrangement SET cancelled_on = ?, cancel_reason = ? WHERE id = ?", cv.On, cv.Reason, id)
			return err
		},
	}}
}

type doneBody struct {
	Date string `json:"date"`
	Rule string `json:"rule"`
}

func addDone(w *writer, c Change, origin int64) error {
	var b doneBody
	if err := decodeStrict(c.Value, &b); err != nil {
		return err
	}
	if _, err := domain.ParseDate(b.Date); err != nil {
		return invalid("date", "%v", err)
	}
	if strings.TrimSpace(b.Rule) == "" {
		return invalid("rule", "is empty")
	}
	no, err := w.accountNo(c.Account)
	if err != nil {
		return err
	}
	_, err = w.exec("INSERT INTO done_today(account, date, rule) VALUES(?, ?, ?) ON CONFLICT DO NOTHING", no, b.Date, b.Rule)
	return err
}

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
	Note   string `json:"note,omitempty"`
}

func rtbFields() fieldSet {
	return fieldSet{"fraud:*": {
		initial: func(json.RawMessage) json.RawMessage { return json.RawMessage(`{}`) },
		check: func(v json.RawMessage) error {
			var cv checkValue
			return decodeStrict(v, &cv)
		},
		apply: func(w *writer, id, field string, v json.RawMessage) error {
			var cv checkValue
			if err := json.Unmarshal(v, &cv); err != nil {
				return err
			}
			item := strings.TrimPrefix(field, "fraud:")
			_, err := w.exec(`INSERT INTO rtb_check(rtb, item, status, note) VALUES((SELECT no FROM rtb_case WHERE id = ?), ?, ?, ?)
				ON CONFLICT(rtb, item) DO UPDATE SET status = excluded.status, note = excluded.note`, id, item, cv.Status, cv.Note)
			return err
		},
	}}
}

type rtbEventBody struct {
	Case   string `json:"case"`
	Date   string `json:"date"`
	Type   string `json:"type"`
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
	var caseNo int64
	err := w.queryRow("SELECT no FROM rtb_case WHERE id = ?", b.Case).Scan(&caseNo)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("RTB case %s is not in this database", b.Case)
	}
	if err != nil {
		return err
	}
	_, err = w.exec("INSERT INTO rtb_event(id, rtb, date, type, detail, hlc, officer) VALUES(?, ?, ?, ?, ?, ?, ?)",
		c.EntityID, caseNo, b.Date, b.Type, b.Detail, c.HLC, c.Officer)
	return err
}
