package store

import (
	"context"
	"database/sql"
	"strings"

	"caseload/domain"
	"caseload/domain/possession"
	"caseload/domain/worklist"
)

// The Pre-Action Protocol checklist: an officer's ticks are facts of their
// own (entity preaction); the ticks that events, contact notes and
// arrangements imply are read from those facts, so that they sync with
// them and never twice.

type preActionBody struct {
	Item  string `json:"item,omitempty"`
	Date  string `json:"date"`
	Done  bool   `json:"done,omitempty"`
	Claim string `json:"claim,omitempty"`
}

func (b preActionBody) validate() error {
	if _, err := domain.ParseDate(b.Date); err != nil {
		return invalid("date", "%v", err)
	}
	if b.Item != "" {
		if _, err := domain.ParsePreActionItem(b.Item); err != nil {
			return err
		}
	}
	switch domain.BenefitClaim(b.Claim) {
	case domain.ClaimUnsaid, domain.ClaimPending, domain.ClaimNone:
	default:
		return invalid("claim", "%q is not pending or none", b.Claim)
	}
	if b.Item == "" && b.Claim == "" {
		return invalid("item", "a mark names an item or the benefit claim")
	}
	return nil
}

func addPreActionMark(w *writer, c Change, origin int64) error {
	var b preActionBody
	if err := decodeStrict(c.Value, &b); err != nil {
		return err
	}
	if err := b.validate(); err != nil {
		return err
	}
	no, err := w.accountNo(c.Account)
	if err != nil {
		return err
	}
	_, err = w.exec("INSERT INTO preaction_mark(id, account, item, date, done, claim, officer, hlc) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
		c.EntityID, no, b.Item, b.Date, b.Done, b.Claim, c.Officer, c.HLC)
	return err
}

// PreActionTick ticks or unticks one checklist item, or records what was
// found about a benefit claim (or both).
type PreActionTick struct {
	Ref string
	// Item is the item; "" when only the claim is recorded.
	Item domain.PreActionItem
	// Done ticks the item; false unticks it.
	Done bool
	// Date is when it was done (zero: today).
	Date  domain.Date
	Claim domain.BenefitClaim
}

// TickPreAction records a checklist mark on a current tenancy. It refuses
// an unknown account, an account with no possession steps or no longer
// current, a date in the future and a mark that says nothing.
func (s *Store) TickPreAction(ctx context.Context, t PreActionTick, today domain.Date) error {
	return s.TickPreActions(ctx, t.Ref, []PreActionTick{t}, today)
}

// TickPreActions records several marks on one account in one write (the
// account view's checklist form): all of them or, on any refusal, none.
func (s *Store) TickPreActions(ctx context.Context, ref string, ts []PreActionTick, today domain.Date) error {
	if len(ts) == 0 {
		return invalid("item", "nothing to tick or untick")
	}
	bodies := make([]preActionBody, len(ts))
	var names []string
	for i, t := range ts {
		date := t.Date
		if date.IsZero() {
			date = today
		}
		if date.After(today) {
			return invalid("date", "%s is in the future: tick an item when it is done", date)
		}
		bodies[i] = preActionBody{Item: string(t.Item), Date: date.String(), Done: t.Done, Claim: string(t.Claim)}
		if err := bodies[i].validate(); err != nil {
			return err
		}
		switch {
		case t.Item != "" && t.Done:
			names = append(names, "tick "+string(t.Item))
		case t.Item != "":
			names = append(names, "untick "+string(t.Item))
		}
		if t.Claim != "" {
			names = append(names, "claim "+string(t.Claim))
		}
	}
	return s.write(ctx, "pre-action "+strings.Join(names, ", "), ref, func(w *writer) error {
		a, err := w.s.accountIn(w.ctx, w.tx, ref)
		if err != nil {
			return err
		}
		if !a.Kind.HasPossessionSteps() || a.Status != domain.StatusCurrent {
			return invalid("ref", "%s is not a current tenancy: the pre-action checklist is for possession cases", ref)
		}
		for _, b := range bodies {
			if _, err := w.add(entityPreAction, ref, b); err != nil {
				return err
			}
		}
		return nil
	})
}

// PreActionView is an account's checklist on a day, with what the gate
// says about a court claim today.
type PreActionView struct {
	Ref       string
	Checklist domain.PreActionChecklist
	// Claim is why a court claim today would be refused (nil: it would not).
	Claim *possession.Refusal
}

// PreAction reads an account's checklist on today.
func (s *Store) PreAction(ctx context.Context, ref string, today domain.Date, p worklist.Policy) (PreActionView, error) {
	f, err := s.AccountFacts(ctx, ref, today, p)
	if err != nil {
		return PreActionView{}, err
	}
	return PreActionView{Ref: ref, Checklist: worklist.PreActionChecklist(&f, today),
		Claim: possession.Check(&f, domain.EventCourtClaim, today, p)}, nil
}

// gate refuses a possession step the domain refuses, unless the officer
// gives a reason to override, which is then kept in the audit row. p is
// the caller's worklist policy; the bank holidays are this database's.
func (w *writer) gate(ref string, step domain.EventType, date, today domain.Date, override string, p worklist.Policy) error {
	p.Holidays = w.s.Holidays()
	fs, err := worklistFactsWhere(w.ctx, w.tx, w.s.Holidays(), "a.ref = ?", []any{ref}, today, p, false)
	if err != nil {
		return err
	}
	if len(fs) != 1 {
		return invalid("ref", "no account %s: check the payment reference", ref)
	}
	r := possession.Check(&fs[0], step, date, p)
	if r == nil {
		return nil
	}
	if override == "" {
		return r.Err()
	}
	w.auditDetail = "override: " + override + " (" + r.Text() + ")"
	return nil
}

