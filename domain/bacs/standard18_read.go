package bacs

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"caseload/domain"
)

// File is a Standard 18 file read back, field by field.
type File struct {
	VolumeSerial   string
	SUN            string // owner in VOL1 and HDR1
	Created        domain.Date
	Expires        domain.Date
	ProcessingDate domain.Date // zero in a multi-day file: see Record.ProcessingDate
	ReceivingParty string      // UHL1 positions 11–16
	WorkCode       string      // "1 DAILY" or "4 MULTI"
	Records        []Record    // standard records in file order, contras included
	Totals         Totals
}

// Record is one standard record.
type Record struct {
	Line              int
	SortCode, Account string // destination
	AccountType       string
	Code              TransactionCode
	OrigSortCode      string
	OrigAccount       string
	Free              string // positions 32–35, usually blank
	Amount            domain.Money
	UserName          string // positions 47–64, trailing spaces trimmed
	Reference         string // positions 65–82, trailing spaces trimmed
	PayerName         string // positions 83–100, trailing spaces trimmed
	ProcessingDate    domain.Date
}

// IsContra reports whether the record is a contra (a credit, code 99).
func (r Record) IsContra() bool { return r.Code == Credit }

// ParseStandard18 reads a Standard 18 file and checks it whole: record
// lengths, label order and literals, every field's characters, EOF labels
// mirroring HDR labels, and UTL1 totals and counts against the records.
// Lines may end in LF or CRLF.
func ParseStandard18(r io.Reader) (*File, error) {
	var lines []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), 1<<20)
	for sc.Scan() {
		l := strings.TrimSuffix(sc.Text(), "\r")
		if len(lines) == 0 {
			l = strings.TrimPrefix(l, string(utf8BOM))
		}
		lines = append(lines, l)
	}
	if err := sc.Err(); err != nil {
		return nil, lineErr(len(lines)+1, "cannot read: %v", err)
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) < 8 {
		return nil, lineErr(len(lines)+1, "a Standard 18 file has at least 8 records (VOL1, HDR1, HDR2, UHL1, a record, EOF1, EOF2, UTL1); this has %d", len(lines))
	}
	f := &File{}
	label := func(i int, name string) (string, error) {
		l := lines[i]
		if !strings.HasPrefix(l, name) {
			return "", colErr(i+1, 1, "expected the %s label, found %q", name, first(l, 4))
		}
		if len(l) != labelLen {
			return "", lineErr(i+1, "%s label is %d characters; labels are %d", name, len(l), labelLen)
		}
		return l, nil
	}
	vol, err := label(0, "VOL1")
	if err != nil {
		return nil, err
	}
	f.VolumeSerial = vol[4:10]
	f.SUN = vol[41:47]
	if !isDigits(f.SUN) {
		return nil, colErr(1, 42, "owner %q is not a 6-digit service user number", f.SUN)
	}
	if vol[79] != '1' {
		return nil, colErr(1, 80, "label standard level is %q, want \"1\"", vol[79:80])
	}
	hdr1, err := label(1, "HDR1")
	if err != nil {
		return nil, err
	}
	if hdr1[4:5] != "A" || hdr1[5:11] != f.SUN || hdr1[11:15] != "S  1" || hdr1[15:21] != f.SUN {
		return nil, colErr(2, 5, "file identifier %q is not \"A\"+SUN+\"S  1\"+SUN for SUN %s", hdr1[4:21], f.SUN)
	}
	if hdr1[21:27] != f.VolumeSerial {
		return nil, colErr(2, 22, "file serial %q differs from the volume serial %q", hdr1[21:27], f.VolumeSerial)
	}
	if f.Created, err = parseJulian(hdr1[41:47]); err != nil {
		return nil, colErr(2, 42, "creation %v", err)
	}
	if f.Expires, err = parseJulian(hdr1[47:53]); err != nil {
		return nil, colErr(2, 48, "expiry %v", err)
	}
	hdr2, err := label(2, "HDR2")
	if err != nil {
		return nil, err
	}
	recLen := recordLen
	switch hdr2[4:15] {
	case "F0200000100":
	case "F0200000106":
		recLen = multiRecLen
	default:
		return nil, colErr(3, 5, "record format %q is not F0200000100 or F0200000106", hdr2[4:15])
	}
	uhl, err := label(3, "UHL1")
	if err != nil {
		return nil, err
	}
	f.WorkCode = strings.TrimRight(uhl[28:37], " ")
	switch uhl[28:37] {
	case dailyWorkCode:
		if recLen != recordLen {
			return nil, colErr(4, 29, "work code DAILY with %d-character records", recLen)
		}
		if f.ProcessingDate, err = parseJulian(uhl[4:10]); err != nil {
			return nil, colErr(4, 5, "processing %v", err)
		}
	case multiWorkCode:
		if recLen != multiRecLen || uhl[4:10] != spaces(6) {
			return nil, colErr(4, 5, "a MULTI file has 106-character records and no processing date in UHL1")
		}
	default:
		return nil, colErr(4, 29, "work code %q is not \"1 DAILY\" or \"4 MULTI\"", strings.TrimSpace(uhl[28:37]))
	}
	f.ReceivingParty = uhl[10:16]
	if !isDigits(f.ReceivingParty) {
		return nil, colErr(4, 11, "receiving party %q is not 6 digits", f.ReceivingParty)
	}
	n := len(lines)
	if _, err := label(n-3, "EOF1"); err != nil {
		return nil, err
	}
	if lines[n-3][4:] != hdr1[4:] {
		return nil, lineErr(n-2, "EOF1 does not repeat HDR1")
	}
	if _, err := label(n-2, "EOF2"); err != nil {
		return nil, err
	}
	if lines[n-2][4:] != hdr2[4:] {
		return nil, lineErr(n-1, "EOF2 does not repeat HDR2")
	}
	utl, err := label(n-1, "UTL1")
	if err != nil {
		return nil, err
	}

	var debit, credit int64
	var want Totals
	for i := 4; i < n-3; i++ {
		rec, err := parseRecord(lines[i], i+1, recLen)
		if err != nil {
			return nil, err
		}
		p := rec.Amount.PenceValue()
		switch {
		case rec.Code == Credit:
			credit += p
			want.CreditCount++
		case rec.Code.IsCollection():
			debit += p
			want.DebitCount++
		default:
			want.DebitCount++
		}
		f.Records = append(f.Records, rec)
	}
	for _, fld := range []struct {
		from, to int
		name     string
	}{{4, 17, "debit total"}, {17, 30, "credit total"}, {30, 37, "debit count"}, {37, 44, "credit count"}} {
		if !isDigits(utl[fld.from:fld.to]) {
			return nil, colErr(n, fld.from+1, "UTL1 %s %q is not digits", fld.name, utl[fld.from:fld.to])
		}
	}
	ud, _ := strconv.ParseInt(utl[4:17], 10, 64)
	uc, _ := strconv.ParseInt(utl[17:30], 10, 64)
	dc, _ := strconv.Atoi(utl[30:37])
	cc, _ := strconv.Atoi(utl[37:44])
	switch {
	case ud != debit:
		return nil, colErr(n, 5, "UTL1 debit total %s does not match the records' %s", domain.Pence(ud), domain.Pence(debit))
	case uc != credit:
		return nil, colErr(n, 18, "UTL1 credit total %s does not match the records' %s", domain.Pence(uc), domain.Pence(credit))
	case dc != want.DebitCount:
		return nil, colErr(n, 31, "UTL1 debit count %d does not match the %d debit records", dc, want.DebitCount)
	case cc != want.CreditCount:
		return nil, colErr(n, 38, "UTL1 credit count %d does not match the %d credit records", cc, want.CreditCount)
	case debit != credit:
		return nil, colErr(n, 5, "the contra %s does not balance the collections %s", domain.Pence(credit), domain.Pence(debit))
	}
	want.DebitValue, want.CreditValue = domain.Pence(debit), domain.Pence(credit)
	f.Totals = want
	return f, nil
}

