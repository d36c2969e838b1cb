package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"modernc.org/sqlite"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/worklist"
)

// planRecorder keeps every statement a store runs while on, with the
// arguments of its first run, so a test can ask SQLite for its plan.
type planRecorder struct {
	mu    sync.Mutex
	on    string // the operation being recorded; "" records nothing
	seen  map[string]bool
	stmts []recordedStmt
}

type recordedStmt struct {
	op, query string
	args      []any
}

func (r *planRecorder) add(query string, args []driver.NamedValue) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.on == "" || r.seen[r.on+"\x00"+query] {
		return
	}
	r.seen[r.on+"\x00"+query] = true
	vals := make([]any, len(args))
	for i, a := range args {
		vals[i] = a.Value
	}
	r.stmts = append(r.stmts, recordedStmt{r.on, query, vals})
}

func (r *planRecorder) record(op string) {
	r.mu.Lock()
	r.on = op
	r.mu.Unlock()
}

type recDriver struct{ rec *planRecorder }

func (d recDriver) Open(name string) (driver.Conn, error) {
	c, err := (&sqlite.Driver{}).Open(name)
	if err != nil {
		return nil, err
	}
	return &recConn{Conn: c, rec: d.rec}, nil
}

type recConn struct {
	driver.Conn
	rec *planRecorder
}

func (c *recConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	st, err := c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return &recStmt{Stmt: st, query: query, rec: c.rec}, nil
}

