package store

import "context"

// Peer is another replica this database knows of: one it has received a
// pack from, or one whose changes arrived through such a pack.
type Peer struct {
	Replica
	// LastPack is when the last pack from this replica was imported here
	// ("2006-01-02 15:04 UTC"), "" when none came from it directly.
	LastPack string `json:"last_pack,omitempty"`
	// Held is how many of its changes this database holds (the contiguous
	// prefix 1..Held).
	Held int64 `json:"held"`
}

// Peers lists the other replicas this database knows, the ones it has
// exchanged packs with first (most recent first), then the rest by name:
// the choices for whom a changes pack is for.
func (s *Store) Peers(ctx context.Context) ([]Peer, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.no, r.id, r.name, r.held, COALESCE(max(p.imported), '') AS last
		FROM replica r LEFT JOIN pack_log p ON p.source = r.no
		WHERE r.is_self = 0 GROUP BY r.no ORDER BY last = '', last DESC, r.name, r.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Peer
	for rows.Next() {
		var p Peer
		if err := rows.Scan(&p.No, &p.ID, &p.Name, &p.Held, &p.LastPack); err != nil {
			return nil, err
		}
		shown(&p.Name)
		out = append(out, p)
	}
	return out, rows.Err()
}
