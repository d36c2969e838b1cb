package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"caseload/domain"
)

// The housing-system extract (formats/EXTRACT.md): two CSV files loaded all
// or nothing, idempotently.

// IngestError lists every invalid row of an extract; nothing was loaded.
type IngestError struct {
	File     string
	Problems []string // "FILE:LINE: column: what is wrong", at most maxProblems
	Total    int      // all problems found
}

const maxProblems = 50

func (e *IngestError) Error() string {
	return fmt.Sprintf("%s: %d invalid row(s) — nothing was loaded; fix them and load the file again", e.File, e.Total)
}

// Lines are the problems to print, with a count of any left off.
func (e *IngestError) Lines() []string {
	out := append([]string{}, e.Problems...)
	if e.Total > len(e.Problems) {
		out = append(out, fmt.Sprintf("… and %d more", e.Total-len(e.Problems)))
	}
	return out
}

// IsIngestError reports whether err is an invalid extract.
func IsIngestError(err error) bool {
	var ie *IngestError
	return errors.As(err, &ie)
}

type problems struct {
	file  string
	list  []string
	total int
}

func (p *problems) add(line int, column, format string, args ...any) {
	p.total++
	if len(p.list) < maxProblems {
		p.list = append(p.list, fmt.Sprintf("%s:%d: %s: %s", p.file, line, column, fmt.Sprintf(format, args...)))
	}
}

func (p *problems) err() error {
	if p.total == 0 {
		return nil
	}
	return &IngestError{File: p.file, Problems: p.list, Total: p.total}
}

// csvTable is an extract file read into rows keyed by column name.
type csvTable struct {
	rows     []map[string]string
	lines    []int
	warnings []string
}

// readCSV reads an extract: UTF-8 with an optional byte-order mark, CRLF or
// LF, RFC 4180 quoting, a header row naming the columns in any order.
func readCSV(name string, data []byte, required, optional []string, p *problems) csvTable {
	var t csvTable
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err == io.EOF {
		p.add(1, "header", "the file is empty: it needs a header row naming the columns")
		return t
	}
	if err != nil {
		p.add(1, "header", "%v", csvReason(err))
		return t
	}
	index := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if _, dup := index[h]; dup {
			p.add(1, h, "the column appears twice")
			continue
		}
		index[h] = i
	}
	known := map[string]bool{}
	for _, c := range append(append([]string{}, required...), optional...) {
		known[c] = true
	}
	for _, c := range required {
		if _, ok := index[c]; !ok {
			p.add(1, c, "required column is missing")
		}
	}
	for h := range index {
		if !known[h] {
			t.warnings = append(t.warnings, fmt.Sprintf("%s: column %q is not used and was ignored", name, h))
		}
	}
	sort.Strings(t.warnings)
	if p.total > 0 {
		return t
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// FieldPos is only valid after a successful Read.
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			p.add(line, "row", "%v", csvReason(err))
			if errors.As(err, &pe) {
				continue
			}
			break
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		if len(rec) != len(header) {
			p.add(line, "row", "has %d fields but the header has %d", len(rec), len(header))
			continue
		}
		row := make(map[string]string, len(known))
		nul := false
		for c := range known {
			if i, ok := index[c]; ok {
				row[c] = strings.TrimSpace(rec[i])
				if strings.IndexByte(rec[i], 0) >= 0 {
					// Kept, a NUL would cut the text short where it is read.
					p.add(line, c, "holds a NUL character: remove it")
					nul = true
				}
			}
		}
		if nul {
			continue
		}
		t.rows = append(t.rows, row)
		t.lines = append(t.lines, line)
	}
	return t
}

func csvReason(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return "not valid CSV: " + pe.Err.Error()
	}
	return err.Error()
}

var accountColumnsRequired = []string{"ref", "kind", "status", "name", "address", "start_date", "weekly_rent"}
var accountColumnsOptional = []string{"tenancy_type", "postcode", "property_type", "end_date", "weekly_service", "weekly_other",
	"rent_free_weeks", "payment_method", "uc_claimant", "vulnerable", "officer", "phone", "email"}

