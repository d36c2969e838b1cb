package main

import (
	"io"
	"unicode/utf8"

	"caseload/domain"
)

// printableWriter passes everything the CLI prints through
// domain.Printable, so no stored text (a name, a reference, a note, an
// officer) can send a terminal escape sequence to the officer's screen,
// whichever command prints it. A character split between two writes is
// held back until it is whole.
type printableWriter struct {
	w     io.Writer
	carry []byte
}

func newPrintableWriter(w io.Writer) *printableWriter { return &printableWriter{w: w} }

func (p *printableWriter) Write(b []byte) (int, error) {
	data := append(p.carry, b...)
	cut := len(data)
	for i := len(data) - 1; i >= 0 && i >= len(data)-utf8.UTFMax; i-- {
		if utf8.RuneStart(data[i]) {
			if !utf8.FullRune(data[i:]) {
				cut = i
			}
			break
		}
	}
	p.carry = append([]byte(nil), data[cut:]...)
	if _, err := io.WriteString(p.w, domain.Printable(string(data[:cut]))); err != nil {
		return 0, err
	}
	return len(b), nil
}

// Flush writes what was held back.
func (p *printableWriter) Flush() {
	if len(p.carry) > 0 {
		io.WriteString(p.w, domain.Printable(string(p.carry)))
		p.carry = nil
	}
}
