package store

// Fast readers for what a pack carries most of: a ledger fact's body in
// the exact form appendTxnJSON writes, and replica ids. Anything in
// another form is left to encoding/json and the pattern, which decide.

// parseTxnBody reads a ledger fact's body in the exact form appendTxnJSON
// writes (keys in its order, the optional ones only when not empty, texts
// with no escapes), giving what decodeStrict would; ok is false for a body
// in any other form, which decodeStrict then reads.
func parseTxnBody(v []byte) (b txnBody, ok bool) {
	p := lineParser{rest: v}
	ok = p.lit(`{"date":`) && p.str(&b.Date) &&
		p.lit(`,"type":`) && p.str(&b.Type) &&
		p.lit(`,"amount":`) && p.int(&b.Amount) &&
		(!p.lit(`,"method":`) || p.str(&b.Method)) &&
		(!p.lit(`,"reference":`) || p.str(&b.Reference)) &&
		(!p.lit(`,"note":`) || p.str(&b.Note)) &&
		(!p.lit(`,"reverses":`) || p.str(&b.Reverses)) &&
		(!p.lit(`,"pair":`) || p.str(&b.Pair)) &&
		(!p.lit(`,"run_week":`) || p.str(&b.RunWeek)) &&
		p.lit(`}`) && len(p.rest) == 0 && !p.bad
	return b, ok
}

// decodeTxnBody is decodeStrict for a ledger fact's body, by parseTxnBody
// when the body is in caseload's own form.
func decodeTxnBody(v []byte, b *txnBody) error {
	if fast, ok := parseTxnBody(v); ok {
		*b = fast
		return nil
	}
	return decodeStrict(v, b)
}

// isUUID says whether s is an id as caseload makes them (replica, pack):
// 8-4-4-4-12 lowercase hexadecimal digits.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
				return false
			}
		}
	}
	return true
}
