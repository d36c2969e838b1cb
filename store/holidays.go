package store

import "caseload/domain"

// Holidays are the England and Wales bank holidays this database knows: the
// ones shipped with caseload and any loaded since (`caseload holidays load`,
// a reference table: refdata.go).
func (s *Store) Holidays() domain.Holidays {
	s.refMu.RLock()
	defer s.refMu.RUnlock()
	return s.holidays
}