// IngestSummary says what a load did.
type IngestSummary struct {
	Rows      int
	Created   int
	Updated   int
	Unchanged int
	// Already counts transaction rows that matched rows already loaded.
	Already int
	// OpenedClear counts accounts recorded as opened clear (a
	// brought-forward row of 0.00: no ledger row).
	OpenedClear int
	Warnings    []string
}

// IngestAccounts loads accounts.csv. New refs are created with their
// charges from the start date; known refs have changed fields edited and
// changed charges entered from the rent week containing today.
func (s *Store) IngestAccounts(ctx context.Context, name string, data []byte, today domain.Date) (IngestSummary, error) {
	var sum IngestSummary
	p := &problems{file: name}
	t := readCSV(name, data, accountColumnsRequired, accountColumnsOptional, p)
	sum.Warnings = t.warnings
	accounts := make([]NewAccount, 0, len(t.rows))
	seen := map[string]int{}
	for i, row := range t.rows {
		line := t.lines[i]
		a, ok := parseAccountRow(row, line, p)
		if !ok {
			continue
		}
		if first, dup := seen[a.Ref]; dup {
			p.add(line, "ref", "%s appears again (first on line %d): each ref once", a.Ref, first)
			continue
		}
		seen[a.Ref] = line
		accounts = append(accounts, a)
	}
	if err := p.err(); err != nil {
		return sum, err
	}
	sum.Rows = len(accounts)
	err := s.write(asJob(ctx, "an extract load"), "ingest accounts", "", func(w *writer) error {
		for _, a := range accounts {
			if _, err := w.accountNo(a.Ref); err != nil {
				if err := w.createAccount(w.officer, a); err != nil {
					return fmt.Errorf("%s: %w", a.Ref, err)
				}
				sum.Created++
				continue
			}
			changed, err := w.updateFromExtract(a, today)
			if err != nil {
				return fmt.Errorf("%s: %w", a.Ref, err)
			}
			if changed {
				sum.Updated++
			} else {
				sum.Unchanged++
			}
		}
		return nil
	})
	return sum, err
}

func parseAccountRow(row map[string]string, line int, p *problems) (NewAccount, bool) {
	before := p.total
	var a NewAccount
	a.Ref = row["ref"]
	if err := domain.ValidRef(a.Ref); err != nil {
		p.add(line, "ref", "%s", reasonOf(err))
	}
	enum := func(column string, parse func(string) error) {
		if err := parse(row[column]); err != nil {
			p.add(line, column, "%s", reasonOf(err))
		}
	}
	enum("kind", func(s string) (err error) { a.Kind, err = domain.ParseAccountKind(s); return })
	enum("tenancy_type", func(s string) (err error) { a.TenancyType, err = domain.ParseTenancyType(s); return })
	enum("status", func(s string) (err error) { a.Status, err = domain.ParseAccountStatus(s); return })
	enum("property_type", func(s string) (err error) { a.PropertyType, err = domain.ParsePropertyType(s); return })
	enum("payment_method", func(s string) (err error) { a.PaymentMethod, err = domain.ParseAccountPaymentMethod(s); return })
	enum("uc_claimant", func(s string) (err error) { a.UCClaimant, err = domain.ParseYesNo("uc_claimant", s); return })
	enum("vulnerable", func(s string) (err error) { a.Vulnerable, err = domain.ParseYesNo("vulnerable", s); return })
	text := func(f domain.TextField) string {
		v, _, err := f.Clean(row[f.Name])
		if err != nil {
			p.add(line, f.Name, "%s", reasonOf(err))
		}
		return v
	}
	a.Name, a.Address, a.Postcode = text(domain.TextName), text(domain.TextAddress), strings.ToUpper(text(domain.TextPostcode))
	a.Officer, a.Phone, a.Email = text(domain.TextOfficer), text(domain.TextPhone), text(domain.TextEmail)
	if row["name"] == "" {
		p.add(line, "name", "is empty")
	}
	if row["address"] == "" {
		p.add(line, "address", "is empty")
	}
	date := func(column string, required bool) domain.Date {
		s := row[column]
		if s == "" {
			if required {
				p.add(line, column, "is required (YYYY-MM-DD or DD/MM/YYYY)")
			}
			return domain.Date{}
		}
		d, err := domain.ParseDateUK(s)
		if err != nil {
			p.add(line, column, "%s", reasonOf(err))
		}
		return d
	}
	a.Start = date("start_date", true)
	a.End = date("end_date", a.Status == domain.StatusFormer)
	if !a.Start.IsZero() && !a.End.IsZero() && a.End.Before(a.Start) {
		p.add(line, "end_date", "%s is before start_date %s", a.End, a.Start)
	}
	if s := row["rent_free_weeks"]; s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || domain.RentFreeWeeksValid(n) != nil {
			p.add(line, "rent_free_weeks", "%q is not a whole number 0–4", s)
		}
		a.RentFreeWeeks = n
	}
	for _, c := range []struct{ column, component string }{{"weekly_rent", "rent"}, {"weekly_service", "service"}, {"weekly_other", "other"}} {
		s := row[c.column]
		if s == "" {
			if c.column == "weekly_rent" {
				p.add(line, c.column, "is required (pounds, e.g. 95.20)")
			}
			continue
		}
		m, err := domain.ParseMoney(s)
		if err != nil {
			p.add(line, c.column, "%s", reasonOf(err))
			continue
		}
		if m.IsNegative() {
			p.add(line, c.column, "%s is negative: weekly charges are 0 or more", s)
			continue
		}
		if c.component == "rent" && a.Kind == domain.KindGarage {
			c.component = "garage"
		}
		if !m.IsZero() {
			a.Charges = append(a.Charges, domain.ChargeComponent{Component: c.component, Weekly: m})
		}
	}
	return a, p.total == before
}

