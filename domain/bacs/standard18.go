package bacs

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"caseload/domain"
)

// Standard 18 layout (factsheet §1(d)): label records are 80 characters,
// standard (data) records 100, or 106 in a multi-day file where each record
// carries its own processing date. Slices in the code are 0-based; messages
// give 1-based columns, as the layout tables do.
const (
	labelLen       = 80
	recordLen      = 100
	multiRecLen    = 106
	maxAmountPence = 99_999_999_999 // 11 digits: one record, and the contra
	dailyWorkCode  = "1 DAILY  "
	multiWorkCode  = "4 MULTI  "
)

// Originator is the council as a Bacs service user: its service user number
// (SUN), the name Bacs shows payers, and the account collections are paid into.
type Originator struct {
	SUN      string // 6 digits
	Name     string // service user name, at most 18 characters
	SortCode string // 6 digits
	Account  string // 8 digits
}

// Item is one payer's record in a batch: a collection (01, 17, 18, 19) with
// its amount, or an AUDDIS instruction (0N, 0C, 0S) with none.
type Item struct {
	SortCode  string // payer's sort code, 6 digits
	Account   string // payer's account number, 8 digits
	PayerName string // payer's account name; upper-cased, cut to 18 characters
	Reference string // the instruction's Bacs reference, 6–18 characters
	Code      TransactionCode
	Amount    domain.Money // zero for instructions
}

// Batch is everything a Standard 18 file for one processing date holds.
type Batch struct {
	Originator
	VolumeSerial   string      // 6 characters, unique per file sent
	Created        domain.Date // the day the file is made ("today")
	Expires        domain.Date // HDR1 expiry; zero means the creation date
	ProcessingDate domain.Date // Bacs day 2: the file's UHL1 date
	// Holidays make bank holidays non-working days for the processing date
	// check; the zero value knows only weekends.
	Holidays   domain.Holidays
	ContraName string // narrative for the contra, e.g. "BATCH 0001"; default "DD COLLECTION"
	Items      []Item
}

// Totals are the UTL1 figures. AUDDIS instructions count as zero-value debit
// items (factsheet layout; confirm with the sponsor bank for mixed files).
type Totals struct {
	DebitValue  domain.Money
	CreditValue domain.Money
	DebitCount  int
	CreditCount int
}

// WriteStandard18 validates the batch whole and writes it as a single-day
// Standard 18 file: VOL1, HDR1, HDR2, UHL1, the items in the order given, a
// contra crediting the originator with the collections' total (only when
// there are collections), EOF1, EOF2 and UTL1. Nothing is written when the
// batch is refused.
func WriteStandard18(w io.Writer, b Batch) (Totals, error) {
	if err := b.validate(); err != nil {
		return Totals{}, err
	}
	var buf bytes.Buffer
	expires := b.Expires
	if expires.IsZero() {
		expires = b.Created
	}
	hdr1 := "A" + b.SUN + "S  1" + b.SUN + b.VolumeSerial + "0001" + "0001" + spaces(6) +
		julian(b.Created) + julian(expires) + spaces(27)
	hdr2 := "F0200000100" + spaces(65)
	line := func(s string) { buf.WriteString(s); buf.WriteByte('\n') }

	line("VOL1" + b.VolumeSerial + " " + spaces(30) + b.SUN + spaces(32) + "1")
	line("HDR1" + hdr1)
	line("HDR2" + hdr2)
	line("UHL1" + julian(b.ProcessingDate) + b.SUN + spaces(4) + "00" + "000000" + dailyWorkCode + spaces(43))

	var t Totals
	var debits int64
	for _, it := range b.Items {
		p := it.Amount.PenceValue()
		line(record(it.SortCode, it.Account, it.Code, b.SortCode, b.Account, p, b.Name, it.Reference, bacsName(it.PayerName)))
		t.DebitCount++
		if it.Code.IsCollection() {
			debits += p
		}
	}
	if debits > 0 {
		contra := b.ContraName
		if contra == "" {
			contra = "DD COLLECTION"
		}
		line(record(b.SortCode, b.Account, Credit, b.SortCode, b.Account, debits, contra, "CONTRA", b.Name))
		t.CreditCount = 1
	}
	t.DebitValue, t.CreditValue = domain.Pence(debits), domain.Pence(debits)
	line("EOF1" + hdr1)
	line("EOF2" + hdr2)
	line(fmt.Sprintf("UTL1%013d%013d%07d%07d", debits, debits, t.DebitCount, t.CreditCount) + spaces(36))
	if _, err := w.Write(buf.Bytes()); err != nil {
		return Totals{}, err
	}
	return t, nil
}

func record(sc, acc string, code TransactionCode, osc, oacc string, pence int64, name, ref, payer string) string {
	return sc + acc + "0" + string(code) + osc + oacc + spaces(4) + fmt.Sprintf("%011d", pence) +
		pad(name, 18) + pad(ref, 18) + pad(payer, 18)
}

