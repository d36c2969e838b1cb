package store

import (
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"caseload/domain"
	"caseload/domain/worklist"
)

// Issue 13: every text that enters is cleaned by domain's one cleaner,
// whatever the door; refused text writes nothing.

func TestHostileTextIsRefusedAtEveryWriteAndNothingIsWritten(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	before := dump(t, s)
	cases := []struct {
		name  string
		write func() error
		want  string
	}{
		{"a clear-screen escape in a payment reference", func() error {
			_, err := s.Post(ctx, Posting{Ref: "AB1001", Kind: PostPayment, Amount: amt("1"), Method: domain.MethodCash, Reference: "R1\x1b[2J"}, today)
			return err
		}, "reference: holds an escape character"},
		{"a NUL in an adjustment note", func() error {
			_, err := s.Post(ctx, Posting{Ref: "AB1001", Kind: PostAdjustment, Amount: amt("1"), Note: "why\x00not"}, today)
			return err
		}, "note: holds a NUL"},
		{"an OSC title sequence in a contact note", func() error {
			_, err := s.AddNote(ctx, NewNote{Ref: "AB1001", Channel: domain.ChannelPhone, Text: "called \x1b]0;owned\x07"}, today)
			return err
		}, "text: holds an escape character"},
		{"a right-to-left override in an event detail", func() error {
			_, err := s.AddEvent(ctx, NewEvent{Ref: "AB1001", Type: domain.EventLetter1, Detail: "sent \u202eexe.txt"}, today, worklist.DefaultPolicy())
			return err
		}, "detail: holds a bidirectional text control"},
		{"a colour code in a pause reason", func() error {
			return s.Pause(ctx, "AB1001", today.AddDays(7), "\x1b[31mred", today)
		}, "reason: holds an escape character"},
		{"a 201-character name", func() error {
			return s.SetAccountFields(ctx, "AB1001", map[string]string{"name": strings.Repeat("a", 201)})
		}, "name: is 201 characters long: at most 200"},
		{"a C1 control in an officer", func() error {
			return s.SetAccountFields(ctx, "AB1001", map[string]string{"officer": "asmith\u009b2J"})
		}, "officer: holds a control character (U+009B)"},
		{"a card number in a phone", func() error {
			return s.SetAccountFields(ctx, "AB1001", map[string]string{"phone": "4111.1111.1111.1111"})
		}, "phone: holds what looks like a card number"},
		{"an escape in a new account's name", func() error {
			a := testAccount("AB1002")
			a.Name = "Sam\x1b[2J"
			return s.CreateAccount(ctx, a)
		}, "name: holds an escape character"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.write()
			if !domain.IsValidation(err) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want a validation error containing %q", err, c.want)
			}
			if dump(t, s) != before {
				t.Fatal("a refused write changed the database")
			}
		})
	}
}

func TestCardNumbersWrittenAnyWayAreMaskedInNotes(t *testing.T) {
	for _, text := range []string{"card 4111  1111  1111  1111", "card 4111\t1111\t1111\t1111", "card 4111\u00a01111\u00a01111\u00a01111",
		"card 4111.1111.1111.1111", "card 4111/1111/1111/1111", "card ４１１１ １１１１ １１１１ １１１１", "card 41111111111111117"} {
		s := newTestStore(t)
		mustCreate(t, s, "AB1001")
		res, err := s.AddNote(ctx, NewNote{Ref: "AB1001", Channel: domain.ChannelPhone, Text: text}, today)
		if err != nil || res.Masked != 1 {
			t.Fatalf("%q: %+v %v", text, res, err)
		}
		notes, _ := s.Notes(ctx, "AB1001")
		if len(notes) != 1 || !strings.Contains(notes[0].Text, "****") {
			t.Fatalf("%q stored as %+v", text, notes)
		}
	}
}

