package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"caseload/domain"
)

// Conflict is a field two officers changed without seeing each other's
// change. Every replica shows the same winner (Kept); Other is the value it
// beat. Resolving writes a new change on top of both, which syncs.
// KeptBy/KeptAt and OtherBy/OtherAt say who made each value and when (UTC,
// from the change's clock), so the officer settling it knows whom to ask.
type Conflict struct {
	ID      int64  `json:"id"`
	Ref     string `json:"ref"`
	Entity  string `json:"entity"`
	Field   string `json:"field"`
	Kept    string `json:"kept"`
	Other   string `json:"other"`
	Raised  string `json:"raised"`
	KeptBy  string `json:"kept_by"`
	KeptAt  string `json:"kept_at"`
	OtherBy string `json:"other_by"`
	OtherAt string `json:"other_at"`
}

// displayValue turns a register value into words: a JSON string as itself,
// a flag as yes/no, anything else as its JSON.
func displayValue(raw string) string {
	var s string
	if json.Unmarshal([]byte(raw), &s) == nil {
		return s
	}
	var b bool
	if json.Unmarshal([]byte(raw), &b) == nil {
		return domain.YesNo(b)
	}
	return raw
}

const conflictSelect = "SELECT no, account, entity, entity_id, field, kept, other, heads, raised FROM conflict"

// scanConflicts reads conflict rows and, for each, who made the kept and
// the other value and when, from the heads' changes.
func scanConflicts(ctx context.Context, q queryer, rows *sql.Rows) ([]Conflict, error) {
	type raw struct {
		c                         Conflict
		entityID, kept, other, hs string
	}
	var all []raw
	for rows.Next() {
		var r raw
		if err := rows.Scan(&r.c.ID, &r.c.Ref, &r.c.Entity, &r.entityID, &r.c.Field, &r.kept, &r.other, &r.hs, &r.c.Raised); err != nil {
			rows.Close()
			return nil, err
		}
		all = append(all, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Conflict, 0, len(all))
	for _, r := range all {
		c := r.c
		heads, err := conflictHeads(ctx, q, c.Entity, c.Field, r.hs)
		if err != nil {
			return nil, err
		}
		if h, ok := latestWith(heads, r.kept); ok {
			c.KeptBy, c.KeptAt = h.officer, h.at
		}
		if h, ok := latestWith(heads, r.other); ok {
			c.OtherBy, c.OtherAt = h.officer, h.at
		}
		c.Kept, c.Other = displayValue(r.kept), displayValue(r.other)
		shown(&c.Ref, &c.Kept, &c.Other, &c.KeptBy, &c.OtherBy)
		out = append(out, c)
	}
	return out, nil
}

// authoredHead is one head of a conflicting register: its value, who made
// it and when.
type authoredHead struct {
	value       json.RawMessage
	officer, at string
	hlc         int64
	replica     string
}

// conflictHeads reads the heads a conflict names ("replica-id:seq", JSON).
func conflictHeads(ctx context.Context, q queryer, entity, field, ids string) ([]authoredHead, error) {
	var names []string
	if err := json.Unmarshal([]byte(ids), &names); err != nil {
		return nil, nil // an unreadable list names nobody; the values still show
	}
	var out []authoredHead
	for _, id := range names {
		rid, seqText, ok := strings.Cut(id, ":")
		seq, err := strconv.ParseInt(seqText, 10, 64)
		if !ok || err != nil {
			continue
		}
		h := authoredHead{replica: rid}
		var op, value string
		err = q.QueryRowContext(ctx, `SELECT c.officer, c.hlc, c.op, c.value FROM change c JOIN replica r ON r.no = c.origin
			WHERE r.id = ? AND c.seq = ?`, rid, seq).Scan(&h.officer, &h.hlc, &op, &value)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, err
		}
		h.value = json.RawMessage(value)
		if op != "set" {
			// The creating fact: the field's initial value is in its body.
			if fh, ok := handlers[entity].fields.lookup(field); ok {
				h.value = fh.initial(h.value)
			}
		}
		h.at = time.UnixMilli(h.hlc >> 16).UTC().Format("2006-01-02T15:04:05Z")
		out = append(out, h)
	}
	return out, nil
}

