package seed

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/worklist"
	"caseload/store"
)

var ctx = context.Background()

// today is the store tests' today: 23 Nov 2026.
var today = domain.MustDate(2026, time.November, 23)

// testStore is a store on a temporary file with a second, plain connection
// to the same file for the tests' own queries.
type testStore struct {
	*store.Store
	db *sql.DB
}

func newTestStore(t testing.TB) testStore {
	t.Helper()
	path := filepath.Join(t.TempDir(), "caseload.db")
	now := func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }
	s, err := store.Open(path, store.Options{Officer: "tester", Now: now, ReplicaName: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return testStore{Store: s, db: db}
}

// dump is every row of the tables a seed writes to, to show that a refused
// seed wrote nothing.
func dump(t testing.TB, s testStore) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"account", "resident", "property", "charge", "txn", "change", "note", "event", "arrangement",
		"rtb_case", "rtb_event", "rtb_check", "reg_head", "replica_state", "audit"} {
		rows, err := s.db.QueryContext(ctx, "SELECT * FROM "+table+" ORDER BY 1, 2")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		b.WriteString("# " + table + "\n")
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				b.WriteString(toString(v))
				b.WriteByte('|')
			}
			b.WriteByte('\n')
		}
		rows.Close()
	}
	return b.String()
}

func toString(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		return string(x)
	}
	return fmt.Sprint(v)
}

// demoOptions are the demo's options on the store tests' today.
var demoOptions = Options{Accounts: 600, Years: 2, Seed: 1, Today: today, Casework: true}

// seedDigest hashes what a seed wrote, without the ids (which name the
// replica) and without the clocks: what the same seed must reproduce.
func seedDigest(t testing.TB, s testStore) string {
	t.Helper()
	h := sha256.New()
	for _, q := range []string{
		`SELECT a.ref, a.kind, a.tenancy_type, a.status, r.name, r.phone, r.email, r.vulnerable, p.address, p.postcode,
			p.property_type, a.start_date, a.end_date, a.rent_free_weeks, a.payment_method, a.uc_claimant, a.managed_payment,
			a.officer, a.paused_until, a.pause_reason, a.balance, a.last_payment
			FROM account a JOIN resident r ON r.no = a.resident JOIN property p ON p.no = a.property ORDER BY a.ref`,
		`SELECT a.ref, c.component, c.weekly, c.from_date FROM charge c JOIN account a ON a.no = c.account ORDER BY a.ref, c.no`,
		`SELECT a.ref, t.date, t.type, t.amount, t.method, t.reference, t.note, t.run_week, t.reverses <> ''
			FROM txn t JOIN account a ON a.no = t.account ORDER BY a.ref, t.no`,
		`SELECT a.ref, n.date, n.channel, n.text, n.follow_up, n.done_on, n.officer FROM note n JOIN account a ON a.no = n.account ORDER BY a.ref, n.no`,
		`SELECT a.ref, e.date, e.type, e.detail, e.officer FROM event e JOIN account a ON a.no = e.account ORDER BY a.ref, e.no`,
		`SELECT a.ref, g.start_date, g.frequency, g.instalment, g.arrears, g.made_on, g.cancelled_on
			FROM arrangement g JOIN account a ON a.no = g.account ORDER BY a.ref, g.no`,
		`SELECT a.ref, c.received, c.property_type, c.leasehold, c.other_landlord FROM rtb_case c JOIN account a ON a.no = c.account ORDER BY a.ref`,
		`SELECT a.ref, e.date, e.type, e.detail FROM rtb_event e JOIN rtb_case c ON c.no = e.rtb JOIN account a ON a.no = c.account ORDER BY a.ref, e.no`,
		`SELECT a.ref, k.item, k.status, k.note FROM rtb_check k JOIN rtb_case c ON c.no = k.rtb JOIN account a ON a.no = c.account ORDER BY a.ref, k.item`,
	} {
		rows, err := s.db.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				h.Write([]byte(toString(v)))
				h.Write([]byte{0})
			}
			h.Write([]byte{'\n'})
		}
		rows.Close()
	}
	return hex.EncodeToString(h.Sum(nil))
}

