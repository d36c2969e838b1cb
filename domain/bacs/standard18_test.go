package bacs

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"caseload/domain"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

var council = Originator{SUN: "123456", Name: "EXAMPLE COUNCIL", SortCode: "401234", Account: "12345678"}

// sharedExampleBatch is the batch behind the shared constructed example
// (formats/bacs/standard18_constructed_example.txt).
func sharedExampleBatch() Batch {
	return Batch{
		Originator: council, VolumeSerial: "000001",
		Created: domain.MustDate(2026, 3, 27), Expires: domain.MustDate(2026, 4, 30),
		ProcessingDate: domain.MustDate(2026, 4, 1), ContraName: "BATCH 0001",
		Items: []Item{
			{SortCode: "200000", Account: "58177632", PayerName: "A Tenant", Reference: "RENT123456X", Code: FirstCollection, Amount: domain.MustMoney("95.00")},
			{SortCode: "089999", Account: "66374958", PayerName: "B Tenant", Reference: "RENT654321Y", Code: RegularCollection, Amount: domain.MustMoney("112.50")},
			{SortCode: "309634", Account: "12345678", PayerName: "C Tenant", Reference: "RENT111111Z", Code: Representation, Amount: domain.MustMoney("95")},
		},
	}
}

func collectionBatch() Batch {
	return Batch{
		Originator: council, VolumeSerial: "000042",
		Created: domain.MustDate(2026, 12, 7), ProcessingDate: domain.MustDate(2026, 12, 9), ContraName: "RENT 2026-12-09",
		Items: []Item{
			{SortCode: "089999", Account: "66374958", PayerName: "Mrs Aisha O'Neil-Khan", Reference: "HRA0001234-01", Code: FirstCollection, Amount: domain.MustMoney("412.36")},
			{SortCode: "107999", Account: "88837491", PayerName: "J SMITH", Reference: "HRA0005678-01", Code: RegularCollection, Amount: domain.MustMoney("95.20")},
			{SortCode: "202959", Account: "63748472", PayerName: "P NOWAK", Reference: "HRA0009012-02", Code: Representation, Amount: domain.MustMoney("87.05")},
			{SortCode: "820000", Account: "73688637", PayerName: "R JONES", Reference: "HRA0003456-01", Code: FinalCollection, Amount: domain.MustMoney("0.01")},
		},
	}
}

func auddisBatch() Batch {
	return Batch{
		Originator: council, VolumeSerial: "000043",
		Created: domain.MustDate(2026, 12, 7), ProcessingDate: domain.MustDate(2026, 12, 9),
		Items: []Item{
			{SortCode: "089999", Account: "66374958", PayerName: "A KHAN", Reference: "HRA0001234-01", Code: NewInstruction},
			{SortCode: "107999", Account: "88837491", PayerName: "J SMITH", Reference: "HRA0005678-01", Code: CancelInstruction},
			{SortCode: "202959", Account: "63748472", PayerName: "P NOWAK", Reference: "HRA0009012-02", Code: ConvertInstruction},
		},
	}
}

func TestWriteStandard18MatchesSharedExample(t *testing.T) {
	want, err := os.ReadFile("testdata/standard18_shared_example.txt")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	tot, err := WriteStandard18(&buf, sharedExampleBatch())
	if err != nil {
		t.Fatal(err)
	}
	if buf.String() != string(want) {
		t.Fatalf("output differs from the shared example:\n got:\n%s\nwant:\n%s", buf.String(), want)
	}
	if tot.DebitValue.String() != "302.50" || tot.DebitCount != 3 || tot.CreditCount != 1 {
		t.Fatalf("totals %+v", tot)
	}
}

func TestStandard18Golden(t *testing.T) {
	for _, tt := range []struct {
		name  string
		batch Batch
	}{{"collection.std18", collectionBatch()}, {"auddis.std18", auddisBatch()}} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := WriteStandard18(&buf, tt.batch); err != nil {
				t.Fatal(err)
			}
			path := "testdata/" + tt.name
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if buf.String() != string(want) {
				t.Fatalf("%s differs from golden (run go test -update):\n%s", tt.name, buf.String())
			}
			for i, l := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
				w := labelLen
				if !strings.HasPrefix(l, "VOL1") && !strings.HasPrefix(l, "HDR") && !strings.HasPrefix(l, "UHL1") && !strings.HasPrefix(l, "EOF") && !strings.HasPrefix(l, "UTL1") {
					w = recordLen
				}
				if len(l) != w {
					t.Errorf("line %d is %d characters, want %d", i+1, len(l), w)
				}
			}
		})
	}
}

