package main

import (
	"bytes"
	"testing"

	"caseload/domain"
	"caseload/domain/worklist"
)

// TestWorklistJSONIsEncodingJSONs: the hand-written worklist JSON is the
// bytes encoding/json writes, for empty lists, plain and awkward text
// (quotes, HTML characters, control characters, other scripts, U+2028,
// bytes that are not UTF-8), lines with and without arrears weeks, other
// items with and without a step and document, and paused lines.
func TestWorklistJSONIsEncodingJSONs(t *testing.T) {
	weeks := "4.30"
	until := domain.MustDate(2026, 12, 24)
	awkward := []string{"", "Plain text", `say "hi" \ there`, "<b>Tom & Jerry</b>", "Tom & Jerry", "a > b", "tab\there\nline\r\x00\x1f\b\f",
		"Zoë Ångström — £412.30", "line\u2028sep\u2029", "bad \xff\xfe bytes", "emoji 🏠"}
	var lines []worklistJSON
	for i, s := range awkward {
		j := worklistJSON{Ref: "NW" + s, Name: s, Rule: worklist.Rule("rule-" + s), Priority: i * 7, Reason: s, Action: s,
			Due: domain.MustDate(2026, 11, 1+i), Balance: domain.Pence(int64(i*12345 - 20000)), Others: []worklist.Item{}}
		if i%2 == 0 {
			j.ArrearsWeeks = &weeks
		}
		if i%3 == 1 {
			j.Others = []worklist.Item{{Rule: "letter-1", Priority: 50, Reason: s, Action: "send", Due: domain.MustDate(2026, 11, 2)},
				{Rule: "recovery-step", Priority: 60, Reason: "r", Action: s, Step: "step-" + s, Document: s + ".pdf"}}
		}
		if i%4 == 2 {
			j.PausedUntil, j.PauseReason = &until, s
		}
		if i == 3 {
			j.PausedUntil = &until // paused with no reason given
		}
		lines = append(lines, j)
	}
	for _, c := range []struct {
		name  string
		lines []worklistJSON
	}{{"none", nil}, {"one", lines[:1]}, {"every kind", lines}} {
		t.Run(c.name, func(t *testing.T) {
			var want, got bytes.Buffer
			v := c.lines
			if v == nil {
				v = []worklistJSON{}
			}
			if err := writeJSON(&want, v); err != nil {
				t.Fatal(err)
			}
			if err := writeWorklistJSON(&got, c.lines); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatalf("hand-written:\n%s\nencoding/json:\n%s", got.Bytes(), want.Bytes())
			}
		})
	}
}
