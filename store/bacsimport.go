package store

// Importing Bacs advices: the file is recognised by content, validated
// whole by its parser (domain/bacs) before anything is written, refused
// when the same bytes were imported before, and then acted on in one
// write: every item either changes what it matches or becomes an
// exception; none is dropped.

import (
	"context"
	"fmt"
	"strings"

	"caseload/domain"
	"caseload/domain/bacs"
	"caseload/domain/directdebit"
)

// AdviceImported says what an advice did.
type AdviceImported struct {
	Run  string
	Kind bacs.Kind
	Date domain.Date
	// Lines are what happened, one per item, in words (bank details masked).
	Lines      []string
	Exceptions int
	// Returned, Reversed and Represent count an ARUDD's returns, the
	// payments reversed and the re-presentations scheduled.
	Returned, Reversed, Represent int
	Total                         domain.Money
}

// ImportAdvice reads an ARUDD, ADDACS or AUDDIS advice and acts on it. sun,
// when given, is the council's service user number: an advice for another
// is refused. Policy says which returns are presented again.
func (s *Store) ImportAdvice(ctx context.Context, file string, data []byte, sun string, policy bacs.RepresentationPolicy, today domain.Date) (AdviceImported, error) {
	var out AdviceImported
	if err := policy.Validate(); err != nil {
		return out, err
	}
	kind, err := bacs.Detect(data)
	if err != nil {
		return out, err
	}
	out.Kind = kind
	var act func(w *writer, run string) error
	var run bacsRunBody
	switch kind {
	case bacs.KindARUDD:
		a, err := bacs.ParseARUDD(data)
		if err != nil {
			return out, err
		}
		if err := checkSUN(sun, a.SUN, "BACSDocument/Data/ARUDD/ServiceLicenseInformation/@userNumber"); err != nil {
			return out, err
		}
		run = bacsRunBody{Kind: RunARUDD, Date: a.ProcessingDate.String(), Items: len(a.Returns), Total: a.Total.PenceValue(), Summary: bacs.ARUDDSummary(a)}
		act = func(w *writer, id string) error { return w.actOnARUDD(a, id, policy, today, &out) }
	case bacs.KindADDACS:
		a, err := bacs.ParseADDACS(data)
		if err != nil {
			return out, err
		}
		if err := checkSUN(sun, a.SUN, "BACSDocument/Data/MessagingAdvices/MessagingHeader/@user-number"); err != nil {
			return out, err
		}
		run = bacsRunBody{Kind: RunADDACS, Date: a.GenerationDate.String(), Items: len(a.Amendments), Summary: bacs.ADDACSSummary(a)}
		act = func(w *writer, id string) error { return w.actOnADDACS(a, id, today, &out) }
	case bacs.KindAUDDIS:
		a, err := bacs.ParseAUDDIS(data)
		if err != nil {
			return out, err
		}
		if err := checkSUN(sun, a.SUN, "BACSDocument/Data/MessagingAdvices/MessagingHeader/@user-number"); err != nil {
			return out, err
		}
		run = bacsRunBody{Kind: RunAUDDISAdvice, Date: a.GenerationDate.String(), Items: len(a.Files) + len(a.Instructions), Summary: bacs.AUDDISSummary(a)}
		act = func(w *writer, id string) error { return w.actOnAUDDIS(a, id, today, &out) }
	default:
		return out, invalid("file", "not a Bacs advice")
	}
	out.Date = dateText(run.Date)
	if out.Date.After(today) {
		return out, invalid("file", "the advice is dated %s, after today (%s): check --today", out.Date, today)
	}
	run.MadeOn, run.File, run.Fingerprint = today.String(), file, bacs.Fingerprint(data)
	err = s.write(ctx, "bacs import "+run.Kind, "", func(w *writer) error {
		var made, prev string
		err := w.queryRow("SELECT made_on, file FROM bacs_run WHERE fingerprint = ?", run.Fingerprint).Scan(&made, &prev)
		if err == nil {
			return invalid("file", "this %s advice was already imported on %s (as %s): nothing done", kind, made, prev)
		}
		id, err := w.add(entityBacsRun, "", run)
		if err != nil {
			return err
		}
		out.Run = id
		return act(w, id)
	})
	if err != nil {
		return AdviceImported{Kind: kind}, err
	}
	return out, nil
}

