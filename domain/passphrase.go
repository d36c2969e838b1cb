package domain

import "unicode/utf8"

// MinPassphrase is the fewest characters a pack passphrase may have: a
// pack holds personal data and may be lost with a laptop, so it must stand
// up to guessing offline (four random words are about 25 characters).
const MinPassphrase = 12

// CheckPassphrase refuses a passphrase too short to protect a pack.
func CheckPassphrase(p string) error {
	if n := utf8.RuneCountInString(p); n < MinPassphrase {
		return Invalid("passphrase", "a pack passphrase needs at least %d characters (this one has %d): use three or four unrelated words", MinPassphrase, n)
	}
	return nil
}
