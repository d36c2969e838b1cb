package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// holdTurn takes the database's write turn from this (test) process, as a
// long import in another window would, leaving that import's note.
func holdTurn(t *testing.T, c *cli) (release func()) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+c.db+"?_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	host, _ := os.Hostname()
	note, _ := json.Marshal(map[string]any{"job": "an import", "officer": "bjones", "since": time.Date(2026, 11, 23, 14, 5, 0, 0, time.Local),
		"host": host, "pid": os.Getpid()})
	if err := os.WriteFile(c.db+".job", note, 0o600); err != nil {
		t.Fatal(err)
	}
	return func() {
		conn.ExecContext(context.Background(), "ROLLBACK")
		conn.Close()
		db.Close()
		os.Remove(c.db + ".job")
	}
}

func TestAWriteWaitsForAnImportAndThenGivesUpInWords(t *testing.T) {
	t.Parallel() // its own database; it spends its time waiting
	c := newCLI(t)
	twoAccounts(c)
	release := holdTurn(t, c)
	c.env = append(c.env, "CASELOAD_WRITE_WAIT=2s")
	before := c.dump()
	errText := c.refused(1, "pay", "NW3001", "10.00", "--method", "cash")
	release()
	for _, want := range []string{
		"caseload: an import is running (by bjones since 14:05): waiting for it to finish (up to 2s)…",
		"caseload: gave up after waiting 2s: an import is still running (by bjones since 14:05) — try again when it has finished; nothing was written",
	} {
		if !strings.Contains(errText, want) {
			t.Fatalf("stderr %q lacks %q", errText, want)
		}
	}
	if strings.Contains(errText, "locked") || strings.Contains(errText, "SQLITE") {
		t.Fatalf("SQLite's message reached the officer: %q", errText)
	}
	if c.dump() != before {
		t.Fatal("a write that gave up changed the database")
	}
}

func TestAWriteWaitsForAnImportAndThenGoesAhead(t *testing.T) {
	c := newCLI(t)
	twoAccounts(c)
	release := holdTurn(t, c)
	cmd := exec.Command(binary, "pay", "NW3001", "10.00", "--method", "cash")
	cmd.Env = []string{"HOME=" + c.dir, "CASELOAD_DB=" + c.db, "CASELOAD_TODAY=" + c.today, "CASELOAD_OFFICER=asmith", "CASELOAD_WRITE_WAIT=60"}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	select {
	case line := <-lines:
		if line != "caseload: an import is running (by bjones since 14:05): waiting for it to finish (up to 1m0s)…" {
			t.Fatalf("stderr %q", line)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the waiting payment said nothing")
	}
	release()
	for line := range lines {
		t.Errorf("then: %q", line)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the waiting payment failed: %v", err)
	}
	if got := showJSON(c, "NW3001")["balance"]; got != "-10.00" {
		t.Fatalf("balance %v", got)
	}
}

func TestWriteWaitMustBeADuration(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	c.env = append(c.env, "CASELOAD_WRITE_WAIT=soon")
	if out := c.refused(2, "replica"); !strings.Contains(out, "CASELOAD_WRITE_WAIT") {
		t.Fatalf("stderr %q", out)
	}
}
