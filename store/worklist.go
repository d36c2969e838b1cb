package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/court"
	"caseload/domain/worklist"
)

// WorklistFacts reads the worklist facts of every account in a patch
// (officer "" = the whole borough) in a fixed number of set-based queries,
// never one per account, settled under the caller's policy p
// (worklist.Settle).
func (s *Store) WorklistFacts(ctx context.Context, officer string, today domain.Date, p worklist.Policy) ([]worklist.Facts, error) {
	var out []worklist.Facts
	err := s.scanTx(ctx, func(q queryer) error {
		var err error
		out, err = worklistFacts(ctx, q, s.Holidays(), officer, today, p)
		return err
	})
	return out, err
}

// HasPatch reports whether any account is in the officer's patch.
func (s *Store) HasPatch(ctx context.Context, officer string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM account WHERE officer = ? LIMIT 1)", officer).Scan(&n)
	return n > 0, err
}

// patchFilter is the WHERE clause that limits a query to a patch.
func patchFilter(officer string) (string, []any) {
	if officer == "" {
		return "1 = 1", nil
	}
	return "a.officer = ?", []any{officer}
}

func worklistFacts(ctx context.Context, q queryer, h domain.Holidays, officer string, today domain.Date, p worklist.Policy) ([]worklist.Facts, error) {
	where, args := patchFilter(officer)
	return readFacts(ctx, q, h, where, args, today, p, true, true, nil)
}

// cadenceAccounts are the accounts whose payment history the worklist can
// use under p (worklist.NeedsPaymentHistory).
func cadenceAccounts(facts []worklist.Facts, index map[int64]int, p worklist.Policy, today domain.Date) []int64 {
	var out []int64
	for no, i := range index {
		if worklist.NeedsPaymentHistory(&facts[i], p, today) {
			out = append(out, no)
		}
	}
	slices.Sort(out)
	return out
}

// worklistFactsWhere reads the facts of the accounts a WHERE clause over
// account a selects, settled under p (worklist.Settle), from the ledger
// itself: what one account's views and the writes that read facts use.
// inArrearsOnly limits the payment history (for cadence) to accounts that
// owe: the whole caseload needs it only for them, one account's view always.
func worklistFactsWhere(ctx context.Context, q queryer, h domain.Holidays, where string, args []any, today domain.Date, p worklist.Policy, inArrearsOnly bool) ([]worklist.Facts, error) {
	return readFacts(ctx, q, h, where, args, today, p, inArrearsOnly, false, nil)
}

// summaryRead is an account's summary as readFacts reads it (from its kept
// worklist row, worklistrow.go); its charges and events go straight into
// the account's facts as its row is read.
type summaryRead struct {
	account      int64
	payFrom      string
	clearedOn    string
	orderDate    string
	orderBalance int64
	lastContact  string
	note         actionNote
}

// readAccountRows reads the accounts a WHERE clause over account a selects
// from the tables into a, for reading their facts from the ledger.
func readAccountRows(ctx context.Context, q queryer, where string, args []any, a *accountRows) error {
	cols, from := ", '', ''", ""
	if a.places != nil {
		cols, from = ", p.address, p.postcode", " JOIN property p ON p.no = a.property"
	}
	rows, err := q.QueryContext(ctx, `SELECT a.no, a.ref, r.name, a.kind, a.status, a.balance, a.rent_free_weeks, r.vulnerable,
		a.uc_claimant, a.managed_payment, a.payment_method, a.last_payment, a.paused_until, a.pause_reason, a.tenancy_type`+cols+`
		FROM account a JOIN resident r ON r.no = a.resident`+from+` WHERE `+where, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var f worklist.Facts
		var no, balance int64
		var kind, status, mp, pm, last, paused, tenancy string
		var place accountAddress
		if err := rows.Scan(&no, &f.Ref, &f.Name, &kind, &status, &balance, &f.RentFreeWeeks, &f.Vulnerable,
			&f.UCClaimant, &mp, &pm, &last, &paused, &f.PauseReason, &tenancy, &place.address, &place.postcode); err != nil {
			return err
		}
		f.Kind, f.Status, f.Balance = domain.AccountKind(kind), domain.AccountStatus(status), domain.Pence(balance)
		f.ManagedPayment, f.PaymentMethod = domain.ManagedPayment(mp), domain.PaymentMethod(pm)
		f.LastPayment, f.PausedUntil = dateText(last), dateText(paused)
		f.TenancyType = domain.TenancyType(tenancy)
		a.add(no, &f, summaryRead{}, place)
	}
	return rows.Err()
}

