package store

// The merge of registers and their conflicts: a set names the heads its
// editor saw; the heads left are merged by winner (latest clock, then
// replica id) and any disagreement is kept as an open conflict row.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// head is one head of a register: the change that set it (or created its
// entity), with its clock for choosing a winner.
type head struct {
	origin, seq int64
	originID    string
	hlc         int64
	value       json.RawMessage
}

func (h head) id() string { return h.originID + ":" + strconv.FormatInt(h.seq, 10) }

// heads lists a register's heads, resolving the implicit head (the change
// that created the entity) when the register has never been edited.
func (w *writer) heads(entity, entityID, field string) ([]head, error) {
	st, err := w.stmt("SELECT origin, seq FROM reg_head WHERE entity = ? AND entity_id = ? AND field = ? ORDER BY origin, seq")
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(w.ctx, entity, entityID, field)
	if err != nil {
		return nil, err
	}
	var keys [][2]int64
	for rows.Next() {
		var k [2]int64
		if err := rows.Scan(&k[0], &k[1]); err != nil {
			rows.Close()
			return nil, err
		}
		keys = append(keys, k)
	}
	rows.Close()
	if len(keys) == 0 {
		o, s, err := handlers[entity].creator(w, entityID)
		if err != nil {
			return nil, err
		}
		keys = append(keys, [2]int64{o, s})
	}
	out := make([]head, 0, len(keys))
	for _, k := range keys {
		h, err := w.headValue(entity, field, k[0], k[1])
		if err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, nil
}

// headValue reads the value a head gives a register: a set's value, or the
// field's initial value from the creating fact.
func (w *writer) headValue(entity, field string, origin, seq int64) (head, error) {
	h := head{origin: origin, seq: seq}
	var op, value string
	if err := w.queryRow("SELECT hlc, op, value FROM change WHERE origin = ? AND seq = ?", origin, seq).Scan(&h.hlc, &op, &value); err != nil {
		return h, fmt.Errorf("read change %d:%d: %w", origin, seq, err)
	}
	id, err := w.replicaOf(origin)
	if err != nil {
		return h, err
	}
	h.originID = id
	if op == "set" {
		h.value = json.RawMessage(value)
		return h, nil
	}
	fh, _ := handlers[entity].fields.lookup(field)
	h.value = fh.initial(json.RawMessage(value))
	return h, nil
}

// applySet places a set change among its register's heads, materialises
// the winning value and opens or closes the register's conflict.
func (w *writer) applySet(c Change, origin int64, fh fieldHandler) error {
	// Make the implicit head explicit before the register's first edit.
	var n int
	if err := w.queryRow("SELECT count(*) FROM reg_head WHERE entity = ? AND entity_id = ? AND field = ?", c.Entity, c.EntityID, c.Field).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		co, cs, err := handlers[c.Entity].creator(w, c.EntityID)
		if err != nil {
			return err
		}
		if _, err := w.exec("INSERT INTO reg_head VALUES(?, ?, ?, ?, ?)", c.Entity, c.EntityID, c.Field, co, cs); err != nil {
			return err
		}
	}
	for _, p := range c.Parents {
		po, ps, err := w.parseChangeID(p)
		if err != nil {
			return err
		}
		if _, err := w.exec("INSERT INTO change_parent VALUES(?, ?, ?, ?) ON CONFLICT DO NOTHING", po, ps, origin, c.Seq); err != nil {
			return err
		}
		if _, err := w.exec("DELETE FROM reg_head WHERE entity = ? AND entity_id = ? AND field = ? AND origin = ? AND seq = ?",
			c.Entity, c.EntityID, c.Field, po, ps); err != nil {
			return err
		}
	}
	// A change that a later one (already here) names as parent is not a head.
	var superseded int
	if err := w.queryRow("SELECT count(*) FROM change_parent WHERE parent_origin = ? AND parent_seq = ?", origin, c.Seq).Scan(&superseded); err != nil {
		return err
	}
	if superseded == 0 {
		if _, err := w.exec("INSERT INTO reg_head VALUES(?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", c.Entity, c.EntityID, c.Field, origin, c.Seq); err != nil {
			return err
		}
	}
	return w.settle(c.Entity, c.EntityID, c.Account, c.Field, fh)
}

// settle materialises a register's winner (max hlc, then replica id) and
// keeps its conflict row in step with its heads.
func (w *writer) settle(entity, entityID, account, field string, fh fieldHandler) error {
	heads, err := w.heads(entity, entityID, field)
	if err != nil {
		return err
	}
	win := winner(heads)
	if err := fh.apply(w, entityID, field, win.value); err != nil {
		return err
	}
	var others []head
	for _, h := range heads {
		if !bytes.Equal(canonicalJSON(h.value), canonicalJSON(win.value)) {
			others = append(others, h)
		}
	}
	if len(others) == 0 {
		_, err := w.exec("UPDATE conflict SET closed = ? WHERE entity = ? AND entity_id = ? AND field = ? AND closed = ''",
			w.s.now().UTC().Format("2006-01-02"), entity, entityID, field)
		return err
	}
	other := winner(others)
	ids := make([]string, len(heads))
	for i, h := range heads {
		ids[i] = h.id()
	}
	headsJSON, _ := json.Marshal(ids)
	_, err = w.exec(`INSERT INTO conflict(entity, entity_id, field, account, kept, other, heads, raised) VALUES(?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(entity, entity_id, field) WHERE closed = '' DO UPDATE SET kept = excluded.kept, other = excluded.other, heads = excluded.heads`,
		entity, entityID, field, account, string(win.value), string(other.value), string(headsJSON), w.s.now().UTC().Format("2006-01-02"))
	return err
}

// winner is the head that wins a register: the latest clock, then the
// greater replica id, so every replica picks the same one.
func winner(heads []head) head {
	win := heads[0]
	for _, h := range heads[1:] {
		if h.hlc > win.hlc || (h.hlc == win.hlc && h.originID > win.originID) {
			win = h
		}
	}
	return win
}

func (w *writer) parseChangeID(s string) (int64, int64, error) {
	id, seqText, ok := strings.Cut(s, ":")
	seq, err := strconv.ParseInt(seqText, 10, 64)
	if !ok || err != nil || id == "" {
		return 0, 0, fmt.Errorf("bad change id %q", s)
	}
	no, err := w.replicaNumber(id, "")
	return no, seq, err
}

// secondCreation makes both creations of one entity explicit heads of each
// of its fields and settles them.
func (w *writer) secondCreation(entity, entityID, account string, origin, seq int64) error {
	h := handlers[entity]
	co, cs, err := h.creator(w, entityID)
	if err != nil {
		return err
	}
	for name, fh := range h.fields {
		if strings.HasSuffix(name, ":*") {
			continue
		}
		var n int
		if err := w.queryRow("SELECT count(*) FROM reg_head WHERE entity = ? AND entity_id = ? AND field = ?", entity, entityID, name).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			if _, err := w.exec("INSERT INTO reg_head VALUES(?, ?, ?, ?, ?)", entity, entityID, name, co, cs); err != nil {
				return err
			}
		}
		if _, err := w.exec("INSERT INTO reg_head VALUES(?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", entity, entityID, name, origin, seq); err != nil {
			return err
		}
		if err := w.settle(entity, entityID, account, name, fh); err != nil {
			return err
		}
	}
	return nil
}
