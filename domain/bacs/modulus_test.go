package bacs

import (
	"errors"
	"os"
	"strings"
	"testing"

	"caseload/domain"
)

func loadChecker(t testing.TB) *Checker {
	t.Helper()
	w, err := os.ReadFile("testdata/valacdos_excerpt.txt")
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.ReadFile("testdata/scsubtab_excerpt.txt")
	if err != nil {
		t.Fatal(err)
	}
	table, err := ParseWeightTable(w)
	if err != nil {
		t.Fatal(err)
	}
	subs, err := ParseSubstitutions(s)
	if err != nil {
		t.Fatal(err)
	}
	return NewChecker(table, subs)
}

// The test cases published in Pay.UK's (Vocalink's) "Validating account
// numbers" specification, numbered as there (1–34), as also carried by
// residently/uk_account_validator features/*.feature.
func TestCheckPublishedCases(t *testing.T) {
	c := loadChecker(t)
	tests := []struct {
		n        int
		rule     string
		sortCode string
		account  string
		want     Outcome
	}{
		{1, "pass modulus 10 check", "089999", "66374958", Valid},
		{2, "pass modulus 11 check", "107999", "88837491", Valid},
		{3, "pass modulus 11 and double alternate checks", "202959", "63748472", Valid},
		{4, "exception 10 & 11 first check passes second fails", "871427", "46238510", Valid},
		{5, "exception 10 & 11 first check fails second passes", "872427", "46238510", Valid},
		{6, "exception 10 ab=09 and g=9 first passes second fails", "871427", "09123496", Valid},
		{7, "exception 10 ab=99 and g=9 first passes second fails", "871427", "99123496", Valid},
		{8, "exception 3 c=6 second check ignored", "820000", "73688637", Valid},
		{9, "exception 3 c=9 second check ignored", "827999", "73988638", Valid},
		{10, "exception 3 c not 6 or 9 both checks pass", "827101", "28748352", Valid},
		{11, "exception 4 remainder equals the check digits gh", "134020", "63849203", Valid},
		{12, "exception 1 adds 27 and passes double alternate", "118765", "64371389", Valid},
		{13, "exception 6 foreign currency account fails standard check but is valid", "200915", "41011166", Valid},
		{14, "exception 5 check passes", "938611", "07806039", Valid},
		{15, "exception 5 passes with sort code substitution", "938600", "42368003", Valid},
		{16, "exception 5 both checks remainder 0 and pass", "938063", "55065200", Valid},
		{17, "exception 7 passes but would fail the standard check", "772798", "99345694", Valid},
		{18, "exception 8 passes with sort code 090126", "086090", "06774744", Valid},
		{19, "exception 2 & 9 first check passes", "309070", "02355688", Valid},
		{20, "exception 2 & 9 first fails second passes with substitution", "309070", "12345668", Valid},
		{21, "exception 2 & 9 a not 0 and g not 9 passes", "309070", "12345677", Valid},
		{22, "exception 2 & 9 a not 0 and g=9 passes", "309070", "99345694", Valid},
		{23, "exception 5 first check digit correct second incorrect", "938063", "15764273", Invalid},
		{24, "exception 5 first check digit incorrect second correct", "938063", "15764264", Invalid},
		{25, "exception 5 first check digit incorrect with remainder 1", "938063", "15763217", Invalid},
		{26, "exception 1 fails double alternate check", "118765", "64371388", Invalid},
		{27, "pass modulus 11 and fail double alternate", "203099", "66831036", Invalid},
		{28, "fail modulus 11 and pass double alternate", "203099", "58716970", Invalid},
		{29, "fail modulus 10 check", "089999", "66374959", Invalid},
		{30, "fail modulus 11 check", "107999", "88837493", Invalid},
		{31, "exception 12/13 passes modulus 11", "074456", "12345112", Valid},
		{32, "exception 12/13 passes modulus 11 (070116)", "070116", "34012583", Valid},
		{33, "exception 12/13 fails modulus 11 but passes modulus 10", "074456", "11104102", Valid},
		{34, "exception 14 first check fails second passes", "180002", "00000190", Valid},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			got, err := c.Check(tt.sortCode, tt.account)
			if err != nil {
				t.Fatalf("case %d: %v", tt.n, err)
			}
			if got.Outcome != tt.want {
				t.Fatalf("case %d %s %s: got %v (%s), want %v", tt.n, tt.sortCode, tt.account, got.Outcome, got.Reason, tt.want)
			}
			if got.Reason == "" {
				t.Fatalf("case %d: no reason given", tt.n)
			}
		})
	}
}

// Cases derived from the rules (not in the published list) for branches the
// published cases do not reach.
func TestCheckDerivedCases(t *testing.T) {
	c := loadChecker(t)
	tests := []struct {
		rule     string
		sortCode string
		account  string
		want     Outcome
		reason   string
	}{
		{"a sort code not in the table cannot be checked and does not block", "999999", "12345678", CannotCheck, "does not block"},
		{"exception 14 last digit not 0 1 or 9 is invalid", "180002", "00000192", Invalid, "exception 14"},
		{"exception 14 fails again after dropping the last digit", "180002", "00000181", Invalid, "also after dropping"},
		{"exception 2 & 9 both checks fail", "309070", "12345679", Invalid, "exceptions 2 and 9"},
		{"exception 12/13 both checks fail", "074456", "11104104", Invalid, "fails MOD11"},
		{"sort code with dashes is accepted", "08-99-99", "66374958", Valid, "MOD10"},
		{"seven-digit account gets a leading zero", "180002", "0000190", Valid, "exception 14"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			got, err := c.Check(tt.sortCode, tt.account)
			if err != nil {
				t.Fatal(err)
			}
			if got.Outcome != tt.want || !strings.Contains(got.Reason, tt.reason) {
				t.Fatalf("got %v (%s), want %v with %q", got.Outcome, got.Reason, tt.want, tt.reason)
			}
			if got.Blocks() != (tt.want == Invalid) {
				t.Fatalf("Blocks() = %v for %v", got.Blocks(), got.Outcome)
			}
		})
	}
}

