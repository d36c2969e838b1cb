package store

// The per-account summary (tables account_summary and account_pays, migration 0010): what
// the worklist reads from an account's ledger, charges and orders, kept in
// the same transaction as every write that changes them. Writes note what
// they touched (summaryTxn, summaryCharges, summaryOrder, summaryLedger);
// flush brings each touched account's row up to date: ledger rows appended
// on or after the last day apply incrementally, anything else (a reversal,
// a back-dated row, an import, a void) recomputes the account from its
// ledger with the same code `check` uses.

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"caseload/domain"
	"caseload/domain/worklist"
)

// payWindow is how far before the last ledger day a summary keeps
// payments: the worklist reads 400 days back from today, and the ledger
// runs a few weeks ahead of today at most (a rent run for next week).
const payWindow = 430

// paySlack is how far the kept payments may reach beyond payWindow before
// a write trims them: a weekly rent run then rewrites them once a month,
// not every week.
const paySlack = 30

// summary is one account's row of account_summary.
type summary struct {
	lastDate     string
	balance      int64
	clearedOn    string
	payFrom      string
	pays         []byte
	charges      []byte
	orderDate    string
	orderBalance int64
	lastContact  string
	events       []byte
	// note is the latest note of the pre-action channels.
	note actionNote
	// paysLoaded: pays holds the account's kept payments (a write reads
	// them only when it changes them); paysChanged: apply changed them.
	paysLoaded, paysChanged bool
}

// actionNote is a note whose channel can mark the pre-action checklist.
type actionNote struct{ channel, date, officer string }

// sumPay is one payment kept in a summary.
type sumPay struct {
	date   domain.Date
	typ    string
	amount int64
	method string
	origin int64
	seq    int64
}

// comparePays orders payments as the worklist's ledger query reads them:
// by date, then as the covering index txn_credits orders them.
func comparePays(a, b sumPay) int {
	if c := a.date.Compare(b.date); c != 0 {
		return c
	}
	if a.typ != b.typ {
		if a.typ < b.typ {
			return -1
		}
		return 1
	}
	if a.amount != b.amount {
		if a.amount < b.amount {
			return -1
		}
		return 1
	}
	if a.method != b.method {
		if a.method < b.method {
			return -1
		}
		return 1
	}
	if a.origin != b.origin {
		if a.origin < b.origin {
			return -1
		}
		return 1
	}
	switch {
	case a.seq < b.seq:
		return -1
	case a.seq > b.seq:
		return 1
	}
	return 0
}

// sumEpoch is day 0 of the encoded dates.
var sumEpoch = domain.MustDate(1900, 1, 1)

// encodePays encodes payments compactly: per payment its day, type,
// amount, method, origin and sequence as varints and short strings.
func encodePays(ps []sumPay) []byte {
	b := make([]byte, 0, len(ps)*16)
	for _, p := range ps {
		b = binary.AppendUvarint(b, uint64(p.date.DaysSince(sumEpoch)))
		b = appendSumString(b, p.typ)
		b = binary.AppendVarint(b, p.amount)
		b = appendSumString(b, p.method)
		b = binary.AppendUvarint(b, uint64(p.origin))
		b = binary.AppendUvarint(b, uint64(p.seq))
	}
	return b
}

func appendSumString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// sumReader reads an encoded summary column.
type sumReader struct {
	b   []byte
	err error
}

