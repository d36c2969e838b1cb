package letters

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"caseload/domain"
	"caseload/domain/worklist"
)

// pdfText reads the text back out of a PDF caseload made: every content
// stream is inflated and the strings shown with Tj are decoded from the
// UTF-16BE the embedded font's Identity-H encoding carries, one per line.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	var out []string
	streams := regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`).FindAllSubmatch(pdf, -1)
	for _, s := range streams {
		zr, err := zlib.NewReader(bytes.NewReader(s[1]))
		if err != nil {
			continue // not a compressed stream
		}
		content, err := io.ReadAll(zr)
		if err != nil {
			continue // the font file and its maps
		}
		for _, str := range shown(content) {
			out = append(out, utf16be(str))
		}
	}
	// Lines wrap where the page ends: read the words as one run.
	return strings.Join(strings.Fields(strings.Join(out, "\n")), " ")
}

// shown are the literal strings of the Tj operators in a content stream.
func shown(c []byte) [][]byte {
	var out [][]byte
	for i := 0; i < len(c); i++ {
		if c[i] != '(' {
			continue
		}
		var s []byte
		depth := 1
		j := i + 1
		for ; j < len(c) && depth > 0; j++ {
			switch ch := c[j]; ch {
			case '\\':
				j++
				switch e := c[j]; e {
				case 'n':
					s = append(s, '\n')
				case 'r':
					s = append(s, '\r')
				case 't':
					s = append(s, '\t')
				case 'b':
					s = append(s, '\b')
				case 'f':
					s = append(s, '\f')
				default:
					if e >= '0' && e <= '7' {
						v := 0
						k := 0
						for ; k < 3 && j+k < len(c) && c[j+k] >= '0' && c[j+k] <= '7'; k++ {
							v = v*8 + int(c[j+k]-'0')
						}
						j += k - 1
						s = append(s, byte(v))
					} else {
						s = append(s, e)
					}
				}
			case '(':
				depth++
				s = append(s, ch)
			case ')':
				depth--
				if depth > 0 {
					s = append(s, ch)
				}
			default:
				s = append(s, ch)
			}
		}
		if rest := strings.TrimLeft(string(c[j:min(j+8, len(c))]), " "); strings.HasPrefix(rest, "Tj") {
			out = append(out, s)
		}
		i = j - 1
	}
	return out
}

func utf16be(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}

// TestPDFReadsBack makes each kind's PDF and reads the text back: the
// tenant's name, the balance with its £ sign, the arrears in weeks and
// the dates must all be there, as the plain text has them.
func TestPDFReadsBack(t *testing.T) {
	set := Shipped()
	r := account()
	for _, k := range Kinds {
		t.Run(k.ID, func(t *testing.T) {
			doc, err := set.Render(k, Prepare(&r, k, "Jo Officer", day, worklist.DefaultPolicy()))
			if err != nil {
				t.Fatal(err)
			}
			b, err := doc.PDF()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("/FontFile2")) {
				t.Fatal("not a PDF with an embedded TrueType font")
			}
			text := pdfText(t, b)
			must := []string{"HX-000123", "£412.30", "Ann Smith"}
			if !k.SMS {
				must = append(must, "7 December 2026", "3.7 weeks", "Flat 4, 12 Mare Street, London")
			}
			if k.ReplyDays > 0 {
				must = append(must, Long(day.AddDays(k.ReplyDays)))
			}
			if k.ID == "nosp" {
				must = append(must, "4 January 2027", "4 January 2028")
			}
			for _, m := range must {
				if k.SMS && m == "Ann Smith" {
					continue // a text message has no addressee
				}
				if !strings.Contains(text, m) {
					t.Errorf("the PDF does not read back %q; it reads:\n%s", m, text)
				}
			}
		})
	}
}

// TestPDFReadBackCatchesAWrongFigure: the read-back is not blind: a PDF of
// another balance, or the balance without its £, does not pass.
func TestPDFReadBackCatchesAWrongFigure(t *testing.T) {
	r := account()
	k := mustKind(t, "letter-1")
	r.Facts.Balance = domain.MustMoney("412.03")
	doc, _ := Shipped().Render(k, Prepare(&r, k, "Jo Officer", day, worklist.DefaultPolicy()))
	b, err := doc.PDF()
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, b)
	if strings.Contains(text, "£412.30") || !strings.Contains(text, "£412.03") {
		t.Fatalf("read-back did not tell £412.03 from £412.30:\n%s", text)
	}
	if strings.Contains(text, "Â£") || strings.Contains(text, "?412") {
		t.Fatal("the £ sign came back mangled")
	}
}

func TestPDFIsReproducible(t *testing.T) {
	r := account()
	k := mustKind(t, "letter-2")
	doc, _ := Shipped().Render(k, Prepare(&r, k, "Jo Officer", day, worklist.DefaultPolicy()))
	a, _ := doc.PDF()
	b, _ := doc.PDF()
	if SHA256(a) != SHA256(b) {
		t.Fatal("the same letter made two different PDFs")
	}
}

func TestPDFRefusesWhatTheFontCannotPrint(t *testing.T) {
	r := account()
	r.Facts.Name = "王小明"
	k := mustKind(t, "letter-1")
	doc, _ := Shipped().Render(k, Prepare(&r, k, "Jo Officer", day, worklist.DefaultPolicy()))
	if _, err := doc.PDF(); err == nil || !domain.IsValidation(err) {
		t.Fatalf("a name the font cannot print: got %v, want a refusal", err)
	}
	if _, ok := printable("£€–’é"); !ok {
		t.Fatal("the font cannot print £, €, dashes, quotes or accents")
	}
}

func TestRunCoverPDF(t *testing.T) {
	r := account()
	k := mustKind(t, "letter-1")
	doc, _ := Shipped().Render(k, Prepare(&r, k, "Jo Officer", day, worklist.DefaultPolicy()))
	run := Run{Kind: k, Due: []Recipient{r}, Held: []Skipped{{Ref: "HX-000999", Name: "Cy Jones", Reason: "vulnerable"}}}
	b, err := PDF(run.Cover(day), []Document{doc, doc}, day)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, b)
	for _, m := range []string{"1 letter to send:", "HX-000999", "held back for review", "£412.30"} {
		if !strings.Contains(text, m) {
			t.Errorf("cover PDF lacks %q:\n%s", m, text)
		}
	}
	if n := strings.Count(text, "Dear Ann Smith"); n != 2 {
		t.Errorf("want 2 letters after the cover, got %d", n)
	}
}
