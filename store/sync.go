package store

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"caseload/domain"
)

// ExportOptions choose what a pack carries.
type ExportOptions struct {
	// A visit pack: everything about these accounts, or an officer's patch.
	Accounts []string
	Officer  string
	// A changes pack: what replica For (an id or a name) has not yet been
	// seen to hold (everything in scope when nothing is known of it).
	Changes bool
	For     string
	// Passphrase encrypts the pack; Plaintext writes it unencrypted, only
	// when asked for.
	Passphrase string
	Plaintext  bool
}

// Exported says what a pack holds.
type Exported struct {
	// Data is the pack, from Export only (ExportTo and ExportFile stream
	// it and leave this empty).
	Data     []byte
	Manifest Manifest
	// Signer is the fingerprint of the key that signed it (this replica's).
	Signer string
}

// Export cuts a pack in memory (for small packs and tests; ExportFile
// streams it to a file).
func (s *Store) Export(ctx context.Context, o ExportOptions) (Exported, error) {
	var buf bytes.Buffer
	out, err := s.ExportTo(ctx, &buf, o)
	if err != nil {
		return out, err
	}
	out.Data = buf.Bytes()
	return out, nil
}

// ExportFile cuts a pack straight into path, atomically and owner-only:
// nothing is left under path when the export fails.
func (s *Store) ExportFile(ctx context.Context, path string, o ExportOptions) (Exported, error) {
	var out Exported
	err := writeAtomic(path, func(w io.Writer) error {
		var err error
		out, err = s.ExportTo(ctx, w, o)
		return err
	})
	return out, err
}

// ExportTo cuts a pack and streams it to dst: the changes are read twice
// in one read transaction (once to count them for the manifest, once to
// verify and write them), so memory stays bounded whatever the pack's
// size. On an error dst holds a partial pack: ExportFile removes it.
func (s *Store) ExportTo(ctx context.Context, dst io.Writer, o ExportOptions) (Exported, error) {
	var out Exported
	if !o.Plaintext && o.Passphrase == "" {
		return out, invalid("passphrase", "a pack holds personal data: give --passphrase-file, or --plaintext to write it unencrypted")
	}
	if !o.Plaintext {
		if err := domain.CheckPassphrase(o.Passphrase); err != nil {
			return out, err
		}
	}
	if !o.Changes && len(o.Accounts) == 0 && o.Officer == "" {
		return out, invalid("scope", "say what to export: --accounts REF,REF, --officer NAME, or --changes --for REPLICA")
	}
	if o.Changes && o.For == "" {
		return out, invalid("for", "a changes pack needs --for REPLICA (its id or name: see `caseload replica`)")
	}
	var m Manifest
	var key ed25519.PrivateKey
	id, _ := uuid.NewV7()
	m.Format, m.Version, m.Requires, m.PackID = packFormat, packVersion, []string{}, id.String()
	m.Kind = "visit"
	if o.Changes {
		m.Kind = "changes"
	}
	m.CreatedUTC = s.now().UTC().Format("2006-01-02T15:04:05Z")
	m.Source = Replica{ID: s.self.ID, Name: s.Self().Name}
	m.SchemaVersion = SchemaVersion()
	m.Scope = PackScope{Accounts: o.Accounts, Officer: o.Officer}
	m.Counts = PackCounts{ByEntity: map[string]int{}}
	conn, release, err := s.streamConn(ctx, 8000)
	if err != nil {
		return out, err
	}
	defer release()
	err = readTxOn(ctx, conn, func(q queryer) error {
		var err error
		if m.Caseload, key, err = loadIdentity(ctx, q); err != nil {
			return err
		}
		replicas, err := replicaIDs(ctx, q)
		if err != nil {
			return err
		}
		refs, err := scopeRefs(ctx, q, o)
		if err != nil {
			return err
		}
		since := map[int64]int64{}
		if o.Changes {
			target, known, err := findReplica(ctx, q, o.For)
			if err != nil {
				return err
			}
			if known {
				t := Replica{ID: target.ID, Name: target.Name}
				m.Target = &t
				if since, err = peerSeen(ctx, q, target.No); err != nil {
					return err
				}
			}
		}
		// First pass: count, for the manifest.
		if err := countChanges(ctx, q, replicas, refs, since, &m.Counts); err != nil {
			return err
		}
		if m.Seen, err = heldPrefixes(ctx, q, s.Self()); err != nil {
			return err
		}
		m.Replicas = map[string]string{}
		for _, r := range replicas {
			m.Replicas[r.ID] = r.Name
		}
		if err := q.QueryRowContext(ctx, "SELECT hlc FROM replica_state").Scan(&m.CreatedHLC); err != nil {
			return err
		}
		m.SourceKey, m.Encrypted = encodeKey(key.Public().(ed25519.PublicKey)), !o.Plaintext
		// Second pass, in the same snapshot: verify every change and stream
		// it out (a change that fails leaves no pack: the caller's file is
		// removed, Export's bytes are dropped).
		pw, err := newPackWriter(dst, m, o.Passphrase, o.Plaintext, key)
		if err != nil {
			return err
		}
		written := 0
		err = streamChanges(pw, func(emit func(*Change) error) error {
			return eachChange(ctx, q, replicas, refs, since, func(c *Change) error {
				written++
				return emit(c)
			})
		})
		if err != nil {
			return err
		}
		if written != m.Counts.Changes {
			return fmt.Errorf("export read %d changes, then %d: the change log moved under its read", m.Counts.Changes, written)
		}
		return pw.close()
	})
	if err != nil {
		return out, err
	}
	return Exported{Manifest: m, Signer: Fingerprint(key.Public().(ed25519.PublicKey))}, nil
}