func parseRecord(l string, line, recLen int) (Record, error) {
	if len(l) != recLen {
		return Record{}, lineErr(line, "record is %d characters; this file's records are %d", len(l), recLen)
	}
	r := Record{
		Line: line, SortCode: l[0:6], Account: l[6:14], AccountType: l[14:15],
		Code: TransactionCode(l[15:17]), OrigSortCode: l[17:23], OrigAccount: l[23:31], Free: l[31:35],
		UserName: strings.TrimRight(l[46:64], " "), Reference: strings.TrimRight(l[64:82], " "),
		PayerName: strings.TrimRight(l[82:100], " "),
	}
	digits := []struct {
		v    string
		col  int
		name string
	}{{r.SortCode, 1, "destination sort code"}, {r.Account, 7, "destination account number"}, {r.AccountType, 15, "account type"},
		{r.OrigSortCode, 18, "originating sort code"}, {r.OrigAccount, 24, "originating account number"}, {l[35:46], 36, "amount"}}
	for _, d := range digits {
		if !isDigits(d.v) {
			return Record{}, colErr(line, d.col, "%s %q is not digits", d.name, d.v)
		}
	}
	if !r.Code.Valid() {
		return Record{}, colErr(line, 16, "transaction code %q is not 01, 17, 18, 19, 0N, 0C, 0S or 99", string(r.Code))
	}
	p, _ := strconv.ParseInt(l[35:46], 10, 64)
	r.Amount = domain.Pence(p)
	if r.Code.IsInstruction() && p != 0 {
		return Record{}, colErr(line, 36, "%s (%s) carries an amount of %s; it must be zero", r.Code, r.Code.Meaning(), r.Amount)
	}
	if !r.Code.IsInstruction() && p == 0 {
		return Record{}, colErr(line, 36, "%s (%s) has no amount", r.Code, r.Code.Meaning())
	}
	for _, t := range []struct {
		v    string
		col  int
		name string
	}{{l[46:64], 47, "service user name"}, {l[64:82], 65, "reference"}, {l[82:100], 83, "account name"}} {
		if !isBacsText(t.v) {
			return Record{}, colErr(line, t.col, "%s %q has characters Bacs does not take", t.name, strings.TrimRight(t.v, " "))
		}
	}
	if recLen == multiRecLen {
		d, err := parseJulian(l[100:106])
		if err != nil {
			return Record{}, colErr(line, 101, "processing %v", err)
		}
		r.ProcessingDate = d
	}
	return r, nil
}

func first(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}
