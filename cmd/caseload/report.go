package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"caseload/domain"
	"caseload/domain/report"
)

func init() {
	kit{name: "report", usage: "report --scope officer|team|borough [--officer X[,Y]] --period P [--weeks N] [--format table|csv|json|xlsx] [--out FILE]",
		help:  "performance figures for a patch, a team (officers a,b) or the borough over a period (2026-11, 2026, 2026-W47, 2026-11-01..2026-11-30), each with its formula, and the weekly trend; a closed period keeps a snapshot",
		flags: true}.define(runReport)
}

// reportOutput is a report and its trend as every format writes it.
type reportOutput struct {
	r     report.Report
	trend []report.Point
}

func runReport(c *call) error {
	scope := c.fs.String("scope", "", "officer, team or borough")
	period := c.fs.String("period", "", "2026-11, 2026, 2026-W47 or 2026-11-01..2026-11-30")
	format := c.fs.String("format", "table", "table, csv, json or xlsx")
	out := c.fs.String("out", "", "write to FILE instead of standard output")
	weeks := c.fs.Int("weeks", report.YearWeeks, "weekly points of trend ending with the period's last whole week: 53 reach the same week last year (0: none)")
	if err := c.parse(); err != nil {
		return err
	}
	switch *format {
	case "table", "csv", "json", "xlsx":
	default:
		return usagef("caseload report: --format %q: use table, csv, json or xlsx", *format)
	}
	if *format == "xlsx" && *out == "" {
		return usagef("caseload report: --format xlsx needs --out FILE.xlsx")
	}
	if *scope == "" || *period == "" {
		return usagef("caseload report: give --scope and --period (usage: caseload %s)", c.kit.usage)
	}
	if *weeks < 0 || *weeks > 520 {
		return domain.Invalid("--weeks", "give 0 to 520 weeks, not %d", *weeks)
	}
	var officers []string
	if *scope != string(report.ScopeBorough) {
		officers = strings.Split(c.value(c.settings.officer, "CASELOAD_OFFICER"), ",")
	} else if c.settings.officer != "" {
		return domain.Invalid("--officer", "scope borough covers every officer: leave --officer out, or use --scope officer or team")
	}
	sc, err := report.NewScope(*scope, officers)
	if err != nil {
		return err
	}
	p, err := report.ParsePeriod(*period)
	if err != nil {
		return err
	}
	if sc.Kind != report.ScopeBorough {
		// The officers are the scope; the report's own writes (a snapshot)
		// are signed by the first of them.
		c.settings.officer = sc.Officers[0]
	}
	if err := c.session(); err != nil {
		return err
	}
	for _, o := range sc.Officers {
		has, err := c.st.HasPatch(c.ctx, o)
		if err != nil {
			return err
		}
		if !has {
			return domain.Invalid("--officer", "no account is in %s's patch: check the name (officers are as in `caseload account show`)", o)
		}
	}
	var o reportOutput
	if *weeks > 0 {
		o.r, o.trend, err = c.st.ReportWithTrend(c.ctx, sc, p, c.today, *weeks, report.TrendEnd(p, c.today))
	} else {
		o.r, err = c.st.Report(c.ctx, sc, p, c.today)
	}
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	switch *format {
	case "json":
		err = writeJSON(&buf, reportJSON(o))
	case "csv":
		err = writeReportCSV(&buf, o)
	case "xlsx":
		err = writeReportXLSX(&buf, o)
	default:
		writeReportTable(&buf, o)
	}
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = io.Copy(c.stdout, &buf)
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o600); err != nil {
		return fmt.Errorf("write the report: %w", err)
	}
	fmt.Fprintf(c.stdout, "report written to %s\n", *out)
	return nil
}

// reportHead is the report's heading lines: scope, period, cut-off, and the
// snapshot comparison.
func reportHead(r report.Report) [][2]string {
	h := [][2]string{
		{"Scope", r.Scope.Label()},
		{"Period", r.Period.Label + ": " + r.Period.Words()},
		{"Year to date", r.YTD.Words()},
		{"Ledger", r.AsAt.Words},
	}
	if r.Late.Count > 0 {
		h = append(h, [2]string{"Later adjustments", fmt.Sprintf("%d postings dated in or before the period, %s, arrived after the cut-off: not in these figures", r.Late.Count, r.Late.Amount.Human())})
	}
	if r.Snapshot != nil {
		h = append(h, [2]string{"Snapshot", r.Snapshot.Words()})
	}
	return h
}

