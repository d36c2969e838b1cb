package main

import (
	"fmt"
	"os"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/rtb"
	"caseload/store"
)

// The reference tables a council keeps up to date — bank holidays, UC
// standard allowances, Right to Buy discount caps — each listed by its own
// command and loaded by one helper (referenceLoad).

func init() {
	kit{name: "rates", usage: "rates [--claimant TYPE [--on D]] [--format table|csv|json]", help: "the Universal Credit standard allowances by year, with their sources (--format csv writes the file `rates load` reads); with --claimant, the rent-arrears deduction range (10%–20%) on a date (default today), as the arrangement pane shows it", flags: true, format: true}.define(runRates)
	kit{name: "rates load", usage: "rates load FILE.csv", help: "replace the UC standard allowances with a corrected table (columns: " + joined(arrangement.AllowanceColumns) + ")"}.define(referenceLoad(store.RefUCRates))
	kit{name: "rtb caps", usage: "rtb caps [load FILE.csv] [--format table|csv|json]", help: "the Right to Buy discount caps by date, with their sources; `load` replaces them with a corrected table (columns: " + joined(rtb.CapColumns) + ")", format: true, variadic: true}.define(runRTBCaps)
}

// referenceLoad is the one load command: it reads FILE, loads it as the
// reference table whole (a bad file: every problem as FILE:LINE, exit 3,
// nothing written) and says what changed. `rtb caps load` reaches the same
// code through loadReferenceFile.
func referenceLoad(table string) func(c *call) error {
	return func(c *call) error { return loadReferenceFile(c, table, c.pos[0]) }
}

func loadReferenceFile(c *call, table, file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("read %s: %w", file, err)
	}
	if err := c.open(); err != nil {
		return err
	}
	rep, err := c.st.LoadReference(c.ctx, table, file, data)
	for _, w := range rep.Warnings {
		fmt.Fprintln(c.stderr, "caseload: warning: "+w)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "%s: %d %s in the file, %d new", file, rep.Rows, rep.Noun, rep.New)
	if rep.Written {
		fmt.Fprintln(c.stdout, "; now in force (packs carry it to every replica)")
	} else {
		fmt.Fprintln(c.stdout, "; the table in force already says this: nothing written")
	}
	return nil
}

// referenceCSV writes the table in force as its load file.
func referenceCSV(c *call, table string) error {
	text, err := c.st.ReferenceFile(table)
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(c.stdout, text)
	return err
}

func referenceFooter(c *call, table, how string, notes []string) error {
	origin, err := c.st.ReferenceOrigin(c.ctx, table)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "\nin force: %s\n", origin)
	for _, n := range notes {
		fmt.Fprintln(c.stdout, n)
	}
	fmt.Fprintln(c.stdout, how)
	return nil
}

func runRates(c *call) error {
	claimant := c.fs.String("claimant", "", joined(arrangement.ClaimantTypes))
	on := c.fs.String("on", "", "date of the assessment period YYYY-MM-DD (default today)")
	if err := c.parse(); err != nil {
		return err
	}
	if *claimant != "" {
		return runDeduction(c, *claimant, *on)
	}
	if err := c.open(); err != nil {
		return err
	}
	years := c.st.UCRates().Years()
	switch c.format {
	case "csv":
		return referenceCSV(c, store.RefUCRates)
	case "json":
		type year struct {
			Year          string       `json:"year"`
			From          domain.Date  `json:"from"`
			To            domain.Date  `json:"to"`
			SingleUnder25 domain.Money `json:"single_under_25"`
			Single25Plus  domain.Money `json:"single_25_plus"`
			CoupleUnder25 domain.Money `json:"couple_under_25"`
			Couple25Plus  domain.Money `json:"couple_25_plus"`
			Confirmed     bool         `json:"confirmed"`
			Source        string       `json:"source"`
			Note          string       `json:"note"`
		}
		out := make([]year, len(years))
		for i, y := range years {
			m := y.Monthly
			out[i] = year{y.Label, y.From, y.To, m[arrangement.SingleUnder25], m[arrangement.Single25Plus], m[arrangement.CoupleUnder25],
				m[arrangement.Couple25Plus], y.Confirmed, y.Source, y.Note}
		}
		return writeJSON(c.stdout, out)
	}
	t := &table{header: []string{"year", "from", "to"}, right: map[int]bool{3: true, 4: true, 5: true, 6: true}}
	for _, c := range arrangement.ClaimantTypes {
		t.header = append(t.header, c.Label())
	}
	t.header = append(t.header, "confirmed")
	var notes []string
	for _, y := range years {
		row := []string{y.Label, y.From.String(), y.To.String()}
		for _, c := range arrangement.ClaimantTypes {
			row = append(row, y.Monthly[c].Human())
		}
		t.add(append(row, domain.YesNo(y.Confirmed))...)
		notes = append(notes, fmt.Sprintf("%s source: %s", y.Label, y.Source))
		if !y.Confirmed {
			notes = append(notes, fmt.Sprintf("%s is UNCONFIRMED: %s", y.Label, y.Note))
		}
	}
	fmt.Fprintln(c.stdout, "Universal Credit standard allowances, a month (rent-arrears deductions are 10%–20% of these)")
	if err := t.write(c.stdout, "table"); err != nil {
		return err
	}
	return referenceFooter(c, store.RefUCRates, "correct them: `caseload rates --format csv > rates.csv`, edit, `caseload rates load rates.csv`", notes)
}