func (r *sumReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err, r.b = errBadSummary, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *sumReader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err, r.b = errBadSummary, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

// str returns the next string, interned in known when it is there (the
// types, methods and components are a handful of words).
func (r *sumReader) str(known map[string]string) string {
	n := r.uvarint()
	if r.err != nil || uint64(len(r.b)) < n {
		r.err, r.b = errBadSummary, nil
		return ""
	}
	raw := r.b[:n]
	r.b = r.b[n:]
	if s, ok := known[string(raw)]; ok {
		return s
	}
	return string(raw)
}

var errBadSummary = errors.New("account summary is damaged: run caseload check")

// summaryWords interns the strings of encoded summaries.
var summaryWords = func() map[string]string {
	m := map[string]string{"": ""}
	for _, t := range domain.TxnTypes {
		m[string(t)] = string(t)
	}
	for _, p := range domain.PaymentMethods {
		m[string(p)] = string(p)
	}
	for _, c := range domain.Components {
		m[c] = c
	}
	return m
}()

func decodePays(b []byte) ([]sumPay, error) {
	r := sumReader{b: b}
	var out []sumPay
	for len(r.b) > 0 && r.err == nil {
		out = append(out, r.pay())
	}
	return out, r.err
}

// pay reads one payment as encodePays wrote it; an arrangement row
// (planrows.go) begins with the same fields.
func (r *sumReader) pay() sumPay {
	var p sumPay
	p.date = sumEpoch.AddDays(int(r.uvarint()))
	p.typ = r.str(summaryWords)
	p.amount = r.varint()
	p.method = r.str(summaryWords)
	p.origin = int64(r.uvarint())
	p.seq = int64(r.uvarint())
	return p
}

// sumCharge is one charge entry kept in a summary.
type sumCharge struct {
	component string
	weekly    int64
	from      domain.Date
}

func encodeCharges(cs []sumCharge) []byte {
	b := make([]byte, 0, len(cs)*12)
	for _, c := range cs {
		b = appendSumString(b, c.component)
		b = binary.AppendVarint(b, c.weekly)
		b = binary.AppendUvarint(b, uint64(c.from.DaysSince(sumEpoch)))
	}
	return b
}

// decodeCharges returns a summary's charge entries as the domain reads
// them.
func decodeCharges(b []byte) ([]domain.ChargeComponent, error) {
	var out []domain.ChargeComponent
	err := eachCharge(b, func(component string, weekly int64, from domain.Date) {
		out = append(out, domain.ChargeComponent{Component: component, Weekly: domain.Pence(weekly), From: from})
	})
	return out, err
}

// eachCharge decodes a summary's charge entries in order.
func eachCharge(b []byte, fn func(component string, weekly int64, from domain.Date)) error {
	r := sumReader{b: b}
	for len(r.b) > 0 && r.err == nil {
		component := r.str(summaryWords)
		weekly := r.varint()
		from := sumEpoch.AddDays(int(r.uvarint()))
		if r.err == nil {
			fn(component, weekly, from)
		}
	}
	return r.err
}

// summarySQL reads a summary row.
const summarySQL = `SELECT s.last_date, s.balance, s.cleared_on, s.pay_from, COALESCE(p.pays, x''), s.charges, s.order_date, s.order_balance,
	s.last_contact, s.events, s.note_channel, s.note_date, s.note_officer FROM account_summary s LEFT JOIN account_pays p ON p.account = s.account WHERE s.account = ?`

func scanSummary(row interface{ Scan(...any) error }) (summary, error) {
	var s summary
	err := row.Scan(&s.lastDate, &s.balance, &s.clearedOn, &s.payFrom, &s.pays, &s.charges, &s.orderDate, &s.orderBalance,
		&s.lastContact, &s.events, &s.note.channel, &s.note.date, &s.note.officer)
	return s, err
}

// orderTypes are the orders whose day's balance the summary keeps.
const orderTypesSQL = `('order-suspended', 'order-postponed')`

// computeSummary works an account's summary out from its ledger, charges
// and events: what the writer keeps up to date and `check` compares.
func computeSummary(ctx context.Context, q queryer, no int64) (summary, error) {
	return computeSummaryFrom(ctx, q, no, "")
}

// paysOf encodes an account's counted payments dated on or after from.
func paysOf(ctx context.Context, q queryer, no int64, from string) ([]byte, error) {
	s, err := computeSummaryFrom(ctx, q, no, from)
	return s.pays, err
}

// The ledger reads of computeSummaryFrom besides the rows that count
// (ledgerPeriodSQL): the ids named by reversals (txn_reversals), and the
// credits, void or not, from a day (txn_credits).
const (
	summaryReversedSQL = `SELECT DISTINCT reverses FROM txn WHERE account = ? AND reverses <> ''`
	summaryCreditsSQL  = `SELECT t.date, t.type, t.amount, t.method, t.origin, t.seq, substr(r.id, 1, 8)
		FROM txn t JOIN replica r ON r.no = t.origin WHERE t.account = ? AND t.amount < 0 AND t.date >= ?`
)

// computeSummaryFrom is computeSummary keeping the payments from the day
// given ("": payWindow days before the last ledger day).
func computeSummaryFrom(ctx context.Context, q queryer, no int64, from string) (summary, error) {
	return computeSummaryWith(ctx, q, no, from, nil)
}

// computeSummaryWith is computeSummaryFrom handing periods (when not nil)
// the account's rows that count, for its period records.
func computeSummaryWith(ctx context.Context, q queryer, no int64, from string, periods *periodRecords) (summary, error) {
	var s summary
	err := q.QueryRowContext(ctx, `SELECT date FROM event WHERE account = ? AND type IN `+orderTypesSQL+`
		ORDER BY date DESC, no DESC LIMIT 1`, no).Scan(&s.orderDate)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return s, err
	}
	// Three reads, each of an index that holds what it needs (no ledger
	// row is looked up): the rows that count, by day (the period records'
	// read: periods, when given, takes them too), then the ids the
	// account's reversals name, then its credits from the first day of
	// payments kept. A summary does not depend on the order of a day's
	// rows.
	err = eachRow(ctx, q, ledgerPeriodSQL, []any{no}, func(rs *sql.Rows) error {
		var date, typ string
		var amount int64
		if err := rs.Scan(&date, &typ, &amount); err != nil {
			return err
		}
		if periods != nil {
			periods.add(date, typ, amount)
		}
		s.addDay(date, amount)
		if s.orderDate != "" && date <= s.orderDate {
			s.orderBalance += amount
		}
		return nil
	})
	if err != nil {
		return s, err
	}
	s.payFrom = payFromOf(s.lastDate)
	if from != "" {
		s.payFrom = from
	}
	reversed := map[string]bool{}
	err = eachRow(ctx, q, summaryReversedSQL, []any{no}, func(rs *sql.Rows) error {
		var id string
		if err := rs.Scan(&id); err != nil {
			return err
		}
		reversed[id] = true
		return nil
	})
	if err != nil {
		return s, err
	}
	var pays []sumPay
	err = eachRow(ctx, q, summaryCreditsSQL, []any{no, s.payFrom}, func(rs *sql.Rows) error {
		var p sumPay
		var date, short string
		if err := rs.Scan(&date, &p.typ, &p.amount, &p.method, &p.origin, &p.seq, &short); err != nil {
			return err
		}
		// As the worklist reads payments: a void payment still counts, a
		// payment named by any reversal (void or not) does not.
		if !domain.TxnType(p.typ).IsPayment() || len(reversed) > 0 && reversed[short+"-"+strconv.FormatInt(p.seq, 10)] {
			return nil
		}
		p.date = dateText(date)
		pays = append(pays, p)
		return nil
	})
	if err != nil {
		return s, err
	}
	slices.SortFunc(pays, comparePays)
	s.pays = encodePays(pays)
	if s.charges, err = chargesOf(ctx, q, no); err != nil {
		return s, err
	}
	if s.lastContact, s.note, err = contactOf(ctx, q, no); err != nil {
		return s, err
	}
	s.events, err = eventsOf(ctx, q, no)
	return s, err
}

