package store

import (
	"testing"

	"caseload/domain"
)

// SameFactsBothWays fails t when the worklist facts of the whole borough
// read through the summaries differ from those read from the ledger on
// any of the days (for tests outside the package, which seed databases).
func (s *Store) SameFactsBothWays(t testing.TB, days ...domain.Date) {
	t.Helper()
	sameFactsBothWays(t, s, "seeded database", days...)
}
