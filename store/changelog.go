package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"caseload/domain"
)

// Change is one entry of the change log, as stored and as carried in sync
// packs. Its identity is (Origin, Seq). An "add" is an immutable fact whose
// body is Value; a "set" assigns Field of a register on (Entity, EntityID),
// naming in Parents the heads the editor saw (DESIGN.md "Sync by file").
type Change struct {
	Origin   string          `json:"origin"`
	Seq      int64           `json:"seq"`
	HLC      int64           `json:"hlc"`
	Officer  string          `json:"officer"`
	Entity   string          `json:"entity"`
	EntityID string          `json:"entity_id"`
	Account  string          `json:"account,omitempty"`
	Op       string          `json:"op"`
	Field    string          `json:"field,omitempty"`
	Value    json.RawMessage `json:"value"`
	Parents  []string        `json:"parents,omitempty"`
	// Prev and Sum are the change's place in its origin's hash chain
	// (store/chain.go): the previous change's hash (or "pre-chain") and
	// this change's own, both hex.
	Prev string `json:"prev,omitempty"`
	Sum  string `json:"hash,omitempty"`
}

// ID is the change's identity as text, "replica-id:seq".
func (c Change) ID() string { return c.Origin + ":" + strconv.FormatInt(c.Seq, 10) }

// Hash is the SHA-256 of the change's canonical JSON: two changes with the
// same identity and different hashes mean a replica reused its numbers.
func (c Change) Hash() string {
	b, _ := json.Marshal(c)
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// factID is the id of a fact added by change (origin, seq): the replica's
// short id and the sequence number, e.g. "9f3a61c2-1042".
func factID(originID string, seq int64) string {
	short := originID
	if len(short) > 8 {
		short = short[:8]
	}
	return short + "-" + strconv.FormatInt(seq, 10)
}

// logRow is one row of the change table as stored: a ledger fact's value
// is empty (its txn row is the body), parents are JSON, prev is nil for a
// pre-chain change.
type logRow struct {
	origin, seq, hlc                                              int64
	officer, entity, entityID, account, op, field, value, parents string
	prev, sum                                                     []byte
}

// logChanges appends rows to the change log, many to a statement; it is
// the one place that writes the change table, for local writes, imports
// and bulk loads alike. A row whose (origin, seq) is already in the log is
// left as it is: added says how many rows were written. When every row was
// written they count as this write's changes and their accounts as touched.
func (w *writer) logChanges(rows []logRow) (added int64, err error) {
	const cols = "INSERT INTO change(origin, seq, hlc, officer, entity, entity_id, account, op, field, value, parents, prev, hash) VALUES "
	for len(rows) > 0 {
		n := min(len(rows), bulkRows)
		chunk := rows[:n]
		rows = rows[n:]
		args := make([]any, 0, n*13)
		for _, r := range chunk {
			args = append(args, r.origin, r.seq, r.hlc, r.officer, r.entity, r.entityID, r.account, r.op, r.field, r.value, r.parents, r.prev, r.sum)
		}
		res, err := w.exec(bulkInsert(cols, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", n)+" ON CONFLICT DO NOTHING", args...)
		if err != nil {
			return added, err
		}
		k, err := res.RowsAffected()
		if err != nil {
			return added, err
		}
		added += k
		if k != int64(n) {
			continue
		}
		w.changes += n
		for _, r := range chunk {
			if r.account != "" {
				w.touched[r.account] = true
			}
		}
	}
	return added, nil
}

// errReplay marks a change already in the log with different content.
var errReplay = errors.New("change number reused with different content")

// apply appends c to the change log and materialises it. It is the one path
// for local writes and imported changes alike. applied is false when the
// change was already present (same content).
func (w *writer) apply(c Change) (applied bool, err error) {
	origin, err := w.replicaNumber(c.Origin, "")
	if err != nil {
		return false, err
	}
	h, ok := handlers[c.Entity]
	if !ok {
		return false, fmt.Errorf("unknown entity %q", c.Entity)
	}
	stored := string(c.Value)
	if c.Entity == entityTxn {
		stored = "" // the txn row is the body
	}
	parents := ""
	if len(c.Parents) > 0 {
		b, _ := json.Marshal(c.Parents)
		parents = string(b)
	}
	if c.Sum == "" && c.Origin == w.s.self.ID {
		w.seal(&c, canonicalFor(c))
	}
	prev, err := prevBytes(c.Prev)
	if err != nil {
		return false, err
	}
	sum, err := hex.DecodeString(c.Sum)
	if err != nil {
		return false, fmt.Errorf("change %s: bad hash", c.ID())
	}
	added, err := w.logChanges([]logRow{{origin: origin, seq: c.Seq, hlc: c.HLC, officer: c.Officer, entity: c.Entity,
		entityID: c.EntityID, account: c.Account, op: c.Op, field: c.Field, value: stored, parents: parents, prev: prev, sum: sum}})
	if err != nil {
		return false, err
	}
	if added == 0 {
		have, err := w.loadChange(origin, c.Seq)
		if err != nil {
			return false, err
		}
		if !sameChange(have, c) {
			return false, fmt.Errorf("%w: %s", errReplay, c.ID())
		}
		return false, nil
	}
	switch c.Op {
	case "add":
		if h.add == nil {
			return false, fmt.Errorf("%s changes cannot be added", c.Entity)
		}
		return true, h.add(w, c, origin)
	case "set":
		fh, ok := h.fields.lookup(c.Field)
		if !ok {
			return false, fmt.Errorf("unknown field %s.%s", c.Entity, c.Field)
		}
		return true, w.applySet(c, origin, fh)
	}
	return false, fmt.Errorf("unknown op %q", c.Op)
}

// sameChange compares two changes by canonical content and, when both
// carry one, by their place in the chain.
func sameChange(a, b Change) bool {
	if a.Sum != "" && b.Sum != "" && (a.Sum != b.Sum || a.Prev != b.Prev) {
		return false
	}
	ca, cb := a, b
	ca.Value, cb.Value = canonicalJSON(a.Value), canonicalJSON(b.Value)
	ca.Prev, ca.Sum, cb.Prev, cb.Sum = "", "", "", ""
	return ca.Hash() == cb.Hash()
}

func canonicalJSON(v json.RawMessage) json.RawMessage {
	var x any
	if err := json.Unmarshal(v, &x); err != nil {
		return v
	}
	b, _ := json.Marshal(x)
	return b
}

// loadChange reads one change back from the log (the txn body from its row).
func (w *writer) loadChange(origin, seq int64) (Change, error) {
	var c Change
	var stored, parents string
	var prev, sum []byte
	err := w.queryRow(`SELECT hlc, officer, entity, entity_id, account, op, field, value, parents, prev, hash FROM change WHERE origin = ? AND seq = ?`, origin, seq).
		Scan(&c.HLC, &c.Officer, &c.Entity, &c.EntityID, &c.Account, &c.Op, &c.Field, &stored, &parents, &prev, &sum)
	if err != nil {
		return c, err
	}
	if sum != nil {
		c.Prev, c.Sum = prevText(prev), hex.EncodeToString(sum)
	}
	c.Origin, err = w.replicaOf(origin)
	if err != nil {
		return c, err
	}
	c.Seq = seq
	c.Value = json.RawMessage(stored)
	if parents != "" {
		if err := json.Unmarshal([]byte(parents), &c.Parents); err != nil {
			return c, err
		}
	}
	if c.Entity == entityTxn {
		body, err := txnBodyByChange(w.ctx, w.tx, origin, seq)
		if err != nil {
			return c, err
		}
		c.Value, _ = json.Marshal(body)
	}
	return c, nil
}

// dateText converts a stored date.
func dateText(s string) domain.Date {
	if s == "" {
		return domain.Date{}
	}
	d, _ := domain.ParseDate(s)
	return d
}
