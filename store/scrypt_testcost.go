//go:build caseload_testscrypt

package store

// Built with -tags caseload_testscrypt (as cmd/caseload's end-to-end tests
// build their binary), passphrase packs use a cheap scrypt cost, as the
// store's own tests do, so the tests do not spend minutes stretching keys.
// A binary built without the tag keeps the full cost; age reads either.
func init() { scryptWorkFactor = 10 }
