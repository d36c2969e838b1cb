package store

// The writer: one write transaction and its flush. Every domain change
// goes through writer.add/set (or the bulk ledger path, bulk.go), which
// appends it to the change log (changelog.go) and applies it through its
// entity's handler (entities.go); flush applies balance and last-payment
// effects once per account before the audit row and the commit.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"

	"caseload/domain"
)

// writer is one write transaction: every domain change made through it is
// appended to the change log and applied to the materialised tables in the
// same SQLite transaction, with one audit row for the whole write. What it
// keeps during the write is in three groups: the effects flush applies,
// the lookups it caches, and what it reports when it has committed.
type writer struct {
	ctx     context.Context
	s       *Store
	tx      *sql.Tx
	officer string
	seq     int64 // next sequence number for changes from self
	clock   hlc
	// chainLast is the hash of this replica's latest change.
	chainLast []byte

	ledgerEffects
	lookups
	outcome
	// sums are the accounts whose summaries flush brings up to date
	// (summary.go).
	sums map[int64]*sumPending
	// sumRows counts the ledger rows kept in sums to apply incrementally;
	// past sumRowLimit every account is worked out again from its ledger
	// (sumsFull), so no write holds a row per ledger row it adds.
	sumRows  int
	sumsFull bool
	// periodRows counts the ledger rows held for the period records
	// (report_periods.go), bounded as sumRows is.
	periodRows int
	// plans are the accounts with live arrangement rows kept (planrows.go),
	// read once per flush when a write appends ledger rows.
	plans map[int64]bool
}

// ledgerEffects are new ledger rows' effects on their accounts, applied
// once per account by flush, so a bulk load updates each account once.
type ledgerEffects struct {
	// deltas are balance changes per account number.
	deltas map[int64]int64
	// lastPay tracks the latest payment date per account.
	lastPay map[int64]string
	// relast are accounts whose last payment must be worked out again from
	// the ledger (a payment was reversed, or rows came from elsewhere).
	relast map[int64]bool
}

func newLedgerEffects() ledgerEffects {
	return ledgerEffects{deltas: map[int64]int64{}, lastPay: map[int64]string{}, relast: map[int64]bool{}}
}

// lookups are what a write reads once and keeps: numbers never change
// within a write (accounts are never deleted or renumbered).
type lookups struct {
	// replicaNo and replicaID map replica id ↔ local number.
	replicaNo map[string]int64
	replicaID map[int64]string
	// accounts maps ref → local account number.
	accounts map[string]int64
	// stmts are the statements prepared in this write, by query.
	stmts map[string]*sql.Stmt
}

// outcome is what the write tells its caller once it has committed.
type outcome struct {
	// touched accounts (refs) whose caches the TUI should reload.
	touched map[string]bool
	// notices are things the officer should be told (card numbers masked…).
	notices []string
	// auditDetail is kept on the write's audit row (a write-off's approver,
	// an override's reason).
	auditDetail string
	// changes counts the changes written.
	changes int
	// reference is set when a reference table in force changed: the store
	// reads its tables again after the commit.
	reference bool
}

// write runs fn in one transaction with its change-log rows and one audit
// row; on any error nothing is written.
func (s *Store) write(ctx context.Context, action, account string, fn func(w *writer) error) error {
	_, err := s.writeReport(ctx, action, account, fn)
	return err
}

func (s *Store) writeReport(ctx context.Context, action, account string, fn func(w *writer) error) (*writer, error) {
	return s.writeReportOn(ctx, s.db, action, account, fn)
}

// writeReportOn is writeReport through a given pool or connection.
func (s *Store) writeReportOn(ctx context.Context, on beginner, action, account string, fn func(w *writer) error) (*writer, error) {
	tx, err := s.beginWriteOn(ctx, on)
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
		ledgerEffects: newLedgerEffects(),
		lookups: lookups{
			replicaNo: map[string]int64{s.self.ID: s.self.No},
			replicaID: map[int64]string{s.self.No: s.self.ID},
			accounts:  map[string]int64{}, stmts: map[string]*sql.Stmt{},
		},
		outcome: outcome{touched: map[string]bool{}},
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
	res, err := tx.ExecContext(ctx, "INSERT INTO audit(at, officer, action, account, detail) VALUES(?, ?, ?, ?, ?)",
		s.now().UTC().Format("2006-01-02T15:04:05Z"), w.officer, action, account, w.auditDetail)
	if err != nil {
		return nil, err
	}
	audit, _ := res.LastInsertId()
	for _, st := range w.stmts {
		st.Close()
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	s.watch.wrote(audit)
	if w.reference {
		return w, s.loadReference(ctx)
	}
	return w, nil
}

// flush applies the accumulated balance deltas and last-payment dates.
func (w *writer) flush() error {
	if err := w.flushSummaries(); err != nil {
		return err
	}
	// In account order, so a borough's write reads and writes each page
	// of the account table once.
	for _, no := range slices.Sorted(maps.Keys(w.deltas)) {
		d := w.deltas[no]
		if d == 0 {
			continue
		}
		if _, err := w.exec("UPDATE account SET balance = balance + ? WHERE no = ?", d, no); err != nil {
			return err
		}
	}
	for _, no := range slices.Sorted(maps.Keys(w.lastPay)) {
		date := w.lastPay[no]
		if w.relast[no] {
			continue
		}
		if _, err := w.exec("UPDATE account SET last_payment = ? WHERE no = ? AND last_payment < ?", date, no, date); err != nil {
			return err
		}
	}
	for _, no := range slices.Sorted(maps.Keys(w.relast)) {
		if _, err := w.exec("UPDATE account SET last_payment = "+lastPaymentSQL+" WHERE no = ?", no); err != nil {
			return err
		}
	}
	w.ledgerEffects = newLedgerEffects()
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

// prepared is the write's transaction as a queryer that prepares each
// statement once per write (a summary worked out for every account of a
// borough runs the same few queries for each).
func (w *writer) prepared() queryer { return preparedQueryer{w} }

type preparedQueryer struct{ w *writer }

func (p preparedQueryer) QueryRowContext(_ context.Context, q string, args ...any) *sql.Row {
	return p.w.queryRow(q, args...)
}

func (p preparedQueryer) QueryContext(_ context.Context, q string, args ...any) (*sql.Rows, error) {
	return p.w.query(q, args...)
}

func (w *writer) exec(q string, args ...any) (sql.Result, error) {
	st, err := w.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(w.ctx, args...)
}

func (w *writer) query(q string, args ...any) (*sql.Rows, error) {
	st, err := w.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(w.ctx, args...)
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

// accountNo finds an account's local number by ref.
func (w *writer) accountNo(ref string) (int64, error) {
	if no, ok := w.accounts[ref]; ok {
		return no, nil
	}
	var no int64
	err := w.queryRow("SELECT no FROM account WHERE ref = ?", ref).Scan(&no)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, invalid("ref", "no account %s: check the payment reference", ref)
	}
	if err == nil {
		w.accounts[ref] = no // accounts are never deleted or renumbered
	}
	return no, err
}

// noteTxnEffects records a new ledger row's effect on its account's
// balance and last payment, applied when the write commits.
func (e *ledgerEffects) noteTxnEffects(account int64, b txnBody) {
	e.deltas[account] += b.Amount
	if domain.TxnType(b.Type).IsPayment() && b.Date > e.lastPay[account] {
		e.lastPay[account] = b.Date
	}
	if b.Reverses != "" {
		e.relast[account] = true
	}
}
