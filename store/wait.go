package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Writers wait their turn. SQLite lets one transaction write at a time; an
// import of a large pack or a rent run holds that turn for many seconds,
// all-or-nothing. Rather than cut those jobs into chunks (which would make
// a half-applied pack visible and need resuming), every other writer waits
// for its turn — up to Options.WriteWait — and is told why: the long job
// leaves a note beside the database naming itself, its officer and its
// start. A writer that gives up says so in words; SQLite's own message
// ("database is locked") never reaches an officer.

// DefaultWriteWait is how long a write waits for another's turn to end.
const DefaultWriteWait = 3 * time.Minute

// busyPoll is how long SQLite itself waits for the write lock before the
// store looks again (and tells the officer it is waiting).
const busyPoll = time.Second

// JobNote is the note a long write leaves beside the database while it
// holds the write turn.
type JobNote struct {
	Job     string    `json:"job"` // "an import", "a rent run", "an extract load"
	Officer string    `json:"officer"`
	Since   time.Time `json:"since"`
	Host    string    `json:"host"`
	PID     int       `json:"pid"`
}

// Running says the note in words, with how the job stands: "an import
// is running (by asmith since 14:05)".
func (n JobNote) Running(how string) string {
	return fmt.Sprintf("%s %s (by %s since %s)", n.Job, how, n.Officer, n.Since.Local().Format("15:04"))
}

// BusyError is a write that waited its whole allowance for another to end.
type BusyError struct {
	Waited time.Duration // the allowance it waited (at least)
	Note   *JobNote      // nil when the other writer left no note
}

func (e *BusyError) Error() string {
	if e.Note != nil {
		return fmt.Sprintf("gave up after waiting %s: %s — try again when it has finished; nothing was written", e.Waited, e.Note.Running("is still running"))
	}
	return fmt.Sprintf("gave up after waiting %s: another caseload is still writing to the database — try again in a few minutes (nothing was written)", e.Waited)
}

// IsBusy reports whether err is a write that gave up waiting its turn.
func IsBusy(err error) bool {
	var b *BusyError
	return errors.As(err, &b)
}

// SetWaitNotice sets what the store calls, once per write, when the write
// has to wait for another's turn (the CLI prints it, the TUI shows it in
// its status line).
func (s *Store) SetWaitNotice(fn func(msg string)) { s.onWait = fn }

// jobKey carries the name of a long job through a context.
type jobKey struct{}

// asJob marks a write as a long job that leaves a note while it runs.
func asJob(ctx context.Context, job string) context.Context {
	return context.WithValue(ctx, jobKey{}, job)
}

func (s *Store) notePath() string { return s.path + ".job" }

// beginWrite starts a write transaction, waiting for the write turn when
// another process holds it.
func (s *Store) beginWrite(ctx context.Context) (*sql.Tx, error) { return s.beginWriteOn(ctx, s.db) }

// beginner starts transactions: the pool, or one connection of it (an
// import writes through the connection its spool is attached to).
type beginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// beginWriteOn is beginWrite on a given pool or connection.
func (s *Store) beginWriteOn(ctx context.Context, on beginner) (*sql.Tx, error) {
	start := time.Now()
	told := false
	for {
		tx, err := on.BeginTx(ctx, nil)
		if err == nil {
			return tx, nil
		}
		if !isBusy(err) {
			return nil, err
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		note := s.readNote()
		if time.Since(start) >= s.writeWait {
			return nil, &BusyError{Waited: s.writeWait, Note: note}
		}
		if !told && s.onWait != nil {
			told = true
			if note != nil {
				s.onWait(fmt.Sprintf("%s: waiting for it to finish (up to %s)…", note.Running("is running"), s.writeWait))
			} else {
				s.onWait(fmt.Sprintf("another caseload is writing to the database: waiting for it to finish (up to %s)…", s.writeWait))
			}
		}
	}
}

func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

// writeNote leaves the note of a long job that now holds the write turn.
func (s *Store) writeNote(job string) {
	host, _ := os.Hostname()
	b, _ := json.Marshal(JobNote{Job: job, Officer: s.officer, Since: s.now().UTC(), Host: host, PID: os.Getpid()})
	// The note only explains a wait: failing to write it fails nothing.
	_ = os.WriteFile(s.notePath(), b, 0o600)
}

func (s *Store) removeNote() { os.Remove(s.notePath()) }

// readNote reads the note of the job holding the write turn, if it left
// one and (on this machine) is still alive.
func (s *Store) readNote() *JobNote {
	b, err := os.ReadFile(s.notePath())
	if err != nil {
		return nil
	}
	var n JobNote
	if json.Unmarshal(b, &n) != nil || n.Job == "" {
		return nil
	}
	if host, _ := os.Hostname(); host == n.Host && !alive(n.PID) {
		return nil // left by a job that was killed
	}
	return &n
}

// alive reports whether a process of this machine is running.
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	return p.Signal(syscall.Signal(0)) == nil
}