// A change arriving from another replica takes the one apply path an
// import uses: hostile or unmasked text in its payload is refused.
func TestImportedChangesWithHostileTextAreRefused(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	const other = "0b9c3c1e-4a57-4d0b-9f1e-1f5a3c2d4e6f"
	body := func(v any) json.RawMessage { b, _ := json.Marshal(v); return b }
	cases := []struct {
		name string
		c    Change
		want string
	}{
		{"an unmasked card number in a payment note", Change{Entity: entityTxn, Op: "add",
			Value: body(txnBody{Date: "2026-11-20", Type: "payment", Amount: -500000, Method: "cash", Note: "card 4111 1111 1111 1111"})}, "not masked"},
		{"an escape in a contact note", Change{Entity: entityNote, Op: "add",
			Value: body(noteBody{Date: "2026-11-20", Channel: "phone", Text: "hi\x1b[2J"})}, "escape"},
		{"an OSC sequence in an event detail", Change{Entity: entityEvent, Op: "add",
			Value: body(eventBody{Date: "2026-11-20", Type: "letter-1", Detail: "\x1b]0;x\x07"})}, "escape"},
		{"a colour code in a name set", Change{Entity: entityAccount, EntityID: "AB1001", Op: "set", Field: "name",
			Value: body("\x1b[31mSam")}, "escape"},
		{"a bidi override in a reference", Change{Entity: entityTxn, Op: "add",
			Value: body(txnBody{Date: "2026-11-20", Type: "payment", Amount: -100, Method: "cash", Reference: "R\u202e1"})}, "bidirectional"},
	}
	before := dump(t, s)
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ch := c.c
			ch.Origin, ch.Seq, ch.HLC, ch.Officer, ch.Account = other, int64(i+1), 1, "visitor", "AB1001"
			if ch.EntityID == "" {
				ch.EntityID = factID(other, ch.Seq)
			}
			// Hashed as an older replica's change would be: the text, not
			// the chain, is what is refused.
			ch.Prev = preChain
			ch.Sum = hex.EncodeToString(chainSum(ch.Prev, ch))
			err := checkChange(ch)
			if err == nil {
				err = s.write(ctx, "import", "", func(w *writer) error {
					_, err := w.apply(ch)
					return err
				})
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want a refusal containing %q", err, c.want)
			}
			if dump(t, s) != before {
				t.Fatal("a refused change was written")
			}
		})
	}
}

func TestIngestRefusesHostileTextWithFileAndLine(t *testing.T) {
	head := "ref,kind,status,name,address,start_date,weekly_rent\n"
	cases := []struct{ name, file, want string }{
		{"an escape in a name", head + "AB2001,rent,current,\"Sam\x1b[2J\",1 Road,2020-01-06,100.00\n", "a.csv:2: name: holds an escape character"},
		{"a NUL in a name", head + "AB2001,rent,current,Sam\x00Example,1 Road,2020-01-06,100.00\n", "a.csv:2: name: holds a NUL character"},
		{"a NUL in an address", head + "AB2001,rent,current,Sam,1 Road\x00 Flat 2,2020-01-06,100.00\n", "a.csv:2: address: holds a NUL character"},
		{"a 201-character name", head + "AB2001,rent,current," + strings.Repeat("n", 201) + ",1 Road,2020-01-06,100.00\n", "a.csv:2: name: is 201 characters long"},
		{"invalid UTF-8 in an address", head + "AB2001,rent,current,Sam,1 Caf\xe9 Road,2020-01-06,100.00\n", "a.csv:2: address: is not valid UTF-8"},
		{"a card number in a name", head + "AB2001,rent,current,4111 1111 1111 1111,1 Road,2020-01-06,100.00\n", "a.csv:2: name: holds what looks like a card number"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newTestStore(t)
			before := dump(t, s)
			_, err := s.IngestAccounts(ctx, "a.csv", []byte(c.file), today)
			var ie *IngestError
			if err == nil || !asIngest(err, &ie) || !strings.Contains(strings.Join(ie.Problems, "\n"), c.want) {
				t.Fatalf("err = %v (%v), want a problem %q", err, ie, c.want)
			}
			if dump(t, s) != before {
				t.Fatal("a refused extract wrote something")
			}
		})
	}
}

