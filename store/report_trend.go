package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/shopspring/decimal"

	"caseload/domain"
	"caseload/domain/report"
)

// ReportTrend is the scope's weekly headline figures for the n rent weeks
// ending with the week containing end, oldest first, in a fixed number of
// set-based queries: balances are walked back week by week from today's.
// A week with a snapshot shows the snapshot's arrears and rate.
func (s *Store) ReportTrend(ctx context.Context, scope report.Scope, weeks int, end domain.Date) ([]report.Point, error) {
	tr, err := newTrendReader(weeks, end)
	if err != nil {
		return nil, err
	}
	where, args := scopeFilter(scope)
	err = s.scanTx(ctx, func(q queryer) error {
		err := eachRow(ctx, q, `SELECT a.no, a.kind, a.start_date, a.end_date, a.balance FROM account a WHERE `+where, args, func(rows *sql.Rows) error {
			var no, bal int64
			var kind, start, endDate string
			if err := rows.Scan(&no, &kind, &start, &endDate, &bal); err != nil {
				return err
			}
			tr.account(no, kind, start, endDate, bal)
			return nil
		})
		if err != nil {
			return err
		}
		// Every counted row from the kept period records (account_period).
		if err := eachPeriodMovement(ctx, q, where, args, tr.first, tr.mover()); err != nil {
			return err
		}
		if err := tr.readReversals(ctx, q, where, args); err != nil {
			return err
		}
		return eachRow(ctx, q, `SELECT e.account, e.date, e.type FROM account a JOIN event e ON e.account = a.no
			WHERE `+where+` AND e.date <= ?`, append(append([]any{}, args...), tr.last.String()), func(rows *sql.Rows) error {
			var no int64
			var date, typ string
			if err := rows.Scan(&no, &date, &typ); err != nil {
				return err
			}
			tr.event(no, date, typ)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return tr.finish(ctx, s, scope)
}

// trendReader works a scope's weekly points out of what a read hands it:
// each account of the scope, every counted movement since the first
// week's start, the reversals and the ladder events. ReportTrend reads for
// it alone; ReportWithTrend hands it what the report reads as well.
type trendReader struct {
	weeks       int
	ws          []report.Period
	first, last domain.Date // the first week's first day, the last week's last
	accts       map[int64]*trendAcct
	changes     []int64 // the accounts' weekly changes, end to end (grow)
	due, col    []int64
}

type trendAcct struct {
	balance    int64
	start, end string
	former     bool
	change     []int64 // net movement by week; index weeks = after the last week
	events     []report.StageEvent
}

func newTrendReader(weeks int, end domain.Date) (*trendReader, error) {
	if weeks < 1 || weeks > 520 {
		return nil, invalid("weeks", "a trend is 1 to 520 weeks, not %d", weeks)
	}
	ws := report.Weeks(weeks, end)
	return &trendReader{weeks: weeks, ws: ws, first: ws[0].From, last: ws[weeks-1].To, accts: map[int64]*trendAcct{},
		due: make([]int64, weeks), col: make([]int64, weeks)}, nil
}

// grow makes room for n accounts.
func (t *trendReader) grow(n int) {
	t.accts = make(map[int64]*trendAcct, n)
	t.changes = make([]int64, 0, n*(t.weeks+1))
}

// account notes one account of the scope with today's balance.
func (t *trendReader) account(no int64, kind, start, end string, balance int64) {
	var change []int64
	if k := len(t.changes); cap(t.changes)-k > t.weeks {
		t.changes = t.changes[:k+t.weeks+1]
		change = t.changes[k : k+t.weeks+1 : k+t.weeks+1]
	} else {
		change = make([]int64, t.weeks+1)
	}
	t.accts[no] = &trendAcct{balance: balance, start: start, end: end, former: kind == string(domain.KindFormerTenant), change: change}
}

// mover is the function that takes each counted movement dated on or
// after the first week's start, in account order.
func (t *trendReader) mover() func(no int64, date domain.Date, c periodClass, amount int64) {
	last, a := int64(-1), (*trendAcct)(nil)
	return func(no int64, date domain.Date, c periodClass, amount int64) {
		if no != last {
			last, a = no, t.accts[no]
		}
		if a == nil {
			return
		}
		w := min(date.DaysSince(t.first)/7, t.weeks)
		a.change[w] += amount
		if w < t.weeks {
			switch c {
			case classCharge:
				t.due[w] += amount
			case classPayment:
				t.col[w] -= amount
			}
		}
	}
}

// readReversals counts reversals against what they reverse.
func (t *trendReader) readReversals(ctx context.Context, q queryer, where string, args []any) error {
	return eachRow(ctx, q, `SELECT rv.date, o.type, sum(rv.amount)
		FROM account a CROSS JOIN txn rv INDEXED BY txn_reversals ON rv.account = a.no AND rv.date >= ? AND rv.reverses <> ''
		CROSS JOIN replica r ON substr(r.id, 1, 8) = substr(rv.reverses, 1, instr(rv.reverses, '-') - 1)
		CROSS JOIN txn o ON o.origin = r.no AND o.seq = CAST(substr(rv.reverses, instr(rv.reverses, '-') + 1) AS INTEGER)
		WHERE rv.type = 'reversal' AND rv.void = 0 AND `+where+` GROUP BY 1, 2`,
		append([]any{t.first.String()}, args...), func(rows *sql.Rows) error {
			var date, typ string
			var sum int64
			if err := rows.Scan(&date, &typ, &sum); err != nil {
				return err
			}
			t.reversal(date, typ, sum)
			return nil
		})
}

// reversal counts the reversals of one day of an original type against
// that type's week.
func (t *trendReader) reversal(date, typ string, sum int64) {
	d := dateText(date)
	if d.Before(t.first) {
		return
	}
	w := d.DaysSince(t.first) / 7
	if w >= t.weeks {
		return
	}
	switch tt := domain.TxnType(typ); {
	case tt == domain.TxnCharge:
		t.due[w] += sum
	case tt.IsPayment():
		t.col[w] -= sum
	}
}

// event notes a ladder event dated on or before the last week's end.
func (t *trendReader) event(no int64, date, typ string) {
	e := domain.EventType(typ)
	if a := t.accts[no]; a != nil && (report.StageOf(e) != report.StageNone || e == domain.EventStageReset) {
		a.events = append(a.events, report.StageEvent{Date: dateText(date), Type: e})
	}
}

// finish works out the points and puts the snapshots' figures on theirs.
func (t *trendReader) finish(ctx context.Context, s *Store, scope report.Scope) ([]report.Point, error) {
	weeks, ws := t.weeks, t.ws
	arrears := make([]int64, weeks)
	owing := make([]int, weeks)
	stages := make([][]int, weeks)
	for i := range stages {
		stages[i] = make([]int, len(report.Stages))
	}
	tos := make([]string, weeks)
	for w := range ws {
		tos[w] = ws[w].To.String()
	}
	for _, a := range t.accts {
		bal := a.balance - a.change[weeks]
		for w := weeks - 1; w >= 0; w-- {
			to := tos[w]
			if a.start <= to && !a.former && (a.end == "" || a.end > to) {
				if bal > 0 {
					arrears[w] += bal
					owing[w]++
				}
				stages[w][report.Reached(a.events, ws[w].To)]++
			}
			bal -= a.change[w]
		}
	}
	out := make([]report.Point, weeks)
	for w := range ws {
		out[w] = report.NewPoint(ws[w], domain.Pence(arrears[w]), owing[w], domain.Pence(t.due[w]), domain.Pence(t.col[w]), stages[w])
	}
	return out, s.trendSnapshots(ctx, scope, out)
}

// trendSnapshots puts each snapshotted week's kept arrears and rate on its
// point.
func (s *Store) trendSnapshots(ctx context.Context, scope report.Scope, points []report.Point) error {
	if len(points) == 0 {
		return nil
	}
	byFrom := map[string]int{}
	for i, p := range points {
		byFrom[p.Week.From.String()] = i
	}
	return eachRow(ctx, s.db, `SELECT period_from, period_to, figures FROM report_snapshot WHERE scope = ? AND period_from BETWEEN ? AND ?`,
		[]any{scope.Key(), points[0].Week.From.String(), points[len(points)-1].Week.From.String()}, func(rows *sql.Rows) error {
			var from, to, figures string
			if err := rows.Scan(&from, &to, &figures); err != nil {
				return err
			}
			i, ok := byFrom[from]
			if !ok || points[i].Week.To.String() != to {
				return nil
			}
			f := map[string]string{}
			if err := json.Unmarshal([]byte(figures), &f); err != nil {
				return err
			}
			p := &points[i]
			if v, err := domain.ParseMoney(f["arrears.total"]); err == nil {
				p.Arrears = v
			}
			if v, ok := f["period.rate"]; ok {
				p.RateDefined = strings.TrimSpace(v) != ""
				if p.RateDefined {
					if d, err := decimal.NewFromString(v); err == nil {
						p.Rate = d
					}
				}
			}
			p.Snapshot = true
			return nil
		})
}
