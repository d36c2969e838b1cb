package store

// The done entity: a worklist rule marked done for a day. Its handler is
// declared in handlers (entities.go).

import (
	"strings"

	"caseload/domain"
)

// doneBody marks a worklist rule done on an account for a day, or (Undone)
// takes the mark back so the item returns to the day's list.
type doneBody struct {
	Date   string `json:"date"`
	Rule   string `json:"rule"`
	Undone bool   `json:"undone,omitempty"`
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
	if b.Undone {
		_, err = w.exec("DELETE FROM done_today WHERE account = ? AND date = ? AND rule = ?", no, b.Date, b.Rule)
		return err
	}
	_, err = w.exec("INSERT INTO done_today(account, date, rule) VALUES(?, ?, ?) ON CONFLICT DO NOTHING", no, b.Date, b.Rule)
	return err
}
