package store

// The import spool: a pack's changes are decoded one at a time and written,
// a batch at a time, to a private database file attached to the import's
// connection, so an import holds at most a batch of decoded changes in
// memory whatever the pack's size. Their order, the pack's own hash chain
// and its links to the chains held here are then worked out by SQL over the
// spool, and the changes applied in import order, a batch at a time, in the
// import's one transaction. The file sits beside the database (it holds the
// same personal data), owner-only, and is removed when the import ends.

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"
)

var (
	// importBatch is how many decoded changes an import holds at once:
	// spooled together, then read back and applied together.
	importBatch = 5000
	// importHeld, when set (by tests), is told how many decoded changes
	// an import holds each time it takes in a batch.
	importHeld func(n int)
)

// spoolSchema is the spool: a change per row in pack order (pos), with
// phase its place in the import order (adds by their entity's order, then
// sets), prev/sum the chain link and hash as stored (prev NULL for a
// pre-chain change). A ledger fact's officer, account and body are
// columns (an empty text NULL: binding a text costs the driver a copy), so
// new ones go to the ledger by SQL (spoolledger.go; its id is made of its
// origin and number, checkChange saw to that); any other change keeps the
// rest of itself in rec (spoolRecord), NULL for a ledger fact. skip marks
// the ledger facts held already or carried twice.
const spoolSchema = `CREATE TABLE spool.change (
	pos INTEGER PRIMARY KEY, phase INTEGER NOT NULL, origin TEXT NOT NULL, seq INTEGER NOT NULL, hlc INTEGER NOT NULL,
	prev BLOB, sum BLOB NOT NULL, rec BLOB, skip INTEGER NOT NULL DEFAULT 0,
	officer TEXT, account TEXT, date TEXT, type TEXT, amount INTEGER,
	method TEXT, reference TEXT, note TEXT, reverses TEXT, pair TEXT, run_week TEXT)`

// spoolOrderIndex and spoolLinkIndex are made once the spool is filled:
// building an index of rows already written is cheaper than keeping it in
// step with each one. The link index finds a change's neighbours in its
// origin's chain; it is made only when something asks for them (linkIndex).
const (
	spoolOrderIndex = `CREATE INDEX spool.change_order ON change(phase, hlc, origin, seq)`
	spoolLinkIndex  = `CREATE INDEX spool.change_link ON change(origin, seq)`
)

// setsPhase places sets after every add.
const setsPhase = 1 << 20

// spool is one import's spooled changes and what was learned reading them.
type spool struct {
	ctx  context.Context
	conn *sql.Conn
	path string
	// self and next: a pack may not carry changes in this database's own
	// name that it never made.
	self string
	next int64
	// rows is the batch being decoded (at most importBatch); full batches
	// go to batches, to be written while the next is decoded.
	rows    []spoolRow
	batches chan []spoolRow
	// failed stops the decoding when writing the spool failed.
	failed atomic.Bool
	ins    map[int]*sql.Stmt
	pos    int64
	// release hands the connection back (streamConn).
	release func()
	// What the changes say, gathered as they pass.
	origins map[string]bool
	maxHLC  int64
	// ledger counts the ledger facts spooled, and ledgerAccounts are the
	// accounts they name (as many as the borough has, at most).
	ledger         int
	ledgerAccounts map[string]bool
	hashed         int
	unhashed       int
	// oldest is the earliest change (by clock): an empty database that
	// reads a version 1 pack joins the caseload derived from it.
	oldest *Change
	// The first problems found, reported in this order once the pack is
	// known whole (a damaged pack is told apart from a bad change).
	badChange, badHash, forged error
	// The pack's own chain is followed as it is read while the changes
	// come in (origin, seq) order, each once, as caseload writes them
	// (eachChange): then a change's predecessor in its chain, when the
	// pack carries it, is the change read just before it, and unlinked is
	// the first that does not follow it. A pack in any other order
	// (unordered) is checked by SQL over the spool instead (problem).
	unordered   bool
	lastOrigin  string
	lastSeq     int64
	lastSum     []byte
	unlinked    error
	linkIndexed bool
}

type spoolRow struct {
	c         Change
	prev, sum []byte
	// body is a ledger fact's body (nil for any other change).
	body *txnBody
}

