package store

import (
	"context"
	"database/sql"
	"strconv"
)

// scanCacheKiB is the page cache a whole-caseload read runs with. Such a
// read touches each page about once, so a large cache only costs: every
// page it holds is a separate allocation that the driver maps in when read
// and unmaps when the connection closes (a third of the CLI worklist's
// CPU at 30,000 accounts × 5 years). A small cache recycles its buffers.
const scanCacheKiB = 2000

// scanTx is readTx for a read that scans a whole patch: it runs with a
// small page cache and gives the connection its own back afterwards.
func (s *Store) scanTx(ctx context.Context, fn func(q queryer) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var was int64
	if err := tx.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&was); err != nil {
		return err
	}
	if was < -scanCacheKiB || was > scanCacheKiB/4 { // larger than ours (negative: KiB; positive: pages of about 4 KiB)
		if _, err := tx.ExecContext(ctx, "PRAGMA cache_size = -"+strconv.Itoa(scanCacheKiB)); err != nil {
			return err
		}
		defer tx.ExecContext(ctx, "PRAGMA cache_size = "+strconv.FormatInt(was, 10))
	}
	return fn(tx)
}
