package store

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"caseload/domain"
	"caseload/domain/bacs"
	"caseload/domain/bacs/bacstest"
	"caseload/domain/directdebit"
)

// bacsBenchDB makes a database of n accounts, each with a live monthly
// mandate collecting £433.33 on the 15th from 15 Dec 2026, in two writes;
// with collected it also has their collection file for 14 Dec made and
// posted. It returns the database file, closed, to copy per run.
func bacsBenchDB(tb testing.TB, n int, collected bool) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "bacs.db")
	s, err := Open(path, Options{Officer: "bench", Now: fixedNow, ReplicaName: "bench"})
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	ref := func(i int) string { return fmt.Sprintf("BB%05d", i) }
	if err := s.WriteBatch(ctx, "bench accounts", func(b *Batch) error {
		for i := 0; i < n; i++ {
			if err := b.CreateAccount("bench", testAccount(ref(i))); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		tb.Fatal(err)
	}
	if err := s.write(ctx, "bench mandates", "", func(w *writer) error {
		for i := 0; i < n; i++ {
			id, err := w.add(entityMandate, ref(i), mandateBody{Reference: ref(i) + "DD01", Payer: "Bench Payer", SortCode: "200000",
				Account: "58177632", Day: 15, Frequency: "monthly", First: "2026-12-15", Amount: 43333, MadeOn: today.String()})
			if err != nil {
				return err
			}
			if _, err := w.add(entityMandateEvent, ref(i), mandateEventBody{Mandate: id, Kind: string(directdebit.Moved),
				Date: today.String(), State: string(directdebit.Live), Reason: "bench"}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		tb.Fatal(err)
	}
	if collected {
		if f, err := s.Collect(ctx, d26(12, 14), d26(12, 10), testOriginator()); err != nil || len(f.Due) != n {
			tb.Fatalf("collect: %d %v", len(f.Due), err)
		}
		if p, err := s.PostCollections(ctx, d26(12, 15), d26(12, 15)); err != nil || p.Count != n {
			tb.Fatalf("post: %+v %v", p, err)
		}
	}
	return path
}

// bacsCopy opens a copy of a benchmark database.
func bacsCopy(tb testing.TB, from string) *Store {
	tb.Helper()
	to := filepath.Join(tb.TempDir(), "copy.db")
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(from + suffix)
		if os.IsNotExist(err) && suffix != "" {
			continue
		}
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(to+suffix, b, 0o600); err != nil {
			tb.Fatal(err)
		}
	}
	s, err := Open(to, Options{Officer: "bench", Now: fixedNow})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// returnsOf is an ARUDD returning the first n collections of the bench
// database, each refer to payer.
func returnsOf(n int) []byte {
	rs := make([]bacstest.Return, n)
	for i := range rs {
		rs[i] = bacstest.Return{Ref: fmt.Sprintf("BB%05dDD01", i), ReturnCode: "0128", Description: "REFER TO PAYER",
			Original: d26(12, 14), Amount: "433.33"}
	}
	return bacstest.ARUDD(d26(12, 17), testSUN, rs)
}

// collectOnce makes the collection file for 14 Dec on a copy: the timed
// part of BenchmarkCollect10000.
func collectOnce(tb testing.TB, s *Store, n int) {
	f, err := s.Collect(ctx, d26(12, 14), d26(12, 10), testOriginator())
	if err != nil || len(f.Due) != n || !f.Totals.DebitValue.Equal(domain.MustMoney("433.33").MulInt(int64(n))) {
		tb.Fatalf("collect: %d %v", len(f.Due), err)
	}
}

// importOnce imports an ARUDD of n returns on a copy: the timed part of
// BenchmarkImportARUDD1000.
func importOnce(tb testing.TB, s *Store, arudd []byte, n int) {
	out, err := s.ImportAdvice(ctx, "arudd.xml", arudd, testSUN, bacs.DefaultRepresentationPolicy(), d26(12, 17))
	if err != nil || out.Returned != n || out.Reversed != n || out.Represent != n {
		tb.Fatalf("import: %+v %v", out, err)
	}
}

// TestBacsBenchmarksRun runs what the benchmarks time on a few mandates,
// so a broken benchmark fails here.
func TestBacsBenchmarksRun(t *testing.T) {
	fresh := bacsCopy(t, bacsBenchDB(t, 5, false))
	defer fresh.Close()
	collectOnce(t, fresh, 5)
	posted := bacsCopy(t, bacsBenchDB(t, 5, true))
	defer posted.Close()
	importOnce(t, posted, returnsOf(3), 3)
}

// BenchmarkCollect10000 makes the collection file of 10,000 mandates:
// reading them, planning, writing the Standard 18 file and recording its
// 10,000 items in one write.
func BenchmarkCollect10000(b *testing.B) {
	db := bacsBenchDB(b, 10_000, false)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := bacsCopy(b, db)
		b.StartTimer()
		collectOnce(b, s, 10_000)
		b.StopTimer()
		s.Close()
	}
}

// BenchmarkImportARUDD1000 imports an ARUDD of 1,000 returns against
// 10,000 collections: parse, match, reverse each payment, raise each
// dd-unpaid event and schedule each re-presentation, in one write.
func BenchmarkImportARUDD1000(b *testing.B) {
	db := bacsBenchDB(b, 10_000, true)
	arudd := returnsOf(1000)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := bacsCopy(b, db)
		b.StartTimer()
		importOnce(b, s, arudd, 1000)
		b.StopTimer()
		s.Close()
	}
}