func mustSeed(t testing.TB, s testStore, opt Options) Summary {
	t.Helper()
	sum, err := Write(ctx, s.Store, opt)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func TestSeedIsDeterministic(t *testing.T) {
	t.Parallel() // its own temporary database
	opt := Options{Accounts: 150, Years: 2, Seed: 7, Today: today, Casework: true}
	a, b, c := newTestStore(t), newTestStore(t), newTestStore(t)
	sumA, sumB := mustSeed(t, a, opt), mustSeed(t, b, opt)
	opt.Seed = 8
	mustSeed(t, c, opt)
	if a.Self().ID == b.Self().ID {
		t.Fatal("the two databases share a replica id: the test would not show that ids are left out")
	}
	da, db, dc := seedDigest(t, a), seedDigest(t, b), seedDigest(t, c)
	if da != db {
		t.Fatalf("the same seed wrote different content:\n%+v\n%+v", sumA, sumB)
	}
	if da == dc {
		t.Fatal("seeds 7 and 8 wrote the same content")
	}
}

func TestSeedRefusesBadOptionsAndAFullDatabase(t *testing.T) {
	t.Parallel() // its own temporary database
	s := newTestStore(t)
	for _, opt := range []Options{
		{Accounts: 10},                          // no today
		{Accounts: -1, Today: today},            // negative
		{Accounts: 10, Years: 11, Today: today}, // too long a history
	} {
		if _, err := Write(ctx, s.Store, opt); !domain.IsValidation(err) {
			t.Errorf("Seed(%+v) = %v, want a validation error", opt, err)
		}
	}
	if err := s.CreateAccount(ctx, store.NewAccount{
		Ref: "AB1001", Kind: domain.KindRent, TenancyType: domain.TenancySecure, Status: domain.StatusCurrent,
		Name: "Sam Example", Address: "1 Sample Street", Postcode: "E99 1AA", PropertyType: domain.PropertyFlat,
		Start: domain.MustDate(2020, time.April, 6), PaymentMethod: domain.MethodCard, Officer: "asmith",
		Charges: []domain.ChargeComponent{{Component: "rent", Weekly: domain.MustMoney("100.00")}},
	}); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s)
	if _, err := Write(ctx, s.Store, Options{Accounts: 10, Today: today}); err == nil || !strings.Contains(err.Error(), "empty database") {
		t.Fatalf("seeding a database that holds accounts: err = %v", err)
	}
	if dump(t, s) != before {
		t.Fatal("a refused seed changed the database")
	}
}

func TestSeedWithoutCaseworkWritesLedgersOnly(t *testing.T) {
	t.Parallel() // its own temporary database
	s := newTestStore(t)
	sum := mustSeed(t, s, Options{Accounts: 200, Years: 1, Seed: 3, Today: today})
	if sum.Accounts != 200 || sum.Notes+sum.Events+sum.Arrangements+sum.RTBCases != 0 {
		t.Fatalf("summary %+v: want 200 accounts and no casework", sum)
	}
	for table, want := range map[string]int{"account": 200, "txn": sum.Transactions, "note": 0, "event": 0, "arrangement": 0, "rtb_case": 0} {
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n); err != nil || n != want {
			t.Errorf("%s: %d rows (%v), want %d", table, n, err, want)
		}
	}
	r, err := s.Check(ctx)
	if err != nil || !r.OK() {
		t.Fatalf("check: %v %v", err, r.Problems)
	}
	// Officers default, the first with the biggest patch.
	var officers []string
	rows, _ := s.db.QueryContext(ctx, "SELECT officer FROM account GROUP BY officer ORDER BY count(*) DESC, officer")
	for rows.Next() {
		var o string
		rows.Scan(&o)
		officers = append(officers, o)
	}
	rows.Close()
	if !slices.Equal(officers, []string{"asmith", "bkhan", "cjones"}) {
		t.Fatalf("patches by size %v", officers)
	}
}

func TestSeedSmallPatchesAndLongHistories(t *testing.T) {
	t.Parallel() // its own temporary database
	for _, c := range []struct {
		accounts, years int
		officers        []string
		day             domain.Date
	}{
		{1, 1, nil, today},
		{7, 2, []string{"solo"}, today},
		{40, 10, nil, domain.MustDate(2027, time.January, 1)},
		{60, 3, []string{"asmith", "bkhan"}, domain.MustDate(2025, time.April, 7)},
	} {
		s := newTestStore(t)
		sum, err := Write(ctx, s.Store, Options{Accounts: c.accounts, Years: c.years, Seed: 5, Today: c.day, Officers: c.officers, Casework: true})
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		r, err := s.Check(ctx)
		if err != nil || !r.OK() || r.Accounts != c.accounts || sum.Accounts != c.accounts {
			t.Fatalf("%+v: check %v %v, %d accounts", c, err, r.Problems, r.Accounts)
		}
		if _, err := s.RTBCases(ctx, ""); err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
	}
}

