package store

// Decoding a caseload's kept payments and arrangement rows straight into
// the worklist's transactions: a borough's read makes hundreds of
// thousands of them, so each allocation per row counts.

import (
	"strconv"

	"caseload/domain"
)

// amounts interns the money of one read. A borough's payments repeat a few
// thousand amounts and every domain.Pence allocates (a decimal's big.Int);
// Money is immutable, so equal amounts share one value. A nil amounts
// interns nothing.
type amounts map[int64]domain.Money

func (m amounts) of(p int64) domain.Money {
	if m == nil {
		return domain.Pence(p)
	}
	v, ok := m[p]
	if !ok {
		v = domain.Pence(p)
		m[p] = v
	}
	return v
}

// txnIDs makes transaction ids ("<replica short id>-<seq>"): those of one
// account's rows share one string (add each, then name them).
type txnIDs struct {
	short map[int64]string
	buf   []byte
	ends  []int
}

// add notes the id of the next row.
func (t *txnIDs) add(origin, seq int64) {
	t.buf = append(append(t.buf, t.short[origin]...), '-')
	t.buf = strconv.AppendInt(t.buf, seq, 10)
	t.ends = append(t.ends, len(t.buf))
}

// name gives txns the ids added since the last call, in order.
func (t *txnIDs) name(txns []domain.Txn) {
	all := string(t.buf)
	from := 0
	for i, end := range t.ends {
		txns[i].ID = all[from:end]
		from = end
	}
	t.buf, t.ends = t.buf[:0], t.ends[:0]
}

// txnSlab hands out the transactions of one read from shared arrays, so
// that hundreds of thousands of them take a few allocations and are
// written once, where they stay.
type txnSlab struct{ free []domain.Txn }

// reserve makes room for at least n more transactions after the last
// handed out, returning where the next one goes.
func (s *txnSlab) reserve(n int) int {
	if cap(s.free)-len(s.free) < n {
		s.free = make([]domain.Txn, 0, max(4096, n))
	}
	return len(s.free)
}

// since hands out the transactions added since from (nil when none);
// appending to them never writes over another's.
func (s *txnSlab) since(from int) []domain.Txn {
	if len(s.free) == from {
		return nil
	}
	return s.free[from:len(s.free):len(s.free)]
}

// txnReader decodes kept rows (payments, arrangement rows) into the
// worklist's transactions with few allocations.
type txnReader struct {
	ids   txnIDs
	money amounts
	slab  txnSlab
}

func newTxnReader(short map[int64]string) *txnReader {
	return &txnReader{ids: txnIDs{short: short}, money: amounts{}}
}

// Each encoded row takes at least this many bytes (a byte for each
// number, a length byte for each string): room for len/min rows is enough.
const (
	minPayBytes  = 6
	minPlanBytes = 7
)

// pays returns the payments encoded in b (encodePays) dated on or after
// from, as the worklist reads them (nil when there are none).
func (t *txnReader) pays(b []byte, from domain.Date) ([]domain.Txn, error) {
	r := sumReader{b: b}
	start := t.slab.reserve(len(b)/minPayBytes + 1)
	for len(r.b) > 0 && r.err == nil {
		p := r.pay()
		if r.err != nil || p.date.Before(from) {
			continue
		}
		t.ids.add(p.origin, p.seq)
		t.slab.free = append(t.slab.free, domain.Txn{Date: p.date, Type: domain.TxnType(p.typ), Amount: t.money.of(p.amount),
			Method: domain.PaymentMethod(p.method)})
	}
	return t.done(start), r.err
}

// done names the rows decoded since start and hands them out.
func (t *txnReader) done(start int) []domain.Txn {
	out := t.slab.since(start)
	t.ids.name(out)
	return out
}

// decodePlanRows returns kept arrangement rows (planrows.go) as the
// worklist reads them (nil when there are none).
func (t *txnReader) decodePlanRows(b []byte) ([]domain.Txn, error) {
	r := sumReader{b: b}
	start := t.slab.reserve(len(b)/minPlanBytes + 1)
	for len(r.b) > 0 && r.err == nil {
		p := r.pay()
		reverses := r.str(nil)
		if r.err != nil {
			break
		}
		t.ids.add(p.origin, p.seq)
		t.slab.free = append(t.slab.free, domain.Txn{Date: p.date, Type: domain.TxnType(p.typ),
			Amount: t.money.of(p.amount), Method: domain.PaymentMethod(p.method), Reverses: reverses})
	}
	return t.done(start), r.err
}