// openSpool creates the spool file beside the database and attaches it to
// a connection of its own, which the import then writes through.
func (s *Store) openSpool(ctx context.Context) (*spool, error) {
	removeStaleSpools(filepath.Dir(s.path))
	f, err := os.CreateTemp(filepath.Dir(s.path), ".caseload-spool-*")
	if err != nil {
		return nil, fmt.Errorf("make the import's spool file: %w", err)
	}
	path := f.Name()
	f.Close()
	// The import's writes to the database go through a small cache: the
	// pages it dirties go to the WAL as they are done with.
	conn, release, err := s.streamConn(ctx, 8000)
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	sp := &spool{ctx: ctx, conn: conn, release: release, path: path, self: s.Self().ID, ins: map[int]*sql.Stmt{},
		origins: map[string]bool{}, ledgerAccounts: map[string]bool{}}
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS spool", path); err != nil {
		release()
		os.Remove(path)
		return nil, fmt.Errorf("open the import's spool file: %w", err)
	}
	// The spool is scratch: no journal, no syncs, and a small cache.
	for _, q := range []string{"PRAGMA spool.journal_mode = OFF", "PRAGMA spool.synchronous = OFF", "PRAGMA spool.cache_size = -2000", spoolSchema} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			sp.close()
			return nil, err
		}
	}
	if err := conn.QueryRowContext(ctx, "SELECT next_seq FROM replica_state").Scan(&sp.next); err != nil {
		sp.close()
		return nil, err
	}
	return sp, nil
}

// staleSpool is the age of a spool file that no import can still be
// using: an import that was killed left it behind.
const staleSpool = 12 * time.Hour

// removeStaleSpools removes spool files killed imports left in dir (they
// hold personal data).
func removeStaleSpools(dir string) {
	old, _ := filepath.Glob(filepath.Join(dir, ".caseload-spool-*"))
	for _, path := range old {
		if fi, err := os.Stat(path); err == nil && time.Since(fi.ModTime()) > staleSpool {
			os.Remove(path)
		}
	}
}

// close detaches and removes the spool file and hands the connection back
// (or drops it, when it cannot be cleaned).
func (sp *spool) close() {
	for _, st := range sp.ins {
		st.Close()
	}
	if _, err := sp.conn.ExecContext(context.Background(), "DETACH DATABASE spool"); err != nil {
		sp.conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	sp.release()
	os.Remove(sp.path)
}

// add checks one decoded change (its shape, its own hash, whose name it is
// in) and spools it. A problem is kept to be reported once the whole pack
// has been read; from then on nothing more is spooled.
func (sp *spool) add(c *Change) error {
	n := sp.hashed + sp.unhashed + 1
	if c.Sum != "" || c.Prev != "" {
		sp.hashed++
	} else {
		sp.unhashed++
	}
	if sp.badChange != nil || sp.badHash != nil || sp.forged != nil {
		return nil
	}
	if err := checkChange(*c); err != nil {
		sp.badChange = refuse("pack change %d (%s): %v — nothing imported", n, c.ID(), err)
		return nil
	}
	if c.Origin == sp.self && c.Seq >= sp.next {
		sp.forged = refuse("pack carries change %s in this database's own name that it never made: forged — nothing imported", c.ID())
		return nil
	}
	r := spoolRow{c: *c}
	var value []byte // canonical
	if c.Entity == entityTxn && c.Op == "add" {
		var b txnBody
		if err := decodeTxnBody(c.Value, &b); err != nil {
			sp.badChange = refuse("pack change %s: %v — nothing imported", c.ID(), err)
			return nil
		}
		if err := b.validate(); err != nil {
			sp.badChange = refuse("pack change %s (txn %s): %v — nothing imported", c.ID(), c.Account, err)
			return nil
		}
		r.body, value = &b, txnJSON(b)
		sp.ledger++
		sp.ledgerAccounts[c.Account] = true
	} else {
		value = canonicalFor(r.c)
	}
	if c.Sum == "" && c.Prev == "" {
		// A pack from a caseload that predates the chain: its changes
		// become pre-chain, as the origin's own copies did when it was
		// upgraded (a pack mixing both is refused when it has been read).
		r.c.Prev = preChain
		r.sum = chainSumCanonical(preChain, r.c, value)
		r.c.Sum = hex.EncodeToString(r.sum)
	} else {
		if err := verifyHash(r.c, value); err != nil {
			sp.badHash = refuse("pack %v (edited?) — nothing imported", err)
			return nil
		}
		r.prev, _ = prevBytes(r.c.Prev) // well-formed: verifyOwnHash
		r.sum, _ = hex.DecodeString(r.c.Sum)
	}
	sp.follow(&r)
	sp.origins[c.Origin] = true
	sp.maxHLC = max(sp.maxHLC, c.HLC)
	if sp.oldest == nil || c.HLC < sp.oldest.HLC || c.HLC == sp.oldest.HLC && (c.Origin < sp.oldest.Origin || c.Origin == sp.oldest.Origin && c.Seq < sp.oldest.Seq) {
		o := r.c
		sp.oldest = &o
	}
	sp.rows = append(sp.rows, r)
	if importHeld != nil {
		importHeld(len(sp.rows))
	}
	if len(sp.rows) >= importBatch {
		sp.batches <- sp.rows
		sp.rows = make([]spoolRow, 0, importBatch)
	}
	if sp.failed.Load() {
		return errSpoolFailed
	}
	return nil
}

// follow checks r against the change read before it while the pack is in
// (origin, seq) order (see spool.unordered): a change that names a
// predecessor must name the hash of the one before it in its origin's
// chain, when that is the change just read.
func (sp *spool) follow(r *spoolRow) {
	c := &r.c
	if sp.lastSum != nil && !sp.unordered {
		switch {
		case c.Origin < sp.lastOrigin || c.Origin == sp.lastOrigin && c.Seq <= sp.lastSeq:
			sp.unordered = true
		case sp.unlinked == nil && c.Origin == sp.lastOrigin && c.Seq == sp.lastSeq+1 && r.prev != nil && !bytes.Equal(r.prev, sp.lastSum):
			sp.unlinked = unlinkedError(c.Origin, c.Seq, sp.lastSeq)
		}
	}
	sp.lastOrigin, sp.lastSeq, sp.lastSum = c.Origin, c.Seq, r.sum
}

// unlinkedError refuses a pack whose change (origin, seq) does not follow
// (origin, before) in its chain.
func unlinkedError(origin string, seq, before int64) error {
	return refuse("pack change %s:%d does not follow %s:%d in its replica's chain (altered?) — nothing imported", origin, seq, origin, before)
}

// linkIndex makes the spool's link index, once, for the queries that find
// a change's neighbours in its origin's chain; on is the spool's
// connection, or the import's transaction on it.
func (sp *spool) linkIndex(on interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}) error {
	if sp.linkIndexed {
		return nil
	}
	if _, err := on.ExecContext(sp.ctx, spoolLinkIndex); err != nil {
		return fmt.Errorf("index the import's spool: %w", err)
	}
	sp.linkIndexed = true
	return nil
}