func replicaIDs(ctx context.Context, q queryer) (map[int64]Replica, error) {
	rows, err := q.QueryContext(ctx, "SELECT no, id, name FROM replica")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]Replica{}
	for rows.Next() {
		var r Replica
		if err := rows.Scan(&r.No, &r.ID, &r.Name); err != nil {
			return nil, err
		}
		out[r.No] = r
	}
	return out, rows.Err()
}

// findReplica finds a replica by id, id prefix or name.
func findReplica(ctx context.Context, q queryer, key string) (Replica, bool, error) {
	var r Replica
	err := q.QueryRowContext(ctx, "SELECT no, id, name FROM replica WHERE id = ? OR name = ? OR substr(id, 1, 8) = ? ORDER BY is_self LIMIT 1", key, key, key).Scan(&r.No, &r.ID, &r.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	return r, err == nil, err
}

// scopeRefs lists the accounts a pack covers (nil: every account).
func scopeRefs(ctx context.Context, q queryer, o ExportOptions) ([]string, error) {
	switch {
	case len(o.Accounts) > 0:
		refs := make([]string, len(o.Accounts))
		for i, ref := range o.Accounts {
			ref = canonicalRef(ctx, q, ref)
			refs[i] = ref
			var n int
			if err := q.QueryRowContext(ctx, "SELECT count(*) FROM account WHERE ref = ?", ref).Scan(&n); err != nil {
				return nil, err
			}
			if n == 0 {
				return nil, invalid("accounts", "no account %s: check the payment reference", ref)
			}
		}
		return refs, nil
	case o.Officer != "":
		rows, err := q.QueryContext(ctx, "SELECT ref FROM account WHERE officer = ? ORDER BY ref", o.Officer)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var refs []string
		for rows.Next() {
			var ref string
			if err := rows.Scan(&ref); err != nil {
				return nil, err
			}
			refs = append(refs, ref)
		}
		if len(refs) == 0 {
			return nil, invalid("officer", "%s has no accounts in this database", o.Officer)
		}
		return refs, rows.Err()
	}
	return nil, nil
}

// peerSeen is what a peer has been seen to hold, by origin.
func peerSeen(ctx context.Context, q queryer, peer int64) (map[int64]int64, error) {
	rows, err := q.QueryContext(ctx, "SELECT origin, seq FROM peer_seen WHERE peer = ?", peer)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var o, s int64
		if err := rows.Scan(&o, &s); err != nil {
			return nil, err
		}
		out[o] = s
	}
	return out, rows.Err()
}

// heldPrefixes is the manifest's "seen": for each replica, the contiguous
// prefix of its changes this database holds. A laptop holding a scoped part
// of the office's history holds no long prefix of it, so it never claims to
// have seen office changes it lacks.
func heldPrefixes(ctx context.Context, q queryer, self Replica) (map[string]int64, error) {
	out := map[string]int64{}
	rows, err := q.QueryContext(ctx, "SELECT id, held FROM replica WHERE is_self = 0 AND held > 0")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id string
		var held int64
		if err := rows.Scan(&id, &held); err != nil {
			rows.Close()
			return nil, err
		}
		out[id] = held
	}
	rows.Close()
	var next int64
	if err := q.QueryRowContext(ctx, "SELECT next_seq FROM replica_state").Scan(&next); err != nil {
		return nil, err
	}
	out[self.ID] = next - 1
	return out, nil
}

