package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"caseload/domain"
)

// The entities of the change log. Each has a handler that materialises its
// facts and register fields; an entity or field not listed here is refused
// on import (never silently dropped).
const (
	entityAccount     = "account"
	entityCharge      = "charge"
	entityTxn         = "txn"
	entityNote        = "note"
	entityEvent       = "event"
	entityArrangement = "arrangement"
	entityDone        = "done"
	entityRTB         = "rtb"
	entityRTBEvent    = "rtb-event"
	entityPreAction   = "preaction"
)

// handler is everything the store knows about one entity of the change
// log, declared once in handlers: how its facts are materialised (add,
// which decodes and validates the body), which change created it, its
// registers, and where its facts go when a pack is imported.
type handler struct {
	// add materialises a fact.
	add func(w *writer, c Change, origin int64) error
	// creator names the change that created an entity: the implicit head
	// of its registers.
	creator func(w *writer, entityID string) (origin, seq int64, err error)
	// fields are the entity's registers.
	fields fieldSet
	// order places the entity's facts in an import: facts are applied
	// before the facts that refer to them (an account before its ledger).
	order int
}

type fieldHandler struct {
	// initial is the field's value in the creating fact's body.
	initial func(body json.RawMessage) json.RawMessage
	// apply writes the winning value to the materialised tables.
	apply func(w *writer, entityID, field string, value json.RawMessage) error
	// check validates a value (on import and before a local set).
	check func(value json.RawMessage) error
}

// fieldSet finds a field handler by name; some entities have a family of
// fields under a prefix ("fraud:identity").
type fieldSet map[string]fieldHandler

func (f fieldSet) lookup(name string) (fieldHandler, bool) {
	if h, ok := f[name]; ok {
		return h, true
	}
	if prefix, _, ok := strings.Cut(name, ":"); ok {
		h, ok := f[prefix+":*"]
		return h, ok
	}
	return fieldHandler{}, false
}

// handlers is the one registry of entities: apply, the register merge,
// check and sync's import order all read it.
var handlers map[string]handler

func init() {
	handlers = map[string]handler{
		entityAccount: {order: 0, add: addAccount, creator: accountCreator, fields: accountFields()},
		entityCharge:  {order: 1, add: addCharge},
		entityTxn:     {order: 2, add: addTxnChange},
		entityNote:    {order: 3, add: addNote, creator: creatorBy("note"), fields: noteFields()},
		entityEvent:   {order: 4, add: addEvent},
		entityArrangement: {order: 5, add: addArrangement, creator: creatorBy("arrangement"),
			fields: arrangementFields()},
		entityDone:      {order: 6, add: addDone},
		entityRTB:       {order: 7, add: addRTB, creator: creatorBy("rtb_case"), fields: rtbFields()},
		entityRTBEvent:  {order: 8, add: addRTBEvent},
		entityPreAction: {order: 9, add: addPreActionMark},
		// Reference tables (refdata.go): whole-table loads, no account.
		entityReference: {order: 10, add: addReference},
		// Direct Debit mandates (entity_mandate.go): set-up, then changes.
		entityMandate:      {order: 11, add: addMandate},
		entityMandateEvent: {order: 12, add: addMandateEvent},
		// Bacs runs (entity_bacs.go): a run before its items and exceptions.
		entityBacsRun: {order: 13, add: addBacsRun}, entityBacsItem: {order: 14, add: addBacsItem},
		entityBacsOutcome: {order: 15, add: addBacsOutcome}, entityBacsException: {order: 16, add: addBacsException},
		entityBacsSettled: {order: 17, add: addBacsSettled},
	}
}

// importOrder is where an entity's facts go in an import (handler.order).
func importOrder(entity string) int { return handlers[entity].order }

// creatorBy reads the creating change of a fact table row by its id.
func creatorBy(table string) func(w *writer, id string) (int64, int64, error) {
	q := "SELECT created_origin, created_seq FROM " + table + " WHERE id = ?"
	return func(w *writer, id string) (int64, int64, error) {
		var o, s int64
		err := w.queryRow(q, id).Scan(&o, &s)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, 0, fmt.Errorf("%s %s is not in this database", table, id)
		}
		return o, s, err
	}
}

// decodeStrict decodes a change body, refusing unknown fields so a pack from
// a newer schema is refused rather than half-understood.
func decodeStrict(b json.RawMessage, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("bad change body: %w", err)
	}
	return nil
}

// checkText checks values of text fields (domain.TextField.Check): what
// is written here or arrives in a pack must be clean text.
func checkText(fields []domain.TextField, values ...string) error {
	for i, v := range values {
		if err := fields[i].Check(v); err != nil {
			return err
		}
	}
	return nil
}

// bodyField reads a field's initial value from a creating fact's body.
func bodyField(field, zero string) func(json.RawMessage) json.RawMessage {
	return func(body json.RawMessage) json.RawMessage {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(body, &m); err == nil {
			if v, ok := m[field]; ok {
				return v
			}
		}
		return json.RawMessage(zero)
	}
}

// queryer is a *sql.DB or *sql.Tx.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}
