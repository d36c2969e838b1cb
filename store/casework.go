package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"caseload/domain"
	"caseload/domain/rtb"
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

// NewNote is a contact or note on an account, optionally with a diary
// follow-up date.
type NewNote struct {
	Ref      string
	Date     domain.Date
	Channel  domain.Channel
	Text     string
	FollowUp domain.Date
}

// NoteAdded says what AddNote did.
type NoteAdded struct {
	ID     string
	Masked int // card numbers masked in the text
}

// AddNote records a note. Card numbers in the text are masked to their last
// four digits before it is saved.
func (s *Store) AddNote(ctx context.Context, n NewNote, today domain.Date) (NoteAdded, error) {
	n.Ref = s.Ref(ctx, n.Ref)
	var out NoteAdded
	text := strings.TrimSpace(n.Text)
	if text == "" {
		return out, invalid("text", "the note is empty: say what was said or done")
	}
	if len(text) > 4000 {
		return out, invalid("text", "the note is longer than 4,000 characters")
	}
	text, out.Masked = domain.MaskCardNumbers(text)
	date := n.Date
	if date.IsZero() {
		date = today
	}
	if err := domain.Happened.Check("date", date, today); err != nil {
		return out, err
	}
	if !n.FollowUp.IsZero() {
		if err := domain.Due.Check("follow-up", n.FollowUp, today); err != nil {
			return out, err
		}
	}
	err := s.write(ctx, "note", n.Ref, func(w *writer) error {
		if _, err := w.accountNo(n.Ref); err != nil {
			return err
		}
		id, err := w.add(entityNote, n.Ref, noteBody{Date: date.String(), Channel: string(n.Channel), Text: text, FollowUp: n.FollowUp.String()})
		out.ID = id
		return err
	})
	return out, err
}

// CompleteFollowUp marks a note's diary follow-up done on a date.
func (s *Store) CompleteFollowUp(ctx context.Context, noteID string, on domain.Date) error {
	var ref, followUp, done string
	err := s.db.QueryRowContext(ctx, "SELECT a.ref, n.follow_up, n.done_on FROM note n JOIN account a ON a.no = n.account WHERE n.id = ?", noteID).Scan(&ref, &followUp, &done)
	if errors.Is(err, sql.ErrNoRows) {
		return invalid("note", "no note %s", noteID)
	}
	if err != nil {
		return err
	}
	if followUp == "" {
		return invalid("note", "note %s has no follow-up to complete", noteID)
	}
	if done != "" {
		return invalid("note", "the follow-up of note %s was completed on %s", noteID, done)
	}
	return s.write(ctx, "follow-up done", ref, func(w *writer) error {
		return w.set(entityNote, noteID, ref, "done", on.String())
	})
}

// NewEvent is a case event (RULES.md "Case events").
type NewEvent struct {
	Ref    string
	Type   domain.EventType
	Date   domain.Date
	Detail string
}

// AddEvent records a case event. Possession steps are refused on accounts
// without them (garage, sundry, leasehold, former tenant).
func (s *Store) AddEvent(ctx context.Context, e NewEvent, today domain.Date) (string, error) {
	e.Ref = s.Ref(ctx, e.Ref)
	date := e.Date
	if date.IsZero() {
		date = today
	}
	if err := e.Type.When().Check("date", date, today); err != nil {
		return "", err
	}
	detail, _ := domain.MaskCardNumbers(strings.TrimSpace(e.Detail))
	var id string
	err := s.write(ctx, "event "+string(e.Type), e.Ref, func(w *writer) error {
		a, err := w.s.accountIn(w.ctx, w.tx, e.Ref)
		if err != nil {
			return err
		}
		if e.Type.NeedsPossessionSteps() && !a.Kind.HasPossessionSteps() {
			return invalid("type", "%s is a possession step; a %s account has none", e.Type, strings.ToLower(a.Kind.Label()))
		}
		id, err = w.add(entityEvent, e.Ref, eventBody{Date: date.String(), Type: string(e.Type), Detail: detail})
		if err != nil {
			return err
		}
		// Managed payment events keep the account's UC state current.
		switch e.Type {
		case domain.EventAPARequested:
			if a.ManagedPayment == domain.APANone {
				return w.set(entityAccount, e.Ref, e.Ref, "managed_payment", string(domain.APARequested))
			}
		case domain.EventAPAInPlace:
			if a.ManagedPayment != domain.APAInPlace {
				return w.set(entityAccount, e.Ref, e.Ref, "managed_payment", string(domain.APAInPlace))
			}
		}
		return nil
	})
	return id, err
}

