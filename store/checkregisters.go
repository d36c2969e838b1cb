package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// errCheckDone ends the register check's transaction, which is always
// rolled back.
var errCheckDone = errors.New("register check done")

// registerTables read an entity's materialised registers, one row per
// column, so the values before and after re-applying the change log can
// be compared column by column.
var registerTables = []struct {
	entity, list, read string
}{
	{entityAccount, "SELECT ref FROM account ORDER BY ref",
		`SELECT r.name, r.phone, r.email, r.vulnerable, p.address, p.postcode, p.property_type, a.kind, a.tenancy_type,
			a.status, a.start_date, a.end_date, a.rent_free_weeks, a.payment_method, a.uc_claimant, a.managed_payment,
			a.officer, a.paused_until, a.pause_reason
			FROM account a JOIN resident r ON r.no = a.resident JOIN property p ON p.no = a.property WHERE a.ref = ?`},
	{entityNote, "SELECT id FROM note ORDER BY id", "SELECT done_on FROM note WHERE id = ?"},
	{entityArrangement, "SELECT id FROM arrangement ORDER BY id", "SELECT cancelled_on, cancel_reason FROM arrangement WHERE id = ?"},
	{entityRTB, "SELECT id FROM rtb_case ORDER BY id",
		"SELECT 'fraud:' || item, status, on_date, note FROM rtb_check WHERE rtb = (SELECT no FROM rtb_case WHERE id = ?) ORDER BY item"},
}

// checkRegisters compares every materialised register with the value its
// change log gives it: in a transaction that is always rolled back, each
// register's winner is applied again through the same code that applied
// it first, and any value that moves was edited outside caseload. It
// reports the first register of each entity kind that differs.
func (s *Store) checkRegisters(ctx context.Context, add func(format string, args ...any)) error {
	_, err := s.writeReport(ctx, "check", "", func(w *writer) error {
		for _, rt := range registerTables {
			ids, err := w.strings(rt.list)
			if err != nil {
				return err
			}
			set, err := w.setFields(rt.entity)
			if err != nil {
				return err
			}
			bad := 0
			for _, id := range ids {
				before, cols, err := w.snapshot(rt.read, id)
				if err != nil {
					return err
				}
				if err := w.reapply(rt.entity, id, set[id]); err != nil {
					return fmt.Errorf("%s %s: %w", rt.entity, id, err)
				}
				after, _, err := w.snapshot(rt.read, id)
				if err != nil {
					return err
				}
				if diff := differs(cols, before, after); diff != "" {
					if bad == 0 {
						add("%s %s: %s: edited outside caseload", rt.entity, id, diff)
					}
					bad++
				}
			}
			if bad > 1 {
				add("%d %s records in all differ from their change log", bad, rt.entity)
			}
		}
		return errCheckDone
	})
	if errors.Is(err, errCheckDone) || errors.Is(err, errChainTail) {
		return nil // a lost hash is reported by the chain walk
	}
	return err
}

// setFields reads, in one pass over the change log, the fields each of an
// entity's records has had set, in field order: one query per entity kind
// rather than one per record, as the change log has no index by entity.
func (w *writer) setFields(entity string) (map[string][]string, error) {
	rows, err := w.tx.QueryContext(w.ctx, "SELECT DISTINCT entity_id, field FROM change WHERE entity = ? AND op = 'set' ORDER BY entity_id, field", entity)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	set := map[string][]string{}
	for rows.Next() {
		var id, field string
		if err := rows.Scan(&id, &field); err != nil {
			return nil, err
		}
		set[id] = append(set[id], field)
	}
	return set, rows.Err()
}

// reapply applies the winner of each of an entity's registers again: its
// static fields and set, the fields its change log has set (see setFields).
func (w *writer) reapply(entity, id string, set []string) error {
	h := handlers[entity]
	var fields []string
	for name := range h.fields {
		if !strings.HasSuffix(name, ":*") {
			fields = append(fields, name)
		}
	}
	for _, f := range set {
		if _, static := h.fields[f]; !static {
			fields = append(fields, f)
		}
	}
	for _, field := range fields {
		fh, ok := h.fields.lookup(field)
		if !ok {
			continue
		}
		heads, err := w.heads(entity, id, field)
		if err != nil {
			return err
		}
		if err := fh.apply(w, id, field, winner(heads).value); err != nil {
			return err
		}
	}
	return nil
}

// strings runs a query of one text column.
func (w *writer) strings(q string, args ...any) ([]string, error) {
	rows, err := w.tx.QueryContext(w.ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// snapshot reads an entity's register rows as text, column by column.
func (w *writer) snapshot(q, id string) ([]string, []string, error) {
	st, err := w.stmt(q)
	if err != nil {
		return nil, nil, err
	}
	rows, err := st.QueryContext(w.ctx, id)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, nil, err
		}
		for _, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			out = append(out, fmt.Sprint(v))
		}
	}
	return out, cols, rows.Err()
}

// differs names the first column whose value moved.
func differs(cols, before, after []string) string {
	if len(before) != len(after) {
		return fmt.Sprintf("%d value(s) here but %d in the change log", len(before), len(after))
	}
	for i := range before {
		if before[i] != after[i] {
			return fmt.Sprintf("%s is %q here but %q in the change log", cols[i%len(cols)], before[i], after[i])
		}
	}
	return ""
}
