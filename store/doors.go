package store

import (
	"context"

	"caseload/domain"
	"caseload/domain/worklist"
)

// Narrow doors into the store, one per consumer, so a pane depends on what
// it uses and its tests can stand a small fake in for a database. *Store
// satisfies every one of them.

// LedgerReader is what a view of one account's ledger reads: the account,
// its transactions with running balance, a statement for a period, and the
// money policy its forms validate against.
type LedgerReader interface {
	Account(ctx context.Context, ref string) (Account, error)
	Ledger(ctx context.Context, ref string) ([]LedgerLine, error)
	Statement(ctx context.Context, ref string, from, to domain.Date) (Statement, error)
	MoneyPolicy() domain.MoneyPolicy
}

// Poster previews a posting (the rows and the balance it would leave) and
// writes it.
type Poster interface {
	Preview(ctx context.Context, p Posting, today domain.Date) (Posted, error)
	Post(ctx context.Context, p Posting, today domain.Date) (Posted, error)
}

// LedgerDoor is what the ledger pane needs: it reads an account's ledger
// and posts to it.
type LedgerDoor interface {
	LedgerReader
	Poster
}

// WorklistSource is what the worklist needs: whether an officer has a
// patch, and the patch's (or everyone's) accounts in worklist order.
type WorklistSource interface {
	HasPatch(ctx context.Context, officer string) (bool, error)
	Caseload(ctx context.Context, officer string, today domain.Date, p worklist.Policy) ([]CaseLine, error)
	// CaseLines are some accounts' lines, read again after a write.
	CaseLines(ctx context.Context, officer string, refs []string, today domain.Date, p worklist.Policy) ([]CaseLine, error)
	// CaseSummaries are the patch's first accounts without the worklist,
	// and how many it holds: the quick read a first screen shows while
	// Caseload runs.
	CaseSummaries(ctx context.Context, officer string, today domain.Date, limit int) ([]CaseLine, int, error)
}

// CaseReader is what the detail of one case reads: the account, its
// ledger, notes, events and the facts the worklist rules judge.
type CaseReader interface {
	Account(ctx context.Context, ref string) (Account, error)
	Ledger(ctx context.Context, ref string) ([]LedgerLine, error)
	Notes(ctx context.Context, ref string) ([]Note, error)
	Events(ctx context.Context, ref string) ([]Event, error)
	AccountFacts(ctx context.Context, ref string, today domain.Date, p worklist.Policy) (worklist.Facts, error)
}

// CaseloadDoor is what the caseload pane reads: its worklist and the
// detail of the case highlighted.
type CaseloadDoor interface {
	WorklistSource
	CaseReader
}

var (
	_ LedgerDoor   = (*Store)(nil)
	_ CaseloadDoor = (*Store)(nil)
)
