package letters

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"caseload/domain"
)

// PDF output. The font is Go Regular (golang.org/x/image/font/gofont,
// BSD-3-Clause, made for the Go project by Bigelow & Holmes), embedded
// as a subset of the glyphs used, so £ and every other character print as
// typed on any machine. The bytes depend only on the documents and the
// day: the same letter gives the same PDF and the same SHA-256.

const fontName = "goregular"

// font is Go Regular parsed once, to check every character has a glyph.
var font = func() *sfnt.Font {
	f, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		panic("letters: the embedded font does not parse: " + err.Error())
	}
	return f
}()

// printable reports the first character of s the font cannot print.
func printable(s string) (rune, bool) {
	var buf sfnt.Buffer
	for _, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if g, err := font.GlyphIndex(&buf, r); err != nil || g == 0 {
			return r, false
		}
	}
	return 0, true
}

// PDF is one document as a PDF of its own.
func (d Document) PDF() ([]byte, error) {
	return PDF(nil, []Document{d}, d.Data.Date)
}

// PDF lays out documents in one A4 file, each from a new page, after a
// cover page of the given lines when there are any (a print run's list
// of who gets what). on dates the file.
func PDF(cover []string, docs []Document, on domain.Date) ([]byte, error) {
	for _, d := range docs {
		if r, ok := printable(d.Body); !ok {
			return nil, domain.Invalid("templates", "%s for %s: the PDF font has no %q (U+%04X): change the template or the record", d.Kind.ID, d.Data.Ref, r, r)
		}
	}
	if r, ok := printable(strings.Join(cover, "\n")); !ok {
		return nil, domain.Invalid("cover", "the PDF font has no %q (U+%04X)", r, r)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	at := time.Date(on.Year(), on.Month(), on.Day(), 0, 0, 0, 0, time.UTC)
	pdf.SetCreationDate(at)
	pdf.SetModificationDate(at)
	pdf.SetCatalogSort(true)
	pdf.SetCreator("caseload", true)
	pdf.AddUTF8FontFromBytes(fontName, "", goregular.TTF)
	pdf.SetMargins(20, 20, 20)
	pdf.SetAutoPageBreak(true, 20)
	var footer string
	pdf.SetFooterFunc(func() {
		pdf.SetY(-14)
		pdf.SetFont(fontName, "", 8)
		pdf.CellFormat(0, 5, fmt.Sprintf("%s · page %d", footer, pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	if len(cover) > 0 {
		pdf.AddPage()
		footer = "print run cover list"
		lines(pdf, cover)
	}
	for _, d := range docs {
		pdf.AddPage()
		footer = d.Data.Ref + " · " + d.Kind.Title
		lines(pdf, strings.Split(strings.TrimSuffix(d.Body, "\n"), "\n"))
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return nil, fmt.Errorf("make the PDF: %w", err)
	}
	return b.Bytes(), nil
}

// lines writes text lines, each wrapped to the page width; an empty line
// is a paragraph break.
func lines(pdf *fpdf.Fpdf, ls []string) {
	pdf.SetFont(fontName, "", 11)
	for _, l := range ls {
		if l == "" {
			pdf.Ln(3)
			continue
		}
		pdf.MultiCell(0, 5.5, l, "", "L", false)
	}
}

// SHA256 is the hex SHA-256 of bytes (a PDF's, for the event record).
func SHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
