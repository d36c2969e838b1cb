package main

import "caseload/domain"

// The one way each kind of argument is read. label is how the officer
// wrote it ("--start", "AMOUNT"), so the refusal names it.

// moneyArg reads pounds as CLI.md allows them: at most two decimals, no
// separators or symbols; anything else is bad input (exit 3).
func moneyArg(label, v string) (domain.Money, error) {
	m, err := domain.ParseMoney(v)
	if err != nil {
		return m, domain.Invalid(label, "%v", err)
	}
	return m, nil
}

// dateArg reads a YYYY-MM-DD date; a date that does not exist is bad input
// (exit 3).
func dateArg(label, v string) (domain.Date, error) {
	d, err := domain.ParseDate(v)
	if err != nil {
		return d, domain.Invalid(label, "%v", err)
	}
	return d, nil
}

// optionalDate is dateArg for a flag that may be left out (the zero Date).
func optionalDate(label, v string) (domain.Date, error) {
	if v == "" {
		return domain.Date{}, nil
	}
	return dateArg(label, v)
}

// requiredDate is dateArg for a flag the command cannot do without:
// missing is a usage error (exit 2).
func requiredDate(s *settings, label, v string) (domain.Date, error) {
	if v == "" {
		return domain.Date{}, usagef("caseload %s: %s YYYY-MM-DD is required (usage: caseload %s)", s.name, label, commands[s.name].usage)
	}
	return dateArg(label, v)
}
