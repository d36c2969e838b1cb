package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"caseload/domain"
	"caseload/domain/letters"
	"caseload/domain/worklist"
)

// Issuing documents: the one path `caseload letter`, `caseload letters`
// and the TUI's "produce document" and print run take from an account's
// facts to a file written and its step recorded (the letters package doc
// lays the steps out).

// DocumentsDir is where the TUI writes documents: a "documents" folder
// beside the database (made owner-only on first use), as packs go to
// PacksDir.
func (s *Store) DocumentsDir() string { return filepath.Join(filepath.Dir(s.path), "documents") }

// TemplatesDir is the folder of a council's own templates beside the
// database: "letters".
func TemplatesDir(db string) string { return filepath.Join(filepath.Dir(db), "letters") }

// Templates are the templates in force: the shipped ones with the
// council's files in dir (*.tmpl) in their place. A dir that does not
// exist is no override unless the officer named it (named).
func Templates(dir string, named bool) (*letters.Set, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) && !named {
		return letters.Shipped(), nil
	}
	if err != nil {
		return nil, domain.Invalid("templates", "read the templates folder: %v", err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tmpl") {
			continue
		}
		f, err := os.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, domain.Invalid("templates", "read %s: %v", e.Name(), err)
		}
		b, err := io.ReadAll(io.LimitReader(f, 64<<10+1))
		f.Close()
		if err != nil {
			return nil, domain.Invalid("templates", "read %s: %v", e.Name(), err)
		}
		files[e.Name()] = b
	}
	set, err := letters.Shipped().Override(files)
	if err != nil {
		return nil, fmt.Errorf("templates in %s: %w", dir, err)
	}
	return set, nil
}

// DraftDocument makes kind k for the account ref on today as officer,
// writing nothing: refused with the rules' reason (a domain validation
// error) unless it is a re-print of one issued today, which is a copy.
func (s *Store) DraftDocument(ctx context.Context, set *letters.Set, ref string, k letters.Kind, officer string, today domain.Date, p worklist.Policy, pdf bool) (letters.Produced, error) {
	rs, err := s.Recipients(ctx, "", ref, today, p)
	if err != nil {
		return letters.Produced{}, err
	}
	r := &rs[0]
	issued, err := s.IssuedToday(ctx, r.Facts.Ref, k, today)
	if err != nil {
		return letters.Produced{}, err
	}
	return letters.Produce(set, r, k, officer, today, p, issued, pdf)
}

// IssueDocument writes a drafted document to path (owner-only, never half
// written; "" when the caller wrote it elsewhere) and, unless it is a
// copy, records its step's event (IssueDocuments). When the record is
// refused the file is removed: a document on paper is a step on record.
func (s *Store) IssueDocument(ctx context.Context, prod letters.Produced, path string, today domain.Date, p worklist.Policy) error {
	if path != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return fmt.Errorf("make the documents folder: %w", err)
		}
		if err := WriteFileAtomic(path, prod.Bytes); err != nil {
			return err
		}
	}
	if prod.Copy {
		return nil
	}
	_, _, err := s.IssueDocuments(ctx, []IssuedDocument{{Ref: prod.Doc.Data.Ref, Kind: prod.Doc.Kind, Detail: prod.Detail}}, today, p)
	if err != nil && path != "" {
		os.Remove(path)
	}
	return err
}

// DocumentFile is a file name for a document in dir not yet taken:
// REF-STEP-DATE.pdf (or .txt), a copy's with "-copy", then -2, -3, …
func DocumentFile(dir string, prod letters.Produced, today domain.Date, pdf bool) string {
	base := prod.Doc.Data.Ref + "-" + prod.Doc.Kind.ID + "-" + today.String()
	if prod.Copy {
		base += "-copy"
	}
	return freeFile(dir, base, ext(pdf))
}

func ext(pdf bool) string {
	if pdf {
		return "pdf"
	}
	return "txt"
}

// PlanPrintRun is the plan of a print run of kind k on today for a patch
// (officer; "" the whole borough): who gets it, who is held back, refused
// or already had it (letters.Plan). Nothing is written.
func (s *Store) PlanPrintRun(ctx context.Context, patch string, k letters.Kind, today domain.Date, p worklist.Policy) (letters.Run, error) {
	rs, err := s.Recipients(ctx, patch, "", today, p)
	if err != nil {
		return letters.Run{}, err
	}
	return letters.Plan(rs, k, today, p), nil
}

// PrintedRun is a print run done: the file written, how many documents it
// holds, the accounts whose step it recorded and those already recorded
// today.
type PrintedRun struct {
	Path            string
	Printed         int
	Recorded, Again []string
}

// PrintRun prints a planned run: every Due account's document, after the
// cover list, as one file in dir (STEP-DATE.pdf or .txt, never over an
// earlier one), then every step recorded in one transaction; when the
// record is refused the file is removed. A run with nobody due writes
// nothing.
func (s *Store) PrintRun(ctx context.Context, set *letters.Set, run letters.Run, officer string, today domain.Date, p worklist.Policy, dir string, pdf bool) (PrintedRun, error) {
	if len(run.Due) == 0 {
		return PrintedRun{}, nil
	}
	docs := make([]letters.Document, len(run.Due))
	for i := range run.Due {
		var err error
		if docs[i], err = set.Render(run.Kind, letters.Prepare(&run.Due[i], run.Kind, officer, today, p)); err != nil {
			return PrintedRun{}, err
		}
	}
	b, runSHA, err := letters.File(run.Cover(today), docs, today, pdf)
	if err != nil {
		return PrintedRun{}, err
	}
	issued := make([]IssuedDocument, len(docs))
	for i, d := range docs {
		issued[i] = IssuedDocument{Ref: d.Data.Ref, Kind: run.Kind, Detail: letters.RunEventDetail(d, runSHA)}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return PrintedRun{}, fmt.Errorf("make the output folder: %w", err)
	}
	path := freeFile(dir, run.Kind.ID+"-"+today.String(), ext(pdf))
	if err := WriteFileAtomic(path, b); err != nil {
		return PrintedRun{}, err
	}
	recorded, again, err := s.IssueDocuments(ctx, issued, today, p)
	if err != nil {
		os.Remove(path)
		return PrintedRun{}, err
	}
	return PrintedRun{Path: path, Printed: len(docs), Recorded: recorded, Again: again}, nil
}

// freeFile is a file name in dir not yet taken: base.ext, else
// base-2.ext, …
func freeFile(dir, base, ext string) string {
	path := filepath.Join(dir, base+"."+ext)
	for n := 2; ; n++ {
		if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
			return path
		}
		path = filepath.Join(dir, fmt.Sprintf("%s-%d.%s", base, n, ext))
	}
}
