package bacs

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"caseload/domain"
)

// Kind is which Bacs advice a file holds.
type Kind int

// Advice kinds recognised by content.
const (
	KindUnknown Kind = iota
	KindARUDD
	KindADDACS
	KindAUDDIS
)

func (k Kind) String() string {
	switch k {
	case KindARUDD:
		return "ARUDD"
	case KindADDACS:
		return "ADDACS"
	case KindAUDDIS:
		return "AUDDIS"
	}
	return "unknown"
}

// Detect recognises an advice by its content, not its name:
// BACSDocument/Data/ARUDD is an ARUDD; BACSDocument/Data/MessagingAdvices
// is an ADDACS or an AUDDIS advice by its MessagingHeader's advice-type
// (ADDACS; AUDACC/AUDREJ/AUDDIS…) or report-type (7001; 7002–7004).
func Detect(b []byte) (Kind, error) {
	dec, err := newDecoder(b)
	if err != nil {
		return KindUnknown, err
	}
	var path []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return KindUnknown, pathErr("/", "not a Bacs advice: no BACSDocument/Data/ARUDD or MessagingAdvices found")
		}
		if err != nil {
			return KindUnknown, xmlErr(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			path = append(path, t.Name.Local)
			p := strings.Join(path, "/")
			switch {
			case len(path) == 1 && t.Name.Local != "BACSDocument":
				return KindUnknown, pathErr(t.Name.Local, "not a Bacs advice: the root element is %s, not BACSDocument", t.Name.Local)
			case p == "BACSDocument/Data/ARUDD":
				return KindARUDD, nil
			case p == "BACSDocument/Data/MessagingAdvices/MessagingHeader":
				adv, rep := attr(t, "advice-type"), attr(t, "report-type")
				switch {
				case adv == "ADDACS" || (adv == "" && rep == "7001"):
					return KindADDACS, nil
				case strings.HasPrefix(adv, "AUD") || (adv == "" && (rep == "7002" || rep == "7003" || rep == "7004")):
					return KindAUDDIS, nil
				}
				return KindUnknown, pathErr(p+"/@advice-type", "advice type %q (report type %q) is not ADDACS or AUDDIS", adv, rep)
			}
		case xml.EndElement:
			path = path[:len(path)-1]
		}
	}
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

var encodingDecl = regexp.MustCompile(`^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']`)

// newDecoder reads an advice in UTF-8 or ISO-8859-1, whichever its
// declaration says (ARUDD files from some banks are Latin-1). Latin-1 is
// turned into UTF-8 here, with the standard library only; other encodings
// are refused.
func newDecoder(b []byte) (*xml.Decoder, error) {
	b = bytes.TrimPrefix(b, utf8BOM)
	enc := ""
	if m := encodingDecl.FindSubmatch(b); m != nil {
		enc = strings.ToLower(string(m[1]))
	}
	switch enc {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		if !utf8.Valid(b) {
			return nil, pathErr("/", "the file is not valid UTF-8: save it as UTF-8 or declare encoding=\"ISO-8859-1\"")
		}
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1":
		b = latin1ToUTF8(b)
	default:
		return nil, pathErr("/", "encoding %q is not supported: Bacs advices are UTF-8 or ISO-8859-1", enc)
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	// The bytes are UTF-8 by now whatever the declaration says.
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	return dec, nil
}

func latin1ToUTF8(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		if c < utf8.RuneSelf {
			out = append(out, c)
		} else {
			out = utf8.AppendRune(out, rune(c))
		}
	}
	return out
}

func xmlErr(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return &FileError{Line: se.Line, Reason: "the XML is not well formed: " + se.Msg}
	}
	var fe *FileError
	if errors.As(err, &fe) {
		return err
	}
	return &FileError{Path: "/", Reason: "the XML cannot be read: " + err.Error()}
}

// decodeAdvice unmarshals a whole advice into v.
func decodeAdvice(b []byte, v any) error {
	dec, err := newDecoder(b)
	if err != nil {
		return err
	}
	if err := dec.Decode(v); err != nil {
		return xmlErr(err)
	}
	return nil
}

// field helpers: each refuses with the XML path of the attribute.

func needText(path, v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", pathErr(path, "is missing or empty")
	}
	return v, nil
}

func needDate(path, v string) (domain.Date, error) {
	d, err := domain.ParseDate(strings.TrimSpace(v))
	if err != nil {
		return domain.Date{}, pathErr(path, "%q is not a date YYYY-MM-DD", v)
	}
	return d, nil
}

func optDate(path, v string) (domain.Date, error) {
	if strings.TrimSpace(v) == "" {
		return domain.Date{}, nil
	}
	return needDate(path, v)
}

func needSUN(path, v string) (string, error) {
	v = strings.TrimSpace(v)
	if len(v) != 6 || !isDigits(v) {
		return "", pathErr(path, "%q is not a 6-digit service user number", v)
	}
	return v, nil
}

func needSortCode(path, v string) (string, error) {
	sc, err := NormaliseSortCode(v)
	if err != nil {
		return "", pathErr(path, "%q is not a sort code", v)
	}
	return sc, nil
}

func needAccount(path, v string) (string, error) {
	v = strings.TrimSpace(v)
	if len(v) != 8 || !isDigits(v) {
		return "", pathErr(path, "%q is not an 8-digit account number", v)
	}
	return v, nil
}

func needCount(path, v string) (int, error) {
	v = strings.TrimSpace(v)
	if v == "" || len(v) > 9 || !isDigits(v) {
		return 0, pathErr(path, "%q is not a count", v)
	}
	n := 0
	for i := 0; i < len(v); i++ {
		n = n*10 + int(v[i]-'0')
	}
	return n, nil
}

func idx(path string, name string, i int) string { return fmt.Sprintf("%s/%s[%d]", path, name, i+1) }