// The writer's output read back field by field from the layout.
func TestStandard18RoundTrip(t *testing.T) {
	for _, b := range []Batch{collectionBatch(), auddisBatch(), sharedExampleBatch()} {
		var buf bytes.Buffer
		tot, err := WriteStandard18(&buf, b)
		if err != nil {
			t.Fatal(err)
		}
		f, err := ParseStandard18(&buf)
		if err != nil {
			t.Fatal(err)
		}
		expires := b.Expires
		if expires.IsZero() {
			expires = b.Created
		}
		if f.VolumeSerial != b.VolumeSerial || f.SUN != b.SUN || !f.Created.Equal(b.Created) || !f.Expires.Equal(expires) ||
			!f.ProcessingDate.Equal(b.ProcessingDate) || f.WorkCode != "1 DAILY" || f.ReceivingParty != b.SUN {
			t.Fatalf("labels read back wrong: %+v", f)
		}
		if !f.Totals.DebitValue.Equal(tot.DebitValue) || !f.Totals.CreditValue.Equal(tot.CreditValue) ||
			f.Totals.DebitCount != tot.DebitCount || f.Totals.CreditCount != tot.CreditCount {
			t.Fatalf("totals %+v, writer said %+v", f.Totals, tot)
		}
		var collections domain.Money
		for i, it := range b.Items {
			r := f.Records[i]
			if r.SortCode != it.SortCode || r.Account != it.Account || r.AccountType != "0" || r.Code != it.Code ||
				r.OrigSortCode != b.SortCode || r.OrigAccount != b.Account || r.Free != "    " ||
				!r.Amount.Equal(it.Amount) || r.UserName != b.Name || r.Reference != it.Reference || r.PayerName != bacsName(it.PayerName) {
				t.Fatalf("record %d read back as %+v from %+v", i+1, r, it)
			}
			if it.Code.IsCollection() {
				collections = collections.Add(it.Amount)
			}
		}
		wantRecords := len(b.Items)
		if collections.IsPositive() {
			wantRecords++
			c := f.Records[len(f.Records)-1]
			if !c.IsContra() || !c.Amount.Equal(collections) || c.Reference != "CONTRA" || c.PayerName != b.Name || c.SortCode != b.SortCode {
				t.Fatalf("contra read back as %+v", c)
			}
		}
		if len(f.Records) != wantRecords {
			t.Fatalf("%d records, want %d", len(f.Records), wantRecords)
		}
	}
}

func TestBacsName(t *testing.T) {
	if got := bacsName("Mrs Aisha O'Neil-Khan"); got != "MRS AISHA ONEIL-KH" {
		t.Fatalf("got %q", got)
	}
	if got := bacsName("Zoë Brontë"); got != "ZO  BRONT " {
		t.Fatalf("got %q", got)
	}
}

func TestWriteStandard18Refusals(t *testing.T) {
	tests := []struct {
		rule   string
		change func(*Batch)
		want   string
	}{
		{"service user number must be 6 digits", func(b *Batch) { b.SUN = "12345" }, "service user number"},
		{"an instruction carries no amount", func(b *Batch) { b.Items[0].Code = NewInstruction }, "must carry no amount"},
		{"a collection needs an amount", func(b *Batch) { b.Items[1].Amount = domain.Zero }, "more than nothing"},
		{"negative amounts refused", func(b *Batch) { b.Items[1].Amount = domain.MustMoney("-5") }, "more than nothing"},
		{"credit code not allowed in items", func(b *Batch) { b.Items[0].Code = Credit }, "transaction code"},
		{"reference too short", func(b *Batch) { b.Items[0].Reference = "AB12" }, "6 to 18"},
		{"reference lower case", func(b *Batch) { b.Items[0].Reference = "hra0001234" }, "only capitals"},
		{"reference starting DDIC", func(b *Batch) { b.Items[0].Reference = "DDIC123456" }, "DDIC"},
		{"reference one character repeated", func(b *Batch) { b.Items[0].Reference = "AAAAAAA" }, "repeated"},
		{"reference starting with a space", func(b *Batch) { b.Items[0].Reference = " HRA123456" }, "start with a letter"},
		{"account not standardised", func(b *Batch) { b.Items[2].Account = "1234567" }, "8 digits"},
		{"processing date before creation", func(b *Batch) { b.ProcessingDate = b.Created.AddDays(-3) }, "too soon"},
		{"processing date the day the file is made", func(b *Batch) { b.ProcessingDate = b.Created }, "too soon"},
		{"processing date more than 31 days ahead", func(b *Batch) { b.ProcessingDate = b.Created.AddDays(37) }, "more than 31 days"},
		{"processing date on a Saturday", func(b *Batch) { b.ProcessingDate = domain.MustDate(2026, 12, 12) }, "not a Bacs working day (a weekend)"},
		{"processing date on Christmas Day", func(b *Batch) {
			b.Holidays = domain.DefaultHolidays()
			b.ProcessingDate = domain.MustDate(2026, 12, 25)
		}, "Christmas Day"},
		{"no items", func(b *Batch) { b.Items = nil }, "at least one record"},
		{"payer name empty", func(b *Batch) { b.Items[0].PayerName = "  " }, "name is empty"},
		{"payer name with nothing Bacs can carry", func(b *Batch) { b.Items[0].PayerName = "李明" }, "no letters Bacs can carry"},
		{"amount over 11 digits", func(b *Batch) { b.Items[0].Amount = domain.MustMoney("1000000000.00") }, "11 digits"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			b := collectionBatch()
			tt.change(&b)
			var buf bytes.Buffer
			_, err := WriteStandard18(&buf, b)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !domain.IsValidation(err) {
				t.Fatalf("err = %v, want validation error with %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Fatalf("%d bytes written for a refused batch", buf.Len())
			}
		})
	}
}

