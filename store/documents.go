package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"caseload/domain"
	"caseload/domain/letters"
	"caseload/domain/worklist"
)

// Documents: the facts a letter is made from, and the record that it was
// issued. A document is recorded as its ladder step's case event (the
// event entity: letter-1, court-warning, nosp-served, …) whose detail
// keeps what reproduces it (letters.EventDetail), so the worklist's
// ladder sees the step taken and the timeline shows the document. No
// table of its own.

// Recipients reads the accounts a document may go to, each with its
// worklist facts settled under p and its property's address: one account
// when ref is given, else a patch (officer; "" the whole borough), in
// ref order, in a fixed number of set-based queries.
func (s *Store) Recipients(ctx context.Context, officer, ref string, today domain.Date, p worklist.Policy) ([]letters.Recipient, error) {
	p.Holidays = s.holidays
	where, args := patchFilter(officer)
	if ref != "" {
		ref = s.Ref(ctx, ref)
		where, args = "a.ref = ?", []any{ref}
	}
	var out []letters.Recipient
	err := s.readTx(ctx, func(q queryer) error {
		facts, err := worklistFactsWhere(ctx, q, s.holidays, where, args, today, p, ref == "")
		if err != nil {
			return err
		}
		addr := make(map[string][2]string, len(facts))
		err = eachRow(ctx, q, `SELECT a.ref, p.address, p.postcode FROM account a JOIN property p ON p.no = a.property WHERE `+where, args,
			func(rows *sql.Rows) error {
				var r, address, postcode string
				if err := rows.Scan(&r, &address, &postcode); err != nil {
					return err
				}
				shown(&r, &address, &postcode)
				addr[r] = [2]string{address, postcode}
				return nil
			})
		if err != nil {
			return err
		}
		out = make([]letters.Recipient, len(facts))
		for i, f := range facts {
			a := addr[f.Ref]
			out[i] = letters.Recipient{Facts: f, Address: a[0], Postcode: a[1]}
		}
		return nil
	})
	if err == nil && ref != "" && len(out) != 1 {
		err = invalid("ref", "no account %s: check the payment reference", ref)
	}
	return out, err
}

// IssuedDocument is a document issued on an account: its kind's event is
// recorded with Detail (letters.EventDetail).
type IssuedDocument struct {
	Ref    string
	Kind   letters.Kind
	Detail string
}

// IssueDocuments records the events of issued documents dated today, all
// in one transaction with its change-log entries and one audit row: all
// or none. A document whose event is already recorded on its account
// today is left out and its ref returned in again, so a run repeated the
// same day records nothing new. A possession document on an account
// without possession steps, or one the possession gate refuses under p,
// refuses the whole write.
func (s *Store) IssueDocuments(ctx context.Context, docs []IssuedDocument, today domain.Date, p worklist.Policy) (recorded, again []string, err error) {
	if len(docs) == 0 {
		return nil, nil, nil
	}
	action := "documents " + docs[0].Kind.ID
	account := ""
	if len(docs) == 1 {
		docs[0].Ref = s.Ref(ctx, docs[0].Ref)
		account = docs[0].Ref
	}
	err = s.write(asJob(ctx, "a print run"), action, account, func(w *writer) error {
		recorded, again = nil, nil
		for _, d := range docs {
			if err := domain.TextDetail.Check(d.Detail); err != nil {
				return err
			}
			no, err := w.accountNo(d.Ref)
			if err != nil {
				return err
			}
			var n int
			if err := w.queryRow(`SELECT count(*) FROM event WHERE account = ? AND type = ? AND date = ?`,
				no, string(d.Kind.Event), today.String()).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				again = append(again, d.Ref)
				continue
			}
			if d.Kind.Event.NeedsPossessionSteps() {
				a, err := w.s.accountIn(w.ctx, w.tx, d.Ref)
				if err != nil {
					return err
				}
				if !a.Kind.HasPossessionSteps() {
					return invalid("step", "%s is a possession step; a %s account has none", d.Kind.Event, strings.ToLower(a.Kind.Label()))
				}
				if err := w.gate(d.Ref, d.Kind.Event, today, today, "", p); err != nil {
					return err
				}
			}
			if _, err := w.add(entityEvent, d.Ref, eventBody{Date: today.String(), Type: string(d.Kind.Event), Detail: d.Detail}); err != nil {
				return err
			}
			recorded = append(recorded, d.Ref)
		}
		if len(recorded) == 0 {
			return errNothingToWrite
		}
		return nil
	})
	if errors.Is(err, errNothingToWrite) {
		err = nil
	}
	return recorded, again, err
}

// errNothingToWrite rolls back a write that turned out to change nothing
// (no audit row for an empty run).
var errNothingToWrite = errors.New("nothing to write")

// IssuedToday is the detail of the event that recorded a kind of
// document on an account today ("" when none): a re-print that day is a
// copy of it.
func (s *Store) IssuedToday(ctx context.Context, ref string, k letters.Kind, today domain.Date) (string, error) {
	ref = s.Ref(ctx, ref)
	var detail string
	err := s.db.QueryRowContext(ctx, `SELECT e.detail FROM event e JOIN account a ON a.no = e.account
		WHERE a.ref = ? AND e.type = ? AND e.date = ? ORDER BY e.no DESC LIMIT 1`, ref, string(k.Event), today.String()).Scan(&detail)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return detail, err
}
