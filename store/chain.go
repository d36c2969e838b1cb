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

	"caseload/domain"
)

// The tamper-evident change log (DESIGN.md "Identity and proof"). Every
// change carries the SHA-256 of its canonical content and of the hash of
// the previous change of the same origin, so a change edited behind the
// software's back no longer matches its hash, and an edit that recomputes
// it breaks the link to the next change. The chain is checked by `check`,
// on import (a pack whose chain does not verify is refused whole) and on
// export (a replica never sends a change that does not verify).
//
// Changes made before the chain existed are "pre-chain": each is hashed on
// its own (prev "pre-chain"), because a replica holding only part of an
// origin's history cannot compute that origin's links, and every replica
// must compute the same hash for the same change.

const (
	// preChain is the prev of a change made before the chain existed.
	preChain = "pre-chain"
	// chainDomain separates our hashes from any other SHA-256 use.
	chainDomain = "caseload-change/1"
)

// genesis is the prev of an origin's first change.
var genesis = make([]byte, sha256.Size)

// chainSum is the hash of a change given its prev (hex, or preChain).
// Value is taken in canonical form (keys sorted, numbers as written, no
// spacing), so a change hashes the same on every replica whatever a pack
// did to its spacing or key order.
func chainSum(prev string, c Change) []byte {
	return chainSumCanonical(prev, c, canonicalFor(c))
}

// canonicalFor is a change's value as hashed. A ledger fact's body is
// rebuilt from its ledger row wherever it is read, so it is hashed in the
// form that rebuild gives (txnJSON); any other value in canonical JSON.
func canonicalFor(c Change) []byte {
	if c.Entity == entityTxn {
		var b txnBody
		if err := json.Unmarshal(c.Value, &b); err == nil {
			return txnJSON(b)
		}
	}
	return canonicalValue(c.Value)
}

// txnJSON is a ledger body as carried in packs and hashed.
func txnJSON(b txnBody) []byte { return appendTxnJSON(make([]byte, 0, 128), &b) }

// chainSumCanonical is the hash of a change given its prev and its value
// in canonical form (canonicalFor).
func chainSumCanonical(prev string, c Change, value []byte) []byte {
	if len(value) == 0 {
		value = []byte("null")
	}
	h := sha256.Sum256(appendHashed(make([]byte, 0, 320+len(value)), prev, &c, value))
	return h[:]
}

// canonicalValue is a JSON value with object keys sorted and numbers kept
// as written; text that is not JSON (never stored, but a pack may say
// anything) is hashed as a JSON string of itself.
func canonicalValue(v json.RawMessage) []byte {
	if len(v) == 0 {
		return []byte("null")
	}
	dec := json.NewDecoder(bytes.NewReader(v))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err == nil && !dec.More() {
		if b, err := json.Marshal(x); err == nil {
			return b
		}
	}
	b, _ := json.Marshal(string(v))
	return b
}

// prevText is a stored prev as carried in packs: hex, or preChain (NULL).
func prevText(prev []byte) string {
	if prev == nil {
		return preChain
	}
	return hex.EncodeToString(prev)
}

// prevBytes is the stored form of a prev: NULL for preChain.
func prevBytes(prev string) ([]byte, error) {
	if prev == preChain {
		return nil, nil
	}
	b, err := hex.DecodeString(prev)
	if err != nil || len(b) != sha256.Size {
		return nil, fmt.Errorf("bad chain link %q", prev)
	}
	return b, nil
}

// seal gives a new local change its place in this replica's chain.
func (w *writer) seal(c *Change, value []byte) []byte {
	prev := hex.EncodeToString(w.chainLast)
	sum := chainSumCanonical(prev, *c, value)
	c.Prev, c.Sum = prev, hex.EncodeToString(sum)
	w.chainLast = sum
	return sum
}

// errChainTail refuses writes on a change log whose last entry lost its
// hash: a new change could not be chained to it.
var errChainTail = errors.New("the change log's last entry has no hash (altered outside caseload): run caseload check; nothing was written")

// loadChainLast reads the hash of this replica's latest change.
func (w *writer) loadChainLast() error {
	w.chainLast = genesis
	if w.seq <= 1 {
		return nil
	}
	var sum []byte
	err := w.tx.QueryRowContext(w.ctx, "SELECT hash FROM change WHERE origin = ? AND seq = ?", w.s.self.No, w.seq-1).Scan(&sum)
	if err != nil {
		return fmt.Errorf("read the change log's last entry: %w", err)
	}
	if len(sum) != sha256.Size {
		return errChainTail
	}
	w.chainLast = sum
	return nil
}

