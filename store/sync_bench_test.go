package store

import (
	"fmt"
	"testing"

	"caseload/domain"
)

// benchLedger fills s with accounts × weeks of weekly charges and payments
// through the batch API (each row its own change-log entry).
func benchLedger(b testing.TB, s *Store, accounts, weeks int) []string {
	b.Helper()
	refs := make([]string, accounts)
	err := s.WriteBatch(ctx, "bench", func(w *Batch) error {
		start := today.AddDays(-7 * weeks)
		for i := range refs {
			refs[i] = fmt.Sprintf("BN%05d", i)
			a := testAccount(refs[i])
			a.Start = domain.RentWeekStart(start)
			if err := w.CreateAccount(s.Officer(), a); err != nil {
				return err
			}
			var rows []BatchTxn
			for k := 0; k < weeks; k++ {
				d := a.Start.AddDays(7 * k)
				rows = append(rows, BatchTxn{Date: d, Type: domain.TxnCharge, Amount: domain.Pence(10000), RunWeek: d})
				if k%2 == 0 {
					rows = append(rows, BatchTxn{Date: d.AddDays(3), Type: domain.TxnPayment, Amount: domain.Pence(-19000), Method: domain.MethodDirectDebit})
				}
			}
			if _, err := w.Post(s.Officer(), refs[i], rows); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return refs
}

// BenchmarkExportImport100k: a changes pack of about 100,000 entries out of
// one replica and into a fresh one (target: over 50,000 entries a second
// each way). Reported as entries/s.
func BenchmarkExportImport100k(b *testing.B) {
	office := newReplica(b, "office")
	benchLedger(b, office, 260, 256) // 260 × (256 + 128) + creation ≈ 100k changes
	b.ResetTimer()
	var pack []byte
	var n int
	b.Run("export", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			out, err := office.Export(ctx, ExportOptions{Changes: true, For: "laptop", Passphrase: "bench passphrase"})
			if err != nil {
				b.Fatal(err)
			}
			pack, n = out.Data, out.Manifest.Counts.Changes
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "entries/s")
	})
	b.Run("import", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			laptop := newReplica(b, fmt.Sprintf("laptop%d", i))
			b.StartTimer()
			if _, err := importTrusting(laptop, pack, ImportOptions{Passphrase: "bench passphrase"}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "entries/s")
	})
}

// BenchmarkVisitPack20x5y: a visit pack of 20 accounts with five years of
// weekly history, exported, encrypted and imported on a fresh laptop
// (target: under 200 ms end to end).
func BenchmarkVisitPack20x5y(b *testing.B) {
	office := newReplica(b, "office")
	refs := benchLedger(b, office, 400, 261)
	visit := refs[100:120]
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		laptop := newReplica(b, fmt.Sprintf("laptop%d", i))
		b.StartTimer()
		out, err := office.Export(ctx, ExportOptions{Accounts: visit, Passphrase: "bench passphrase"})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := importTrusting(laptop, out.Data, ImportOptions{Passphrase: "bench passphrase"}); err != nil {
			b.Fatal(err)
		}
	}
}
