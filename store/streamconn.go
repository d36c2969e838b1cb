package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
)

// streamConn takes a connection of the pool for work that streams the
// whole database through once (a borough's changes pack, exported or
// imported): its page cache is cacheKiB, small, since such work goes
// through each page about once and a big cache only holds memory (about
// three times its size), and its sorts go to disk rather than memory, so
// its memory does not grow with the borough. release gives the connection
// its own settings back and returns it to the pool (or drops it, when they
// cannot be given back).
func (s *Store) streamConn(ctx context.Context, cacheKiB int) (conn *sql.Conn, release func(), err error) {
	return s.cacheConn(ctx, cacheKiB, "FILE")
}

// cacheConn is streamConn with its temporary tables and journals kept as
// temp (FILE or MEMORY) says: a write that goes through each page about
// once, as a borough's rent run does, runs with a small page cache too (a
// page the cache holds is a separate allocation, mapped in and out), but
// keeps its statement journals in memory.
func (s *Store) cacheConn(ctx context.Context, cacheKiB int, temp string) (conn *sql.Conn, release func(), err error) {
	conn, err = s.db.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	var cache int64
	err = conn.QueryRowContext(ctx, "PRAGMA main.cache_size").Scan(&cache)
	if err == nil {
		_, err = conn.ExecContext(ctx, fmt.Sprintf("PRAGMA main.cache_size = %d; PRAGMA temp_store = %s", -cacheKiB, temp))
	}
	release = func() {
		if _, err := conn.ExecContext(context.Background(), fmt.Sprintf("PRAGMA main.cache_size = %d; PRAGMA temp_store = MEMORY", cache)); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}
	if err != nil {
		release()
		return nil, nil, err
	}
	return conn, release, nil
}

// readTxOn is readTx on a given connection.
func readTxOn(ctx context.Context, on beginner, fn func(q queryer) error) error {
	tx, err := on.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}