// latestWith is the latest head (by clock, then replica, as settle picks)
// holding value.
func latestWith(heads []authoredHead, value string) (authoredHead, bool) {
	want := canonicalJSON(json.RawMessage(value))
	var best authoredHead
	found := false
	for _, h := range heads {
		if !bytes.Equal(canonicalJSON(h.value), want) {
			continue
		}
		if !found || h.hlc > best.hlc || (h.hlc == best.hlc && h.replica > best.replica) {
			best, found = h, true
		}
	}
	return best, found
}

// Conflicts lists the open conflicts, oldest first.
func (s *Store) Conflicts(ctx context.Context) ([]Conflict, error) {
	var out []Conflict
	err := s.readTx(ctx, func(q queryer) error {
		rows, err := q.QueryContext(ctx, conflictSelect+" WHERE closed = '' ORDER BY no")
		if err != nil {
			return err
		}
		out, err = scanConflicts(ctx, q, rows)
		return err
	})
	return out, err
}

func (w *writer) openConflictKeys() (map[int64]bool, error) {
	rows, err := w.tx.QueryContext(w.ctx, "SELECT no FROM conflict WHERE closed = ''")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var no int64
		if err := rows.Scan(&no); err != nil {
			return nil, err
		}
		out[no] = true
	}
	return out, rows.Err()
}

func (w *writer) newConflicts(before map[int64]bool) ([]Conflict, error) {
	rows, err := w.tx.QueryContext(w.ctx, conflictSelect+" WHERE closed = '' ORDER BY no")
	if err != nil {
		return nil, err
	}
	all, err := scanConflicts(w.ctx, w.tx, rows)
	if err != nil {
		return nil, err
	}
	var out []Conflict
	for _, c := range all {
		if !before[c.ID] {
			out = append(out, c)
		}
	}
	return out, nil
}

// ResolveConflict settles a conflict: keep "kept" (the value shown now) or
// "other" (the value it beat). The choice is a change made on top of every
// head, so it replicates and closes the conflict everywhere.
func (s *Store) ResolveConflict(ctx context.Context, id int64, keep string) error {
	if keep != "kept" && keep != "other" {
		return invalid("keep", "say --keep kept or --keep other")
	}
	var entity, entityID, field, account, kept, other, closed string
	err := s.db.QueryRowContext(ctx, "SELECT entity, entity_id, field, account, kept, other, closed FROM conflict WHERE no = ?", id).
		Scan(&entity, &entityID, &field, &account, &kept, &other, &closed)
	if errors.Is(err, sql.ErrNoRows) {
		return invalid("id", "no conflict %d: see `caseload conflicts`", id)
	}
	if err != nil {
		return err
	}
	if closed != "" {
		return invalid("id", "conflict %d was settled on %s", id, closed)
	}
	value := kept
	if keep == "other" {
		value = other
	}
	return s.write(ctx, "resolve conflict "+strconv.FormatInt(id, 10), account, func(w *writer) error {
		// set() names every current head as parent, collapsing them.
		var v any
		if err := json.Unmarshal([]byte(value), &v); err != nil {
			return err
		}
		return w.set(entity, entityID, account, field, v)
	})
}

// Duplicate is a pair of ledger entries that look like one payment recorded
// twice (or one transaction reversed twice) on different replicas. Both are
// kept; an officer reviews them (and reverses one if it is a duplicate).
type Duplicate struct {
	ID       int64  `json:"id"`
	Ref      string `json:"ref"`
	First    string `json:"first"`
	Second   string `json:"second"`
	Reason   string `json:"reason"`
	Flagged  string `json:"flagged"`
	Reviewed string `json:"reviewed,omitempty"`
}

