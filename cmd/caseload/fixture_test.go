package main

import (
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// template is a database built once per package by running setup through
// the binary, then copied into each test that starts from it: the tests
// share the setup's cost, not its database. A copy keeps the template's
// replica id and signing key, so two copies of one template must never
// sync with each other (a fresh newCLI is a replica of its own).
type template struct {
	name  string
	setup func(c *cli)
	once  sync.Once
	db    string
}

// templates live beside the binary, in the folder TestMain removes.
func (tp *template) build(t *testing.T) {
	tp.once.Do(func() {
		dir := filepath.Join(filepath.Dir(binary), "template-"+tp.name)
		c := &cli{t: t, db: filepath.Join(dir, "caseload.db"), dir: dir, today: "2026-11-23"}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		tp.setup(c)
		tp.db = c.db
	})
	if tp.db == "" {
		t.Fatalf("the %s template database was not built: see the first test that used it", tp.name)
	}
}

// copyTo copies the template database (with any write-ahead log) to c's
// database, which must not exist yet.
func (tp *template) copyTo(c *cli) {
	c.t.Helper()
	tp.build(c.t)
	for _, suffix := range []string{"", "-wal"} {
		if err := copyFile(tp.db+suffix, c.db+suffix); err != nil && !(suffix != "" && os.IsNotExist(err)) {
			c.t.Fatalf("copy the %s template: %v", tp.name, err)
		}
	}
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// apply starts c from the template when c has no database yet, and
// otherwise runs the setup on c's own database (a second account set in a
// test that already has one).
func (tp *template) apply(c *cli) {
	c.t.Helper()
	if _, err := os.Stat(c.db); os.IsNotExist(err) {
		tp.copyTo(c)
		return
	}
	tp.setup(c)
}