// reasonOf is an error's reason without its field prefix (the column is
// already named on the line).
func reasonOf(err error) string {
	var v *domain.ValidationError
	if errors.As(err, &v) {
		return v.Reason
	}
	return err.Error()
}

// updateFromExtract edits a known account to match an extract row.
func (w *writer) updateFromExtract(a NewAccount, today domain.Date) (bool, error) {
	cur, err := w.s.accountIn(w.ctx, w.tx, a.Ref)
	if err != nil {
		return false, err
	}
	changed := false
	edit := func(field string, have, want any) error {
		if fmt.Sprint(have) == fmt.Sprint(want) {
			return nil
		}
		changed = true
		return w.set(entityAccount, a.Ref, a.Ref, field, want)
	}
	edits := []struct {
		field      string
		have, want any
	}{
		{"kind", string(cur.Kind), string(a.Kind)}, {"tenancy_type", string(cur.TenancyType), string(a.TenancyType)},
		{"status", string(cur.Status), string(a.Status)}, {"name", cur.Name, a.Name}, {"address", cur.Address, a.Address},
		{"postcode", cur.Postcode, a.Postcode}, {"property_type", string(cur.PropertyType), string(a.PropertyType)},
		{"end_date", cur.End.String(), a.End.String()}, {"rent_free_weeks", cur.RentFreeWeeks, a.RentFreeWeeks},
		{"payment_method", string(cur.PaymentMethod), string(a.PaymentMethod)}, {"uc_claimant", cur.UCClaimant, a.UCClaimant},
		{"vulnerable", cur.Vulnerable, a.Vulnerable}, {"officer", cur.Officer, a.Officer},
		{"phone", cur.Phone, a.Phone}, {"email", cur.Email, a.Email},
	}
	for _, e := range edits {
		if err := edit(e.field, e.have, e.want); err != nil {
			return false, err
		}
	}
	from := domain.RentWeekStart(today)
	if from.Before(a.Start) {
		from = a.Start
	}
	want := map[string]domain.Money{}
	for _, c := range a.Charges {
		want[c.Component] = c.Weekly
	}
	have := map[string]domain.Money{}
	for _, c := range domain.ChargesOn(cur.Charges, from) {
		have[c.Component] = c.Weekly
	}
	for _, comp := range []string{"rent", "garage", "service", "other"} {
		if have[comp].Equal(want[comp]) {
			continue
		}
		changed = true
		if _, err := w.add(entityCharge, a.Ref, chargeBody{Component: comp, Weekly: want[comp].PenceValue(), From: from.String()}); err != nil {
			return false, err
		}
	}
	return changed, nil
}