func (b Batch) validate() error {
	if len(b.SUN) != 6 || !isDigits(b.SUN) {
		return domain.Invalid("service user number", "%q is not 6 digits", b.SUN)
	}
	if len(b.VolumeSerial) != 6 || !isBacsText(b.VolumeSerial) || strings.Contains(b.VolumeSerial, " ") {
		return domain.Invalid("volume serial", "%q is not 6 letters or digits", b.VolumeSerial)
	}
	if b.Name == "" || len(b.Name) > 18 || !isBacsText(b.Name) {
		return domain.Invalid("service user name", "%q must be 1–18 of A–Z 0–9 . & / - and space", b.Name)
	}
	if b.ContraName != "" && (len(b.ContraName) > 18 || !isBacsText(b.ContraName)) {
		return domain.Invalid("contra narrative", "%q must be at most 18 of A–Z 0–9 . & / - and space", b.ContraName)
	}
	if len(b.SortCode) != 6 || !isDigits(b.SortCode) || len(b.Account) != 8 || !isDigits(b.Account) {
		return domain.Invalid("originating account", "sort code and account number must be 6 and 8 digits")
	}
	if b.Created.IsZero() || b.ProcessingDate.IsZero() {
		return domain.Invalid("processing date", "the creation date and the processing date are both needed")
	}
	if err := CheckProcessingDate(b.ProcessingDate, b.Created, b.Holidays); err != nil {
		return err
	}
	if !b.Expires.IsZero() && b.Expires.Before(b.Created) {
		return domain.Invalid("expiry date", "%s is before the creation date %s", b.Expires, b.Created)
	}
	if len(b.Items) == 0 {
		return domain.Invalid("items", "a Bacs file needs at least one record")
	}
	var total int64
	for i, it := range b.Items {
		field := fmt.Sprintf("item %d (%s)", i+1, it.Reference)
		if err := it.validate(field); err != nil {
			return err
		}
		if it.Code.IsCollection() {
			total += it.Amount.PenceValue()
			if total > maxAmountPence {
				return domain.Invalid(field, "the collections' total passes £999,999,999.99, the most one contra can carry: split the batch")
			}
		}
	}
	return nil
}

func (it Item) validate(field string) error {
	if len(it.SortCode) != 6 || !isDigits(it.SortCode) {
		return domain.Invalid(field, "sort code %q is not 6 digits", it.SortCode)
	}
	if len(it.Account) != 8 || !isDigits(it.Account) {
		return domain.Invalid(field, "account number must be 8 digits (standardise it first)")
	}
	if err := ValidateReference(it.Reference); err != nil {
		return domain.Invalid(field, "%s", err.Error())
	}
	if strings.TrimSpace(bacsName(it.PayerName)) == "" {
		return domain.Invalid(field, "payer's account name is empty or has no letters Bacs can carry (A–Z 0–9 . & / -)")
	}
	switch {
	case it.Code.IsInstruction():
		if !it.Amount.IsZero() {
			return domain.Invalid(field, "%s (%s) must carry no amount, not £%s", it.Code, it.Code.Meaning(), it.Amount)
		}
	case it.Code.IsCollection():
		p := it.Amount.PenceValue()
		if !it.Amount.IsPositive() || !domain.Pence(p).Equal(it.Amount) {
			return domain.Invalid(field, "amount £%s must be more than nothing, in whole pence", it.Amount)
		}
		if p > maxAmountPence {
			return domain.Invalid(field, "amount £%s is more than 11 digits of pence", it.Amount)
		}
	default:
		return domain.Invalid(field, "transaction code %q is not 01, 17, 18, 19, 0N, 0C or 0S", it.Code)
	}
	return nil
}

// ValidateReference checks a Direct Debit reference as Bacs requires: 6 to
// 18 characters of A–Z 0–9 . & / - and space, starting with a letter or
// digit, not starting "DDIC", and not one character repeated.
func ValidateReference(ref string) error {
	if len(ref) < 6 || len(ref) > 18 {
		return fmt.Errorf("reference %q must be 6 to 18 characters", ref)
	}
	if !isBacsText(ref) {
		return fmt.Errorf("reference %q may use only capitals A–Z, digits, space and . & / -", ref)
	}
	if c := ref[0]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
		return fmt.Errorf("reference %q must start with a letter or digit", ref)
	}
	if strings.HasPrefix(ref, "DDIC") {
		return fmt.Errorf("reference %q must not start with DDIC", ref)
	}
	if strings.Count(ref, ref[:1]) == len(ref) {
		return fmt.Errorf("reference %q must not be one character repeated", ref)
	}
	return nil
}

func isBacsText(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' || c == '.' || c == '&' || c == '/' || c == '-') {
			return false
		}
	}
	return true
}

// bacsName makes a payer's name fit the field: capitals, apostrophes
// dropped ("O'NEIL" → "ONEIL"), any other character Bacs does not take
// turned into a space, at most 18 characters.
func bacsName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(strings.TrimSpace(s)) {
		switch {
		case r == '\'' || r == '’':
		case r < 128 && isBacsText(string(r)):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	out := b.String()
	if len(out) > 18 {
		out = out[:18]
	}
	return out
}

func spaces(n int) string { return strings.Repeat(" ", n) }

func pad(s string, n int) string {
	if len(s) >= n {
		return s[:n]
	}
	return s + spaces(n-len(s))
}

// ParseOriginator reads the council as a Bacs service user from what an
// officer or a setting gives: the SUN, the name payers see and the
// collection account as "SORTCODE/ACCOUNT".
func ParseOriginator(sun, name, account string) (Originator, error) {
	o := Originator{SUN: strings.TrimSpace(sun), Name: strings.ToUpper(strings.TrimSpace(name))}
	if o.SUN == "" {
		return o, domain.Invalid("service user number", "give the council's service user number (--sun or CASELOAD_BACS_SUN)")
	}
	if o.Name == "" {
		return o, domain.Invalid("service user name", "give the service user name payers see (--sun-name or CASELOAD_BACS_NAME)")
	}
	sc, number, ok := strings.Cut(strings.TrimSpace(account), "/")
	if !ok {
		return o, domain.Invalid("collection account", "give the council's collection account as SORTCODE/ACCOUNT, e.g. 40-12-34/12345678 (--sun-account or CASELOAD_BACS_ACCOUNT)")
	}
	var err error
	if o.SortCode, o.Account, err = Standardise(sc, number); err != nil {
		return o, err
	}
	return o, nil
}
