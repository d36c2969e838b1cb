package store

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"database/sql"
	"encoding/base32"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Packs of format version 2 are signed (docs/pack-format.md): the manifest
// names the caseload, the source's Ed25519 public key and whether the pack
// was written encrypted; the end line carries, beside the SHA-256 of the
// body, the source's signature over it. A receiver accepts a pack only from
// a key an officer has trusted.

// signedPrefix separates a pack signature from any other use of the key.
const signedPrefix = "caseload-pack/2 sha256 "

// packEnvelope is what decodePack learned outside the manifest: the
// version on the magic line, whether the body came encrypted, and the
// end line's signature.
type packEnvelope struct {
	version   int
	encrypted bool
	signature string
}

// ImportOptions say how to take a pack.
type ImportOptions struct {
	// Passphrase decrypts an encrypted pack.
	Passphrase string
	// DryRun says what would change and writes nothing.
	DryRun bool
	// Plaintext accepts a pack written unencrypted (asked for explicitly,
	// as on export).
	Plaintext bool
	// Trust is the fingerprint the officer confirmed for this pack's key
	// (with the sender); it is trusted from then on.
	Trust string
	// AcceptV1 reads an unsigned version 1 pack (from a caseload older than
	// signing); it can prove nothing about where it came from.
	AcceptV1 bool
}

// Fingerprint is how an officer names a signing key: 120 bits of its
// SHA-256 in base32, in six groups of four ("K7QF-3MZA-…").
func Fingerprint(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	raw := base32.StdEncoding.EncodeToString(sum[:15])
	var b strings.Builder
	for i := 0; i < len(raw); i += 4 {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(raw[i : i+4])
	}
	return b.String()
}

// normalFingerprint reads a fingerprint as an officer may type it (any
// case, with or without dashes or spaces); "" when it is not one.
func normalFingerprint(s string) string {
	raw := strings.ToUpper(strings.NewReplacer("-", "", " ", "", ":", "").Replace(s))
	if len(raw) != 24 {
		return ""
	}
	if _, err := base32.StdEncoding.DecodeString(raw); err != nil {
		return ""
	}
	return raw[0:4] + "-" + raw[4:8] + "-" + raw[8:12] + "-" + raw[12:16] + "-" + raw[16:20] + "-" + raw[20:24]
}

// encodeKey is a public key as a manifest carries it.
func encodeKey(pub ed25519.PublicKey) string { return base64.StdEncoding.EncodeToString(pub) }

// signPack signs a body digest (hex SHA-256).
func signPack(key ed25519.PrivateKey, digest string) string {
	return base64.StdEncoding.EncodeToString(ed25519.Sign(key, []byte(signedPrefix+digest)))
}

// UntrustedKeyError is a well-signed pack from a key this database has not
// been told to trust: the officer confirms the fingerprint with the sender
// and imports again trusting it.
type UntrustedKeyError struct {
	Fingerprint string
	Source      Replica
}

func (e *UntrustedKeyError) Error() string {
	return fmt.Sprintf("pack from %s is signed with key %s, which this database does not trust yet: confirm the fingerprint with %s before trusting it — nothing imported",
		e.Source.Name, e.Fingerprint, e.Source.Name)
}

// Unwrap makes an untrusted key a refusal (exit 3, nothing written).
func (e *UntrustedKeyError) Unwrap() error { return &RefusedError{Reason: e.Error()} }

// AsUntrustedKey reports whether err is a pack from an untrusted key.
func AsUntrustedKey(err error) (*UntrustedKeyError, bool) {
	var u *UntrustedKeyError
	ok := errors.As(err, &u)
	return u, ok
}

// checkSeal checks what a pack says about itself, with no database: its
// version, whether plaintext was asked for, its signature, and that its
// encryption was not stripped. It returns the signer's key (nil for a
// version 1 pack read with AcceptV1).
func checkSeal(m Manifest, digest string, o ImportOptions) (ed25519.PublicKey, error) {
	env := m.envelope
	if env.version != m.Version {
		return nil, refuse("pack header says version %d but its manifest says %d: altered — nothing imported", env.version, m.Version)
	}
	if !env.encrypted && !o.Plaintext {
		return nil, refuse("this pack is NOT encrypted: import it with --plaintext if you expected that — nothing imported")
	}
	if m.Version < 2 {
		if !o.AcceptV1 {
			return nil, refuse("this is a version 1 pack: it is unsigned and cannot prove where it came from; import it with --accept-v1 only if you know its source — nothing imported")
		}
		return nil, nil
	}
	if env.signature == "" || m.SourceKey == "" {
		return nil, refuse("pack is not signed: it cannot prove where it came from — nothing imported")
	}
	pub, err := base64.StdEncoding.DecodeString(m.SourceKey)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return nil, refuse("pack's signing key is damaged — nothing imported")
	}
	sig, err := base64.StdEncoding.DecodeString(env.signature)
	if err != nil || !ed25519.Verify(pub, []byte(signedPrefix+digest), sig) {
		return nil, refuse("pack's signature does not match its content: it was altered after it was made — nothing imported")
	}
	if m.Encrypted && !env.encrypted {
		return nil, refuse("pack was written encrypted but arrives as plaintext: its encryption was stripped — nothing imported")
	}
	if !m.Encrypted && env.encrypted {
		return nil, refuse("pack was written as plaintext but arrives encrypted: it was re-wrapped after it was made — nothing imported")
	}
	return pub, nil
}