// ChainError is a change whose hash or link does not verify.
type ChainError struct {
	ID     string // the change, "replica-id:seq"
	Reason string
}

func (e *ChainError) Error() string { return "change " + e.ID + " " + e.Reason }

// verifyOwnHash checks a change's hash against its content and prev.
func verifyOwnHash(c Change) error { return verifyHash(c, canonicalFor(c)) }

// verifyHash is verifyOwnHash with the change's value in canonical form.
func verifyHash(c Change, value []byte) error {
	if _, err := prevBytes(c.Prev); err != nil {
		return &ChainError{c.ID(), "has a malformed chain link"}
	}
	if c.Seq == 1 && c.Prev != preChain && c.Prev != hex.EncodeToString(genesis) {
		return &ChainError{c.ID(), "is its replica's first change but links to an earlier one"}
	}
	if hex.EncodeToString(chainSumCanonical(c.Prev, c, value)) != c.Sum {
		return &ChainError{c.ID(), "does not match its hash"}
	}
	return nil
}

// linked reports whether a change with prev follows the change with hash
// sum: a chained change names its predecessor's hash; a pre-chain change
// may only follow another pre-chain change.
func linked(sum, prev string) bool {
	return prev == sum || prev == preChain
}

// verifyStored checks a change read from this database against its stored
// hash, so an edit behind the software's back is never exported.
func verifyStored(c Change) error {
	if c.Sum == "" {
		return &ChainError{c.ID(), "has no hash"}
	}
	if c.Entity == entityTxn {
		// scanChange rebuilt the body from its row: canonical already.
		return verifyHash(c, c.Value)
	}
	return verifyOwnHash(c)
}

// sealPreChain hashes every change held before the chain existed, each on
// its own (see the package note above). It runs once, in the migration's
// transaction.
func sealPreChain(ctx context.Context, tx *sql.Tx) error {
	replicas, err := replicaIDs(ctx, tx)
	if err != nil {
		return err
	}
	upd, err := tx.PrepareContext(ctx, "UPDATE change SET prev = NULL, hash = ? WHERE origin = ? AND seq = ?")
	if err != nil {
		return err
	}
	defer upd.Close()
	var last struct{ origin, seq int64 }
	for {
		changes, origins, err := readChanges(ctx, tx, `WHERE (c.origin, c.seq) > (?, ?)`, []any{last.origin, last.seq}, replicas, 5000)
		if err != nil {
			return fmt.Errorf("hash the change log: %w", err)
		}
		if len(changes) == 0 {
			return nil
		}
		for i, c := range changes {
			if _, err := upd.ExecContext(ctx, chainSum(preChain, c), origins[i], c.Seq); err != nil {
				return fmt.Errorf("hash the change log: %w", err)
			}
			last.origin, last.seq = origins[i], c.Seq
		}
	}
}

// changeColumns read a change with its ledger row (for txn facts) and its
// chain; rowAccount is the ref of the account the ledger row is on.
const changeColumns = `c.origin, c.seq, c.hlc, c.officer, c.entity, c.entity_id, c.account, c.op, c.field, c.value, c.parents,
	c.prev, c.hash, t.date, t.type, t.amount, t.method, t.reference, t.note, t.reverses, t.pair, t.run_week,
	(SELECT ref FROM account WHERE no = t.account)`

// readChanges reads up to limit changes in (origin, seq) order matching
// where, with their local origin numbers.
func readChanges(ctx context.Context, q queryer, where string, args []any, replicas map[int64]Replica, limit int) ([]Change, []int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+changeColumns+` FROM change c
		LEFT JOIN txn t ON c.entity = 'txn' AND t.origin = c.origin AND t.seq = c.seq `+where+
		fmt.Sprintf(" ORDER BY c.origin, c.seq LIMIT %d", limit), args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []Change
	var origins []int64
	for rows.Next() {
		c, origin, _, err := scanChange(rows, replicas)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, c)
		origins = append(origins, origin)
	}
	return out, origins, rows.Err()
}

