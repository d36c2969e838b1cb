// Package storetest builds the large seeded databases the benchmarks run
// on, once per size, cached in the temporary folder so a second benchmark
// run does not pay for the seeding again.
package storetest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"caseload/domain"
	"caseload/store"
	"caseload/store/seed"
)

// Today is the benchmarks' today.
var Today = domain.MustDate(2026, time.November, 23)

// BenchAccounts is CASELOAD_BENCH_ACCOUNTS, or def.
func BenchAccounts(tb testing.TB, def int) int {
	v := os.Getenv("CASELOAD_BENCH_ACCOUNTS")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		tb.Fatalf("CASELOAD_BENCH_ACCOUNTS=%q is not a positive number", v)
	}
	return n
}

// PatchSize is the benchmarks' patch, as `caseload seed` makes them.
const PatchSize = seed.DefaultPatchSize

// Officers are the patches of n accounts seeded as `caseload seed` does.
func Officers(n int) []string { return seed.PatchOfficers(n, PatchSize) }

// Seeded opens (creating on first use) a database of accounts × years with
// casework, seeded with seed 1 on Today by the code and parameters of
// `caseload seed --casework`. It is shared by benchmarks that
// only read; do not write to it.
func Seeded(tb testing.TB, accounts, years int) *store.Store {
	tb.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("caseload-bench-seed-%d-%dy.db", accounts, years))
	ready := path + ".ready"
	if _, err := os.Stat(ready); err != nil {
		for _, f := range []string{path, path + "-wal", path + "-shm"} {
			os.Remove(f)
		}
		s, err := store.Open(path, store.Options{Officer: "bench", ReplicaName: "bench"})
		if err != nil {
			tb.Fatal(err)
		}
		start := time.Now()
		if _, err := seed.Write(context.Background(), s, seed.Options{Accounts: accounts, Years: years, Seed: 1, Today: Today,
			PatchSize: PatchSize, Casework: true}); err != nil {
			tb.Fatal(err)
		}
		s.Close()
		tb.Logf("seeded %d accounts × %d years in %s into %s", accounts, years, time.Since(start).Round(time.Second), path)
		if err := os.WriteFile(ready, nil, 0o600); err != nil {
			tb.Fatal(err)
		}
	}
	s, err := store.Open(path, store.Options{Officer: "bench"})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}