// errSpoolFailed stops the decoding of a pack whose spool could not be
// written (the write's own error is the one reported).
var errSpoolFailed = errors.New("the import's spool could not be written")

// read decodes the pack from r and spools its changes: one goroutine
// decodes and checks a batch (the JSON, the hashes) while this one writes
// the batch before it, so an import holds at most three batches — the one
// being decoded, one waiting and the one being written.
func (sp *spool) read(r io.Reader, passphrase string) (m Manifest, n int, digest string, err error) {
	sp.batches = make(chan []spoolRow, 1)
	sp.rows = make([]spoolRow, 0, importBatch)
	go func() {
		defer close(sp.batches)
		m, n, digest, err = decodePackFrom(r, passphrase, sp.add)
		if err == nil && len(sp.rows) > 0 {
			sp.batches <- sp.rows
		}
		sp.rows = nil
	}()
	var werr error
	for batch := range sp.batches {
		if werr == nil {
			if werr = sp.write(batch); werr != nil {
				sp.failed.Store(true)
			}
		}
	}
	if werr != nil {
		return m, 0, "", werr
	}
	if err == nil {
		if _, err := sp.conn.ExecContext(sp.ctx, spoolOrderIndex); err != nil {
			return m, 0, "", fmt.Errorf("index the import's spool: %w", err)
		}
	}
	return m, n, digest, err
}

// spoolRowsPer is how many changes one spool INSERT writes, of
// spoolColumns each.
const spoolRowsPer, spoolColumns = 100, 19