func checkSUN(want, got, path string) error {
	if want != "" && want != got {
		return &bacs.FileError{Path: path, Reason: bacs.OtherServiceUser(got, want)}
	}
	return nil
}

// exception records an advice item that matched nothing.
func (w *writer) exception(run, kind, place, ref string, amount domain.Money, why, detail string, out *AdviceImported) error {
	out.Exceptions++
	out.Lines = append(out.Lines, bacs.ItemOutcome{Reference: ref, Exception: why}.Line())
	_, err := w.add(entityBacsException, "", bacsExceptionBody{Run: run, Kind: kind, Place: place, Reference: ref,
		Amount: amount.PenceValue(), Why: why, Detail: detail})
	return err
}

// mandateByReference is the mandate with a Bacs reference (the newest
// when two replicas made the same one), or none.
func (w *writer) mandateByReference(ref string) (Mandate, bool, error) {
	ms, err := readMandates(w.ctx, w.tx, "m.reference = ?", strings.ToUpper(strings.TrimSpace(ref)))
	if err != nil || len(ms) == 0 {
		return Mandate{}, false, err
	}
	return ms[0], true, nil
}

// ARUDD: unpaid collections.

func (w *writer) actOnARUDD(a *bacs.ARUDD, run string, policy bacs.RepresentationPolicy, today domain.Date, out *AdviceImported) error {
	refs := map[string]bool{}
	for _, r := range a.Returns {
		refs[strings.ToUpper(r.Reference)] = true
		if r.PayerReference != "" {
			refs[strings.ToUpper(r.PayerReference)] = true
		}
	}
	args := make([]any, 0, len(refs))
	marks := make([]string, 0, len(refs))
	for r := range refs {
		args, marks = append(args, r), append(marks, "?")
	}
	sent, err := readItems(w.ctx, w.tx, "i.amount > 0 AND i.reference IN ("+strings.Join(marks, ", ")+")", args...)
	if err != nil {
		return err
	}
	cols := make([]bacs.Collection, len(sent))
	for i, it := range sent {
		cols[i] = bacs.Collection{Reference: it.Reference, Amount: it.Amount, ProcessingDate: it.Processing, CollectionDate: it.Collection}
	}
	on := domain.MinDate(a.ProcessingDate, today)
	h := w.s.holidays
	for _, m := range bacs.MatchReturns(a.Returns, cols) {
		r := m.Return
		detail := r.Detail()
		if m.Index < 0 {
			if err := w.exception(run, RunARUDD, r.Path, r.Reference, r.Amount, m.Why, detail, out); err != nil {
				return err
			}
			continue
		}
		it := sent[m.Index]
		if !it.ReturnedOn.IsZero() {
			if err := w.exception(run, RunARUDD, r.Path, r.Reference, r.Amount,
				bacs.AlreadyReturned(it.ReturnedOn), detail, out); err != nil {
				return err
			}
			continue
		}
		first, attempts, err := presentations(w.ctx, w.tx, it)
		if err != nil {
			return err
		}
		act := bacs.ActOnReturn(r, first, attempts, a.ProcessingDate, h, policy)
		out.Returned++
		out.Total = out.Total.Add(r.Amount)
		line := bacs.ItemOutcome{Account: it.Account, Reference: it.Reference, What: bacs.ReturnWords(r)}
		if it.Posted != "" {
			if _, err := w.post(Posting{Ref: it.Account, Kind: PostReverse, Of: it.Posted, Date: on, Note: act.ReversalNote}, today); err != nil {
				return fmt.Errorf("reversing the payment %s of %s: %w", it.Posted, it.Account, err)
			}
			out.Reversed++
			line.Reversed = true
		}
		if _, err := w.add(entityEvent, it.Account, eventBody{Date: on.String(), Type: string(domain.EventDDUnpaid), Detail: act.Unpaid}); err != nil {
			return err
		}
		body := bacsOutcomeBody{Item: it.ID, What: outcomeReturned, Date: on.String(), Run: run, Reason: r.Reason.Code,
			Words: "ARUDD " + r.Reason.Code + " " + r.Reason.Meaning + ": " + act.Why}
		if act.Represent {
			body.RepresentFrom = act.RepresentFrom.String()
			out.Represent++
			line.RepresentFrom = act.RepresentFrom
		}
		if _, err := w.add(entityBacsOutcome, it.Account, body); err != nil {
			return err
		}
		if act.EndsMandate {
			mm, err := readMandates(w.ctx, w.tx, "m.id = ?", it.Mandate)
			if err != nil {
				return err
			}
			if len(mm) == 1 && mm[0].State.Open() {
				if err := w.moveMandate(mm[0], directdebit.Cancelled, on, "ARUDD "+r.Reason.Code+": "+r.Reason.Meaning); err != nil {
					return err
				}
				if err := w.endLodgement(mm[0].ID, on, run, "ARUDD "+r.Reason.Code+": "+r.Reason.Meaning); err != nil {
					return err
				}
				line.Moved = directdebit.Cancelled.Words()
			}
		}
		out.Lines = append(out.Lines, line.Line())
	}
	return nil
}