func runRTBCaps(c *call) error {
	if len(c.pos) > 0 && c.pos[0] == "load" {
		if err := c.want(c.pos[1:], 1, "FILE.csv"); err != nil {
			return err
		}
		return loadReferenceFile(c, store.RefRTBCaps, c.pos[1])
	}
	if err := c.want(c.pos, 0, ""); err != nil {
		return err
	}
	if err := c.open(); err != nil {
		return err
	}
	rows := c.st.RTBCaps().Rows()
	switch c.format {
	case "csv":
		return referenceCSV(c, store.RefRTBCaps)
	case "json":
		type capRow struct {
			From      domain.Date  `json:"from"`
			To        *domain.Date `json:"to"`
			Region    string       `json:"region"`
			Authority string       `json:"authority"`
			Cap       domain.Money `json:"cap"`
			Confirmed bool         `json:"confirmed"`
			Source    string       `json:"source"`
			Note      string       `json:"note"`
		}
		out := make([]capRow, len(rows))
		for i, r := range rows {
			out[i] = capRow{r.From, datePtr(r.To), string(r.Region), r.Authority, r.Cap, r.Confirmed, r.Source, r.Note}
		}
		return writeJSON(c.stdout, out)
	}
	t := &table{header: []string{"RTB1 served from", "to", "region", "authority", "cap", "confirmed"}, right: map[int]bool{4: true}}
	var notes []string
	for _, r := range rows {
		to := "—"
		if !r.To.IsZero() {
			to = r.To.String()
		}
		region := r.Region.Label()
		if r.Region == rtb.AllRegions {
			region = "every other region"
		}
		t.add(r.From.String(), to, region, r.Authority, r.Cap.Human(), domain.YesNo(r.Confirmed))
		if !r.Confirmed && r.Region == rtb.AllRegions {
			notes = append(notes, fmt.Sprintf("from %s UNCONFIRMED: %s (%s)", r.From, r.Note, r.Source))
		}
	}
	fmt.Fprintln(c.stdout, "Right to Buy discount cash caps (s131): the cap in force on the day the RTB1 was served applies")
	if err := t.write(c.stdout, "table"); err != nil {
		return err
	}
	return referenceFooter(c, store.RefRTBCaps, "correct them: `caseload rtb caps --format csv > caps.csv`, edit, `caseload rtb caps load caps.csv`", notes)
}

// runDeduction is the CLI twin of the arrangement pane's UC deduction range.
func runDeduction(c *call, claimant, on string) error {
	who, err := arrangement.ParseClaimantType(claimant)
	if err != nil {
		return err
	}
	day, err := optionalDate("--on", on)
	if err != nil {
		return err
	}
	if day.IsZero() {
		if day, err = c.Today(); err != nil {
			return err
		}
	}
	if err := c.open(); err != nil {
		return err
	}
	rates := c.st.UCRates()
	sa, _, err := rates.StandardAllowance(who, day)
	if err != nil {
		return err
	}
	lo, hi, source, err := rates.DeductionRange(who, day)
	if err != nil {
		return err
	}
	if c.format == "json" {
		return writeJSON(c.stdout, struct {
			Claimant          string       `json:"claimant"`
			On                domain.Date  `json:"on"`
			StandardAllowance domain.Money `json:"standard_allowance"`
			Min               domain.Money `json:"deduction_min"`
			Max               domain.Money `json:"deduction_max"`
			Source            string       `json:"source"`
		}{string(who), day, sa, lo, hi, source})
	}
	fields(c.stdout, [][2]string{
		{"Claimant", who.Label()},
		{"On", day.Human()},
		{"Standard allowance", sa.Human() + " a month"},
		{"Deduction for arrears", lo.Human() + "–" + hi.Human() + " a month (10%–20%)"},
		{"Source", source},
	})
	return nil
}