// write writes a batch to the spool, in one spool transaction.
func (sp *spool) write(rows []spoolRow) error {
	if _, err := sp.conn.ExecContext(sp.ctx, "BEGIN"); err != nil {
		return err
	}
	for len(rows) > 0 {
		n := min(len(rows), spoolRowsPer)
		st, err := sp.insert(n)
		if err != nil {
			sp.conn.ExecContext(sp.ctx, "ROLLBACK")
			return err
		}
		args := make([]any, 0, n*spoolColumns)
		recs := make([]byte, 0, n*160)
		for _, r := range rows[:n] {
			c := &r.c
			sp.pos++
			phase := setsPhase
			if c.Op == "add" {
				phase = importOrder(c.Entity)
			}
			args = append(args, sp.pos, phase, c.Origin, c.Seq, c.HLC, r.prev, r.sum)
			if b := r.body; b != nil {
				args = append(args, nil, c.Officer, c.Account, b.Date, b.Type, b.Amount,
					textOrNull(b.Method), textOrNull(b.Reference), textOrNull(b.Note), textOrNull(b.Reverses), textOrNull(b.Pair), textOrNull(b.RunWeek))
				continue
			}
			start := len(recs)
			recs = appendSpoolRecord(recs, c)
			args = append(args, recs[start:len(recs):len(recs)], nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil)
		}
		if _, err := st.ExecContext(sp.ctx, args...); err != nil {
			sp.conn.ExecContext(sp.ctx, "ROLLBACK")
			return fmt.Errorf("write the import's spool: %w", err)
		}
		rows = rows[n:]
	}
	_, err := sp.conn.ExecContext(sp.ctx, "COMMIT")
	return err
}

// textOrNull is an empty text as NULL.
func textOrNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (sp *spool) insert(n int) (*sql.Stmt, error) {
	if st, ok := sp.ins[n]; ok {
		return st, nil
	}
	st, err := sp.conn.PrepareContext(sp.ctx, bulkInsert(`INSERT INTO spool.change(pos, phase, origin, seq, hlc, prev, sum, rec,
		officer, account, date, type, amount, method, reference, note, reverses, pair, run_week) VALUES `,
		"("+strings.Repeat("?, ", spoolColumns-1)+"?)", n))
	if err != nil {
		return nil, err
	}
	sp.ins[n] = st
	return st, nil
}

// problem is the first thing wrong with the pack's changes on their own,
// once it has been read whole: a change's shape, its hash, its name, a mix
// of changes with and without hashes, or a break in an origin's chain
// within the pack.
func (sp *spool) problem() error {
	switch {
	case sp.badChange != nil:
		return sp.badChange
	case sp.hashed > 0 && sp.unhashed > 0:
		return refuse("pack mixes changes with and without a hash (altered?) — nothing imported")
	case sp.badHash != nil:
		return sp.badHash
	}
	// Consecutive changes of an origin must link (a change the pack
	// carries twice is checked against its neighbours in both copies).
	if !sp.unordered {
		return sp.unlinked // followed as it was read
	}
	if err := sp.linkIndex(sp.conn); err != nil {
		return err
	}
	var origin string
	var seq, before int64
	err := sp.conn.QueryRowContext(sp.ctx, `SELECT b.origin, b.seq, a.seq FROM spool.change b
		JOIN spool.change a ON a.origin = b.origin AND a.seq = b.seq - 1
		WHERE b.prev IS NOT NULL AND b.prev <> a.sum LIMIT 1`).Scan(&origin, &seq, &before)
	switch {
	case err == nil:
		return unlinkedError(origin, seq, before)
	case err != sql.ErrNoRows:
		return err
	}
	return nil
}

// verifyLocalLinks checks, inside the import's transaction, that the
// spooled changes fit the chains this database already holds: at the edge
// of each run of consecutive changes, the neighbour held here must link to
// it. The origins are registered already.
func (w *writer) verifyLocalLinks(sp *spool) error {
	for origin := range sp.origins {
		held, err := w.holdsOrigin(origin)
		if err != nil {
			return err
		}
		if !held {
			continue // nothing held here to link to
		}
		if err := sp.linkIndex(w.tx); err != nil {
			return err
		}
		no, err := w.replicaNumber(origin, "")
		if err != nil {
			return err
		}
		// The change held here just before a run: the run's first change
		// must name its hash, and may not fall back to pre-chain after a
		// chained one.
		var seq int64
		err = w.tx.QueryRowContext(w.ctx, `SELECT s.seq FROM spool.change s JOIN main.change c ON c.origin = ? AND c.seq = s.seq - 1
			WHERE s.origin = ? AND s.seq > 1 AND NOT EXISTS (SELECT 1 FROM spool.change p WHERE p.origin = s.origin AND p.seq = s.seq - 1)
			AND (s.prev IS NOT NULL AND s.prev IS NOT c.hash OR s.prev IS NULL AND c.prev IS NOT NULL) LIMIT 1`, no, origin).Scan(&seq)
		switch {
		case err == nil:
			return refuse("pack change %s:%d does not follow change %d of its replica held here (altered, or from another database?) — nothing imported", origin, seq, seq-1)
		case err != sql.ErrNoRows:
			return err
		}
		// The change held here just after a run must name the run's last.
		err = w.tx.QueryRowContext(w.ctx, `SELECT s.seq FROM spool.change s JOIN main.change c ON c.origin = ? AND c.seq = s.seq + 1
			WHERE s.origin = ? AND NOT EXISTS (SELECT 1 FROM spool.change p WHERE p.origin = s.origin AND p.seq = s.seq + 1)
			AND c.prev IS NOT NULL AND c.prev IS NOT s.sum LIMIT 1`, no, origin).Scan(&seq)
		switch {
		case err == nil:
			return refuse("pack change %s:%d does not fit before change %d of its replica held here (altered, or from another database?) — nothing imported", origin, seq, seq+1)
		case err != sql.ErrNoRows:
			return err
		}
	}
	return nil
}

