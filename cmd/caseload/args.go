package main

import (
	"flag"
	"fmt"
	"strings"

	"caseload/domain"
)

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

// textArg reads free text given on the command line through the one
// cleaner (domain.TextField.Clean): control characters, escape sequences
// and text over the field's length are bad input naming the flag (exit
// 3), and a masked card number is told on stderr.
func textArg(e env, f domain.TextField, label, v string) (string, error) {
	clean, masked, err := f.As(label).Clean(v)
	if err != nil {
		return "", err
	}
	if masked > 0 {
		fmt.Fprintf(e.stderr, "caseload: %s: %d card number(s) masked to the last four digits before saving\n", label, masked)
	}
	return clean, nil
}

// dateFlags are the flags that take a date. Left out, most mean "today"
// or "none"; given empty (`--date ""`, an unset shell variable) they are
// a mistake that must not quietly become today. (--to is a date only for
// statements, where it is required anyway; elsewhere it is a file or an
// account.)
var dateFlags = map[string]bool{"date": true, "today": true, "follow-up": true, "start": true, "end": true, "ends": true,
	"from": true, "week": true, "received": true, "clear-by": true, "rtb2-served": true, "s125-served": true,
	"until": true, "effective": true}

// emptyDate refuses a date flag given with no date.
func emptyDate(fs *flag.FlagSet) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		if err == nil && dateFlags[f.Name] && strings.TrimSpace(f.Value.String()) == "" {
			err = domain.Invalid("--"+f.Name, "is empty: give a date as YYYY-MM-DD, or leave the flag out")
		}
	})
	return err
}
