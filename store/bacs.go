package store

// Bacs runs: the collection and AUDDIS files made for a processing date,
// the posting of collections on their day, and the advices imported
// (ARUDD, ADDACS, AUDDIS). The store reads the facts and keeps the
// records; what goes in a file and what an advice does is decided in
// domain/bacs.

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"caseload/domain"
	"caseload/domain/bacs"
	"caseload/domain/directdebit"
)

// BacsFileOptions say who the council is in Bacs and what to do with the
// file: Deliver is given the file's bytes inside the write, so a file that
// cannot be written leaves nothing recorded.
type BacsFileOptions struct {
	Originator bacs.Originator
	Policy     bacs.RepresentationPolicy
	File       string
	DryRun     bool
	Deliver    func([]byte) error
}

// BacsFile is a file made (or, on a dry run, what it would hold).
type BacsFile struct {
	Run     string // the run's id; empty on a dry run or when nothing was due
	Volume  string
	Cycle   bacs.Cycle
	Due     []bacs.Due
	Skipped []bacs.Skip
	Totals  bacs.Totals
	Bytes   []byte
}

// Collect makes the collection file for processing date p: every live
// mandate's collections due in that cycle (bacs.PlanCollections), not
// already in a file, and the re-presentations scheduled. With nothing due
// it makes no file and records nothing. The file is validated whole
// (bacs.WriteStandard18) before anything is recorded.
func (s *Store) Collect(ctx context.Context, p, today domain.Date, o BacsFileOptions) (BacsFile, error) {
	if err := o.Policy.Validate(); err != nil {
		return BacsFile{}, err
	}
	h := s.Holidays()
	plan := func(q queryer) (BacsFile, error) {
		facts, err := collectionFacts(ctx, q, p, h)
		if err != nil {
			return BacsFile{}, err
		}
		pl := bacs.PlanCollections(p, h, facts.mandates, facts.filed, facts.pending, o.Policy)
		return BacsFile{Cycle: pl.Cycle, Due: pl.Due, Skipped: pl.Skipped}, nil
	}
	return s.makeFile(ctx, RunCollection, p, today, o, plan)
}

// AUDDIS makes the AUDDIS file for processing date p: 0N for each mandate
// pending lodgement, 0C for each the council cancelled after lodging it
// (bacs.PlanInstructions).
func (s *Store) AUDDIS(ctx context.Context, p, today domain.Date, o BacsFileOptions) (BacsFile, error) {
	h := s.Holidays()
	plan := func(q queryer) (BacsFile, error) {
		facts, err := instructionFacts(ctx, q)
		if err != nil {
			return BacsFile{}, err
		}
		pl := bacs.PlanInstructions(p, h, facts)
		return BacsFile{Cycle: pl.Cycle, Due: pl.Due}, nil
	}
	return s.makeFile(ctx, RunAUDDIS, p, today, o, plan)
}

// makeFile plans a file, writes it and records its run and items in one
// write; a dry run only reads.
func (s *Store) makeFile(ctx context.Context, kind string, p, today domain.Date, o BacsFileOptions, plan func(q queryer) (BacsFile, error)) (BacsFile, error) {
	var out BacsFile
	// The date is checked even when nothing is due: a wrong date must not
	// read as "nothing to collect".
	if err := bacs.CheckProcessingDate(p, today, s.Holidays()); err != nil {
		return out, err
	}
	build := func(q queryer) error {
		var err error
		if out, err = plan(q); err != nil {
			return err
		}
		if len(out.Due) == 0 {
			return nil
		}
		var n int
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM bacs_run WHERE kind IN (?, ?)", RunCollection, RunAUDDIS).Scan(&n); err != nil {
			return err
		}
		out.Volume = fmt.Sprintf("%06d", n+1)
		b := bacs.Batch{Originator: o.Originator, VolumeSerial: out.Volume, Created: today, ProcessingDate: p, Holidays: s.Holidays()}
		for _, d := range out.Due {
			b.Items = append(b.Items, d.Item)
		}
		var buf bytes.Buffer
		if out.Totals, err = bacs.WriteStandard18(&buf, b); err != nil {
			return err
		}
		out.Bytes = buf.Bytes()
		return nil
	}
	if o.DryRun {
		err := s.readTx(ctx, build)
		return out, err
	}
	err := s.write(ctx, "bacs "+kind, "", func(w *writer) error {
		if err := build(w.tx); err != nil || len(out.Due) == 0 {
			return err
		}
		total := domain.Zero
		for _, d := range out.Due {
			total = total.Add(d.Item.Amount)
		}
		run, err := w.add(entityBacsRun, "", bacsRunBody{Kind: kind, Date: p.String(), MadeOn: today.String(), File: o.File,
			Volume: out.Volume, Items: len(out.Due), Total: total.PenceValue(),
			Summary: bacs.FileSummary(out.Due, out.Cycle.Entry)})
		if err != nil {
			return err
		}
		out.Run = run
		for _, d := range out.Due {
			if _, err := w.add(entityBacsItem, d.Account, bacsItemBody{Run: run, Mandate: d.Mandate, Reference: d.Item.Reference,
				Code: string(d.Item.Code), Amount: d.Item.Amount.PenceValue(), Due: d.Key.Due.String(),
				Processing: d.Cycle.Processing.String(), Collection: d.Cycle.Entry.String(), Represents: d.Represents}); err != nil {
				return err
			}
		}
		if o.Deliver != nil {
			return o.Deliver(out.Bytes)
		}
		return nil
	})
	if err != nil {
		return BacsFile{}, err
	}
	return out, nil
}

