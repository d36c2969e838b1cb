package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/rtb"
)

// Reference tables — the bank holidays, the UC standard allowances and the
// Right to Buy discount caps — are data the council keeps up to date. Each
// load is a change-log fact carrying the whole table in its load file's
// format, so packs carry it like any other fact and an importing replica
// validates it by the same rules as `caseload … load FILE`. The newest load
// by (HLC, origin) is the table in force on every replica; an older load
// arriving later changes nothing. Until a table is loaded, the one shipped
// with caseload is in force.

const entityReference = "reference"

// The reference tables, by the name their loads carry.
const (
	RefHolidays = "holidays"
	RefUCRates  = "uc-rates"
	RefRTBCaps  = "rtb-caps"
)

// referenceBody is a load: the table's name and the whole table as a file.
type referenceBody struct {
	Table string `json:"table"`
	File  string `json:"file"`
}

// refTable is a reference table as its load file says it: the canonical
// file text (what a load's fact carries) and one line per row.
type refTable struct {
	text     string
	lines    []string
	warnings []string
}

// refKind is one reference table: how its file is read, and how it is kept.
type refKind struct {
	noun string // "bank holiday(s)"
	// parse reads a load file by its rules; problems name the file's lines.
	parse func(file string, data []byte) (refTable, error)
	// inForce is the table in force in memory (shipped or loaded).
	inForce func(s *Store) refTable
	// stored reads the materialised table back as its canonical file.
	stored func(ctx context.Context, q queryer) (refTable, error)
	// materialise replaces the materialised table with a validated file.
	materialise func(w *writer, file string) error
}

var refKinds = map[string]refKind{
	RefHolidays: {
		noun:        "bank holiday(s)",
		parse:       parseHolidaysFile,
		inForce:     func(s *Store) refTable { return holidaysTable(s.holidays.List()) },
		stored:      storedHolidays,
		materialise: materialiseHolidays,
	},
	RefUCRates: {
		noun: "UC standard allowance year(s)",
		parse: func(file string, data []byte) (refTable, error) {
			t, _, err := parseUCRates(file, data)
			return t, err
		},
		inForce:     func(s *Store) refTable { return ratesTable(s.ucRates) },
		stored:      storedUCRates,
		materialise: materialiseUCRates,
	},
	RefRTBCaps: {
		noun: "discount cap row(s)",
		parse: func(file string, data []byte) (refTable, error) {
			t, _, err := parseRTBCaps(file, data)
			return t, err
		},
		inForce:     func(s *Store) refTable { return capsTable(s.rtbCaps) },
		stored:      storedRTBCaps,
		materialise: materialiseRTBCaps,
	},
}

// UCRates are the UC standard allowances in force.
func (s *Store) UCRates() arrangement.Allowances { return s.ucRates }

// RTBCaps are the Right to Buy discount caps in force.
func (s *Store) RTBCaps() rtb.Caps { return s.rtbCaps }

// ReferenceLoad says what loading a reference file did.
type ReferenceLoad struct {
	// Rows are the rows in the file; New those the table in force lacked.
	Rows, New int
	// Written is false when the table in force already was the file's.
	Written  bool
	Noun     string
	Warnings []string
}

// LoadReference loads a reference file (table: RefHolidays, RefUCRates or
// RefRTBCaps), validated whole first: on any problem nothing is written.
// UC rates and caps files are the whole table and replace the one in force;
// a bank holidays file (gov.uk's) adds the days caseload does not know, and
// the load carries every loaded day.
func (s *Store) LoadReference(ctx context.Context, table, file string, data []byte) (ReferenceLoad, error) {
	k, ok := refKinds[table]
	if !ok {
		return ReferenceLoad{}, fmt.Errorf("no reference table %q", table)
	}
	t, err := k.parse(file, data)
	if err != nil {
		return ReferenceLoad{}, err
	}
	in := k.inForce(s)
	have := map[string]bool{}
	for _, l := range in.lines {
		have[l] = true
	}
	rep := ReferenceLoad{Rows: len(t.lines), Noun: k.noun, Warnings: t.warnings}
	for _, l := range t.lines {
		if !have[l] {
			rep.New++
		}
	}
	if table == RefHolidays {
		if rep.New == 0 {
			return rep, nil
		}
		t = mergeHolidays(s.holidays, t)
	} else if t.text == in.text {
		return rep, nil
	}
	err = s.write(ctx, table+" load", "", func(w *writer) error {
		_, err := w.add(entityReference, "", referenceBody{Table: table, File: t.text})
		return err
	})
	rep.Written = err == nil
	return rep, err
}

