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
	if weeks < 1 || weeks > 520 {
		return nil, invalid("weeks", "a trend is 1 to 520 weeks, not %d", weeks)
	}
	ws := report.Weeks(weeks, end)
	first := ws[0].From
	where, args := scopeFilter(scope)
	withArgs := func(extra ...any) []any { return append(append([]any{}, args...), extra...) }
	weekOf := func(date string) int {
		d := dateText(date)
		if d.Before(first) {
			return -1
		}
		return d.DaysSince(first) / 7
	}
	type acct struct {
		balance    int64
		start, end string
		former     bool
		change     []int64 // net movement by week; index weeks = after the last week
		events     []report.StageEvent
	}
	accts := map[int64]*acct{}
	due := make([]int64, weeks)
	col := make([]int64, weeks)
	err := s.scanTx(ctx, func(q queryer) error {
		each := func(query string, qargs []any, scan func(rows *sql.Rows) error) error {
			return eachRow(ctx, q, query, qargs, scan)
		}
		err := each(`SELECT a.no, a.kind, a.start_date, a.end_date, a.balance FROM account a WHERE `+where, args, func(rows *sql.Rows) error {
			var no, bal int64
			var kind, start, endDate string
			if err := rows.Scan(&no, &kind, &start, &endDate, &bal); err != nil {
				return err
			}
			accts[no] = &acct{balance: bal, start: start, end: endDate, former: kind == string(domain.KindFormerTenant), change: make([]int64, weeks+1)}
			return nil
		})
		if err != nil {
			return err
		}
		// Every counted row from the kept period records (account_period).
		err = eachPeriodMovement(ctx, q, where, args, first, func(no int64, date domain.Date, c periodClass, amount int64) {
			a := accts[no]
			if a == nil {
				return
			}
			w := min(date.DaysSince(first)/7, weeks)
			a.change[w] += amount
			if w < weeks {
				switch c {
				case classCharge:
					due[w] += amount
				case classPayment:
					col[w] -= amount
				}
			}
		})
		if err != nil {
			return err
		}
		// Reversals count against what they reverse.
		err = each(`SELECT rv.date, o.type, sum(rv.amount)
			FROM account a CROSS JOIN txn rv INDEXED BY txn_reversals ON rv.account = a.no AND rv.date >= ? AND rv.reverses <> ''
			CROSS JOIN replica r ON substr(r.id, 1, 8) = substr(rv.reverses, 1, instr(rv.reverses, '-') - 1)
			CROSS JOIN txn o ON o.origin = r.no AND o.seq = CAST(substr(rv.reverses, instr(rv.reverses, '-') + 1) AS INTEGER)
			WHERE rv.type = 'reversal' AND rv.void = 0 AND `+where+` GROUP BY 1, 2`,
			append([]any{first.String()}, args...), func(rows *sql.Rows) error {
				var date, typ string
				var sum int64
				if err := rows.Scan(&date, &typ, &sum); err != nil {
					return err
				}
				w := weekOf(date)
				if w < 0 || w >= weeks {
					return nil
				}
				switch tt := domain.TxnType(typ); {
				case tt == domain.TxnCharge:
					due[w] += sum
				case tt.IsPayment():
					col[w] -= sum
				}
				return nil
			})
		if err != nil {
			return err
		}
		return each(`SELECT e.account, e.date, e.type FROM account a JOIN event e ON e.account = a.no
			WHERE `+where+` AND e.date <= ?`, withArgs(ws[weeks-1].To.String()), func(rows *sql.Rows) error {
			var no int64
			var date, typ string
			if err := rows.Scan(&no, &date, &typ); err != nil {
				return err
			}
			t := domain.EventType(typ)
			if a := accts[no]; a != nil && (report.StageOf(t) != report.StageNone || t == domain.EventStageReset) {
				a.events = append(a.events, report.StageEvent{Date: dateText(date), Type: t})
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	arrears := make([]int64, weeks)
	owing := make([]int, weeks)
	stages := make([][]int, weeks)
	for i := range stages {
		stages[i] = make([]int, len(report.Stages))
	}
	for _, a := range accts {
		bal := a.balance - a.change[weeks]
		for w := weeks - 1; w >= 0; w-- {
			to := ws[w].To.String()
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
		out[w] = report.NewPoint(ws[w], domain.Pence(arrears[w]), owing[w], domain.Pence(due[w]), domain.Pence(col[w]), stages[w])
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
