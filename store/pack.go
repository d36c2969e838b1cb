package store

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"

	"filippo.io/age"
)

// The sync pack file (docs/pack-format.md): a plain magic line, then an age
// stream (or, when asked, the plain bytes) holding a gzip stream of NDJSON —
// a manifest line, one line per change, and an end line whose SHA-256 covers
// every byte before it.

const (
	packFormat  = "caseload-pack"
	packVersion = 2
	// maxPackBytes and maxBodyBytes bound what an import reads and inflates
	// (a damaged or hostile file must not fill the disk: an import holds a
	// batch in memory and spools the rest, store/spool.go). A whole
	// borough's changes pack is about 0.9 GB, 5 GB inflated.
	maxPackBytes = 8 << 30
	maxBodyBytes = 64 << 30
)

// scryptWorkFactor is age's scrypt cost for passphrase packs (2^18, about a
// second); tests lower it.
var scryptWorkFactor = 18

// Manifest describes a pack.
type Manifest struct {
	Format        string           `json:"format"`
	Version       int              `json:"version"`
	Requires      []string         `json:"requires"`
	PackID        string           `json:"pack_id"`
	Kind          string           `json:"kind"` // visit or changes
	CreatedUTC    string           `json:"created_utc"`
	CreatedHLC    int64            `json:"created_hlc"`
	Source        Replica          `json:"source"`
	Target        *Replica         `json:"target,omitempty"`
	SchemaVersion int              `json:"schema_version"`
	Scope         PackScope        `json:"scope"`
	Seen          map[string]int64 `json:"seen"`
	// Replicas names every replica whose changes the pack may carry.
	Replicas map[string]string `json:"replicas,omitempty"`
	Counts   PackCounts        `json:"counts"`
	// Version 2 (signed packs): the caseload the pack belongs to, the
	// source's Ed25519 public key (base64) and whether it was written
	// encrypted — all covered by the signature.
	Caseload  string `json:"caseload,omitempty"`
	SourceKey string `json:"source_key,omitempty"`
	Encrypted bool   `json:"encrypted,omitempty"`
	envelope  packEnvelope
}

// PackScope is what a pack was cut for.
type PackScope struct {
	Accounts []string `json:"accounts,omitempty"`
	Officer  string   `json:"officer,omitempty"`
}

// PackCounts count a pack's changes.
type PackCounts struct {
	Changes  int            `json:"changes"`
	Adds     int            `json:"adds"`
	Sets     int            `json:"sets"`
	ByEntity map[string]int `json:"by_entity"`
}

type packLine struct {
	Manifest *Manifest `json:"manifest,omitempty"`
	Change   *Change   `json:"change,omitempty"`
	End      *packEnd  `json:"end,omitempty"`
}

type packEnd struct {
	SHA256 string `json:"sha256"`
	// Signature is the source's Ed25519 signature over SHA256 (version 2).
	Signature string `json:"signature,omitempty"`
}

// RefusedError is a pack (or other file) refused before anything was
// written: the CLI exits 3 with Reason.
type RefusedError struct{ Reason string }

func (e *RefusedError) Error() string { return e.Reason }

// IsRefused reports whether err is a refused file.
func IsRefused(err error) bool {
	var r *RefusedError
	return errors.As(err, &r)
}

func refuse(format string, args ...any) error {
	return &RefusedError{Reason: fmt.Sprintf(format, args...)}
}

// releaseScrypt hands back the memory age's scrypt of work factor logN
// just used (1 KiB × 2^logN: 256 MB at 2^18): without a collection now the
// heap would grow to twice that before the next one, and a streamed pack's
// memory would not stay bounded. A cheap scrypt (up to 2^scryptKept, as
// the tests' packs use) leaves too little to be worth a forced collection.
func releaseScrypt(logN int) {
	if logN > scryptKept {
		debug.FreeOSMemory()
	}
}