// eachChange hands fn, one at a time in (origin, seq) order, the changes
// of the accounts in refs (nil: all) that come after since[origin],
// rebuilding ledger bodies from their rows. Every change is checked
// against its hash and its link to the one before it (a change edited
// behind the software's back must not spread).
func eachChange(ctx context.Context, q queryer, replicas map[int64]Replica, refs []string, since map[int64]int64, fn func(*Change) error) error {
	query, args := scopeQuery(changeColumns, refs, since, slices.Collect(maps.Keys(replicas)))
	rows, err := q.QueryContext(ctx, query+" ORDER BY 1, 2", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var last Change
	for rows.Next() {
		c, _, _, err := scanChange(rows, replicas)
		if err != nil {
			return err
		}
		if err := verifyStored(c); err != nil {
			return fmt.Errorf("%w (edited outside caseload?): nothing exported — run caseload check", err)
		}
		if last.Origin == c.Origin && last.Seq == c.Seq-1 && !linked(last.Sum, c.Prev) {
			return fmt.Errorf("%w: nothing exported — run caseload check", &ChainError{c.ID(), "does not follow " + last.ID() + " in its replica's chain"})
		}
		last = c
		if err := fn(&c); err != nil {
			return err
		}
	}
	return rows.Err()
}

// countChanges counts what eachChange would hand out, by entity and
// operation, in SQL.
func countChanges(ctx context.Context, q queryer, replicas map[int64]Replica, refs []string, since map[int64]int64, counts *PackCounts) error {
	query, args := scopeQuery("c.origin, c.seq, c.entity, c.op", refs, since, slices.Collect(maps.Keys(replicas)))
	rows, err := q.QueryContext(ctx, "SELECT entity, op, count(*) FROM ("+query+") GROUP BY 1, 2", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var entity, op string
		var n int
		if err := rows.Scan(&entity, &op, &n); err != nil {
			return err
		}
		counts.Changes += n
		counts.ByEntity[entity] += n
		if op == "add" {
			counts.Adds += n
		} else {
			counts.Sets += n
		}
	}
	return rows.Err()
}

// scopeQuery reads cols of the changes of the accounts in refs (nil: all)
// that come after since[origin], origins being every replica's number. A
// changes pack for a replica already seen reads each origin's new range of
// the log's key, merged in key order, rather than the whole log.
func scopeQuery(cols string, refs []string, since map[int64]int64, origins []int64) (string, []any) {
	base := `SELECT ` + cols + ` FROM change c LEFT JOIN txn t ON c.entity = 'txn' AND t.origin = c.origin AND t.seq = c.seq`
	if refs == nil {
		switch {
		case len(since) == 0:
			return base, nil
		case len(origins) > maxCompound:
			where, args := sinceFilter(since)
			return base + " WHERE " + where, args
		}
		slices.Sort(origins)
		arms := make([]string, len(origins))
		args := make([]any, 0, 2*len(origins))
		for i, origin := range origins {
			arms[i] = base + " WHERE c.origin = ? AND c.seq > ?"
			args = append(args, origin, since[origin])
		}
		return strings.Join(arms, " UNION ALL "), args
	}
	// Ledger facts are found through the ledger's account index and
	// everything else through change_account, which leaves ledger rows
	// out (they are most of the log, and every import would pay for
	// indexing them twice).
	in := "(" + strings.Repeat("?,", len(refs)-1) + "?)"
	// Reference-table loads (account '') go in every pack.
	query := base + `
		WHERE c.entity <> 'txn' AND c.account IN ('', ` + in[1:] + `
		UNION ALL
		SELECT ` + cols + ` FROM txn t JOIN change c ON c.origin = t.origin AND c.seq = t.seq
		WHERE t.account IN (SELECT no FROM account WHERE ref IN ` + in + `)`
	var args []any
	for range 2 {
		for _, r := range refs {
			args = append(args, r)
		}
	}
	query = `SELECT * FROM (` + query + `) c`
	if len(since) > 0 {
		where, more := sinceFilter(since)
		query += " WHERE " + where
		args = append(args, more...)
	}
	return query, args
}

// sinceFilter keeps the changes after since[origin] (all of an origin not
// in since).
func sinceFilter(since map[int64]int64) (string, []any) {
	var known, ranges []string
	var args []any
	for origin, seq := range since {
		known = append(known, strconv.FormatInt(origin, 10))
		ranges = append(ranges, "(c.origin = ? AND c.seq > ?)")
		args = append(args, origin, seq)
	}
	return "(c.origin NOT IN (" + strings.Join(known, ", ") + ") OR " + strings.Join(ranges, " OR ") + ")", args
}

// maxCompound keeps a query's UNION ALL arms within SQLite's limit (500).
const maxCompound = 400

// ImportReport says what an import did (or, for a dry run, would do).
type ImportReport struct {
	PackID  string
	Source  Replica
	Kind    string
	Changes int
	// New are changes applied for the first time; Present were already here.
	New     int
	Present int
	// Conflicts are the conflicts the import opened.
	Conflicts []Conflict
	// Duplicates are probable duplicate payments (and double reversals)
	// flagged for review.
	Duplicates []Duplicate
	// AlreadyImported: this very pack was imported before; nothing changed.
	AlreadyImported string
	// Signer is the fingerprint of the key that signed the pack ("" for a
	// version 1 pack); Plaintext: the pack was NOT encrypted.
	Signer    string
	Plaintext bool
	// Warnings: a clock running fast, gaps in a replica's changes.
	Warnings []string
	DryRun   bool
}

var errDryRun = errors.New("dry run")

// Import applies an encrypted, signed pack from a trusted key (ImportPack
// with only a passphrase).
func (s *Store) Import(ctx context.Context, data []byte, passphrase string, dryRun bool) (ImportReport, error) {
	return s.ImportPack(ctx, data, ImportOptions{Passphrase: passphrase, DryRun: dryRun})
}

// ImportPack applies a pack held in memory (see importFrom).
func (s *Store) ImportPack(ctx context.Context, data []byte, o ImportOptions) (ImportReport, error) {
	if len(data) > maxPackBytes {
		return ImportReport{}, refuse("the pack is larger than %d MiB: not a pack caseload writes", maxPackBytes>>20)
	}
	return s.importFrom(ctx, bytes.NewReader(data), o)
}

// ImportFile is ImportPack reading the pack from a file as a stream: the
// file, its decryption and its decompression are never held whole.
func (s *Store) ImportFile(ctx context.Context, path string, o ImportOptions) (ImportReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return ImportReport{}, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > maxPackBytes {
		return ImportReport{}, refuse("the pack is larger than %d MiB: not a pack caseload writes", maxPackBytes>>20)
	}
	return s.importFrom(ctx, f, o)
}

// importFrom reads a pack as a stream, spooling its changes (spool.go), and
// checks it whole — decryption, checksum, signature, key and caseload, every
// change's shape and hash, the chains within the pack — before it applies
// every change in one transaction, after checking the pack's links to the
// chains held here; on any problem nothing at all is written.
func (s *Store) importFrom(ctx context.Context, r io.Reader, o ImportOptions) (ImportReport, error) {
	var rep ImportReport
	sp, err := s.openSpool(ctx)
	if err != nil {
		return rep, err
	}
	defer sp.close()
	m, n, digest, err := sp.read(r, o.Passphrase)
	if err != nil {
		return rep, err
	}
	rep.PackID, rep.Source, rep.Kind, rep.Changes, rep.DryRun = m.PackID, m.Source, m.Kind, n, o.DryRun
	rep.Plaintext = !m.envelope.encrypted
	if err := checkManifest(m, s.Self()); err != nil {
		return rep, err
	}
	trust, err := s.verifyPack(ctx, m, sp, digest, o)
	if err != nil {
		return rep, err
	}
	rep.Signer = trust.fingerprint
	if err := sp.problem(); err != nil {
		return rep, err
	}
	var when, sha string
	err = s.db.QueryRowContext(ctx, "SELECT imported, sha256 FROM pack_log WHERE pack_id = ?", m.PackID).Scan(&when, &sha)
	switch {
	case err == nil && sha == digest:
		rep.AlreadyImported = when
		return rep, nil
	case err == nil:
		return rep, refuse("a different pack with the same id %s was imported on %s — nothing imported", m.PackID, when)
	case !errors.Is(err, sql.ErrNoRows):
		return rep, err
	}
	_, err = s.writeReportOn(asJob(ctx, "an import"), sp.conn, "import "+m.Kind+" pack from "+m.Source.Name, "", func(w *writer) error {
		if err := w.recordTrust(trust); err != nil {
			return err
		}
		if err := w.importChanges(m, sp, digest, &rep); err != nil {
			return err
		}
		if o.DryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		return rep, nil
	}
	if errors.Is(err, errReplay) {
		return rep, refuse("%s reused change numbers with different content (a copied or restored database?) — nothing imported", m.Source.Name)
	}
	if err != nil && !IsRefused(err) {
		if domain.IsValidation(err) {
			return rep, refuse("%v — nothing imported", err)
		}
		return rep, err
	}
	return rep, err
}

func checkManifest(m Manifest, self Replica) error {
	if !isUUID(m.PackID) && m.PackID == "" {
		return refuse("pack has no id — nothing imported")
	}
	if !isUUID(m.Source.ID) {
		return refuse("pack names no source replica — nothing imported")
	}
	if m.Source.ID == self.ID {
		return refuse("this pack was exported from this database: import it on another one")
	}
	if m.Target != nil && m.Target.ID != self.ID {
		return refuse("pack is for %s, this is %s — nothing imported", m.Target.Name, self.Name)
	}
	if m.SchemaVersion > SchemaVersion() {
		return refuse("pack was made by a newer caseload (schema %d; this one has %d): update caseload", m.SchemaVersion, SchemaVersion())
	}
	if m.Kind != "visit" && m.Kind != "changes" {
		return refuse("pack kind %q is unknown — nothing imported", m.Kind)
	}
	return nil
}

// checkChange validates a change's shape before any is applied: known
// entity, operation and field, well-formed ids, and a set's value.
func checkChange(c Change) error {
	if !isUUID(c.Origin) {
		return fmt.Errorf("bad replica id %q", c.Origin)
	}
	if c.Seq <= 0 || c.HLC <= 0 {
		return fmt.Errorf("bad change number or clock")
	}
	h, ok := handlers[c.Entity]
	if !ok {
		return fmt.Errorf("unknown entity %q (a newer caseload?)", c.Entity)
	}
	if c.Entity != entityAccount && c.Entity != entityReference && c.Account == "" {
		return fmt.Errorf("names no account")
	}
	if err := domain.TextOfficer.Check(c.Officer); err != nil {
		return err
	}
	switch c.Op {
	case "add":
		if c.Field != "" || len(c.Parents) > 0 {
			return fmt.Errorf("an add has no field or parents")
		}
		if c.Entity != entityAccount && c.EntityID != factID(c.Origin, c.Seq) {
			return fmt.Errorf("fact id %q does not match the change", c.EntityID)
		}
		if v := bytes.TrimSpace(c.Value); len(v) == 0 || v[0] != '{' || !json.Valid(v) {
			return fmt.Errorf("body is not an object")
		}
	case "set":
		fh, ok := h.fields.lookup(c.Field)
		if !ok {
			return fmt.Errorf("unknown field %s.%s (a newer caseload?)", c.Entity, c.Field)
		}
		if err := fh.check(c.Value); err != nil {
			return err
		}
		for _, p := range c.Parents {
			id, seq, ok := strings.Cut(p, ":")
			if n, err := strconv.ParseInt(seq, 10, 64); !ok || err != nil || n <= 0 || !isUUID(id) {
				return fmt.Errorf("bad parent %q", p)
			}
		}
	default:
		return fmt.Errorf("unknown operation %q", c.Op)
	}
	return nil
}

func (w *writer) importChanges(m Manifest, sp *spool, digest string, rep *ImportReport) error {
	for id, name := range m.Replicas {
		if isUUID(id) {
			if _, err := w.replicaNumber(id, name); err != nil {
				return err
			}
		}
	}
	source, err := w.replicaNumber(m.Source.ID, m.Source.Name)
	if err != nil {
		return err
	}
	for origin := range sp.origins {
		if _, err := w.replicaNumber(origin, ""); err != nil {
			return err
		}
	}
	if err := w.verifyLocalLinks(sp); err != nil {
		return err
	}
	if _, err := w.exec("UPDATE replica SET name = ? WHERE no = ? AND is_self = 0", m.Source.Name, source); err != nil {
		return err
	}
	openBefore, err := w.openConflictKeys()
	if err != nil {
		return err
	}
	// Ledger rows are never deleted: every row this import adds is
	// numbered after the last one held before it.
	var lastTxn int64
	if err := w.queryRow("SELECT COALESCE(max(no), 0) FROM txn").Scan(&lastTxn); err != nil {
		return err
	}
	// Changes apply in import order: accounts and charges, then the
	// ledger facts (new ones by SQL, spoolledger.go), then the rest.
	skips, err := w.spoolSkips(sp)
	if err != nil {
		return err
	}
	if err := w.eachRecordBatch(false, func(b []spooled) error { return w.applySpooled(b, rep) }); err != nil {
		return err
	}
	if err := w.importSpooledLedger(sp, skips, rep); err != nil {
		return err
	}
	if err := w.eachRecordBatch(true, func(b []spooled) error { return w.applySpooled(b, rep) }); err != nil {
		return err
	}
	if err := w.flagDuplicates(lastTxn, rep); err != nil {
		return err
	}
	if err := w.recomputeTouched(); err != nil {
		return err
	}
	if w.clock.Observe(sp.maxHLC) {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s's clock looks more than a day fast: check its date and time", m.Source.Name))
	}
	for origin := range sp.origins {
		held, err := w.advanceHeld(origin)
		if err != nil {
			return err
		}
		// A changes pack from a replica carries its own changes from where
		// the receiver stood: a gap means a pack in between was not imported.
		if origin == m.Source.ID && m.Kind == "changes" {
			if own := m.Seen[origin]; own > held {
				rep.Warnings = append(rep.Warnings, fmt.Sprintf("changes %d–%d from %s not yet received: import its earlier packs", held+1, own, m.Source.Name))
			}
		}
	}
	for id, seq := range m.Seen {
		if !isUUID(id) {
			continue
		}
		origin, err := w.replicaNumber(id, "")
		if err != nil {
			return err
		}
		if _, err := w.exec(`INSERT INTO peer_seen(peer, origin, seq) VALUES(?, ?, ?)
			ON CONFLICT(peer, origin) DO UPDATE SET seq = max(seq, excluded.seq)`, source, origin, seq); err != nil {
			return err
		}
	}
	if rep.Conflicts, err = w.newConflicts(openBefore); err != nil {
		return err
	}
	summary := fmt.Sprintf("%d new, %d already present, %d conflicts, %d duplicates", rep.New, rep.Present, len(rep.Conflicts), len(rep.Duplicates))
	_, err = w.exec("INSERT INTO pack_log(pack_id, sha256, source, imported, summary) VALUES(?, ?, ?, ?, ?)",
		m.PackID, digest, source, w.s.now().UTC().Format("2006-01-02 15:04 UTC"), summary)
	return err
}

// recomputeTouched sets the balance and last payment of every account the
// import touched from its ledger, in the same transaction.
func (w *writer) recomputeTouched() error {
	w.deltas = map[int64]int64{}
	w.lastPay = map[int64]string{}
	w.relast = map[int64]bool{}
	for ref := range w.touched {
		if _, err := w.exec(`UPDATE account SET
			balance = (SELECT COALESCE(sum(amount), 0) FROM txn WHERE account = account.no AND void = 0),
			last_payment = `+lastPaymentSQL+` WHERE ref = ?`, ref); err != nil {
			return err
		}
	}
	return nil
}

// advanceHeld moves an origin's contiguous prefix past the changes held
// now (those just received, and any received earlier out of order) and
// returns it.
func (w *writer) advanceHeld(originID string) (int64, error) {
	origin, err := w.replicaNumber(originID, "")
	if err != nil {
		return 0, err
	}
	if origin == w.s.self.No {
		return 0, nil
	}
	var held int64
	if err := w.queryRow("SELECT held FROM replica WHERE no = ?", origin).Scan(&held); err != nil {
		return 0, err
	}
	// When the changes held past the prefix are as many as the numbers
	// up to the last of them, none is missing: the prefix runs to the
	// last (a borough's import need not read its millions one by one).
	var n, last int64
	if err := w.queryRow("SELECT count(*), COALESCE(max(seq), 0) FROM change WHERE origin = ? AND seq > ?", origin, held).Scan(&n, &last); err != nil {
		return 0, err
	}
	if n == last-held {
		if n == 0 {
			return held, nil
		}
		_, err = w.exec("UPDATE replica SET held = ? WHERE no = ?", last, origin)
		return last, err
	}
	rows, err := w.tx.QueryContext(w.ctx, "SELECT seq FROM change WHERE origin = ? AND seq > ? ORDER BY seq", origin, held)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var seq int64
		if err := rows.Scan(&seq); err != nil {
			rows.Close()
			return 0, err
		}
		if seq != held+1 {
			break
		}
		held = seq
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	_, err = w.exec("UPDATE replica SET held = ? WHERE no = ?", held, origin)
	return held, err
}

// StateDigest is a SHA-256 over the shared state: every account's fields
// and balance, every ledger row, charge, note, event, arrangement, RTB case,
// event and check, and the open conflicts' winners. Two replicas that hold
// the same changes have the same digest; local bookkeeping (audit, packs
// imported, what peers have seen) is left out.
func (s *Store) StateDigest(ctx context.Context) (string, error) {
	queries := []string{
		`SELECT a.ref, a.kind, a.tenancy_type, a.status, a.start_date, a.end_date, a.rent_free_weeks, a.payment_method, a.uc_claimant,
			a.managed_payment, a.officer, a.paused_until, a.pause_reason, a.balance, a.last_payment,
			r.name, r.phone, r.email, r.vulnerable, p.address, p.postcode, p.property_type
			FROM account a JOIN resident r ON r.no = a.resident JOIN property p ON p.no = a.property ORDER BY a.ref`,
		`SELECT r.id, t.seq, a.ref, t.date, t.type, t.amount, t.method, t.reference, t.note, t.reverses, t.pair, t.run_week, t.void
			FROM txn t JOIN replica r ON r.no = t.origin JOIN account a ON a.no = t.account ORDER BY r.id, t.seq`,
		`SELECT c.id, a.ref, c.component, c.weekly, c.from_date FROM charge c JOIN account a ON a.no = c.account ORDER BY c.id`,
		`SELECT n.id, a.ref, n.date, n.channel, n.text, n.follow_up, n.done_on FROM note n JOIN account a ON a.no = n.account ORDER BY n.id`,
		`SELECT e.id, a.ref, e.date, e.type, e.detail, e.outcome, e.terms_weekly, e.terms, e.possession_date FROM event e JOIN account a ON a.no = e.account ORDER BY e.id`,
		`SELECT g.id, a.ref, g.start_date, g.frequency, g.instalment, g.arrears, g.made_on, g.cancelled_on, g.cancel_reason
			FROM arrangement g JOIN account a ON a.no = g.account ORDER BY g.id`,
		`SELECT a.ref, d.date, d.rule FROM done_today d JOIN account a ON a.no = d.account ORDER BY 1, 2, 3`,
		`SELECT c.id, a.ref, c.received, c.property_type, c.leasehold, c.other_landlord FROM rtb_case c JOIN account a ON a.no = c.account ORDER BY c.id`,
		`SELECT e.id, c.id, e.date, e.type, e.ends, e.detail FROM rtb_event e JOIN rtb_case c ON c.no = e.rtb ORDER BY e.id`,
		`SELECT c.id, k.item, k.status, k.on_date, k.note FROM rtb_check k JOIN rtb_case c ON c.no = k.rtb ORDER BY 1, 2`,
		`SELECT entity, entity_id, field, kept, other FROM conflict WHERE closed = '' ORDER BY 1, 2, 3`,
		mandateDigest, mandateEventDigest,
	}
	h := sha256.New()
	err := s.readTx(ctx, func(q queryer) error {
		for _, query := range queries {
			rows, err := q.QueryContext(ctx, query)
			if err != nil {
				return err
			}
			cols, _ := rows.Columns()
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			for rows.Next() {
				if err := rows.Scan(ptrs...); err != nil {
					rows.Close()
					return err
				}
				fmt.Fprintf(h, "%v\n", vals)
			}
			rows.Close()
			h.Write([]byte("--\n"))
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

// applySpooled applies a batch of spooled changes one by one: a change
// held already is proved the same.
func (w *writer) applySpooled(batch []spooled, rep *ImportReport) error {
	for _, c := range batch {
		applied, err := w.apply(c.Change)
		if err != nil {
			if errors.Is(err, errReplay) {
				return err
			}
			return refuse("pack change %s (%s %s): %v — nothing imported", c.ID(), c.Entity, c.Account, err)
		}
		if applied {
			rep.New++
		} else {
			rep.Present++
		}
	}
	return nil
}
