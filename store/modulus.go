package store

import (
	"caseload/domain/bacs"
)

// ModulusCheck checks a sort code and account number against Pay.UK's
// modulus tables in force. Malformed details are an error; with no table
// loaded the outcome is CannotCheck, which does not block.
func (s *Store) ModulusCheck(sortCode, account string) (bacs.CheckResult, error) {
	if s.modulus == nil {
		sc, acc, err := bacs.Standardise(sortCode, account)
		if err != nil {
			return bacs.CheckResult{}, err
		}
		return bacs.CheckResult{Outcome: bacs.CannotCheck, SortCode: sc, Account: acc,
			Reason: "no modulus table is loaded (`caseload bacs modulus load DIR`), so the check cannot run; this does not block"}, nil
	}
	return s.modulus.Check(sortCode, account)
}
