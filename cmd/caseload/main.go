// Command caseload is the income officer's workstation: with no sub-command
// it opens the TUI; sub-commands are the scriptable CLI of CLI.md.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"caseload/domain"
	"caseload/store"
)

// env is what a command may touch of the outside world, so tests can run
// commands in-process with their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time
	// isTerminal reports whether stdin and stdout are a terminal (the TUI
	// and passphrase prompts need one).
	isTerminal bool
}

func main() {
	e := env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, now: time.Now,
		isTerminal: isTerminal(os.Stdin) && isTerminal(os.Stdout)}
	os.Exit(run(os.Args[1:], e))
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// usageError is a command called wrongly: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// Exit codes (CLI.md).
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
	exitInvalid = 3
)

// run executes one command line and returns its exit code.
func run(args []string, e env) int {
	stdout, stderr := newPrintableWriter(e.stdout), newPrintableWriter(e.stderr)
	defer stdout.Flush()
	defer stderr.Flush()
	e.stdout, e.stderr = stdout, stderr
	err := dispatch(args, e)
	if err == nil {
		return exitOK
	}
	var ie *store.IngestError
	if errors.As(err, &ie) {
		for _, l := range ie.Lines() {
			fmt.Fprintln(e.stderr, l)
		}
	}
	fmt.Fprintln(e.stderr, errorLine(err))
	var ue usageError
	switch {
	case errors.As(err, &ue):
		return exitUsage
	case domain.IsValidation(err), errors.As(err, &ie), store.IsRefused(err):
		return exitInvalid
	}
	return exitFailure
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// errorLine is an error as CLI.md prints it: one line starting "caseload: "
// once, however the message began ("caseload pay: …" reads "caseload: pay: …").
func errorLine(err error) string {
	msg := oneLine(err.Error())
	msg = strings.TrimPrefix(msg, "caseload: ")
	msg = strings.TrimPrefix(msg, "caseload ")
	return "caseload: " + msg
}

// command is one sub-command.
type command struct {
	usage string
	help  string
	run   func(e env, args []string) error
}

// commands maps "name" or "name sub" to its command. Each command file
// registers its own commands in an init function.
var commands = map[string]command{}

func register(name, usage, help string, run func(e env, args []string) error) {
	commands[name] = command{usage: usage, help: help, run: run}
}

func dispatch(args []string, e env) error {
	if len(args) == 0 {
		return runTUI(e, nil)
	}
	args = hoistGlobals(args)
	switch args[0] {
	case "help", "-h", "--help":
		printHelp(e.stdout)
		return nil
	}
	if strings.HasPrefix(args[0], "-") {
		// Flags with no sub-command: the TUI with these settings.
		return runTUI(e, args)
	}
	if len(args) > 1 {
		if c, ok := commands[args[0]+" "+args[1]]; ok {
			return c.run(e, args[2:])
		}
	}
	if c, ok := commands[args[0]]; ok {
		return c.run(e, args[1:])
	}
	var subs []string
	for name := range commands {
		if strings.HasPrefix(name, args[0]+" ") {
			subs = append(subs, strings.TrimPrefix(name, args[0]+" "))
		}
	}
	if len(subs) > 0 {
		sort.Strings(subs)
		return usagef("caseload %s needs one of: %s", args[0], strings.Join(subs, ", "))
	}
	return usagef("unknown command %q: run `caseload help` for the list", args[0])
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "caseload — the income officer's workstation. With no command it opens the TUI.")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  caseload %s\n      %s\n", commands[n].usage, commands[n].help)
	}
	fmt.Fprintln(w, "\nEvery command takes --db PATH (CASELOAD_DB), --today YYYY-MM-DD (CASELOAD_TODAY) and --officer NAME (CASELOAD_OFFICER).")
	fmt.Fprintln(w, "Exit codes: 0 success, 1 failure, 2 usage error, 3 bad input refused (nothing written).")
}

// settings are the common flags every command takes.
type settings struct {
	fs      *flag.FlagSet
	name    string
	e       env
	db      string
	today   string
	officer string
	format  string
}