var txnColumnsRequired = []string{"ref", "date", "type", "amount"}
var txnColumnsOptional = []string{"method", "reference"}

type txnRow struct {
	ref  string
	body txnBody
}

func (r txnRow) key() string {
	return r.ref + "\x00" + r.body.Date + "\x00" + r.body.Type + "\x00" + strconv.FormatInt(r.body.Amount, 10) + "\x00" + r.body.Reference
}

// IngestTransactions loads transactions.csv. A row matches a loaded one on
// ref, date, type, amount and reference; identical rows are counted, so a
// file with two identical £10.00 payments loads both once, and loading it
// again adds nothing. A row dated after today, or before its account's
// tenancy began, is refused like any other invalid row.
func (s *Store) IngestTransactions(ctx context.Context, name string, data []byte, today domain.Date) (IngestSummary, error) {
	var sum IngestSummary
	p := &problems{file: name}
	t := readCSV(name, data, txnColumnsRequired, txnColumnsOptional, p)
	sum.Warnings = t.warnings
	if err := p.err(); err != nil {
		return sum, err
	}
	refs, starts, err := s.accountNumbers(ctx)
	if err != nil {
		return sum, err
	}
	rows := make([]txnRow, 0, len(t.rows))
	for i, row := range t.rows {
		if r, ok := parseTxnRow(row, t.lines[i], refs, p); ok {
			if !r.inTenancy(t.lines[i], starts[r.ref], today, p) {
				continue
			}
			rows = append(rows, r)
		}
	}
	if err := p.err(); err != nil {
		return sum, err
	}
	sum.Rows = len(rows)
	noReference := 0
	err = s.write(asJob(ctx, "an extract load"), "ingest transactions", "", func(w *writer) error {
		existing, err := w.existingTxnKeys(rows, refs)
		if err != nil {
			return err
		}
		var newRefs []string
		var newAccounts []int64
		var newBodies []txnBody
		for _, r := range rows {
			if r.openedClear() {
				set, err := w.recordOpenedClear(r.ref, r.body.Date)
				if err != nil {
					return err
				}
				if set {
					sum.OpenedClear++
				} else {
					sum.Already++
				}
				continue
			}
			k := r.key()
			if existing[k] > 0 {
				existing[k]--
				sum.Already++
				if r.body.Reference == "" {
					noReference++
				}
				continue
			}
			newRefs, newAccounts, newBodies = append(newRefs, r.ref), append(newAccounts, refs[r.ref]), append(newBodies, r.body)
		}
		sum.Created = len(newBodies)
		_, err = w.addTxns(w.officer, newRefs, newAccounts, newBodies)
		return err
	})
	if noReference > 0 {
		sum.Warnings = append(sum.Warnings, fmt.Sprintf("%d row(s) with no reference matched loaded rows on ref, date, type and amount alone", noReference))
	}
	return sum, err
}

func parseTxnRow(row map[string]string, line int, refs map[string]int64, p *problems) (txnRow, bool) {
	before := p.total
	r := txnRow{ref: row["ref"]}
	if _, ok := refs[r.ref]; !ok {
		if err := domain.ValidRef(r.ref); err != nil {
			p.add(line, "ref", "%s", reasonOf(err))
		} else {
			p.add(line, "ref", "no account %s: load it in accounts.csv first", r.ref)
		}
	}
	d, err := domain.ParseDateUK(row["date"])
	if err != nil {
		p.add(line, "date", "%s", reasonOf(err))
	}
	r.body.Date = d.String()
	typ, err := domain.ParseTxnType(row["type"])
	if err != nil {
		p.add(line, "type", "%s", reasonOf(err))
	}
	r.body.Type = string(typ)
	amount, err := domain.ParseMoney(row["amount"])
	if err != nil {
		p.add(line, "amount", "%s", reasonOf(err))
	} else if typ != "" && !(typ == domain.TxnBroughtForward && amount.IsZero()) {
		// A brought-forward of 0.00 is an account that opened clear (it
		// is recorded, not posted); every other zero is refused.
		if err := typ.CheckSign(amount); err != nil {
			p.add(line, "amount", "%s", reasonOf(err))
		}
	}
	r.body.Amount = amount.PenceValue()
	if m := row["method"]; m != "" {
		if _, err := domain.ParsePaymentMethod(m); err != nil {
			p.add(line, "method", "%s", reasonOf(err))
		}
		r.body.Method = m
	}
	// An extract is not a place to find card numbers: they are refused
	// (so the housing system is put right), not masked.
	ref, n, err := domain.TextReference.Clean(row["reference"])
	switch {
	case err != nil:
		p.add(line, "reference", "%s", reasonOf(err))
	case n > 0:
		p.add(line, "reference", "holds what looks like a card number: card numbers are never stored")
	}
	r.body.Reference = ref
	return r, p.total == before
}