// actionChannelsSQL are the note channels that can mark the pre-action
// checklist (domain.PreActionFromNote).
const actionChannelsSQL = `('phone', 'visit', 'office')`

// contactOf is the date of an account's latest contact note and its
// latest note of the pre-action channels.
func contactOf(ctx context.Context, q queryer, no int64) (string, actionNote, error) {
	var d string
	var n actionNote
	err := q.QueryRowContext(ctx, "SELECT COALESCE(max(date), '') FROM note WHERE account = ? AND channel <> ''", no).Scan(&d)
	if err != nil {
		return d, n, err
	}
	err = q.QueryRowContext(ctx, `SELECT channel, date, officer FROM note WHERE account = ? AND channel IN `+actionChannelsSQL+`
		ORDER BY date DESC, no DESC LIMIT 1`, no).Scan(&n.channel, &n.date, &n.officer)
	if errors.Is(err, sql.ErrNoRows) {
		err = nil
	}
	return d, n, err
}

// sumEvent is one case event kept in a summary; latest: the latest of
// its type (by date, then as made).
type sumEvent struct {
	latest                                 bool
	typ, date, detail, outcome, possession string
	weekly                                 int64
}

// eventsOf encodes an account's events as the worklist reads them: the
// latest of each type and every unpaid Direct Debit (the worklist takes
// those of the 60 days before today), in date order.
func eventsOf(ctx context.Context, q queryer, no int64) ([]byte, error) {
	var evs []sumEvent
	latest := map[string]int{}
	err := eachRow(ctx, q, `SELECT type, date, detail, outcome, terms_weekly, possession_date FROM event WHERE account = ? ORDER BY date, no`,
		[]any{no}, func(rs *sql.Rows) error {
			var e sumEvent
			if err := rs.Scan(&e.typ, &e.date, &e.detail, &e.outcome, &e.weekly, &e.possession); err != nil {
				return err
			}
			latest[e.typ] = len(evs)
			evs = append(evs, e)
			return nil
		})
	if err != nil {
		return nil, err
	}
	var b []byte
	for i, e := range evs {
		e.latest = latest[e.typ] == i
		if !e.latest && e.typ != string(domain.EventDDUnpaid) {
			continue
		}
		flag := byte(0)
		if e.latest {
			flag = 1
		}
		b = append(b, flag)
		b = appendSumString(b, e.typ)
		b = appendSumString(b, e.date)
		b = appendSumString(b, e.detail)
		b = appendSumString(b, e.outcome)
		b = binary.AppendVarint(b, e.weekly)
		b = appendSumString(b, e.possession)
	}
	return nonNil(b), nil
}