// spooled is a change read back from the spool, with its stored chain
// link.
type spooled struct {
	Change
	prev, sum []byte
}

// spooledColumns are the columns every spooled change is read back by;
// a reader scans them first.
const spooledColumns = "s.origin, s.seq, s.hlc, s.prev, s.sum"

// eachBatch hands fn the spooled changes query selects (spooledColumns
// and what read scans, in import order: adds by their entity's order,
// then sets; each by clock, origin and number; then pack order),
// importBatch at a time.
func (w *writer) eachBatch(query string, args []any, read func(*sql.Rows, *spooled) error, fn func([]spooled) error) error {
	rows, err := w.tx.QueryContext(w.ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	batch := make([]spooled, 0, importBatch)
	for rows.Next() {
		var c spooled
		if err := read(rows, &c); err != nil {
			return err
		}
		c.Prev, c.Sum = prevText(c.prev), hex.EncodeToString(c.sum)
		batch = append(batch, c)
		if importHeld != nil {
			importHeld(len(batch))
		}
		if len(batch) == importBatch {
			if err := fn(batch); err != nil {
				return err
			}
			clear(batch)
			batch = batch[:0]
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(batch) > 0 {
		return fn(batch)
	}
	return nil
}

// eachRecordBatch is eachBatch over the changes kept in records (every
// change but a ledger fact) whose phase is before (or, after, past) the
// ledger facts'.
func (w *writer) eachRecordBatch(after bool, fn func([]spooled) error) error {
	cond := "s.phase < ?"
	if after {
		cond = "s.phase > ?"
	}
	var rec sql.RawBytes
	return w.eachBatch(`SELECT `+spooledColumns+`, s.rec FROM spool.change s WHERE `+cond+` ORDER BY s.phase, s.hlc, s.origin, s.seq, s.pos`,
		[]any{importOrder(entityTxn)}, func(rows *sql.Rows, c *spooled) error {
			if err := rows.Scan(&c.Origin, &c.Seq, &c.HLC, &c.prev, &c.sum, &rec); err != nil {
				return err
			}
			return readSpoolRecord(rec, c)
		}, fn)
}

// appendSpoolRecord appends the rest of a change (what the spool's columns
// do not hold) as length-prefixed texts: officer, entity, entity id,
// account, op, field, value and parents (JSON).
func appendSpoolRecord(dst []byte, c *Change) []byte {
	text := func(s string) { dst = binary.AppendUvarint(dst, uint64(len(s))); dst = append(dst, s...) }
	for _, s := range [...]string{c.Officer, c.Entity, c.EntityID, c.Account, c.Op, c.Field, string(c.Value)} {
		text(s)
	}
	if len(c.Parents) > 0 {
		b, _ := json.Marshal(c.Parents)
		text(string(b))
	} else {
		text("")
	}
	return dst
}

// readSpoolRecord reads back what appendSpoolRecord wrote.
func readSpoolRecord(rec []byte, c *spooled) error {
	text := func() string {
		n, k := binary.Uvarint(rec)
		if k <= 0 || uint64(len(rec)-k) < n {
			rec = nil
			return ""
		}
		s := string(rec[k : k+int(n)])
		rec = rec[k+int(n):]
		return s
	}
	c.Officer, c.Entity, c.EntityID, c.Account, c.Op, c.Field = text(), text(), text(), text(), text(), text()
	value, parents := text(), text()
	if rec == nil || len(rec) > 0 {
		return errors.New("the import's spool is damaged")
	}
	c.Value = json.RawMessage(value)
	if parents != "" {
		return json.Unmarshal([]byte(parents), &c.Parents)
	}
	return nil
}
