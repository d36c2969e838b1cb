package store

// The txn entity: a ledger row carried as a fact. Its handler is declared
// in handlers (entities.go); local postings go through addTxn, bulk loads
// through addTxns (batch.go) and insertBulk (bulk.go).

import (
	"context"
	"fmt"

	"caseload/domain"
)

// txnBody is a ledger transaction as carried in a change; amounts in pence.
type txnBody struct {
	Date      string `json:"date"`
	Type      string `json:"type"`
	Amount    int64  `json:"amount"`
	Method    string `json:"method,omitempty"`
	Reference string `json:"reference,omitempty"`
	Note      string `json:"note,omitempty"`
	Reverses  string `json:"reverses,omitempty"`
	Pair      string `json:"pair,omitempty"`
	RunWeek   string `json:"run_week,omitempty"`
}

func (b txnBody) validate() error {
	if _, err := domain.ParseDate(b.Date); err != nil {
		return invalid("date", "%v", err)
	}
	t := domain.TxnType(b.Type)
	known := false
	for _, k := range domain.TxnTypes {
		if k == t {
			known = true
		}
	}
	if !known {
		return invalid("type", "%q is not a transaction type", b.Type)
	}
	if t != domain.TxnReversal {
		if err := t.CheckSign(domain.Pence(b.Amount)); err != nil {
			return err
		}
	} else if b.Reverses == "" || b.Amount == 0 {
		return invalid("reverses", "a reversal must name the transaction it reverses")
	}
	if b.Method != "" {
		if _, err := domain.ParsePaymentMethod(b.Method); err != nil {
			return err
		}
	}
	return checkText(txnText, b.Reference, b.Note)
}

var txnText = []domain.TextField{domain.TextReference, domain.TextNote}

func addTxnChange(w *writer, c Change, origin int64) error {
	var b txnBody
	if err := decodeTxnBody(c.Value, &b); err != nil {
		return err
	}
	if err := b.validate(); err != nil {
		return err
	}
	if c.EntityID != factID(c.Origin, c.Seq) {
		return fmt.Errorf("txn change %s has id %s", c.ID(), c.EntityID)
	}
	no, err := w.accountNo(c.Account)
	if err != nil {
		return err
	}
	// A row from elsewhere may be the payment a reversal already here
	// names: then its account's summary is worked out again (a row dated
	// before the summary's last day is, too, when the write flushes).
	var reversed bool
	if err := w.queryRow("SELECT EXISTS(SELECT 1 FROM txn WHERE reverses <> '' AND reverses = ?)", c.EntityID).Scan(&reversed); err != nil {
		return err
	}
	if reversed {
		w.summaryLedger(no)
	}
	return w.insertTxn(no, origin, c.Seq, b)
}

// insertTxn writes a ledger row and records its effect on the balance.
func (w *writer) insertTxn(account, origin, seq int64, b txnBody) error {
	_, err := w.exec(`INSERT INTO txn(origin, seq, account, date, type, amount, method, reference, note, reverses, pair, run_week)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		origin, seq, account, b.Date, b.Type, b.Amount, b.Method, b.Reference, b.Note, b.Reverses, b.Pair, b.RunWeek)
	if err != nil {
		return err
	}
	w.noteTxnEffects(account, b)
	w.summaryTxn(account, origin, seq, b)
	return nil
}

// addTxn posts a ledger transaction from this replica. It skips the JSON
// round trip of the generic path because bulk loads post millions.
func (w *writer) addTxn(ref string, account int64, b txnBody) (string, error) {
	// The same checks an importing replica makes: a row it would refuse
	// must never be written here.
	if err := b.validate(); err != nil {
		return "", err
	}
	c := Change{Origin: w.s.self.ID, Seq: w.seq, HLC: w.clock.Now(), Officer: w.officer,
		Entity: entityTxn, Account: ref, Op: "add"}
	c.EntityID = factID(c.Origin, c.Seq)
	w.seq++
	prev := w.chainLast
	sum := w.seal(&c, txnJSON(b))
	added, err := w.logChanges([]logRow{{origin: w.s.self.No, seq: c.Seq, hlc: c.HLC, officer: c.Officer, entity: entityTxn,
		entityID: c.EntityID, account: ref, op: "add", prev: prev, sum: sum}})
	if err != nil {
		return "", err
	}
	if added != 1 {
		return "", fmt.Errorf("%w: %s", errReplay, c.ID())
	}
	return c.EntityID, w.insertTxn(account, w.s.self.No, c.Seq, b)
}

// txnBodyByChange rebuilds a txn fact's body from its ledger row.
func txnBodyByChange(ctx context.Context, q queryer, origin, seq int64) (txnBody, error) {
	var b txnBody
	err := q.QueryRowContext(ctx, `SELECT date, type, amount, method, reference, note, reverses, pair, run_week FROM txn WHERE origin = ? AND seq = ?`, origin, seq).
		Scan(&b.Date, &b.Type, &b.Amount, &b.Method, &b.Reference, &b.Note, &b.Reverses, &b.Pair, &b.RunWeek)
	return b, err
}
