package domain

// MaskCardNumbers finds card numbers in free text and masks all but their
// last four digits, before anything is stored (RULES.md "Card data"). A card
// number is a run of 13–19 digits, optionally grouped by single spaces or
// hyphens, that passes the Luhn check. In a longer grouped run, each span of
// whole groups holding 13–19 digits is checked, so "4111 1111 1111 1111 2024"
// is still caught. It returns the masked text and how many numbers it masked.
func MaskCardNumbers(s string) (string, int) {
	b := []byte(s)
	masked := 0
	i := 0
	for i < len(b) {
		if !isDigit(b[i]) {
			i++
			continue
		}
		// A run: digits, with single separators between digits.
		j := i
		for j < len(b) {
			if isDigit(b[j]) {
				j++
				continue
			}
			if (b[j] == ' ' || b[j] == '-') && j+1 < len(b) && isDigit(b[j+1]) {
				j++
				continue
			}
			break
		}
		masked += maskRun(b[i:j])
		i = j
	}
	return string(b), masked
}

// maskRun masks card numbers inside one run (digits and separators).
func maskRun(run []byte) int {
	// Groups: byte ranges of consecutive digits.
	type group struct{ from, to int }
	var groups []group
	for k := 0; k < len(run); {
		if !isDigit(run[k]) {
			k++
			continue
		}
		g := group{from: k}
		for k < len(run) && isDigit(run[k]) {
			k++
		}
		g.to = k
		groups = append(groups, g)
	}
	count := 0
	for a := 0; a < len(groups); a++ {
		digits := 0
		for z := a; z < len(groups); z++ {
			digits += groups[z].to - groups[z].from
			if digits > 19 {
				break
			}
			if digits < 13 {
				continue
			}
			span := run[groups[a].from:groups[z].to]
			if luhn(span) {
				maskDigits(span)
				count++
				a = z // continue after the masked span
				break
			}
		}
	}
	return count
}

// maskDigits replaces every digit but the last four with '*', keeping separators.
func maskDigits(span []byte) {
	keep := 4
	for k := len(span) - 1; k >= 0; k-- {
		if !isDigit(span[k]) {
			continue
		}
		if keep > 0 {
			keep--
			continue
		}
		span[k] = '*'
	}
}

// luhn reports whether the digits in span (separators ignored) pass the
// Luhn check (ISO/IEC 7812-1 Annex B).
func luhn(span []byte) bool {
	sum, double := 0, false
	for k := len(span) - 1; k >= 0; k-- {
		c := span[k]
		if !isDigit(c) {
			continue
		}
		d := int(c - '0')
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

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