// ReferenceFile is the table in force as its load file: edit it and load
// it back to correct a row.
func (s *Store) ReferenceFile(table string) (string, error) {
	k, ok := refKinds[table]
	if !ok {
		return "", fmt.Errorf("no reference table %q", table)
	}
	return k.inForce(s).text, nil
}

// ReferenceOrigin says where the table in force came from: shipped with
// caseload, or who loaded it, when and on which replica.
func (s *Store) ReferenceOrigin(ctx context.Context, table string) (string, error) {
	var officer, replica string
	var hlc int64
	err := s.db.QueryRowContext(ctx, `SELECT c.officer, c.hlc, r.name FROM reference_load l
		JOIN change c ON c.origin = l.origin AND c.seq = l.seq JOIN replica r ON r.no = l.origin WHERE l.name = ?`, table).
		Scan(&officer, &hlc, &replica)
	if errors.Is(err, sql.ErrNoRows) {
		return "shipped with caseload", nil
	}
	if err != nil {
		return "", err
	}
	at := time.UnixMilli(hlc >> 16).UTC().Format("2006-01-02 15:04 UTC")
	return fmt.Sprintf("loaded by %s on %s at %s", officer, replica, at), nil
}

// addReference materialises a load when it is newer, by (HLC, origin), than
// the load in force; an older one stays in the log and changes nothing.
func addReference(w *writer, c Change, origin int64) error {
	var b referenceBody
	if err := decodeStrict(c.Value, &b); err != nil {
		return err
	}
	k, ok := refKinds[b.Table]
	if !ok {
		return invalid("table", "%q is not a reference table (a newer caseload?)", b.Table)
	}
	if _, err := k.parse("the "+b.Table+" load "+c.ID(), []byte(b.File)); err != nil {
		return reasonLines(err)
	}
	var curOrigin, curHLC int64
	err := w.queryRow("SELECT origin, hlc FROM reference_load WHERE name = ?", b.Table).Scan(&curOrigin, &curHLC)
	switch {
	case err == nil:
		cur, err := w.replicaOf(curOrigin)
		if err != nil {
			return err
		}
		if c.HLC < curHLC || (c.HLC == curHLC && c.Origin <= cur) {
			return nil
		}
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	if err := k.materialise(w, b.File); err != nil {
		return err
	}
	if _, err := w.exec(`INSERT INTO reference_load(name, origin, seq, hlc) VALUES(?, ?, ?, ?)
		ON CONFLICT(name) DO UPDATE SET origin = excluded.origin, seq = excluded.seq, hlc = excluded.hlc`, b.Table, origin, c.Seq, c.HLC); err != nil {
		return err
	}
	w.reference = true
	return nil
}

// reasonLines folds a file's problems into one error (an import names the
// change, not a file on disk).
func reasonLines(err error) error {
	var ie *IngestError
	if errors.As(err, &ie) {
		return invalid("file", "%s", strings.Join(ie.Lines(), "; "))
	}
	return err
}

// loadReference reads the tables in force into memory (on open and after a
// write that changed one).
func (s *Store) loadReference(ctx context.Context) error {
	var extra []domain.BankHoliday
	rates, caps := arrangement.DefaultAllowances(), rtb.DefaultCaps()
	err := s.readTx(ctx, func(q queryer) error {
		var err error
		if extra, err = loadedHolidays(ctx, q); err != nil {
			return err
		}
		loaded := map[string]bool{}
		rows, err := q.QueryContext(ctx, "SELECT name FROM reference_load")
		if err != nil {
			return err
		}
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				rows.Close()
				return err
			}
			loaded[n] = true
		}
		rows.Close()
		if loaded[RefUCRates] {
			if rates, err = readUCRates(ctx, q); err != nil {
				return err
			}
		}
		if loaded[RefRTBCaps] {
			if caps, err = readRTBCaps(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read the reference tables: %w", err)
	}
	if err := s.loadModulus(ctx); err != nil {
		return fmt.Errorf("read the modulus tables: %w", err)
	}
	s.holidays, s.ucRates, s.rtbCaps = domain.DefaultHolidays().With(extra), rates, caps
	return nil
}

// checkReference proves each table in force is its newest load: the load
// pointed at is the newest in the log, and the materialised rows say what
// its fact says.
func (s *Store) checkReference(ctx context.Context, q queryer, add func(string, ...any)) error {
	type load struct {
		origin, seq, hlc int64
		id               string
		file             string
	}
	newest := map[string]load{}
	rows, err := q.QueryContext(ctx, `SELECT c.origin, c.seq, c.hlc, r.id, c.value FROM change c JOIN replica r ON r.no = c.origin
		WHERE c.entity = ? AND c.account = '' AND c.op = 'add'`, entityReference)
	if err != nil {
		return err
	}
	for rows.Next() {
		var l load
		var value string
		if err := rows.Scan(&l.origin, &l.seq, &l.hlc, &l.id, &value); err != nil {
			rows.Close()
			return err
		}
		var b referenceBody
		if err := json.Unmarshal([]byte(value), &b); err != nil {
			add("reference load %s:%d: unreadable: %v", l.id, l.seq, err)
			continue
		}
		l.file = b.File
		if n, ok := newest[b.Table]; !ok || l.hlc > n.hlc || (l.hlc == n.hlc && l.id > n.id) {
			newest[b.Table] = l
		}
	}
	rows.Close()
	names := make([]string, 0, len(refKinds))
	for n := range refKinds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		k := refKinds[name]
		n, logged := newest[name]
		var origin, seq int64
		err := q.QueryRowContext(ctx, "SELECT origin, seq FROM reference_load WHERE name = ?", name).Scan(&origin, &seq)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if logged {
				add("%s: loaded (change %s:%d) but no table is in force", name, n.id, n.seq)
			}
			continue
		case err != nil:
			return err
		}
		if !logged || origin != n.origin || seq != n.seq {
			add("%s: the table in force is not the newest load in the change log", name)
			continue
		}
		want, err := k.parse(name, []byte(n.file))
		if err != nil {
			add("%s: its load (change %s:%d) is not a valid file: %v", name, n.id, n.seq, reasonLines(err))
			continue
		}
		have, err := k.stored(ctx, q)
		if err != nil {
			add("%s: the table in force cannot be read back: %v", name, err)
			continue
		}
		if have.text != want.text {
			add("%s: the table in force differs from its load (change %s:%d)", name, n.id, n.seq)
		}
	}
	return nil
}

