package main

import (
	"encoding/csv"
	"io"
	"strings"
)

// csvWriter is the one writer of every CSV caseload prints (worklist,
// ledger, statement, schedules, reports): officers open these in a
// spreadsheet, where a cell beginning with =, +, -, @, a tab or a carriage
// return is run as a formula (`=HYPERLINK(...)` in a name from an
// extract). Such a cell is written with a leading ' so it shows as the
// text it is; a plain number (-112.50) is left bare, because a number is
// not a formula and a spreadsheet must still add it up.
type csvWriter struct{ w *csv.Writer }

func newCSVWriter(w io.Writer) *csvWriter { return &csvWriter{w: csv.NewWriter(w)} }

// Write writes one row.
func (c *csvWriter) Write(cells []string) error {
	safe := make([]string, len(cells))
	for i, v := range cells {
		safe[i] = csvCell(v)
	}
	return c.w.Write(safe)
}

// Flush writes out the rows and reports any error on the way.
func (c *csvWriter) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

// csvCell is a cell that a spreadsheet shows as text, never runs.
func csvCell(v string) string {
	if v == "" || !strings.ContainsRune("=+-@\t\r", rune(v[0])) || plainNumber(v) {
		return v
	}
	return "'" + v
}

// plainNumber reports a signed decimal number such as -112.50 or +3.
func plainNumber(v string) bool {
	if v[0] == '-' || v[0] == '+' {
		v = v[1:]
	}
	whole, frac, point := strings.Cut(v, ".")
	return whole != "" && allASCIIDigits(whole) && (!point || frac != "" && allASCIIDigits(frac))
}

func allASCIIDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
