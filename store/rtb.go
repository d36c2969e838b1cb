package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"caseload/domain"
	"caseload/domain/rtb"
	"caseload/domain/worklist"
)

// RTBCase is a Right to Buy claim as the panes and the CLI read it: the
// domain case (facts, events, fraud checks, so every date can be computed)
// with the account it belongs to.
type RTBCase struct {
	ID      string
	Ref     string
	Name    string
	Address string
	Officer string
	// TenancyStart is when the account's tenancy began: a first estimate of
	// the tenant's years with this council for the discount.
	TenancyStart domain.Date
	Case         rtb.Case
	// History are the events with who recorded them, oldest first.
	History []RTBEventRecord
	// Problems are events that could not be replayed into the case, in
	// words. Two replicas recording steps offline can merge into an order
	// the law does not allow; the case is kept (without those events) so
	// its other clocks stay visible, and the officer is told what to fix.
	Problems []string
}

// isOpen reports whether the claim is still live: not completed, withdrawn
// or denied.
func (c RTBCase) isOpen() bool { return c.Case.Stage().Open() }

// RTBEventRecord is one recorded event.
type RTBEventRecord struct {
	ID      string
	Event   rtb.Event
	Officer string
}

// NewRTBCase opens a claim on an account.
type NewRTBCase struct {
	Ref           string
	Received      domain.Date
	Property      rtb.Property
	Leasehold     bool
	OtherLandlord bool
}

// AddRTBCase records an RTB1 received on an account's tenancy. It refuses
// a date in the future or before the tenancy began, an account that is not
// a current rent account, and a second claim while one is open on the
// account (its steps belong on the open claim).
func (s *Store) AddRTBCase(ctx context.Context, n NewRTBCase, today domain.Date) (string, error) {
	n.Ref = s.Ref(ctx, n.Ref)
	if err := domain.Happened.Check("received", n.Received, today); err != nil {
		return "", err
	}
	if _, err := rtb.NewCase(rtb.Facts{Ref: n.Ref, Received: n.Received, Property: n.Property, Leasehold: n.Leasehold, OtherLandlord: n.OtherLandlord}); err != nil {
		return "", err
	}
	var id string
	err := s.write(ctx, "rtb add", n.Ref, func(w *writer) error {
		a, err := w.s.accountIn(w.ctx, w.tx, n.Ref)
		if err != nil {
			return err
		}
		if a.Kind != domain.KindRent || a.Status != domain.StatusCurrent {
			return invalid("ref", "%s is a %s account (%s): the Right to Buy is claimed on a current rent account", n.Ref, strings.ToLower(a.Kind.Label()), a.Status)
		}
		if n.Received.Before(a.Start) {
			return invalid("received", "%s is before the tenancy of %s began (%s): check the date the RTB1 was received",
				n.Received.Human(), n.Ref, a.Start.Human())
		}
		existing, err := rtbCases(w.ctx, w.tx, "a.ref = ?", []any{n.Ref})
		if err != nil {
			return err
		}
		for _, c := range existing {
			if c.isOpen() {
				return invalid("ref", "%s already has an open Right to Buy claim (case %s, RTB1 received %s, %s): record its steps there",
					n.Ref, c.ID, c.Case.Facts().Received.Human(), strings.ToLower(string(c.Case.Stage())))
			}
		}
		id, err = w.add(entityRTB, n.Ref, rtbBody{Received: n.Received.String(), PropertyType: string(n.Property), Leasehold: n.Leasehold, OtherLandlord: n.OtherLandlord})
		return err
	})
	return id, err
}

// AddRTBEvent records the next step of a claim; an event the law does not
// allow at that point (out of order, before the last, after completion) is
// refused with the reason and nothing is written.
func (s *Store) AddRTBEvent(ctx context.Context, caseID string, e rtb.Event, today domain.Date) error {
	if err := domain.Happened.Check("date", e.Date, today); err != nil {
		return err
	}
	detail, _, err := domain.TextDetail.Clean(e.Detail)
	if err != nil {
		return err
	}
	return s.writeCase(ctx, caseID, "rtb event "+string(e.Type), func(w *writer, c RTBCase) error {
		if err := c.Case.Record(e); err != nil {
			return err
		}
		_, err := w.add(entityRTBEvent, c.Ref, rtbEventBody{Case: caseID, Date: e.Date.String(), Type: string(e.Type), Ends: e.Ends.String(), Detail: detail})
		return err
	})
}