// endLodgement marks a mandate's standing lodgement (0N/0S) as ended by
// the bank, so no 0C is sent for it and a new lodgement would be a 0N.
func (w *writer) endLodgement(mandate string, on domain.Date, run, words string) error {
	items, err := readItems(w.ctx, w.tx, "i.mandate = ? AND i.code IN (?, ?) AND i.returned_on = ''", mandate,
		string(bacs.NewInstruction), string(bacs.ConvertInstruction))
	if err != nil {
		return err
	}
	for _, it := range items {
		if _, err := w.add(entityBacsOutcome, it.Account, bacsOutcomeBody{Item: it.ID, What: outcomeReturned, Date: on.String(),
			Run: run, Words: words}); err != nil {
			return err
		}
	}
	return nil
}

// ADDACS: amendments and cancellations from the payer's bank.

func (w *writer) actOnADDACS(a *bacs.ADDACS, run string, today domain.Date, out *AdviceImported) error {
	on := domain.MinDate(a.GenerationDate, today)
	for _, am := range a.Amendments {
		m, ok, err := w.mandateByReference(am.Reference)
		if err != nil {
			return err
		}
		detail := am.Detail()
		if !ok {
			if err := w.exception(run, RunADDACS, am.Path, am.Reference, domain.Zero, bacs.NoMandate(am.Reference), detail, out); err != nil {
				return err
			}
			continue
		}
		act := bacs.ActOnAmendment(am, on, w.s.holidays)
		why := "ADDACS " + am.Reason.Code + ": " + am.Reason.Meaning
		line := bacs.ItemOutcome{Account: m.Ref, Reference: m.Reference, What: am.Reason.Meaning, FollowUp: act.FollowUp}
		if act.NewSortCode != "" || act.NewNumber != "" {
			sc, acc := am.Apply(m.SortCode, m.Account)
			if err := w.changeMandateDetails(m, "", sc, acc, on, why); err != nil {
				return err
			}
			line.NewDetails = true
		}
		move := func(to directdebit.State) error {
			if m.State.MoveTo(to) != nil {
				return nil // already there, or ended: the note says what the bank said
			}
			line.Moved = to.Words()
			return w.moveMandate(m, to, on, why)
		}
		switch {
		case act.Cancel:
			if err := move(directdebit.Cancelled); err != nil {
				return err
			}
			if err := w.endLodgement(m.ID, on, run, why); err != nil {
				return err
			}
		case act.Relodge:
			// The old lodgement ends with the old account: a new 0N goes
			// in the next AUDDIS file (never a 0C to the old bank).
			if err := w.endLodgement(m.ID, on, run, why); err != nil {
				return err
			}
			if err := move(directdebit.Pending); err != nil {
				return err
			}
		case act.Suspend:
			if err := move(directdebit.Pending); err != nil {
				return err
			}
		case act.Reinstate:
			if err := move(directdebit.Live); err != nil {
				return err
			}
		}
		if _, err := w.add(entityNote, m.Ref, noteBody{Date: on.String(), Text: act.Timeline, FollowUp: act.FollowUp.String()}); err != nil {
			return err
		}
		out.Lines = append(out.Lines, line.Line())
	}
	return nil
}

