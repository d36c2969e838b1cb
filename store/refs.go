package store

import (
	"context"
	"strings"
)

// An officer types a payment reference as it comes ("nw1001", " NW1001 "),
// but an account keeps the spelling its housing-system extract gave it.
// canonicalRef is the one place a typed reference becomes the stored one:
// every method that takes a reference from outside calls it first, so the
// CLI and the TUI find an account whatever its case, and what is written
// (change bodies, the audit) always carries the account's own spelling.

// Ref is the stored spelling of a payment reference as typed: the account
// whose reference matches it exactly, else the one that matches it ignoring
// case; the typed reference (trimmed) when no account matches.
func (s *Store) Ref(ctx context.Context, typed string) string {
	return canonicalRef(ctx, s.db, typed)
}

func canonicalRef(ctx context.Context, q queryer, typed string) string {
	ref := strings.TrimSpace(typed)
	if ref == "" {
		return ref
	}
	var stored string
	// The exact match uses the ref index; the case-blind one scans, so it
	// runs only when the exact one finds nothing.
	if err := q.QueryRowContext(ctx, "SELECT ref FROM account WHERE ref = ?", ref).Scan(&stored); err == nil {
		return stored
	}
	rows, err := q.QueryContext(ctx, "SELECT ref FROM account WHERE ref = ? COLLATE NOCASE LIMIT 2", ref)
	if err != nil {
		return ref
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		if err := rows.Scan(&stored); err != nil {
			return ref
		}
		found = append(found, stored)
	}
	if len(found) == 1 {
		return found[0]
	}
	return ref
}

// canonicalPosting spells a posting's accounts as stored.
func (s *Store) canonicalPosting(ctx context.Context, p Posting) Posting {
	p.Ref = s.Ref(ctx, p.Ref)
	if p.To != "" {
		p.To = s.Ref(ctx, p.To)
	}
	return p
}