// ---- files ----

// csvText writes rows under a header as the reference files are written.
func csvText(header []string, rows [][]string) string {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Write(header)
	cw.WriteAll(rows)
	return b.String()
}

// fileProblem records a load file's bad row under its line and column.
func (p *problems) addErr(line int, err error) {
	var re *domain.RowError
	if errors.As(err, &re) {
		err = re.Err
	}
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		p.add(line, ve.Field, "%s", ve.Reason)
		return
	}
	p.add(line, "row", "%v", err)
}

// readRows reads a reference CSV and each row by its parser, then the whole
// table by check; every problem names the file's line.
func readRows[T any](file string, data []byte, required, optional []string, row func(map[string]string) (T, error),
	check func([]T) error) ([]T, []string, error) {
	p := &problems{file: file}
	t := readCSV(file, data, required, optional, p)
	if err := p.err(); err != nil {
		return nil, nil, err
	}
	out := make([]T, 0, len(t.rows))
	lines := make([]int, 0, len(t.rows))
	for i, r := range t.rows {
		v, err := row(r)
		if err != nil {
			p.addErr(t.lines[i], err)
			continue
		}
		out, lines = append(out, v), append(lines, t.lines[i])
	}
	if err := p.err(); err != nil {
		return nil, nil, err
	}
	if err := check(out); err != nil {
		line := 1
		var re *domain.RowError
		if errors.As(err, &re) && re.Row < len(lines) {
			line = lines[re.Row]
		}
		p.addErr(line, err)
		return nil, nil, p.err()
	}
	return out, t.warnings, nil
}

// ---- bank holidays ----

func parseHolidaysFile(file string, data []byte) (refTable, error) {
	days, err := domain.ParseBankHolidaysJSON(data)
	if err != nil {
		return refTable{}, fmt.Errorf("%s: %w", file, err)
	}
	return holidaysTable(days), nil
}