// scryptKept is the largest work factor whose memory (16 MiB) is left to
// the next ordinary collection.
const scryptKept = 14

// scryptLogN is the work factor an age header names in its scrypt stanza
// ("-> scrypt SALT LOGN"), or a factor above scryptKept when the header
// does not say.
func scryptLogN(header []byte) int {
	_, stanza, ok := bytes.Cut(header, []byte("\n-> scrypt "))
	if ok {
		line, _, _ := bytes.Cut(stanza, []byte("\n"))
		if f := strings.Fields(string(line)); len(f) == 2 {
			if n, err := strconv.Atoi(f[1]); err == nil {
				return n
			}
		}
	}
	return scryptKept + 1
}

// packWriter streams a pack to a writer: the magic line, then (encrypted
// unless plaintext) gzip of the NDJSON lines, hashing every body byte
// before the end line, so no pack is ever held whole in memory.
type packWriter struct {
	buf  *bufio.Writer
	aw   io.WriteCloser // the age stream; nil for a plaintext pack
	zw   *gzip.Writer
	sum  hash.Hash
	out  io.Writer // zw and sum
	key  ed25519.PrivateKey
	line []byte
}

// newPackWriter writes the magic line and the manifest and returns the
// writer for the change lines.
func newPackWriter(out io.Writer, m Manifest, passphrase string, plaintext bool, key ed25519.PrivateKey) (*packWriter, error) {
	p := &packWriter{buf: bufio.NewWriterSize(out, 256<<10), sum: sha256.New(), key: key}
	var sink io.Writer = p.buf
	if plaintext {
		fmt.Fprintf(p.buf, "%s %d plain\n", packFormat, m.Version)
	} else {
		if passphrase == "" {
			return nil, invalid("passphrase", "a pack holds personal data: give --passphrase-file, or --plaintext to write it unencrypted")
		}
		r, err := age.NewScryptRecipient(passphrase)
		if err != nil {
			return nil, err
		}
		r.SetWorkFactor(scryptWorkFactor)
		fmt.Fprintf(p.buf, "%s %d age\n", packFormat, m.Version)
		if p.aw, err = age.Encrypt(p.buf, r); err != nil {
			return nil, err
		}
		releaseScrypt(scryptWorkFactor)
		sink = p.aw
	}
	p.zw, _ = gzip.NewWriterLevel(sink, gzip.BestSpeed)
	p.out = io.MultiWriter(p.zw, p.sum)
	if err := json.NewEncoder(p.out).Encode(packLine{Manifest: &m}); err != nil {
		return nil, err
	}
	return p, nil
}

// change writes one change line.
func (p *packWriter) change(c *Change) error {
	var err error
	p.line, err = appendChangeLine(p.line[:0], c, json.Valid(c.Value))
	if err != nil {
		return err
	}
	_, err = p.out.Write(p.line)
	return err
}

// exportBatch is how many changes an export hands its pack writer at once.
const exportBatch = 1024