type collectFacts struct {
	mandates []bacs.MandateFacts
	filed    map[bacs.CollectionKey]bool
	pending  []bacs.Pending
}

var collectionCodes = []any{string(bacs.FirstCollection), string(bacs.RegularCollection), string(bacs.Representation), string(bacs.FinalCollection)}

// collectionFacts reads what the collection plan for p needs, in a fixed
// number of queries for the whole caseload.
func collectionFacts(ctx context.Context, q queryer, p domain.Date, h domain.Holidays) (collectFacts, error) {
	f := collectFacts{filed: map[bacs.CollectionKey]bool{}}
	ms, err := readMandates(ctx, q, "m.state = ?", string(directdebit.Live))
	if err != nil {
		return f, err
	}
	collected, err := stringSet(ctx, q, "SELECT DISTINCT mandate FROM bacs_item WHERE code IN (?, ?, ?, ?)", collectionCodes...)
	if err != nil {
		return f, err
	}
	ends := map[string]domain.Date{}
	if err := eachRow(ctx, q, "SELECT ref, end_date FROM account WHERE end_date <> ''", nil, func(r *sql.Rows) error {
		var ref, end string
		if err := r.Scan(&ref, &end); err != nil {
			return err
		}
		ends[ref] = dateText(end)
		return nil
	}); err != nil {
		return f, err
	}
	from, to := bacs.CollectionWindow(p, h)
	for _, m := range ms {
		// A mandate whose first collection fell before this file's window
		// collected before caseload made its files (a mandate brought over
		// from the housing system): its next collection is regular.
		mf := bacs.MandateFacts{ID: m.ID, Account: m.Ref, Reference: m.Reference, SortCode: m.SortCode, Number: m.Account,
			PayerName: m.Payer, Live: m.State == directdebit.Live, Collected: collected[m.ID] || m.First.Before(from), Until: ends[m.Ref]}
		for _, c := range m.Collections(from, to, h) {
			mf.Scheduled = append(mf.Scheduled, bacs.Scheduled{Due: c.Due, Amount: c.Amount})
		}
		f.mandates = append(f.mandates, mf)
	}
	args := append([]any{from.String(), to.String()}, collectionCodes...)
	if err := eachRow(ctx, q, "SELECT mandate, due FROM bacs_item WHERE due BETWEEN ? AND ? AND represents = '' AND code IN (?, ?, ?, ?)", args,
		func(r *sql.Rows) error {
			var m, due string
			if err := r.Scan(&m, &due); err != nil {
				return err
			}
			f.filed[bacs.CollectionKey{Mandate: m, Due: dateText(due)}] = true
			return nil
		}); err != nil {
		return f, err
	}
	items, err := readItems(ctx, q, "i.represent_from <> '' AND NOT EXISTS (SELECT 1 FROM bacs_item r WHERE r.represents <> '' AND r.represents = i.id)")
	if err != nil {
		return f, err
	}
	for _, it := range items {
		first, attempts, err := presentations(ctx, q, it)
		if err != nil {
			return f, err
		}
		reason, _ := bacs.ARUDDReasonFor(it.ReturnReason)
		f.pending = append(f.pending, bacs.Pending{Collection: it.ID, Mandate: it.Mandate, From: it.RepresentFrom, Attempts: attempts,
			Return: bacs.ReturnedDebit{Reference: it.Reference, Amount: it.Amount, Code: it.Code, Reason: reason, OriginalProcessingDate: first}})
	}
	return f, nil
}

