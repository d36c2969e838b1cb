package bacs

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Method is a modulus checking algorithm named in the weight table.
type Method string

// The three methods of Pay.UK's "Validating account numbers" specification.
const (
	MOD10 Method = "MOD10" // weighted sum divisible by 10
	MOD11 Method = "MOD11" // weighted sum divisible by 11
	DBLAL Method = "DBLAL" // double alternate: the digits of each product summed, divisible by 10
)

// WeightRow is one line of the weight table (valacdos.txt): a sort code
// range, its method, the 14 weights for u v w x y z (sort code) and
// a b c d e f g h (account number), and an exception number (0 for none).
type WeightRow struct {
	From, To  string
	Method    Method
	Weights   [14]int
	Exception int
	Line      int // line in the loaded file, for messages
}

// WeightTable is a loaded valacdos.txt. A sort code has no row (the check
// cannot run), one row (one check) or two rows (two checks, in file order).
type WeightTable struct {
	rows []WeightRow // sorted by From; pairs keep file order
}

// ParseWeightTable reads Pay.UK's weight table: one row per line,
// whitespace-separated "from to method w1 … w14 [exception]". Blank lines and
// lines starting with # are skipped (the real file has neither). The table
// is validated whole: a bad field, a range backwards, overlapping ranges or
// more than two rows for one range refuse the file at its line.
func ParseWeightTable(b []byte) (*WeightTable, error) {
	var rows []WeightRow
	b = bytes.TrimPrefix(b, utf8BOM)
	for n, raw := range bytes.Split(b, []byte("\n")) {
		line := n + 1
		s := strings.TrimSpace(string(raw))
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f := strings.Fields(s)
		if len(f) != 17 && len(f) != 18 {
			return nil, lineErr(line, "weight table row has %d fields: want from, to, method, 14 weights and an optional exception", len(f))
		}
		r := WeightRow{From: f[0], To: f[1], Method: Method(f[2]), Line: line}
		if len(r.From) != 6 || !isDigits(r.From) || len(r.To) != 6 || !isDigits(r.To) {
			return nil, lineErr(line, "sort code range %s %s is not two 6-digit sort codes", f[0], f[1])
		}
		if r.From > r.To {
			return nil, lineErr(line, "sort code range %s %s runs backwards", r.From, r.To)
		}
		switch r.Method {
		case MOD10, MOD11, DBLAL:
		default:
			return nil, lineErr(line, "method %q is not MOD10, MOD11 or DBLAL", f[2])
		}
		for i := 0; i < 14; i++ {
			w, err := strconv.Atoi(f[3+i])
			if err != nil || w < -99 || w > 99 {
				return nil, lineErr(line, "weight %d (%q) is not a small whole number", i+1, f[3+i])
			}
			r.Weights[i] = w
		}
		if len(f) == 18 {
			x, err := strconv.Atoi(f[17])
			if err != nil || x < 1 || x > 14 {
				return nil, lineErr(line, "exception %q is not a number from 1 to 14", f[17])
			}
			r.Exception = x
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		return nil, lineErr(1, "weight table has no rows")
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].From < rows[j].From })
	for i := 1; i < len(rows); i++ {
		p, r := rows[i-1], rows[i]
		if r.From == p.From && r.To == p.To {
			if i >= 2 && rows[i-2].From == r.From {
				return nil, lineErr(r.Line, "sort codes %s–%s have more than two rows: at most two checks are defined", r.From, r.To)
			}
			continue
		}
		if r.From <= p.To {
			return nil, lineErr(r.Line, "sort codes %s–%s overlap %s–%s (line %d)", r.From, r.To, p.From, p.To, p.Line)
		}
	}
	return &WeightTable{rows: rows}, nil
}

// Len is the number of rows loaded.
func (t *WeightTable) Len() int { return len(t.rows) }

// Rows are the rows for a 6-digit sort code, first check first; none when
// the sort code is not in the table.
func (t *WeightTable) Rows(sortCode string) []WeightRow {
	i := sort.Search(len(t.rows), func(i int) bool { return t.rows[i].From > sortCode })
	if i == 0 {
		return nil
	}
	from := t.rows[i-1].From
	if t.rows[i-1].To < sortCode {
		return nil
	}
	j := i - 1
	for j > 0 && t.rows[j-1].From == from {
		j--
	}
	return t.rows[j:i]
}

// Substitutions is a loaded scsubtab.txt: the sort codes exception 5
// replaces before checking.
type Substitutions struct {
	m map[string]string
}

