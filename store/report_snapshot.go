package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"caseload/domain/report"
)

// reportSnapshot reads the snapshot of a scope's period, if one was kept.
func (s *Store) reportSnapshot(ctx context.Context, scope report.Scope, p report.Period) (report.Snapshot, bool, error) {
	snap := report.Snapshot{ScopeKey: scope.Key(), Period: p}
	var figures string
	err := s.db.QueryRowContext(ctx, `SELECT taken, ledger_row, as_at, figures FROM report_snapshot
		WHERE scope = ? AND period_from = ? AND period_to = ?`, scope.Key(), p.From.String(), p.To.String()).
		Scan(&snap.Taken, &snap.AsAt.LedgerRow, &snap.AsAt.Words, &figures)
	if errors.Is(err, sql.ErrNoRows) {
		return snap, false, nil
	}
	if err != nil {
		return snap, false, err
	}
	if err := json.Unmarshal([]byte(figures), &snap.Figures); err != nil {
		return snap, false, err
	}
	return snap, true, nil
}

// saveReportSnapshot keeps a closed period's first figures (a second
// report racing this one keeps the first). The write goes through the one
// write path for its audit row; a snapshot is derived and local, so it has
// no change-log entry.
func (s *Store) saveReportSnapshot(ctx context.Context, snap report.Snapshot) error {
	figures, err := json.Marshal(snap.Figures)
	if err != nil {
		return err
	}
	return s.write(ctx, "report snapshot", "", func(w *writer) error {
		_, err := w.exec(`INSERT INTO report_snapshot(scope, period_from, period_to, label, taken, ledger_row, as_at, figures)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, snap.ScopeKey, snap.Period.From.String(), snap.Period.To.String(),
			snap.Period.Label, snap.Taken, snap.AsAt.LedgerRow, snap.AsAt.Words, string(figures))
		return err
	})
}