// streamChanges writes to pw the changes read hands to emit, reading the
// next batch while the one before it is encoded, compressed and encrypted
// (so the reading and the writing each have a processor).
func streamChanges(pw *packWriter, read func(emit func(*Change) error) error) error {
	batches := make(chan []Change, 1)
	written := make(chan error, 1)
	var failed atomic.Bool
	go func() {
		var err error
		for batch := range batches {
			for i := 0; i < len(batch) && err == nil; i++ {
				err = pw.change(&batch[i])
			}
			if err != nil {
				failed.Store(true)
			}
		}
		written <- err
	}()
	batch := make([]Change, 0, exportBatch)
	err := read(func(c *Change) error {
		if failed.Load() {
			return errWriteFailed
		}
		batch = append(batch, *c)
		if len(batch) == exportBatch {
			batches <- batch
			batch = make([]Change, 0, exportBatch)
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		batches <- batch
	}
	close(batches)
	if werr := <-written; werr != nil {
		return werr
	}
	return err
}

// errWriteFailed stops reading for a pack that could not be written (the
// write's own error is the one reported).
var errWriteFailed = errors.New("the pack could not be written")

// close writes the end line (checksum and signature) and flushes every
// layer. A nil key writes an unsigned pack: tests make version 1 packs so.
func (p *packWriter) close() error {
	end := packEnd{SHA256: hex.EncodeToString(p.sum.Sum(nil))}
	if p.key != nil {
		end.Signature = signPack(p.key, end.SHA256)
	}
	if err := json.NewEncoder(p.zw).Encode(packLine{End: &end}); err != nil {
		return err
	}
	if err := p.zw.Close(); err != nil {
		return err
	}
	if p.aw != nil {
		if err := p.aw.Close(); err != nil {
			return err
		}
	}
	return p.buf.Flush()
}

// encodePack writes a pack of changes held in memory (tests craft packs
// so); Export streams through the same packWriter.
func encodePack(m Manifest, changes []Change, passphrase string, plaintext bool, key ed25519.PrivateKey) ([]byte, error) {
	var out bytes.Buffer
	p, err := newPackWriter(&out, m, passphrase, plaintext, key)
	if err != nil {
		return nil, err
	}
	for i := range changes {
		if err := p.change(&changes[i]); err != nil {
			return nil, err
		}
	}
	if err := p.close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// decodePackFrom reads and checks a whole pack, streamed (the file, its
// decryption and its decompression are never held whole), handing each
// change to each as it is decoded: magic line, decryption to the end (age
// hands out early chunks before it finds a damaged later one),
// decompression, the checksum, the manifest's format and version, and the
// shape of every line. A caller must not act on the changes until it
// returns without error: only then is the pack known whole and unaltered.
// n is how many changes each was handed.
func decodePackFrom(r io.Reader, passphrase string, each func(*Change) error) (m Manifest, n int, digest string, err error) {
	in := bufio.NewReaderSize(io.LimitReader(r, maxPackBytes), 64<<10)
	magic, err := in.ReadSlice('\n')
	fields := strings.Fields(string(magic))
	if err != nil || len(fields) != 3 || fields[0] != packFormat {
		return m, 0, "", refuse("not a caseload pack (no %q header)", packFormat)
	}
	version, err := strconv.Atoi(fields[1])
	if err != nil || version < 1 || version > packVersion {
		return m, 0, "", refuse("pack format %s needs a newer caseload (this one reads %d)", fields[1], packVersion)
	}
	var zipped io.Reader
	switch fields[2] {
	case "plain":
		zipped = in
	case "age":
		if passphrase == "" {
			return m, 0, "", refuse("the pack is encrypted: give its passphrase (--passphrase-file)")
		}
		id, err := age.NewScryptIdentity(passphrase)
		if err != nil {
			return m, 0, "", err
		}
		// The header is read from the buffer before age takes it, to know
		// what its scrypt cost (a header is well within the buffer).
		header, _ := in.Peek(1 << 10)
		logN := scryptLogN(header)
		ar, err := age.Decrypt(in, id)
		if err != nil {
			var wrong *age.NoIdentityMatchError
			if errors.As(err, &wrong) || strings.Contains(err.Error(), "incorrect passphrase") {
				return m, 0, "", refuse("wrong passphrase for this pack — nothing imported")
			}
			return m, 0, "", refuse("pack is damaged (its encryption header does not read) — nothing imported")
		}
		releaseScrypt(logN)
		zipped = ar
	default:
		return m, 0, "", refuse("pack encoding %q is unknown: not a pack this caseload writes", fields[2])
	}
	zr, err := gzip.NewReader(zipped)
	if err != nil {
		if fields[2] == "age" && !errors.Is(err, gzip.ErrHeader) {
			// The decryption failed under the first read.
			return m, 0, "", refuse("pack is incomplete or damaged (truncated or altered) — nothing imported")
		}
		return m, 0, "", refuse("pack is damaged (not compressed data) — nothing imported")
	}
	body := bufio.NewReaderSize(io.LimitReader(zr, maxBodyBytes), 256<<10)
	// The end line is the last line; the checksum covers every byte
	// before it. Each line is held back until the next one shows it was
	// not the last, then hashed and decoded. A line that does not decode
	// is reported after the checksum, as a pack altered in transit is
	// told apart from one written wrong.
	sum := sha256.New()
	var bad error
	var pending []byte
	lines, changes := 0, 0
	take := func(line []byte) {
		sum.Write(line)
		if bad != nil || len(bytes.TrimSpace(line)) == 0 {
			return
		}
		lines++
		if lines > 1 {
			if c, ok := parseChangeLine(line); ok {
				changes++
				if err := each(c); err != nil {
					bad = err
				}
				return
			}
		}
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		var pl packLine
		if err := dec.Decode(&pl); err != nil {
			bad = refuse("pack line %d is not a caseload change (%v) — nothing imported", lines, err)
			return
		}
		if dec.More() {
			bad = refuse("pack line %d is not a caseload change (two values on one line) — nothing imported", lines)
			return
		}
		switch {
		case lines == 1:
			if pl.Manifest == nil {
				bad = refuse("pack does not start with its manifest — nothing imported")
				return
			}
			m = *pl.Manifest
			if m.Format != packFormat {
				bad = refuse("not a caseload pack (format %q)", m.Format)
			} else if m.Version > packVersion {
				bad = refuse("pack format %d needs a newer caseload (this one reads %d)", m.Version, packVersion)
			} else if len(m.Requires) > 0 {
				bad = refuse("pack needs features this caseload lacks (%s): update caseload", strings.Join(m.Requires, ", "))
			}
		case pl.Change != nil && pl.Manifest == nil && pl.End == nil:
			changes++
			if err := each(pl.Change); err != nil {
				bad = err
			}
		default:
			bad = refuse("pack line %d is not a change — nothing imported", lines)
		}
	}
	for {
		line, err := body.ReadBytes('\n')
		if len(line) > 0 {
			if pending != nil {
				take(pending)
			}
			pending = line
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return m, 0, "", refuse("pack is incomplete or damaged (truncated or altered) — nothing imported")
		}
	}
	// Read to the end: age and gzip check their own tails.
	if _, err := io.Copy(io.Discard, zipped); err != nil {
		return m, 0, "", refuse("pack is incomplete or damaged (truncated or altered) — nothing imported")
	}
	var last packLine
	if pending == nil || json.Unmarshal(bytes.TrimSpace(pending), &last) != nil || last.End == nil {
		return m, 0, "", refuse("pack is incomplete (no end line: truncated) — nothing imported")
	}
	digest = hex.EncodeToString(sum.Sum(nil))
	if last.End.SHA256 != digest {
		return m, 0, "", refuse("pack failed its integrity check (checksum mismatch: altered) — nothing imported")
	}
	if bad != nil {
		return m, 0, "", bad
	}
	if lines == 0 {
		return m, 0, "", refuse("pack does not start with its manifest — nothing imported")
	}
	m.envelope = packEnvelope{version: version, encrypted: fields[2] == "age", signature: last.End.Signature}
	if m.Counts.Changes != changes {
		return m, 0, "", refuse("pack says %d changes but holds %d — nothing imported", m.Counts.Changes, changes)
	}
	return m, changes, digest, nil
}

// WriteFileAtomic writes data to path owner-only: a temporary file in the
// same folder, synced, then renamed, so a crash never leaves a half-written
// pack under the final name.
func WriteFileAtomic(path string, data []byte) error {
	return writeAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeAtomic is WriteFileAtomic with the content streamed by write; when
// write fails nothing is left under path.
func writeAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".caseload-pack-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after a successful rename this does nothing
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