func TestStandardise(t *testing.T) {
	tests := []struct {
		rule             string
		sortCode, acct   string
		wantSC, wantAcct string
		wantErr          string
	}{
		{"eight digits unchanged", "12-34-56", "12345678", "123456", "12345678", ""},
		{"six digits padded with two zeros", "123456", "123456", "123456", "00123456", ""},
		{"seven digits padded with one zero", "123456", "1234567", "123456", "01234567", ""},
		{"nine digits (Santander) move the first digit into the sort code", "090000", "123456789", "090001", "23456789", ""},
		{"ten digits refused: the bank decides which 8", "123456", "0123456789", "", "", "10 digits"},
		{"five digits refused", "123456", "12345", "", "", "5 digits"},
		{"letters in the account refused", "123456", "1234567A", "", "", "not an account number"},
		{"five-digit sort code refused", "12345", "12345678", "", "", "six digits"},
		{"empty account refused", "123456", "", "", "", "not an account number"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			sc, a, err := Standardise(tt.sortCode, tt.acct)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !domain.IsValidation(err) {
					t.Fatalf("err = %v, want validation error with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || sc != tt.wantSC || a != tt.wantAcct {
				t.Fatalf("got %s %s %v, want %s %s", sc, a, err, tt.wantSC, tt.wantAcct)
			}
		})
	}
}

func TestMaskAccount(t *testing.T) {
	if got := MaskAccount("12345678"); got != "••••5678" {
		t.Fatalf("got %q", got)
	}
}

func TestParseWeightTableRefusals(t *testing.T) {
	row := "089000 089999 MOD10    0    0    0    0    0    0    7    1    3    7    1    3    7    1"
	tests := []struct {
		rule  string
		input string
		want  string
	}{
		{"empty table", "", "no rows"},
		{"too few fields", "089000 089999 MOD10 0 0", "line 1: weight table row has 5 fields"},
		{"unknown method", strings.Replace(row, "MOD10", "MOD12", 1), "method \"MOD12\""},
		{"range backwards", "089999 089000" + row[13:], "runs backwards"},
		{"weight not a number", strings.Replace(row, "   7    1    3", "   x    1    3", 1), "weight 7"},
		{"exception out of range", row + "  15", "exception \"15\""},
		{"overlapping ranges", row + "\n089500 089600 MOD11 0 0 0 0 0 0 8 7 6 5 4 3 2 1", "line 2: sort codes 089500–089600 overlap"},
		{"three rows for one range", row + "\n" + row + "\n" + row, "line 3: sort codes 089000–089999 have more than two rows"},
		{"bad sort code", "08900A 089999" + row[13:], "not two 6-digit sort codes"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			_, err := ParseWeightTable([]byte(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !domain.IsValidation(err) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestParseWeightTableCRLFAndShared(t *testing.T) {
	b, err := os.ReadFile("testdata/valacdos_excerpt.txt")
	if err != nil {
		t.Fatal(err)
	}
	crlf := strings.ReplaceAll(string(b), "\n", "\r\n")
	table, err := ParseWeightTable([]byte(crlf))
	if err != nil {
		t.Fatal(err)
	}
	if rows := table.Rows("938063"); len(rows) != 2 || rows[0].Method != MOD11 || rows[1].Method != DBLAL || rows[1].Exception != 5 {
		t.Fatalf("rows for 938063 = %+v", rows)
	}
	if rows := table.Rows("938697"); len(rows) != 0 {
		t.Fatalf("938697 should have no rows, got %+v", rows)
	}
	if rows := table.Rows("000001"); len(rows) != 0 {
		t.Fatalf("000001 should have no rows")
	}
}

func TestParseSubstitutions(t *testing.T) {
	s, err := ParseSubstitutions([]byte("938173 938017\r\n938289 938068\r\n"))
	if err != nil || s.Len() != 2 {
		t.Fatalf("got %v %v", s, err)
	}
	for _, tt := range []struct{ in, want string }{
		{"938173 938017\n938173 938068", "line 2: sort code 938173 is substituted twice"},
		{"938173", "line 1: substitution row"},
		{"93817X 938017", "not two 6-digit sort codes"},
	} {
		if _, err := ParseSubstitutions([]byte(tt.in)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestFileErrorIn(t *testing.T) {
	_, err := ParseWeightTable([]byte("\xef\xbb\xbf089000 089999 MOD10 0 0 0 0 0 0 7 1 3 7 1 3 7 1\n089000 089999 MOD12 0 0 0 0 0 0 7 1 3 7 1 3 7 1\n"))
	var fe *FileError
	if !errors.As(err, &fe) || fe.In("valacdos.txt") != `valacdos.txt:2: method "MOD12" is not MOD10, MOD11 or DBLAL` {
		t.Fatalf("err = %v", err)
	}
	p := &FileError{Path: "BACSDocument/Data", Reason: "x"}
	if p.In("a.xml") != "a.xml: BACSDocument/Data: x" {
		t.Fatal(p.In("a.xml"))
	}
	c := &FileError{Line: 5, Column: 16, Reason: "y"}
	if c.In("f.std18") != "f.std18:5:16: y" {
		t.Fatal(c.In("f.std18"))
	}
}