// inTenancy refuses a row dated after today or before the account's
// tenancy began: a payment cannot come before the rent it pays.
func (r txnRow) inTenancy(line int, start string, today domain.Date, p *problems) bool {
	d, _ := domain.ParseDate(r.body.Date)
	switch {
	case d.After(today):
		p.add(line, "date", "%s is in the future (today is %s): load transactions on or after their date", d, today)
	case start != "" && r.body.Date < start:
		p.add(line, "date", "%s is before %s's tenancy began (%s)", d, r.ref, start)
	default:
		return true
	}
	return false
}

// accountNumbers maps every ref to its local number and its start date.
func (s *Store) accountNumbers(ctx context.Context) (map[string]int64, map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT ref, no, start_date FROM account")
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	out, starts := map[string]int64{}, map[string]string{}
	for rows.Next() {
		var ref, start string
		var no int64
		if err := rows.Scan(&ref, &no, &start); err != nil {
			return nil, nil, err
		}
		out[ref], starts[ref] = no, start
	}
	return out, starts, rows.Err()
}

// existingTxnKeys counts loaded transactions by match key, for the accounts
// and dates the file covers.
func (w *writer) existingTxnKeys(rows []txnRow, refs map[string]int64) (map[string]int, error) {
	span := map[string][2]string{}
	for _, r := range rows {
		s, ok := span[r.ref]
		if !ok {
			s = [2]string{r.body.Date, r.body.Date}
		}
		s[0], s[1] = min(s[0], r.body.Date), max(s[1], r.body.Date)
		span[r.ref] = s
	}
	out := map[string]int{}
	st, err := w.stmt("SELECT date, type, amount, reference FROM txn WHERE account = ? AND date BETWEEN ? AND ?")
	if err != nil {
		return nil, err
	}
	for ref, s := range span {
		rs, err := st.QueryContext(w.ctx, refs[ref], s[0], s[1])
		if err != nil {
			return nil, err
		}
		for rs.Next() {
			var r txnRow
			r.ref = ref
			if err := rs.Scan(&r.body.Date, &r.body.Type, &r.body.Amount, &r.body.Reference); err != nil {
				rs.Close()
				return nil, err
			}
			out[r.key()]++
		}
		rs.Close()
	}
	return out, nil
}

// openedClear reports whether the row is a brought-forward of 0.00.
func (r txnRow) openedClear() bool {
	return r.body.Type == string(domain.TxnBroughtForward) && r.body.Amount == 0
}

// recordOpenedClear records that an account opened clear on date (its
// opened_clear register); false when that was already recorded.
func (w *writer) recordOpenedClear(ref, date string) (bool, error) {
	var have string
	if err := w.queryRow("SELECT opened_clear FROM account WHERE ref = ?", ref).Scan(&have); err != nil {
		return false, err
	}
	if have == date {
		return false, nil
	}
	return true, w.set(entityAccount, ref, ref, "opened_clear", date)
}

// OpenedClear is the date the housing system says the account opened clear
// (a brought-forward of 0.00), or the zero date.
func (s *Store) OpenedClear(ctx context.Context, ref string) (domain.Date, error) {
	var d string
	err := s.db.QueryRowContext(ctx, "SELECT opened_clear FROM account WHERE ref = ?", ref).Scan(&d)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Date{}, invalid("ref", "no account %s: check the payment reference", ref)
	}
	return dateText(d), err
}
