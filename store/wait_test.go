package store

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"caseload/domain"
)

// holdWrite runs a long job ("an import") on s that holds the write turn
// until release is closed; it returns once the job holds the turn.
func holdWrite(t *testing.T, s *Store, release chan struct{}) chan error {
	t.Helper()
	started, done := make(chan struct{}), make(chan error, 1)
	go func() {
		done <- s.write(asJob(ctx, "an import"), "long import", "", func(w *writer) error {
			close(started)
			<-release
			return nil
		})
	}()
	select {
	case <-started:
	case <-time.After(20 * time.Second):
		t.Fatal("the long job never started")
	}
	return done
}

func TestAWriterWaitsForALongImportAndSaysSo(t *testing.T) {
	t.Parallel() // its own temporary database
	path := filepath.Join(t.TempDir(), "caseload.db")
	importer, err := Open(path, Options{Officer: "importer", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer importer.Close()
	mustCreate(t, importer, "AB1001")
	told := make(chan string, 4)
	other, err := Open(path, Options{Officer: "other", Now: fixedNow, WriteWait: time.Minute, OnWait: func(msg string) { told <- msg }})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	release := make(chan struct{})
	longJob := holdWrite(t, importer, release)
	posted := make(chan error, 1)
	go func() {
		_, err := other.Post(ctx, Posting{Ref: "AB1001", Kind: PostPayment, Amount: amt("10.00"), Method: domain.MethodCash}, today)
		posted <- err
	}()
	select {
	case msg := <-told:
		want := "an import is running (by importer since " + fixedNow().Local().Format("15:04") + "): waiting for it to finish (up to 1m0s)…"
		if msg != want {
			t.Fatalf("told %q, want %q", msg, want)
		}
	case err := <-posted:
		t.Fatalf("the write did not wait: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("the waiting writer said nothing")
	}
	close(release)
	if err := <-longJob; err != nil {
		t.Fatal(err)
	}
	if err := <-posted; err != nil {
		t.Fatalf("the waiting write failed: %v", err)
	}
	if b := balanceOf(t, importer, "AB1001"); !b.Equal(amt("-10.00")) {
		t.Fatalf("balance %s", b)
	}
	if n := importer.readNote(); n != nil {
		t.Fatalf("note left behind: %+v", n)
	}
}

func TestAWriterThatGivesUpSaysWhyInWords(t *testing.T) {
	t.Parallel() // its own temporary database
	path := filepath.Join(t.TempDir(), "caseload.db")
	importer, err := Open(path, Options{Officer: "importer", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer importer.Close()
	mustCreate(t, importer, "AB1001")
	other, err := Open(path, Options{Officer: "other", Now: fixedNow, WriteWait: 1500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	before := dump(t, importer)

	release := make(chan struct{})
	longJob := holdWrite(t, importer, release)
	_, err = other.Post(ctx, Posting{Ref: "AB1001", Kind: PostPayment, Amount: amt("10.00"), Method: domain.MethodCash}, today)
	close(release)
	<-longJob
	if !IsBusy(err) {
		t.Fatalf("err = %v, want a write that gave up waiting", err)
	}
	msg := err.Error()
	if !regexp.MustCompile(`^gave up after waiting 1\.5s: an import is still running \(by importer since \d\d:\d\d\) — try again when it has finished; nothing was written$`).MatchString(msg) ||
		strings.Contains(msg, "locked") || strings.Contains(msg, "SQLITE") {
		t.Fatalf("message %q", msg)
	}
	// The long job has finished and taken its note away; nothing of the
	// refused write is there.
	if n := importer.readNote(); n != nil {
		t.Fatalf("note left behind: %+v", n)
	}
	after := dump(t, importer)
	if strings.Count(after, "\n") != strings.Count(before, "\n")+1 || !strings.Contains(after, "long import") {
		t.Fatalf("the refused write changed the database:\n%s", after)
	}
}
