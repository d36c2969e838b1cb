package store

import (
	"context"
	"fmt"
	"slices"

	"caseload/domain"
)

// RentRunSummary says what a weekly rent run posted.
type RentRunSummary struct {
	Week        domain.Date // the Monday of the rent week
	Posted      int
	Total       domain.Money
	ProRated    int // accounts that started or ended inside the week
	AlreadyRun  int // accounts already charged for the week (the run is idempotent)
	RentFree    int // accounts in a rent-free week
	NoCharge    int // accounts with no weekly charge (e.g. former-tenant debts)
	NotInPeriod int // accounts that ended before or start after the week
}

// runCacheKiB is the page cache a rent run writes with.
var runCacheKiB = 4000

// runAccount is what the rent run needs of one account.
type runAccount struct {
	no            int64
	ref           string
	start, end    domain.Date
	rentFreeWeeks int
	charges       []domain.ChargeComponent
}

// RentRun debits every account's weekly charge for the rent week containing
// week. The rule (domain.WeekCharge): nothing in a rent-free week; a whole
// week is the weekly charge in force on its first live day; a week the
// account starts or ends inside is charged for its days in the tenancy,
// weekly × days ÷ 7, rounded half-up to the penny. Each account is charged
// at most once per week, so running it twice posts nothing the second time.
func (s *Store) RentRun(ctx context.Context, week domain.Date) (RentRunSummary, error) {
	monday := domain.RentWeekStart(week)
	sunday := monday.AddDays(6)
	sum := RentRunSummary{Week: monday, Total: domain.Zero}
	// A borough's run writes a page or two per account, each once: a
	// small page cache recycles its buffers where the pool's own maps in
	// thousands of pages it never reads again.
	conn, release, err := s.cacheConn(ctx, runCacheKiB, "MEMORY")
	if err != nil {
		return sum, err
	}
	defer release()
	_, err = s.writeReportOn(asJob(ctx, "a rent run"), conn, "rent run "+monday.String(), "", func(w *writer) error {
		accounts, err := runAccounts(w, monday, sunday, &sum)
		if err != nil {
			return err
		}
		note := domain.RentWeekWords(monday)
		// Every charge goes in at once on the bulk path, in account order,
		// so each index of the ledger is written front to back.
		refs := make([]string, 0, len(accounts))
		nos := make([]int64, 0, len(accounts))
		bodies := make([]txnBody, 0, len(accounts))
		for _, a := range accounts {
			amount, days := domain.WeekCharge(a.charges, monday, a.start, a.end, a.rentFreeWeeks)
			switch {
			case domain.IsRentFreeWeek(monday, a.rentFreeWeeks):
				sum.RentFree++
				continue
			case days == 0:
				sum.NotInPeriod++
				continue
			case amount.IsZero():
				sum.NoCharge++
				continue
			}
			date := monday
			if a.start.After(monday) {
				date = a.start
			}
			if days < 7 {
				sum.ProRated++
			}
			body := txnBody{Date: date.String(), Type: string(domain.TxnCharge), Amount: amount.PenceValue(), RunWeek: monday.String(), Note: note}
			if days < 7 {
				body.Note += fmt.Sprintf(", %d of 7 days", days)
			}
			refs, nos, bodies = append(refs, a.ref), append(nos, a.no), append(bodies, body)
			sum.Posted++
			sum.Total = sum.Total.Add(amount)
		}
		_, err = w.addTxns(w.officer, refs, nos, bodies)
		return err
	})
	if err != nil {
		// Nothing was written: a partial count would mislead.
		return RentRunSummary{Week: monday, Total: domain.Zero}, err
	}
	return sum, nil
}

// runAccounts loads, in two set-based queries, the accounts live in the
// week that have not been charged for it, with their charges. Whether an
// account was charged is an EXISTS probe of the (account, run_week) index
// per account, not a scan of the whole ledger: a 5-year ledger of 30,000
// accounts holds millions of rows and the run must stay well under 2 s.
//
// runWeekProbeSQL probes only accounts whose ledger reaches the week: the
// rows carrying a week are its charge, dated in the week and never void,
// and reversals and adjustments of that charge, so an account whose
// summary's last counted day is before the Monday has none. On a week's
// first run that skips the probe, and the index page it reads, for every
// account.
func runAccounts(w *writer, monday, sunday domain.Date, sum *RentRunSummary) ([]runAccount, error) {
	rows, err := w.tx.QueryContext(w.ctx, runWeekProbeSQL, monday.String(), sunday.String())
	if err != nil {
		return nil, err
	}
	var out []runAccount
	index := map[int64]int{}
	for rows.Next() {
		var a runAccount
		var start, end string
		var done bool
		if err := rows.Scan(&a.no, &a.ref, &start, &end, &a.rentFreeWeeks, &done); err != nil {
			rows.Close()
			return nil, err
		}
		if done {
			sum.AlreadyRun++
			continue
		}
		a.start, a.end = dateText(start), dateText(end)
		index[a.no] = len(out)
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Accounts that ended before the week or start after it are skipped;
	// the summary counts them so every account is accounted for.
	var outside int
	if err := w.tx.QueryRowContext(w.ctx, `SELECT count(*) FROM account WHERE NOT (start_date <= ? AND (end_date = '' OR end_date >= ?))`,
		sunday.String(), monday.String()).Scan(&outside); err != nil {
		return nil, err
	}
	sum.NotInPeriod += outside
	if len(out) == 0 {
		return nil, nil
	}
	// The charge table is read straight through, in the order its entries
	// were made, and each account's entries are put in date order here:
	// read through its account index, every entry of a 5-year borough
	// (280,000) was a separate lookup of the table. Of two entries of one
	// component from one day the later made is in force (domain.ChargesOn),
	// so the sort is stable.
	rows, err = w.tx.QueryContext(w.ctx, "SELECT account, component, weekly, from_date FROM charge NOT INDEXED WHERE from_date <= ?", sunday.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var no, weekly int64
		var c domain.ChargeComponent
		var from string
		if err := rows.Scan(&no, &c.Component, &weekly, &from); err != nil {
			return nil, err
		}
		if i, ok := index[no]; ok {
			c.Weekly, c.From = domain.Pence(weekly), dateText(from)
			out[i].charges = append(out[i].charges, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		slices.SortStableFunc(out[i].charges, func(a, b domain.ChargeComponent) int { return a.From.Compare(b.From) })
	}
	return out, nil
}

// runWeekProbeSQL reads the accounts live in the week (?1 its Monday, ?2
// its Sunday) and whether each was charged for it (runAccounts). An
// account without a summary is probed.
const runWeekProbeSQL = `SELECT a.no, a.ref, a.start_date, a.end_date, a.rent_free_weeks,
	CASE WHEN s.last_date IS NULL OR s.last_date >= ?1
		THEN EXISTS (SELECT 1 FROM txn t WHERE t.account = a.no AND t.run_week = ?1 AND t.run_week <> '') ELSE 0 END
	FROM account a LEFT JOIN account_summary s ON s.account = a.no
	WHERE a.start_date <= ?2 AND (a.end_date = '' OR a.end_date >= ?1) ORDER BY a.no`