// eachSummaryEvent decodes a summary's events in order.
func eachSummaryEvent(b []byte, fn func(sumEvent)) error {
	r := sumReader{b: b}
	for len(r.b) > 0 && r.err == nil {
		var e sumEvent
		e.latest = r.b[0] == 1
		r.b = r.b[1:]
		e.typ = r.str(summaryWords)
		e.date = r.str(nil)
		e.detail = r.str(nil)
		e.outcome = r.str(nil)
		e.weekly = r.varint()
		e.possession = r.str(nil)
		if r.err == nil {
			fn(e)
		}
	}
	return r.err
}

// addDay applies one counted ledger row in date order: an entry on a later
// day after a day that ended owing nothing marks that the account was
// clear until the day before it.
func (s *summary) addDay(date string, amount int64) {
	if date > s.lastDate {
		if s.lastDate != "" && s.balance <= 0 {
			s.clearedOn = dateText(date).AddDays(-1).String()
		}
		s.lastDate = date
	}
	s.balance += amount
}

// payFromOf is the first day of payments a summary keeps.
func payFromOf(lastDate string) string {
	if lastDate == "" {
		return ""
	}
	return dateText(lastDate).AddDays(-payWindow).String()
}

// chargesOf encodes an account's charge entries; of two entries of one
// component from one day the first made is the one the worklist's query
// takes, so only it is kept.
func chargesOf(ctx context.Context, q queryer, no int64) ([]byte, error) {
	var cs []sumCharge
	err := eachRow(ctx, q, `SELECT component, weekly, from_date FROM charge WHERE account = ? ORDER BY component, from_date, no`,
		[]any{no}, func(rs *sql.Rows) error {
			var c sumCharge
			var from string
			if err := rs.Scan(&c.component, &c.weekly, &from); err != nil {
				return err
			}
			c.from = dateText(from)
			if n := len(cs); n > 0 && cs[n-1].component == c.component && cs[n-1].from == c.from {
				return nil
			}
			cs = append(cs, c)
			return nil
		})
	return encodeCharges(cs), err
}

// orderOf reads the latest suspended or postponed order and the balance at
// the end of its day.
func orderOf(ctx context.Context, q queryer, no int64) (date string, balance int64, err error) {
	err = q.QueryRowContext(ctx, `SELECT e.date, (SELECT COALESCE(sum(t.amount), 0) FROM txn t WHERE t.account = e.account AND t.date <= e.date AND t.void = 0)
		FROM event e WHERE e.account = ? AND e.type IN `+orderTypesSQL+` ORDER BY e.date DESC, e.no DESC LIMIT 1`, no).Scan(&date, &balance)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, nil
	}
	return date, balance, err
}

// sumPending is what a write did to one account's summary.
type sumPending struct {
	// fresh: the account was created in this write (its summary starts
	// empty); full: work the summary out again from the ledger.
	fresh, full bool
	// order, charges, events and contact: read them again; plan: work
	// the live arrangement's rows out again (planrows.go).
	order, charges, events, contact, plan bool
	// rows are ledger rows added in this write, applied incrementally.
	rows []sumRow
	// periods is what the write adds to the period records.
	periods periodAppend
}

type sumRow struct {
	date   string
	typ    string
	amount int64
	method string
	origin int64
	seq    int64
}

func (w *writer) pending(account int64) *sumPending {
	if w.sums == nil {
		w.sums = map[int64]*sumPending{}
	}
	p := w.sums[account]
	if p == nil {
		p = &sumPending{full: w.sumsFull}
		w.sums[account] = p
	}
	return p
}