func (c *recConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func (c *recConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	c.rec.add(query, args)
	return c.Conn.(driver.QueryerContext).QueryContext(ctx, query, args)
}

func (c *recConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	c.rec.add(query, args)
	return c.Conn.(driver.ExecerContext).ExecContext(ctx, query, args)
}

type recStmt struct {
	driver.Stmt
	query string
	rec   *planRecorder
}

func (s *recStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	s.rec.add(s.query, args)
	return s.Stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
}

func (s *recStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	s.rec.add(s.query, args)
	return s.Stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

var (
	planRec     = &planRecorder{seen: map[string]bool{}}
	planRegOnce sync.Once
)

// fullScan finds a plan step that reads the whole of txn or change (a
// SCAN, through the table or any index of it) other than through a
// partial index, which holds only the rows it names.
var planScan = regexp.MustCompile(`^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?`)

// partialIndexes are the indexes that hold only some rows of their table:
// reading one whole reads only those rows.
var partialIndexes = map[string]bool{"txn_reverses": true, "txn_credits": true, "txn_run_week": true, "change_account": false}

// rentRunOps are the rent run's operations: a borough's run reads the
// ledger only through the run-week probe (runWeekProbeSQL), never an
// account's rows (its summary is brought up to date in place), so it
// stays well under 2 s however long the ledger.
var rentRunOps = map[string]bool{"rent run": true, "rent run again": true}

// planTable is a plan step reading a table (SCAN or SEARCH).
var planTable = regexp.MustCompile(`^(?:SCAN|SEARCH) (\w+)`)

// wholeTableOK are statements that read at most one row of a scan by
// design (an EXISTS with no condition stops at the first row).
var wholeTableOK = map[string]bool{"SELECT EXISTS (SELECT 1 FROM change)": true}

// TestHotStatementsUseIndexes records every statement the store runs for
// the worklist, a payment, a reversal, the rent run and its re-run, and two
// imports (one with a reversal in it), then asks SQLite for each plan:
// none may read the whole ledger, change log or period records.
func TestHotStatementsUseIndexes(t *testing.T) {
	planRegOnce.Do(func() { sql.Register("sqlite-plan", recDriver{planRec}) })
	driverName = "sqlite-plan"
	office := newReplica(t, "office")
	laptop := newReplica(t, "laptop")
	driverName = "sqlite"
	refs := benchLedger(t, office, 40, 30)

	// A first pack so the laptop holds part of the office's log.
	first := mustExport(t, office, ExportOptions{Changes: true, For: "laptop"})
	rec := planRec
	rec.record("import")
	mustImport(t, laptop, first, "")
	rec.record("")

	rec.record("worklist")
	if _, err := office.WorklistFacts(ctx, "", today, worklist.DefaultPolicy()); err != nil {
		t.Fatal(err)
	}
	// A live arrangement, so the payment, the reversal and the rent run
	// keep its rows (planrows.go) and the worklist reads them.
	rec.record("arrangement")
	if _, err := office.AddArrangement(ctx, NewArrangement{Ref: refs[3], Start: today.AddDays(-21), Frequency: arrangement.Weekly,
		Instalment: amt("5.00")}, today, worklist.DefaultPolicy()); err != nil {
		t.Fatal(err)
	}
	rec.record("worklist")
	if _, err := office.WorklistFacts(ctx, "", today, worklist.DefaultPolicy()); err != nil {
		t.Fatal(err)
	}
	rec.record("payment")
	pay := mustPost(t, office, Posting{Ref: refs[3], Kind: PostPayment, Amount: amt("25.00"), Method: domain.MethodCash})
	rec.record("reversal")
	mustPost(t, office, Posting{Ref: refs[3], Kind: PostReverse, Of: pay.IDs[0]})
	rec.record("rent run")
	week := domain.RentWeekStart(today)
	if _, err := office.RentRun(ctx, week); err != nil {
		t.Fatal(err)
	}
	rec.record("rent run again")
	if _, err := office.RentRun(ctx, week); err != nil {
		t.Fatal(err)
	}
	rec.record("")
	// The second pack carries the reversal: its import settles it.
	second := mustExport(t, office, ExportOptions{Changes: true, For: "laptop"})
	rec.record("import")
	mustImport(t, laptop, second, "")
	rec.record("")

	ops := map[string]int{}
	for _, st := range rec.stmts {
		ops[st.op]++
	}
	for _, op := range []string{"worklist", "arrangement", "payment", "reversal", "rent run", "rent run again", "import"} {
		if ops[op] == 0 {
			t.Fatalf("no statement recorded for %s: the recorder does not see the store", op)
		}
	}
	// The period records (report_periods.go) are kept by every ledger
	// write: appended by a payment and the rent run, worked out again
	// from the ledger after a reversal.
	periods := map[string]bool{}
	for _, st := range rec.stmts {
		if strings.Contains(st.query, "account_period") {
			periods[st.op] = true
		}
	}
	for _, op := range []string{"payment", "reversal", "rent run", "import"} {
		if !periods[op] {
			t.Errorf("no statement of the period records recorded for %s", op)
		}
	}

	// An import's ledger facts go to the ledger by SQL over the spool
	// (spoolledger.go). A pack past sumRowLimit reads back the accounts
	// of the rows it added, one from an origin nothing here holds asks
	// whether it carries a change twice, and one naming an account not
	// here finds the first fact that does, which these packs do not:
	// those are explained as well.
	imported := map[string]bool{}
	for _, st := range rec.stmts {
		if st.op == "import" {
			imported[st.query] = true
		}
	}
	for _, q := range []string{holdsOriginSQL, skipHeldLedgerSQL, logLedgerSQL, insertLedgerSQL, newLedgerSQL, heldLedgerSQL} {
		if !imported[q] {
			t.Errorf("the import did not run %q: the recorder does not see it", q)
		}
	}
	rec.stmts = append(rec.stmts, recordedStmt{"import", newLedgerAccountsSQL, []any{1}}, recordedStmt{"import", spoolTwiceSQL, nil},
		recordedStmt{"import", noAccountLedgerSQL, []any{2}})

	db, err := sql.Open("sqlite", "file:"+office.path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// One connection, with an import's spool attached, so the import's
	// statements over the spool can be explained too.
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, "ATTACH DATABASE ? AS spool", filepath.Join(t.TempDir(), "spool")); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{spoolSchema, spoolOrderIndex, spoolLinkIndex} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	aliases := regexp.MustCompile(`(?i)\b((?:spool\.|main\.)?(?:txn|change|account_period))\s+(?:AS\s+)?([a-z]\w*)`)
	checked := 0
	var bad []string
	for _, st := range rec.stmts {
		q := strings.TrimSpace(st.query)
		head := strings.ToUpper(strings.Fields(q + " x")[0])
		if head != "SELECT" && head != "UPDATE" && head != "DELETE" && head != "INSERT" && head != "WITH" {
			continue // PRAGMA, BEGIN, SAVEPOINT…
		}
		if wholeTableOK[q] {
			continue
		}
		tableOf := map[string]string{"txn": "txn", "change": "change", "account_period": "account_period"}
		for _, m := range aliases.FindAllStringSubmatch(q, -1) {
			if kw := strings.ToUpper(m[2]); kw != "WHERE" && kw != "JOIN" && kw != "ON" && kw != "SET" && kw != "LEFT" && kw != "GROUP" && kw != "ORDER" && kw != "VALUES" {
				tableOf[m[2]] = strings.TrimPrefix(strings.ToLower(m[1]), "main.")
			}
		}
		// An import reads its spool once through (never sorting it: the
		// order comes from its index, as a sort would hold the pack in
		// memory) and finds everything else in it by index.
		spoolScans := 0
		spool := strings.Contains(q, "spool.change")
		rows, err := db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, st.args...)
		if err != nil {
			t.Fatalf("%s: explain %q: %v", st.op, q, err)
		}
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			if spool && strings.Contains(detail, "TEMP B-TREE") {
				bad = append(bad, st.op+": "+detail+"\n\t"+q)
			}
			if rentRunOps[st.op] {
				if m := planTable.FindStringSubmatch(detail); m != nil && tableOf[m[1]] == "txn" && !strings.Contains(detail, "INDEX txn_run_week ") {
					bad = append(bad, st.op+": the ledger read other than by the run-week probe: "+detail+"\n\t"+q)
				}
			}
			m := planScan.FindStringSubmatch(detail)
			if m == nil {
				continue
			}
			table := tableOf[m[1]]
			if table == "spool.change" {
				if spoolScans++; spoolScans > 1 {
					bad = append(bad, st.op+": a second "+detail+"\n\t"+q)
				}
				continue
			}
			if table == "" || partialIndexes[m[2]] {
				continue
			}
			bad = append(bad, st.op+": "+detail+"\n\t"+q)
		}
		rows.Close()
		checked++
	}
	if checked < 20 {
		t.Fatalf("only %d statements checked", checked)
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Errorf("full scan in %s", b)
	}
}