// TestSeedDemo seeds the demo once and checks what an officer sees in it.
func TestSeedDemo(t *testing.T) {
	t.Parallel() // its own temporary database
	s := newTestStore(t)
	sum := mustSeed(t, s, demoOptions)
	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		if err := s.db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}

	t.Run("check passes: balances equal ledgers, the change log is whole", func(t *testing.T) {
		r, err := s.Check(ctx)
		if err != nil || !r.OK() {
			t.Fatalf("check: %v %v", err, r.Problems)
		}
		if r.Accounts != 600 || r.Txns != sum.Transactions {
			t.Fatalf("check counted %d accounts and %d transactions; the seed says %+v", r.Accounts, r.Txns, sum)
		}
		if n := count("SELECT count(*) FROM audit WHERE action LIKE 'seed accounts %'"); n != 3 {
			t.Fatalf("%d audit rows for 600 accounts in batches of %d", n, seedBatch)
		}
	})

	t.Run("no ended tenancy keeps an open Direct Debit mandate", func(t *testing.T) {
		if n := count(`SELECT count(*) FROM mandate m JOIN account a ON a.no = m.account
			WHERE a.end_date <> '' AND m.state IN ('pending', 'live')`); n != 0 {
			t.Fatalf("%d ended tenancies still have an open mandate", n)
		}
		if n := count(`SELECT count(*) FROM mandate m JOIN account a ON a.no = m.account
			WHERE a.end_date <> '' AND m.state = 'cancelled' AND m.state_on > a.end_date`); n == 0 {
			t.Fatal("no former tenancy's mandate was cancelled after its tenancy ended")
		}
	})

	t.Run("every account kind, tenancy type and payment profile", func(t *testing.T) {
		for _, k := range domain.AccountKinds {
			if n := count("SELECT count(*) FROM account WHERE kind = ?", string(k)); n == 0 {
				t.Errorf("no %s accounts", k)
			}
		}
		for _, tt := range domain.TenancyTypes {
			if n := count("SELECT count(*) FROM account WHERE tenancy_type = ?", string(tt)); n == 0 {
				t.Errorf("no %s tenancies", tt)
			}
		}
		for _, p := range []string{"dd-weekly", "dd-monthly", "standing-order", "cash-card", "uc", "uc-self", "hb", "dhp",
			"credit", "sliding", "heavy", "arrangement", "former-none", "former-sporadic", "former-credit", "sundry"} {
			if sum.Profiles[p] == 0 {
				t.Errorf("no %s payers: %v", p, sum.Profiles)
			}
		}
		for _, typ := range []string{"brought-forward", "charge", "payment", "uc", "hb", "dhp", "court-costs", "reversal"} {
			if n := count("SELECT count(*) FROM txn WHERE type = ?", typ); n == 0 {
				t.Errorf("no %s transactions", typ)
			}
		}
		if n := count("SELECT count(*) FROM account WHERE status = 'former' AND end_date = ''"); n != 0 {
			t.Errorf("%d former accounts without an end date", n)
		}
	})

	t.Run("casework: notes, events, arrangements, RTB, vulnerable, paused", func(t *testing.T) {
		if sum.Notes < 200 || sum.Events < 200 || sum.Arrangements < 10 || sum.RTBCases < 12 {
			t.Fatalf("thin casework: %+v", sum)
		}
		if n := count("SELECT count(*) FROM account WHERE paused_until > ? AND pause_reason <> ''", today.String()); n == 0 {
			t.Error("no paused case")
		}
		if n := count("SELECT count(*) FROM note WHERE follow_up <> '' AND done_on <> ''"); n == 0 {
			t.Error("no completed follow-up")
		}
		if n := count("SELECT count(*) FROM arrangement WHERE cancelled_on <> ''"); n == 0 {
			t.Error("no arrangement that was ended")
		}
		// A vulnerable resident at least two weeks in arrears.
		rows, err := s.db.QueryContext(ctx, `SELECT a.ref FROM account a JOIN resident r ON r.no = a.resident
			WHERE r.vulnerable AND a.status = 'current' AND a.balance > 0`)
		if err != nil {
			t.Fatal(err)
		}
		var refs []string
		for rows.Next() {
			var ref string
			rows.Scan(&ref)
			refs = append(refs, ref)
		}
		rows.Close()
		found := false
		for _, ref := range refs {
			a, err := s.Account(ctx, ref)
			if err != nil {
				t.Fatal(err)
			}
			if a.Balance.GreaterThan(a.WeeklyCharge(today).MulInt(2)) {
				found = true
				break
			}
		}
		if !found {
			t.Error("no vulnerable resident two weeks in arrears")
		}
	})

	t.Run("nothing is dated after today", func(t *testing.T) {
		d := today.String()
		for _, q := range []string{
			"SELECT count(*) FROM txn WHERE date > ?",
			"SELECT count(*) FROM note WHERE date > ? OR done_on > ?",
			"SELECT count(*) FROM event WHERE date > ?",
			"SELECT count(*) FROM rtb_event WHERE date > ?",
			"SELECT count(*) FROM rtb_case WHERE received > ?",
			"SELECT count(*) FROM arrangement WHERE made_on > ? OR start_date > ?",
			"SELECT count(*) FROM charge WHERE from_date > ?",
			"SELECT count(*) FROM account WHERE start_date > ? OR end_date > ? OR last_payment > ?",
		} {
			args := make([]any, strings.Count(q, "?"))
			for i := range args {
				args[i] = d
			}
			if n := count(q, args...); n != 0 {
				t.Errorf("%s: %d rows after %s", q, n, d)
			}
		}
	})

	t.Run("no card numbers anywhere", func(t *testing.T) {
		for _, q := range []string{
			"SELECT text FROM note", "SELECT detail FROM event", "SELECT detail FROM rtb_event", "SELECT note FROM rtb_check",
			"SELECT reference || ' ' || note FROM txn", "SELECT pause_reason FROM account",
			"SELECT name || ' ' || phone || ' ' || email FROM resident", "SELECT address || ' ' || postcode FROM property",
		} {
			rows, err := s.db.QueryContext(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var text string
				rows.Scan(&text)
				if _, n := domain.MaskCardNumbers(text); n > 0 {
					t.Errorf("%s: %q holds a card number", q, text)
				}
			}
			rows.Close()
		}
	})

	t.Run("weekly debits are the rent run's, every week", func(t *testing.T) {
		histStart := newSeedCalendar(today, demoOptions.Years).histStart
		rows, err := s.db.QueryContext(ctx, `SELECT a.ref, t.date, t.amount, t.run_week FROM txn t JOIN account a ON a.no = t.account
			WHERE t.type = 'charge' AND t.run_week <> '' ORDER BY a.ref, t.run_week`)
		if err != nil {
			t.Fatal(err)
		}
		type debit struct {
			date   string
			amount int64
		}
		byRef := map[string]map[string]debit{}
		for rows.Next() {
			var ref, date, week string
			var amount int64
			rows.Scan(&ref, &date, &amount, &week)
			if byRef[ref] == nil {
				byRef[ref] = map[string]debit{}
			}
			byRef[ref][week] = debit{date, amount}
		}
		rows.Close()
		for ref, debits := range byRef {
			a, err := s.Account(ctx, ref)
			if err != nil {
				t.Fatal(err)
			}
			first := domain.RentWeekStart(domain.MaxDate(histStart, a.Start))
			for m := first; !m.After(today) && (a.End.IsZero() || !m.After(a.End)); m = m.AddDays(7) {
				want, _ := domain.WeekCharge(a.Charges, m, a.Start, a.End, a.RentFreeWeeks)
				got, ok := debits[m.String()]
				switch {
				case want.IsZero() && ok:
					t.Fatalf("%s: debited %d for the rent-free or empty week of %s", ref, got.amount, m)
				case !want.IsZero() && !ok:
					t.Fatalf("%s: no debit for the week of %s (want %s)", ref, m, want)
				case ok && (got.amount != want.PenceValue() || got.date != domain.MaxDate(m, a.Start).String()):
					t.Fatalf("%s week %s: debited %d on %s, want %s on %s", ref, m, got.amount, got.date, want, domain.MaxDate(m, a.Start))
				}
				delete(debits, m.String())
			}
			if len(debits) > 0 {
				t.Fatalf("%s: debits outside the tenancy: %v", ref, debits)
			}
		}
	})

	t.Run("a quarter to a third of current accounts in arrears", func(t *testing.T) {
		current := count("SELECT count(*) FROM account WHERE status = 'current'")
		owing := count("SELECT count(*) FROM account WHERE status = 'current' AND balance > 0")
		if owing != sum.InArrears {
			t.Fatalf("the summary says %d in arrears, the database %d", sum.InArrears, owing)
		}
		if share := float64(owing) / float64(current); share < 0.25 || share > 0.35 {
			t.Fatalf("%d of %d current accounts in arrears (%.0f%%), want 25–35%%", owing, current, 100*share)
		}
	})

	t.Run("RTB claims replay lawfully at every stage", func(t *testing.T) {
		cases, err := s.RTBCases(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(cases) != sum.RTBCases {
			t.Fatalf("%d cases, the seed says %d", len(cases), sum.RTBCases)
		}
		stages := map[string]bool{}
		for _, c := range cases {
			stages[string(c.Case.Stage())] = true
		}
		for _, want := range []string{"Awaiting RTB2", "Awaiting offer (s125)", "Awaiting tenant's reply", "Notice of delay served",
			"Notice to complete served (s140)", "Completed", "Withdrawn", "Denied"} {
			if !stages[want] {
				t.Errorf("no claim at stage %q (have %v)", want, stages)
			}
		}
	})

	t.Run("asmith's morning: every rule fires, technical arrears stay off", func(t *testing.T) {
		facts, err := s.WorklistFacts(ctx, "asmith", today, worklist.DefaultPolicy())
		if err != nil {
			t.Fatal(err)
		}
		if len(facts) != 300 {
			t.Fatalf("asmith's patch has %d accounts, want half of 600", len(facts))
		}
		lines := worklist.Build(facts, today, worklist.DefaultPolicy())
		has := map[worklist.Rule]int{}
		triaged, technicalOff, ucOff := 0, 0, 0
		for _, l := range lines {
			for _, it := range l.Items() {
				has[it.Rule]++
			}
			if l.Triaged() {
				triaged++
			} else if l.Technical != "" {
				technicalOff++
				if strings.HasPrefix(l.Technical, "UC pays") || strings.HasPrefix(l.Technical, "HB pays") {
					ucOff++
				}
			}
		}
		for _, r := range worklist.Rules {
			if has[r] < 3 {
				t.Errorf("rule %s fires on %d of asmith's accounts, want at least 3", r, has[r])
			}
		}
		if triaged > 80 {
			t.Errorf("%d lines to triage of 300 accounts: too many for a morning", triaged)
		}
		if technicalOff < 5 || ucOff < 3 {
			t.Errorf("%d accounts held off as technical arrears (%d UC/HB), want a visible number", technicalOff, ucOff)
		}
	})

	// Last: it writes.
	t.Run("the rent run finds this week already debited", func(t *testing.T) {
		run, err := s.RentRun(ctx, today)
		if err != nil {
			t.Fatal(err)
		}
		if run.Posted != 0 || run.AlreadyRun == 0 {
			t.Fatalf("rent run after seeding: %+v", run)
		}
	})
}

// BenchmarkSeed writes CASELOAD_BENCH_ACCOUNTS accounts (default 1,000)
// with five years of history, as `caseload seed` does for the benchmarks.
func BenchmarkSeed(b *testing.B) {
	n := 1000
	if v := os.Getenv("CASELOAD_BENCH_ACCOUNTS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			b.Fatalf("CASELOAD_BENCH_ACCOUNTS=%q is not a number of accounts", v)
		}
	}
	var sum Summary
	var size int64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "bench.db")
		s, err := store.Open(path, store.Options{Officer: "bench", ReplicaName: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err = Write(ctx, s, Options{Accounts: n, Years: 5, Seed: 1, Today: today})
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
		size = 0
		for _, f := range []string{path, path + "-wal"} {
			if st, err := os.Stat(f); err == nil {
				size += st.Size()
			}
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(sum.Accounts), "accounts")
	b.ReportMetric(float64(sum.Transactions), "txns")
	b.ReportMetric(float64(size)/(1<<20), "MiB")
}
