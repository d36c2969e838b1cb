package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"caseload/store"
)

// TestCrashCampaign kills caseload (SIGKILL) at random points of an extract
// load, a rent run and an import, with a fixed seed. After every kill
// `caseload check` must pass and running the command again must leave
// exactly what one clean run leaves. A handful of kills run in `go test`;
// CASELOAD_CRASH_RUNS=N kills each job N times.
func TestCrashCampaign(t *testing.T) {
	t.Parallel() // its own temporary directory and processes
	if testing.Short() {
		t.Skip("kills processes: not in -short")
	}
	runs := 2
	if v := os.Getenv("CASELOAD_CRASH_RUNS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("CASELOAD_CRASH_RUNS=%q: give a number of kills per job", v)
		}
		runs = n
	}
	// The small campaign's jobs take well under a second each on an idle
	// machine; the large one's a few seconds.
	size, weeks := 120, 20
	if runs > 2 {
		size, weeks = 1000, 30
	}
	rng := rand.New(rand.NewPCG(13, 2026))
	dir := t.TempDir()
	accounts, txns := crashExtract(filepath.Join(dir, "accounts.csv"), filepath.Join(dir, "transactions.csv"), size, weeks)
	// Plaintext, so the campaign spends its time in the import rather than
	// in the passphrase's deliberately slow key derivation.
	pack := filepath.Join(dir, "office.clpack")

	// The starting points: an office with accounts; the same with their
	// history; a laptop that has never synced.
	office := &cli{t: t, db: filepath.Join(dir, "office.db"), dir: dir, today: "2026-11-23"}
	office.ok("replica", "--name", "office")
	office.ok("ingest", "accounts", accounts)
	history := &cli{t: t, db: filepath.Join(dir, "history.db"), dir: dir, today: "2026-11-23"}
	copyDB(t, office.db, history.db)
	history.ok("ingest", "transactions", txns)
	history.ok("export", "--to", pack, "--changes", "--for", "laptop", "--plaintext")
	laptop := &cli{t: t, db: filepath.Join(dir, "laptop.db"), dir: dir, today: "2026-11-23"}
	laptop.ok("replica", "--name", "laptop")
	pair(history, laptop)

	jobs := []struct {
		name  string
		start string
		args  []string
	}{
		{"ingest", office.db, []string{"ingest", "transactions", txns}},
		{"rent run", history.db, []string{"rent-run", "--week", "2026-11-23"}},
		{"import", laptop.db, []string{"import", pack, "--plaintext"}},
	}
	kills, tries := 0, 0
	for _, job := range jobs {
		clean := &cli{t: t, db: filepath.Join(dir, "clean.db"), dir: dir, today: "2026-11-23"}
		copyDB(t, job.start, clean.db)
		began := time.Now()
		clean.ok(job.args...)
		took := time.Since(began)
		want := stateDigest(t, clean.db)
		removeDB(clean.db)
		jobKills := 0
		for i := range runs {
			c := &cli{t: t, db: filepath.Join(dir, "crash.db"), dir: dir, today: "2026-11-23"}
			copyDB(t, job.start, c.db)
			// Somewhere in the job (a killed rerun is a little quicker
			// than the clean run, which paid for cold caches).
			after := time.Duration(rng.Int64N(int64(took)*9/10 + 1))
			tries++
			if c.kill(after, job.args...) {
				kills++
				jobKills++
			}
			if r := c.run("check"); r.code != 0 {
				t.Fatalf("%s killed after %s (run %d): check failed:\n%s%s", job.name, after, i+1, r.stdout, r.stderr)
			}
			c.ok(job.args...)
			if got := stateDigest(t, c.db); got != want {
				t.Fatalf("%s killed after %s (run %d): the rerun differs from a clean run", job.name, after, i+1)
			}
			removeDB(c.db)
		}
		t.Logf("%s: a clean run took %s; %d of %d runs killed part-way", job.name, took.Round(time.Millisecond), jobKills, runs)
	}
	t.Logf("%d runs, %d killed before they finished (%d accounts, %d weeks of history): every one checked and rerun to the clean result", tries, kills, size, weeks)
}

// kill starts caseload and kills it (SIGKILL) after d, or lets it finish
// if it is quicker; it reports whether it killed it.
func (c *cli) kill(d time.Duration, args ...string) bool {
	c.t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = []string{"HOME=" + c.dir, "CASELOAD_DB=" + c.db, "CASELOAD_TODAY=" + c.today, "CASELOAD_OFFICER=asmith"}
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
		return false
	case <-time.After(d):
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		return true
	}
}

// crashExtract writes an extract of n accounts with weeks of history each.
func crashExtract(accountsPath, txnsPath string, n, weeks int) (string, string) {
	var a, tx strings.Builder
	a.WriteString("ref,kind,tenancy_type,status,name,address,postcode,property_type,start_date,end_date,weekly_rent,weekly_service,weekly_other,rent_free_weeks,payment_method,uc_claimant,vulnerable,officer,phone,email\n")
	tx.WriteString("ref,date,type,amount,method,reference\n")
	start := time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC)
	for i := range n {
		ref := fmt.Sprintf("CR%04d", i+1)
		fmt.Fprintf(&a, "%s,rent,secure,current,Resident %d,%d Crash Street,E99 1AA,flat,2020-04-06,,%d.50,,,0,card,no,no,asmith,,\n", ref, i+1, i+1, 90+i%40)
		for w := range weeks {
			d := start.AddDate(0, 0, 7*w).Format("2006-01-02")
			fmt.Fprintf(&tx, "%s,%s,charge,%d.50,,\n", ref, d, 90+i%40)
			if w%2 == 1 {
				fmt.Fprintf(&tx, "%s,%s,payment,-%d.00,card,R%d-%d\n", ref, d, 150+i%60, i, w)
			}
		}
	}
	os.WriteFile(accountsPath, []byte(a.String()), 0o600)
	os.WriteFile(txnsPath, []byte(tx.String()), 0o600)
	return accountsPath, txnsPath
}

// copyDB copies a closed database (and any write-ahead log it kept).
func copyDB(t *testing.T, from, to string) {
	t.Helper()
	removeDB(to)
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(from + suffix)
		if os.IsNotExist(err) && suffix != "" {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to+suffix, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", ".job"} {
		os.Remove(path + suffix)
	}
}

// stateDigest is the store's digest of the shared state (every account,
// ledger row, note… and open conflict; not the audit or sync bookkeeping).
func stateDigest(t *testing.T, path string) string {
	t.Helper()
	s, err := store.Open(path, store.Options{Officer: "digest"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d, err := s.StateDigest(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return d
}
