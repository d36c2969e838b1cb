package letters

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"sort"
	"strings"
	"text/template"
	"unicode/utf8"

	"caseload/domain"
)

// The shipped templates: one per kind (ID + ".tmpl") and common.tmpl,
// which defines the parts every letter shares ("head", "position",
// "foot").
//
//go:embed templates/*.tmpl
var shippedFS embed.FS

// CommonFile is the template file of the shared parts.
const CommonFile = "common.tmpl"

// maxTemplate bounds a template file a council gives.
const maxTemplate = 64 << 10

// funcs are the functions a template may call: money (£1,234.50), balance
// (£12.00 CR in credit), date (7 December 2026), upper.
var funcs = template.FuncMap{
	"money":   func(m domain.Money) string { return m.Human() },
	"balance": func(m domain.Money) string { return m.Balance() },
	"date":    Long,
	"upper":   strings.ToUpper,
}

// Set is the templates in force: the shipped ones, each possibly replaced
// by a council's file.
type Set struct {
	sources map[string][]byte // file name → source
	from    map[string]string // file name → "shipped" or "file"
	parsed  map[string]*template.Template
}

// Shipped is the set of shipped templates.
func Shipped() *Set {
	s := &Set{sources: map[string][]byte{}, from: map[string]string{}}
	entries, _ := shippedFS.ReadDir("templates")
	for _, e := range entries {
		b, _ := shippedFS.ReadFile("templates/" + e.Name())
		s.sources[e.Name()], s.from[e.Name()] = b, "shipped"
	}
	if err := s.parse(); err != nil {
		panic("letters: a shipped template is broken: " + err.Error()) // caught by the package's tests
	}
	return s
}

// Source is the text of a template file in force ("letter-1.tmpl",
// "common.tmpl"), to start a council's own from.
func (s *Set) Source(file string) ([]byte, bool) {
	b, ok := s.sources[file]
	return b, ok
}