func writeReportTable(w io.Writer, o reportOutput) {
	fields(w, reportHead(o.r))
	for _, t := range o.r.Tables {
		fmt.Fprintf(w, "\n%s\n", t.Title)
		tb := table{header: []string{"Measure", "Value", "Formula"}, right: map[int]bool{1: true}}
		for _, m := range t.Measures {
			f := m.Formula
			if m.Note != "" {
				f += " [" + m.Note + "]"
			}
			tb.add(m.Label, m.Shown(), f)
		}
		tb.write(w, "table")
	}
	if o.r.Snapshot != nil && len(o.r.Snapshot.Differences) > 0 {
		fmt.Fprintln(w, "\nDifferences from the snapshot")
		tb := table{header: []string{"Measure", "Snapshot", "Now", "Why"}, right: map[int]bool{1: true, 2: true}}
		for _, d := range o.r.Snapshot.Differences {
			tb.add(d.Label, d.Was, d.Now, d.Why)
		}
		tb.write(w, "table")
	}
	if len(o.r.Late.Rows) > 0 {
		fmt.Fprintln(w, "\nLater adjustments (arrived after the cut-off, latest first)")
		tb := table{header: []string{"Ref", "Date", "Type", "Amount"}, right: map[int]bool{3: true}}
		for _, l := range o.r.Late.Rows {
			tb.add(l.Ref, l.Date.String(), l.Type.Label(), l.Amount.Human())
		}
		tb.write(w, "table")
	}
	if len(o.trend) > 0 {
		fmt.Fprintf(w, "\nWeekly trend (%d weeks)\n", len(o.trend))
		for _, s := range report.TrendWords(o.trend) {
			fmt.Fprintln(w, "  "+s)
		}
		tb := table{header: trendHeader(), right: map[int]bool{1: true, 2: true, 3: true, 4: true, 5: true}}
		for _, p := range o.trend {
			tb.add(trendRow(p, func(m domain.Money) string { return m.Human() })...)
		}
		tb.write(w, "table")
		fmt.Fprintln(w, "  Arrears: "+report.TrendFormulas["arrears"])
		fmt.Fprintln(w, "  Rate: "+report.TrendFormulas["rate"]+" ["+report.TrendFormulas["unconfirmed"]+"]")
		fmt.Fprintln(w, "  Stages: "+report.TrendFormulas["stages"]+"; "+report.TrendFormulas["as-at"])
	}
}

func trendHeader() []string {
	h := []string{"Week ending", "Arrears", "Owing", "Due", "Collected", "Rate %"}
	for _, s := range report.Stages[1:] {
		h = append(h, s.Key())
	}
	return append(h, "Snapshot")
}

func trendRow(p report.Point, money func(domain.Money) string) []string {
	rate := ""
	if p.RateDefined {
		rate = p.Rate.StringFixed(1)
	}
	row := []string{p.Week.To.String(), money(p.Arrears), fmt.Sprint(p.ArrearsAccounts), money(p.Due), money(p.Collected), rate}
	for _, s := range report.Stages[1:] {
		row = append(row, fmt.Sprint(p.Stages[s]))
	}
	return append(row, domain.YesNo(p.Snapshot))
}

// writeReportCSV writes one row per measure (and per trend week) through
// the one CSV writer.
func writeReportCSV(w io.Writer, o reportOutput) error {
	cw := newCSVWriter(w)
	cw.Write([]string{"table", "key", "label", "value", "formula", "note"})
	for _, h := range reportHead(o.r) {
		cw.Write([]string{"report", strings.ToLower(strings.ReplaceAll(h[0], " ", "-")), h[0], h[1], "", ""})
	}
	for _, t := range o.r.Tables {
		for _, m := range t.Measures {
			cw.Write([]string{t.Key, m.Key, m.Label, m.Value(), m.Formula, m.Note})
		}
	}
	if o.r.Snapshot != nil {
		for _, d := range o.r.Snapshot.Differences {
			cw.Write([]string{"snapshot", d.Key, d.Label, d.Was + " → " + d.Now, d.Why, ""})
		}
	}
	for _, p := range o.trend {
		row := trendRow(p, domain.Money.String)
		cw.Write([]string{"trend", p.Week.To.String(), "week ending " + p.Week.To.String(), strings.Join(row[1:], " "),
			"arrears owing due collected rate " + strings.Join(trendHeader()[6:], " "), ""})
	}
	return cw.Flush()
}