// sumRowLimit bounds the ledger rows a write keeps in memory to apply to
// summaries in place, beyond the first row of each account (a write keeps
// a pending entry per account it touched anyway, so a rent run's one row
// per account is not counted). A bigger write (a whole-borough import, a
// long extract) works every account it touched out again from its ledger
// at flush instead, so its memory does not grow with its rows.
const sumRowLimit = 20_000

// summaryTxn notes a ledger row added to an account in this write.
func (w *writer) summaryTxn(account, origin, seq int64, b txnBody) {
	p := w.pending(account)
	w.periodTxn(p, b)
	if p.full {
		return
	}
	if b.Reverses != "" {
		p.full, p.rows = true, nil
		return
	}
	if len(p.rows) == 0 {
		// An account's first row is not counted against sumRowLimit.
		p.rows = []sumRow{{date: b.Date, typ: b.Type, amount: b.Amount, method: b.Method, origin: origin, seq: seq}}
		return
	}
	if w.sumRows >= sumRowLimit {
		w.summariesFull()
		return
	}
	w.sumRows++
	p.rows = append(p.rows, sumRow{date: b.Date, typ: b.Type, amount: b.Amount, method: b.Method, origin: origin, seq: seq})
}

// summariesFull notes that every account this write touches must have
// its summary worked out again from its ledger (past sumRowLimit).
func (w *writer) summariesFull() {
	for _, q := range w.sums {
		q.full, q.rows = true, nil
	}
	w.sumsFull = true
}

// summaryLedger notes that an account's summary must be worked out again
// from its ledger (rows from another replica, a void).
func (w *writer) summaryLedger(account int64) {
	p := w.pending(account)
	p.full, p.rows = true, nil
	p.periods.redo()
}

// summaryCreated notes a new account: its summary starts empty.
func (w *writer) summaryCreated(account int64) { w.pending(account).fresh = true }

// summaryCharges notes a charge entry added to an account.
func (w *writer) summaryCharges(account int64) { w.pending(account).charges = true }

// summaryEvent notes an event added to an account (a suspended or
// postponed order's day balance too).
func (w *writer) summaryEvent(account int64, eventType string) {
	p := w.pending(account)
	p.events = true
	if eventType == string(domain.EventOrderSuspended) || eventType == string(domain.EventOrderPostponed) {
		p.order = true
	}
}

// summaryNote notes a note added to an account: one with a contact
// channel may be its latest contact.
func (w *writer) summaryNote(account int64, channel string) {
	if channel != "" {
		w.pending(account).contact = true
	}
}

// flushSummaries brings the summary of every account this write touched up
// to date, in the write's transaction.
func (w *writer) flushSummaries() error {
	accounts := make([]int64, 0, len(w.sums))
	for no := range w.sums {
		accounts = append(accounts, no)
	}
	slices.Sort(accounts)
	if err := w.flushPeriods(accounts); err != nil {
		return err
	}
	for _, no := range accounts {
		if err := w.flushPlan(no, w.sums[no]); err != nil {
			return fmt.Errorf("live arrangement rows: %w", err)
		}
		if p := w.sums[no]; p.full && p.periods.redone {
			if err := w.recomputeAccount(no); err != nil {
				return fmt.Errorf("account summary: %w", err)
			}
			continue
		}
		if err := w.flushSummary(no, w.sums[no]); err != nil {
			return fmt.Errorf("account summary: %w", err)
		}
	}
	w.sums, w.sumRows, w.sumsFull, w.periodRows, w.plans = nil, 0, false, 0, nil
	return nil
}

func (w *writer) flushSummary(no int64, p *sumPending) error {
	if done, err := w.appendDay(no, p); done || err != nil {
		return err
	}
	if !p.full && !p.fresh {
		// In place: read the ledger part, write back only what changed.
		var s summary
		err := w.queryRow(ledgerPartSQL, no).Scan(&s.lastDate, &s.balance, &s.clearedOn, &s.payFrom, &s.orderDate)
		if errors.Is(err, sql.ErrNoRows) {
			return w.saveFullSummary(no, nil)
		}
		if err != nil {
			return err
		}
		load := func() ([]byte, error) {
			var b []byte
			err := w.queryRow("SELECT pays FROM account_pays WHERE account = ?", no).Scan(&b)
			if errors.Is(err, sql.ErrNoRows) {
				return nil, errBadSummary
			}
			return b, err
		}
		if !s.apply(p, load) {
			return w.saveFullSummary(no, nil)
		}
		return w.updateSummary(no, p, s)
	}
	if p.full {
		return w.saveFullSummary(no, nil)
	}
	// A new account: its summary starts empty.
	s := summary{paysLoaded: true}
	if !s.apply(p, nil) {
		return w.saveFullSummary(no, nil)
	}
	return w.saveFullSummary(no, &s)
}

