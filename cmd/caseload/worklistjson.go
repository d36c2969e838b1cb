package main

// The worklist's JSON written by hand: the same bytes encoding/json with a
// two-space indent writes (TestWorklistJSONIsEncodingJSONs), without its
// reflection over each of a borough's tens of thousands of lines.

import (
	"encoding/json"
	"io"
	"strconv"
	"unicode/utf8"

	"caseload/domain/worklist"
)

// writeWorklistJSON writes out as writeJSON would.
func writeWorklistJSON(w io.Writer, out []worklistJSON) error {
	if len(out) == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	b := make([]byte, 0, 512*len(out))
	b = append(b, '[')
	for i := range out {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendWorklistLine(b, &out[i])
	}
	b = append(b, "\n]\n"...)
	_, err := w.Write(b)
	return err
}

func appendWorklistLine(b []byte, j *worklistJSON) []byte {
	b = append(b, "\n  {\n    \"ref\": "...)
	b = appendJSONString(b, j.Ref)
	b = append(b, ",\n    \"name\": "...)
	b = appendJSONString(b, j.Name)
	b = append(b, ',')
	b = appendItemFields(b, "\n    ", worklist.Item{Rule: j.Rule, Priority: j.Priority, Reason: j.Reason, Action: j.Action, Due: j.Due}, false)
	b = append(b, ",\n    \"balance\": "...)
	b = appendJSONString(b, j.Balance.String())
	b = append(b, ",\n    \"arrears_weeks\": "...)
	if j.ArrearsWeeks == nil {
		b = append(b, "null"...)
	} else {
		b = appendJSONString(b, *j.ArrearsWeeks)
	}
	b = append(b, ",\n    \"others\": ["...)
	for k, it := range j.Others {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n      {"...)
		b = appendItemFields(b, "\n        ", it, true)
		b = append(b, "\n      }"...)
	}
	if len(j.Others) > 0 {
		b = append(b, "\n    "...)
	}
	b = append(b, ']')
	if j.PausedUntil != nil {
		b = append(b, ",\n    \"paused_until\": "...)
		b = appendJSONString(b, j.PausedUntil.String())
	}
	if j.PauseReason != "" {
		b = append(b, ",\n    \"pause_reason\": "...)
		b = appendJSONString(b, j.PauseReason)
	}
	return append(b, "\n  }"...)
}

// appendItemFields appends an item's fields, each on a line starting with
// indent; with steps, also its step and document when it has them (the
// line's own item has none in its JSON).
func appendItemFields(b []byte, indent string, it worklist.Item, steps bool) []byte {
	b = append(append(b, indent...), "\"rule\": "...)
	b = appendJSONString(b, string(it.Rule))
	b = append(append(append(b, ','), indent...), "\"priority\": "...)
	b = strconv.AppendInt(b, int64(it.Priority), 10)
	b = append(append(append(b, ','), indent...), "\"reason\": "...)
	b = appendJSONString(b, it.Reason)
	b = append(append(append(b, ','), indent...), "\"action\": "...)
	b = appendJSONString(b, it.Action)
	b = append(append(append(b, ','), indent...), "\"due\": "...)
	b = appendJSONString(b, it.Due.String())
	if steps {
		if it.Step != "" {
			b = append(append(append(b, ','), indent...), "\"step\": "...)
			b = appendJSONString(b, it.Step)
		}
		if it.Document != "" {
			b = append(append(append(b, ','), indent...), "\"document\": "...)
			b = appendJSONString(b, it.Document)
		}
	}
	return b
}

// appendJSONString appends s quoted as encoding/json quotes it: plain
// printable ASCII as it is, anything else (escapes, HTML characters,
// other scripts) by encoding/json itself.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