// Duplicates lists the probable duplicates not yet reviewed.
func (s *Store) Duplicates(ctx context.Context) ([]Duplicate, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.no, a.ref, d.first, d.second, d.reason, d.flagged, d.reviewed
		FROM duplicate d JOIN account a ON a.no = d.account WHERE d.reviewed = '' ORDER BY d.no`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Duplicate
	for rows.Next() {
		var d Duplicate
		if err := rows.Scan(&d.ID, &d.Ref, &d.First, &d.Second, &d.Reason, &d.Flagged, &d.Reviewed); err != nil {
			return nil, err
		}
		shown(&d.Ref, &d.Reason)
		out = append(out, d)
	}
	return out, rows.Err()
}

// ReviewDuplicate records that an officer looked at a flagged pair (after
// reversing one, or finding both genuine). The flag is local to this
// database; a reversal, if made, syncs like any posting.
func (s *Store) ReviewDuplicate(ctx context.Context, id int64, today domain.Date) error {
	var ref, reviewed string
	err := s.db.QueryRowContext(ctx, "SELECT a.ref, d.reviewed FROM duplicate d JOIN account a ON a.no = d.account WHERE d.no = ?", id).Scan(&ref, &reviewed)
	if errors.Is(err, sql.ErrNoRows) {
		return invalid("id", "no flagged duplicate %d", id)
	}
	if err != nil {
		return err
	}
	if reviewed != "" {
		return invalid("id", "duplicate %d was reviewed on %s", id, reviewed)
	}
	return s.write(ctx, "duplicate reviewed", ref, func(w *writer) error {
		_, err := w.exec("UPDATE duplicate SET reviewed = ? WHERE no = ?", today.String(), id)
		return err
	})
}

// ledgerMixedSQL says whether the ledger holds rows of more than one
// replica (by the (origin, seq) index: two probes).
const ledgerMixedSQL = `SELECT EXISTS (SELECT 1 FROM txn WHERE origin > (SELECT min(origin) FROM txn))`

// flagDuplicates looks at the ledger rows an import added (numbered after
// lastTxn): a payment with the same account, amount, date and method as
// one from another replica is flagged; a second reversal of one
// transaction is voided (kept, not counted) so replicas converge on one
// reversal, and flagged. Both are found by SQL over the indexes, a group
// at a time, so an import of any size holds no more than one group.
func (w *writer) flagDuplicates(lastTxn int64, rep *ImportReport) error {
	// Transactions the import reversed that now have more than one reversal.
	type target struct {
		reverses, ref string
		account       int64
	}
	var doubled []target
	rows, err := w.tx.QueryContext(w.ctx, `SELECT r.reverses, r.account, a.ref FROM txn r JOIN account a ON a.no = r.account
		WHERE r.reverses <> '' AND r.reverses IN (SELECT reverses FROM txn WHERE no > ? AND reverses <> '')
		GROUP BY r.reverses HAVING count(*) > 1`, lastTxn)
	if err != nil {
		return err
	}
	for rows.Next() {
		var t target
		if err := rows.Scan(&t.reverses, &t.account, &t.ref); err != nil {
			rows.Close()
			return err
		}
		doubled = append(doubled, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, t := range doubled {
		if err := w.settleReversals(t.account, t.reverses, t.ref, rep); err != nil {
			return err
		}
	}
	// Accounts the import paid into, then each one's credits in key order:
	// a group with a new payment in it and members from two replicas is
	// flagged pair by pair. A ledger all of one replica has no such group.
	var mixed bool
	if err := w.queryRow(ledgerMixedSQL).Scan(&mixed); err != nil || !mixed {
		return err
	}
	accounts := map[int64]string{}
	rows, err = w.tx.QueryContext(w.ctx, `SELECT DISTINCT t.account, a.ref FROM txn t JOIN account a ON a.no = t.account
		WHERE t.no > ? AND t.amount < 0 AND t.reverses = '' AND t.type IN ('payment', 'hb', 'uc', 'dhp')`, lastTxn)
	if err != nil {
		return err
	}
	for rows.Next() {
		var no int64
		var ref string
		if err := rows.Scan(&no, &ref); err != nil {
			rows.Close()
			return err
		}
		accounts[no] = ref
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for account, ref := range accounts {
		if err := w.flagPaymentGroups(account, ref, lastTxn, rep); err != nil {
			return err
		}
	}
	return nil
}

// flagPaymentGroups walks one account's credits grouped by date, type,
// amount and method, flagging the groups that hold a payment added after
// lastTxn and members from more than one replica.
func (w *writer) flagPaymentGroups(account int64, ref string, lastTxn int64, rep *ImportReport) error {
	type key struct {
		date, typ, meth string
		amount          int64
	}
	type member struct {
		id     string
		origin int64
	}
	var group []member
	var k key
	fresh := false
	settle := func() error {
		if !fresh || !domain.TxnType(k.typ).IsPayment() {
			return nil
		}
		for i := range group {
			for j := i + 1; j < len(group); j++ {
				if group[i].origin == group[j].origin {
					continue // one replica's own repeated payments are its officer's to judge
				}
				reason := fmt.Sprintf("same account, amount (%s), date (%s) and method (%s) recorded on two replicas",
					domain.Pence(-k.amount).Human(), k.date, domain.PaymentMethod(k.meth).Label())
				if err := w.flagPair(account, ref, group[i].id, group[j].id, reason, rep); err != nil {
					return err
				}
			}
		}
		return nil
	}
	rows, err := w.query(`SELECT t.date, t.type, t.amount, t.method, r.id, t.seq, t.origin, t.no > ? FROM txn t
		JOIN replica r ON r.no = t.origin WHERE t.account = ? AND t.amount < 0 AND t.void = 0
		ORDER BY t.date, t.type, t.amount, t.method`, lastTxn, account)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var next key
		var rid string
		var seq, origin int64
		var isNew bool
		if err := rows.Scan(&next.date, &next.typ, &next.amount, &next.meth, &rid, &seq, &origin, &isNew); err != nil {
			return err
		}
		if next != k {
			if err := settle(); err != nil {
				return err
			}
			k, group, fresh = next, group[:0], false
		}
		group = append(group, member{factID(rid, seq), origin})
		fresh = fresh || isNew
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return settle()
}

func (w *writer) flagPair(account int64, ref, a, b, reason string, rep *ImportReport) error {
	first, second := min(a, b), max(a, b)
	res, err := w.exec(`INSERT INTO duplicate(account, first, second, reason, flagged) VALUES(?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		account, first, second, reason, w.s.now().UTC().Format("2006-01-02"))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		no, _ := res.LastInsertId()
		rep.Duplicates = append(rep.Duplicates, Duplicate{ID: no, Ref: ref, First: first, Second: second, Reason: reason})
	}
	return nil
}

