// Package store keeps caseload's data in one SQLite file: the schema and its
// migrations, the change log every write goes through, reads for the panes
// and the CLI, extract ingest, and sync packs. It converts between the
// domain's decimal Money and the integer pence it stores.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	_ "modernc.org/sqlite" // the pure-Go SQLite driver

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/domain/rtb"
)

// driverName is the database/sql driver a store opens (a test wraps it to
// see every statement the store runs).
var driverName = "sqlite"

//go:embed migrations/*.sql
var migrations embed.FS

// Options configure an opened store.
type Options struct {
	// Officer is recorded on every change and audit row.
	Officer string
	// Now is the wall clock for timestamps (audit, hybrid logical clock).
	// Tests inject a fixed clock; nil means time.Now.
	Now func() time.Time
	// ReplicaName names a new database's replica; default the host name.
	ReplicaName string
	// Money is the council's controls on money operations (the write-off
	// approval limit); the zero value means domain.DefaultMoneyPolicy.
	Money domain.MoneyPolicy
	// WriteWait is how long a write waits for another's turn to end
	// (store/wait.go); zero means DefaultWriteWait.
	WriteWait time.Duration
	// OnWait is told when a write has to wait (see SetWaitNotice).
	OnWait func(msg string)
}

// Store is an open caseload database.
type Store struct {
	db      *sql.DB
	path    string
	officer string
	now     func() time.Time
	money   domain.MoneyPolicy
	// self is read by the TUI's commands while another may rename it.
	selfMu sync.RWMutex
	self   Replica
	// holidays are the shipped bank holidays and any loaded since; ucRates
	// and rtbCaps the reference tables in force (refdata.go). refMu guards
	// them: a running TUI re-reads them while its commands read them.
	// refStamp names the loads they were read from (RefreshReference).
	refMu    sync.RWMutex
	refStamp string
	holidays domain.Holidays
	ucRates  arrangement.Allowances
	rtbCaps  rtb.Caps
	// modulus is Pay.UK's modulus tables in force (modulus.go).
	modulus modulusTables
	// watch is the connection DataVersion asks (watch.go).
	watch watcher
	// writeWait and onWait: how long a write waits its turn, and whom it
	// tells that it is waiting.
	writeWait time.Duration
	onWait    func(msg string)
}

