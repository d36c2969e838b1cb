package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/term"

	"caseload/domain"
	"caseload/store"
)

func init() {
	register("export", "export --to FILE (--accounts REF,REF | --officer NAME | --changes --for REPLICA) [--passphrase-file F | --plaintext]",
		"write a sync pack (encrypted unless --plaintext)", runExport)
	register("import", "import FILE [--passphrase-file F] [--plaintext] [--trust FINGERPRINT] [--accept-v1] [--dry-run]",
		"apply a signed sync pack from a trusted replica: all of it or nothing", runImport)
	register("conflicts", "conflicts [--format json]", "sync conflicts waiting for an officer", runConflicts)
	register("conflicts resolve", "conflicts resolve ID --keep kept|other", "settle a conflict (the choice syncs)", runResolve)
	register("duplicates", "duplicates [--format json] | duplicates reviewed ID", "probable duplicate payments flagged by imports", runDuplicates)
}

// passphrase reads --passphrase-file (or CASELOAD_PASSPHRASE_FILE), or asks
// on the terminal; "" when none is available.
func passphrase(e env, s *settings, file string, confirm bool) (string, error) {
	if path := s.value(file, "CASELOAD_PASSPHRASE_FILE"); path != "" {
		fi, err := os.Stat(path)
		switch {
		case err != nil:
			return "", domain.Invalid("passphrase-file", "cannot read %s: check the path", path)
		case fi.IsDir():
			return "", domain.Invalid("passphrase-file", "%s is a folder: give the file holding the passphrase", path)
		case fi.Mode().Perm()&0o077 != 0:
			return "", domain.Invalid("passphrase-file", "%s can be read by other users: chmod 600 %s", path, path)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("read the passphrase file: %w", err)
		}
		p := strings.TrimRight(string(b), "\r\n")
		if p == "" {
			return "", domain.Invalid("passphrase-file", "%s is empty", path)
		}
		return p, nil
	}
	if !e.isTerminal {
		return "", nil
	}
	fmt.Fprint(e.stderr, "Pack passphrase: ")
	b, err := term.ReadPassword(int(os.Stdin.Fd()))
	fmt.Fprintln(e.stderr)
	if err != nil {
		return "", err
	}
	if confirm {
		fmt.Fprint(e.stderr, "Again, to be sure: ")
		again, err := term.ReadPassword(int(os.Stdin.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", err
		}
		if string(again) != string(b) {
			return "", domain.Invalid("passphrase", "the two passphrases differ: nothing was written")
		}
	}
	return string(b), nil
}

func runExport(e env, args []string) error {
	s := newSettings("export", e)
	to := s.fs.String("to", "", "the pack file to write")
	accounts := s.fs.String("accounts", "", "accounts for a visit pack: REF,REF,...")
	changes := s.fs.Bool("changes", false, "a changes pack")
	forReplica := s.fs.String("for", "", "the replica a changes pack is for")
	passFile := s.fs.String("passphrase-file", "", "file holding the passphrase")
	plaintext := s.fs.Bool("plaintext", false, "write the pack unencrypted")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 0, ""); err != nil {
		return err
	}
	if *to == "" {
		return usagef("caseload export: --to FILE is required")
	}
	o := store.ExportOptions{Changes: *changes, For: *forReplica, Plaintext: *plaintext}
	if *accounts != "" {
		for _, ref := range strings.Split(*accounts, ",") {
			if ref = strings.TrimSpace(ref); ref != "" {
				o.Accounts = append(o.Accounts, ref)
			}
		}
	}
	// --officer NAME (the flag, not CASELOAD_OFFICER) scopes a visit pack
	// to that officer's patch when no accounts are named.
	if s.officer != "" && len(o.Accounts) == 0 && !o.Changes {
		o.Officer = s.officer
	}
	if len(o.Accounts) == 0 && o.Officer == "" && !o.Changes {
		return usagef("caseload export: say what to export: --accounts REF,REF, --officer NAME, or --changes --for REPLICA")
	}
	if f := s.value(*passFile, "CASELOAD_PASSPHRASE_FILE"); *plaintext && f != "" {
		return domain.Invalid("plaintext", "--plaintext with a passphrase file (%s) set is ambiguous: drop --plaintext to encrypt, or unset the passphrase file to write it NOT encrypted", f)
	}
	if !*plaintext {
		if o.Passphrase, err = passphrase(e, s, *passFile, true); err != nil {
			return err
		}
		if o.Passphrase == "" {
			return domain.Invalid("", "a pack holds personal data: give --passphrase-file F (or CASELOAD_PASSPHRASE_FILE), or --plaintext to write it unencrypted")
		}
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	defer st.Close()
	// The pack streams straight to the file: a whole borough's never sits
	// in memory.
	out, err := st.ExportFile(context.Background(), *to, o)
	if err != nil {
		return err
	}
	m := out.Manifest
	enc := "encrypted"
	if *plaintext {
		enc = "NOT encrypted"
	}
	fmt.Fprintf(e.stdout, "%s pack %s: %d changes, %s, signed with key %s, written to %s\n", m.Kind, m.PackID[:8], m.Counts.Changes, enc, out.Signer, *to)
	return nil
}

func runImport(e env, args []string) error {
	s := newSettings("import", e)
	passFile := s.fs.String("passphrase-file", "", "file holding the passphrase")
	dryRun := s.fs.Bool("dry-run", false, "say what would change; write nothing")
	plaintext := s.fs.Bool("plaintext", false, "accept a pack written NOT encrypted")
	trust := s.fs.String("trust", "", "trust the pack's signing key with this fingerprint (confirmed with its sender)")
	acceptV1 := s.fs.Bool("accept-v1", false, "read an unsigned version 1 pack")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 1, "FILE"); err != nil {
		return err
	}
	fi, err := os.Stat(pos[0])
	switch {
	case err != nil:
		return domain.Invalid("FILE", "there is no file %s: check the path", pos[0])
	case fi.IsDir():
		return domain.Invalid("FILE", "%s is a folder: give the pack file", pos[0])
	}
	encrypted, err := store.PackFileEncrypted(pos[0])
	if err != nil {
		return fmt.Errorf("read %s: %w", pos[0], err)
	}
	o := store.ImportOptions{DryRun: *dryRun, Plaintext: *plaintext, Trust: *trust, AcceptV1: *acceptV1}
	if encrypted {
		if o.Passphrase, err = passphrase(e, s, *passFile, false); err != nil {
			return err
		}
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	defer st.Close()
	// The file is streamed through decryption and decompression.
	rep, err := st.ImportFile(context.Background(), pos[0], o)
	if u, ok := store.AsUntrustedKey(err); ok {
		return fmt.Errorf("%w; if it matches, run again with --trust %s (or `caseload peers trust %s`)", u, u.Fingerprint, u.Fingerprint)
	}
	if err != nil {
		return err
	}
	if rep.Plaintext {
		fmt.Fprintln(e.stdout, "this pack was NOT encrypted")
	}
	if rep.Signer != "" {
		fmt.Fprintf(e.stdout, "signed by %s, key %s\n", rep.Source.Name, rep.Signer)
	} else if rep.AlreadyImported == "" {
		fmt.Fprintln(e.stdout, "version 1 pack: unsigned, its source is not proven")
	}
	if rep.AlreadyImported != "" {
		fmt.Fprintf(e.stdout, "already imported on %s: nothing new, nothing changed\n", rep.AlreadyImported)
		return nil
	}
	verb := "applied"
	if rep.DryRun {
		verb = "would apply (dry run: nothing written)"
	}
	fmt.Fprintf(e.stdout, "%s pack from %s: %d new changes %s, %d already present, %d conflicts raised, %d probable duplicates flagged\n",
		rep.Kind, rep.Source.Name, rep.New, verb, rep.Present, len(rep.Conflicts), len(rep.Duplicates))
	for _, c := range rep.Conflicts {
		fmt.Fprintf(e.stdout, "  conflict %d: %s %s — kept %q, other %q\n", c.ID, c.Ref, c.Field, c.Kept, c.Other)
	}
	for _, d := range rep.Duplicates {
		fmt.Fprintf(e.stdout, "  duplicate %d: %s %s and %s — %s\n", d.ID, d.Ref, d.First, d.Second, d.Reason)
	}
	for _, w := range rep.Warnings {
		fmt.Fprintln(e.stderr, "caseload: warning: "+w)
	}
	return nil
}

func runConflicts(e env, args []string) error {
	s := newSettings("conflicts", e).withFormat()
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 0, ""); err != nil {
		return err
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	defer st.Close()
	cs, err := st.Conflicts(context.Background())
	if err != nil {
		return err
	}
	if s.format == "json" {
		if cs == nil {
			cs = []store.Conflict{}
		}
		return writeJSON(e.stdout, cs)
	}
	t := &table{header: []string{"id", "ref", "field", "kept", "kept_by", "kept_at", "other", "other_by", "other_at", "raised"}}
	for _, c := range cs {
		t.add(strconv.FormatInt(c.ID, 10), c.Ref, c.Field, c.Kept, c.KeptBy, c.KeptAt, c.Other, c.OtherBy, c.OtherAt, c.Raised)
	}
	if s.format == "table" && len(cs) == 0 {
		fmt.Fprintln(e.stdout, "no conflicts waiting")
		return nil
	}
	return t.write(e.stdout, s.format)
}

func runResolve(e env, args []string) error {
	s := newSettings("conflicts resolve", e)
	keep := s.fs.String("keep", "", "kept or other")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 1, "ID"); err != nil {
		return err
	}
	if *keep == "" {
		return usagef("caseload conflicts resolve: --keep kept|other is required")
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return domain.Invalid("ID", "%q is not a conflict number: see `caseload conflicts`", pos[0])
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.ResolveConflict(context.Background(), id, *keep); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "conflict %d settled: kept the %s value; the choice syncs with your next export\n", id, *keep)
	return nil
}