// packTrust is what an import records about its source, in the import's
// own transaction.
type packTrust struct {
	// adopt is the pack's caseload id, taken by an empty database.
	adopt string
	// fingerprint and key of the signer (none for a version 1 pack).
	fingerprint string
	key         ed25519.PublicKey
	source      Replica
}

// verifyPack decides, before anything is written, whether this database
// takes the pack: same caseload (an empty database joins the pack's), a
// trusted key that belongs to the source replica, and no new changes made
// in this database's own name.
func (s *Store) verifyPack(ctx context.Context, m Manifest, sp *spool, digest string, o ImportOptions) (packTrust, error) {
	var t packTrust
	key, err := checkSeal(m, digest, o)
	if err != nil {
		return t, err
	}
	if sp.forged != nil {
		return t, sp.forged
	}
	caseload, _, err := loadIdentity(ctx, s.db)
	if err != nil {
		return t, err
	}
	var held int
	if err := s.db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM change)").Scan(&held); err != nil {
		return t, err
	}
	if key == nil {
		// A version 1 pack names no caseload: an empty database joins the
		// one an upgraded source derives, from the pack's oldest change.
		if held == 0 && sp.oldest != nil {
			t.adopt = derivedCaseload(sp.oldest.Origin)
		}
		return t, nil
	}
	if m.Caseload != caseload {
		if held == 1 || m.Caseload == "" {
			return t, refuse("pack belongs to caseload %s but this database is caseload %s: it is another council's or a test copy's — nothing imported",
				orNone(m.Caseload), caseload)
		}
		t.adopt = m.Caseload
	}
	fp := Fingerprint(key)
	t.fingerprint, t.key, t.source = fp, key, m.Source
	var known, bound string
	err = s.db.QueryRowContext(ctx, "SELECT fingerprint FROM peer_key WHERE replica = ?", m.Source.ID).Scan(&known)
	switch {
	case err == nil && known != fp:
		return t, refuse("pack claims to be from %s, which signs with key %s, but it is signed with key %s — nothing imported (if %s was reinstalled, forget its old key and trust the new one)",
			m.Source.Name, known, fp, m.Source.Name)
	case err != nil && !errors.Is(err, sql.ErrNoRows):
		return t, err
	}
	err = s.db.QueryRowContext(ctx, "SELECT replica FROM peer_key WHERE fingerprint = ?", fp).Scan(&bound)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if normalFingerprint(o.Trust) != fp {
			return t, &UntrustedKeyError{Fingerprint: fp, Source: m.Source}
		}
	case err != nil:
		return t, err
	case bound != "" && bound != m.Source.ID:
		return t, refuse("pack is signed with the key of another replica (%s) but claims to be from %s — nothing imported", bound, m.Source.Name)
	}
	return t, nil
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// recordTrust writes what verifyPack decided, first in the import's
// transaction: the caseload an empty database joins, the key trusted now
// or bound to its replica on its first pack.
func (w *writer) recordTrust(t packTrust) error {
	if t.adopt != "" {
		if _, err := w.exec("UPDATE identity SET caseload = ? WHERE one = 1", t.adopt); err != nil {
			return err
		}
	}
	if t.key == nil {
		return nil
	}
	now := w.s.now().UTC().Format("2006-01-02 15:04 UTC")
	_, err := w.exec(`INSERT INTO peer_key(fingerprint, public_key, replica, name, trusted, last_pack) VALUES(?, ?, ?, ?, ?, ?)
		ON CONFLICT(fingerprint) DO UPDATE SET public_key = excluded.public_key, replica = excluded.replica,
		name = excluded.name, last_pack = excluded.last_pack`,
		t.fingerprint, []byte(t.key), t.source.ID, t.source.Name, now, now)
	return err
}

// PackEncrypted reports whether a pack file says on its magic line that it
// is encrypted (so a passphrase is needed to read it).
func PackEncrypted(data []byte) bool {
	head, _, _ := strings.Cut(string(data[:min(len(data), 64)]), "\n")
	f := strings.Fields(head)
	return len(f) == 3 && f[0] == packFormat && f[2] == "age"
}

// PackFileEncrypted is PackEncrypted for a pack file, reading only its
// first line.
func PackFileEncrypted(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	head := make([]byte, 64)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return false, err
	}
	return PackEncrypted(head[:n]), nil
}
