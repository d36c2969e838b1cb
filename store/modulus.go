package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"caseload/domain"
	"caseload/domain/bacs"
)

// Pay.UK's modulus checking tables — the weight table (valacdos.txt) and the
// sort code substitutions (scsubtab.txt) — are reference tables like the
// bank holidays (refdata.go): each load is a fact carrying the whole file,
// packs carry it, and the newest load is in force on every replica. None is
// shipped: until a council loads Pay.UK's current files, a check cannot run
// and says so, and does not block.

// The modulus reference tables, by the name their loads carry.
const (
	RefModulusWeights       = "modulus-weights"
	RefModulusSubstitutions = "modulus-substitutions"
)

// The files `caseload bacs modulus load DIR` reads.
const (
	ModulusWeightsFile       = "valacdos.txt"
	ModulusSubstitutionsFile = "scsubtab.txt"
)

// modulusTables are the tables in force: their canonical text and the
// checker built from them (nil until a weight table is loaded).
type modulusTables struct {
	weights, subs string
	checker       *bacs.Checker
}

func init() {
	refKinds[RefModulusWeights] = refKind{
		noun:        "weight table row(s)",
		parse:       modulusParser(func(b []byte) error { _, err := bacs.ParseWeightTable(b); return err }),
		inForce:     func(s *Store) refTable { return modulusTable(s.modulus.weights) },
		stored:      storedModulus(RefModulusWeights),
		materialise: materialiseModulus(RefModulusWeights),
	}
	refKinds[RefModulusSubstitutions] = refKind{
		noun:        "sort code substitution(s)",
		parse:       modulusParser(func(b []byte) error { _, err := bacs.ParseSubstitutions(b); return err }),
		inForce:     func(s *Store) refTable { return modulusTable(s.modulus.subs) },
		stored:      storedModulus(RefModulusSubstitutions),
		materialise: materialiseModulus(RefModulusSubstitutions),
	}
}

// modulusParser validates a table with package bacs's parser (which is
// fuzzed) and keeps its rows as canonical text: one row a line, fields one
// space apart, no comments or blank lines.
func modulusParser(parse func([]byte) error) func(file string, data []byte) (refTable, error) {
	return func(file string, data []byte) (refTable, error) {
		if err := parse(data); err != nil {
			var fe *bacs.FileError
			if errors.As(err, &fe) {
				return refTable{}, domain.Invalid("", "%s", fe.In(file))
			}
			return refTable{}, domain.Invalid("", "%s: %v", file, err)
		}
		t := modulusTable(string(data))
		if len(t.lines) == 0 {
			return refTable{}, domain.Invalid("", "%s: the file has no rows", file)
		}
		return t, nil
	}
}

// modulusTable is a table's canonical text and rows.
func modulusTable(text string) refTable {
	var t refTable
	text = strings.TrimPrefix(text, "\ufeff")
	for _, raw := range strings.Split(text, "\n") {
		s := strings.TrimSpace(raw)
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		t.lines = append(t.lines, strings.Join(strings.Fields(s), " "))
	}
	if len(t.lines) > 0 {
		t.text = strings.Join(t.lines, "\n") + "\n"
	}
	return t
}

func storedModulus(name string) func(ctx context.Context, q queryer) (refTable, error) {
	return func(ctx context.Context, q queryer) (refTable, error) {
		var file string
		err := q.QueryRowContext(ctx, "SELECT file FROM modulus_file WHERE name = ?", name).Scan(&file)
		if errors.Is(err, sql.ErrNoRows) {
			return refTable{}, nil
		}
		return modulusTable(file), err
	}
}

func materialiseModulus(name string) func(w *writer, file string) error {
	return func(w *writer, file string) error {
		_, err := w.exec(`INSERT INTO modulus_file(name, file) VALUES(?, ?)
			ON CONFLICT(name) DO UPDATE SET file = excluded.file`, name, modulusTable(file).text)
		return err
	}
}

