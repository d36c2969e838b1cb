package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

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

// writer is one write transaction: every domain change made through it is
// appended to the change log and applied to the materialised tables in the
// same SQLite transaction, with one audit row for the whole write.
type writer struct {
	ctx     context.Context
	s       *Store
	tx      *sql.Tx
	officer string
	seq     int64 // next sequence number for changes from self
	clock   hlc
	// deltas are balance changes per account number, applied at commit so
	// a bulk load updates each account once.
	deltas map[int64]int64
	// lastPay tracks the latest payment date per account, applied at commit.
	lastPay map[int64]string
	// relast are accounts whose last payment must be worked out again from
	// the ledger (a payment was reversed, or rows came from elsewhere).
	relast map[int64]bool
	// replicaNo caches replica id → local number.
	replicaNo map[string]int64
	replicaID map[int64]string
	stmts     map[string]*sql.Stmt
	// touched accounts (refs) whose caches the TUI should reload.
	touched map[string]bool
	// notices are things the officer should be told (card numbers masked…).
	notices []string
	// auditDetail is kept on the write's audit row (a write-off's approver,
	// an override's reason).
	auditDetail string
	// changes counts the changes written.
	changes int
	// imported are the ledger rows added from other replicas.
	imported []importedTxn
	// accounts caches ref → local account number.
	accounts map[string]int64
	// reference is set when a reference table in force changed: the store
	// reads its tables again after the commit.
	reference bool
	// chainLast is the hash of this replica's latest change.
	chainLast []byte
}

// write runs fn in one transaction with its change-log rows and one audit
// row; on any error nothing is written.
func (s *Store) write(ctx context.Context, action, account string, fn func(w *writer) error) error {
	_, err := s.writeReport(ctx, action, account, fn)
	return err
}

func (s *Store) writeReport(ctx context.Context, action, account string, fn func(w *writer) error) (*writer, error) {
	tx, err := s.beginWrite(ctx)
	if IsBusy(err) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("start a write: %w", err)
	}
	defer tx.Rollback()
	if job, ok := ctx.Value(jobKey{}).(string); ok {
		s.writeNote(job)
		defer s.removeNote()
	}
	w := &writer{
		ctx: ctx, s: s, tx: tx, officer: s.officer,
		deltas: map[int64]int64{}, lastPay: map[int64]string{}, relast: map[int64]bool{},
		replicaNo: map[string]int64{s.self.ID: s.self.No},
		replicaID: map[int64]string{s.self.No: s.self.ID},
		stmts:     map[string]*sql.Stmt{}, touched: map[string]bool{}, accounts: map[string]int64{},
	}
	var last int64
	if err := tx.QueryRowContext(ctx, "SELECT next_seq, hlc FROM replica_state WHERE one = 1").Scan(&w.seq, &last); err != nil {
		return nil, fmt.Errorf("read the replica state: %w", err)
	}
	w.clock = hlc{last: last, now: s.now}
	if err := w.loadChainLast(); err != nil {
		return nil, err
	}
	if err := fn(w); err != nil {
		return nil, err
	}
	if err := w.flush(); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE replica_state SET next_seq = ?, hlc = ? WHERE one = 1", w.seq, w.clock.last); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO audit(at, officer, action, account, detail) VALUES(?, ?, ?, ?, ?)",
		s.now().UTC().Format("2006-01-02T15:04:05Z"), w.officer, action, account, w.auditDetail); err != nil {
		return nil, err
	}
	for _, st := range w.stmts {
		st.Close()
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	if w.reference {
		return w, s.loadReference(ctx)
	}
	return w, nil
}

// flush applies the accumulated balance deltas and last-payment dates.
func (w *writer) flush() error {
	for no, d := range w.deltas {
		if d == 0 {
			continue
		}
		if _, err := w.exec("UPDATE account SET balance = balance + ? WHERE no = ?", d, no); err != nil {
			return err
		}
	}
	for no, date := range w.lastPay {
		if w.relast[no] {
			continue
		}
		if _, err := w.exec("UPDATE account SET last_payment = ? WHERE no = ? AND last_payment < ?", date, no, date); err != nil {
			return err
		}
	}
	for no := range w.relast {
		if _, err := w.exec("UPDATE account SET last_payment = "+lastPaymentSQL+" WHERE no = ?", no); err != nil {
			return err
		}
	}
	w.deltas = map[int64]int64{}
	w.lastPay = map[int64]string{}
	w.relast = map[int64]bool{}
	return nil
}

// lastPaymentSQL is an account's last payment from its ledger: the latest
// payment (of the resident or benefit) that counts and was not reversed.
// Saying reverses is not empty lets SQLite use the partial index of reversals.
const lastPaymentSQL = `COALESCE((SELECT max(t.date) FROM txn t JOIN replica r ON r.no = t.origin
	WHERE t.account = account.no AND t.amount < 0 AND t.void = 0 AND t.type IN ('payment', 'hb', 'uc', 'dhp')
	AND NOT EXISTS (SELECT 1 FROM txn v WHERE v.reverses <> '' AND v.reverses = substr(r.id, 1, 8) || '-' || t.seq AND v.void = 0)), '')`

// stmt prepares a statement once per write.
func (w *writer) stmt(q string) (*sql.Stmt, error) {
	if st, ok := w.stmts[q]; ok {
		return st, nil
	}
	st, err := w.tx.PrepareContext(w.ctx, q)
	if err != nil {
		return nil, err
	}
	w.stmts[q] = st
	return st, nil
}