// JSON shapes (CLI.md: money as strings with two decimals, dates YYYY-MM-DD).
type jsonMeasure struct {
	Key      string   `json:"key"`
	Label    string   `json:"label"`
	Kind     string   `json:"kind"`
	Value    *string  `json:"value"`
	Formula  string   `json:"formula"`
	Note     string   `json:"note,omitempty"`
	Accounts []string `json:"accounts,omitempty"`
}

type jsonTable struct {
	Key      string        `json:"key"`
	Title    string        `json:"title"`
	Measures []jsonMeasure `json:"measures"`
}

type jsonPeriod struct {
	Label string      `json:"label"`
	From  domain.Date `json:"from"`
	To    domain.Date `json:"to"`
}

type jsonPoint struct {
	WeekFrom        domain.Date    `json:"week_from"`
	WeekTo          domain.Date    `json:"week_to"`
	Arrears         domain.Money   `json:"arrears"`
	ArrearsAccounts int            `json:"arrears_accounts"`
	Due             domain.Money   `json:"due"`
	Collected       domain.Money   `json:"collected"`
	Rate            *string        `json:"rate"`
	Stages          map[string]int `json:"stages"`
	Snapshot        bool           `json:"snapshot"`
}

type jsonReport struct {
	Scope        string               `json:"scope"`
	Officers     []string             `json:"officers"`
	Period       jsonPeriod           `json:"period"`
	YTD          jsonPeriod           `json:"year_to_date"`
	Today        domain.Date          `json:"today"`
	LedgerRow    int64                `json:"ledger_row"`
	AsAt         string               `json:"as_at"`
	Tables       []jsonTable          `json:"tables"`
	Late         []report.LatePosting `json:"later_adjustments"`
	LateCount    int                  `json:"later_adjustments_count"`
	LateAmount   domain.Money         `json:"later_adjustments_amount"`
	Snapshot     *jsonSnapshot        `json:"snapshot"`
	Trend        []jsonPoint          `json:"trend"`
	TrendWords   []string             `json:"trend_words"`
	TrendFormula map[string]string    `json:"trend_formulas"`
}

type jsonSnapshot struct {
	Taken       string              `json:"taken"`
	Words       string              `json:"words"`
	Differences []report.Difference `json:"differences"`
}

func reportJSON(o reportOutput) jsonReport {
	r := o.r
	j := jsonReport{Scope: string(r.Scope.Kind), Officers: r.Scope.Officers,
		Period: jsonPeriod{r.Period.Label, r.Period.From, r.Period.To}, YTD: jsonPeriod{r.YTD.Label, r.YTD.From, r.YTD.To},
		Today: r.Today, LedgerRow: r.AsAt.LedgerRow, AsAt: r.AsAt.Words, Late: r.Late.Rows, LateCount: r.Late.Count,
		LateAmount: r.Late.Amount, TrendWords: report.TrendWords(o.trend), TrendFormula: report.TrendFormulas,
		Tables: []jsonTable{}, Trend: []jsonPoint{}}
	if j.Officers == nil {
		j.Officers = []string{}
	}
	if j.Late == nil {
		j.Late = []report.LatePosting{}
	}
	for _, t := range r.Tables {
		jt := jsonTable{Key: t.Key, Title: t.Title}
		for _, m := range t.Measures {
			jm := jsonMeasure{Key: m.Key, Label: m.Label, Kind: string(m.Kind), Formula: m.Formula, Note: m.Note, Accounts: m.Accounts}
			if v := m.Value(); v != "" || m.Kind != report.KindPercent {
				jm.Value = &v
			}
			jt.Measures = append(jt.Measures, jm)
		}
		j.Tables = append(j.Tables, jt)
	}
	if r.Snapshot != nil {
		j.Snapshot = &jsonSnapshot{Taken: r.Snapshot.Snapshot.Taken, Words: r.Snapshot.Words(), Differences: r.Snapshot.Differences}
		if j.Snapshot.Differences == nil {
			j.Snapshot.Differences = []report.Difference{}
		}
	}
	for _, p := range o.trend {
		jp := jsonPoint{WeekFrom: p.Week.From, WeekTo: p.Week.To, Arrears: p.Arrears, ArrearsAccounts: p.ArrearsAccounts,
			Due: p.Due, Collected: p.Collected, Stages: map[string]int{}, Snapshot: p.Snapshot}
		if p.RateDefined {
			v := p.Rate.StringFixed(1)
			jp.Rate = &v
		}
		for _, s := range report.Stages {
			jp.Stages[s.Key()] = p.Stages[s]
		}
		j.Trend = append(j.Trend, jp)
	}
	return j
}
