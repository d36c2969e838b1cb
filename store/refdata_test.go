package store

import (
	"encoding/hex"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/rtb"
)

// The reference files as a council would write them.
const (
	holidays2029 = `{"england-and-wales":{"division":"england-and-wales","events":[
		{"title":"New Year’s Day","date":"2029-01-01"},{"title":"Good Friday","date":"2029-03-30"},
		{"title":"Christmas Day","date":"2028-12-25"}]}}`
	ratesHeader    = "year,from,to,single_under_25,single_25_plus,couple_under_25,couple_25_plus,confirmed,source,note\n"
	ratesCorrected = ratesHeader +
		"2025/26,2025-04-06,2026-04-05,316.98,400.14,497.55,628.10,yes,CPAG 2025/26,\n" +
		"2026/27,2026-04-06,2027-04-05,338.58,424.90,528.34,666.97,yes,gov.uk benefit and pension rates 2026 to 2027 (checked by the council),\n"
	capsHeader = "from,to,region,authority,cap,confirmed,source,note\n"
)

// capsCorrected is the shipped caps file with the 2023 England cap checked
// against the order and corrected by the council.
func capsCorrected(t testing.TB, s *Store) string {
	t.Helper()
	text, err := s.ReferenceFile(RefRTBCaps)
	if err != nil {
		t.Fatal(err)
	}
	old := "2023-04-06,2024-04-05,all,,96000.00,no,"
	i := strings.Index(text, old)
	if i < 0 {
		t.Fatalf("no 2023 row in\n%s", text)
	}
	end := i + strings.Index(text[i:], "\n")
	return text[:i] + "2023-04-06,2024-04-05,all,,95900.00,yes,the 2023 uprating order (checked by the council)," + text[end:]
}

func mustLoad(t testing.TB, s *Store, table, file string) ReferenceLoad {
	t.Helper()
	rep, err := s.LoadReference(ctx, table, table+".file", []byte(file))
	if err != nil {
		t.Fatalf("load %s: %v", table, err)
	}
	return rep
}

// figures are what the reference tables decide, as an officer sees them.
func figures(t testing.TB, s *Store) string {
	t.Helper()
	lo, hi, src, err := s.UCRates().DeductionRange(arrangement.Couple25Plus, domain.MustDate(2026, time.November, 1))
	if err != nil {
		t.Fatal(err)
	}
	d, err := rtb.CalculateDiscount(rtb.DiscountClaim{Value: domain.Pounds(400_000), Years: 30, Property: rtb.House, Region: rtb.NorthWest,
		Received: domain.MustDate(2023, time.June, 1), PreviousDiscount: domain.Pounds(100_000), Caps: s.RTBCaps()})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Holidays()
	return strings.Join([]string{lo.String(), hi.String(), src, d.Discount.String(), d.Reason,
		h.AddWorkingDays(domain.MustDate(2029, time.March, 29), 1).String(), h.Name(domain.MustDate(2029, time.January, 1))}, "\n")
}

