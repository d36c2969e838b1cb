package store

// Hand-written JSON for what every pack and every hash writes by the
// million: a ledger body, a change's hashed form and a pack's change line.
// Each gives exactly the bytes encoding/json gives (canon_test.go proves it
// against encoding/json); a text with anything but plain printable ASCII
// in it is left to encoding/json, which knows its escapes.

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"
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

// parseChangeLine reads a pack's change line in the exact form
// appendChangeLine writes, giving what encoding/json would decode from it;
// ok is false for a line in any other form (a text with escapes in it, keys
// in another order, a pack from elsewhere), which encoding/json then reads.
func parseChangeLine(line []byte) (c *Change, ok bool) {
	p := lineParser{rest: bytes.TrimRight(line, " \t\r\n")}
	c = &Change{}
	ok = p.lit(`{"change":{"origin":`) && p.str(&c.Origin) &&
		p.lit(`,"seq":`) && p.int(&c.Seq) &&
		p.lit(`,"hlc":`) && p.int(&c.HLC) &&
		p.lit(`,"officer":`) && p.str(&c.Officer) &&
		p.lit(`,"entity":`) && p.str(&c.Entity) &&
		p.lit(`,"entity_id":`) && p.str(&c.EntityID) &&
		(!p.lit(`,"account":`) || p.str(&c.Account)) &&
		p.lit(`,"op":`) && p.str(&c.Op) &&
		(!p.lit(`,"field":`) || p.str(&c.Field)) &&
		p.lit(`,"value":`) && p.value(&c.Value) &&
		(!p.lit(`,"parents":`) || p.strs(&c.Parents)) &&
		(!p.lit(`,"prev":`) || p.str(&c.Prev)) &&
		(!p.lit(`,"hash":`) || p.str(&c.Sum)) &&
		p.lit(`}}`) && len(p.rest) == 0 && !p.bad
	return c, ok
}

type lineParser struct {
	rest []byte
	bad  bool
}

func (p *lineParser) lit(s string) bool {
	if p.bad || !bytes.HasPrefix(p.rest, []byte(s)) {
		return false
	}
	p.rest = p.rest[len(s):]
	return true
}

// str reads a string with no escapes in it (and valid UTF-8).
func (p *lineParser) str(dst *string) bool {
	if len(p.rest) == 0 || p.rest[0] != '"' {
		p.bad = true
		return false
	}
	ascii := true
	for i := 1; i < len(p.rest); i++ {
		switch c := p.rest[i]; {
		case c == '"':
			s := p.rest[1:i]
			if !ascii && !utf8.Valid(s) {
				p.bad = true
				return false
			}
			*dst, p.rest = string(s), p.rest[i+1:]
			return true
		case c == '\\' || c < 0x20:
			p.bad = true
			return false
		case c >= 0x80:
			ascii = false
		}
	}
	p.bad = true
	return false
}

// int reads an integer written as json.Marshal writes one.
func (p *lineParser) int(dst *int64) bool {
	i := 0
	if i < len(p.rest) && p.rest[i] == '-' {
		i++
	}
	start := i
	for i < len(p.rest) && p.rest[i] >= '0' && p.rest[i] <= '9' {
		i++
	}
	if i == start || (p.rest[start] == '0' && i > start+1) {
		p.bad = true
		return false
	}
	n, err := strconv.ParseInt(string(p.rest[:i]), 10, 64)
	if err != nil {
		p.bad = true
		return false
	}
	*dst, p.rest = n, p.rest[i:]
	return true
}

// value reads a JSON value as it stands.
func (p *lineParser) value(dst *json.RawMessage) bool {
	end, depth, in := -1, 0, false
scan:
	for i := 0; i < len(p.rest); i++ {
		c := p.rest[i]
		if in {
			if c == '\\' {
				i++
			} else if c == '"' {
				if in = false; depth == 0 {
					end = i + 1
					break scan
				}
			}
			continue
		}
		switch c {
		case '"':
			in = true
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				end = i
				break scan
			}
			if depth--; depth == 0 {
				end = i + 1
				break scan
			}
		case ',':
			if depth == 0 {
				end = i
				break scan
			}
		}
	}
	if end <= 0 || !json.Valid(p.rest[:end]) {
		p.bad = true
		return false
	}
	*dst, p.rest = json.RawMessage(bytes.Clone(p.rest[:end])), p.rest[end:]
	return true
}

// strs reads a non-empty list of strings.
func (p *lineParser) strs(dst *[]string) bool {
	if !p.lit("[") {
		p.bad = true
		return false
	}
	for {
		var s string
		if !p.str(&s) {
			return false
		}
		*dst = append(*dst, s)
		if p.lit("]") {
			return true
		}
		if !p.lit(",") {
			p.bad = true
			return false
		}
	}
}