// SetFraudCheck records one item of a claim's fraud assessment. The clocks
// keep running whatever it says.
func (s *Store) SetFraudCheck(ctx context.Context, caseID string, r rtb.CheckResult, today domain.Date) error {
	if r.On.IsZero() {
		r.On = today
	}
	if err := domain.Happened.Check("date", r.On, today); err != nil {
		return err
	}
	note, _, err := domain.TextNote.Clean(r.Note)
	if err != nil {
		return err
	}
	r.Note = note
	return s.writeCase(ctx, caseID, "rtb fraud check", func(w *writer, c RTBCase) error {
		if _, err := c.Case.Fraud().Set(r); err != nil {
			return err
		}
		return w.set(entityRTB, caseID, c.Ref, "fraud:"+string(r.Check), checkValue{Status: string(r.Status), On: r.On.String(), Note: r.Note})
	})
}

func (s *Store) writeCase(ctx context.Context, caseID, action string, fn func(w *writer, c RTBCase) error) error {
	var ref string
	if err := s.db.QueryRowContext(ctx, "SELECT a.ref FROM rtb_case c JOIN account a ON a.no = c.account WHERE c.id = ?", caseID).Scan(&ref); err != nil {
		return invalid("case", "no Right to Buy case %s: see `caseload rtb list`", caseID)
	}
	return s.write(ctx, action, ref, func(w *writer) error {
		cases, err := rtbCases(w.ctx, w.tx, "c.id = ?", []any{caseID})
		if err != nil {
			return err
		}
		if len(cases) != 1 {
			return invalid("case", "no Right to Buy case %s", caseID)
		}
		return fn(w, cases[0])
	})
}

// RTBCases reads the claims in a patch (officer "" = every claim).
func (s *Store) RTBCases(ctx context.Context, officer string) ([]RTBCase, error) {
	where, args := patchFilter(officer)
	var out []RTBCase
	err := s.readTx(ctx, func(q queryer) error {
		var err error
		out, err = rtbCases(ctx, q, where, args)
		return err
	})
	return out, err
}

// FindRTBCase finds a claim by its case id or, so the command line can
// name a claim the way an officer thinks of it, by the account ref: the
// account's open claim, or its most recent one when none is open.
func (s *Store) FindRTBCase(ctx context.Context, key string) (RTBCase, error) {
	key = s.Ref(ctx, key)
	var out []RTBCase
	err := s.readTx(ctx, func(q queryer) error {
		var err error
		out, err = rtbCases(ctx, q, "c.id = ? OR a.ref = ?", []any{key, key})
		return err
	})
	if err != nil {
		return RTBCase{}, err
	}
	var pick *RTBCase
	for i := range out {
		c := &out[i]
		switch {
		case c.ID == key:
			return *c, nil
		case pick == nil, c.isOpen() && !pick.isOpen(),
			c.isOpen() == pick.isOpen() && c.Case.Facts().Received.After(pick.Case.Facts().Received):
			pick = c
		}
	}
	if pick == nil {
		return RTBCase{}, invalid("case", "no Right to Buy case %s: give a case id from `caseload rtb list` or the ref of an account with a claim", key)
	}
	return *pick, nil
}

// RTBCase reads one claim.
func (s *Store) RTBCase(ctx context.Context, caseID string) (RTBCase, error) {
	var out []RTBCase
	err := s.readTx(ctx, func(q queryer) error {
		var err error
		out, err = rtbCases(ctx, q, "c.id = ?", []any{caseID})
		return err
	})
	if err == nil && len(out) != 1 {
		err = invalid("case", "no Right to Buy case %s: see `caseload rtb list`", caseID)
	}
	if err != nil {
		return RTBCase{}, err
	}
	return out[0], nil
}