// holidaysTable is a list of holidays as the gov.uk file, in date order.
func holidaysTable(days []domain.BankHoliday) refTable {
	sorted := append([]domain.BankHoliday(nil), days...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Date.Before(sorted[j].Date) })
	type event struct {
		Title string `json:"title"`
		Date  string `json:"date"`
	}
	type division struct {
		Division string  `json:"division"`
		Events   []event `json:"events"`
	}
	d := division{Division: "england-and-wales", Events: []event{}}
	t := refTable{}
	for _, h := range sorted {
		d.Events = append(d.Events, event{Title: h.Title, Date: h.Date.String()})
		t.lines = append(t.lines, h.Date.String()) // a day is new by its date
	}
	b, _ := json.Marshal(map[string]division{"england-and-wales": d})
	t.text = string(b)
	return t
}

// mergeHolidays is the loaded days after a file's load: every day loaded
// before, and the file's days caseload did not know.
func mergeHolidays(in domain.Holidays, file refTable) refTable {
	shipped := domain.DefaultHolidays()
	var days []domain.BankHoliday
	for _, h := range in.List() {
		if !shipped.IsBankHoliday(h.Date) {
			days = append(days, h)
		}
	}
	fileDays, _ := domain.ParseBankHolidaysJSON([]byte(file.text))
	for _, h := range fileDays {
		if !in.IsBankHoliday(h.Date) {
			days = append(days, h)
			in = in.With([]domain.BankHoliday{h}) // a day twice in the file is added once
		}
	}
	return holidaysTable(days)
}

func loadedHolidays(ctx context.Context, q queryer) ([]domain.BankHoliday, error) {
	rows, err := q.QueryContext(ctx, "SELECT date, title FROM holiday ORDER BY date")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.BankHoliday
	for rows.Next() {
		var date, title string
		if err := rows.Scan(&date, &title); err != nil {
			return nil, err
		}
		out = append(out, domain.BankHoliday{Date: dateText(date), Title: title})
	}
	return out, rows.Err()
}

func storedHolidays(ctx context.Context, q queryer) (refTable, error) {
	days, err := loadedHolidays(ctx, q)
	return holidaysTable(days), err
}

func materialiseHolidays(w *writer, file string) error {
	days, err := domain.ParseBankHolidaysJSON([]byte(file))
	if err != nil {
		return err
	}
	if _, err := w.exec("DELETE FROM holiday"); err != nil {
		return err
	}
	for _, d := range days {
		if _, err := w.exec("INSERT INTO holiday(date, title) VALUES(?, ?) ON CONFLICT DO NOTHING", d.Date.String(), d.Title); err != nil {
			return err
		}
	}
	return nil
}

// ---- UC standard allowances ----

var ucRequired = []string{"year", "from", "to", "single_under_25", "single_25_plus", "couple_under_25", "couple_25_plus", "source"}
var ucOptional = []string{"confirmed", "note"}

func parseUCRates(file string, data []byte) (refTable, arrangement.Allowances, error) {
	var a arrangement.Allowances
	_, warnings, err := readRows(file, data, ucRequired, ucOptional, arrangement.ParseAllowanceYear, func(ys []arrangement.AllowanceYear) error {
		var err error
		a, err = arrangement.NewAllowances(ys)
		return err
	})
	if err != nil {
		return refTable{}, a, err
	}
	t := ratesTable(a)
	t.warnings = warnings
	return t, a, nil
}

func ratesTable(a arrangement.Allowances) refTable {
	var rows [][]string
	t := refTable{}
	for _, y := range a.Years() {
		f := y.Fields()
		rows = append(rows, f)
		t.lines = append(t.lines, strings.Join(f, "\x00"))
	}
	t.text = csvText(arrangement.AllowanceColumns, rows)
	return t
}

func readUCRates(ctx context.Context, q queryer) (arrangement.Allowances, error) {
	rows, err := q.QueryContext(ctx, `SELECT year, from_date, to_date, single_under_25, single_25_plus, couple_under_25, couple_25_plus,
		confirmed, source, note FROM uc_rate ORDER BY from_date`)
	if err != nil {
		return arrangement.Allowances{}, err
	}
	defer rows.Close()
	var years []arrangement.AllowanceYear
	for rows.Next() {
		var y arrangement.AllowanceYear
		var from, to string
		var su, sp, cu, cp int64
		if err := rows.Scan(&y.Label, &from, &to, &su, &sp, &cu, &cp, &y.Confirmed, &y.Source, &y.Note); err != nil {
			return arrangement.Allowances{}, err
		}
		y.From, y.To = dateText(from), dateText(to)
		y.Monthly = map[arrangement.ClaimantType]domain.Money{
			arrangement.SingleUnder25: domain.Pence(su), arrangement.Single25Plus: domain.Pence(sp),
			arrangement.CoupleUnder25: domain.Pence(cu), arrangement.Couple25Plus: domain.Pence(cp),
		}
		years = append(years, y)
	}
	if err := rows.Err(); err != nil {
		return arrangement.Allowances{}, err
	}
	return arrangement.NewAllowances(years)
}

