package store

// The Bacs run entities (migration 0009): a run (a file made, an advice
// imported, a posting run), the items a file held, what later happened to
// an item, and the exceptions an advice raised and their settling. All are
// facts; an outcome or a settling that arrives twice (two replicas acting
// on the same advice) leaves the first standing. Their handlers are
// declared in handlers (entities.go).

import (
	"caseload/domain"
	"caseload/domain/bacs"
)

const (
	entityBacsRun       = "bacs-run"
	entityBacsItem      = "bacs-item"
	entityBacsOutcome   = "bacs-outcome"
	entityBacsException = "bacs-exception"
	entityBacsSettled   = "bacs-settled"
)

// The kinds of run.
const (
	RunCollection   = "collection"
	RunAUDDIS       = "auddis"
	RunPost         = "post"
	RunARUDD        = "arudd"
	RunADDACS       = "addacs"
	RunAUDDISAdvice = "auddis-advice"
)

var runKinds = map[string]bool{RunCollection: true, RunAUDDIS: true, RunPost: true, RunARUDD: true, RunADDACS: true, RunAUDDISAdvice: true}

type bacsRunBody struct {
	Kind        string `json:"kind"`
	Date        string `json:"date"`
	MadeOn      string `json:"made_on"`
	File        string `json:"file,omitempty"`
	Fingerprint string `json:"fingerprint,omitempty"`
	Volume      string `json:"volume,omitempty"`
	Items       int    `json:"items"`
	Total       int64  `json:"total"`
	Summary     string `json:"summary,omitempty"`
}

func addBacsRun(w *writer, c Change, origin int64) error {
	var b bacsRunBody
	if err := decodeStrict(c.Value, &b); err != nil {
		return err
	}
	if !runKinds[b.Kind] {
		return invalid("kind", "%q is not a kind of Bacs run", b.Kind)
	}
	if err := checkDates(map[string]string{"date": b.Date, "made_on": b.MadeOn}); err != nil {
		return err
	}
	if err := checkText([]domain.TextField{domain.TextDetail.As("file"), domain.TextDetail.As("summary")}, b.File, b.Summary); err != nil {
		return err
	}
	_, err := w.exec(`INSERT INTO bacs_run(id, kind, date, made_on, file, fingerprint, volume, items, total, summary, officer,
		created_origin, created_seq) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.EntityID, b.Kind, b.Date, b.MadeOn, b.File, b.Fingerprint, b.Volume, b.Items, b.Total, b.Summary, c.Officer, origin, c.Seq)
	return err
}

type bacsItemBody struct {
	Run        string `json:"run"`
	Mandate    string `json:"mandate"`
	Reference  string `json:"reference"`
	Code       string `json:"code"`
	Amount     int64  `json:"amount"`
	Due        string `json:"due"`
	Processing string `json:"processing"`
	Collection string `json:"collection"`
	Represents string `json:"represents,omitempty"`
}

func addBacsItem(w *writer, c Change, origin int64) error {
	var b bacsItemBody
	if err := decodeStrict(c.Value, &b); err != nil {
		return err
	}
	code := bacs.TransactionCode(b.Code)
	if !code.IsCollection() && !code.IsInstruction() {
		return invalid("code", "%q is not a Direct Debit transaction code", b.Code)
	}
	if err := bacs.ValidateReference(b.Reference); err != nil {
		return invalid("reference", "%v", err)
	}
	if code.IsCollection() != (b.Amount > 0) || b.Amount < 0 {
		return invalid("amount", "%s must carry %s", code, map[bool]string{true: "an amount", false: "no amount"}[code.IsCollection()])
	}
	if err := checkDates(map[string]string{"due": b.Due, "processing": b.Processing, "collection": b.Collection}); err != nil {
		return err
	}
	no, err := w.accountNo(c.Account)
	if err != nil {
		return err
	}
	_, err = w.exec(`INSERT INTO bacs_item(id, run, account, mandate, reference, code, amount, due, processing_date, collection_date,
		represents, created_origin, created_seq) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.EntityID, b.Run, no, b.Mandate, b.Reference, b.Code, b.Amount, b.Due, b.Processing, b.Collection, b.Represents, origin, c.Seq)
	return err
}

