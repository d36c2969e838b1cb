package store

// The note entity: a note with its diary follow-up, whose done date is a
// register. Its handler is declared in handlers (entities.go).

import (
	"encoding/json"

	"caseload/domain"
)

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
	if err := domain.TextNote.As("text").Check(b.Text); err != nil {
		return err
	}
	no, err := w.accountNo(c.Account)
	if err != nil {
		return err
	}
	_, err = w.exec("INSERT INTO note(id, account, date, channel, text, follow_up, officer, created_origin, created_seq) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
		c.EntityID, no, b.Date, b.Channel, b.Text, b.FollowUp, c.Officer, origin, c.Seq)
	w.summaryNote(no, b.Channel)
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
