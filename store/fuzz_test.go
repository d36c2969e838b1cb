package store

import (
	"strings"
	"testing"

	"caseload/domain"
)

// FuzzImportPack: any bytes given to import either apply as a valid pack
// or are refused with nothing written — never a panic, never half a pack.
func FuzzImportPack(f *testing.F) {
	office := newReplica(f, "office")
	mustCreate(f, office, "NW1001")
	mustPost(f, office, Posting{Ref: "NW1001", Kind: PostCharge, Amount: domain.MustMoney("100.00")})
	if err := office.SetAccountFields(ctx, "NW1001", map[string]string{"phone": "07700 900100"}); err != nil {
		f.Fatal(err)
	}
	plain := mustExport(f, office, ExportOptions{Accounts: []string{"NW1001"}})
	f.Add(plain)
	f.Add(plain[:len(plain)/2])
	f.Add([]byte("caseload-pack 1 plain\n"))
	f.Add([]byte("caseload-pack 1 age\nage-encryption.org/v1\n"))
	f.Add([]byte("not a pack at all"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		s := newReplica(t, "laptop")
		before := dump(t, s)
		_, err := importTrusting(s, data, ImportOptions{})
		if err != nil && dump(t, s) != before {
			t.Fatalf("a refused import (%v) changed the database", err)
		}
		if err == nil {
			mustCheck(t, s)
		}
	})
}

// FuzzIngestTransactions: any transactions file either loads whole or is
// refused with every problem listed and nothing written.
func FuzzIngestTransactions(f *testing.F) {
	f.Add([]byte("ref,date,type,amount,method,reference\nAB1001,2026-11-02,charge,100.00,,\n"))
	f.Add([]byte("\xef\xbb\xbfref,date,type,amount\r\nAB1001,02/11/2026,payment,-25.50\r\n"))
	f.Add([]byte("ref,date,type,amount\nAB1001,31/02/2026,charge,1.005\n"))
	f.Add([]byte("ref,date,type,amount\n\"AB1001,2026-11-02,charge,1\n"))
	f.Add([]byte("ref,date\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		s := newTestStore(t)
		mustCreate(t, s, "AB1001")
		before := dump(t, s)
		_, err := s.IngestTransactions(ctx, "t.csv", data, today)
		if err != nil {
			if dump(t, s) != before {
				t.Fatalf("a refused load (%v) changed the database", err)
			}
			if ie, ok := err.(*IngestError); ok {
				for _, p := range ie.Problems {
					if !strings.HasPrefix(p, "t.csv:") {
						t.Fatalf("problem %q does not name the file and line", p)
					}
				}
			}
			return
		}
		mustCheck(t, s)
	})
}

// FuzzIngestAccounts: the same promise for accounts files.
func FuzzIngestAccounts(f *testing.F) {
	head := "ref,kind,status,name,address,start_date,weekly_rent\n"
	f.Add([]byte(head + "AB2001,rent,current,A Person,1 Road,2020-01-06,100.00\n"))
	f.Add([]byte(head + "AB2001,garage,former,A Person,1 Road,06/01/2020,10.00\n"))
	f.Add([]byte(head + "x,castle,current,,,,\n"))
	f.Add([]byte("ref\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := newTestStore(t)
		before := dump(t, s)
		_, err := s.IngestAccounts(ctx, "a.csv", data, today)
		if err != nil {
			if dump(t, s) != before {
				t.Fatalf("a refused load (%v) changed the database", err)
			}
			return
		}
		mustCheck(t, s)
	})
}

// FuzzLoadReference: any UC rates or discount caps file either loads whole
// or is refused with every problem naming the file and line, and nothing
// written.
func FuzzLoadReference(f *testing.F) {
	f.Add(true, []byte(ratesCorrected))
	f.Add(true, []byte(ratesHeader+"2025/26,2025-04-06,2026-04-05,316.98,400.14,497.55,628.10,no,press,\n"))
	f.Add(true, []byte(ratesHeader+"2025/26,2025-04-06,2025-04-05,1,2,3,4,yes,x,\n2025/26,2025-04-06,2026-04-05,1,2,3,4,yes,x,\n"))
	f.Add(false, []byte(capsHeader+"2024-11-21,,north-west,,26000.00,yes,SI 2024/1073,\n"))
	f.Add(false, []byte(capsHeader+"2024-11-21,,all,Watford,16000,yes,x,\n2024-11-21,2024-01-01,london,,-1,maybe,,\n"))
	f.Add(false, []byte("from,region\n\"2024"))
	f.Add(true, []byte{})
	f.Fuzz(func(t *testing.T, rates bool, data []byte) {
		s := newTestStore(t)
		table, name := RefRTBCaps, "caps.csv"
		if rates {
			table, name = RefUCRates, "rates.csv"
		}
		before := dump(t, s) + refDump(t, s)
		_, err := s.LoadReference(ctx, table, name, data)
		if err != nil {
			if dump(t, s)+refDump(t, s) != before {
				t.Fatalf("a refused load (%v) changed the database", err)
			}
			if ie, ok := err.(*IngestError); ok {
				for _, p := range ie.Problems {
					if !strings.HasPrefix(p, name+":") {
						t.Fatalf("problem %q does not name the file and line", p)
					}
				}
			} else if !domain.IsValidation(err) {
				t.Fatalf("refused as %T: %v", err, err)
			}
			return
		}
		mustCheck(t, s)
	})
}
