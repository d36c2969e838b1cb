package store

// Each account's worklist row, kept as one value (account_summary.facts,
// migration 0014): what readFacts reads of the account, its resident, its
// property and its summary, so that a caseload reads five columns an
// account through the driver instead of twenty-eight (each column read
// costs several calls into SQLite; at 30,000 accounts they were a third of
// the worklist). Triggers keep it equal to the view worklist_facts in the
// transaction of every write that changes what it is made of; `check`
// compares the two. The balance, the last payment and the day the account
// last cleared change with postings and are read beside it.

import (
	"context"
	"database/sql"

	"caseload/domain"
	"caseload/domain/worklist"
)

// accountRows are the accounts a caseload read, in the order read, with
// what is read beside each one's facts.
type accountRows struct {
	facts  []worklist.Facts
	sums   []summaryRead
	places []accountAddress // nil when the caller did not ask
	nos    []int64
	refs   []string // as stored, for the order
	index  map[int64]int
}

func newAccountRows(n int, places bool) *accountRows {
	a := &accountRows{facts: make([]worklist.Facts, 0, n), sums: make([]summaryRead, 0, n),
		nos: make([]int64, 0, n), refs: make([]string, 0, n), index: make(map[int64]int, n)}
	if places {
		a.places = make([]accountAddress, 0, n)
	}
	return a
}

// add appends an account read: f with its ref, name and pause reason as
// stored (made printable here).
func (a *accountRows) add(no int64, f *worklist.Facts, sr summaryRead, place accountAddress) {
	a.nos, a.refs = append(a.nos, no), append(a.refs, f.Ref)
	shown(&f.Ref, &f.Name, &f.PauseReason)
	if a.places != nil {
		shown(&place.address, &place.postcode)
		a.places = append(a.places, place)
	}
	a.index[no] = len(a.facts)
	a.facts = append(a.facts, *f)
	a.sums = append(a.sums, sr)
}

// readKeptRows reads the accounts a WHERE clause over account a selects
// from their kept worklist rows into a, with each one's charge in force on
// today and its events (those within recent of unpaid Direct Debits). ok
// is false, with nothing read, when an account has no kept row (no
// summary yet): the caller reads the tables instead.
func readKeptRows(ctx context.Context, q queryer, where string, args []any, today domain.Date, recent string, a *accountRows) (ok bool, err error) {
	rows, err := q.QueryContext(ctx, `SELECT a.no, a.balance, a.last_payment, COALESCE(s.cleared_on, ''), s.facts
		FROM account a LEFT JOIN account_summary s ON s.account = a.no WHERE `+where, args...)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	d := factsDecoder{money: amounts{}, words: map[string]string{}}
	var raw sql.RawBytes
	for rows.Next() {
		var no, balance int64
		var last string
		var sr summaryRead
		if err := rows.Scan(&no, &balance, &last, &sr.clearedOn, &raw); err != nil {
			return false, err
		}
		if len(raw) == 0 {
			return false, nil
		}
		f := worklist.Facts{Balance: domain.Pence(balance), LastPayment: dateText(last)}
		var place accountAddress
		if err := d.decode(raw, today, recent, &f, &sr, &place); err != nil {
			return false, err
		}
		sr.account = no
		a.add(no, &f, sr, place)
	}
	return true, rows.Err()
}

// factsDecoder decodes kept worklist rows (the view worklist_facts gives
// the fields and their order).
type factsDecoder struct {
	r     sumReader
	money amounts
	words map[string]string // the short words and dates of one read, shared
	// Scratch for each account's charge entries (charges and pence), the
	// indexes of those in force and those with their money.
	charges []domain.ChargeComponent
	pence   []int64
	inForce []int
	current []domain.ChargeComponent
}

// field is the next field's bytes.
func (d *factsDecoder) field() []byte {
	b := d.r.b
	n, i := 0, 0
	for ; i < len(b) && b[i] != ':'; i++ {
		if b[i] < '0' || b[i] > '9' || i > 9 {
			d.r.err, d.r.b = errBadSummary, nil
			return nil
		}
		n = n*10 + int(b[i]-'0')
	}
	if i == 0 || i == len(b) || len(b)-i-1 < n {
		d.r.err, d.r.b = errBadSummary, nil
		return nil
	}
	d.r.b = b[i+1+n:]
	return b[i+1 : i+1+n]
}