// preActionFacts reads the checklist marks, the last day
// the arrears were cleared and any arrangement saved over a breached order
// of the accounts a WHERE clause over account a selects. notes, when not
// nil, are each account's latest note of the pre-action channels (from its
// summary, by facts' index); nil reads them from the notes.
func preActionFacts(ctx context.Context, q queryer, where string, args []any, index map[int64]int, facts []worklist.Facts, notes []actionNote) error {
	each := func(query string, qargs []any, scan func(rows *sql.Rows) error) error {
		return eachRow(ctx, q, query, qargs, scan)
	}
	at := func(no int64) *worklist.Facts {
		if i, ok := index[no]; ok {
			return &facts[i]
		}
		return nil
	}
	mark := func(no int64, m domain.PreActionMark) {
		if f := at(no); f != nil {
			f.PreAction = append(f.PreAction, m)
		}
	}
	// Implied first, so that an officer's own mark on the same day wins.
	err := each(`SELECT e.account, e.type, e.date, e.detail, e.officer FROM event e JOIN account a ON a.no = e.account
		WHERE `+where+` AND e.type IN ('pre-action', 'referral', 'apa-requested', 'tpd-requested') ORDER BY e.account, e.date, e.no`,
		args, func(rows *sql.Rows) error {
			var no int64
			var typ, date, detail, officer string
			if err := rows.Scan(&no, &typ, &date, &detail, &officer); err != nil {
				return err
			}
			if it, ok := domain.PreActionFromEvent(domain.EventType(typ), detail); ok {
				mark(no, domain.PreActionMark{Item: it, Date: dateText(date), Done: true, Officer: officer, Source: typ + " event"})
			}
			return nil
		})
	if err != nil {
		return err
	}
	noteMark := func(f *worklist.Facts, n actionNote) {
		if it, ok := domain.PreActionFromNote(domain.Channel(n.channel)); ok {
			f.PreAction = append(f.PreAction, domain.PreActionMark{Item: it, Date: dateText(n.date), Done: true, Officer: n.officer, Source: n.channel + " note"})
		}
	}
	if notes != nil {
		for i := range facts {
			noteMark(&facts[i], notes[i])
		}
	} else {
		err = each(`SELECT n.account, n.channel, n.date, n.officer FROM note n JOIN account a ON a.no = n.account
		WHERE `+where+` AND n.no IN (SELECT no FROM (SELECT no, row_number() OVER (PARTITION BY account ORDER BY date DESC, no DESC) AS rn
			FROM note WHERE channel IN `+actionChannelsSQL+`) WHERE rn = 1)`, args, func(rows *sql.Rows) error {
			var no int64
			var n actionNote
			if err := rows.Scan(&no, &n.channel, &n.date, &n.officer); err != nil {
				return err
			}
			if f := at(no); f != nil {
				noteMark(f, n)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	err = each(`SELECT g.account, g.made_on, g.officer FROM arrangement g JOIN account a ON a.no = g.account
		WHERE `+where+` AND g.no IN (SELECT no FROM (SELECT no, row_number() OVER (PARTITION BY account ORDER BY made_on DESC, no DESC) AS rn
			FROM arrangement) WHERE rn = 1)`, args, func(rows *sql.Rows) error {
		var no int64
		var made, officer string
		if err := rows.Scan(&no, &made, &officer); err != nil {
			return err
		}
		mark(no, domain.PreActionMark{Item: domain.PreActionArrangement, Date: dateText(made), Done: true, Officer: officer, Source: "arrangement saved"})
		return nil
	})
	if err != nil {
		return err
	}
	err = each(`SELECT m.account, m.item, m.date, m.done, m.claim, m.officer FROM preaction_mark m JOIN account a ON a.no = m.account
		WHERE `+where+` ORDER BY m.account, m.date, m.hlc, m.no`, args, func(rows *sql.Rows) error {
		var no int64
		var item, date, claim, officer string
		var done bool
		if err := rows.Scan(&no, &item, &date, &done, &claim, &officer); err != nil {
			return err
		}
		mark(no, domain.PreActionMark{Item: domain.PreActionItem(item), Date: dateText(date), Done: done,
			Claim: domain.BenefitClaim(claim), Officer: officer, Source: "ticked"})
		return nil
	})
	if err != nil {
		return err
	}
	// The live arrangement saved over a breached order.
	err = each(`SELECT g.account, g.breached_order FROM arrangement g JOIN account a ON a.no = g.account
		JOIN (SELECT account, max(hlc) AS hlc FROM arrangement WHERE cancelled_on = '' GROUP BY account) live
			ON live.account = g.account AND live.hlc = g.hlc
		WHERE `+where+` AND g.cancelled_on = '' AND g.breached_order <> ''`, args, func(rows *sql.Rows) error {
		var no int64
		var order string
		if err := rows.Scan(&no, &order); err != nil {
			return err
		}
		if f := at(no); f != nil {
			f.ArrangementOverBreach = dateText(order)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return nil
}
