package store

// Reports (issue 17): the figures managers ask for, read as the ledger
// stood at the period's end. The store reads facts with set-based queries;
// domain/report computes the measures.

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"time"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/report"
	"caseload/domain/rtb"
	"caseload/domain/worklist"
)

// reportKinds are the account kinds rent figures count: dwelling rent and
// temporary accommodation, and former-tenant debt accounts.
const reportKinds = "a.kind IN ('rent', 'temporary', 'former-tenant')"

// scopeFilter is the WHERE clause over account a for a scope. The data
// keeps an account's officer as it is now, so a patch is today's patch.
func scopeFilter(s report.Scope) (string, []any) {
	if s.Kind == report.ScopeBorough || len(s.Officers) == 0 {
		return reportKinds, nil
	}
	args := make([]any, len(s.Officers))
	for i, o := range s.Officers {
		args[i] = o
	}
	return reportKinds + " AND a.officer IN (?" + strings.Repeat(", ?", len(s.Officers)-1) + ")", args
}

// Report computes the scope's report for the period. A closed period (one
// that ended before today) is read as the ledger stood at its end: ledger
// rows this database received after the end of its last day are left out
// and listed as later adjustments. The first report of a closed period
// keeps a snapshot of its figures; every later run is read at the
// snapshot's cut-off and compared with it.
func (s *Store) Report(ctx context.Context, scope report.Scope, p report.Period, today domain.Date) (report.Report, error) {
	r, _, err := s.report(ctx, scope, p, today, true, nil)
	return r, err
}

// ReportWithTrend is Report and ReportTrend(weeks, end) in one read: the
// accounts, period records and ladder events they share are read once.
func (s *Store) ReportWithTrend(ctx context.Context, scope report.Scope, p report.Period, today domain.Date, weeks int, end domain.Date) (report.Report, []report.Point, error) {
	tr, err := newTrendReader(weeks, end)
	if err != nil {
		return report.Report{}, nil, err
	}
	return s.report(ctx, scope, p, today, true, tr)
}

// ReportPreview is Report without keeping a snapshot: it writes nothing
// (a closed period with no snapshot yet is read at its end, as Report
// would read it).
func (s *Store) ReportPreview(ctx context.Context, scope report.Scope, p report.Period, today domain.Date) (report.Report, error) {
	r, _, err := s.report(ctx, scope, p, today, false, nil)
	return r, err
}

// report is the scope's report, and its trend when tr is given (worked
// out after the report's snapshot is kept, so a week reported now shows
// it, as ReportTrend would).
func (s *Store) report(ctx context.Context, scope report.Scope, p report.Period, today domain.Date, keep bool, tr *trendReader) (report.Report, []report.Point, error) {
	r, err := s.reportRead(ctx, scope, p, today, keep, tr)
	if err != nil || tr == nil {
		return r, nil, err
	}
	points, err := tr.finish(ctx, s, scope)
	return r, points, err
}

func (s *Store) reportRead(ctx context.Context, scope report.Scope, p report.Period, today domain.Date, keep bool, tr *trendReader) (report.Report, error) {
	snap, hasSnap, err := s.reportSnapshot(ctx, scope, p)
	if err != nil {
		return report.Report{}, err
	}
	var in report.Inputs
	err = s.scanTx(ctx, func(q queryer) error {
		asAt, err := reportCutoff(ctx, q, p, today, snap, hasSnap)
		if err != nil {
			return err
		}
		in, err = reportInputs(ctx, q, s.Holidays(), scope, p, today, asAt, tr)
		return err
	})
	if err != nil {
		return report.Report{}, err
	}
	if p.Contains(today) {
		// Today's list is known only today: the worklist is computed, not
		// kept, so a past day's open items cannot be read back.
		officers := scope.Officers
		if scope.Kind == report.ScopeBorough {
			officers = []string{""}
		}
		in.Work.OpenKnown = true
		for _, o := range officers {
			lines, err := s.Caseload(ctx, o, today, worklist.DefaultPolicy())
			if err != nil {
				return report.Report{}, err
			}
			for _, l := range lines {
				if l.Triaged() {
					in.Work.OpenNow++
				}
			}
		}
	}
	r := report.Compute(in)
	if !p.Closed(today) {
		return r, nil
	}
	if !keep && !hasSnap {
		return r, nil
	}
	if hasSnap {
		c := report.Compare(snap, r, "the figures are read at the snapshot's cut-off, so a difference comes from records that are not ledger postings: an account that moved patch, or case events, arrangements or claims recorded since with earlier dates")
		r.Snapshot = &c
		return r, nil
	}
	snap = report.Snapshot{ScopeKey: scope.Key(), Period: p, Taken: s.now().UTC().Format(time.RFC3339), AsAt: r.AsAt, Figures: r.Figures()}
	if err := s.saveReportSnapshot(ctx, snap); err != nil {
		return report.Report{}, err
	}
	c := report.Compare(snap, r, "")
	c.New = true
	r.Snapshot = &c
	return r, nil
}