// ParseSubstitutions reads scsubtab.txt: "original substitute" per line,
// both 6-digit sort codes. Blank and # lines are skipped; a sort code listed
// twice refuses the file.
func ParseSubstitutions(b []byte) (*Substitutions, error) {
	s := &Substitutions{m: map[string]string{}}
	first := map[string]int{}
	b = bytes.TrimPrefix(b, utf8BOM)
	for n, raw := range bytes.Split(b, []byte("\n")) {
		line := n + 1
		t := strings.TrimSpace(string(raw))
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		f := strings.Fields(t)
		if len(f) != 2 || len(f[0]) != 6 || !isDigits(f[0]) || len(f[1]) != 6 || !isDigits(f[1]) {
			return nil, lineErr(line, "substitution row %q is not two 6-digit sort codes", t)
		}
		if prev, dup := first[f[0]]; dup {
			return nil, lineErr(line, "sort code %s is substituted twice (first on line %d)", f[0], prev)
		}
		first[f[0]] = line
		s.m[f[0]] = f[1]
	}
	return s, nil
}

// Len is the number of substitutions loaded.
func (s *Substitutions) Len() int {
	if s == nil {
		return 0
	}
	return len(s.m)
}

// Outcome is what a modulus check concluded.
type Outcome int

// Outcomes. CannotCheck never blocks a mandate: the details may be right.
const (
	Valid Outcome = iota + 1
	Invalid
	CannotCheck
)

func (o Outcome) String() string {
	switch o {
	case Valid:
		return "valid"
	case Invalid:
		return "invalid"
	case CannotCheck:
		return "cannot check"
	}
	return "unknown"
}

// CheckResult is the outcome of a modulus check with the reason an officer
// reads, and the standardised sort code and account number that were checked
// (the ones to keep and put in Bacs files).
type CheckResult struct {
	Outcome  Outcome
	Reason   string
	SortCode string
	Account  string
}

// Blocks reports whether the details must be refused: only an Invalid
// outcome blocks; a check that cannot run does not.
func (r CheckResult) Blocks() bool { return r.Outcome == Invalid }

// Checker runs modulus checks against loaded tables.
type Checker struct {
	table *WeightTable
	subs  *Substitutions
}

// NewChecker checks with a weight table and the substitution table
// (which may be nil or empty when no sort code in use needs exception 5).
func NewChecker(t *WeightTable, s *Substitutions) *Checker {
	if s == nil {
		s = &Substitutions{m: map[string]string{}}
	}
	return &Checker{table: t, subs: s}
}

// Digit positions in the 14-digit string u v w x y z a b c d e f g h.
const (
	posA = 6 + iota
	posB
	posC
	posD
	posE
	posF
	posG
	posH
)

// Weights exception 2 substitutes for the first check (Lloyds).
var (
	exception2Weights   = [14]int{0, 0, 1, 2, 5, 3, 6, 4, 8, 7, 10, 9, 3, 1}
	exception2WeightsG9 = [14]int{0, 0, 0, 0, 0, 0, 0, 0, 8, 7, 10, 9, 3, 1}
)

// Check validates a sort code and account number (non-standard lengths are
// standardised first, see Standardise). Bad input is an error; a sort code
// missing from the table is CannotCheck, which does not block.
func (c *Checker) Check(sortCode, account string) (CheckResult, error) {
	sc, acc, err := Standardise(sortCode, account)
	if err != nil {
		return CheckResult{}, err
	}
	res := CheckResult{SortCode: sc, Account: acc}
	rows := c.table.Rows(sc)
	if len(rows) == 0 {
		res.Outcome = CannotCheck
		res.Reason = fmt.Sprintf("sort code %s is not in the modulus weight table, so the check cannot run; this does not block", sc)
		return res, nil
	}
	ok, why := c.run(sc, acc, rows)
	res.Outcome, res.Reason = Invalid, why
	if ok {
		res.Outcome = Valid
	}
	return res, nil
}