func TestReferenceLoadsTravelInAVisitPack(t *testing.T) {
	office, laptop := newReplica(t, "office"), newReplica(t, "laptop-jsmith")
	mustCreate(t, office, "NW1001", "NW1002")
	if rep := mustLoad(t, office, RefHolidays, holidays2029); rep.Rows != 3 || rep.New != 2 || !rep.Written {
		t.Fatalf("holidays load: %+v", rep)
	}
	if rep := mustLoad(t, office, RefUCRates, ratesCorrected); rep.New != 2 || !rep.Written {
		t.Fatalf("rates load: %+v", rep)
	}
	if rep := mustLoad(t, office, RefRTBCaps, capsCorrected(t, office)); rep.New != 1 || !rep.Written {
		t.Fatalf("caps load: %+v", rep)
	}
	want := figures(t, office)
	for _, w := range []string{"66.70\n133.39\n", "(checked by the council)", "\n95900.00\n", "less earlier discounts of £100,000.00 (s130) = £140,000.00",
		"limited to the England (RTB1s served Thu 6 Apr 2023 to Fri 5 Apr 2024) cap of £95,900.00 (s131)", "2029-04-02", "New Year’s Day"} {
		if !strings.Contains(want, w) {
			t.Fatalf("office figures lack %q:\n%s", w, want)
		}
	}
	if strings.Contains(want, "UNCONFIRMED") {
		t.Fatalf("the corrected tables still say unconfirmed:\n%s", want)
	}
	mustCheck(t, office)

	// The laptop has only the shipped tables until it imports a visit pack
	// for one account: the tables come with it.
	if figures(t, laptop) == want {
		t.Fatal("the laptop computes the office's figures before any import")
	}
	mustImport(t, laptop, mustExport(t, office, ExportOptions{Accounts: []string{"NW1001"}}), "")
	if got := figures(t, laptop); got != want {
		t.Fatalf("laptop after import:\n%s\nwant:\n%s", got, want)
	}
	for _, table := range []string{RefHolidays, RefUCRates, RefRTBCaps} {
		a, _ := office.ReferenceFile(table)
		b, _ := laptop.ReferenceFile(table)
		if a != b {
			t.Fatalf("%s differs after import", table)
		}
	}
	mustCheck(t, laptop)

	// A fresh open reads the same tables back from the database.
	path := laptop.Path()
	laptop.Close()
	again, err := Open(path, Options{Officer: "jsmith", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if got := figures(t, again); got != want {
		t.Fatalf("laptop reopened:\n%s", got)
	}
}

func TestTheNewestLoadIsInForceEverywhere(t *testing.T) {
	office := newReplica(t, "office")
	// The laptop's clock is an hour behind: its load is the older one even
	// though it arrives at the office after the office's own.
	laptop, err := Open(filepath.Join(t.TempDir(), "laptop.db"), Options{Officer: "jsmith", ReplicaName: "laptop",
		Now: func() time.Time { return fixedNow().Add(-time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	defer laptop.Close()
	joinCaseload(t, laptop, office)
	older := strings.Replace(ratesCorrected, "424.90", "424.00", 1)
	mustLoad(t, laptop, RefUCRates, older)
	mustLoad(t, office, RefUCRates, ratesCorrected)
	newest, _ := office.ReferenceFile(RefUCRates)

	mustImport(t, office, mustExport(t, laptop, ExportOptions{Changes: true, For: "office"}), "")
	if got, _ := office.ReferenceFile(RefUCRates); got != newest {
		t.Fatalf("an older load arriving later replaced the table in force:\n%s", got)
	}
	mustImport(t, laptop, mustExport(t, office, ExportOptions{Changes: true, For: "laptop"}), "")
	if got, _ := laptop.ReferenceFile(RefUCRates); got != newest {
		t.Fatalf("the newer load did not take effect on the laptop:\n%s", got)
	}
	if sa, _, _ := laptop.UCRates().StandardAllowance(arrangement.Single25Plus, today); sa.String() != "424.90" {
		t.Fatalf("laptop allowance %s", sa)
	}
	mustCheck(t, office)
	mustCheck(t, laptop)
}

func TestABadReferenceFileIsRefusedWhole(t *testing.T) {
	tests := []struct {
		name  string
		table string
		file  string
		want  []string
	}{
		{"rates: a bad amount and an unconfirmed year without a note", RefUCRates, ratesHeader +
			"2025/26,2025-04-06,2026-04-05,316.98,£400.14,497.55,628.10,yes,CPAG,\n" +
			"2026/27,2026-04-06,2027-04-05,338.58,424.90,528.34,666.97,no,press,\n",
			[]string{"rates.csv:2: single_25_plus:", "rates.csv:3: note: an unconfirmed year needs a note"}},
		{"rates: overlapping years name the later line", RefUCRates, ratesHeader +
			"2025/26,2025-04-06,2026-04-05,316.98,400.14,497.55,628.10,yes,CPAG,\n" +
			"2026/27,2026-04-05,2027-04-05,338.58,424.90,528.34,666.97,yes,gov.uk,\n",
			[]string{"rates.csv:3: from: 2026/27 (2026-04-05 to 2027-04-05) overlaps 2025/26 on row 1"}},
		{"rates: a missing column", RefUCRates, "year,from,to\n2025/26,2025-04-06,2026-04-05\n", []string{"rates.csv:1: single_under_25: required column is missing"}},
		{"caps: two caps for one region at once", RefRTBCaps, capsHeader +
			"2024-11-21,,north-west,,26000.00,yes,SI 2024/1073,\n" +
			"2024-11-21,,north-west,,27000.00,yes,SI 2024/1073,\n",
			[]string{"caps.csv:3: from: overlaps row 1 for North West"}},
		{"caps: an unknown region and a cap of nothing", RefRTBCaps, capsHeader +
			"2024-11-21,,wales,,26000.00,yes,SI,\n" +
			"2024-11-21,,london,,0.00,yes,SI,\n",
			[]string{"caps.csv:2: region:", "caps.csv:3: cap: give the cap, above £0.00"}},
		{"holidays: an impossible date", RefHolidays, `{"england-and-wales":{"events":[{"title":"X","date":"2029-02-30"}]}}`,
			[]string{"holidays.json: file: event 1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestStore(t)
			before := dump(t, s) + refDump(t, s)
			name := map[string]string{RefUCRates: "rates.csv", RefRTBCaps: "caps.csv", RefHolidays: "holidays.json"}[tt.table]
			_, err := s.LoadReference(ctx, tt.table, name, []byte(tt.file))
			if err == nil || !(domain.IsValidation(err) || IsIngestError(err)) {
				t.Fatalf("not refused as bad input: %v", err)
			}
			var lines string
			var ie *IngestError
			if errors.As(err, &ie) {
				lines = strings.Join(ie.Lines(), "\n")
			} else {
				lines = err.Error()
			}
			for _, w := range tt.want {
				if !strings.Contains(lines, w) {
					t.Errorf("problems lack %q:\n%s", w, lines)
				}
			}
			if dump(t, s)+refDump(t, s) != before {
				t.Fatal("a refused file wrote something")
			}
		})
	}
}

func TestLoadingTheTableInForceWritesNothing(t *testing.T) {
	s := newTestStore(t)
	shipped, _ := s.ReferenceFile(RefRTBCaps)
	before := dump(t, s)
	rep := mustLoad(t, s, RefRTBCaps, shipped)
	if rep.Written || rep.New != 0 || dump(t, s) != before {
		t.Fatalf("loading the shipped caps again wrote: %+v", rep)
	}
}

func TestImportRefusesAnInvalidReferenceLoad(t *testing.T) {
	office, laptop := newReplica(t, "office"), newReplica(t, "laptop")
	mustLoad(t, office, RefUCRates, ratesCorrected)
	// Break the load behind the software's back: its file now overlaps.
	bad := strings.Replace(ratesCorrected, "2026-04-06,2027", "2026-04-01,2027", 1)
	body := `{"table":"uc-rates","file":` + jsonString(bad) + `}`

	// A trusted peer gone bad sends it, hashed and signed as if sound.
	m, changes, _, err := decodePack(mustExport(t, office, ExportOptions{Changes: true, For: "laptop"}), "")
	if err != nil {
		t.Fatal(err)
	}
	for i := range changes {
		if changes[i].Entity == entityReference {
			changes[i].Value = []byte(body)
			changes[i].Sum = hex.EncodeToString(chainSum(changes[i].Prev, changes[i]))
		}
	}
	forged, err := encodePack(m, changes, "", true, signingKey(t, office))
	if err != nil {
		t.Fatal(err)
	}
	before := dump(t, laptop) + refDump(t, laptop)
	_, err = importTrusting(laptop, forged, ImportOptions{})
	if err == nil || !IsRefused(err) || !strings.Contains(err.Error(), "overlaps 2025/26") {
		t.Fatalf("import of an invalid table: %v", err)
	}
	if dump(t, laptop)+refDump(t, laptop) != before {
		t.Fatal("a refused import wrote something")
	}

	// Edited in the office's own file, check notices it.
	if _, err := office.db.ExecContext(ctx, "UPDATE change SET value = ? WHERE entity = 'reference'", body); err != nil {
		t.Fatal(err)
	}
	r, err := office.Check(ctx)
	if err != nil || r.OK() || !strings.Contains(strings.Join(r.Problems, "\n"), "uc-rates: its load") {
		t.Fatalf("check did not notice the broken load: %v %v", err, r.Problems)
	}
}

func TestCheckComparesEachTableWithItsLoad(t *testing.T) {
	s := newTestStore(t)
	mustLoad(t, s, RefRTBCaps, capsCorrected(t, s))
	mustLoad(t, s, RefHolidays, holidays2029)
	mustCheck(t, s)
	if _, err := s.db.ExecContext(ctx, "UPDATE rtb_cap SET cap = 1000000 WHERE region = 'north-west'"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, "DELETE FROM holiday WHERE date = '2029-03-30'"); err != nil {
		t.Fatal(err)
	}
	r, err := s.Check(ctx)
	got := strings.Join(r.Problems, "\n")
	if err != nil || !strings.Contains(got, "rtb-caps: the table in force differs from its load") || !strings.Contains(got, "holidays: the table in force differs") {
		t.Fatalf("check: %v\n%s", err, got)
	}
}

// refDump is the reference tables' content, for "nothing was written".
func refDump(t testing.TB, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{"SELECT name || origin || seq || hlc FROM reference_load", "SELECT date || title FROM holiday",
		"SELECT year || single_25_plus || source FROM uc_rate", "SELECT from_date || region || cap FROM rtb_cap"} {
		rows, err := s.db.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var v string
			rows.Scan(&v)
			b.WriteString(v + "\n")
		}
		rows.Close()
	}
	return b.String()
}

func jsonString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

// joinCaseload puts s in other's caseload, as a laptop that took its first
// visit pack from the office earlier would be, without the changes that
// pack would have brought.
func joinCaseload(t testing.TB, s, other *Store) {
	t.Helper()
	id, err := other.Identity(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, "UPDATE identity SET caseload = ?", id.Caseload); err != nil {
		t.Fatal(err)
	}
}