// reportCutoff decides the last ledger row a report counts.
func reportCutoff(ctx context.Context, q queryer, p report.Period, today domain.Date, snap report.Snapshot, hasSnap bool) (report.AsAt, error) {
	var last int64
	if err := q.QueryRowContext(ctx, "SELECT coalesce(max(no), 0) FROM txn").Scan(&last); err != nil {
		return report.AsAt{}, err
	}
	switch {
	case hasSnap:
		a := snap.AsAt
		a.Words = "as the ledger stood when this period was first reported (" + snap.Taken + "); " + a.Words
		return a, nil
	case !p.Closed(today):
		return report.AsAt{LedgerRow: last, Words: "the ledger as it stands (the period has not ended)"}, nil
	}
	end := time.Date(p.To.Year(), p.To.Month(), p.To.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
	row, err := ledgerRowAt(ctx, q, end.UnixMilli()<<16, last)
	if err != nil {
		return report.AsAt{}, err
	}
	if row == 0 {
		return report.AsAt{LedgerRow: last, Words: "this database received its ledger after the period ended, so the ledger as it stood when the period was first reported"}, nil
	}
	return report.AsAt{LedgerRow: row, Words: "the ledger as this database held it at the end of " + p.To.Human() + " (UTC)"}, nil
}

// ledgerRowAt is the last ledger row whose change was recorded before the
// hybrid clock value hlc. Rows are numbered in the order this database
// received them, so the search halves the row numbers.
func ledgerRowAt(ctx context.Context, q queryer, hlc, last int64) (int64, error) {
	before := func(no int64) (int64, bool, error) {
		var n, at int64
		err := q.QueryRowContext(ctx, `SELECT t.no, c.hlc FROM txn t JOIN change c ON c.origin = t.origin AND c.seq = t.seq
			WHERE t.no >= ? ORDER BY t.no LIMIT 1`, no).Scan(&n, &at)
		if err == sql.ErrNoRows {
			return 0, false, nil
		}
		return n, at < hlc, err
	}
	lo, hi := int64(0), last // lo: known before (0 = none); hi: first candidate not known after
	for lo < hi {
		mid := lo + (hi-lo+1)/2
		n, ok, err := before(mid)
		if err != nil {
			return 0, err
		}
		if ok {
			lo = n
			if n >= hi {
				break
			}
		} else {
			hi = mid - 1
		}
	}
	return lo, nil
}

// reportInputs reads everything a report needs, cut at asAt, and hands tr
// (when given) what a trend reads of the same: every account of the scope,
// the movements since its first week and the ladder events.
func reportInputs(ctx context.Context, q queryer, h domain.Holidays, scope report.Scope, p report.Period, today domain.Date, asAt report.AsAt,
	tr *trendReader) (report.Inputs, error) {
	in := report.Inputs{Scope: scope, Period: p, Today: today, AsAt: asAt, Events: map[domain.EventType]int{}}
	where, args := scopeFilter(scope)
	withArgs := func(extra ...any) []any { return append(append([]any{}, args...), extra...) }
	each := func(query string, qargs []any, scan func(rows *sql.Rows) error) error {
		return eachRow(ctx, q, query, qargs, scan)
	}
	ytd := p.YearToDate()
	from, to, fy := p.From.String(), p.To.String(), ytd.From.String()
	lo := domain.MinDate(p.From, ytd.From).String()
	ry := domain.RentYearOf(p.To)

	// Accounts that had begun by the period's end.
	type acct struct {
		i               int
		balance         int64
		afterTo, sinceF int64
		sinceFY         int64
	}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM account a WHERE `+where, args...).Scan(&n); err != nil {
		return in, err
	}
	accts := make(map[int64]*acct, n)
	in.Accounts = make([]report.Account, 0, n)
	if tr != nil {
		tr.grow(n)
	}
	charged := map[int]int{} // the rent year's charged weeks by rent-free weeks
	err := each(`SELECT a.no, a.ref, a.kind, a.start_date, a.end_date, a.rent_free_weeks, a.balance FROM account a
		WHERE `+where+` ORDER BY a.ref`, args, func(rows *sql.Rows) error {
		var no, balance int64
		var rf int
		var ref, kind, start, end string
		if err := rows.Scan(&no, &ref, &kind, &start, &end, &rf, &balance); err != nil {
			return err
		}
		if tr != nil {
			tr.account(no, kind, start, end, balance)
		}
		if start > to {
			return nil
		}
		former := kind == string(domain.KindFormerTenant) || (end != "" && end <= to)
		accts[no] = &acct{i: len(in.Accounts), balance: balance}
		cw, ok := charged[rf]
		if !ok {
			cw = ry.ChargedWeeks(rf)
			charged[rf] = cw
		}
		in.Accounts = append(in.Accounts, report.Account{Ref: ref, Former: former, ChargedWeeks: cw})
		return nil
	})
	if err != nil {
		return in, err
	}

	// Movements from the earlier of the period's and the financial year's
	// start, by account, class and where they fall.
	var due, col, wo, ydue, ycol, ywo int64
	flow := func(c periodClass, inP, inY bool, amount int64) {
		var d, y *int64
		switch c {
		case classCharge:
			d, y = &due, &ydue
		case classPayment:
			d, y = &col, &ycol
			amount = -amount
		case classWriteOff:
			d, y = &wo, &ywo
			amount = -amount
		default:
			return
		}
		if inP {
			*d += amount
		}
		if inY {
			*y += amount
		}
	}
	loDate := domain.MinDate(p.From, ytd.From)
	move := func(a *acct, date domain.Date, c periodClass, amount int64) {
		if date.Before(loDate) {
			return
		}
		sinceF, sinceFY, after := !date.Before(p.From), !date.Before(ytd.From), date.After(p.To)
		if after {
			a.afterTo += amount
		}
		if sinceF {
			a.sinceF += amount
		}
		if sinceFY {
			a.sinceFY += amount
		}
		if !after {
			flow(c, sinceF, sinceFY, amount)
		}
	}

	// Rows received after the cut-off: taken off every balance and every
	// movement, and listed when dated on or before the period's end.
	late := map[int64]bool{}
	err = each(`SELECT t.account, a.ref, t.date, t.type, t.amount FROM txn t CROSS JOIN account a ON a.no = t.account
		WHERE t.no > ? AND t.void = 0 AND `+where+` ORDER BY t.no DESC`, append([]any{asAt.LedgerRow}, args...), func(rows *sql.Rows) error {
		var no, amount int64
		var ref, date, typ string
		if err := rows.Scan(&no, &ref, &date, &typ, &amount); err != nil {
			return err
		}
		a, ok := accts[no]
		if !ok {
			return nil
		}
		late[no] = true
		a.balance -= amount
		move(a, dateText(date), classOf(typ), -amount)
		if date <= to {
			in.Late.Count++
			in.Late.Amount = in.Late.Amount.Add(domain.Pence(amount))
			if len(in.Late.Rows) < 50 {
				in.Late.Rows = append(in.Late.Rows, report.LatePosting{Ref: ref, Date: dateText(date), Type: domain.TxnType(typ), Amount: domain.Pence(amount)})
			}
		}
		return nil
	})
	if err != nil {
		return in, err
	}

	// Postings received during the period but dated before it.
	start := time.Date(p.From.Year(), p.From.Month(), p.From.Day(), 0, 0, 0, 0, time.UTC)
	if asAt.LedgerRow > 0 {
		w0, err := ledgerRowAt(ctx, q, start.UnixMilli()<<16, asAt.LedgerRow)
		if err != nil {
			return in, err
		}
		if in.BackdatedKnown = w0 > 0; in.BackdatedKnown {
			var amount int64
			err := q.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(t.amount), 0) FROM txn t JOIN account a ON a.no = t.account
				WHERE t.no > ? AND t.no <= ? AND t.date < ? AND t.void = 0 AND `+where, append([]any{w0, asAt.LedgerRow, from}, args...)...).
				Scan(&in.Backdated.Count, &amount)
			if err != nil {
				return in, err
			}
			in.Backdated.Amount = domain.Pence(amount)
		}
	}

	// Every counted row from the kept period records (account_period),
	// less the rows received after the cut-off taken off above; and the
	// trend's.
	since, until, trend := loDate, p.To, func(int64, domain.Date, periodClass, int64) {}
	if tr != nil {
		since, until, trend = domain.MinDate(loDate, tr.first), domain.MaxDate(p.To, tr.last), tr.mover()
	}
	lastNo, a := int64(-1), (*acct)(nil)
	err = eachPeriodMovement(ctx, q, where, args, since, func(no int64, date domain.Date, c periodClass, amount int64) {
		if no != lastNo {
			lastNo, a = no, accts[no]
		}
		if a != nil {
			move(a, date, c, amount)
		}
		if tr != nil && !date.Before(tr.first) {
			trend(no, date, c, amount)
		}
	})
	if err != nil {
		return in, err
	}
	// Reversals count against what they reverse: the scope's from the
	// reversals' own index (txn_reversals), then each one's original, by
	// day, original type and whether received by the cut-off (the trend
	// reads the ledger as it stands).
	err = each(`SELECT rv.date, o.type, rv.no <= ?, sum(rv.amount)
		FROM account a CROSS JOIN txn rv INDEXED BY txn_reversals ON rv.account = a.no AND rv.date >= ? AND rv.date <= ? AND rv.reverses <> ''
		CROSS JOIN replica r ON substr(r.id, 1, 8) = substr(rv.reverses, 1, instr(rv.reverses, '-') - 1)
		CROSS JOIN txn o ON o.origin = r.no AND o.seq = CAST(substr(rv.reverses, instr(rv.reverses, '-') + 1) AS INTEGER)
		WHERE rv.type = 'reversal' AND rv.void = 0 AND `+where+`
		GROUP BY 1, 2, 3`, append([]any{asAt.LedgerRow, since.String(), until.String()}, args...), func(rows *sql.Rows) error {
		var date, typ string
		var counted bool
		var sum int64
		if err := rows.Scan(&date, &typ, &counted, &sum); err != nil {
			return err
		}
		if counted && date >= lo && date <= to {
			flow(classOf(typ), date >= from, date >= fy, sum)
		}
		if tr != nil {
			tr.reversal(date, typ, sum)
		}
		return nil
	})
	if err != nil {
		return in, err
	}
	in.Flows = report.Flows{Due: domain.Pence(due), Collected: domain.Pence(col), WrittenOff: domain.Pence(wo)}
	in.YTDFlows = report.Flows{Due: domain.Pence(ydue), Collected: domain.Pence(ycol), WrittenOff: domain.Pence(ywo)}
	for _, a := range accts {
		ra := &in.Accounts[a.i]
		ra.Balance = domain.Pence(a.balance - a.afterTo)
		ra.OpeningPeriod = domain.Pence(a.balance - a.sinceF)
		ra.OpeningYTD = domain.Pence(a.balance - a.sinceFY)
	}

	// Direct Debit payers now, and the period's Direct Debit payments
	// (from the covering credits index).
	for _, a := range in.Accounts {
		if !a.Former {
			in.DirectDebit.Current++
		}
	}
	err = each(`SELECT a.no FROM account a WHERE `+where+` AND a.start_date <= ? AND a.payment_method = ?`,
		withArgs(to, string(domain.MethodDirectDebit)), func(rows *sql.Rows) error {
			var no int64
			if err := rows.Scan(&no); err != nil {
				return err
			}
			if a := accts[no]; a != nil && !in.Accounts[a.i].Former {
				in.DirectDebit.Accounts++
			}
			return nil
		})
	if err != nil {
		return in, err
	}
	err = q.QueryRowContext(ctx, `SELECT count(*) FROM account a CROSS JOIN txn t INDEXED BY txn_credits
		ON t.account = a.no AND t.date >= ? AND t.date <= ? AND t.amount < 0
		WHERE `+where+` AND t.method = ? AND t.no <= ?`, append([]any{from, to}, withArgs(string(domain.MethodDirectDebit), asAt.LedgerRow)...)...).Scan(&in.DirectDebit.Payments)
	if err != nil {
		return in, err
	}

	// Weekly charge on the period's last day, from the charge entries each
	// account's summary keeps (summary.go chargesOf).
	// The summary's first kept payment day too, for the technical arrears.
	payFrom := make(map[int64]string, len(accts))
	err = each(`SELECT a.no, s.charges, s.pay_from FROM account a JOIN account_summary s ON s.account = a.no WHERE `+where+` AND a.start_date <= ?`,
		withArgs(to), func(rows *sql.Rows) error {
			var no int64
			var raw sql.RawBytes
			var from string
			if err := rows.Scan(&no, &raw, &from); err != nil {
				return err
			}
			a := accts[no]
			if a == nil {
				return nil
			}
			payFrom[no] = from
			w, err := weeklyChargeOn(raw, p.To)
			in.Accounts[a.i].Weekly = domain.Pence(w)
			return err
		})
	if err != nil {
		return in, err
	}

	if err := reportTechnical(ctx, q, accts2(accts, func(a *acct) int { return a.i }), &in, asAt, p.To, payFrom, late); err != nil {
		return in, err
	}
	if err := reportCasework(ctx, q, where, args, accts2(accts, func(a *acct) int { return a.i }), &in, h, p, asAt, late, tr); err != nil {
		return in, err
	}
	return in, nil
}