func (w *writer) exec(q string, args ...any) (sql.Result, error) {
	st, err := w.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(w.ctx, args...)
}

func (w *writer) queryRow(q string, args ...any) *sql.Row {
	st, err := w.stmt(q)
	if err != nil {
		return w.tx.QueryRowContext(w.ctx, q, args...)
	}
	return st.QueryRowContext(w.ctx, args...)
}

func (w *writer) notice(format string, args ...any) {
	w.notices = append(w.notices, fmt.Sprintf(format, args...))
}

// add records a new fact from this replica and applies it; it returns the
// fact's id.
func (w *writer) add(entity, account string, body any) (string, error) {
	return w.addBy(w.officer, entity, account, body)
}

// addBy is add recorded under the officer named.
func (w *writer) addBy(officer, entity, account string, body any) (string, error) {
	v, err := json.Marshal(body)
	if err != nil {
		return "", err
	}
	c := Change{
		Origin: w.s.self.ID, Seq: w.seq, HLC: w.clock.Now(), Officer: officer,
		Entity: entity, Account: account, Op: "add", Value: v,
	}
	c.EntityID = factID(c.Origin, c.Seq)
	if entity == entityAccount {
		c.EntityID = account
	}
	w.seq++
	if _, err := w.apply(c); err != nil {
		return "", err
	}
	return c.EntityID, nil
}

// set assigns a register field from this replica, on top of the heads it
// currently has (so it simply applies, and never raises a conflict here).
func (w *writer) set(entity, entityID, account, field string, value any) error {
	return w.setBy(w.officer, entity, entityID, account, field, value)
}

// setBy is set recorded under the officer named.
func (w *writer) setBy(officer, entity, entityID, account, field string, value any) error {
	v, err := json.Marshal(value)
	if err != nil {
		return err
	}
	heads, err := w.heads(entity, entityID, field)
	if err != nil {
		return err
	}
	parents := make([]string, len(heads))
	for i, h := range heads {
		parents[i] = h.id()
	}
	c := Change{
		Origin: w.s.self.ID, Seq: w.seq, HLC: w.clock.Now(), Officer: officer,
		Entity: entity, EntityID: entityID, Account: account, Op: "set", Field: field,
		Value: v, Parents: parents,
	}
	w.seq++
	_, err = w.apply(c)
	return err
}

// replicaNumber maps a replica id to its local number, registering a replica
// seen for the first time under a provisional name.
func (w *writer) replicaNumber(id, name string) (int64, error) {
	if no, ok := w.replicaNo[id]; ok {
		return no, nil
	}
	var no int64
	err := w.queryRow("SELECT no FROM replica WHERE id = ?", id).Scan(&no)
	if errors.Is(err, sql.ErrNoRows) {
		if name == "" {
			name = "replica " + id[:min(8, len(id))]
		}
		res, err := w.exec("INSERT INTO replica(id, name) VALUES(?, ?)", id, name)
		if err != nil {
			return 0, err
		}
		no, _ = res.LastInsertId()
	} else if err != nil {
		return 0, err
	}
	w.replicaNo[id] = no
	w.replicaID[no] = id
	return no, nil
}

func (w *writer) replicaOf(no int64) (string, error) {
	if id, ok := w.replicaID[no]; ok {
		return id, nil
	}
	var id string
	if err := w.queryRow("SELECT id FROM replica WHERE no = ?", no).Scan(&id); err != nil {
		return "", err
	}
	w.replicaID[no] = id
	w.replicaNo[id] = no
	return id, nil
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
	res, err := w.exec(`INSERT INTO change(origin, seq, hlc, officer, entity, entity_id, account, op, field, value, parents, prev, hash)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		origin, c.Seq, c.HLC, c.Officer, c.Entity, c.EntityID, c.Account, c.Op, c.Field, stored, parents, prev, sum)
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		have, err := w.loadChange(origin, c.Seq)
		if err != nil {
			return false, err
		}
		if !sameChange(have, c) {
			return false, fmt.Errorf("%w: %s", errReplay, c.ID())
		}
		return false, nil
	}
	w.changes++
	if c.Account != "" {
		w.touched[c.Account] = true
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

// hlc is a hybrid logical clock: 48 bits of Unix milliseconds and a 16-bit
// counter, never going backwards, so later local edits sort after
// everything this replica has seen.
type hlc struct {
	last int64
	now  func() time.Time
}

func (c *hlc) Now() int64 {
	phys := c.now().UnixMilli() << 16
	if phys > c.last {
		c.last = phys
	} else {
		c.last++
	}
	return c.last
}

// maxClockLead is how far ahead of this machine's wall clock a remote
// timestamp may pull the clock; a laptop with a clock days fast must not
// drag every later edit here into its future.
const maxClockLead = 24 * time.Hour

// Observe moves the clock past a remote timestamp, up to maxClockLead
// ahead of the wall clock; it reports whether the remote was too far ahead.
func (c *hlc) Observe(remote int64) (tooFast bool) {
	limit := c.now().Add(maxClockLead).UnixMilli() << 16
	if remote > limit {
		remote, tooFast = limit, true
	}
	if remote > c.last {
		c.last = remote
	}
	return tooFast
}

// dateText converts a stored date.
func dateText(s string) domain.Date {
	if s == "" {
		return domain.Date{}
	}
	d, _ := domain.ParseDate(s)
	return d
}
