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
}

func (w *watcher) close() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.conn != nil {
		w.conn.Close()
		w.conn = nil
	}
}

// DataVersion is a number that changes whenever a connection other than
// the store's watching one commits to the database: compare two readings
// to learn whether anything was written in between (by this process's
// other connections or by another process).
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
	var v int64
	if err := s.watch.conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		s.watch.conn.Close()
		s.watch.conn = nil
		return 0, err
	}
	return v, nil
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
