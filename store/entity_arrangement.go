package store

// The arrangement entity: an agreement to pay, whose cancellation is a
// register. Its handler is declared in handlers (entities.go).

import (
	"encoding/json"

	"caseload/domain"
)

type arrangementBody struct {
	Start      string `json:"start"`
	Frequency  string `json:"frequency"`
	Instalment int64  `json:"instalment"`
	Arrears    int64  `json:"arrears"`
	MadeOn     string `json:"made_on"`
	// BreachedOrder is the date of the suspended or postponed order that
	// was already breached when the arrangement was saved.
	BreachedOrder string `json:"breached_order,omitempty"`
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
	if b.BreachedOrder != "" {
		if _, err := domain.ParseDate(b.BreachedOrder); err != nil {
			return invalid("breached_order", "%v", err)
		}
	}
	_, err = w.exec(`INSERT INTO arrangement(id, account, start_date, frequency, instalment, arrears, made_on, hlc, officer, created_origin, created_seq, breached_order)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.EntityID, no, b.Start, b.Frequency, b.Instalment, b.Arrears, b.MadeOn, c.HLC, c.Officer, origin, c.Seq, b.BreachedOrder)
	w.summaryArrangement(no)
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
			return domain.TextReason.Check(cv.Reason)
		},
		apply: func(w *writer, id, _ string, v json.RawMessage) error {
			var cv cancelValue
			if err := json.Unmarshal(v, &cv); err != nil {
				return err
			}
			var no int64
			if err := w.queryRow("SELECT account FROM arrangement WHERE id = ?", id).Scan(&no); err != nil {
				return err
			}
			w.summaryArrangement(no)
			_, err := w.exec("UPDATE arrangement SET cancelled_on = ?, cancel_reason = ? WHERE id = ?", cv.On, cv.Reason, id)
			return err
		},
	}}
}
