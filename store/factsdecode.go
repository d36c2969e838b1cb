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
// Money is immutable, so equal amounts share one value.
type amounts map[int64]domain.Money

func (m amounts) of(p int64) domain.Money {
	v, ok := m[p]
	if !ok {
		v = domain.Pence(p)
		m[p] = v
	}
	return v
}

// txnIDs makes transaction ids ("<replica short id>-<seq>") with one
// allocation each.
type txnIDs struct {
	short map[int64]string
	buf   []byte
}

func (t *txnIDs) id(origin, seq int64) string {
	t.buf = append(append(t.buf[:0], t.short[origin]...), '-')
	t.buf = strconv.AppendInt(t.buf, seq, 10)
	return string(t.buf)
}

// appendPays appends the payments encoded in b (encodePays) dated on or
// after from to dst, as the worklist reads them.
func appendPays(dst []domain.Txn, b []byte, from domain.Date, ids *txnIDs, money amounts) ([]domain.Txn, error) {
	r := sumReader{b: b}
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
		dst = append(dst, domain.Txn{ID: ids.id(origin, seq), Date: date, Type: domain.TxnType(typ), Amount: money.of(amount),
			Method: domain.PaymentMethod(method)})
	}
	return dst, r.err
}
