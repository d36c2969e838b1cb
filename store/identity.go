package store

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"

	"github.com/google/uuid"
)

// A database belongs to one caseload: the council's records, shared by the
// office and every laptop made from it. Packs carry the caseload id, and a
// pack from another caseload is refused (two councils' accounts that happen
// to share payment references must never merge).

// caseloadNamespace derives the caseload id of a database upgraded from
// schema 1 (before caseloads had ids) from the replica that made its oldest
// change.
var caseloadNamespace = uuid.MustParse("6c0d3b52-1f6e-4c8a-9d57-2a1c0e4f8b31")

// derivedCaseload is the caseload id of records that predate caseload ids,
// named by the replica that made the oldest of them.
func derivedCaseload(originID string) string {
	return uuid.NewSHA1(caseloadNamespace, []byte(originID)).String()
}

// Identity is who this database is to its peers.
type Identity struct {
	// Caseload is the id of the caseload this database belongs to.
	Caseload string `json:"caseload"`
	// Fingerprint names this replica's signing key; an officer reads it to
	// a peer who confirms it before trusting packs from here.
	Fingerprint string `json:"fingerprint"`
}

// Identity is this database's caseload and key fingerprint.
func (s *Store) Identity(ctx context.Context) (Identity, error) {
	caseload, key, err := loadIdentity(ctx, s.db)
	if err != nil {
		return Identity{}, err
	}
	return Identity{Caseload: caseload, Fingerprint: Fingerprint(key.Public().(ed25519.PublicKey))}, nil
}

// loadIdentity reads the caseload id and the signing key.
func loadIdentity(ctx context.Context, q queryer) (string, ed25519.PrivateKey, error) {
	var caseload string
	var seed []byte
	if err := q.QueryRowContext(ctx, "SELECT caseload, private_key FROM identity WHERE one = 1").Scan(&caseload, &seed); err != nil {
		return "", nil, fmt.Errorf("read this database's identity: %w", err)
	}
	if len(seed) != ed25519.SeedSize {
		return "", nil, errors.New("this database's signing key is damaged: restore the database from a backup")
	}
	return caseload, ed25519.NewKeyFromSeed(seed), nil
}

// ensureIdentity gives a database its caseload id and signing key the first
// time it is opened (new, or upgraded from schema 1).
func (s *Store) ensureIdentity(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM identity").Scan(&n); err != nil {
		return fmt.Errorf("read this database's identity: %w", err)
	}
	if n == 1 {
		return nil
	}
	caseload := uuid.NewString()
	// An upgraded database's changes predate caseload ids: derive the id
	// from the origin of its oldest change (by clock), so the office and a
	// laptop made from it, upgraded separately, agree.
	var origin string
	err := s.db.QueryRowContext(ctx, `SELECT r.id FROM change c JOIN replica r ON r.no = c.origin
		ORDER BY c.hlc, r.id, c.seq LIMIT 1`).Scan(&origin)
	switch {
	case err == nil:
		caseload = derivedCaseload(origin)
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("read the change log: %w", err)
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("make the signing key: %w", err)
	}
	// OR IGNORE: another process opening the same new file at the same
	// moment may have made it first; its identity stands.
	_, err = s.db.ExecContext(ctx, "INSERT OR IGNORE INTO identity(one, caseload, public_key, private_key) VALUES(1, ?, ?, ?)",
		caseload, []byte(pub), priv.Seed())
	if err != nil {
		return fmt.Errorf("record this database's identity: %w", err)
	}
	return nil
}
