package letters

import (
	"strconv"
	"strings"

	"caseload/domain"
	"caseload/domain/worklist"
)

// Run is a print run's plan: one kind of document for every account the
// worklist's ladder recommends it for today (issue 15 "Print runs").
type Run struct {
	Kind Kind
	// Due are the accounts that get the document, in ref order.
	Due []Recipient
	// Held are the vulnerable accounts held back for review: listed,
	// not printed.
	Held []Skipped
	// Refused are the accounts the rules refuse the document for
	// (Refusal), with the reason.
	Refused []Skipped
	// Issued are the accounts that already had the document today: a
	// second run the same day prints nothing new for them.
	Issued []Skipped
}

// Skipped is an account a run leaves out, and why.
type Skipped struct {
	Ref    string
	Name   string
	Reason string
}

// Plan works out a print run of kind k on today among the recipients
// (facts settled under p): an account is in the run when an item on its
// worklist line today recommends the document (Recommended), whether or
// not it is the line's top item.
func Plan(rs []Recipient, k Kind, today domain.Date, p worklist.Policy) Run {
	run := Run{Kind: k}
	for i := range rs {
		r := &rs[i]
		f := &r.Facts
		if IssuedOn(f, k, today) {
			run.Issued = append(run.Issued, Skipped{Ref: f.Ref, Name: f.Name, Reason: strings.ToLower(k.Title) + " already issued today"})
			continue
		}
		line, ok := worklist.Evaluate(*f, today, p)
		if !ok || !recommends(line, k, p) {
			continue
		}
		switch why := Refusal(f, k, today, p); {
		case f.Vulnerable:
			run.Held = append(run.Held, Skipped{Ref: f.Ref, Name: f.Name, Reason: "vulnerable: review the case before it gets a " + strings.ToLower(k.Title)})
		case why != "":
			run.Refused = append(run.Refused, Skipped{Ref: f.Ref, Name: f.Name, Reason: why})
		default:
			run.Due = append(run.Due, *r)
		}
	}
	return run
}

func recommends(l worklist.Line, k Kind, p worklist.Policy) bool {
	for _, it := range l.Items() {
		if got, ok := Recommended(it, p); ok && got.ID == k.ID {
			return true
		}
	}
	return false
}

// IssuedOn reports whether the kind's event is recorded on the account on
// that day: the document was issued (or the step taken) then.
func IssuedOn(f *worklist.Facts, k Kind, on domain.Date) bool {
	for _, e := range f.Events {
		if e.Type == k.Event && e.Date.Equal(on) {
			return true
		}
	}
	return false
}

// Cover is a run's cover list: who gets what, who is held back and why.
func (r Run) Cover(today domain.Date) []string {
	out := []string{r.Kind.Title + ": print run of " + Long(today), ""}
	out = append(out, plural(len(r.Due), "letter")+" to send:")
	for _, d := range r.Due {
		out = append(out, "  "+d.Facts.Ref+"  "+d.Facts.Name+"  "+d.Facts.Balance.Balance())
	}
	for _, g := range []struct {
		title string
		list  []Skipped
	}{{"held back for review (vulnerable)", r.Held}, {"refused by the rules", r.Refused}, {"already issued today", r.Issued}} {
		if len(g.list) == 0 {
			continue
		}
		out = append(out, "", plural(len(g.list), "account")+" "+g.title+":")
		for _, s := range g.list {
			out = append(out, "  "+s.Ref+"  "+s.Name+"  "+s.Reason)
		}
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// EventDetail is what the step's event keeps of an issued document, so it
// can be shown on the timeline and reproduced: the kind, the template
// version and the SHA-256 of the text (and of the PDF when one was made).
// A NOSP's detail starts with the date after which proceedings may begin,
// which the worklist reads from it. The hashes are written in groups of
// eight hex digits joined by colons: an unbroken run of 13 or more digits
// would be taken for a card number (domain.MaskCardNumbers) and refused.
func EventDetail(d Document, pdfSHA string) string {
	var b strings.Builder
	if d.Kind.Event == domain.EventNOSPServed && !d.Data.ProceedingsFrom.IsZero() {
		b.WriteString(d.Data.ProceedingsFrom.String() + " proceedings may begin after; ")
	}
	b.WriteString("document " + d.Kind.ID + ", template " + d.Template + ", text SHA-256 " + grouped(d.SHA256))
	if pdfSHA != "" {
		b.WriteString(", PDF SHA-256 " + grouped(pdfSHA))
	}
	return b.String()
}

// RunEventDetail is EventDetail for a document printed in a print run:
// the SHA-256 kept is the run's PDF's (its cover list and every letter,
// reproducible from the same documents and day), not one made for the
// letter alone.
func RunEventDetail(d Document, runPDFSHA string) string {
	detail := EventDetail(d, "")
	if runPDFSHA != "" {
		detail += ", in the print run PDF of SHA-256 " + grouped(runPDFSHA)
	}
	return detail
}

// grouped writes a hex digest in colon-joined groups of eight.
func grouped(hex string) string {
	var parts []string
	for len(hex) > 8 {
		parts, hex = append(parts, hex[:8]), hex[8:]
	}
	return strings.Join(append(parts, hex), ":")
}

// File is a run's file: the cover list (when given) and every document,
// as one PDF or as plain text with the letters separated by form feeds.
// A PDF's SHA-256 comes back for the records (RunEventDetail); "" for
// text.
func File(cover []string, docs []Document, today domain.Date, pdf bool) ([]byte, string, error) {
	if pdf {
		b, err := PDF(cover, docs, today)
		if err != nil {
			return nil, "", err
		}
		return b, SHA256(b), nil
	}
	var parts []string
	if len(cover) > 0 {
		parts = append(parts, strings.Join(cover, "\n")+"\n")
	}
	for _, d := range docs {
		parts = append(parts, d.Text())
	}
	return []byte(strings.Join(parts, "\f\n")), "", nil
}