func TestParseStandard18Refusals(t *testing.T) {
	good, err := os.ReadFile("testdata/collection.std18")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(good), "\n"), "\n")
	edit := func(i int, f func(string) string) string {
		c := append([]string(nil), lines...)
		c[i] = f(c[i])
		return strings.Join(c, "\n") + "\n"
	}
	set := func(s string, at int, v string) string { return s[:at] + v + s[at+len(v):] }
	tests := []struct {
		rule  string
		input string
		want  string
	}{
		{"too short", strings.Join(lines[:5], "\n"), "at least 8 records"},
		{"record one character short", edit(4, func(s string) string { return s[:99] }), "line 5: record is 99 characters"},
		{"unknown transaction code", edit(4, func(s string) string { return set(s, 15, "42") }), "line 5 col 16: transaction code \"42\""},
		{"letters in the amount", edit(5, func(s string) string { return set(s, 40, "X") }), "line 6 col 36: amount"},
		{"lower case in the reference", edit(5, func(s string) string { return set(s, 64, "h") }), "line 6 col 65: reference"},
		{"UTL1 debit total wrong", edit(len(lines)-1, func(s string) string { return set(s, 16, "9") }), "UTL1 debit total"},
		{"UTL1 debit count wrong", edit(len(lines)-1, func(s string) string { return set(s, 36, "9") }), "UTL1 debit count"},
		{"EOF1 differs from HDR1", edit(len(lines)-3, func(s string) string { return set(s, 30, "9") }), "EOF1 does not repeat HDR1"},
		{"missing HDR2", edit(2, func(s string) string { return set(s, 0, "HDR9") }), "line 3 col 1: expected the HDR2 label"},
		{"bad processing date", edit(3, func(s string) string { return set(s, 4, " 26400") }), "line 4 col 5: processing date"},
		{"work code unknown", edit(3, func(s string) string { return set(s, 28, "2 WEEKLY ") }), "work code"},
		{"file identifier with another SUN", edit(1, func(s string) string { return set(s, 5, "654321") }), "line 2 col 5: file identifier"},
		{"contra not balancing", edit(8, func(s string) string { return set(s, 45, "0") }), "does not match"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			_, err := ParseStandard18(strings.NewReader(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !domain.IsValidation(err) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestParseStandard18CRLFAndMulti(t *testing.T) {
	good, err := os.ReadFile("testdata/collection.std18")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseStandard18(strings.NewReader(strings.ReplaceAll(string(good), "\n", "\r\n"))); err != nil {
		t.Fatalf("CRLF: %v", err)
	}
	// The same file as a multi-day file: 106-character records each with
	// its own processing date.
	lines := strings.Split(strings.TrimSuffix(string(good), "\n"), "\n")
	lines[2] = strings.Replace(lines[2], "F0200000100", "F0200000106", 1)
	lines[len(lines)-2] = lines[2][:0] + "EOF2" + lines[2][4:]
	lines[3] = lines[3][:4] + "      " + lines[3][10:28] + "4 MULTI  " + lines[3][37:]
	for i := 4; i < len(lines)-3; i++ {
		lines[i] += " 26343"
	}
	f, err := ParseStandard18(strings.NewReader(strings.Join(lines, "\n")))
	if err != nil {
		t.Fatalf("multi: %v", err)
	}
	if f.WorkCode != "4 MULTI" || !f.ProcessingDate.IsZero() || !f.Records[0].ProcessingDate.Equal(domain.MustDate(2026, 12, 9)) {
		t.Fatalf("multi read as %+v", f)
	}
}

func TestJulian(t *testing.T) {
	for _, tt := range []struct {
		d    domain.Date
		want string
	}{{domain.MustDate(2026, 4, 1), " 26091"}, {domain.MustDate(2028, 12, 31), " 28366"}, {domain.MustDate(2026, 1, 1), " 26001"}} {
		if got := julian(tt.d); got != tt.want {
			t.Errorf("julian(%s) = %q, want %q", tt.d, got, tt.want)
		}
		if back, err := parseJulian(tt.want); err != nil || !back.Equal(tt.d) {
			t.Errorf("parseJulian(%q) = %s %v", tt.want, back, err)
		}
	}
	for _, bad := range []string{" 26366", " 26000", "26091 ", " 2609X"} {
		if _, err := parseJulian(bad); err == nil {
			t.Errorf("parseJulian(%q) accepted", bad)
		}
	}
}
