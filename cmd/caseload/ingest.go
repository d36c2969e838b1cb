package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"caseload/domain"
	"caseload/store"
)

func init() {
	kit{name: "ingest accounts", usage: "ingest accounts FILE.csv", help: "load accounts from a housing-system extract"}.define(ingest(func(c *call, name string, data []byte) (store.IngestSummary, error) {
		return c.st.IngestAccounts(c.ctx, name, data, c.today)
	}))
	kit{name: "ingest transactions", usage: "ingest transactions FILE.csv", help: "load transactions from a housing-system extract"}.define(ingest(func(c *call, name string, data []byte) (store.IngestSummary, error) {
		return c.st.IngestTransactions(c.ctx, name, data, c.today)
	}))
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

func ingest(load func(c *call, name string, data []byte) (store.IngestSummary, error)) func(c *call) error {
	return func(c *call) error {
		data, err := readInputFile(c.pos[0])
		if err != nil {
			return err
		}
		if err := c.open(); err != nil {
			return err
		}
		if c.today, err = c.Today(); err != nil {
			return err
		}
		sum, err := load(c, c.pos[0], data)
		for _, w := range sum.Warnings {
			fmt.Fprintln(c.stderr, "caseload: warning: "+w)
		}
		if err != nil {
			return err
		}
		if c.name == "ingest accounts" {
			fmt.Fprintf(c.stdout, "%s: %d account(s): %d created, %d updated, %d unchanged\n", c.pos[0], sum.Rows, sum.Created, sum.Updated, sum.Unchanged)
		} else {
			fmt.Fprintf(c.stdout, "%s: %d transaction(s): %d loaded, %d already loaded", c.pos[0], sum.Rows, sum.Created, sum.Already)
			if sum.OpenedClear > 0 {
				fmt.Fprintf(c.stdout, ", %d account(s) recorded as opened clear (brought forward 0.00)", sum.OpenedClear)
			}
			fmt.Fprintln(c.stdout)
		}
		return nil
	}
}
