package bacs

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"caseload/domain"
)

// largeBatch is a collection of n mandates, for the scale test and the
// benchmarks.
func largeBatch(n int) Batch {
	b := collectionBatch()
	b.Items = make([]Item, n)
	for i := range b.Items {
		b.Items[i] = Item{SortCode: "089999", Account: "66374958", PayerName: "TENANT " + fmt.Sprint(i),
			Reference: fmt.Sprintf("HRA%07d-01", i), Code: RegularCollection, Amount: domain.Pence(int64(5000 + i))}
	}
	return b
}

// aruddOf is an ARUDD of n returns, in the shape of testdata/arudd.xml.
func aruddOf(n int) ([]byte, []Collection) {
	var items strings.Builder
	sent := make([]Collection, n)
	total := domain.Zero
	for i := 0; i < n; i++ {
		amt := domain.Pence(int64(5000 + i))
		total = total.Add(amt)
		ref := fmt.Sprintf("HRA%07d-01", i)
		sent[i] = Collection{Reference: ref, Amount: amt, ProcessingDate: domain.MustDate(2026, 12, 9), CollectionDate: domain.MustDate(2026, 12, 10)}
		fmt.Fprintf(&items, `<ReturnedDebitItem ref="%s" transCode="17" returnCode="0128" returnDescription="REFER TO PAYER" originalProcessingDate="2026-12-09" valueOf="%s" currency="GBP"><PayerAccount number="66374958" ref="%s" name="TENANT" sortCode="08-99-99"/></ReturnedDebitItem>`+"\n", ref, amt, ref)
	}
	doc := `<?xml version="1.0" encoding="ISO-8859-1"?><BACSDocument><Data><ARUDD>
<Header reportType="REFT1234" adviceNumber="001" currentProcessingDate="2026-12-11"/>
<ServiceLicenseInformation userName="EXAMPLE COUNCIL" userNumber="123456"/>
<Advice><OriginatingAccountRecords><OriginatingAccountRecord>
<OriginatingAccount name="EXAMPLE COUNCIL" number="12345678" sortCode="40-12-34" type="0"/>
` + items.String() + fmt.Sprintf(`<Totals numberOf="%d" valueOf="%s" currency="GBP"/>`, n, total) +
		`</OriginatingAccountRecord></OriginatingAccountRecords></Advice></ARUDD></Data></BACSDocument>`
	return []byte(doc), sent
}

func TestLargeFiles(t *testing.T) {
	var buf bytes.Buffer
	tot, err := WriteStandard18(&buf, largeBatch(10_000))
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseStandard18(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// 10,000 × £50.00 plus 0+1+…+9,999 pence (£499,950.00) = £999,950.00.
	if f.Totals.DebitCount != 10_000 || f.Totals.CreditCount != 1 || f.Totals.DebitValue.String() != "999950.00" || !tot.DebitValue.Equal(f.Totals.DebitValue) {
		t.Fatalf("totals %+v", f.Totals)
	}
	b, sent := aruddOf(1000)
	a, err := ParseARUDD(b)
	if err != nil {
		t.Fatal(err)
	}
	matches := MatchReturns(a.Returns, sent)
	for _, m := range matches {
		if m.Index < 0 {
			t.Fatalf("unmatched %s: %s", m.Return.Reference, m.Why)
		}
	}
	if len(matches) != 1000 {
		t.Fatalf("%d matches", len(matches))
	}
}

func BenchmarkWriteCollection10000(b *testing.B) {
	batch := largeBatch(10_000)
	for b.Loop() {
		if _, err := WriteStandard18(io.Discard, batch); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseCollection10000(b *testing.B) {
	var buf bytes.Buffer
	if _, err := WriteStandard18(&buf, largeBatch(10_000)); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := ParseStandard18(bytes.NewReader(buf.Bytes())); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseARUDD1000(b *testing.B) {
	doc, _ := aruddOf(1000)
	for b.Loop() {
		if _, err := ParseARUDD(doc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMatchReturns1000(b *testing.B) {
	doc, sent := aruddOf(1000)
	a, err := ParseARUDD(doc)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		MatchReturns(a.Returns, sent)
	}
}

func BenchmarkModulusCheck(b *testing.B) {
	c := loadChecker(b)
	for b.Loop() {
		if _, err := c.Check("938063", "55065200"); err != nil {
			b.Fatal(err)
		}
	}
}