func (c *Checker) run(sc, acc string, rows []WeightRow) (bool, string) {
	d := digitsOf(sc + acc)
	first := rows[0]
	var second *WeightRow
	if len(rows) > 1 {
		second = &rows[1]
	}
	has := func(x int) bool { return first.Exception == x || (second != nil && second.Exception == x) }

	if has(6) && d[posA] >= 4 && d[posA] <= 8 && d[posG] == d[posH] {
		return true, "foreign currency account (exception 6): it cannot be checked and is treated as valid"
	}
	if has(5) {
		if sub, ok := c.subs.m[sc]; ok {
			d = digitsOf(sub + acc)
		}
	}
	if has(8) {
		d = digitsOf("090126" + acc)
	}

	ok1 := checkRow(first, d)
	if second == nil {
		if ok1 {
			return true, "passes " + describe(first)
		}
		if first.Exception == 14 {
			// Coutts: a last digit of 0, 1 or 9 is dropped and a 0 put in
			// front, then the same check is run again.
			if h := d[posH]; h != 0 && h != 1 && h != 9 {
				return false, "fails " + describe(first) + " and the last digit is not 0, 1 or 9 (exception 14)"
			}
			if checkRow(first, digitsOf(sc+"0"+acc[:7])) {
				return true, "passes " + describe(first) + " after dropping the last digit (exception 14)"
			}
			return false, "fails " + describe(first) + ", also after dropping the last digit (exception 14)"
		}
		return false, "fails " + describe(first)
	}

	switch {
	case first.Exception == 2 && second.Exception == 9:
		if ok1 {
			return true, "passes " + describe(first) + " (sterling account)"
		}
		if checkRow(*second, digitsOf("309634"+acc)) {
			return true, "passes " + describe(*second) + " at sort code 309634 (Lloyds euro account, exception 9)"
		}
		return false, "fails " + describe(first) + " and the euro account check at 309634 (exceptions 2 and 9)"
	case (first.Exception == 10 && second.Exception == 11) || (first.Exception == 12 && second.Exception == 13):
		if ok1 {
			return true, "passes " + describe(first)
		}
		if checkRow(*second, d) {
			return true, "passes " + describe(*second) + " (either check may pass)"
		}
		return false, "fails " + describe(first) + " and " + describe(*second)
	}
	if !ok1 {
		return false, "fails " + describe(first) + " (first of two checks)"
	}
	if second.Exception == 3 && (d[posC] == 6 || d[posC] == 9) {
		return true, "passes " + describe(first) + "; the second check is not needed when the 3rd account digit is 6 or 9 (exception 3)"
	}
	if !checkRow(*second, d) {
		return false, "passes " + describe(first) + " but fails " + describe(*second) + " (both must pass)"
	}
	return true, "passes " + describe(first) + " and " + describe(*second)
}

func describe(r WeightRow) string {
	if r.Exception != 0 {
		return fmt.Sprintf("%s (exception %d)", r.Method, r.Exception)
	}
	return string(r.Method)
}

// checkRow runs one row's check over the 14 digits, with the exceptions
// that change weights, totals or the test itself.
func checkRow(r WeightRow, d [14]int) bool {
	w := r.Weights
	switch r.Exception {
	case 2:
		if d[posA] != 0 {
			if d[posG] == 9 {
				w = exception2WeightsG9
			} else {
				w = exception2Weights
			}
		}
	case 7:
		if d[posG] == 9 {
			zeroUToB(&w)
		}
	case 10:
		ab := d[posA]*10 + d[posB]
		if (ab == 9 || ab == 99) && d[posG] == 9 {
			zeroUToB(&w)
		}
	}
	total := 0
	for i := 0; i < 14; i++ {
		p := w[i] * d[i]
		if r.Method == DBLAL {
			total += digitSum(p)
		} else {
			total += p
		}
	}
	if r.Exception == 1 {
		total += 27
	}
	mod := 11
	if r.Method != MOD11 {
		mod = 10
	}
	rem := ((total % mod) + mod) % mod
	switch r.Exception {
	case 4:
		return rem == d[posG]*10+d[posH]
	case 5:
		if r.Method == DBLAL {
			if rem == 0 {
				return d[posH] == 0
			}
			return 10-rem == d[posH]
		}
		if rem == 0 {
			return d[posG] == 0
		}
		if rem == 1 {
			return false
		}
		return 11-rem == d[posG]
	}
	return rem == 0
}

func zeroUToB(w *[14]int) {
	for i := 0; i <= posB; i++ {
		w[i] = 0
	}
}

func digitSum(p int) int {
	neg := p < 0
	if neg {
		p = -p
	}
	s := 0
	for ; p > 0; p /= 10 {
		s += p % 10
	}
	if neg {
		return -s
	}
	return s
}

func digitsOf(s string) [14]int {
	var d [14]int
	for i := 0; i < 14 && i < len(s); i++ {
		d[i] = int(s[i] - '0')
	}
	return d
}