// Pause snoozes a case until a date, with a reason; a zero until lifts it.
func (s *Store) Pause(ctx context.Context, ref string, until domain.Date, reason string, today domain.Date) error {
	ref = s.Ref(ctx, ref)
	reason = strings.TrimSpace(reason)
	if !until.IsZero() {
		if err := domain.Until.Check("until", until, today); err != nil {
			return err
		}
		if reason == "" {
			return invalid("reason", "say why the case is paused")
		}
	}
	reason, _ = domain.MaskCardNumbers(reason)
	return s.write(ctx, "pause", ref, func(w *writer) error {
		if _, err := w.accountNo(ref); err != nil {
			return err
		}
		return w.set(entityAccount, ref, ref, "pause", pauseValue{Until: until.String(), Reason: reason})
	})
}

// MarkDone marks a worklist rule done on an account for a day.
func (s *Store) MarkDone(ctx context.Context, ref, rule string, on domain.Date) error {
	ref = s.Ref(ctx, ref)
	return s.write(ctx, "done "+rule, ref, func(w *writer) error {
		if _, err := w.accountNo(ref); err != nil {
			return err
		}
		_, err := w.add(entityDone, ref, doneBody{Date: on.String(), Rule: rule})
		return err
	})
}

// Note is a note as the panes show it.
type Note struct {
	ID       string
	Date     domain.Date
	Channel  domain.Channel
	Text     string
	FollowUp domain.Date
	DoneOn   domain.Date
	Officer  string
}

// Event is a case event as the panes show it.
type Event struct {
	ID      string
	Date    domain.Date
	Type    domain.EventType
	Detail  string
	Officer string
}

// Notes reads an account's notes, oldest first.
func (s *Store) Notes(ctx context.Context, ref string) ([]Note, error) {
	ref = s.Ref(ctx, ref)
	rows, err := s.db.QueryContext(ctx, `SELECT n.id, n.date, n.channel, n.text, n.follow_up, n.done_on, n.officer
		FROM note n JOIN account a ON a.no = n.account WHERE a.ref = ? ORDER BY n.date, n.no`, ref)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Note
	for rows.Next() {
		var n Note
		var date, ch, fu, done string
		if err := rows.Scan(&n.ID, &date, &ch, &n.Text, &fu, &done, &n.Officer); err != nil {
			return nil, err
		}
		n.Date, n.Channel, n.FollowUp, n.DoneOn = dateText(date), domain.Channel(ch), dateText(fu), dateText(done)
		out = append(out, n)
	}
	return out, rows.Err()
}

// Events reads an account's case events, oldest first.
func (s *Store) Events(ctx context.Context, ref string) ([]Event, error) {
	ref = s.Ref(ctx, ref)
	rows, err := s.db.QueryContext(ctx, `SELECT e.id, e.date, e.type, e.detail, e.officer
		FROM event e JOIN account a ON a.no = e.account WHERE a.ref = ? ORDER BY e.date, e.no`, ref)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var date, typ string
		if err := rows.Scan(&e.ID, &date, &typ, &e.Detail, &e.Officer); err != nil {
			return nil, err
		}
		e.Date, e.Type = dateText(date), domain.EventType(typ)
		out = append(out, e)
	}
	return out, rows.Err()
}