// appendDay is apply in one statement for the commonest write, a rent
// run's: rows on one day, none a payment, nothing else read again. done
// is false when the summary does not allow it (the day is before its last,
// on or before its order, or its payments are due a trim).
func (w *writer) appendDay(no int64, p *sumPending) (done bool, err error) {
	if p.full || p.fresh || p.order || p.charges || p.events || p.contact || len(p.rows) == 0 {
		return false, nil
	}
	day := p.rows[0].date
	var sum int64
	for _, r := range p.rows {
		if r.date != day || (r.amount < 0 && domain.TxnType(r.typ).IsPayment()) {
			return false, nil
		}
		sum += r.amount
	}
	d := dateText(day)
	// SQLite's SET expressions all read the row as it was.
	res, err := w.exec(`UPDATE account_summary SET
		cleared_on = CASE WHEN last_date <> '' AND last_date < ?1 AND balance <= 0 THEN ?2 ELSE cleared_on END,
		balance = balance + ?3, last_date = ?1
		WHERE account = ?4 AND last_date <= ?1 AND pay_from >= ?5 AND (order_date = '' OR order_date < ?1)`,
		day, d.AddDays(-1).String(), sum, no, d.AddDays(-payWindow-paySlack).String())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ledgerPartSQL reads what apply changes of a summary.
const ledgerPartSQL = `SELECT last_date, balance, cleared_on, pay_from, order_date FROM account_summary WHERE account = ?`

// updateSummary writes the parts of a summary a write changed: the
// ledger part when rows were added, and each part read again.
func (w *writer) updateSummary(no int64, p *sumPending, s summary) error {
	if len(p.rows) > 0 {
		if _, err := w.exec("UPDATE account_summary SET last_date = ?, balance = ?, cleared_on = ?, pay_from = ? WHERE account = ?",
			s.lastDate, s.balance, s.clearedOn, s.payFrom, no); err != nil {
			return err
		}
		if s.paysChanged {
			if _, err := w.exec(savePaysSQL, no, nonNil(s.pays)); err != nil {
				return err
			}
		}
	}
	if p.order {
		date, balance, err := orderOf(w.ctx, w.prepared(), no)
		if err != nil {
			return err
		}
		if _, err := w.exec("UPDATE account_summary SET order_date = ?, order_balance = ? WHERE account = ?", date, balance, no); err != nil {
			return err
		}
	}
	if p.charges {
		cs, err := chargesOf(w.ctx, w.prepared(), no)
		if err != nil {
			return err
		}
		if _, err := w.exec("UPDATE account_summary SET charges = ? WHERE account = ?", cs, no); err != nil {
			return err
		}
	}
	if p.events {
		evs, err := eventsOf(w.ctx, w.prepared(), no)
		if err != nil {
			return err
		}
		if _, err := w.exec("UPDATE account_summary SET events = ? WHERE account = ?", evs, no); err != nil {
			return err
		}
	}
	if p.contact {
		last, n, err := contactOf(w.ctx, w.prepared(), no)
		if err != nil {
			return err
		}
		if _, err := w.exec("UPDATE account_summary SET last_contact = ?, note_channel = ?, note_date = ?, note_officer = ? WHERE account = ?",
			last, n.channel, n.date, n.officer, no); err != nil {
			return err
		}
	}
	return nil
}

// saveFullSummary writes an account's whole summary: fresh's ledger part
// with the rest read from the tables, or (fresh nil) all of it worked out
// again from the ledger.
func (w *writer) saveFullSummary(no int64, fresh *summary) error {
	var s summary
	var err error
	if fresh == nil {
		s, err = computeSummary(w.ctx, w.prepared(), no)
	} else {
		s = *fresh
		s.orderDate, s.orderBalance, err = orderOf(w.ctx, w.prepared(), no)
		if err == nil {
			s.charges, err = chargesOf(w.ctx, w.prepared(), no)
		}
		if err == nil {
			s.events, err = eventsOf(w.ctx, w.prepared(), no)
		}
		if err == nil {
			s.lastContact, s.note, err = contactOf(w.ctx, w.prepared(), no)
		}
	}
	if err != nil {
		return err
	}
	return w.saveSummary(no, s)
}

// recomputeAccount works an account's summary and its period records out
// again from one read of the rows that count (a borough's import does this
// for every account).
func (w *writer) recomputeAccount(no int64) error {
	var periods periodRecords
	s, err := computeSummaryWith(w.ctx, w.prepared(), no, "", &periods)
	if err != nil {
		return err
	}
	years, rows := periods.done()
	if err := w.savePeriods(no, years, rows); err != nil {
		return fmt.Errorf("account period totals: %w", err)
	}
	return w.saveSummary(no, s)
}

// saveSummary writes an account's whole summary.
func (w *writer) saveSummary(no int64, s summary) error {
	if _, err := w.exec(saveSummarySQL, no, s.lastDate, s.balance, s.clearedOn, s.payFrom, nonNil(s.charges), s.orderDate, s.orderBalance,
		s.lastContact, nonNil(s.events), s.note.channel, s.note.date, s.note.officer); err != nil {
		return err
	}
	_, err := w.exec(savePaysSQL, no, nonNil(s.pays))
	return err
}

const (
	saveSummarySQL = `INSERT OR REPLACE INTO account_summary(account, last_date, balance, cleared_on, pay_from, charges, order_date, order_balance,
		last_contact, events, note_channel, note_date, note_officer) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	savePaysSQL = "INSERT OR REPLACE INTO account_pays(account, pays) VALUES(?, ?)"
)

// apply adds a write's new ledger rows to the summary; false when they
// cannot be added in place (a row before the last day) and the summary
// must be worked out again from the ledger.
func (s *summary) apply(p *sumPending, load func() ([]byte, error)) bool {
	if len(p.rows) == 0 {
		return true
	}
	rows := p.rows
	slices.SortStableFunc(rows, func(a, b sumRow) int {
		switch {
		case a.date < b.date:
			return -1
		case a.date > b.date:
			return 1
		}
		return 0
	})
	if rows[0].date < s.lastDate {
		return false
	}
	var added []sumPay
	for _, r := range rows {
		s.addDay(r.date, r.amount)
		if s.orderDate != "" && r.date <= s.orderDate {
			p.order = true // the order's day changed: read its balance again
		}
		if r.amount < 0 && domain.TxnType(r.typ).IsPayment() {
			added = append(added, sumPay{date: dateText(r.date), typ: r.typ, amount: r.amount, method: r.method, origin: r.origin, seq: r.seq})
		}
	}
	// The kept payments reach back at least payWindow days before the last
	// day; they are trimmed to it once they reach paySlack days further.
	trim := s.payFrom < dateText(s.lastDate).AddDays(-payWindow-paySlack).String()
	if len(added) == 0 && !trim {
		return true
	}
	if !s.paysLoaded {
		if load == nil {
			return false
		}
		var err error
		if s.pays, err = load(); err != nil {
			return false
		}
		s.paysLoaded = true
	}
	pays, err := decodePays(s.pays)
	if err != nil {
		return false
	}
	pays = append(pays, added...)
	slices.SortFunc(pays, comparePays)
	cut := 0
	if trim {
		s.payFrom = payFromOf(s.lastDate)
		for cut < len(pays) && pays[cut].date.String() < s.payFrom {
			cut++
		}
	}
	s.pays = encodePays(pays[cut:])
	s.paysChanged = true
	return true
}

// backfillSummaries works out every account's summary: the migration that
// adds the table runs it, so an existing database gains its summaries.
func backfillSummaries(ctx context.Context, tx *sql.Tx) error {
	accounts, err := accountNos(ctx, tx, "SELECT no FROM account ORDER BY no")
	if err != nil {
		return err
	}
	st, err := tx.PrepareContext(ctx, saveSummarySQL)
	if err != nil {
		return err
	}
	defer st.Close()
	sp, err := tx.PrepareContext(ctx, savePaysSQL)
	if err != nil {
		return err
	}
	defer sp.Close()
	for _, no := range accounts {
		s, err := computeSummary(ctx, tx, no)
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(ctx, no, s.lastDate, s.balance, s.clearedOn, s.payFrom, nonNil(s.charges), s.orderDate, s.orderBalance,
			s.lastContact, nonNil(s.events), s.note.channel, s.note.date, s.note.officer); err != nil {
			return err
		}
		if _, err := sp.ExecContext(ctx, no, nonNil(s.pays)); err != nil {
			return err
		}
	}
	return nil
}

func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

// checkSummaries compares every account's summary with one worked out
// again from its ledger, charges and events.
func checkSummaries(ctx context.Context, q queryer, add func(string, ...any)) error {
	accounts, err := accountRefs(ctx, q)
	if err != nil {
		return err
	}
	for _, a := range accounts {
		have, err := scanSummary(q.QueryRowContext(ctx, summarySQL, a.no))
		if errors.Is(err, sql.ErrNoRows) {
			add("%s: no account summary", a.ref)
			continue
		}
		if err != nil {
			return err
		}
		want, err := computeSummary(ctx, q, a.no)
		if err != nil {
			return err
		}
		if have.lastDate == want.lastDate && have.payFrom != want.payFrom &&
			have.payFrom >= dateText(want.lastDate).AddDays(-payWindow-paySlack).String() && have.payFrom < want.payFrom {
			// Kept back to an earlier day within the slack: compare the
			// payments from that day.
			if want.pays, err = paysOf(ctx, q, a.no, have.payFrom); err != nil {
				return err
			}
			want.payFrom = have.payFrom
		}
		if d := have.differs(want); d != "" {
			add("%s: account summary %s", a.ref, d)
		}
	}
	return nil
}

// differs names the first field where s is not want ("" when none).
func (s summary) differs(want summary) string {
	switch {
	case s.lastDate != want.lastDate:
		return fmt.Sprintf("last ledger day is %q but the ledger gives %q", s.lastDate, want.lastDate)
	case s.balance != want.balance:
		return fmt.Sprintf("balance is %s but the ledger sums to %s", domain.Pence(s.balance), domain.Pence(want.balance))
	case s.clearedOn != want.clearedOn:
		return fmt.Sprintf("cleared on %q but the ledger gives %q", s.clearedOn, want.clearedOn)
	case s.payFrom != want.payFrom || !bytes.Equal(s.pays, want.pays):
		return "payments differ from the ledger's"
	case !bytes.Equal(s.charges, want.charges):
		return "charges differ from the charge table's"
	case s.lastContact != want.lastContact:
		return fmt.Sprintf("last contact %q but the notes give %q", s.lastContact, want.lastContact)
	case s.note != want.note:
		return fmt.Sprintf("latest pre-action note %v but the notes give %v", s.note, want.note)
	case !bytes.Equal(s.events, want.events):
		return "events differ from the event table's"
	case s.orderDate != want.orderDate || s.orderBalance != want.orderBalance:
		return fmt.Sprintf("order of %q with balance %s but the events and ledger give %q with %s",
			s.orderDate, domain.Pence(s.orderBalance), want.orderDate, domain.Pence(want.orderBalance))
	}
	return ""
}

// summaryPayments fills the recent payments (on or after since) of the
// accounts in need from their summaries and returns those whose summary
// does not reach back to since (read from the ledger instead).
func summaryPayments(ctx context.Context, q queryer, facts []worklist.Facts, sums []summaryRead, index map[int64]int, need []int64, since string) ([]int64, error) {
	var rest, read []int64
	for _, no := range need {
		if sums[index[no]].payFrom > since {
			rest = append(rest, no)
		} else {
			read = append(read, no)
		}
	}
	if len(read) == 0 {
		return rest, nil
	}
	short, err := replicaShorts(ctx, q)
	if err != nil {
		return nil, err
	}
	from := dateText(since)
	txns := newTxnReader(short)
	list, _ := json.Marshal(read)
	err = eachRow(ctx, q, "SELECT account, pays FROM account_pays WHERE account IN (SELECT value FROM json_each(?))", []any{string(list)}, func(rs *sql.Rows) error {
		var no int64
		var raw sql.RawBytes
		if err := rs.Scan(&no, &raw); err != nil {
			return err
		}
		i, ok := index[no]
		if !ok {
			return nil
		}
		facts[i].Payments, err = txns.pays(raw, from)
		return err
	})
	return rest, err
}

// replicaShorts maps each replica's local number to the first eight
// characters of its id, as transaction ids show it.
func replicaShorts(ctx context.Context, q queryer) (map[int64]string, error) {
	out := map[int64]string{}
	err := eachRow(ctx, q, "SELECT no, substr(id, 1, 8) FROM replica", nil, func(rs *sql.Rows) error {
		var no int64
		var s string
		if err := rs.Scan(&no, &s); err != nil {
			return err
		}
		out[no] = s
		return nil
	})
	return out, err
}