func TestIngestTransactionsRefusesFutureAndPreTenancyDates(t *testing.T) {
	head := "ref,date,type,amount,method,reference\n"
	cases := []struct{ name, file, want string }{
		{"a payment after today", head + "AB1001,2026-11-20,charge,10.00,,\nAB1001,2026-11-24,payment,-10.00,cash,R1\n",
			"t.csv:3: date: 2026-11-24 is in the future (today is 2026-11-23)"},
		{"a charge before the tenancy began", head + "AB1001,2020-04-05,charge,10.00,,\n",
			"t.csv:2: date: 2020-04-05 is before AB1001's tenancy began (2020-04-06)"},
		{"a NUL in a reference", head + "AB1001,2026-11-20,payment,-10.00,cash,R1\x00hidden\n", "t.csv:2: reference: holds a NUL character"},
		{"an escape in a reference", head + "AB1001,2026-11-20,payment,-10.00,cash,\"R1\x1b]0;x\x07\"\n", "t.csv:2: reference: holds an escape character"},
		{"a card number with dots in a reference", head + "AB1001,2026-11-20,payment,-10.00,card,4111.1111.1111.1111\n", "t.csv:2: reference: holds what looks like a card number"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newTestStore(t)
			mustCreate(t, s, "AB1001")
			before := dump(t, s)
			_, err := s.IngestTransactions(ctx, "t.csv", []byte(c.file), today)
			var ie *IngestError
			if err == nil || !asIngest(err, &ie) || !strings.Contains(strings.Join(ie.Problems, "\n"), c.want) {
				t.Fatalf("err = %v (%v), want a problem %q", err, ie, c.want)
			}
			if dump(t, s) != before {
				t.Fatal("a refused extract wrote something")
			}
		})
	}
	// The first and last days are allowed.
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	if _, err := s.IngestTransactions(ctx, "t.csv", []byte(head+"AB1001,2020-04-06,charge,10.00,,\nAB1001,2026-11-23,payment,-10.00,cash,R\n"), today); err != nil {
		t.Fatal(err)
	}
}

func asIngest(err error, ie **IngestError) bool {
	e, ok := err.(*IngestError)
	*ie = e
	return ok
}

// plantHostileText writes terminal attacks straight into the tables, as
// old data or an edit behind the software's back would have them.
func plantHostileText(t testing.TB, s *Store, ref string) {
	t.Helper()
	mustPost(t, s, Posting{Ref: ref, Kind: PostPayment, Amount: amt("5"), Method: domain.MethodCash, Reference: "R1"})
	if _, err := s.AddNote(ctx, NewNote{Ref: ref, Channel: domain.ChannelPhone, Text: "called"}, today); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEvent(ctx, NewEvent{Ref: ref, Type: domain.EventLetter1, Detail: "sent"}, today, worklist.DefaultPolicy()); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"UPDATE resident SET name = 'Sam' || char(27) || '[2J' || char(27) || ']0;pwned' || char(7) || ' Example'",
		"UPDATE account SET officer = char(27) || '[31masmith' || char(27) || '[0m', pause_reason = char(27) || '[5mblink'",
		"UPDATE property SET address = '1 Road' || char(155) || '2J'",
		"UPDATE txn SET reference = 'R1' || char(27) || ']2;title' || char(27) || '\\', note = 'n' || char(27) || '[2J'",
		"UPDATE note SET text = 'called' || char(27) || '[2J' || char(8238) || 'evil', officer = char(27) || '[1mboss'",
		"UPDATE event SET detail = 'sent' || char(27) || '[H' || char(27) || '[2J'",
	} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
}

func TestStoredTerminalAttacksNeverReachWhatIsShown(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "AB1001")
	plantHostileText(t, s, "AB1001")
	var seen []string
	a, err := s.Account(ctx, "AB1001")
	if err != nil {
		t.Fatal(err)
	}
	seen = append(seen, a.Name, a.Officer, a.Address, a.PauseReason)
	lines, err := s.Ledger(ctx, "AB1001")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		seen = append(seen, l.Reference, l.Note)
	}
	notes, _ := s.Notes(ctx, "AB1001")
	for _, n := range notes {
		seen = append(seen, n.Text, n.Officer)
	}
	events, _ := s.Events(ctx, "AB1001")
	for _, e := range events {
		seen = append(seen, e.Detail)
	}
	caseload, err := s.Caseload(ctx, "", today, worklist.DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range caseload {
		seen = append(seen, l.Name)
	}
	all := strings.Join(seen, "|")
	if strings.ContainsAny(all, "\x1b\u009b\u202e\x07") {
		t.Fatalf("control characters reached the read models: %q", all)
	}
	if !strings.Contains(all, "Sam Example") || !strings.Contains(all, "asmith") || !strings.Contains(all, "calledevil") {
		t.Fatalf("the readable text was lost: %q", all)
	}
	// The stored text itself is untouched: check and sync see what is there.
	var name string
	s.db.QueryRowContext(ctx, "SELECT name FROM resident").Scan(&name)
	if !strings.Contains(name, "\x1b[2J") {
		t.Fatalf("the stored name was rewritten: %q", name)
	}
}