// accts2 maps account numbers to their place in Inputs.Accounts.
func accts2[T any](m map[int64]T, at func(T) int) map[int64]int {
	out := make(map[int64]int, len(m))
	for no, a := range m {
		out[no] = at(a)
	}
	return out
}

// paymentTypesSQL are the ledger types that are payments
// (domain.TxnType.IsPayment), as an SQL list.
var paymentTypesSQL = func() string {
	var ts []string
	for _, t := range domain.TxnTypes {
		if t.IsPayment() {
			ts = append(ts, "'"+string(t)+"'")
		}
	}
	return "(" + strings.Join(ts, ", ") + ")"
}()

// reportCasework reads the ladder stages, enforcement events,
// arrangements, Right to Buy claims and worklist marks of the scope
// (late: the accounts with counted rows received after the cut-off), and
// hands tr (when given) the ladder events up to its last week's end.
func reportCasework(ctx context.Context, q queryer, where string, args []any, idx map[int64]int, in *report.Inputs, h domain.Holidays, p report.Period, asAt report.AsAt,
	late map[int64]bool, tr *trendReader) error {
	each := func(query string, qargs []any, scan func(rows *sql.Rows) error) error {
		return eachRow(ctx, q, query, qargs, scan)
	}
	withArgs := func(extra ...any) []any { return append(append([]any{}, args...), extra...) }
	from, to := p.From.String(), p.To.String()

	// Ladder events up to the period's end; counts of those in it.
	evs := map[int64][]report.StageEvent{}
	upto := to
	if tr != nil && tr.last.After(p.To) {
		upto = tr.last.String()
	}
	err := each(`SELECT e.account, e.date, e.type FROM account a JOIN event e ON e.account = a.no
		WHERE `+where+` AND e.date <= ?`, withArgs(upto), func(rows *sql.Rows) error {
		var no int64
		var date, typ string
		if err := rows.Scan(&no, &date, &typ); err != nil {
			return err
		}
		if tr != nil && !dateText(date).After(tr.last) {
			tr.event(no, date, typ)
		}
		if date > to {
			return nil
		}
		if date >= from {
			in.Events[domain.EventType(typ)]++
		}
		if report.StageOf(domain.EventType(typ)) != report.StageNone || typ == string(domain.EventStageReset) {
			evs[no] = append(evs[no], report.StageEvent{Date: dateText(date), Type: domain.EventType(typ)})
		}
		return nil
	})
	if err != nil {
		return err
	}
	for no, es := range evs {
		if i, ok := idx[no]; ok {
			in.Accounts[i].Stage = report.Reached(es, p.To)
		}
	}

	// Arrangements: made in the period; the one live at its end,
	// monitored that day.
	lives, made, err := reportArrangements(ctx, q, where, args, p)
	if err != nil {
		return err
	}
	in.Arrangements.Made = made
	if len(lives) > 0 {
		txns, _, err := arrangementTxns(ctx, q, where, args, lives, late, p.To, asAt)
		if err != nil {
			return err
		}
		grace := worklist.DefaultPolicy().ArrangementGraceDays
		for no, l := range lives {
			in.Arrangements.Live++
			st := arrangement.Monitor(l.terms, txns[no], p.To, grace)
			switch st.State {
			case arrangement.Kept, arrangement.Completed:
				in.Arrangements.Kept++
			case arrangement.Broken:
				in.Arrangements.Broken++
				if i, ok := idx[no]; ok {
					in.Arrangements.BrokenRefs = append(in.Arrangements.BrokenRefs, in.Accounts[i].Ref)
				}
			}
		}
		// In reference order, so the same ledger prints the same report.
		slices.Sort(in.Arrangements.BrokenRefs)
	}

	// Right to Buy claims received by the period's end, as they stood then.
	cases, err := rtbCases(ctx, q, strings.ReplaceAll(where, reportKinds, "1 = 1"), args)
	if err != nil {
		return err
	}
	for _, c := range cases {
		f := c.Case.Facts()
		if f.Received.After(p.To) {
			continue
		}
		var then []rtb.Event
		for _, e := range c.Case.Events() {
			if !e.Date.After(p.To) {
				then = append(then, e)
			}
		}
		cs, err := rtb.NewCase(f, then...)
		if err != nil || !cs.Stage().Open() {
			continue
		}
		in.RTB.Open++
		for _, d := range rtb.Deadlines(cs, h, p.To) {
			if d.Who == rtb.Council && d.Kind == rtb.DueBy && d.IsOpen() && d.Due.Before(p.To) {
				in.RTB.Missed++
				in.RTB.MissedRefs = append(in.RTB.MissedRefs, c.Ref)
				break
			}
		}
	}

	// Worklist items marked done on a day in the period.
	return q.QueryRowContext(ctx, `SELECT count(*) FROM account a JOIN done_today d ON d.account = a.no
		WHERE `+strings.ReplaceAll(where, reportKinds, "1 = 1")+` AND d.date BETWEEN ? AND ?`, withArgs(from, to)...).Scan(&in.Work.Done)
}

// ints is a set of account numbers as an SQL list (numbers only, so
// written in place: a borough's list is longer than SQLite's parameters).
func ints(set map[int64]bool) string {
	nos := make([]int64, 0, len(set))
	for no := range set {
		nos = append(nos, no)
	}
	slices.Sort(nos)
	var b strings.Builder
	for i, no := range nos {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(no, 10))
	}
	return b.String()
}