// AUDDIS advices: lodgements accepted or rejected.

func (w *writer) actOnAUDDIS(a *bacs.AUDDIS, run string, today domain.Date, out *AdviceImported) error {
	on := domain.MinDate(a.GenerationDate, today)
	h := w.s.holidays
	rejected := map[string]bool{}
	for _, in := range a.Instructions {
		m, ok, err := w.mandateByReference(in.Reference)
		if err != nil {
			return err
		}
		detail := in.Detail()
		if !ok {
			if err := w.exception(run, RunAUDDISAdvice, in.Path, in.Reference, domain.Zero, bacs.NoMandate(in.Reference), detail, out); err != nil {
				return err
			}
			continue
		}
		rejected[m.ID] = true
		why := "AUDDIS " + in.Reason.Code + ": " + in.Reason.Meaning
		if err := w.endLodgement(m.ID, on, run, why); err != nil {
			return err
		}
		line := bacs.ItemOutcome{Account: m.Ref, Reference: m.Reference, What: bacs.RejectionWords(in)}
		if m.State == directdebit.Live {
			if err := w.moveMandate(m, directdebit.Pending, on, why); err != nil {
				return err
			}
			line.Moved = directdebit.Pending.Words()
		}
		line.FollowUp = h.AddWorkingDays(on, bacs.AmendmentWorkingDays)
		if _, err := w.add(entityNote, m.Ref, noteBody{Date: on.String(), Text: bacs.InstructionWords(in),
			FollowUp: line.FollowUp.String()}); err != nil {
			return err
		}
		out.Lines = append(out.Lines, line.Line())
	}
	for _, f := range a.Files {
		var runID string
		err := w.queryRow("SELECT id FROM bacs_run WHERE kind = ? AND volume = ? ORDER BY no DESC LIMIT 1", RunAUDDIS, f.VolumeSerial).Scan(&runID)
		if err != nil {
			if err := w.exception(run, RunAUDDISAdvice, f.Path, f.VolumeSerial, domain.Zero, bacs.NoAUDDISFile(f.VolumeSerial), f.Detail(), out); err != nil {
				return err
			}
			continue
		}
		items, err := readItems(w.ctx, w.tx, "i.run = ? AND i.returned_on = ''", runID)
		if err != nil {
			return err
		}
		for _, it := range items {
			if rejected[it.Mandate] {
				continue
			}
			mm, err := readMandates(w.ctx, w.tx, "m.id = ?", it.Mandate)
			if err != nil || len(mm) != 1 {
				return err
			}
			m := mm[0]
			switch {
			case !f.Accepted:
				why := bacs.FileRejectedWords(f, a.Errors)
				if err := w.addFact(entityBacsOutcome, it.Account, bacsOutcomeBody{Item: it.ID, What: outcomeReturned, Date: on.String(), Run: run, Words: why}); err != nil {
					return err
				}
				if err := w.addNote(m.Ref, on, bacs.RelodgeWords(why, m.Reference)); err != nil {
					return err
				}
				out.Lines = append(out.Lines, bacs.ItemOutcome{Account: m.Ref, Reference: m.Reference, What: why}.Line())
			case it.Code != bacs.CancelInstruction && m.State == directdebit.Pending:
				if err := w.moveMandate(m, directdebit.Live, on, bacs.LodgementAccepted(f)); err != nil {
					return err
				}
				out.Lines = append(out.Lines, bacs.ItemOutcome{Account: m.Ref, Reference: m.Reference, What: "lodgement accepted", Moved: directdebit.Live.Words()}.Line())
			}
		}
	}
	return nil
}

// addFact adds a fact when its id is not wanted.
func (w *writer) addFact(entity, account string, body any) error {
	_, err := w.add(entity, account, body)
	return err
}

// addNote puts a plain note on an account's timeline.
func (w *writer) addNote(ref string, on domain.Date, text string) error {
	return w.addFact(entityNote, ref, noteBody{Date: on.String(), Text: text})
}
