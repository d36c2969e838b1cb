package main

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// binary is the caseload binary built once for the end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "caseload-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "caseload")
	// The tag lowers the scrypt cost of passphrase packs (see
	// store/scrypt_testcost.go): the sync tests encrypt a dozen packs.
	build := exec.Command("go", "build", "-tags", "caseload_testscrypt", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		panic("build caseload: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// cli runs the binary against one database on a fixed day, as a user would.
type cli struct {
	t     *testing.T
	db    string
	dir   string
	today string
	env   []string
}

func newCLI(t *testing.T) *cli {
	t.Helper()
	dir := t.TempDir()
	return &cli{t: t, db: filepath.Join(dir, "caseload.db"), dir: dir, today: "2026-11-23"}
}

// result is one run: its output and exit code.
type result struct {
	stdout, stderr string
	code           int
}

func (c *cli) run(args ...string) result {
	c.t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append([]string{"HOME=" + c.dir, "CASELOAD_DB=" + c.db, "CASELOAD_TODAY=" + c.today, "CASELOAD_OFFICER=asmith", "PATH=" + os.Getenv("PATH")}, c.env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		c.t.Fatal(err)
	}
	return result{out.String(), errb.String(), code}
}

// ok runs a command that must succeed and returns its stdout.
func (c *cli) ok(args ...string) string {
	c.t.Helper()
	r := c.run(args...)
	if r.code != 0 {
		c.t.Fatalf("caseload %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

// refused runs a command that must be refused with exit code want, with a
// one-line error starting "caseload: ".
func (c *cli) refused(want int, args ...string) string {
	c.t.Helper()
	r := c.run(args...)
	if r.code != want {
		c.t.Fatalf("caseload %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, want, r.stdout, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "caseload: ") {
		c.t.Fatalf("caseload %s: error %q does not start with 'caseload: '", strings.Join(args, " "), last)
	}
	return r.stderr
}

// file writes a file in the test folder and returns its path.
func (c *cli) file(name, content string) string {
	c.t.Helper()
	p := filepath.Join(c.dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		c.t.Fatal(err)
	}
	return p
}

// dump is every row of every table, so a refused command can be shown to
// have written nothing at all.
func (c *cli) dump() string {
	c.t.Helper()
	if _, err := os.Stat(c.db); err != nil {
		return "(no database)"
	}
	db, err := sql.Open("sqlite", "file:"+c.db+"?mode=ro")
	if err != nil {
		c.t.Fatal(err)
	}
	defer db.Close()
	tables, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
	if err != nil {
		c.t.Fatal(err)
	}
	var names []string
	for tables.Next() {
		var n string
		tables.Scan(&n)
		names = append(names, n)
	}
	tables.Close()
	var b strings.Builder
	for _, n := range names {
		rows, err := db.Query("SELECT * FROM " + n)
		if err != nil {
			c.t.Fatal(err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			rows.Scan(ptrs...)
			lines = append(lines, fmt.Sprint(vals...))
		}
		rows.Close()
		sort.Strings(lines)
		b.WriteString("# " + n + "\n" + strings.Join(lines, "\n") + "\n")
	}
	return b.String()
}
