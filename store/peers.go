package store

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"errors"
)

// TrustedKey is a peer's signing key this database accepts packs from.
type TrustedKey struct {
	Fingerprint string `json:"fingerprint"`
	// Replica and Name are the replica the key signs for: empty for a key
	// trusted ahead of its first pack.
	Replica string `json:"replica"`
	Name    string `json:"name"`
	// Trusted is when an officer trusted it; LastPack when a pack signed
	// by it was last imported ("" for none yet).
	Trusted  string `json:"trusted"`
	LastPack string `json:"last_pack"`
}

// TrustedKeys lists the keys this database trusts, by name.
func (s *Store) TrustedKeys(ctx context.Context) ([]TrustedKey, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT fingerprint, replica, name, trusted, last_pack FROM peer_key ORDER BY name = '', name, fingerprint")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TrustedKey
	for rows.Next() {
		var k TrustedKey
		if err := rows.Scan(&k.Fingerprint, &k.Replica, &k.Name, &k.Trusted, &k.LastPack); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// TrustPeer trusts the key with this fingerprint (read to the officer by
// its sender) before any pack from it arrives. It returns the fingerprint
// as written.
func (s *Store) TrustPeer(ctx context.Context, fingerprint string) (string, error) {
	fp := normalFingerprint(fingerprint)
	if fp == "" {
		return "", invalid("fingerprint", "%q is not a key fingerprint: it is six groups of four letters and digits, e.g. K7QF-3MZA-…, as `caseload replica` shows on the sending machine", fingerprint)
	}
	_, key, err := loadIdentity(ctx, s.db)
	if err != nil {
		return "", err
	}
	if fp == Fingerprint(key.Public().(ed25519.PublicKey)) {
		return "", invalid("fingerprint", "%s is this database's own key: trust the other replica's", fp)
	}
	err = s.write(ctx, "trust key "+fp, "", func(w *writer) error {
		_, err := w.exec("INSERT OR IGNORE INTO peer_key(fingerprint, trusted) VALUES(?, ?)", fp, s.now().UTC().Format("2006-01-02 15:04 UTC"))
		return err
	})
	return fp, err
}

// ForgetPeer stops trusting a key: packs signed by it are refused until it
// is trusted again, and its replica may then present a new key (after a
// reinstall).
func (s *Store) ForgetPeer(ctx context.Context, fingerprint string) (TrustedKey, error) {
	var k TrustedKey
	fp := normalFingerprint(fingerprint)
	if fp == "" {
		return k, invalid("fingerprint", "%q is not a key fingerprint: see `caseload peers`", fingerprint)
	}
	err := s.write(ctx, "forget key "+fp, "", func(w *writer) error {
		if err := w.queryRow("SELECT fingerprint, replica, name, trusted, last_pack FROM peer_key WHERE fingerprint = ?", fp).
			Scan(&k.Fingerprint, &k.Replica, &k.Name, &k.Trusted, &k.LastPack); errors.Is(err, sql.ErrNoRows) {
			return invalid("fingerprint", "this database does not trust %s: see `caseload peers`", fp)
		} else if err != nil {
			return err
		}
		_, err := w.exec("DELETE FROM peer_key WHERE fingerprint = ?", fp)
		return err
	})
	return k, err
}