// loadModulus reads the tables in force and builds their checker.
func (s *Store) loadModulus(ctx context.Context) error {
	var m modulusTables
	for name, text := range map[string]*string{RefModulusWeights: &m.weights, RefModulusSubstitutions: &m.subs} {
		t, err := storedModulus(name)(ctx, s.db)
		if err != nil {
			return err
		}
		*text = t.text
	}
	if m.weights != "" {
		wt, err := bacs.ParseWeightTable([]byte(m.weights))
		if err != nil {
			return err
		}
		var subs *bacs.Substitutions
		if m.subs != "" {
			if subs, err = bacs.ParseSubstitutions([]byte(m.subs)); err != nil {
				return err
			}
		}
		m.checker = bacs.NewChecker(wt, subs)
	}
	s.modulus = m
	return nil
}

// ModulusLoad says what loading the modulus tables did, table by table.
type ModulusLoad struct {
	Weights, Substitutions ReferenceLoad
	// NoSubstitutions is set when DIR had no scsubtab.txt.
	NoSubstitutions bool
}

// LoadModulus loads Pay.UK's weight table and, when given (subs not nil),
// the substitution table, each validated whole before anything is written:
// a bad file refuses both with FILE:LINE and nothing is written. A table
// that says what the one in force says is not written again.
func (s *Store) LoadModulus(ctx context.Context, weightsFile string, weights []byte, subsFile string, subs []byte) (ModulusLoad, error) {
	var out ModulusLoad
	type load struct {
		table string
		t     refTable
		rep   *ReferenceLoad
	}
	loads := []load{{table: RefModulusWeights, rep: &out.Weights}}
	if subs != nil {
		loads = append(loads, load{table: RefModulusSubstitutions, rep: &out.Substitutions})
	} else {
		out.NoSubstitutions = true
	}
	for i := range loads {
		l := &loads[i]
		file, data := weightsFile, weights
		if l.table == RefModulusSubstitutions {
			file, data = subsFile, subs
		}
		k := refKinds[l.table]
		t, err := k.parse(file, data)
		if err != nil {
			return out, err
		}
		l.t = t
		in := k.inForce(s)
		have := map[string]bool{}
		for _, line := range in.lines {
			have[line] = true
		}
		*l.rep = ReferenceLoad{Rows: len(t.lines), Noun: k.noun}
		for _, line := range t.lines {
			if !have[line] {
				l.rep.New++
			}
		}
		l.rep.Written = t.text != in.text
	}
	err := s.write(ctx, "bacs modulus load", "", func(w *writer) error {
		for _, l := range loads {
			if !l.rep.Written {
				continue
			}
			if _, err := w.add(entityReference, "", referenceBody{Table: l.table, File: l.t.text}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		out.Weights.Written, out.Substitutions.Written = false, false
	}
	return out, err
}

// ModulusCheck checks a sort code and account number against Pay.UK's
// modulus tables in force. Malformed details are an error; with no table
// loaded the outcome is CannotCheck, which does not block.
func (s *Store) ModulusCheck(sortCode, account string) (bacs.CheckResult, error) {
	if s.modulus.checker == nil {
		sc, acc, err := bacs.Standardise(sortCode, account)
		if err != nil {
			return bacs.CheckResult{}, err
		}
		return bacs.CheckResult{Outcome: bacs.CannotCheck, SortCode: sc, Account: acc,
			Reason: "no modulus table is loaded (`caseload bacs modulus load DIR`), so the check cannot run; this does not block"}, nil
	}
	return s.modulus.checker.Check(sortCode, account)
}

// ModulusInForce says how many rows of each table are in force (0 when
// none is loaded).
func (s *Store) ModulusInForce() (weights, substitutions int) {
	return len(modulusTable(s.modulus.weights).lines), len(modulusTable(s.modulus.subs).lines)
}
