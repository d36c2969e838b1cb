package letters

import (
	"strings"

	"caseload/domain"
	"caseload/domain/worklist"
)

// Produced is one document made for one account, ready to write out and
// to record: what `caseload letter` and the enforcement pane's "produce
// document" both do.
type Produced struct {
	Doc Document
	// Bytes are the file: the text (Document.Text) or the PDF.
	Bytes []byte
	// PDFSHA is the PDF's SHA-256 ("" for text).
	PDFSHA string
	// Copy is true when the document was already issued today: a re-print
	// marked as a copy, with nothing to record. Issued is the earlier
	// record's detail.
	Copy   bool
	Issued string
	// Detail is what the step's event keeps (EventDetail); "" for a copy.
	Detail string
}

// Produce makes a kind of document for an account on today: refused with
// the rules' reason (Check) unless it is a re-print of one issued today
// (issuedToday: that record's detail, "" when none), which is marked as a
// copy. pdf chooses the PDF over plain text.
func Produce(set *Set, r *Recipient, k Kind, officer string, today domain.Date, p worklist.Policy, issuedToday string, pdf bool) (Produced, error) {
	out := Produced{Copy: issuedToday != "", Issued: issuedToday}
	if !out.Copy {
		if err := Check(&r.Facts, k, today, p); err != nil {
			return Produced{}, err
		}
	}
	d := Prepare(r, k, officer, today, p)
	d.Copy = out.Copy
	doc, err := set.Render(k, d)
	if err != nil {
		return Produced{}, err
	}
	out.Doc = doc
	if pdf {
		if out.Bytes, err = doc.PDF(); err != nil {
			return Produced{}, err
		}
		out.PDFSHA = SHA256(out.Bytes)
	} else {
		out.Bytes = []byte(doc.Text())
	}
	if !out.Copy {
		out.Detail = EventDetail(doc, out.PDFSHA)
	}
	return out, nil
}

// Words say what was produced, for the officer: "first arrears letter
// for NW10040", "copy of the first arrears letter issued today".
func (p Produced) Words() string {
	if p.Copy {
		return "copy of the " + strings.ToLower(p.Doc.Kind.Title) + " issued on " + p.Doc.Data.Ref + " today"
	}
	return strings.ToLower(p.Doc.Kind.Title) + " for " + p.Doc.Data.Ref
}