// readFacts is worklistFactsWhere reading the ledger-derived facts
// (charges, payments, the day the account last cleared, the balance at the
// last order) from each account's summary (summary.go) when fromSummary,
// from the ledger otherwise. Both give the same facts; a test proves it.
// With addrs, it also gives each account's address and postcode, in the
// facts' order.
func readFacts(ctx context.Context, q queryer, h domain.Holidays, where string, args []any, today domain.Date, p worklist.Policy, inArrearsOnly, fromSummary bool, addrs *[]accountAddress) ([]worklist.Facts, error) {
	// Sized up front: Facts is large, and growing the slice row by row
	// copied it over and over (a tenth of a borough's read).
	var n int
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM account a WHERE "+where, args...).Scan(&n); err != nil {
		return nil, err
	}
	recent := today.AddDays(-60).String()
	acc := newAccountRows(n, addrs != nil)
	if fromSummary {
		ok, err := readKeptRows(ctx, q, where, args, today, recent, acc)
		if err != nil {
			return nil, err
		}
		if !ok { // an account without a summary: read the ledger for all
			fromSummary, acc = false, newAccountRows(n, addrs != nil)
		}
	}
	if !fromSummary {
		if err := readAccountRows(ctx, q, where, args, acc); err != nil {
			return nil, err
		}
	}
	// Read in the table's order and put in ref order here: ORDER BY a.ref
	// walks the ref index and looks every account up from it.
	facts, sums, index := acc.facts, acc.sums, acc.index
	byRef(facts, sums, acc.places, acc.nos, acc.refs, index)
	if addrs != nil {
		*addrs = acc.places
	}
	var err error
	each := func(query string, qargs []any, scan func(rows *sql.Rows) error) error {
		return eachRow(ctx, q, query, qargs, scan)
	}
	withPatch := func(extra ...any) []any { return append(append([]any{}, args...), extra...) }
	// For the whole borough the join to account filters nothing (every row
	// has its account) and costs a lookup per row: leave it out.
	patchJoin := func(alias string) string {
		if where == "1 = 1" {
			return ""
		}
		return " JOIN account a ON a.no = " + alias + ".account"
	}

	// Weekly charge on today: the entry in force of each component (the
	// latest from on or before today; SQLite takes the bare columns from
	// the row holding the max), read through charge_current.
	if !fromSummary {
		charges := map[int64][]domain.ChargeComponent{}
		err = each(`SELECT c.account, c.component, c.weekly, max(c.from_date) FROM charge c`+patchJoin("c")+`
		WHERE `+where+` AND c.from_date <= ? GROUP BY c.account, c.component`, withPatch(today.String()), func(rows *sql.Rows) error {
			var no, weekly int64
			var c domain.ChargeComponent
			var from string
			if err := rows.Scan(&no, &c.Component, &weekly, &from); err != nil {
				return err
			}
			c.Weekly, c.From = domain.Pence(weekly), dateText(from)
			charges[no] = append(charges[no], c)
			return nil
		})
		if err != nil {
			return nil, err
		}
		for no, cs := range charges {
			if i, ok := index[no]; ok {
				facts[i].Weekly = domain.WeeklyCharge(cs, today)
			}
		}
	}

	// Recent payments, for each account's cadence. For a caseload only the
	// accounts where it can matter: current, and owing at least the
	// smallest arrears at which a ladder rule fires (p.CadenceFloor).
	since := today.AddDays(-400).String()
	payArgs := append([]any{since}, args...)
	only := ""
	var need []int64
	if inArrearsOnly || fromSummary {
		need = cadenceAccounts(facts, index, p, today)
		if !inArrearsOnly {
			need = need[:0]
			for no := range index {
				need = append(need, no)
			}
			slices.Sort(need)
		}
	}
	if fromSummary {
		// A summary holds every payment since its pay_from: enough when
		// that is on or before the first day read; the ledger for the rest.
		var err error
		if need, err = summaryPayments(ctx, q, facts, sums, index, need, since); err != nil {
			return nil, err
		}
	}
	if inArrearsOnly || fromSummary {
		b, _ := json.Marshal(need)
		only = " AND a.no IN (SELECT value FROM json_each(?))"
		payArgs = append(payArgs, string(b))
	}
	// Reversed transactions, so reversed payments do not count.
	reversed := map[string]bool{}
	skip := only != "" && len(need) == 0 // no account left to read
	if !skip {
		err = each("SELECT reverses FROM txn WHERE reverses <> ''", nil, func(rows *sql.Rows) error {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			reversed[id] = true
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	// CROSS JOIN fixes the loop order: for each account, seek into its
	// credits, read from the covering index txn_credits in (account, date)
	// order (otherwise SQLite scans every credit in the database).
	err = each(`SELECT t.account, substr(r.id, 1, 8), t.seq, t.date, t.type, t.amount, t.method FROM account a
		CROSS JOIN txn t ON t.account = a.no AND t.amount < 0 AND t.date >= ?
		JOIN replica r ON r.no = t.origin
		WHERE `+where+only+` AND NOT ?`, append(payArgs, skip), func(rows *sql.Rows) error {
		var no, seq, amount int64
		var short, date, typ, method string
		if err := rows.Scan(&no, &short, &seq, &date, &typ, &amount, &method); err != nil {
			return err
		}
		id := short + "-" + strconv.FormatInt(seq, 10)
		if !domain.TxnType(typ).IsPayment() || reversed[id] {
			return nil
		}
		if i, ok := index[no]; ok {
			facts[i].Payments = append(facts[i].Payments, domain.Txn{ID: id, Date: dateText(date), Type: domain.TxnType(typ),
				Amount: domain.Pence(amount), Method: domain.PaymentMethod(method)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	// The rows come in index order (account, date); an ORDER BY would sort
	// hundreds of thousands of rows for nothing. Make the order certain.
	for i := range facts {
		slices.SortStableFunc(facts[i].Payments, func(a, b domain.Txn) int { return a.Date.Compare(b.Date) })
	}

	// Live arrangements: the latest made, not cancelled.
	type live struct {
		terms arrangement.Terms
		hlc   int64
	}
	arrs := map[int64]live{}
	err = each(`SELECT g.account, g.start_date, g.frequency, g.instalment, g.arrears, g.hlc FROM arrangement g`+patchJoin("g")+`
		WHERE `+where+` AND g.cancelled_on = ''`, args, func(rows *sql.Rows) error {
		var no, instalment, arrears, hlc int64
		var start, freq string
		if err := rows.Scan(&no, &start, &freq, &instalment, &arrears, &hlc); err != nil {
			return err
		}
		if cur, ok := arrs[no]; !ok || hlc > cur.hlc {
			arrs[no] = live{arrangement.Terms{Start: dateText(start), Frequency: arrangement.Frequency(freq),
				Instalment: domain.Pence(instalment), Arrears: domain.Pence(arrears)}, hlc}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Their ledgers since the start, for monitoring: kept beside each
	// account (planrows.go), or read from the ledger in one join.
	arrTxns := map[int64][]domain.Txn{}
	fromPlans := fromSummary
	if fromPlans && len(arrs) > 0 {
		short, err := replicaShorts(ctx, q)
		if err != nil {
			return nil, err
		}
		kept, txns := 0, newTxnReader(short)
		err = each(`SELECT p.account, p.hlc, p.rows FROM account_plan p`+patchJoin("p")+` WHERE `+where, args, func(rows *sql.Rows) error {
			var no, hlc int64
			var raw sql.RawBytes
			if err := rows.Scan(&no, &hlc, &raw); err != nil {
				return err
			}
			if l, ok := arrs[no]; !ok || l.hlc != hlc {
				return nil // not the live arrangement read above
			}
			plan, err := txns.decodePlanRows(raw)
			if err != nil {
				return err
			}
			arrTxns[no] = plan
			kept++
			return nil
		})
		if err != nil {
			return nil, err
		}
		if kept != len(arrs) {
			fromPlans = false // a live arrangement without its rows kept: read the ledger for all
			clear(arrTxns)
		}
	}
	// Only the live arrangement's rows: the newest made (highest clock) not
	// cancelled, as above; a replaced one with the same start would
	// otherwise count every row twice. Void rows never count.
	err = each(`SELECT t.account, g.start_date, substr(r.id, 1, 8), t.seq, t.date, t.type, t.amount, t.method, t.reverses
		FROM arrangement g`+patchJoin("g")+`
		JOIN (SELECT account, max(hlc) AS hlc FROM arrangement WHERE cancelled_on = '' GROUP BY account) live
			ON live.account = g.account AND live.hlc = g.hlc
		JOIN txn t ON t.account = g.account AND t.date >= g.start_date AND t.void = 0
		JOIN replica r ON r.no = t.origin
		WHERE `+where+` AND g.cancelled_on = '' AND NOT ? ORDER BY t.account, t.date, t.no`, withPatch(fromPlans || len(arrs) == 0), func(rows *sql.Rows) error {
		var no, seq, amount int64
		var start, short, date, typ, method, reverses string
		if err := rows.Scan(&no, &start, &short, &seq, &date, &typ, &amount, &method, &reverses); err != nil {
			return err
		}
		if l, ok := arrs[no]; !ok || l.terms.Start.String() != start {
			return nil // an older arrangement's rows
		}
		arrTxns[no] = append(arrTxns[no], domain.Txn{ID: short + "-" + strconv.FormatInt(seq, 10), Date: dateText(date),
			Type: domain.TxnType(typ), Amount: domain.Pence(amount), Method: domain.PaymentMethod(method), Reverses: reverses})
		return nil
	})
	if err != nil {
		return nil, err
	}
	for no, l := range arrs {
		i, ok := index[no]
		if !ok {
			continue
		}
		terms := l.terms
		facts[i].Arrangement, facts[i].ArrangementTxns = &terms, arrTxns[no]
	}

	// Case events: the latest of each type, and every recent unpaid DD
	// (read with each summary above).
	if !fromSummary {
		err = each(`SELECT e.account, e.type, e.date, e.detail, e.outcome, e.terms_weekly, e.possession_date FROM event e`+patchJoin("e")+`
		WHERE `+where+` AND (e.no IN (SELECT no FROM (SELECT no, row_number() OVER (PARTITION BY account, type ORDER BY date DESC, no DESC) AS rn FROM event) WHERE rn = 1)
			OR (e.type = 'dd-unpaid' AND e.date >= ?))
		ORDER BY e.account, e.date, e.no`, withPatch(recent), func(rows *sql.Rows) error {
			var no, weekly int64
			var typ, date, detail, outcome, pd string
			if err := rows.Scan(&no, &typ, &date, &detail, &outcome, &weekly, &pd); err != nil {
				return err
			}
			if i, ok := index[no]; ok {
				addFactsEvent(&facts[i], typ, date, detail, outcome, weekly, pd, recent)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}

	// The balance at the latest suspended or postponed order, for breach.
	if fromSummary {
		for i := range facts {
			if sums[i].orderDate != "" {
				m := domain.Pence(sums[i].orderBalance)
				facts[i].OrderBalance = &m
			}
		}
	} else {
		err = each(`SELECT e.account, (SELECT COALESCE(sum(t.amount), 0) FROM txn t WHERE t.account = e.account AND t.date <= e.date AND t.void = 0)
			FROM event e`+patchJoin("e")+`
			WHERE `+where+` AND e.no IN (SELECT no FROM (SELECT no, row_number() OVER (PARTITION BY account ORDER BY date DESC, no DESC) AS rn
				FROM event WHERE type IN ('order-suspended', 'order-postponed')) WHERE rn = 1)`,
			args, func(rows *sql.Rows) error {
				var no, bal int64
				if err := rows.Scan(&no, &bal); err != nil {
					return err
				}
				if i, ok := index[no]; ok {
					m := domain.Pence(bal)
					facts[i].OrderBalance = &m
				}
				return nil
			})
		if err != nil {
			return nil, err
		}
	}

	// Last contact, open follow-ups, done today.
	for i := range facts {
		facts[i].LastContact = dateText(sums[i].lastContact) // from the summary; '' when reading the ledger
	}
	err = each(`SELECT n.account, max(n.date) FROM note n`+patchJoin("n")+` WHERE `+where+` AND n.channel <> '' AND NOT ? GROUP BY n.account`,
		withPatch(fromSummary), func(rows *sql.Rows) error {
			var no int64
			var date string
			if err := rows.Scan(&no, &date); err != nil {
				return err
			}
			if i, ok := index[no]; ok {
				facts[i].LastContact = dateText(date)
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = each(`SELECT n.account, n.id, n.follow_up, n.text FROM note n`+patchJoin("n")+`
		WHERE `+where+` AND n.follow_up <> '' AND n.done_on = '' ORDER BY n.follow_up`, args, func(rows *sql.Rows) error {
		var no int64
		var fu worklist.FollowUp
		var due string
		if err := rows.Scan(&no, &fu.ID, &due, &fu.Text); err != nil {
			return err
		}
		shown(&fu.Text)
		fu.Due = dateText(due)
		if i, ok := index[no]; ok {
			facts[i].FollowUps = append(facts[i].FollowUps, fu)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = each(`SELECT d.account, d.rule FROM done_today d`+patchJoin("d")+` WHERE `+where+` AND d.date = ?`,
		withPatch(today.String()), func(rows *sql.Rows) error {
			var no int64
			var rule string
			if err := rows.Scan(&no, &rule); err != nil {
				return err
			}
			if i, ok := index[no]; ok {
				facts[i].DoneToday = append(facts[i].DoneToday, worklist.Rule(rule))
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	var notes []actionNote
	if fromSummary {
		notes = make([]actionNote, len(sums))
		for i := range sums {
			notes[i] = sums[i].note
		}
	}
	if err := preActionFacts(ctx, q, where, args, index, facts, notes); err != nil {
		return nil, err
	}
	if err := clearedOn(each, facts, index, sums, fromSummary); err != nil {
		return nil, err
	}
	if err := rtbWorklistFacts(ctx, q, h, where, args, today, facts); err != nil {
		return nil, err
	}
	worklist.Settle(facts, today, p)
	return facts, nil
}

// addFactsEvent adds an event read for an account to its facts: unpaid Direct
// Debits dated on or after recent also to its UnpaidDDs.
func addFactsEvent(f *worklist.Facts, typ, date, detail, outcome string, weekly int64, pd, recent string) {
	ev := worklist.Event{Type: domain.EventType(typ), Date: dateText(date), Detail: detail, Outcome: court.Outcome(outcome)}
	shown(&ev.Detail)
	if weekly != 0 || pd != "" {
		ev.Terms = &court.Terms{Weekly: domain.Pence(weekly), PossessionDate: dateText(pd)}
	}
	if ev.Type == domain.EventDDUnpaid && date >= recent {
		f.UnpaidDDs = append(f.UnpaidDDs, ev)
	}
	f.Events = append(f.Events, ev)
}

// accountAddress is an account's property as a caseload line shows it.
type accountAddress struct{ address, postcode string }

// CaseLine is one account of a caseload: its worklist line and what the
// caseload pane filters and shows beside it.
type CaseLine struct {
	worklist.Line
	Address  string
	Postcode string
	Weekly   domain.Money
	// OnList is true when the worklist has a line for the account (to do,
	// paused, done today or technical arrears held back).
	OnList bool
}

// InSection reports whether the line belongs in a caseload section: the
// whole caseload holds every account, every other section the accounts on
// the list that belong in it (worklist.Line.In).
func (l CaseLine) InSection(s worklist.Section) bool {
	if s == worklist.SectionWhole {
		return true
	}
	return l.OnList && l.In(s)
}

// Caseload is the worklist of a patch (officer "" = the whole borough),
// with every other account of the patch after it: the triage order first
// (worklist.Build), then the rest by ref.
func (s *Store) Caseload(ctx context.Context, officer string, today domain.Date, p worklist.Policy) ([]CaseLine, error) {
	where, args := patchFilter(officer)
	return s.caseLines(ctx, where, args, today, p, s.scanTx)
}

// CaseLines are the caseload lines of the accounts named that are in the
// patch (officer "" = the whole borough), exactly as Caseload gives them
// and in its order: what a screen showing a caseload reads again after a
// write touched those accounts (MergeCaseLines puts them in place).
func (s *Store) CaseLines(ctx context.Context, officer string, refs []string, today domain.Date, p worklist.Policy) ([]CaseLine, error) {
	where, args := patchFilter(officer)
	list, err := json.Marshal(refs)
	if err != nil {
		return nil, err
	}
	return s.caseLines(ctx, where+" AND a.ref IN (SELECT value FROM json_each(?))", append(args, string(list)), today, p, s.readTx)
}

// MergeCaseLines is a caseload with the lines of the accounts refs names
// replaced by fresh (an account missing from fresh has left the patch),
// in Caseload's order.
func MergeCaseLines(lines []CaseLine, refs []string, fresh []CaseLine) []CaseLine {
	gone := make(map[string]bool, len(refs))
	for _, r := range refs {
		gone[r] = true
	}
	out := make([]CaseLine, 0, len(lines)+len(fresh))
	for _, l := range lines {
		if !gone[l.Ref] {
			out = append(out, l)
		}
	}
	out = append(out, fresh...)
	slices.SortStableFunc(out, compareCaseLines)
	return out
}

// compareCaseLines is Caseload's order: the worklist's lines in triage
// order, then every other account by ref.
func compareCaseLines(a, b CaseLine) int {
	switch {
	case a.OnList && b.OnList:
		return worklist.CompareLines(a.Line, b.Line)
	case a.OnList != b.OnList:
		if a.OnList {
			return -1
		}
		return 1
	}
	return strings.Compare(a.Ref, b.Ref)
}

// caseLines are the caseload lines of the accounts a WHERE clause over
// account a selects, read in a transaction that tx begins (scanTx for a
// whole patch).
func (s *Store) caseLines(ctx context.Context, where string, args []any, today domain.Date, p worklist.Policy,
	tx func(context.Context, func(queryer) error) error) ([]CaseLine, error) {
	p.Holidays = s.Holidays() // working-day dues use the bank holidays this database knows
	var facts []worklist.Facts
	var addrs []accountAddress
	err := tx(ctx, func(q queryer) error {
		var err error
		facts, err = readFacts(ctx, q, s.Holidays(), where, args, today, p, true, true, &addrs)
		return err
	})
	if err != nil {
		return nil, err
	}
	lines := worklist.Build(facts, today, p)
	at := make(map[string]int, len(facts)) // ref → position in facts
	for i := range facts {
		at[facts[i].Ref] = i
	}
	out := make([]CaseLine, 0, len(facts))
	listed := make([]bool, len(facts))
	for _, l := range lines {
		i := at[l.Ref]
		listed[i] = true
		out = append(out, CaseLine{Line: l, Address: addrs[i].address, Postcode: addrs[i].postcode, Weekly: facts[i].Weekly, OnList: true})
	}
	for i := range facts { // already in ref order
		if listed[i] {
			continue
		}
		f := &facts[i]
		weeks, known := domain.ArrearsWeeks(f.Balance, f.Weekly)
		out = append(out, CaseLine{Line: worklist.Line{Ref: f.Ref, Name: f.Name, Kind: f.Kind, Status: f.Status, Balance: f.Balance,
			Weeks: weeks, WeeksKnown: known}, Address: addrs[i].address, Postcode: addrs[i].postcode, Weekly: f.Weekly})
	}
	return out, nil
}

// AccountFacts reads one account's worklist facts (for the detail view's
// cadence and technical-arrears explanation), settled under the caller's
// policy p.
func (s *Store) AccountFacts(ctx context.Context, ref string, today domain.Date, p worklist.Policy) (worklist.Facts, error) {
	ref = s.Ref(ctx, ref)
	var out []worklist.Facts
	err := s.readTx(ctx, func(q queryer) error {
		var err error
		out, err = worklistFactsWhere(ctx, q, s.Holidays(), "a.ref = ?", []any{ref}, today, p, false)
		return err
	})
	if err == nil && len(out) != 1 {
		err = invalid("ref", "no account %s: check the payment reference", ref)
	}
	if err != nil {
		return worklist.Facts{}, err
	}
	return out[0], nil
}

// clearedOn fills worklist.Facts.ClearedOn, the last day an account owed
// nothing, which ends an arrears episode for the ladder and the pre-action
// checklist. Only accounts in arrears with a ladder step or a checklist
// mark on record need it; for them one query runs each ledger's balance
// day by day (void rows never count). An account clear at the end of one
// entry's day stays clear until the day before its next entry.
func clearedOn(each func(string, []any, func(*sql.Rows) error) error, facts []worklist.Facts, index map[int64]int, sums []summaryRead, fromSummary bool) error {
	var owing []int64
	for no, i := range index {
		f := &facts[i]
		if !f.Balance.IsPositive() {
			continue
		}
		need := len(f.PreAction) > 0
		for _, ev := range f.Events {
			if ev.Type.IsLadder() && ev.Type != domain.EventStageReset {
				need = true
				break
			}
		}
		if need {
			owing = append(owing, no)
		}
	}
	if len(owing) == 0 {
		return nil
	}
	if fromSummary {
		for _, no := range owing {
			i := index[no]
			facts[i].ClearedOn = dateText(sums[i].clearedOn)
		}
		return nil
	}
	slices.Sort(owing)
	b, _ := json.Marshal(owing)
	return each(`SELECT account, max(next) FROM (
			SELECT account, balance, lead(date) OVER (PARTITION BY account ORDER BY date) AS next FROM (
				SELECT t.account, t.date, sum(sum(t.amount)) OVER (PARTITION BY t.account ORDER BY t.date) AS balance
				FROM txn t WHERE t.account IN (SELECT value FROM json_each(?)) AND t.void = 0
				GROUP BY t.account, t.date))
		WHERE balance <= 0 AND next IS NOT NULL GROUP BY account`, []any{string(b)}, func(rows *sql.Rows) error {
		var no int64
		var next string
		if err := rows.Scan(&no, &next); err != nil {
			return err
		}
		if i, ok := index[no]; ok {
			facts[i].ClearedOn = dateText(next).AddDays(-1)
		}
		return nil
	})
}

// eachRow runs query and hands every row to scan, stopping at the first
// error.
// accountNos is the account numbers a one-column query gives, in its order.
func accountNos(ctx context.Context, q queryer, query string) ([]int64, error) {
	var nos []int64
	err := eachRow(ctx, q, query, nil, func(rs *sql.Rows) error {
		var no int64
		if err := rs.Scan(&no); err != nil {
			return err
		}
		nos = append(nos, no)
		return nil
	})
	return nos, err
}

func eachRow(ctx context.Context, q queryer, query string, args []any, scan func(rows *sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// byRef puts facts, sums and places (when read: not nil) (read in the
// order of nos, with the raw refs given) in ref order as SQLite's ORDER BY
// would (bytewise), in place, and index (account number → position) with
// them.
func byRef(facts []worklist.Facts, sums []summaryRead, places []accountAddress, nos []int64, refs []string, index map[int64]int) {
	if slices.IsSorted(refs) {
		return
	}
	perm := make([]int, len(refs)) // perm[i]: where the i-th in ref order is now
	for i := range perm {
		perm[i] = i
	}
	slices.SortFunc(perm, func(a, b int) int { return strings.Compare(refs[a], refs[b]) })
	for i, from := range perm {
		index[nos[from]] = i
	}
	// Follow each cycle of the permutation, moving every Facts once.
	for i := range perm {
		if perm[i] < 0 || perm[i] == i {
			continue
		}
		f, s := facts[i], sums[i]
		var pl accountAddress
		if places != nil {
			pl = places[i]
		}
		j := i
		for {
			k := perm[j]
			perm[j] = -1
			if k == i {
				facts[j], sums[j] = f, s
				if places != nil {
					places[j] = pl
				}
				break
			}
			facts[j], sums[j] = facts[k], sums[k]
			if places != nil {
				places[j] = places[k]
			}
			j = k
		}
	}
}