func newSettings(name string, e env) *settings {
	s := &settings{name: name, e: e}
	s.fs = flag.NewFlagSet(name, flag.ContinueOnError)
	s.fs.SetOutput(io.Discard)
	s.fs.StringVar(&s.db, "db", "", "database file (CASELOAD_DB)")
	s.fs.StringVar(&s.today, "today", "", "today's date YYYY-MM-DD (CASELOAD_TODAY)")
	s.fs.StringVar(&s.officer, "officer", "", "officer name (CASELOAD_OFFICER)")
	return s
}

// withFormat adds --format.
func (s *settings) withFormat() *settings {
	s.fs.StringVar(&s.format, "format", "table", "table, csv or json")
	return s
}

// parse reads flags and positional arguments in any order; a negative
// amount ("-25.00") is an argument, not a flag.
func (s *settings) parse(args []string) ([]string, error) {
	var pos []string
	for {
		for len(args) > 0 && (!strings.HasPrefix(args[0], "-") || args[0] == "-" || isNegativeNumber(args[0])) {
			pos = append(pos, args[0])
			args = args[1:]
		}
		if len(args) == 0 {
			break
		}
		if err := s.fs.Parse(args); err != nil {
			return nil, usagef("caseload %s: %v (usage: caseload %s)", s.name, err, commands[s.name].usage)
		}
		args = s.fs.Args()
		if len(args) == 0 {
			break
		}
	}
	switch s.format {
	case "", "table", "csv", "json":
	default:
		return nil, usagef("caseload %s: --format %q: use table, csv or json", s.name, s.format)
	}
	if err := emptyDate(s.fs); err != nil {
		return nil, err
	}
	return pos, nil
}

// want checks the number of positional arguments.
func (s *settings) want(pos []string, n int, names string) error {
	if len(pos) < n {
		return usagef("caseload %s: missing %s (usage: caseload %s)", s.name, names, commands[s.name].usage)
	}
	if len(pos) > n {
		return usagef("caseload %s: unexpected argument %q (usage: caseload %s)", s.name, pos[n], commands[s.name].usage)
	}
	return nil
}

func isNegativeNumber(s string) bool {
	return len(s) > 1 && s[0] == '-' && (s[1] >= '0' && s[1] <= '9' || s[1] == '.')
}

func (s *settings) value(flagValue, envName string) string {
	if flagValue != "" {
		return flagValue
	}
	return s.e.getenv(envName)
}

// Today is --today, CASELOAD_TODAY or the real date.
func (s *settings) Today() (domain.Date, error) {
	v := s.value(s.today, "CASELOAD_TODAY")
	if v == "" {
		return domain.DateOf(s.e.now()), nil
	}
	return dateArg("--today", v)
}

// Officer is --officer, CASELOAD_OFFICER or the login name.
func (s *settings) Officer() string {
	if v := s.value(s.officer, "CASELOAD_OFFICER"); v != "" {
		return v
	}
	if v := s.e.getenv("USER"); v != "" {
		return v
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return "officer"
}

// DBPath is --db, CASELOAD_DB or $XDG_DATA_HOME/caseload/<file>.
func (s *settings) DBPath(file string) (string, error) {
	if v := s.value(s.db, "CASELOAD_DB"); v != "" {
		return v, nil
	}
	dir := s.e.getenv("XDG_DATA_HOME")
	if dir == "" {
		home := s.e.getenv("HOME")
		if home == "" {
			h, err := os.UserHomeDir()
			if err != nil {
				return "", fmt.Errorf("no home folder to keep the database in: give --db PATH")
			}
			home = h
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "caseload", file), nil
}

// session opens the configured database and reads today: what most
// commands need before they do anything.
func (s *settings) session() (*store.Store, domain.Date, error) {
	today, err := s.Today()
	if err != nil {
		return nil, today, err
	}
	st, err := s.open()
	return st, today, err
}

// open opens the configured database (created on first use).
func (s *settings) open() (*store.Store, error) {
	path, err := s.DBPath("caseload.db")
	if err != nil {
		return nil, err
	}
	// The officer signs every change and is shown on every screen.
	if err := domain.TextOfficer.Check(s.Officer()); err != nil {
		return nil, domain.Invalid("--officer", "%s", strings.TrimPrefix(err.Error(), "officer: "))
	}
	wait, err := s.writeWait()
	if err != nil {
		return nil, err
	}
	return store.Open(path, store.Options{Officer: s.Officer(), Now: s.e.now, WriteWait: wait,
		OnWait: func(msg string) { fmt.Fprintln(s.e.stderr, "caseload: "+msg) }})
}
