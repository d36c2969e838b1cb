package common

import "caseload/store"

// Ledger is what the ledger pane reads and posts through: LedgerSource
// when set, else the store.
func (c *Context) Ledger() store.LedgerDoor {
	if c.LedgerSource != nil {
		return c.LedgerSource
	}
	return c.Store
}

// Caseload is what the caseload pane's worklist and case detail read:
// CaseloadSource when set, else the store.
func (c *Context) Caseload() store.CaseloadDoor {
	if c.CaseloadSource != nil {
		return c.CaseloadSource
	}
	return c.Store
}