// Replica identifies a database among those that sync with each other.
type Replica struct {
	No   int64  `json:"-"`
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Short is the first eight characters of the id: enough to tell replicas
// apart in a transaction id ("9f3a61c2-1042").
func (r Replica) Short() string {
	if len(r.ID) < 8 {
		return r.ID
	}
	return r.ID[:8]
}

// Open opens (creating and migrating when needed) the database at path.
// A new database file, its directory and its WAL/SHM files are owner-only.
func Open(path string, opt Options) (*Store, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Officer == "" {
		opt.Officer = "unknown"
	}
	if opt.Money == (domain.MoneyPolicy{}) {
		opt.Money = domain.DefaultMoneyPolicy()
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create the database folder: %w", err)
	}
	// SQLite gives the -wal and -shm files the main file's permissions, so
	// creating the main file 0600 first keeps all three owner-only.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open the database %s: %w", path, err)
	}
	f.Close()
	dsn := fmt.Sprintf("file:%s?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(%d)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-32000)&_pragma=temp_store(MEMORY)&_txlock=immediate", uriPath(path), busyPoll.Milliseconds())
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("open the database %s: %w", path, err)
	}
	if opt.WriteWait <= 0 {
		opt.WriteWait = DefaultWriteWait
	}
	s := &Store{db: db, path: path, officer: opt.Officer, now: opt.Now, money: opt.Money, writeWait: opt.WriteWait, onWait: opt.OnWait}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.ensureReplica(context.Background(), opt.ReplicaName); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.ensureIdentity(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.loadReference(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// uriPath escapes the characters that end a path in an SQLite URI ("?"
// starts the parameters, "#" a fragment), so a folder named "case #3" still
// opens the right file.
func uriPath(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
}

// Close closes the database.
func (s *Store) Close() error {
	s.watch.close()
	return s.db.Close()
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// MoneyPolicy is the controls on money operations this store enforces.
func (s *Store) MoneyPolicy() domain.MoneyPolicy { return s.money }

// PacksDir is where new sync packs go unless the officer says otherwise:
// a "packs" folder beside the database (created owner-only when the first
// pack is written there), never whatever folder the program was started in.
func (s *Store) PacksDir() string { return filepath.Join(filepath.Dir(s.path), "packs") }

// Officer is who this store records as the author of writes.
func (s *Store) Officer() string { return s.officer }

// Self is this database's replica.
func (s *Store) Self() Replica {
	s.selfMu.RLock()
	defer s.selfMu.RUnlock()
	return s.self
}

// setSelfName records the replica's name as the database now holds it.
func (s *Store) setSelfName(name string) {
	s.selfMu.Lock()
	s.self.Name = name
	s.selfMu.Unlock()
}

// SchemaVersion is the version the migrations bring every database to.
func SchemaVersion() int {
	ms, _ := migrationFiles()
	return len(ms)
}

// migrationSteps are work a migration needs done in Go, in its own
// transaction, keyed by the migration's name without its number.
var migrationSteps = map[string]func(context.Context, *sql.Tx) error{
	"change_chain":   sealPreChain,
	"summary":        backfillSummaries,
	"report_periods": backfillPeriods,
}

type migration struct {
	version int
	name    string
}

func migrationFiles() ([]migration, error) {
	entries, err := fs.ReadDir(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s is not named NNNN_name.sql", e.Name())
		}
		ms = append(ms, migration{version: v, name: e.Name()})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s is out of sequence (want %04d)", m.name, i+1)
		}
	}
	return ms, nil
}

// migrate brings the schema to the current version, one transaction per
// migration, tracked in PRAGMA user_version.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrationFiles()
	if err != nil {
		return err
	}
	var have int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&have); err != nil {
		return fmt.Errorf("read the schema version: %w", err)
	}
	if have > len(ms) {
		return fmt.Errorf("the database is schema version %d but this caseload knows up to %d: use a newer caseload", have, len(ms))
	}
	for _, m := range ms[have:] {
		body, err := migrations.ReadFile("migrations/" + m.name)
		if err != nil {
			return err
		}
		tx, err := s.beginWrite(ctx)
		if err != nil {
			return fmt.Errorf("migrate to version %d: %w", m.version, err)
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate to version %d (%s): %w", m.version, m.name, err)
		}
		if step := migrationSteps[strings.TrimSuffix(strings.SplitN(m.name, "_", 2)[1], ".sql")]; step != nil {
			if err := step(ctx, tx); err != nil {
				tx.Rollback()
				return fmt.Errorf("migrate to version %d (%s): %w", m.version, m.name, err)
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate to version %d: %w", m.version, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migrate to version %d: %w", m.version, err)
		}
	}
	return nil
}

// ensureReplica creates this database's replica identity on first open.
func (s *Store) ensureReplica(ctx context.Context, name string) error {
	err := s.db.QueryRowContext(ctx, "SELECT no, id, name FROM replica WHERE is_self = 1").Scan(&s.self.No, &s.self.ID, &s.self.Name)
	if err == nil {
		shown(&s.self.Name) // in every header
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("read the replica: %w", err)
	}
	// A random (v4) id: its first eight characters name this replica in
	// transaction ids, so they must not share a time prefix with a sibling.
	id := uuid.NewString()
	if name == "" {
		name = DefaultReplicaName(id)
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "INSERT INTO replica(id, name, is_self) VALUES(?, ?, 1)", id, name)
	if err != nil {
		return fmt.Errorf("create the replica: %w", err)
	}
	no, _ := res.LastInsertId()
	if _, err := tx.ExecContext(ctx, "INSERT INTO replica_state(one, next_seq, hlc) VALUES(1, 1, 0)"); err != nil {
		return fmt.Errorf("create the replica: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.self = Replica{No: no, ID: id, Name: name}
	return nil
}

// RenameReplica changes this database's readable replica name.
func (s *Store) RenameReplica(ctx context.Context, name string) error {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 64 {
		return invalid("name", "give a replica name of 1–64 characters, e.g. laptop-jsmith")
	}
	if err := domain.TextOfficer.As("name").Check(name); err != nil {
		return err
	}
	return s.write(ctx, "replica rename", "", func(w *writer) error {
		if _, err := w.tx.ExecContext(ctx, "UPDATE replica SET name = ? WHERE no = ?", name, s.self.No); err != nil {
			return err
		}
		s.setSelfName(name)
		return nil
	})
}

// Unsynced is the number of this replica's changes that no peer has yet
// been seen to hold (the status bar's "unsynced" count). Sequence numbers
// are dense, so it is a subtraction, not a count.
func (s *Store) Unsynced(ctx context.Context) (int64, error) {
	st, err := s.SyncStatus(ctx)
	return st.Unsynced, err
}