func runDuplicates(e env, args []string) error {
	s := newSettings("duplicates", e).withFormat()
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	if len(pos) == 2 && pos[0] == "reviewed" {
		id, err := strconv.ParseInt(pos[1], 10, 64)
		if err != nil {
			return domain.Invalid("ID", "%q is not a duplicate number", pos[1])
		}
		today, err := s.Today()
		if err != nil {
			return err
		}
		if err := st.ReviewDuplicate(ctx, id, today); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "duplicate %d marked reviewed\n", id)
		return nil
	}
	if err := s.want(pos, 0, ""); err != nil {
		return err
	}
	ds, err := st.Duplicates(ctx)
	if err != nil {
		return err
	}
	if s.format == "json" {
		if ds == nil {
			ds = []store.Duplicate{}
		}
		return writeJSON(e.stdout, ds)
	}
	if len(ds) == 0 && s.format == "table" {
		fmt.Fprintln(e.stdout, "no probable duplicates waiting")
		return nil
	}
	t := &table{header: []string{"id", "ref", "first", "second", "reason", "flagged"}}
	for _, d := range ds {
		t.add(strconv.FormatInt(d.ID, 10), d.Ref, d.First, d.Second, d.Reason, d.Flagged)
	}
	return t.write(e.stdout, s.format)
}
