package bacs

import (
	"strings"

	"caseload/domain"
)

// NormaliseSortCode accepts "12-34-56", "12 34 56" or "123456" and returns
// the six digits.
func NormaliseSortCode(s string) (string, error) {
	d := strings.NewReplacer("-", "", " ", "").Replace(strings.TrimSpace(s))
	if len(d) != 6 || !isDigits(d) {
		return "", domain.Invalid("sort code", "%q is not a sort code: give six digits like 12-34-56", s)
	}
	return d, nil
}

// Standardise returns the sort code and eight-digit account number Bacs and
// the modulus check use, following Pay.UK's rules for non-standard numbers:
//   - 6 or 7 digits: zeros are put in front ("123456" → "00123456");
//   - 9 digits (Santander): the last digit of the sort code is replaced by
//     the first digit of the account number, and the last 8 digits kept;
//   - 10 digits are refused: the bank decides which 8 digits count (NatWest
//     the last 8, Co-operative Bank the first 8), so the officer must give
//     the 8 digits the bank quotes for Bacs.
//
// Spaces and dashes inside the account number are ignored.
func Standardise(sortCode, account string) (string, string, error) {
	sc, err := NormaliseSortCode(sortCode)
	if err != nil {
		return "", "", err
	}
	a := strings.NewReplacer("-", "", " ", "").Replace(strings.TrimSpace(account))
	if a == "" || !isDigits(a) {
		return "", "", domain.Invalid("account number", "%q is not an account number: give its 8 digits", account)
	}
	switch len(a) {
	case 8:
		return sc, a, nil
	case 6, 7:
		return sc, strings.Repeat("0", 8-len(a)) + a, nil
	case 9:
		return sc[:5] + a[:1], a[1:], nil
	case 10:
		return "", "", domain.Invalid("account number", "%q has 10 digits: the bank decides which 8 are used (NatWest the last 8, Co-operative Bank the first 8); give the 8-digit number the bank quotes for Bacs", account)
	default:
		return "", "", domain.Invalid("account number", "%q has %d digits: a UK account number has 8 (6 to 9 are standardised)", account, len(a))
	}
}

// MaskAccount shows only the last four digits ("••••5678"): bank details are
// personal data and appear in full only in the form where they are entered.
func MaskAccount(account string) string {
	if len(account) <= 4 {
		return strings.Repeat("•", len(account))
	}
	return "••••" + account[len(account)-4:]
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
