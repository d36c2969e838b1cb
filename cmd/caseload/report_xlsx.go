package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"caseload/domain"
	"caseload/domain/report"
)

// writeReportXLSX writes the report as a workbook: a Report sheet (the
// heading), one sheet per table of measures, a Trend sheet and a Chart
// sheet of the trend. Money, counts and percentages are number cells
// written from their exact decimal text; dates are date cells.
func writeReportXLSX(w io.Writer, o reportOutput) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Report"); err != nil {
		return err
	}
	moneyStyle, err := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	if err != nil {
		return err
	}
	pctStyle, err := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	if err != nil {
		return err
	}
	dateFmt := "yyyy-mm-dd"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	var werr error
	set := func(sheet, cell string, v any) {
		if werr == nil {
			werr = f.SetCellValue(sheet, cell, v)
		}
	}
	number := func(sheet, cell, v string, style int) {
		if werr != nil || v == "" {
			return
		}
		if werr = f.SetCellDefault(sheet, cell, v); werr == nil && style != 0 {
			werr = f.SetCellStyle(sheet, cell, cell, style)
		}
	}
	date := func(sheet, cell string, d domain.Date) {
		set(sheet, cell, time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC))
		if werr == nil {
			werr = f.SetCellStyle(sheet, cell, cell, dateStyle)
		}
	}
	cell := func(col, row int) string {
		c, _ := excelize.CoordinatesToCellName(col, row)
		return c
	}

	r := o.r
	row := 1
	for _, h := range reportHead(r) {
		set("Report", cell(1, row), h[0])
		set("Report", cell(2, row), h[1])
		row++
	}
	set("Report", cell(1, row), "From")
	date("Report", cell(2, row), r.Period.From)
	set("Report", cell(1, row+1), "To")
	date("Report", cell(2, row+1), r.Period.To)
	set("Report", cell(1, row+2), "Today")
	date("Report", cell(2, row+2), r.Today)
	f.SetColWidth("Report", "A", "A", 20)
	f.SetColWidth("Report", "B", "B", 100)

	for _, t := range r.Tables {
		sheet := sheetName(t.Title)
		if _, err := f.NewSheet(sheet); err != nil {
			return err
		}
		for i, h := range []string{"Measure", "Value", "Formula", "Note", "Key"} {
			set(sheet, cell(i+1, 1), h)
		}
		f.SetCellStyle(sheet, "A1", "E1", bold)
		for i, m := range t.Measures {
			rw := i + 2
			set(sheet, cell(1, rw), m.Label)
			switch m.Kind {
			case report.KindMoney:
				number(sheet, cell(2, rw), m.Value(), moneyStyle)
			case report.KindPercent:
				number(sheet, cell(2, rw), m.Value(), pctStyle)
			default:
				number(sheet, cell(2, rw), m.Value(), 0)
			}
			set(sheet, cell(3, rw), m.Formula)
			set(sheet, cell(4, rw), m.Note)
			set(sheet, cell(5, rw), m.Key)
		}
		f.SetColWidth(sheet, "A", "A", 55)
		f.SetColWidth(sheet, "B", "B", 16)
		f.SetColWidth(sheet, "C", "C", 90)
	}

	if len(o.trend) > 0 {
		const sheet = "Trend"
		if _, err := f.NewSheet(sheet); err != nil {
			return err
		}
		head := []string{"Week from", "Week ending", "Arrears", "Accounts owing", "Due", "Collected", "Collection rate %"}
		for _, s := range report.Stages {
			head = append(head, s.Label())
		}
		head = append(head, "From snapshot")
		for i, h := range head {
			set(sheet, cell(i+1, 1), h)
		}
		for i, p := range o.trend {
			rw := i + 2
			date(sheet, cell(1, rw), p.Week.From)
			date(sheet, cell(2, rw), p.Week.To)
			number(sheet, cell(3, rw), p.Arrears.String(), moneyStyle)
			number(sheet, cell(4, rw), fmt.Sprint(p.ArrearsAccounts), 0)
			number(sheet, cell(5, rw), p.Due.String(), moneyStyle)
			number(sheet, cell(6, rw), p.Collected.String(), moneyStyle)
			if p.RateDefined {
				number(sheet, cell(7, rw), p.Rate.StringFixed(1), pctStyle)
			}
			for j, s := range report.Stages {
				number(sheet, cell(8+j, rw), fmt.Sprint(p.Stages[s]), 0)
			}
			set(sheet, cell(8+len(report.Stages), rw), domain.YesNo(p.Snapshot))
		}
		last := len(o.trend) + 1
		note := last + 2
		for _, k := range []string{"arrears", "rate", "stages", "as-at", "unconfirmed"} {
			set(sheet, cell(1, note), k)
			set(sheet, cell(2, note), report.TrendFormulas[k])
			note++
		}
		if werr != nil {
			return werr
		}
		series := func(name string, col string) excelize.ChartSeries {
			return excelize.ChartSeries{Name: "Trend!$" + col + "$1", Categories: fmt.Sprintf("Trend!$B$2:$B$%d", last),
				Values: fmt.Sprintf("Trend!$%s$2:$%s$%d", col, col, last)}
		}
		if err := f.AddChartSheet("Chart", &excelize.Chart{Type: excelize.Line,
			Series: []excelize.ChartSeries{series("Arrears", "C")},
			Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Current tenant arrears by week: " + r.Scope.Label()}}},
		}); err != nil {
			return err
		}
	}
	if werr != nil {
		return werr
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// sheetName is a table title cut to Excel's 31 characters without the
// characters a sheet name may not hold.
func sheetName(title string) string {
	out := []rune{}
	for _, r := range title {
		switch r {
		case '\\', '/', '?', '*', '[', ']', ':':
			continue
		}
		out = append(out, r)
	}
	if len(out) > 31 {
		out = out[:31]
	}
	return strings.TrimSpace(string(out))
}