// presentations follows a re-presentation back to the first presentation:
// its processing date and how many re-presentations the item is.
func presentations(ctx context.Context, q queryer, it BacsItem) (domain.Date, int, error) {
	first, attempts := it.Processing, 0
	for at := it.Represents; at != ""; attempts++ {
		var proc string
		if err := q.QueryRowContext(ctx, "SELECT processing_date, represents FROM bacs_item WHERE id = ?", at).Scan(&proc, &at); err != nil {
			return first, attempts, fmt.Errorf("the collection %s re-presents: %w", at, err)
		}
		first = dateText(proc)
		if attempts > 10 {
			return first, attempts, fmt.Errorf("the re-presentations of %s run in a loop", it.ID)
		}
	}
	return first, attempts, nil
}

// instructionFacts reads what the AUDDIS plan needs of every open or
// cancelled mandate.
func instructionFacts(ctx context.Context, q queryer) ([]bacs.InstructionFacts, error) {
	ms, err := readMandates(ctx, q, "m.state IN (?, ?)", string(directdebit.Pending), string(directdebit.Cancelled))
	if err != nil {
		return nil, err
	}
	lodged, err := stringSet(ctx, q, "SELECT DISTINCT mandate FROM bacs_item WHERE code IN (?, ?) AND returned_on = ''",
		string(bacs.NewInstruction), string(bacs.ConvertInstruction))
	if err != nil {
		return nil, err
	}
	cancelSent, err := stringSet(ctx, q, "SELECT DISTINCT mandate FROM bacs_item WHERE code = ?", string(bacs.CancelInstruction))
	if err != nil {
		return nil, err
	}
	var out []bacs.InstructionFacts
	for _, m := range ms {
		out = append(out, bacs.InstructionFacts{
			MandateFacts: bacs.MandateFacts{ID: m.ID, Account: m.Ref, Reference: m.Reference, SortCode: m.SortCode, Number: m.Account, PayerName: m.Payer},
			Pending:      m.State == directdebit.Pending, Paper: m.Paper, Cancelled: m.State == directdebit.Cancelled,
			Lodged: lodged[m.ID], CancelSent: cancelSent[m.ID],
		})
	}
	return out, nil
}

func stringSet(ctx context.Context, q queryer, query string, args ...any) (map[string]bool, error) {
	out := map[string]bool{}
	err := eachRow(ctx, q, query, args, func(r *sql.Rows) error {
		var s string
		if err := r.Scan(&s); err != nil {
			return err
		}
		out[s] = true
		return nil
	})
	return out, err
}

// BacsItem is one record of a file made, with what became of it.
type BacsItem struct {
	ID, Run, Account, Mandate, Reference string
	Code                                 bacs.TransactionCode
	Amount                               domain.Money
	Due, Processing, Collection          domain.Date
	Represents                           string
	Posted                               string // the payment's transaction id
	ReturnedOn                           domain.Date
	ReturnRun, ReturnReason, ReturnWords string
	RepresentFrom                        domain.Date
}

func readItems(ctx context.Context, q queryer, where string, args ...any) ([]BacsItem, error) {
	var out []BacsItem
	err := eachRow(ctx, q, `SELECT i.id, i.run, a.ref, i.mandate, i.reference, i.code, i.amount, i.due, i.processing_date, i.collection_date,
		i.represents, i.posted, i.returned_on, i.return_run, i.return_reason, i.return_words, i.represent_from
		FROM bacs_item i JOIN account a ON a.no = i.account WHERE `+where+` ORDER BY i.no`, args, func(r *sql.Rows) error {
		var it BacsItem
		var code, due, proc, coll, ret, rep string
		var amount int64
		if err := r.Scan(&it.ID, &it.Run, &it.Account, &it.Mandate, &it.Reference, &code, &amount, &due, &proc, &coll,
			&it.Represents, &it.Posted, &ret, &it.ReturnRun, &it.ReturnReason, &it.ReturnWords, &rep); err != nil {
			return err
		}
		it.Code, it.Amount = bacs.TransactionCode(code), domain.Pence(amount)
		it.Due, it.Processing, it.Collection, it.ReturnedOn, it.RepresentFrom = dateText(due), dateText(proc), dateText(coll), dateText(ret), dateText(rep)
		shown(&it.ReturnWords)
		out = append(out, it)
		return nil
	})
	return out, err
}

