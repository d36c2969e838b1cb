package domain

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestMaskCardNumbers(t *testing.T) {
	tests := []struct {
		name, in, want string
		n              int
	}{
		{"spaced Visa test number is masked", "paid by 4111 1111 1111 1111 today", "paid by **** **** **** 1111 today", 1},
		{"hyphenated Mastercard test number is masked", "card 5555-5555-5555-4444", "card ****-****-****-4444", 1},
		{"plain run is masked", "4111111111111111", "************1111", 1},
		{"failing Luhn is left alone", "ref 4111111111111112", "ref 4111111111111112", 0},
		{"valid Luhn but 11 digits is ignored", "79927398713", "79927398713", 0},
		{"a card number followed by a year in the same run", "4111 1111 1111 1111 2024", "**** **** **** 1111 2024", 1},
		{"two card numbers", "4111111111111111 and 5555555555554444", "************1111 and ************4444", 2},
		{"phone numbers untouched", "call 07700 900301", "call 07700 900301", 0},
		{"two phone numbers in a row untouched", "020 7946 0018 / 07700 900301", "020 7946 0018 / 07700 900301", 0},
		{"money untouched", "paid £1,234.50", "paid £1,234.50", 0},
		{"a date before a card number stays", "on 12/05/2025 4111 1111 1111 1111", "on 12/05/2025 **** **** **** 1111", 1},
		{"a 20-digit reference without separators is not a card", "41111111111111111111", "41111111111111111111", 0},
		{"a 24-digit bank reference is not a card", "ref 012345678901234567890123", "ref 012345678901234567890123", 0},
		// The forms that slipped past masking (issue 13).
		{"double spaces", "4111  1111  1111  1111", "****  ****  ****  1111", 1},
		{"tabs", "4111\t1111\t1111\t1111", "****\t****\t****\t1111", 1},
		{"no-break spaces", "4111\u00a01111\u00a01111\u00a01111", "****\u00a0****\u00a0****\u00a01111", 1},
		{"dots", "4111.1111.1111.1111", "****.****.****.1111", 1},
		{"slashes", "4111/1111/1111/1111", "****/****/****/1111", 1},
		{"spaced hyphens", "5555 - 5555 - 5555 - 4444", "**** - **** - **** - 4444", 1},
		{"full-width digits", "４１１１ １１１１ １１１１ １１１１", "**** **** **** １１１１", 1},
		{"full-width digits run together", "４１１１１１１１１１１１１１１１", "************１１１１", 1},
		{"Arabic-Indic digits", "٤١١١١١١١١١١١١١١١", "************١١١١", 1},
		{"a digit appended", "41111111111111111", "************11111", 1},
		{"two digits appended", "411111111111111112", "************111112", 1},
		{"a digit appended to the last group", "4111 1111 1111 11117", "**** **** **** 11117", 1},
		{"a digit typed after a space", "4111 1111 1111 1111 7", "**** **** **** 1111 7", 1},
		{"Amex in its 4-6-5 grouping", "3782 822463 10005", "**** ****** *0005", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, n := MaskCardNumbers(tt.in)
			if got != tt.want || n != tt.n {
				t.Fatalf("MaskCardNumbers(%q) = %q, %d; want %q, %d", tt.in, got, n, tt.want, tt.n)
			}
		})
	}
}

// Every Unicode decimal digit has a value 0–9 and its script's zero is 0.
func TestDigitValueCoversUnicode(t *testing.T) {
	for c := rune(0); c <= unicode.MaxRune; c++ {
		if !unicode.IsDigit(c) {
			continue
		}
		v, ok := digitValue(c)
		if !ok || v > 9 {
			t.Fatalf("digit %U: value %d, %v", c, v, ok)
		}
	}
	for _, zero := range []rune{'0', '０', '٠', '०', '𝟎'} {
		if v, _ := digitValue(zero); v != 0 {
			t.Fatalf("%U has value %d", zero, v)
		}
	}
}

func FuzzMaskCardNumbers(f *testing.F) {
	f.Add("4111 1111 1111 1111", 0, 0)
	f.Add("5555-5555-5555-4444 x 4111111111111112", 1, 1)
	f.Add("４１１１ １１１１", 2, 2)
	f.Add("on 12/05/2025 paid", 3, 0)
	f.Fuzz(func(t *testing.T, s string, sep, appended int) {
		out, n := MaskCardNumbers(s)
		if utf8.RuneCountInString(out) != utf8.RuneCountInString(s) && utf8.ValidString(s) {
			t.Fatalf("masking changed the length")
		}
		in, got := []rune(s), []rune(out)
		changed := 0
		for i := range in {
			if i >= len(got) || got[i] == in[i] {
				continue
			}
			if !isDigitRune(in[i]) || got[i] != '*' {
				t.Fatalf("character %d changed from %q to %q: only digits may become '*'", i, in[i], got[i])
			}
			changed++
		}
		if (n == 0) != (changed == 0) {
			t.Fatalf("reported %d numbers but changed %d digits", n, changed)
		}
		// A test card number written with any separator and a digit or
		// two typed after it is always masked, wherever it is put.
		seps := []string{" ", "  ", "\t", "\u00a0", ".", "/", "-", " - "}
		card := []string{"4111", "1111", "1111", "1111"}
		written := strings.Join(card, seps[abs(sep)%len(seps)]) + strings.Repeat("7", abs(appended)%3)
		text := "x" + s + " paid by " + written + " thanks"
		if masked, _ := MaskCardNumbers(text); !strings.Contains(masked, " paid by ****") {
			t.Fatalf("card number %q not masked in %q: %q", written, text, masked)
		}
	})
}

func abs(n int) int { return int(uint(n) >> 1) }