// The outcomes of an item.
const (
	outcomePosted   = "posted"   // its payment was posted (Txn)
	outcomeReturned = "returned" // ARUDD: returned unpaid; AUDDIS: rejected; superseded
)

type bacsOutcomeBody struct {
	Item          string `json:"item"`
	What          string `json:"what"`
	Date          string `json:"date"`
	Txn           string `json:"txn,omitempty"`
	Run           string `json:"run,omitempty"`
	Reason        string `json:"reason,omitempty"`
	Words         string `json:"words,omitempty"`
	RepresentFrom string `json:"represent_from,omitempty"`
}

func addBacsOutcome(w *writer, c Change, origin int64) error {
	var b bacsOutcomeBody
	if err := decodeStrict(c.Value, &b); err != nil {
		return err
	}
	dates := map[string]string{"date": b.Date}
	if b.RepresentFrom != "" {
		dates["represent_from"] = b.RepresentFrom
	}
	if err := checkDates(dates); err != nil {
		return err
	}
	if err := domain.TextDetail.As("words").Check(b.Words); err != nil {
		return err
	}
	var err error
	switch b.What {
	case outcomePosted:
		if b.Txn == "" {
			return invalid("txn", "a posted outcome names its transaction")
		}
		_, err = w.exec("UPDATE bacs_item SET posted = ? WHERE id = ? AND posted = ''", b.Txn, b.Item)
	case outcomeReturned:
		_, err = w.exec(`UPDATE bacs_item SET returned_on = ?, return_run = ?, return_reason = ?, return_words = ?, represent_from = ?
			WHERE id = ? AND returned_on = ''`, b.Date, b.Run, b.Reason, b.Words, b.RepresentFrom, b.Item)
	default:
		return invalid("what", "%q is not an outcome of a Bacs item", b.What)
	}
	return err
}

type bacsExceptionBody struct {
	Run       string `json:"run"`
	Kind      string `json:"kind"`
	Place     string `json:"place"`
	Reference string `json:"reference,omitempty"`
	Amount    int64  `json:"amount,omitempty"`
	Why       string `json:"why"`
	Detail    string `json:"detail,omitempty"`
}

func addBacsException(w *writer, c Change, origin int64) error {
	var b bacsExceptionBody
	if err := decodeStrict(c.Value, &b); err != nil {
		return err
	}
	if !runKinds[b.Kind] || b.Why == "" {
		return invalid("exception", "an exception names its advice kind and why")
	}
	if err := checkText([]domain.TextField{domain.TextDetail.As("why"), domain.TextDetail.As("detail")}, b.Why, b.Detail); err != nil {
		return err
	}
	_, err := w.exec(`INSERT INTO bacs_exception(id, run, kind, place, reference, amount, why, detail, created_origin, created_seq)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.EntityID, b.Run, b.Kind, b.Place, b.Reference, b.Amount, b.Why, b.Detail, origin, c.Seq)
	return err
}

type bacsSettledBody struct {
	Exception string `json:"exception"`
	Date      string `json:"date"`
	Note      string `json:"note"`
}

func addBacsSettled(w *writer, c Change, origin int64) error {
	var b bacsSettledBody
	if err := decodeStrict(c.Value, &b); err != nil {
		return err
	}
	if err := checkDates(map[string]string{"date": b.Date}); err != nil {
		return err
	}
	if err := domain.TextNote.As("note").Check(b.Note); err != nil {
		return err
	}
	_, err := w.exec("UPDATE bacs_exception SET settled_on = ?, settled_by = ?, settle_note = ? WHERE id = ? AND settled_on = ''",
		b.Date, c.Officer, b.Note, b.Exception)
	return err
}

func checkDates(dates map[string]string) error {
	for field, d := range dates {
		if _, err := domain.ParseDate(d); err != nil {
			return invalid(field, "%v", err)
		}
	}
	return nil
}
