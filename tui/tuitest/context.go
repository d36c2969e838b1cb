package tuitest

import (
	"testing"

	"caseload/domain"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/theme"
)

// Context is the shared context a pane under test runs in: the store, the
// fixed today and officer, the default policy and bank holidays, and a
// context that ends with the test.
func Context(t testing.TB, st *store.Store) *common.Context {
	return &common.Context{Ctx: t.Context(), Store: st, Today: Today, Officer: Officer, Styles: theme.Default(),
		Holidays: domain.DefaultHolidays(), Policy: worklist.DefaultPolicy()}
}
