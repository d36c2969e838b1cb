package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"caseload/domain"
	"caseload/domain/court"
	"caseload/domain/worklist"
)

// Casework: notes (with diary follow-ups), case events, pauses and "done
// for today" marks. The event entity's handler is here; the other entities
// of casework have a file each (entity_note.go, entity_arrangement.go,
// entity_done.go, entity_rtb.go).

type eventBody struct {
	Date   string `json:"date"`
	Type   string `json:"type"`
	Detail string `json:"detail,omitempty"`
	// Override is the officer's reason for recording a step the
	// possession gate refused.
	Override string `json:"override,omitempty"`
	// The court case (all optional, so bodies written before them still
	// read): the outcome code of a hearing or court-outcome, the order's
	// weekly sum towards the arrears in pence with the terms in words, and
	// the date for possession.
	Outcome        string `json:"outcome,omitempty"`
	TermsWeekly    int64  `json:"terms_weekly,omitempty"`
	Terms          string `json:"terms,omitempty"`
	PossessionDate string `json:"possession_date,omitempty"`
}

// checkCourt validates the court fields of an event body.
func (b eventBody) checkCourt() error {
	typ := domain.EventType(b.Type)
	if b.Outcome != "" && !typ.CarriesOutcome() {
		return invalid("outcome", "a %s event has no court outcome: record it on a hearing or court-outcome", typ)
	}
	if (b.TermsWeekly != 0 || b.Terms != "" || b.PossessionDate != "") && !typ.CarriesTerms() {
		return invalid("terms", "a %s event has no order terms", typ)
	}
	if typ == domain.EventCourtOutcome && b.Outcome == "" {
		return invalid("outcome", "a court outcome needs its code (--outcome)")
	}
	if typ == domain.EventHearing && b.Outcome == "" && (b.TermsWeekly != 0 || b.PossessionDate != "") {
		return invalid("terms", "order terms come with the hearing's outcome (--outcome)")
	}
	if b.TermsWeekly < 0 {
		return invalid("terms", "the weekly sum towards the arrears cannot be negative")
	}
	if err := domain.TextDetail.Check(b.Terms); err != nil {
		return err
	}
	t := court.Terms{Weekly: domain.Pence(b.TermsWeekly)}
	if b.PossessionDate != "" {
		d, err := domain.ParseDate(b.PossessionDate)
		if err != nil {
			return invalid("possession-date", "%v", err)
		}
		t.PossessionDate = d
	}
	if b.Outcome == "" {
		return nil
	}
	o, err := court.ParseOutcome(b.Outcome)
	if err != nil {
		return err
	}
	date, _ := domain.ParseDate(b.Date)
	return court.Check(o, t, date)
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
	if err := domain.TextDetail.Check(b.Detail); err != nil {
		return err
	}
	if err := b.checkCourt(); err != nil {
		return err
	}
	no, err := w.accountNo(c.Account)
	if err != nil {
		return err
	}
	_, err = w.exec(`INSERT INTO event(id, account, date, type, detail, officer, override, outcome, terms_weekly, terms, possession_date)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.EntityID, no, b.Date, b.Type, b.Detail, c.Officer, b.Override, b.Outcome, b.TermsWeekly, b.Terms, b.PossessionDate)
	w.summaryEvent(no, b.Type)
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
	text, masked, err := domain.TextNote.As("text").Clean(n.Text)
	if err != nil {
		return out, err
	}
	if text == "" {
		return out, invalid("text", "the note is empty: say what was said or done")
	}
	out.Masked = masked
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
	err = s.write(ctx, "note", n.Ref, func(w *writer) error {
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
	// Override is the reason for recording a possession step the gate
	// refuses (possession.Check); it is kept on the event and in the audit.
	Override string
	// Outcome is the court's outcome (hearing and court-outcome only).
	// One that makes a possession order records the order too, as its own
	// event on the same day with the same terms.
	Outcome court.Outcome
	// Terms are the order's terms (TermsText: the terms in the officer's
	// words, e.g. "£5.00 a week towards arrears").
	Terms     court.Terms
	TermsText string
}

// AddEvent records a case event. Possession steps are refused on accounts
// without them (garage, sundry, leasehold, former tenant), and court steps
// the possession gate refuses under the caller's policy p unless overridden
// with a reason.
func (s *Store) AddEvent(ctx context.Context, e NewEvent, today domain.Date, p worklist.Policy) (string, error) {
	e.Ref = s.Ref(ctx, e.Ref)
	date := e.Date
	if date.IsZero() {
		date = today
	}
	if err := e.Type.When().Check("date", date, today); err != nil {
		return "", err
	}
	detail, _, err := domain.TextDetail.Clean(e.Detail)
	if err != nil {
		return "", err
	}
	override, _, err := domain.TextReason.Clean(e.Override)
	if err != nil {
		return "", err
	}
	terms, _, err := domain.TextDetail.Clean(e.TermsText)
	if err != nil {
		return "", err
	}
	if e.Outcome != court.OutcomeNone && date.After(today) {
		return "", invalid("outcome", "the hearing of %s has not happened yet: record its outcome on the day or after", date.Human())
	}
	var id string
	err = s.write(ctx, "event "+string(e.Type), e.Ref, func(w *writer) error {
		a, err := w.s.accountIn(w.ctx, w.tx, e.Ref)
		if err != nil {
			return err
		}
		if e.Type.NeedsPossessionSteps() && !a.Kind.HasPossessionSteps() {
			return invalid("type", "%s is a possession step; a %s account has none", e.Type, strings.ToLower(a.Kind.Label()))
		}
		if e.Type.NeedsPossessionSteps() {
			if err := w.gate(e.Ref, e.Type, date, today, override, p); err != nil {
				return err
			}
		}
		if w.auditDetail == "" {
			override = "" // nothing was overridden
		}
		body := eventBody{Date: date.String(), Type: string(e.Type), Detail: detail, Override: override,
			Outcome: string(e.Outcome), TermsWeekly: e.Terms.Weekly.PenceValue(), Terms: terms}
		if !e.Terms.PossessionDate.IsZero() {
			body.PossessionDate = e.Terms.PossessionDate.String()
		}
		if err := body.checkCourt(); err != nil {
			return err
		}
		id, err = w.add(entityEvent, e.Ref, body)
		if err != nil {
			return err
		}
		if in, ok := court.Lookup(e.Outcome); ok && in.Order != "" {
			if err := w.gate(e.Ref, in.Order, date, today, override, p); err != nil {
				return err
			}
			order := body
			order.Type, order.Outcome, order.Override = string(in.Order), "", ""
			order.Detail = "made at the hearing: " + strings.ToLower(in.Words)
			if w.auditDetail != "" {
				order.Override = override
			}
			if _, err := w.add(entityEvent, e.Ref, order); err != nil {
				return err
			}
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
	reason, _, err := domain.TextReason.Clean(reason)
	if err != nil {
		return err
	}
	if !until.IsZero() {
		if err := domain.Until.Check("until", until, today); err != nil {
			return err
		}
		if reason == "" {
			return invalid("reason", "say why the case is paused")
		}
	}
	return s.write(ctx, "pause", ref, func(w *writer) error {
		no, err := w.accountNo(ref)
		if err != nil {
			return err
		}
		if until.IsZero() {
			var paused string
			if err := w.queryRow("SELECT paused_until FROM account WHERE no = ?", no).Scan(&paused); err != nil {
				return err
			}
			if paused == "" || !dateText(paused).After(today) {
				return invalid("until", "%s is not paused: there is no pause to lift", ref)
			}
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

// MarkDoneToday marks the account's most urgent worklist item done for
// today — `d` in the caseload pane and `caseload done REF` — and returns
// it. An account with nothing to do today is refused.
func (s *Store) MarkDoneToday(ctx context.Context, ref string, today domain.Date, p worklist.Policy) (worklist.Item, error) {
	line, err := s.accountLine(ctx, ref, today, p)
	if err != nil {
		return worklist.Item{}, err
	}
	if !line.Triaged() {
		return worklist.Item{}, invalid("ref", "%s has nothing to do today", ref)
	}
	return line.Top, s.MarkDone(ctx, ref, string(line.Top.Rule), today)
}

// UndoDoneToday takes back every "done for today" mark on the account, so
// its items return to today's list (`u` in the caseload pane, `caseload
// done REF --undo`), and returns the rules it took back. An account with
// nothing marked done today is refused.
func (s *Store) UndoDoneToday(ctx context.Context, ref string, today domain.Date) ([]worklist.Rule, error) {
	var rules []worklist.Rule
	err := s.write(ctx, "undo done", ref, func(w *writer) error {
		no, err := w.accountNo(ref)
		if err != nil {
			return err
		}
		rows, err := w.tx.QueryContext(w.ctx, "SELECT rule FROM done_today WHERE account = ? AND date = ? ORDER BY rule", no, today.String())
		if err != nil {
			return err
		}
		for rows.Next() {
			var r string
			if err := rows.Scan(&r); err != nil {
				rows.Close()
				return err
			}
			rules = append(rules, worklist.Rule(r))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(rules) == 0 {
			return invalid("ref", "%s has nothing marked done today", ref)
		}
		for _, r := range rules {
			if _, err := w.add(entityDone, ref, doneBody{Date: today.String(), Rule: string(r), Undone: true}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return rules, nil
}

// accountLine is one account's worklist line on today under p.
func (s *Store) accountLine(ctx context.Context, ref string, today domain.Date, p worklist.Policy) (worklist.Line, error) {
	p.Holidays = s.Holidays()
	var facts []worklist.Facts
	err := s.readTx(ctx, func(q queryer) error {
		var err error
		facts, err = worklistFactsWhere(ctx, q, s.Holidays(), "a.ref = ?", []any{ref}, today, p, false)
		return err
	})
	if err != nil {
		return worklist.Line{}, err
	}
	if len(facts) != 1 {
		return worklist.Line{}, invalid("ref", "no account %s: check the payment reference", ref)
	}
	line, _ := worklist.Evaluate(facts[0], today, p)
	return line, nil
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
	// Outcome, Terms and TermsText are the court case fields (zero when
	// none were recorded).
	Outcome   court.Outcome
	Terms     court.Terms
	TermsText string
}

// HasTerms reports whether the event carries an order's terms.
func (e Event) HasTerms() bool {
	return e.Terms.Weekly.IsPositive() || !e.Terms.PossessionDate.IsZero()
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
		shown(&n.Text, &n.Officer)
		n.Date, n.Channel, n.FollowUp, n.DoneOn = dateText(date), domain.Channel(ch), dateText(fu), dateText(done)
		out = append(out, n)
	}
	return out, rows.Err()
}

// Events reads an account's case events, oldest first.
func (s *Store) Events(ctx context.Context, ref string) ([]Event, error) {
	return eventsIn(ctx, s.db, s.Ref(ctx, ref))
}

func eventsIn(ctx context.Context, q queryer, ref string) ([]Event, error) {
	rows, err := q.QueryContext(ctx, `SELECT e.id, e.date, e.type, e.detail, e.officer, e.outcome, e.terms_weekly, e.terms, e.possession_date
		FROM event e JOIN account a ON a.no = e.account WHERE a.ref = ? ORDER BY e.date, e.no`, ref)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var date, typ, outcome, pd string
		var weekly int64
		if err := rows.Scan(&e.ID, &date, &typ, &e.Detail, &e.Officer, &outcome, &weekly, &e.TermsText, &pd); err != nil {
			return nil, err
		}
		shown(&e.Detail, &e.Officer, &e.TermsText)
		e.Date, e.Type = dateText(date), domain.EventType(typ)
		e.Outcome, e.Terms = court.Outcome(outcome), court.Terms{Weekly: domain.Pence(weekly), PossessionDate: dateText(pd)}
		out = append(out, e)
	}
	return out, rows.Err()
}
