package store

// Hand-written JSON for what every pack and every hash writes by the
// million: a ledger body, a change's hashed form and a pack's change line.
// Each gives exactly the bytes encoding/json gives (canon_test.go proves it
// against encoding/json); a text with anything but plain printable ASCII
// in it is left to encoding/json, which knows its escapes.

import (
	"encoding/json"
	"strconv"
)

// appendString appends s as a JSON string, as json.Marshal writes it.
func appendString(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			b, _ := json.Marshal(s)
			return append(dst, b...)
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

// appendTxnJSON appends a ledger body as json.Marshal writes it.
func appendTxnJSON(dst []byte, b *txnBody) []byte {
	dst = append(dst, `{"date":`...)
	dst = appendString(dst, b.Date)
	dst = append(dst, `,"type":`...)
	dst = appendString(dst, b.Type)
	dst = append(dst, `,"amount":`...)
	dst = strconv.AppendInt(dst, b.Amount, 10)
	for _, f := range [...]struct{ key, v string }{
		{`,"method":`, b.Method}, {`,"reference":`, b.Reference}, {`,"note":`, b.Note},
		{`,"reverses":`, b.Reverses}, {`,"pair":`, b.Pair}, {`,"run_week":`, b.RunWeek},
	} {
		if f.v != "" {
			dst = append(dst, f.key...)
			dst = appendString(dst, f.v)
		}
	}
	return append(dst, '}')
}

// appendHashed appends a change's hashed form: the JSON array of the chain
// domain, prev, its identity and content, value (compact JSON, as
// canonicalFor gives it) and parents.
func appendHashed(dst []byte, prev string, c *Change, value []byte) []byte {
	dst = append(dst, '[')
	dst = appendString(dst, chainDomain)
	for _, s := range [...]string{prev, c.Origin} {
		dst = append(dst, ',')
		dst = appendString(dst, s)
	}
	dst = append(dst, ',')
	dst = strconv.AppendInt(dst, c.Seq, 10)
	dst = append(dst, ',')
	dst = strconv.AppendInt(dst, c.HLC, 10)
	for _, s := range [...]string{c.Officer, c.Entity, c.EntityID, c.Account, c.Op, c.Field} {
		dst = append(dst, ',')
		dst = appendString(dst, s)
	}
	dst = append(dst, ',')
	dst = append(dst, value...)
	dst = append(dst, ',')
	dst = appendStrings(dst, c.Parents)
	return append(dst, ']')
}

// appendStrings appends a list of texts (null when empty).
func appendStrings(dst []byte, list []string) []byte {
	if len(list) == 0 {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, s := range list {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, s)
	}
	return append(dst, ']')
}

// appendChangeLine appends a pack's line for a change, as a json.Encoder
// writes packLine{Change: c} (newline included) when the value is compact
// JSON; valid says the value is JSON (written as it is), otherwise it goes
// through encoding/json, which refuses it.
func appendChangeLine(dst []byte, c *Change, valid bool) ([]byte, error) {
	if !valid {
		b, err := json.Marshal(packLine{Change: c})
		if err != nil {
			return dst, err
		}
		return append(append(dst, b...), '\n'), nil
	}
	dst = append(dst, `{"change":{"origin":`...)
	dst = appendString(dst, c.Origin)
	dst = append(dst, `,"seq":`...)
	dst = strconv.AppendInt(dst, c.Seq, 10)
	dst = append(dst, `,"hlc":`...)
	dst = strconv.AppendInt(dst, c.HLC, 10)
	dst = append(dst, `,"officer":`...)
	dst = appendString(dst, c.Officer)
	dst = append(dst, `,"entity":`...)
	dst = appendString(dst, c.Entity)
	dst = append(dst, `,"entity_id":`...)
	dst = appendString(dst, c.EntityID)
	if c.Account != "" {
		dst = append(dst, `,"account":`...)
		dst = appendString(dst, c.Account)
	}
	dst = append(dst, `,"op":`...)
	dst = appendString(dst, c.Op)
	if c.Field != "" {
		dst = append(dst, `,"field":`...)
		dst = appendString(dst, c.Field)
	}
	dst = append(dst, `,"value":`...)
	if c.Value == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, c.Value...)
	}
	if len(c.Parents) > 0 {
		dst = append(dst, `,"parents":`...)
		dst = appendStrings(dst, c.Parents)
	}
	if c.Prev != "" {
		dst = append(dst, `,"prev":`...)
		dst = appendString(dst, c.Prev)
	}
	if c.Sum != "" {
		dst = append(dst, `,"hash":`...)
		dst = appendString(dst, c.Sum)
	}
	return append(dst, "}}\n"...), nil
}