// rtbCases loads claims, their events and checks in three queries.
func rtbCases(ctx context.Context, q queryer, where string, args []any) ([]RTBCase, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.no, c.id, a.ref, r.name, p.address, a.officer, a.start_date, c.received, c.property_type, c.leasehold, c.other_landlord
		FROM rtb_case c JOIN account a ON a.no = c.account JOIN resident r ON r.no = a.resident JOIN property p ON p.no = a.property
		WHERE `+where+` ORDER BY c.received, c.no`, args...)
	if err != nil {
		return nil, err
	}
	type pending struct {
		RTBCase
		facts  rtb.Facts
		events []rtb.Event
		fraud  rtb.FraudAssessment
	}
	var cases []*pending
	index := map[int64]*pending{}
	for rows.Next() {
		var p pending
		var no int64
		var start, received, property string
		if err := rows.Scan(&no, &p.ID, &p.Ref, &p.Name, &p.Address, &p.Officer, &start, &received, &property, &p.facts.Leasehold, &p.facts.OtherLandlord); err != nil {
			rows.Close()
			return nil, err
		}
		shown(&p.Ref, &p.Name, &p.Address, &p.Officer)
		p.TenancyStart = dateText(start)
		p.facts.Ref, p.facts.Received, p.facts.Property = p.Ref, dateText(received), rtb.Property(property)
		cases = append(cases, &p)
		index[no] = &p
	}
	rows.Close()
	if len(cases) == 0 {
		return nil, rows.Err()
	}
	rows, err = q.QueryContext(ctx, `SELECT e.rtb, e.id, e.date, e.type, e.ends, e.detail, e.officer FROM rtb_event e
		JOIN rtb_case c ON c.no = e.rtb JOIN account a ON a.no = c.account WHERE `+where+` ORDER BY e.rtb, e.date, e.hlc`, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var no int64
		var rec RTBEventRecord
		var date, typ, ends string
		if err := rows.Scan(&no, &rec.ID, &date, &typ, &ends, &rec.Event.Detail, &rec.Officer); err != nil {
			rows.Close()
			return nil, err
		}
		shown(&rec.Event.Detail, &rec.Officer)
		rec.Event.Type, rec.Event.Date, rec.Event.Ends = rtb.EventType(typ), dateText(date), dateText(ends)
		if p, ok := index[no]; ok {
			p.events = append(p.events, rec.Event)
			p.History = append(p.History, rec)
		}
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT k.rtb, k.item, k.status, k.on_date, k.note FROM rtb_check k
		JOIN rtb_case c ON c.no = k.rtb JOIN account a ON a.no = c.account WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var no int64
		var item, status, on, note string
		if err := rows.Scan(&no, &item, &status, &on, &note); err != nil {
			rows.Close()
			return nil, err
		}
		shown(&note)
		if p, ok := index[no]; ok && status != "" {
			// Checks that sync in from elsewhere were valid there; a bad
			// one is kept out rather than hiding the whole case.
			if f, err := p.fraud.Set(rtb.CheckResult{Check: rtb.FraudCheck(item), Status: rtb.CheckStatus(status), On: dateText(on), Note: note}); err == nil {
				p.fraud = f
			}
		}
	}
	rows.Close()
	out := make([]RTBCase, 0, len(cases))
	for _, p := range cases {
		c, err := rtb.NewCase(p.facts)
		if err != nil {
			// The facts were checked when the case was added here or
			// imported; a case that still fails says which one to fix.
			return nil, fmt.Errorf("Right to Buy case %s (%s): %w", p.ID, p.Ref, err)
		}
		for _, e := range p.events {
			// Two officers recording steps offline can merge into an order
			// the law does not allow. Keep the case and say which step
			// would not fit, rather than hiding every claim in the patch.
			if err := c.Record(e); err != nil {
				p.Problems = append(p.Problems, fmt.Sprintf("%s dated %s was left out: %v", e.Type.Label(), e.Date.Human(), err))
			}
		}
		p.Case = c.WithFraud(p.fraud)
		out = append(out, p.RTBCase)
	}
	return out, nil
}

// RTBLine is a claim as the lists show it on a day (rtb.Line: its stage,
// its next deadline and how urgent it is) with its account. `caseload rtb
// list` and the TUI's Right to Buy pane both build their rows from it.
type RTBLine struct {
	RTBCase
	rtb.Line
}

// RTBLines are the claims' lines on today, most urgent first
// (rtb.CompareLines, then by account and case). dueSoonDays is the
// worklist policy's "due within" (RULES.md rtb-deadline: 7).
func RTBLines(cases []RTBCase, h domain.Holidays, today domain.Date, dueSoonDays int) []RTBLine {
	out := make([]RTBLine, len(cases))
	for i, c := range cases {
		out[i] = RTBLine{RTBCase: c, Line: rtb.LineOf(c.Case, h, today, dueSoonDays)}
	}
	slices.SortStableFunc(out, func(a, b RTBLine) int {
		if c := rtb.CompareLines(a.Line, b.Line); c != 0 {
			return c
		}
		return strings.Compare(a.Ref+" "+a.ID, b.Ref+" "+b.ID)
	})
	return out
}

// rtbWorklistFacts adds each open claim's next council deadline to the
// worklist facts.
func rtbWorklistFacts(ctx context.Context, q queryer, h domain.Holidays, where string, args []any, today domain.Date, facts []worklist.Facts) error {
	cases, err := rtbCases(ctx, q, where, args)
	if err != nil {
		return err
	}
	if len(cases) == 0 {
		return nil
	}
	// Only the accounts with a claim: a borough has a few among thousands.
	byRef := make(map[string]int, len(cases))
	for _, c := range cases {
		byRef[c.Ref] = -1
	}
	for i := range facts {
		if _, ok := byRef[facts[i].Ref]; ok {
			byRef[facts[i].Ref] = i
		}
	}
	for _, c := range cases {
		// The worklist applies its own "within N days"; give it the next
		// council deadline whatever its distance.
		due, ok := rtb.CouncilDue(c.Case, h, today, 1<<20)
		if !ok {
			continue
		}
		if i := byRef[c.Ref]; i >= 0 {
			facts[i].RTBDeadlines = append(facts[i].RTBDeadlines, worklist.RTBDeadline{CaseID: c.ID, Name: due.Deadline.Name, Due: due.Deadline.Due})
		}
	}
	return nil
}