// RunItems are the records of one run, in file order.
func (s *Store) RunItems(ctx context.Context, run string) ([]BacsItem, error) {
	return readItems(ctx, s.db, "i.run = ?", run)
}

// Posting collections.

// CollectionsPosted says what PostCollections did.
type CollectionsPosted struct {
	Run   string
	Count int
	Total domain.Money
	// Waiting are collections in files whose day has not come.
	Waiting int
}

// PostCollections posts, as a Direct Debit payment dated its collection
// day, every collection in a file whose day is on or before on and that is
// neither posted nor returned: so balances are right before the ARUDD
// comes. Each is posted once; a second run posts nothing.
func (s *Store) PostCollections(ctx context.Context, on, today domain.Date) (CollectionsPosted, error) {
	var out CollectionsPosted
	if err := domain.Happened.Check("date", on, today); err != nil {
		return out, err
	}
	err := s.write(ctx, "bacs post", "", func(w *writer) error {
		if err := w.tx.QueryRowContext(ctx, "SELECT count(*) FROM bacs_item WHERE posted = '' AND returned_on = '' AND amount > 0 AND collection_date > ?",
			on.String()).Scan(&out.Waiting); err != nil {
			return err
		}
		items, err := readItems(ctx, w.tx, "i.posted = '' AND i.returned_on = '' AND i.amount > 0 AND i.collection_date <= ?", on.String())
		if err != nil || len(items) == 0 {
			return err
		}
		total := domain.Zero
		for _, it := range items {
			total = total.Add(it.Amount)
		}
		run, err := w.add(entityBacsRun, "", bacsRunBody{Kind: RunPost, Date: on.String(), MadeOn: today.String(), Items: len(items),
			Total: total.PenceValue(), Summary: bacs.PostSummary(len(items), total)})
		if err != nil {
			return err
		}
		for _, it := range items {
			posted, err := w.post(Posting{Ref: it.Account, Kind: PostPayment, Amount: it.Amount, Date: it.Collection,
				Method: domain.MethodDirectDebit, Reference: it.Reference, Note: "Direct Debit collection (" + it.Code.Meaning() + ")"}, today)
			if err != nil {
				return fmt.Errorf("posting %s for %s: %w", it.Reference, it.Account, err)
			}
			if _, err := w.add(entityBacsOutcome, it.Account, bacsOutcomeBody{Item: it.ID, What: outcomePosted, Date: today.String(),
				Txn: posted.IDs[0], Run: run}); err != nil {
				return err
			}
		}
		out.Run, out.Count, out.Total = run, len(items), total
		return nil
	})
	return out, err
}

// The run log.

// BacsRun is one run: a file made, an advice imported or a posting run.
type BacsRun struct {
	ID, Kind                string
	Date, MadeOn            domain.Date
	File, Volume, Summary   string
	Items                   int
	Total                   domain.Money
	Officer                 string
	Fingerprint             string
	Exceptions, OpenExcepts int
}

// BacsRuns is the run log, newest first.
func (s *Store) BacsRuns(ctx context.Context) ([]BacsRun, error) {
	var out []BacsRun
	err := eachRow(ctx, s.db, `SELECT r.id, r.kind, r.date, r.made_on, r.file, r.volume, r.summary, r.items, r.total, r.officer, r.fingerprint,
		(SELECT count(*) FROM bacs_exception e WHERE e.run = r.id), (SELECT count(*) FROM bacs_exception e WHERE e.run = r.id AND e.settled_on = '')
		FROM bacs_run r ORDER BY r.no DESC`, nil, func(rows *sql.Rows) error {
		var r BacsRun
		var date, made string
		var total int64
		if err := rows.Scan(&r.ID, &r.Kind, &date, &made, &r.File, &r.Volume, &r.Summary, &r.Items, &total, &r.Officer, &r.Fingerprint,
			&r.Exceptions, &r.OpenExcepts); err != nil {
			return err
		}
		r.Date, r.MadeOn, r.Total = dateText(date), dateText(made), domain.Pence(total)
		shown(&r.File, &r.Summary, &r.Officer)
		out = append(out, r)
		return nil
	})
	return out, err
}

