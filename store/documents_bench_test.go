package store_test

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"caseload/domain/letters"
	"caseload/domain/worklist"
	"caseload/store"
	"caseload/store/storetest"
)

// BenchmarkPrintRun200 is a letter-1 print run of 200 letters under
// Hackney's ladder, as `caseload letters --step letter-1 --policy
// hackney-2020 --format pdf --all` makes it: read
// every account's facts and address, plan the run, make each letter, lay
// out the run's PDF with its cover list, write it, and record the 200
// events (with the run PDF's SHA-256) in one transaction. It runs on a
// copy of a seeded database (CASELOAD_BENCH_ACCOUNTS accounts, default
// 2,500, one year of history: about 240 letters due), made afresh for each iteration outside the
// timer, so every iteration has the same 200 letters to print:
//
//	go test -run '^$' -bench PrintRun200 -benchtime 3x ./store/
func BenchmarkPrintRun200(b *testing.B) {
	const letterCount = 200
	n := storetest.BenchAccounts(b, 2_500)
	seeded := storetest.Seeded(b, n, 1)
	src := seeded.Path()
	seeded.Close()
	p, _, err := worklist.ShippedPolicy("hackney-2020")
	if err != nil {
		b.Fatal(err)
	}
	k, _ := letters.KindByID("letter-1")
	set := letters.Shipped()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		db := filepath.Join(dir, "run.db")
		if err := copyDB(src, db); err != nil {
			b.Fatal(err)
		}
		s, err := store.Open(db, store.Options{Officer: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rs, err := s.Recipients(bctx, "", "", storetest.Today, p)
		if err != nil {
			b.Fatal(err)
		}
		run := letters.Plan(rs, k, storetest.Today, p)
		if len(run.Due) < letterCount {
			b.Fatalf("only %d letters due in %d accounts: raise CASELOAD_BENCH_ACCOUNTS", len(run.Due), n)
		}
		run.Due = run.Due[:letterCount]
		docs := make([]letters.Document, letterCount)
		for j := range run.Due {
			if docs[j], err = set.Render(k, letters.Prepare(&run.Due[j], k, "bench", storetest.Today, p)); err != nil {
				b.Fatal(err)
			}
		}
		pdf, err := letters.PDF(run.Cover(storetest.Today), docs, storetest.Today)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "run.pdf"), pdf, 0o600); err != nil {
			b.Fatal(err)
		}
		issued := make([]store.IssuedDocument, letterCount)
		for j, d := range docs {
			issued[j] = store.IssuedDocument{Ref: d.Data.Ref, Kind: k, Detail: letters.RunEventDetail(d, letters.SHA256(pdf))}
		}
		recorded, _, err := s.IssueDocuments(bctx, issued, storetest.Today, p)
		if err != nil || len(recorded) != letterCount {
			b.Fatalf("recorded %d: %v", len(recorded), err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// copyDB copies a closed database file (and its write-ahead log if any).
func copyDB(from, to string) error {
	for _, suffix := range []string{"", "-wal"} {
		in, err := os.Open(from + suffix)
		if os.IsNotExist(err) && suffix != "" {
			continue
		}
		if err != nil {
			return err
		}
		out, err := os.Create(to + suffix)
		if err != nil {
			in.Close()
			return err
		}
		_, err = io.Copy(out, in)
		in.Close()
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}