// scanChange reads one row of changeColumns; a txn fact's body is rebuilt
// from its ledger row (rowAccount is "" when the row is missing).
func scanChange(rows *sql.Rows, replicas map[int64]Replica) (c Change, origin int64, rowAccount string, err error) {
	var value, parents string
	var prev, sum []byte
	var date, typ, method, reference, note, reverses, pair, runWeek, ref sql.NullString
	var amount sql.NullInt64
	if err = rows.Scan(&origin, &c.Seq, &c.HLC, &c.Officer, &c.Entity, &c.EntityID, &c.Account, &c.Op, &c.Field, &value, &parents,
		&prev, &sum, &date, &typ, &amount, &method, &reference, &note, &reverses, &pair, &runWeek, &ref); err != nil {
		return c, 0, "", err
	}
	c.Origin = replicas[origin].ID
	c.Value = json.RawMessage(value)
	if parents != "" {
		if err = json.Unmarshal([]byte(parents), &c.Parents); err != nil {
			return c, 0, "", err
		}
	}
	if c.Entity == entityTxn {
		b := txnBody{Date: date.String, Type: typ.String, Amount: amount.Int64, Method: method.String, Reference: reference.String,
			Note: note.String, Reverses: reverses.String, Pair: pair.String, RunWeek: runWeek.String}
		c.Value = txnJSON(b)
	}
	if sum != nil {
		c.Prev, c.Sum = prevText(prev), hex.EncodeToString(sum)
	}
	return c, origin, ref.String, nil
}

// checkChain walks the whole change log in (origin, seq) order: every
// change must match its hash (a ledger fact as its ledger row now reads,
// on the account its change names) and link to the change before it. It
// reports the first entry of each replica that does not, and counts the
// pre-chain changes.
func checkChain(ctx context.Context, q queryer, add func(format string, args ...any)) (preChainCount int, err error) {
	replicas, err := replicaIDs(ctx, q)
	if err != nil {
		return 0, err
	}
	rows, err := q.QueryContext(ctx, `SELECT `+changeColumns+` FROM change c
		LEFT JOIN txn t ON c.entity = 'txn' AND t.origin = c.origin AND t.seq = c.seq ORDER BY c.origin, c.seq`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var before Change
	bad := map[string]int{}
	report := func(c Change, format string, args ...any) {
		if bad[c.Origin] == 0 {
			add(format, args...)
		}
		bad[c.Origin]++
	}
	for rows.Next() {
		c, _, rowAccount, err := scanChange(rows, replicas)
		if err != nil {
			return 0, err
		}
		prior := before
		before = c
		if c.Prev == preChain {
			preChainCount++
		}
		if c.Entity == entityTxn && rowAccount == "" {
			continue // a ledger change with no row: counted by Check itself
		}
		switch {
		case c.Sum == "":
			report(c, "change %s (%s %s) has no hash: the change log was altered outside caseload", c.ID(), c.Entity, c.Account)
		case c.Entity == entityTxn && rowAccount != c.Account:
			report(c, "ledger row %s is on account %s but its change-log entry says %s: edited outside caseload", c.EntityID, rowAccount, c.Account)
		case verifyOwnHash(c) != nil:
			if c.Entity == entityTxn {
				var b txnBody
				json.Unmarshal(c.Value, &b)
				report(c, "ledger row %s (%s, %s %s %s) does not match its change-log entry %s: edited outside caseload",
					c.EntityID, c.Account, b.Date, b.Type, domain.Pence(b.Amount), c.ID())
			} else {
				report(c, "change %s (%s %s %s) does not match its hash: edited outside caseload", c.ID(), c.Entity, c.EntityID, c.Field)
			}
		case prior.Origin == c.Origin && prior.Seq == c.Seq-1 && (!linked(prior.Sum, c.Prev) || (prior.Prev != preChain && c.Prev == preChain)):
			report(c, "change %s does not follow change %d of its replica in the hash chain: the change log was altered outside caseload", c.ID(), prior.Seq)
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for origin, n := range bad {
		if n > 1 {
			add("replica %s: %d change-log entries in all do not verify", replicaName(replicas, origin), n)
		}
	}
	return preChainCount, nil
}

func replicaName(replicas map[int64]Replica, id string) string {
	for _, r := range replicas {
		if r.ID == id {
			return r.Name
		}
	}
	return id
}
