package store

import "caseload/domain"

// shown makes text read for display safe to show (domain.Printable):
// whatever reached the database before the cleaner existed, or behind
// the software's back, cannot clear a screen, retitle a terminal or
// colour a line where the TUI or the CLI prints it. The change log keeps
// the text as written, so check and sync see what is really stored.
func shown(fields ...*string) {
	for _, f := range fields {
		*f = domain.Printable(*f)
	}
}