// Exceptions.

// BacsException is an advice item that matched nothing, kept until an
// officer settles it.
type BacsException struct {
	ID, Run, Kind, Place, Reference string
	Amount                          domain.Money
	Why, Detail                     string
	AdviceDate                      domain.Date
	File                            string
	SettledOn                       domain.Date
	SettledBy, Note                 string
}

// BacsExceptions are the exceptions, open ones first (all when all is set).
func (s *Store) BacsExceptions(ctx context.Context, all bool) ([]BacsException, error) {
	where := "e.settled_on = ''"
	if all {
		where = "1 = 1"
	}
	var out []BacsException
	err := eachRow(ctx, s.db, `SELECT e.id, e.run, e.kind, e.place, e.reference, e.amount, e.why, e.detail, r.date, r.file, e.settled_on,
		e.settled_by, e.settle_note FROM bacs_exception e JOIN bacs_run r ON r.id = e.run WHERE `+where+`
		ORDER BY e.settled_on <> '', e.no`, nil, func(rows *sql.Rows) error {
		var e BacsException
		var amount int64
		var date, settled string
		if err := rows.Scan(&e.ID, &e.Run, &e.Kind, &e.Place, &e.Reference, &amount, &e.Why, &e.Detail, &date, &e.File, &settled,
			&e.SettledBy, &e.Note); err != nil {
			return err
		}
		e.Amount, e.AdviceDate, e.SettledOn = domain.Pence(amount), dateText(date), dateText(settled)
		shown(&e.Reference, &e.Why, &e.Detail, &e.File, &e.SettledBy, &e.Note)
		out = append(out, e)
		return nil
	})
	return out, err
}

// SettleException records how an officer dealt with an exception.
func (s *Store) SettleException(ctx context.Context, id, note string, today domain.Date) error {
	note, _, err := domain.TextNote.As("note").Clean(note)
	if err != nil {
		return err
	}
	if strings.TrimSpace(note) == "" {
		return invalid("note", "say how the exception was dealt with (--note)")
	}
	return s.write(ctx, "bacs settle", "", func(w *writer) error {
		var settled string
		err := w.queryRow("SELECT settled_on FROM bacs_exception WHERE id = ?", id).Scan(&settled)
		if err == sql.ErrNoRows {
			return invalid("exception", "no exception %s: `caseload bacs exceptions` lists them", id)
		}
		if err != nil {
			return err
		}
		if settled != "" {
			return invalid("exception", "exception %s was already settled on %s", id, settled)
		}
		_, err = w.add(entityBacsSettled, "", bacsSettledBody{Exception: id, Date: today.String(), Note: note})
		return err
	})
}

// DefaultBacsFile is where a file made for processing date p goes when the
// officer names none: beside the database, the first of
// bacs-KIND-DATE.txt, bacs-KIND-DATE-2.txt… that does not exist yet.
func (s *Store) DefaultBacsFile(kind string, p domain.Date) string {
	base := filepath.Join(filepath.Dir(s.Path()), fmt.Sprintf("bacs-%s-%s", kind, p))
	path := base + ".txt"
	for n := 2; CheckBacsFile(path) != nil; n++ {
		path = fmt.Sprintf("%s-%d.txt", base, n)
	}
	return path
}

// CheckBacsFile refuses a path where a Bacs file may not be written: one
// that exists already (a Bacs file is never written over another).
func CheckBacsFile(path string) error {
	if _, err := os.Stat(path); err == nil {
		return invalid("out", "%s already exists: a Bacs file is never overwritten; name another", path)
	}
	return nil
}

// WriteBacsFile is the Deliver of a file made to path: written readable by
// its owner only (it holds bank details), whole or not at all (a
// temporary file linked into place), and never over an existing file.
func WriteBacsFile(path string) func([]byte) error {
	return func(b []byte) error {
		f, err := os.CreateTemp(filepath.Dir(path), ".caseload-bacs-*")
		if err != nil {
			return invalid("out", "%s cannot be written (%v)", path, errors.Unwrap(err))
		}
		tmp := f.Name()
		defer os.Remove(tmp)
		if _, err := f.Write(b); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", path, err)
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", path, err)
		}
		if err := f.Close(); err != nil {
			return err
		}
		if err := os.Link(tmp, path); err != nil {
			if errors.Is(err, os.ErrExist) {
				return CheckBacsFile(path)
			}
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	}
}
