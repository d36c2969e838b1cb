package store

import (
	"database/sql"
	"regexp"
	"strings"
	"testing"

	"caseload/domain"
	"caseload/domain/report"
)

// TestReportStatementsUseIndexes records every statement a borough report,
// a patch report, a trend and a patch report with its trend run, and asks
// SQLite for each plan: none may read the whole ledger, change log or
// period records (TestHotStatementsUseIndexes' rule).
func TestReportStatementsUseIndexes(t *testing.T) {
	planRegOnce.Do(func() { sql.Register("sqlite-plan", recDriver{planRec}) })
	driverName = "sqlite-plan"
	office := newReplica(t, "office")
	driverName = "sqlite"
	refs := benchLedger(t, office, 40, 30)
	pay := mustPost(t, office, Posting{Ref: refs[3], Kind: PostPayment, Amount: amt("25.00"), Method: domain.MethodCash})
	mustPost(t, office, Posting{Ref: refs[3], Kind: PostReverse, Of: pay.IDs[0]})

	rec := planRec
	month, _ := report.ParsePeriod("2026-10")
	borough, _ := report.NewScope("borough", nil)
	patch, _ := report.NewScope("officer", []string{"office"})
	for _, run := range []struct {
		op string
		fn func() error
	}{
		{"report borough", func() error { _, err := office.Report(ctx, borough, month, today); return err }},
		{"report patch", func() error { _, err := office.Report(ctx, patch, month, today); return err }},
		{"report rerun", func() error { _, err := office.Report(ctx, borough, month, today); return err }},
		{"report trend", func() error { _, err := office.ReportTrend(ctx, borough, 52, today); return err }},
		{"report with trend", func() error { _, _, err := office.ReportWithTrend(ctx, patch, month, today, 53, today); return err }},
	} {
		rec.record(run.op)
		err := run.fn()
		rec.record("")
		if err != nil {
			t.Fatalf("%s: %v", run.op, err)
		}
	}
	db, err := sql.Open("sqlite", "file:"+office.path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	aliases := regexp.MustCompile(`(?i)\b(txn|change|account_period)\s+(?:AS\s+)?(?:INDEXED BY \w+\s+)?([a-z]\w*)`)
	checked := 0
	for _, st := range rec.stmts {
		if !strings.HasPrefix(st.op, "report") {
			continue
		}
		q := strings.TrimSpace(st.query)
		if head := strings.ToUpper(strings.Fields(q + " x")[0]); head != "SELECT" && head != "INSERT" {
			continue
		}
		tableOf := map[string]string{"txn": "txn", "change": "change", "account_period": "account_period"}
		for _, m := range aliases.FindAllStringSubmatch(q, -1) {
			if kw := strings.ToUpper(m[2]); kw != "WHERE" && kw != "JOIN" && kw != "ON" && kw != "CROSS" && kw != "GROUP" && kw != "ORDER" {
				tableOf[m[2]] = strings.ToLower(m[1])
			}
		}
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
			t.Logf("%s: %s", st.op, detail)
			m := planScan.FindStringSubmatch(detail)
			if m == nil || tableOf[m[1]] == "" || partialIndexes[m[2]] {
				continue
			}
			t.Errorf("full scan in %s: %s\n\t%s", st.op, detail, q)
		}
		rows.Close()
		checked++
	}
	if checked < 12 {
		t.Fatalf("only %d report statements checked", checked)
	}
}
