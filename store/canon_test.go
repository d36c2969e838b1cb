package store

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestHandWrittenJSONIsEncodingJSONs: the hand-written encoders give the
// very bytes encoding/json gives, for plain texts and for texts that need
// escapes (quotes, backslashes, HTML, control characters, non-ASCII,
// invalid UTF-8), so hashes and packs are the same whichever wrote them.
func TestHandWrittenJSONIsEncodingJSONs(t *testing.T) {
	texts := []string{"", "plain", "NW1001", `say "hi"`, `back\slash`, "<b>&amp;</b>", "tab\there", "line\nbreak", "\x00\x1f\b\f",
		"£25.00 café", "\u2028\u2029", "bad \xff utf-8", "9f3a61c2-1042", "2026-12-07"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		texts = append(texts, string(b))
	}
	pick := func() string { return texts[r.IntN(len(texts))] }
	for i := range 500 {
		s := pick()
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("string %q: %s, want %s", s, got, want)
		}
		b := txnBody{Date: pick(), Type: pick(), Amount: r.Int64N(2000000) - 1000000, Method: pick(), Reference: pick(),
			Note: pick(), Reverses: pick(), Pair: pick(), RunWeek: pick()}
		if i%3 == 0 {
			b.Method, b.Note, b.Pair = "", "", ""
		}
		want, _ = json.Marshal(b)
		if got := txnJSON(b); !bytes.Equal(got, want) {
			t.Fatalf("ledger body %+v:\n%s\nwant\n%s", b, got, want)
		}
		c := Change{Origin: pick(), Seq: r.Int64N(1 << 40), HLC: r.Int64N(1 << 60), Officer: pick(), Entity: pick(), EntityID: pick(),
			Account: pick(), Op: pick(), Field: pick(), Value: want, Prev: pick(), Sum: pick()}
		if i%2 == 0 {
			c.Parents = []string{pick(), pick()}
		}
		if i%5 == 0 {
			c.Account, c.Field, c.Prev, c.Sum = "", "", "", ""
		}
		prev := pick()
		var parents []string
		if len(c.Parents) > 0 {
			parents = c.Parents
		}
		hashed, _ := json.Marshal([]any{chainDomain, prev, c.Origin, c.Seq, c.HLC, c.Officer, c.Entity, c.EntityID,
			c.Account, c.Op, c.Field, json.RawMessage(c.Value), parents})
		if got := appendHashed(nil, prev, &c, c.Value); !bytes.Equal(got, hashed) {
			t.Fatalf("hashed form:\n%s\nwant\n%s", got, hashed)
		}
		var line bytes.Buffer
		json.NewEncoder(&line).Encode(packLine{Change: &c})
		if got, err := appendChangeLine(nil, &c, true); err != nil || !bytes.Equal(got, line.Bytes()) {
			t.Fatalf("pack line (%v):\n%s\nwant\n%s", err, got, line.Bytes())
		}
	}
	// A value that is not JSON is refused, as encoding/json refuses it.
	if _, err := appendChangeLine(nil, &Change{Value: json.RawMessage("{not json")}, false); err == nil {
		t.Fatal("a change whose value is not JSON was written")
	}
}

// TestChangeLinesReadAsEncodingJSONReadsThem: a change line read by the
// hand-written reader gives exactly the change encoding/json decodes from
// it (and the reader takes the plain lines packs are made of), for lines
// as packs write them and for lines with a byte changed; a line it does
// not take is left to encoding/json.
func TestChangeLinesReadAsEncodingJSONReadsThem(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	plain := []string{"", "plain", "NW1001", "asmith", "txn", "add", "set", "café"}
	odd := []string{`with "quotes"`, `back\slash`, "<&>", "tab\t", "bad \xff"}
	values := []string{`{"date":"2026-12-07","type":"charge","amount":10000}`, `"a text"`, `12`, `null`, `true`, `[1,"two",{"x":[]}]`,
		`{"nested":{"s":"}{\"]["}}`, `{ "spaced" : 1 }`, `"esc\"aped\\"`}
	texts := append(plain, "")
	pick := func(list []string) string {
		if len(list) == len(texts) && r.IntN(40) == 0 {
			return odd[r.IntN(len(odd))]
		}
		return list[r.IntN(len(list))]
	}
	strict := func(line []byte) (*Change, bool) {
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		var pl packLine
		if err := dec.Decode(&pl); err != nil || dec.More() || pl.Change == nil || pl.Manifest != nil || pl.End != nil {
			return nil, false
		}
		return pl.Change, true
	}
	fast := 0
	for i := range 3000 {
		c := Change{Origin: pick(texts), Seq: r.Int64N(1<<40) - 5, HLC: r.Int64N(1 << 60), Officer: pick(texts), Entity: pick(texts),
			EntityID: pick(texts), Account: pick(texts), Op: pick(texts), Field: pick(texts), Value: json.RawMessage(pick(values)),
			Prev: pick(texts), Sum: pick(texts)}
		if i%3 == 0 {
			c.Parents = []string{pick(texts), pick(texts)}
		}
		line, err := appendChangeLine(nil, &c, true)
		if err != nil {
			t.Fatal(err)
		}
		if i%2 == 1 {
			line[r.IntN(len(line))] = "\"\\{}[],:0a \xff"[r.IntN(12)]
		}
		got, ok := parseChangeLine(line)
		if !ok {
			continue
		}
		fast++
		want, wok := strict(line)
		if !wok {
			t.Fatalf("read %q, which encoding/json refuses", line)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("line %q:\n%+v\nencoding/json:\n%+v", line, got, want)
		}
	}
	if fast < 500 {
		t.Fatalf("the reader took only %d lines", fast)
	}
}