// Files lists the template files in force, by name.
func (s *Set) Files() []string {
	var out []string
	for name := range s.sources {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// Override is the set with a council's files in place of the shipped
// ones (file name → contents). Each must be named after a kind
// ("letter-1.tmpl") or be common.tmpl, be UTF-8 text of at most 64 KB,
// parse, and render a sample account without error; otherwise nothing is
// taken and the error says which file and why.
func (s *Set) Override(files map[string][]byte) (*Set, error) {
	out := &Set{sources: map[string][]byte{}, from: map[string]string{}}
	for name, b := range s.sources {
		out.sources[name], out.from[name] = b, s.from[name]
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		b := files[name]
		id := strings.TrimSuffix(name, ".tmpl")
		if _, ok := KindByID(id); !ok && name != CommonFile {
			return nil, domain.Invalid("templates", "%s is not a template caseload uses: name it after a document (%s) or common.tmpl", name, kindFiles())
		}
		if len(b) > maxTemplate {
			return nil, domain.Invalid("templates", "%s is %d bytes: a template may be at most %d", name, len(b), maxTemplate)
		}
		if !utf8.Valid(b) {
			return nil, domain.Invalid("templates", "%s is not UTF-8 text: save it as UTF-8", name)
		}
		out.sources[name], out.from[name] = b, "file"
	}
	if err := out.parse(); err != nil {
		return nil, err
	}
	for _, k := range Kinds {
		if _, err := out.Render(k, sample(k)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func kindFiles() string {
	ids := make([]string, len(Kinds))
	for i, k := range Kinds {
		ids[i] = k.ID + ".tmpl"
	}
	return strings.Join(ids, ", ")
}

// parse parses every kind's template with the common parts.
func (s *Set) parse() error {
	s.parsed = map[string]*template.Template{}
	for _, k := range Kinds {
		t := template.New(k.ID).Funcs(funcs).Option("missingkey=error")
		if _, err := t.New(CommonFile).Parse(string(s.sources[CommonFile])); err != nil {
			return domain.Invalid("templates", "%s: %v", CommonFile, trimErr(err))
		}
		src, ok := s.sources[k.ID+".tmpl"]
		if !ok {
			return domain.Invalid("templates", "no template for %s", k.ID)
		}
		if _, err := t.Parse(string(src)); err != nil {
			return domain.Invalid("templates", "%s.tmpl: %v", k.ID, trimErr(err))
		}
		s.parsed[k.ID] = t
	}
	return nil
}

func trimErr(err error) string { return strings.TrimPrefix(err.Error(), "template: ") }

// Version names the template a kind renders with: where it came from and
// the first 12 hex digits of the SHA-256 of its source and the common
// parts ("shipped:3fa9c0d1e2b4"), so an issued document can be
// reproduced from the same template.
func (s *Set) Version(k Kind) string {
	h := sha256.New()
	h.Write(s.sources[CommonFile])
	h.Write([]byte{0})
	h.Write(s.sources[k.ID+".tmpl"])
	from := s.from[k.ID+".tmpl"]
	if s.from[CommonFile] == "file" {
		from = "file"
	}
	return from + ":" + hex.EncodeToString(h.Sum(nil))[:12]
}

// Document is a rendered document.
type Document struct {
	Kind Kind
	Data Data
	// Template is the template's Version.
	Template string
	// Body is the rendered text: one paragraph or line per line, not
	// wrapped. SHA256 is the hex SHA-256 of Body.
	Body   string
	SHA256 string
}

// Render fills a kind's template with the data.
func (s *Set) Render(k Kind, d Data) (Document, error) {
	t, ok := s.parsed[k.ID]
	if !ok {
		return Document{}, domain.Invalid("step", "no template for %s", k.ID)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return Document{}, domain.Invalid("templates", "%s.tmpl: %v", k.ID, trimErr(err))
	}
	body := tidy(b.String())
	if strings.TrimSpace(body) == "" {
		return Document{}, domain.Invalid("templates", "%s.tmpl renders nothing", k.ID)
	}
	sum := sha256.Sum256([]byte(body))
	return Document{Kind: k, Data: d, Template: s.Version(k), Body: body, SHA256: hex.EncodeToString(sum[:])}, nil
}

// tidy trims trailing space from every line, keeps at most one blank line
// in a row, and ends the text with one newline.
func tidy(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []string
	blank := 0
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimRight(l, " \t\r")
		if l == "" {
			blank++
			if blank > 1 || len(out) == 0 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n") + "\n"
}

// Width is the column the plain-text form wraps at.
const Width = 72

// Text is the document as plain text, long lines wrapped at Width
// columns on spaces (a list item's continuation indented under it).
func (d Document) Text() string {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimSuffix(d.Body, "\n"), "\n") {
		for i, part := range wrap(l, Width) {
			if i > 0 && strings.HasPrefix(l, "- ") {
				b.WriteString("  ")
			}
			b.WriteString(part)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// wrap breaks a line into pieces of at most width runes at spaces (a
// word longer than width stands on its own).
func wrap(l string, width int) []string {
	if utf8.RuneCountInString(l) <= width {
		return []string{l}
	}
	var out []string
	var cur strings.Builder
	n := 0
	for _, w := range strings.Fields(l) {
		wn := utf8.RuneCountInString(w)
		limit := width
		if len(out) > 0 && strings.HasPrefix(l, "- ") {
			limit = width - 2
		}
		if n > 0 && n+1+wn > limit {
			out = append(out, cur.String())
			cur.Reset()
			n = 0
		}
		if n > 0 {
			cur.WriteByte(' ')
			n++
		}
		cur.WriteString(w)
		n += wn
	}
	if n > 0 {
		out = append(out, cur.String())
	}
	return out
}

// sample is a document's fields with every one filled, to try a council's
// template before it is taken.
func sample(k Kind) Data {
	d := domain.MustDate(2026, 12, 7)
	return Data{Kind: k, Title: k.Title, Ref: "SAMPLE-1", Tenants: []string{"Ann Sample", "Bob Sample"}, Name: "Ann Sample and Bob Sample",
		Address: "1 Sample Street, London", Postcode: "E8 1AA", Date: d, Officer: "Sample Officer",
		Balance: domain.MustMoney("412.30"), Weekly: domain.MustMoney("110.00"), Weeks: "3.7",
		Arrangement: "£10.00 a week from Mon 30 Nov 2026 towards £412.30", ArrangementState: "broken",
		ArrangementReason: "£20.00 behind", Order: "Suspended possession order of 2 March 2026",
		OrderTerms: "the rent plus £5.00 a week towards the arrears", Breach: "£15.00 behind the terms",
		NOSPServed: d.AddDays(-100), ProceedingsFrom: d.AddDays(-72), NOSPLastDay: d.AddDays(293),
		ReplyBy: d.AddDays(14), Copy: true}
}