// text is the next field as a string of its own.
func (d *factsDecoder) text() string { return string(d.field()) }

// word is the next field as a string shared with its equals in the read
// (kinds, methods, dates: a few hundred values over a borough).
func (d *factsDecoder) word() string {
	b := d.field()
	if s, ok := d.words[string(b)]; ok {
		return s
	}
	s := string(b)
	d.words[s] = s
	return s
}

// integer is the next field as a number.
func (d *factsDecoder) integer() int64 {
	b := d.field()
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	var v int64
	for _, c := range b {
		if c < '0' || c > '9' {
			d.r.err, d.r.b = errBadSummary, nil
			return 0
		}
		v = v*10 + int64(c-'0')
	}
	if len(b) == 0 && d.r.err == nil {
		d.r.err, d.r.b = errBadSummary, nil
	}
	if neg {
		return -v
	}
	return v
}

// decode reads one kept row into f, sr and place.
func (d *factsDecoder) decode(b []byte, today domain.Date, recent string, f *worklist.Facts, sr *summaryRead, place *accountAddress) error {
	d.r = sumReader{b: b}
	f.Ref, f.Name = d.text(), d.text()
	f.Kind, f.Status = domain.AccountKind(d.word()), domain.AccountStatus(d.word())
	f.RentFreeWeeks = int(d.integer())
	f.Vulnerable, f.UCClaimant = d.integer() != 0, d.integer() != 0
	f.ManagedPayment, f.PaymentMethod = domain.ManagedPayment(d.word()), domain.PaymentMethod(d.word())
	f.PausedUntil, f.PauseReason = dateText(d.word()), d.text()
	f.TenancyType = domain.TenancyType(d.word())
	place.address, place.postcode = d.text(), d.text()
	sr.payFrom = d.word()
	charges := d.field()
	sr.orderDate, sr.orderBalance = d.word(), d.integer()
	sr.lastContact = d.word()
	events := d.field()
	sr.note = actionNote{channel: d.word(), date: d.word(), officer: d.word()}
	if d.r.err != nil {
		return d.r.err
	}
	if len(d.r.b) != 0 {
		return errBadSummary
	}
	// The summary keeps every charge entry (the domain picks those in
	// force; only theirs are made money), the latest event of each type
	// and every unpaid DD.
	d.charges, d.pence = d.charges[:0], d.pence[:0]
	err := eachCharge(charges, func(component string, weekly int64, from domain.Date) {
		d.charges = append(d.charges, domain.ChargeComponent{Component: component, From: from})
		d.pence = append(d.pence, weekly)
	})
	if err != nil {
		return err
	}
	d.inForce = domain.InForce(d.inForce[:0], d.charges, today)
	d.current = d.current[:0]
	for _, i := range d.inForce {
		c := d.charges[i]
		c.Weekly = d.money.of(d.pence[i])
		d.current = append(d.current, c)
	}
	f.Weekly = domain.WeeklyCharge(d.current, today)
	return eachSummaryEvent(events, func(e sumEvent) {
		if e.latest || (e.typ == string(domain.EventDDUnpaid) && e.date >= recent) {
			addFactsEvent(f, e.typ, e.date, e.detail, e.outcome, e.weekly, e.possession, recent)
		}
	})
}

// checkWorklistRows reports every account whose kept worklist row is not
// the one its account, resident, property and summary give.
func checkWorklistRows(ctx context.Context, q queryer, add func(string, ...any)) error {
	return eachRow(ctx, q, `SELECT a.ref FROM account_summary s JOIN account a ON a.no = s.account
		LEFT JOIN worklist_facts v ON v.account = s.account WHERE s.facts IS NOT v.facts ORDER BY a.ref`, nil, func(rs *sql.Rows) error {
		var ref string
		if err := rs.Scan(&ref); err != nil {
			return err
		}
		add("%s: kept worklist row differs from its account, resident, property and summary", ref)
		return nil
	})
}
