package store

import (
	"bytes"
	"io"
	"testing"

	"filippo.io/age"
)

// TestScryptLogNReadsTheHeadersCost: the work factor a pack's age header
// names decides whether its scrypt memory is handed back at once; a header
// that does not say is treated as costly.
func TestScryptLogNReadsTheHeadersCost(t *testing.T) {
	for _, logN := range []int{10, 14, 15} {
		r, err := age.NewScryptRecipient("correct horse battery")
		if err != nil {
			t.Fatal(err)
		}
		r.SetWorkFactor(logN)
		var buf bytes.Buffer
		w, err := age.Encrypt(&buf, r)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, "body")
		w.Close()
		if got := scryptLogN(buf.Bytes()); got != logN {
			t.Errorf("work factor %d read as %d from %q", logN, got, buf.Bytes()[:60])
		}
	}
	for _, header := range []string{"", "age-encryption.org/v1\n-> X25519 abc\n", "age-encryption.org/v1\n-> scrypt salt\n", "age-encryption.org/v1\n-> scrypt salt many\n"} {
		if got := scryptLogN([]byte(header)); got <= scryptKept {
			t.Errorf("%q read as a cheap work factor %d", header, got)
		}
	}
}

// FuzzScryptLogN: any header bytes give a work factor without panicking,
// and one that names a factor gives it.
func FuzzScryptLogN(f *testing.F) {
	f.Add([]byte("age-encryption.org/v1\n-> scrypt c2FsdHNhbHRzYWx0c2FsdA 18\nbody\n--- mac\n"))
	f.Add([]byte("age-encryption.org/v1\n-> scrypt salt -3\n"))
	f.Add([]byte("\n-> scrypt  \n"))
	f.Fuzz(func(t *testing.T, header []byte) {
		scryptLogN(header)
	})
}