func storedUCRates(ctx context.Context, q queryer) (refTable, error) {
	a, err := readUCRates(ctx, q)
	if err != nil {
		return refTable{}, err
	}
	return ratesTable(a), nil
}

func materialiseUCRates(w *writer, file string) error {
	_, a, err := parseUCRates("uc-rates", []byte(file))
	if err != nil {
		return err
	}
	if _, err := w.exec("DELETE FROM uc_rate"); err != nil {
		return err
	}
	for _, y := range a.Years() {
		m := y.Monthly
		if _, err := w.exec(`INSERT INTO uc_rate(year, from_date, to_date, single_under_25, single_25_plus, couple_under_25, couple_25_plus,
			confirmed, source, note) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, y.Label, y.From.String(), y.To.String(),
			m[arrangement.SingleUnder25].PenceValue(), m[arrangement.Single25Plus].PenceValue(),
			m[arrangement.CoupleUnder25].PenceValue(), m[arrangement.Couple25Plus].PenceValue(), y.Confirmed, y.Source, y.Note); err != nil {
			return err
		}
	}
	return nil
}

// ---- Right to Buy discount caps ----

var capsRequired = []string{"from", "region", "cap", "source"}
var capsOptional = []string{"to", "authority", "confirmed", "note"}

func parseRTBCaps(file string, data []byte) (refTable, rtb.Caps, error) {
	var c rtb.Caps
	_, warnings, err := readRows(file, data, capsRequired, capsOptional, rtb.ParseCapRow, func(rows []rtb.CapRow) error {
		var err error
		c, err = rtb.NewCaps(rows)
		return err
	})
	if err != nil {
		return refTable{}, c, err
	}
	t := capsTable(c)
	t.warnings = warnings
	return t, c, nil
}

func capsTable(c rtb.Caps) refTable {
	var rows [][]string
	t := refTable{}
	for _, r := range c.Rows() {
		f := r.Fields()
		rows = append(rows, f)
		t.lines = append(t.lines, strings.Join(f, "\x00"))
	}
	t.text = csvText(rtb.CapColumns, rows)
	return t
}

func readRTBCaps(ctx context.Context, q queryer) (rtb.Caps, error) {
	rows, err := q.QueryContext(ctx, "SELECT from_date, to_date, region, authority, cap, confirmed, source, note FROM rtb_cap ORDER BY no")
	if err != nil {
		return rtb.Caps{}, err
	}
	defer rows.Close()
	var out []rtb.CapRow
	for rows.Next() {
		var r rtb.CapRow
		var from, to, region string
		var pence int64
		if err := rows.Scan(&from, &to, &region, &r.Authority, &pence, &r.Confirmed, &r.Source, &r.Note); err != nil {
			return rtb.Caps{}, err
		}
		r.From, r.To, r.Region, r.Cap = dateText(from), dateText(to), rtb.Region(region), domain.Pence(pence)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return rtb.Caps{}, err
	}
	return rtb.NewCaps(out)
}

func storedRTBCaps(ctx context.Context, q queryer) (refTable, error) {
	c, err := readRTBCaps(ctx, q)
	if err != nil {
		return refTable{}, err
	}
	return capsTable(c), nil
}

func materialiseRTBCaps(w *writer, file string) error {
	_, c, err := parseRTBCaps("rtb-caps", []byte(file))
	if err != nil {
		return err
	}
	if _, err := w.exec("DELETE FROM rtb_cap"); err != nil {
		return err
	}
	for _, r := range c.Rows() {
		to := ""
		if !r.To.IsZero() {
			to = r.To.String()
		}
		if _, err := w.exec(`INSERT INTO rtb_cap(from_date, to_date, region, authority, cap, confirmed, source, note) VALUES(?, ?, ?, ?, ?, ?, ?, ?)`,
			r.From.String(), to, string(r.Region), r.Authority, r.Cap.PenceValue(), r.Confirmed, r.Source, r.Note); err != nil {
			return err
		}
	}
	return nil
}
