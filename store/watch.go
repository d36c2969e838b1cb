package store

import (
	"context"
	"database/sql"
	"os"
	"sync"
)

// A running TUI must notice what another process writes (a CLI batch job,
// an import): SQLite's PRAGMA data_version changes, on one connection,
// whenever another connection has committed. The pool hands out any
// connection, so the store keeps one aside for asking.
type watcher struct {
	mu   sync.Mutex
	conn *sql.Conn
	// own are the audit rows of writes this store committed and
	// DataVersion has not seen yet: a change that is only these is not
	// news to the caller, who wrote it (and reads again what it touched).
	own map[int64]bool
	// raw is the last data_version read, version the one reported, and
	// audit the last audit row seen.
	raw, version, audit int64
	started             bool
}

// wrote notes the audit row of a write this store committed.
func (w *watcher) wrote(audit int64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.own == nil {
		w.own = map[int64]bool{}
	}
	w.own[audit] = true
}

func (w *watcher) close() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.conn != nil {
		w.conn.Close()
		w.conn = nil
	}
}

// DataVersion is a number that changes whenever something other than this
// store's own writes is committed to the database: compare two readings
// to learn whether anything was written in between by another process (or
// another handle). Each write this store makes names the accounts it
// touched to its caller, who reads those again, so it does not move the
// number: a commit moves it unless every audit row since the last reading
// is one of this store's writes.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	s.watch.mu.Lock()
	defer s.watch.mu.Unlock()
	if s.watch.conn == nil {
		c, err := s.db.Conn(ctx)
		if err != nil {
			return 0, err
		}
		s.watch.conn = c
	}
	var v, audit int64
	err := s.watch.conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
	if err == nil && (!s.watch.started || v != s.watch.raw) {
		err = s.watch.conn.QueryRowContext(ctx, "SELECT COALESCE(max(no), 0) FROM audit").Scan(&audit)
	}
	if err != nil {
		s.watch.conn.Close()
		s.watch.conn = nil
		return 0, err
	}
	w := &s.watch
	switch {
	case !w.started:
		w.started, w.version, w.audit = true, v, audit
		clear(w.own)
	case v != w.raw:
		// Foreign unless every audit row since is one of ours (a commit
		// with no audit row at all counts as foreign).
		foreign := audit == w.audit
		for no := w.audit + 1; no <= audit; no++ {
			if !w.own[no] {
				foreign = true
			}
			delete(w.own, no)
		}
		if foreign {
			w.version++
		}
		w.audit = audit
	}
	w.raw = v
	return w.version, nil
}

// SyncStatus is what the status bar says about sync.
type SyncStatus struct {
	// Replica is this database's replica as the database holds it now
	// (another process may have renamed it).
	Replica Replica
	// Synced: this database has exchanged changes with another replica.
	// Until it has, nothing is "unsynced": there is no one to be behind.
	Synced bool
	// Unsynced is the number of this replica's changes no peer has been
	// seen to hold.
	Unsynced int64
}

// SyncStatus reads the replica's name and sync state in one transaction.
func (s *Store) SyncStatus(ctx context.Context) (SyncStatus, error) {
	var out SyncStatus
	err := s.readTx(ctx, func(q queryer) error {
		if err := q.QueryRowContext(ctx, "SELECT no, id, name FROM replica WHERE is_self = 1").
			Scan(&out.Replica.No, &out.Replica.ID, &out.Replica.Name); err != nil {
			return err
		}
		if err := q.QueryRowContext(ctx, "SELECT EXISTS(SELECT 1 FROM replica WHERE is_self = 0)").Scan(&out.Synced); err != nil {
			return err
		}
		var next, acked int64
		if err := q.QueryRowContext(ctx, `SELECT r.next_seq, COALESCE((SELECT max(seq) FROM peer_seen WHERE origin = ?), 0)
			FROM replica_state r`, out.Replica.No).Scan(&next, &acked); err != nil {
			return err
		}
		out.Unsynced = next - 1 - acked
		return nil
	})
	if err == nil {
		s.setSelfName(out.Replica.Name)
	}
	return out, err
}

// DefaultReplicaName names a new database's replica when no name is given:
// the host name and the first four characters of the replica's id, so two
// databases made on one machine (the office copy and a demo, a laptop's
// second copy) are told apart from the start. `caseload replica --name`
// renames it.
func DefaultReplicaName(id string) string {
	host, _ := os.Hostname()
	if host == "" {
		host = "caseload"
	}
	if len(id) > 4 {
		id = id[:4]
	}
	return host + "-" + id
}
