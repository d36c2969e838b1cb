package main

import (
	"caseload/domain/report"

	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// reportWorld is a small seeded caseload with casework: two patches,
// asmith and bkhan.
var reportWorld = &template{name: "report", setup: func(c *cli) {
	c.ok("seed", "--accounts", "60", "--years", "1", "--patch-size", "30", "--casework")
}}

// TestReportFormats: the month report as JSON, CSV and a workbook read
// back (sheet names, number and date cells, values that agree with the
// JSON), every measure with its formula.
func TestReportFormats(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	reportWorld.apply(c)

	var j struct {
		Scope  string `json:"scope"`
		Tables []struct {
			Key      string `json:"key"`
			Title    string `json:"title"`
			Measures []struct {
				Key     string  `json:"key"`
				Value   *string `json:"value"`
				Formula string  `json:"formula"`
			} `json:"measures"`
		} `json:"tables"`
		Snapshot *struct {
			Words string `json:"words"`
		} `json:"snapshot"`
		Trend []struct {
			WeekTo  string `json:"week_to"`
			Arrears string `json:"arrears"`
		} `json:"trend"`
	}
	out := c.ok("report", "--scope", "borough", "--period", "2026-10", "--format", "json")
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	values := map[string]string{}
	for _, tb := range j.Tables {
		for _, m := range tb.Measures {
			if m.Formula == "" {
				t.Errorf("%s has no formula", m.Key)
			}
			if m.Value != nil {
				values[m.Key] = *m.Value
			}
		}
	}
	if j.Scope != "borough" || len(j.Tables) < 8 || values["period.due"] == "" || j.Snapshot == nil || len(j.Trend) != report.YearWeeks {
		t.Fatalf("report JSON: scope %q, %d tables, due %q, snapshot %v, %d trend points", j.Scope, len(j.Tables), values["period.due"], j.Snapshot, len(j.Trend))
	}
	// 2026-10 ends on Saturday 31 Oct: the trend's last week is the one
	// ending Sunday 25 Oct.
	if last := j.Trend[len(j.Trend)-1].WeekTo; last != "2026-10-25" {
		t.Errorf("trend ends %s, want 2026-10-25", last)
	}

	// CSV: through the one writer, one row per measure with its formula.
	rows, err := csv.NewReader(strings.NewReader(c.ok("report", "--scope", "borough", "--period", "2026-10", "--format", "csv", "--weeks", "0"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "table,key,label,value,formula,note" {
		t.Fatalf("CSV header %v", rows[0])
	}
	found := false
	for _, r := range rows {
		if r[1] == "period.due" {
			found = r[3] == values["period.due"] && strings.Contains(r[4], "Σ charges")
		}
	}
	if !found {
		t.Errorf("CSV has no period.due row agreeing with the JSON (%s)", values["period.due"])
	}

	// The workbook, read back.
	path := filepath.Join(c.dir, "report.xlsx")
	c.ok("report", "--scope", "borough", "--period", "2026-10", "--format", "xlsx", "--out", path)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Report", "Rent due and collected", "Current tenant arrears", "Trend", "Chart"}
	sheets := strings.Join(f.GetSheetList(), "|")
	for _, w := range want {
		if !strings.Contains("|"+sheets+"|", "|"+w+"|") {
			t.Errorf("sheets %s: no %q", sheets, w)
		}
	}
	rent := "Rent due and collected"
	if v, _ := f.GetCellValue(rent, "E2"); v != "period.due" {
		t.Fatalf("first measure of %s is %q", rent, v)
	}
	typ, err := f.GetCellType(rent, "B2")
	if err != nil || (typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber) {
		t.Errorf("rent due cell type %v (%v), want a number", typ, err)
	}
	raw, _ := f.GetCellValue(rent, "B2", excelize.Options{RawCellValue: true})
	if raw != values["period.due"] {
		t.Errorf("rent due cell %q, JSON %q", raw, values["period.due"])
	}
	if formula, _ := f.GetCellValue(rent, "C2"); !strings.Contains(formula, "Σ charges") {
		t.Errorf("formula cell %q", formula)
	}
	// Trend A2 is a date cell: a serial number shown as a date.
	serial, _ := f.GetCellValue("Trend", "B2", excelize.Options{RawCellValue: true})
	shown, _ := f.GetCellValue("Trend", "B2")
	if strings.Contains(serial, "-") || shown != j.Trend[0].WeekTo {
		t.Errorf("trend date cell raw %q shown %q, want a serial shown as %s", serial, shown, j.Trend[0].WeekTo)
	}
	if a, _ := f.GetCellValue("Trend", "C2", excelize.Options{RawCellValue: true}); a != j.Trend[0].Arrears {
		t.Errorf("trend arrears cell %q, JSON %q", a, j.Trend[0].Arrears)
	}
}

// TestReportRefusals: a bad period or scope is refused with exit 3 and
// nothing written; a workbook with nowhere to go is a usage error.
func TestReportRefusals(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	reportWorld.apply(c)
	before := c.dump()
	for _, args := range [][]string{
		{"report", "--scope", "borough", "--period", "2026-13"},
		{"report", "--scope", "borough", "--period", "2026-11-30..2026-11-01"},
		{"report", "--scope", "borough", "--period", "2026-W54"},
		{"report", "--scope", "fleet", "--period", "2026-10"},
		{"report", "--scope", "team", "--officer", "asmith,nobody", "--period", "2026-10"},
		{"report", "--scope", "borough", "--officer", "asmith", "--period", "2026-10"},
	} {
		c.refused(exitInvalid, args...)
	}
	c.refused(exitUsage, "report", "--scope", "borough", "--period", "2026-10", "--format", "xlsx")
	c.refused(exitUsage, "report", "--scope", "borough")
	if after := c.dump(); after != before {
		t.Fatal("a refused report wrote to the database")
	}
	// A team of two patches is the sum of its officers' figures.
	due := func(args ...string) string {
		out := c.ok(append([]string{"report", "--period", "2026-11-01..2026-11-15", "--format", "json", "--weeks", "0"}, args...)...)
		var j struct {
			Tables []struct {
				Measures []struct {
					Key   string  `json:"key"`
					Value *string `json:"value"`
				} `json:"measures"`
			} `json:"tables"`
		}
		if err := json.Unmarshal([]byte(out), &j); err != nil {
			t.Fatal(err)
		}
		for _, tb := range j.Tables {
			for _, m := range tb.Measures {
				if m.Key == "period.due" {
					return *m.Value
				}
			}
		}
		return ""
	}
	a, b, team, all := due("--scope", "officer", "--officer", "asmith"), due("--scope", "officer", "--officer", "bkhan"),
		due("--scope", "team", "--officer", "asmith,bkhan"), due("--scope", "borough")
	if team != all || a == "" || b == "" || a == team {
		t.Errorf("due: asmith %s, bkhan %s, team %s, borough %s", a, b, team, all)
	}
}