// settleReversals makes the first reversal of a transaction (by clock, then
// replica) the one that counts and voids the others, whatever order they
// arrived in.
func (w *writer) settleReversals(account int64, target, ref string, rep *ImportReport) error {
	rows, err := w.tx.QueryContext(w.ctx, `SELECT t.no, r.id, t.seq, c.hlc, t.void, t.amount FROM txn t
		JOIN replica r ON r.no = t.origin JOIN change c ON c.origin = t.origin AND c.seq = t.seq
		WHERE t.reverses <> '' AND t.reverses = ? ORDER BY c.hlc, r.id`, target)
	if err != nil {
		return err
	}
	type rev struct {
		no, amount int64
		id         string
		void       bool
	}
	var revs []rev
	for rows.Next() {
		var r rev
		var rid string
		var seq, hlc int64
		if err := rows.Scan(&r.no, &rid, &seq, &hlc, &r.void, &r.amount); err != nil {
			rows.Close()
			return err
		}
		r.id = factID(rid, seq)
		revs = append(revs, r)
	}
	rows.Close()
	if len(revs) < 2 {
		return nil
	}
	for i, r := range revs {
		void := i > 0
		if void != r.void {
			if _, err := w.exec("UPDATE txn SET void = ? WHERE no = ?", void, r.no); err != nil {
				return err
			}
			w.summaryLedger(account)
		}
		if i > 0 {
			reason := fmt.Sprintf("%s was reversed on two replicas; only %s counts", target, revs[0].id)
			if err := w.flagPair(account, ref, revs[0].id, r.id, reason, rep); err != nil {
				return err
			}
		}
	}
	w.touched[ref] = true
	return nil
}
