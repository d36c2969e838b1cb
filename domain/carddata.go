package domain

import (
	"unicode"
	"unicode/utf8"
)

// MaskCardNumbers finds card numbers in free text and masks all but their
// last four digits, before anything is stored (RULES.md "Card data"). It
// returns the masked text and how many numbers it masked.
//
// People write card numbers every way a keyboard allows, so a number is
// read the way a payment terminal would: the digits of a run, whatever
// separates them (up to three spaces, tabs, no-break spaces, dots, slashes
// or dashes between digits) and whatever digit forms are used (full-width
// ０-９ and every other Unicode decimal digit), normalised before the Luhn
// check. A run of 13–19 digits that passes Luhn is a card number. Inside a
// longer run ("4111 1111 1111 1111 2024", a number with a digit or two
// typed after it) a window of the run is a card number only when it also
// starts with an issuer's prefix and has a length that issuer uses, so a
// long account or bank reference is not masked by chance.
//
// Only digits change: each masked digit becomes '*' and separators stay,
// so the text keeps its shape (and its length in characters).
func MaskCardNumbers(s string) (string, int) {
	if !hasDigits(s, 13) {
		return s, 0 // the common case: no work, no allocation
	}
	r := []rune(s)
	masked := 0
	for i := 0; i < len(r); {
		if _, ok := digitValue(r[i]); !ok {
			i++
			continue
		}
		j := runEnd(r, i)
		masked += maskRun(r[i:j])
		i = j
	}
	if masked == 0 {
		return s, 0
	}
	return string(r), masked
}

// maxSeparators is how many separator characters may stand between two
// digits of one number ("4111  1111", "4111 - 1111").
const maxSeparators = 3

// runEnd is the end of the run of digits and separators starting at the
// digit r[i].
func runEnd(r []rune, i int) int {
	j := i
	for j < len(r) {
		if _, ok := digitValue(r[j]); ok {
			j++
			continue
		}
		k := j
		for k < len(r) && k-j < maxSeparators && isCardSeparator(r[k]) {
			k++
		}
		if k > j && k < len(r) {
			if _, ok := digitValue(r[k]); ok {
				j = k
				continue
			}
		}
		break
	}
	return j
}

// isCardSeparator reports whether c may stand between the digits of a
// card number as people write it.
func isCardSeparator(c rune) bool {
	switch c {
	case ' ', '\t', '-', '.', '/', '\u00a0', '\u2007', '\u2009', '\u202f', '\u3000', // spaces, no-break and thin spaces
		'\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', // hyphens, dashes and minus
		'\uff0d', '\uff0e', '\uff0f', '\u00b7': // full-width hyphen, dot, slash; middle dot
		return true
	}
	return false
}

// maskRun masks the card numbers inside one run (digits and separators).
func maskRun(run []rune) int {
	// pos[k] is where the run's k-th digit is; groups are the digit
	// indexes where each unbroken group of digits starts and ends.
	var pos []int
	var digits []byte
	var starts, ends []int
	for k, c := range run {
		v, ok := digitValue(c)
		if !ok {
			continue
		}
		if k == 0 || !isDigitRune(run[k-1]) {
			starts = append(starts, len(digits))
		}
		pos = append(pos, k)
		digits = append(digits, v)
		if k == len(run)-1 || !isDigitRune(run[k+1]) {
			ends = append(ends, len(digits))
		}
	}
	n := len(digits)
	if n < 13 {
		return 0
	}
	if n <= 19 && luhn(digits) {
		maskDigits(run, pos)
		return 1
	}
	count := 0
	from := 0 // digits before this are already part of a masked number
	for _, a := range starts {
		if a < from {
			continue
		}
		if b, ok := cardWindow(digits, a, ends); ok {
			maskDigits(run, pos[a:b])
			count++
			from = b
		}
	}
	return count
}

