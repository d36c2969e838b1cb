package bacs

import (
	"bytes"
	"testing"

	"caseload/domain"
)

// Fuzz tests for every parser of outside files. The seeds are the files in
// testdata; `go test` runs them as ordinary tests. Every refusal must be a
// validation error (exit code 3), never a panic.

func mustBeValidation(t *testing.T, err error) {
	t.Helper()
	if err != nil && !domain.IsValidation(err) {
		t.Fatalf("refusal is not a validation error: %v", err)
	}
}

func FuzzParseWeightTable(f *testing.F) {
	f.Add(read(f, "valacdos_excerpt.txt"))
	f.Add([]byte("089000 089999 MOD10 0 0 0 0 0 0 7 1 3 7 1 3 7 1\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		table, err := ParseWeightTable(b)
		mustBeValidation(t, err)
		if err != nil {
			return
		}
		c := NewChecker(table, nil)
		for _, r := range table.rows {
			if len(table.Rows(r.From)) == 0 || len(table.Rows(r.To)) == 0 {
				t.Fatalf("row %s–%s not found by its own sort codes", r.From, r.To)
			}
			if _, err := c.Check(r.From, "12345678"); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func FuzzParseSubstitutions(f *testing.F) {
	f.Add(read(f, "scsubtab_excerpt.txt"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ParseSubstitutions(b)
		mustBeValidation(t, err)
		if err == nil && s.Len() > bytes.Count(b, []byte("\n"))+1 {
			t.Fatalf("%d substitutions from %d lines", s.Len(), bytes.Count(b, []byte("\n"))+1)
		}
	})
}

func FuzzCheck(f *testing.F) {
	c := loadChecker(f)
	f.Add("938063", "55065200")
	f.Add("309070", "12345668")
	f.Add("180002", "0000190")
	f.Add("12-34-56", "123456789")
	f.Fuzz(func(t *testing.T, sc, acc string) {
		r, err := c.Check(sc, acc)
		mustBeValidation(t, err)
		if err == nil && r.Outcome != Valid && r.Outcome != Invalid && r.Outcome != CannotCheck {
			t.Fatalf("outcome %v", r.Outcome)
		}
	})
}

func FuzzParseStandard18(f *testing.F) {
	for _, name := range []string{"collection.std18", "auddis.std18", "standard18_shared_example.txt"} {
		f.Add(read(f, name))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := ParseStandard18(bytes.NewReader(b))
		mustBeValidation(t, err)
		if err != nil {
			return
		}
		var debit, credit domain.Money
		for _, r := range file.Records {
			switch {
			case r.IsContra():
				credit = credit.Add(r.Amount)
			case r.Code.IsCollection():
				debit = debit.Add(r.Amount)
			}
		}
		if !debit.Equal(file.Totals.DebitValue) || !credit.Equal(file.Totals.CreditValue) {
			t.Fatalf("accepted a file whose totals do not add up: %+v", file.Totals)
		}
	})
}

func advicesSeeds(f *testing.F) {
	for _, name := range []string{"arudd.xml", "arudd_shared_excerpt.xml", "addacs.xml", "addacs_shared.xml",
		"auddis_accepted_shared.xml", "auddis_rejected_shared.xml", "auddis_rejections.xml"} {
		f.Add(read(f, name))
	}
}

func FuzzDetect(f *testing.F) {
	advicesSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		k, err := Detect(b)
		mustBeValidation(t, err)
		if err == nil && k == KindUnknown {
			t.Fatal("no error and no kind")
		}
	})
}

func FuzzParseARUDD(f *testing.F) {
	advicesSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := ParseARUDD(b)
		mustBeValidation(t, err)
		if err != nil {
			return
		}
		sum := domain.Zero
		for _, r := range a.Returns {
			if !r.Amount.IsPositive() || r.Reference == "" || !r.Code.IsCollection() {
				t.Fatalf("accepted a bad return %+v", r)
			}
			sum = sum.Add(r.Amount)
		}
		if !sum.Equal(a.Total) || len(a.Returns) == 0 {
			t.Fatalf("total %s of %d returns, sum %s", a.Total, len(a.Returns), sum)
		}
	})
}

func FuzzParseADDACS(f *testing.F) {
	advicesSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := ParseADDACS(b)
		mustBeValidation(t, err)
		if err != nil {
			return
		}
		for _, m := range a.Amendments {
			if m.Reference == "" || len(m.SortCode) != 6 || len(m.Account) != 8 || m.Reason.Code == "" {
				t.Fatalf("accepted a bad advice %+v", m)
			}
		}
	})
}

func FuzzParseAUDDIS(f *testing.F) {
	advicesSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := ParseAUDDIS(b)
		mustBeValidation(t, err)
		if err != nil {
			return
		}
		if len(a.Files)+len(a.Instructions) == 0 {
			t.Fatal("accepted an advice that says nothing")
		}
	})
}
