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
// that hundreds of thousands of them take a few allocations.
type txnSlab struct{ free []domain.Txn }

// keep returns a copy of txns (nil when empty) that appending to never
// shares with another.
func (s *txnSlab) keep(txns []domain.Txn) []domain.Txn {
	if len(txns) == 0 {
		return nil
	}
	if cap(s.free)-len(s.free) < len(txns) {
		s.free = make([]domain.Txn, 0, max(4096, len(txns)))
	}
	n := len(s.free)
	s.free = append(s.free, txns...)
	return s.free[n:len(s.free):len(s.free)]
}

// txnReader decodes kept rows (payments, arrangement rows) into the
// worklist's transactions with few allocations.
type txnReader struct {
	ids     txnIDs
	money   amounts
	slab    txnSlab
	scratch []domain.Txn
}

func newTxnReader(short map[int64]string) *txnReader {
	return &txnReader{ids: txnIDs{short: short}, money: amounts{}}
}

// pays returns the payments encoded in b (encodePays) dated on or after
// from, as the worklist reads them (nil when there are none).
func (t *txnReader) pays(b []byte, from domain.Date) ([]domain.Txn, error) {
	r := sumReader{b: b}
	out := t.scratch[:0]
	for len(r.b) > 0 && r.err == nil {
		date := sumEpoch.AddDays(int(r.uvarint()))
		typ := r.str(summaryWords)
		amount := r.varint()
		method := r.str(summaryWords)
		origin := int64(r.uvarint())
		seq := int64(r.uvarint())
		if r.err != nil || date.Before(from) {
			continue
		}
		t.ids.add(origin, seq)
		out = append(out, domain.Txn{Date: date, Type: domain.TxnType(typ), Amount: t.money.of(amount),
			Method: domain.PaymentMethod(method)})
	}
	return t.done(out), r.err
}

// done names the rows decoded and keeps them.
func (t *txnReader) done(out []domain.Txn) []domain.Txn {
	t.ids.name(out)
	t.scratch = out
	return t.slab.keep(out)
}

// decodePlanRows returns kept arrangement rows (planrows.go) as the
// worklist reads them (nil when there are none).
func (t *txnReader) decodePlanRows(b []byte) ([]domain.Txn, error) {
	r := sumReader{b: b}
	out := t.scratch[:0]
	for len(r.b) > 0 && r.err == nil {
		date := sumEpoch.AddDays(int(r.uvarint()))
		typ := r.str(summaryWords)
		amount := r.varint()
		method := r.str(summaryWords)
		origin := int64(r.uvarint())
		seq := int64(r.uvarint())
		reverses := r.str(nil)
		if r.err != nil {
			break
		}
		t.ids.add(origin, seq)
		out = append(out, domain.Txn{Date: date, Type: domain.TxnType(typ),
			Amount: t.money.of(amount), Method: domain.PaymentMethod(method), Reverses: reverses})
	}
	return t.done(out), r.err
}
