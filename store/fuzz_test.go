package store

import (
	"bytes"
	"compress/gzip"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"modernc.org/sqlite"

	"caseload/domain"
)

// TestMain bounds how long the fuzzer minimises each new input (unless
// -fuzzminimizetime is given): by default it spends up to a minute per
// input, and every mutation of a pack body that finds new coverage set it
// minimising a kilobyte of JSON for that long, so the import fuzzer ran a
// handful of new inputs a minute. A hundred tries keeps corpus entries
// small enough and leaves the time for exploring.
func TestMain(m *testing.M) {
	if !slices.ContainsFunc(os.Args, func(a string) bool { return strings.Contains(a, "fuzzminimizetime") }) {
		flag.Set("test.fuzzminimizetime", "100x")
	}
	os.Exit(m.Run())
}

// fuzzDB is the one database a fuzzer reuses, so it runs thousands of
// executions a minute instead of creating and migrating a file for each.
// Every execution starts from the same content: an input that is refused
// must leave it untouched (the property under test, compared with the
// template's dump); an input that applies is checked, and then the file is
// put back from the template copy.
type fuzzDB struct {
	path, template string
	opt            Options
	s              *Store
	before         string
}

// newFuzzDB makes the template with setup and opens a working copy.
func newFuzzDB(f *testing.F, name string, setup func(s *Store)) *fuzzDB {
	f.Helper()
	dir := f.TempDir()
	d := &fuzzDB{path: filepath.Join(dir, name+".db"), template: filepath.Join(dir, name+".template"),
		opt: Options{Officer: name, Now: fixedNow, ReplicaName: name}}
	s, err := Open(d.template, d.opt)
	if err != nil {
		f.Fatal(err)
	}
	setup(s)
	if err := s.Close(); err != nil { // the last close folds the log into the file
		f.Fatal(err)
	}
	d.restore(f)
	d.before = dump(f, d.s)
	f.Cleanup(func() { d.s.Close() })
	return d
}

// restore puts the working database back to the template's content. The
// first time it copies the file and opens it; after that it restores the
// pages in place through SQLite's backup interface, on the open store.
func (d *fuzzDB) restore(t testing.TB) {
	t.Helper()
	if d.s == nil {
		b, err := os.ReadFile(d.template)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(d.path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		if d.s, err = Open(d.path, d.opt); err != nil {
			t.Fatal(err)
		}
		return
	}
	conn, err := d.s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		r, err := dc.(interface {
			NewRestore(string) (*sqlite.Backup, error)
		}).NewRestore("file:" + d.template)
		if err != nil {
			return err
		}
		if _, err := r.Step(-1); err != nil {
			r.Finish()
			return err
		}
		return r.Finish()
	})
	if err != nil {
		t.Fatalf("restore the fuzz database: %v", err)
	}
}

// unchanged fails t when a refused input changed the database.
func (d *fuzzDB) unchanged(t *testing.T, err error) {
	t.Helper()
	if after := dump(t, d.s); after != d.before {
		d.restore(t)
		t.Fatalf("a refused input (%v) changed the database", err)
	}
}

// applied checks the database an accepted input left, then restores it.
func (d *fuzzDB) applied(t *testing.T) {
	t.Helper()
	defer d.restore(t)
	mustCheck(t, d.s)
}

// FuzzImportPack: any pack body given to import either applies as a valid
// pack or is refused with nothing written — never a panic, never half a
// pack. The input is the body (the manifest and change lines); the fuzzer
// wraps it in a plain pack with a correct checksum, as anyone can, so its
// mutations reach the import's own checks and the change log rather than
// dying in the decompressor. (Damaged files are the pack reader's fuzzers'
// business.)
func FuzzImportPack(f *testing.F) {
	office := newReplica(f, "office")
	mustCreate(f, office, "NW1001")
	mustPost(f, office, Posting{Ref: "NW1001", Kind: PostCharge, Amount: domain.MustMoney("100.00")})
	mustPost(f, office, Posting{Ref: "NW1001", Kind: PostPayment, Amount: domain.MustMoney("10.00"), Method: domain.MethodCash})
	if err := office.SetAccountFields(ctx, "NW1001", map[string]string{"phone": "07700 900100"}); err != nil {
		f.Fatal(err)
	}
	body := func(pack []byte) []byte {
		_, rest, _ := bytes.Cut(pack, []byte("\n"))
		zr, err := gzip.NewReader(bytes.NewReader(rest))
		if err != nil {
			f.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		if err != nil {
			f.Fatal(err)
		}
		b = bytes.TrimSuffix(b, []byte("\n"))
		return b[:bytes.LastIndexByte(b, '\n')+1] // without the end line
	}
	visit := body(mustExport(f, office, ExportOptions{Accounts: []string{"NW1001"}}))
	f.Add(visit)
	f.Add(visit[:len(visit)/2])
	f.Add(body(mustExport(f, office, ExportOptions{Changes: true, For: "laptop"})))
	f.Add([]byte("{\"manifest\":{}}\n"))
	f.Add([]byte("not a pack at all"))
	f.Add([]byte{})
	key := signingKey(f, office)
	trust := Fingerprint(key.Public().(ed25519.PublicKey))
	db := newFuzzDB(f, "laptop", func(*Store) {})
	f.Fuzz(func(t *testing.T, body []byte) {
		if _, err := db.s.ImportPack(ctx, plainPack(body, key), ImportOptions{Plaintext: true, Trust: trust}); err != nil {
			db.unchanged(t, err)
			return
		}
		db.applied(t)
	})
}

// plainPack wraps a pack body as an unencrypted pack with its checksum,
// signed by key (the office the fuzzed database trusts).
func plainPack(body []byte, key ed25519.PrivateKey) []byte {
	sum := sha256.Sum256(body)
	digest := hex.EncodeToString(sum[:])
	var zipped bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&zipped, gzip.BestSpeed)
	zw.Write(body)
	end, _ := json.Marshal(packLine{End: &packEnd{SHA256: digest, Signature: signPack(key, digest)}})
	zw.Write(append(end, '\n'))
	zw.Close()
	return append([]byte(fmt.Sprintf("%s %d plain\n", packFormat, packVersion)), zipped.Bytes()...)
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
	db := newFuzzDB(f, "ingest", func(s *Store) { mustCreate(f, s, "AB1001") })
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := db.s.IngestTransactions(ctx, "t.csv", data, today)
		if err != nil {
			db.unchanged(t, err)
			if ie, ok := err.(*IngestError); ok {
				for _, p := range ie.Problems {
					if !strings.HasPrefix(p, "t.csv:") {
						t.Fatalf("problem %q does not name the file and line", p)
					}
				}
			}
			return
		}
		db.applied(t)
	})
}

// FuzzIngestAccounts: the same promise for accounts files.
func FuzzIngestAccounts(f *testing.F) {
	head := "ref,kind,status,name,address,start_date,weekly_rent\n"
	f.Add([]byte(head + "AB2001,rent,current,A Person,1 Road,2020-01-06,100.00\n"))
	f.Add([]byte(head + "AB2001,garage,former,A Person,1 Road,06/01/2020,10.00\n"))
	f.Add([]byte(head + "x,castle,current,,,,\n"))
	f.Add([]byte("ref\n"))
	db := newFuzzDB(f, "accounts", func(*Store) {})
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, err := db.s.IngestAccounts(ctx, "a.csv", data, today); err != nil {
			db.unchanged(t, err)
			return
		}
		db.applied(t)
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
