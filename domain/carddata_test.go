package domain

import "testing"

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
		{"money untouched", "paid £1,234.50", "paid £1,234.50", 0},
		{"a 20-digit reference without separators is not a card", "41111111111111111111", "41111111111111111111", 0},
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

func FuzzMaskCardNumbers(f *testing.F) {
	f.Add("4111 1111 1111 1111")
	f.Add("5555-5555-5555-4444 x 4111111111111112")
	f.Add("4111111111111111")
	f.Fuzz(func(t *testing.T, s string) {
		out, n := MaskCardNumbers(s)
		if len(out) != len(s) {
			t.Fatalf("masking changed the length")
		}
		changed := 0
		for i := 0; i < len(s); i++ {
			if out[i] == s[i] {
				continue
			}
			if !isDigit(s[i]) || out[i] != '*' {
				t.Fatalf("byte %d changed from %q to %q: only digits may become '*'", i, s[i], out[i])
			}
			changed++
		}
		if (n == 0) != (changed == 0) {
			t.Fatalf("reported %d numbers but changed %d digits", n, changed)
		}
		// A bare run of 13–19 digits that passes Luhn must always be masked.
		if l := len(s); l >= 13 && l <= 19 && allDigits(s) && luhn([]byte(s)) && n != 1 {
			t.Fatalf("card number %q not masked", s)
		}
	})
}
