package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"caseload/domain"
	"caseload/store"
)

func init() {
	register("ingest accounts", "ingest accounts FILE.csv", "load accounts from a housing-system extract", runIngestAccounts)
	register("ingest transactions", "ingest transactions FILE.csv", "load transactions from a housing-system extract", runIngestTransactions)
}

func runIngestAccounts(e env, args []string) error {
	return ingest(e, args, "ingest accounts", func(st *store.Store, s *settings, name string, data []byte) (store.IngestSummary, error) {
		today, err := s.Today()
		if err != nil {
			return store.IngestSummary{}, err
		}
		return st.IngestAccounts(context.Background(), name, data, today)
	})
}

func runIngestTransactions(e env, args []string) error {
	return ingest(e, args, "ingest transactions", func(st *store.Store, s *settings, name string, data []byte) (store.IngestSummary, error) {
		today, err := s.Today()
		if err != nil {
			return store.IngestSummary{}, err
		}
		return st.IngestTransactions(context.Background(), name, data, today)
	})
}

// readInputFile reads a file the officer named. A file that is not there,
// a folder or a file that cannot be read is bad input (exit 3): the
// officer names another.
func readInputFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, domain.Invalid("", "%s: no such file: check the name and folder", path)
	case err != nil:
		return nil, domain.Invalid("", "%s: cannot be read (%v)", path, errors.Unwrap(err))
	case info.IsDir():
		return nil, domain.Invalid("", "%s is a folder: name the CSV file in it", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, domain.Invalid("", "%s: cannot be read (%v)", path, errors.Unwrap(err))
	}
	return data, nil
}

func ingest(e env, args []string, name string, load func(*store.Store, *settings, string, []byte) (store.IngestSummary, error)) error {
	s := newSettings(name, e)
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 1, "FILE.csv"); err != nil {
		return err
	}
	data, err := readInputFile(pos[0])
	if err != nil {
		return err
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := load(st, s, pos[0], data)
	for _, w := range sum.Warnings {
		fmt.Fprintln(e.stderr, "caseload: warning: "+w)
	}
	if err != nil {
		return err
	}
	if name == "ingest accounts" {
		fmt.Fprintf(e.stdout, "%s: %d account(s): %d created, %d updated, %d unchanged\n", pos[0], sum.Rows, sum.Created, sum.Updated, sum.Unchanged)
	} else {
		fmt.Fprintf(e.stdout, "%s: %d transaction(s): %d loaded, %d already loaded", pos[0], sum.Rows, sum.Created, sum.Already)
		if sum.OpenedClear > 0 {
			fmt.Fprintf(e.stdout, ", %d account(s) recorded as opened clear (brought forward 0.00)", sum.OpenedClear)
		}
		fmt.Fprintln(e.stdout)
	}
	return nil
}