// cardWindow finds a card number starting at digit a of a long run: it
// ends where a group ends, or one or two digits before (digits typed on),
// preferring the longest window that ends with a group.
func cardWindow(digits []byte, a int, ends []int) (int, bool) {
	for trim := 0; trim <= 2; trim++ {
		for e := len(ends) - 1; e >= 0; e-- {
			b := ends[e] - trim
			if b <= a || b-a < 13 || b-a > 19 {
				continue
			}
			w := digits[a:b]
			if issuerLength(w) && luhn(w) {
				return b, true
			}
		}
	}
	return 0, false
}

// issuers are card number prefixes (ISO/IEC 7812 issuer identification
// numbers of the schemes taken in the UK) with the lengths each uses.
var issuers = []struct {
	lo, hi   int // prefix range, as numbers of the same number of digits
	digits   int // how many leading digits the range is written in
	min, max int // card number lengths
}{
	{4, 4, 1, 13, 19},           // Visa (13, 16, 19: checked below)
	{51, 55, 2, 16, 16},         // Mastercard
	{2221, 2720, 4, 16, 16},     // Mastercard 2-series
	{34, 34, 2, 15, 15},         // American Express
	{37, 37, 2, 15, 15},         // American Express
	{6011, 6011, 4, 16, 19},     // Discover
	{644, 649, 3, 16, 19},       // Discover
	{65, 65, 2, 16, 19},         // Discover
	{62, 62, 2, 16, 19},         // UnionPay
	{3528, 3589, 4, 16, 19},     // JCB
	{36, 36, 2, 14, 19},         // Diners Club
	{300, 305, 3, 16, 19},       // Diners Club
	{38, 39, 2, 16, 19},         // Diners Club
	{50, 50, 2, 13, 19},         // Maestro
	{56, 69, 2, 13, 19},         // Maestro and the rest of 5x/6x debit
	{676770, 676774, 6, 13, 19}, // Maestro UK (inside 56–69, kept for the record)
}

// issuerLength reports whether w starts with an issuer's prefix and has a
// length that issuer uses.
func issuerLength(w []byte) bool {
	for _, is := range issuers {
		if len(w) < is.digits || len(w) < is.min || len(w) > is.max {
			continue
		}
		p := 0
		for _, d := range w[:is.digits] {
			p = p*10 + int(d)
		}
		if p < is.lo || p > is.hi {
			continue
		}
		if is.lo == 4 && len(w) != 13 && len(w) != 16 && len(w) != 19 {
			continue
		}
		return true
	}
	return false
}

// maskDigits replaces every digit at the positions but the last four with '*'.
func maskDigits(run []rune, positions []int) {
	for _, p := range positions[:max(len(positions)-4, 0)] {
		run[p] = '*'
	}
}

// luhn reports whether digits (values 0–9) pass the Luhn check (ISO/IEC
// 7812-1 Annex B).
func luhn(digits []byte) bool {
	sum, double := 0, false
	for k := len(digits) - 1; k >= 0; k-- {
		d := int(digits[k])
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// digitValue is the value of a decimal digit in any script (ASCII,
// full-width, Arabic-Indic, mathematical…). Unicode keeps every script's
// digits 0–9 in consecutive code points, each range of the Nd table
// starting at a zero, so the value is the distance from that zero.
func digitValue(c rune) (byte, bool) {
	if c >= '0' && c <= '9' {
		return byte(c - '0'), true
	}
	if c < 0x80 || !unicode.IsDigit(c) {
		return 0, false
	}
	for _, rg := range unicode.Nd.R16 {
		if c >= rune(rg.Lo) && c <= rune(rg.Hi) && rg.Stride == 1 {
			return byte((c - rune(rg.Lo)) % 10), true
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if c >= rune(rg.Lo) && c <= rune(rg.Hi) && rg.Stride == 1 {
			return byte((c - rune(rg.Lo)) % 10), true
		}
	}
	return 0, false
}

func isDigitRune(c rune) bool {
	_, ok := digitValue(c)
	return ok
}

// hasDigits reports whether s holds at least n decimal digits of any script.
func hasDigits(s string, n int) bool {
	for i := 0; i < len(s) && n > 0; {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= '0' && c <= '9' {
				n--
			}
			i++
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsDigit(c) {
			n--
		}
		i += size
	}
	return n <= 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
