package report

import (
	"fmt"
	"slices"
)

// Snapshot is a period's figures as first computed once the period had
// closed: a re-run reports these, and says how today's ledger differs.
type Snapshot struct {
	ScopeKey string
	Period   Period
	// Taken is when it was computed (UTC, RFC 3339).
	Taken   string
	AsAt    AsAt
	Figures map[string]string
}

// Comparison is a snapshot beside the figures computed today.
type Comparison struct {
	Snapshot    Snapshot
	Differences []Difference
	// New is true when this run kept the snapshot (the period's first
	// report since it closed).
	New bool
}

// Difference is one figure that differs from its snapshot.
type Difference struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Was   string `json:"snapshot"`
	Now   string `json:"now"`
	// Why says what explains it.
	Why string `json:"why"`
}

// Compare sets out how now differs from the snapshot, measure by measure.
// why explains every difference (postings that arrived later, accounts
// that moved patch, case records added since).
func Compare(s Snapshot, now Report, why string) Comparison {
	c := Comparison{Snapshot: s}
	fig := now.Figures()
	keys := make([]string, 0, len(fig))
	for k := range fig {
		keys = append(keys, k)
	}
	for k := range s.Figures {
		if _, ok := fig[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		was, had := s.Figures[k]
		is := fig[k]
		if had && was == is {
			continue
		}
		label := k
		if m, ok := now.Measure(k); ok {
			label = m.Label
		}
		d := Difference{Key: k, Label: label, Was: was, Now: is, Why: why}
		if !had {
			d.Why = "a measure added since the snapshot was taken"
		}
		c.Differences = append(c.Differences, d)
	}
	return c
}

// Words is the comparison in one line.
func (c Comparison) Words() string {
	if c.New {
		return fmt.Sprintf("Kept as this period's snapshot (%s): a re-run reads the ledger at the same cut-off and is compared with these figures.", c.Snapshot.Taken)
	}
	if len(c.Differences) == 0 {
		return fmt.Sprintf("Same figures as the snapshot taken %s.", c.Snapshot.Taken)
	}
	return fmt.Sprintf("%d figures differ from the snapshot taken %s: the report shows the snapshot's figures.", len(c.Differences), c.Snapshot.Taken)
}
