package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/term"

	"caseload/domain"
	"caseload/store"
)

func init() {
	kit{name: "export", usage: "export --to FILE (--accounts REF,REF | --officer NAME | --changes --for REPLICA) [--passphrase-file F | --plaintext]", help: "write a sync pack (encrypted unless --plaintext)", flags: true}.define(runExport)
	kit{name: "import", usage: "import FILE [--passphrase-file F] [--plaintext] [--trust FINGERPRINT] [--accept-v1] [--dry-run]", help: "apply a signed sync pack from a trusted replica: all of it or nothing", flags: true}.define(runImport)
	kit{name: "conflicts", usage: "conflicts [--format json]", help: "sync conflicts waiting for an officer", format: true, store: true}.define(runConflicts)
	kit{name: "conflicts resolve", usage: "conflicts resolve ID --keep kept|other", help: "settle a conflict (the choice syncs)", flags: true}.define(runResolve)
	kit{name: "duplicates", usage: "duplicates [--format json] | duplicates reviewed ID", help: "probable duplicate payments flagged by imports", variadic: true, format: true, store: true}.define(runDuplicates)
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

func runExport(c *call) error {
	to := c.fs.String("to", "", "the pack file to write")
	accounts := c.fs.String("accounts", "", "accounts for a visit pack: REF,REF,...")
	changes := c.fs.Bool("changes", false, "a changes pack")
	forReplica := c.fs.String("for", "", "the replica a changes pack is for")
	passFile := c.fs.String("passphrase-file", "", "file holding the passphrase")
	plaintext := c.fs.Bool("plaintext", false, "write the pack unencrypted")
	err := c.parse()
	if err != nil {
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
	if c.officer != "" && len(o.Accounts) == 0 && !o.Changes {
		o.Officer = c.officer
	}
	if len(o.Accounts) == 0 && o.Officer == "" && !o.Changes {
		return usagef("caseload export: say what to export: --accounts REF,REF, --officer NAME, or --changes --for REPLICA")
	}
	if f := c.value(*passFile, "CASELOAD_PASSPHRASE_FILE"); *plaintext && f != "" {
		return domain.Invalid("plaintext", "--plaintext with a passphrase file (%s) set is ambiguous: drop --plaintext to encrypt, or unset the passphrase file to write it NOT encrypted", f)
	}
	if !*plaintext {
		if o.Passphrase, err = passphrase(c.env, c.settings, *passFile, true); err != nil {
			return err
		}
		if o.Passphrase == "" {
			return domain.Invalid("", "a pack holds personal data: give --passphrase-file F (or CASELOAD_PASSPHRASE_FILE), or --plaintext to write it unencrypted")
		}
	}
	if err := c.open(); err != nil {
		return err
	}
	// The pack streams straight to the file: a whole borough's never sits
	// in memory.
	out, err := c.st.ExportFile(c.ctx, *to, o)
	if err != nil {
		return err
	}
	m := out.Manifest
	enc := "encrypted"
	if *plaintext {
		enc = "NOT encrypted"
	}
	fmt.Fprintf(c.stdout, "%s pack %s: %d changes, %s, signed with key %s, written to %s\n", m.Kind, m.PackID[:8], m.Counts.Changes, enc, out.Signer, *to)
	return nil
}

func runImport(c *call) error {
	passFile := c.fs.String("passphrase-file", "", "file holding the passphrase")
	dryRun := c.fs.Bool("dry-run", false, "say what would change; write nothing")
	plaintext := c.fs.Bool("plaintext", false, "accept a pack written NOT encrypted")
	trust := c.fs.String("trust", "", "trust the pack's signing key with this fingerprint (confirmed with its sender)")
	acceptV1 := c.fs.Bool("accept-v1", false, "read an unsigned version 1 pack")
	err := c.parse()
	if err != nil {
		return err
	}
	fi, err := os.Stat(c.pos[0])
	switch {
	case err != nil:
		return domain.Invalid("FILE", "there is no file %s: check the path", c.pos[0])
	case fi.IsDir():
		return domain.Invalid("FILE", "%s is a folder: give the pack file", c.pos[0])
	}
	encrypted, err := store.PackFileEncrypted(c.pos[0])
	if err != nil {
		return fmt.Errorf("read %s: %w", c.pos[0], err)
	}
	o := store.ImportOptions{DryRun: *dryRun, Plaintext: *plaintext, Trust: *trust, AcceptV1: *acceptV1}
	if encrypted {
		if o.Passphrase, err = passphrase(c.env, c.settings, *passFile, false); err != nil {
			return err
		}
	}
	if err := c.open(); err != nil {
		return err
	}
	// The file is streamed through decryption and decompression.
	rep, err := c.st.ImportFile(c.ctx, c.pos[0], o)
	if u, ok := store.AsUntrustedKey(err); ok {
		return fmt.Errorf("%w; if it matches, run again with --trust %s (or `caseload peers trust %s`)", u, u.Fingerprint, u.Fingerprint)
	}
	if err != nil {
		return err
	}
	if rep.Plaintext {
		fmt.Fprintln(c.stdout, "this pack was NOT encrypted")
	}
	if rep.Signer != "" {
		fmt.Fprintf(c.stdout, "signed by %s, key %s\n", rep.Source.Name, rep.Signer)
	} else if rep.AlreadyImported == "" {
		fmt.Fprintln(c.stdout, "version 1 pack: unsigned, its source is not proven")
	}
	if rep.AlreadyImported != "" {
		fmt.Fprintf(c.stdout, "already imported on %s: nothing new, nothing changed\n", rep.AlreadyImported)
		return nil
	}
	verb := "applied"
	if rep.DryRun {
		verb = "would apply (dry run: nothing written)"
	}
	fmt.Fprintf(c.stdout, "%s pack from %s: %d new changes %s, %d already present, %d conflicts raised, %d probable duplicates flagged\n",
		rep.Kind, rep.Source.Name, rep.New, verb, rep.Present, len(rep.Conflicts), len(rep.Duplicates))
	for _, cf := range rep.Conflicts {
		fmt.Fprintf(c.stdout, "  conflict %d: %s %s — kept %q, other %q\n", cf.ID, cf.Ref, cf.Field, cf.Kept, cf.Other)
	}
	for _, d := range rep.Duplicates {
		fmt.Fprintf(c.stdout, "  duplicate %d: %s %s and %s — %s\n", d.ID, d.Ref, d.First, d.Second, d.Reason)
	}
	for _, w := range rep.Warnings {
		fmt.Fprintln(c.stderr, "caseload: warning: "+w)
	}
	return nil
}

func runConflicts(c *call) error {
	cs, err := c.st.Conflicts(c.ctx)
	if err != nil {
		return err
	}
	return writeRows(c, cs, "no conflicts waiting",
		&table{header: []string{"id", "ref", "field", "kept", "kept_by", "kept_at", "other", "other_by", "other_at", "raised"}}, func(t *table, cf store.Conflict) {
			t.add(strconv.FormatInt(cf.ID, 10), cf.Ref, cf.Field, cf.Kept, cf.KeptBy, cf.KeptAt, cf.Other, cf.OtherBy, cf.OtherAt, cf.Raised)
		})
}

func runResolve(c *call) error {
	keep := c.fs.String("keep", "", "kept or other")
	if err := c.parse(); err != nil {
		return err
	}
	if *keep == "" {
		return usagef("caseload conflicts resolve: --keep kept|other is required")
	}
	id, err := strconv.ParseInt(c.pos[0], 10, 64)
	if err != nil {
		return domain.Invalid("ID", "%q is not a conflict number: see `caseload conflicts`", c.pos[0])
	}
	if err := c.open(); err != nil {
		return err
	}
	if err := c.st.ResolveConflict(c.ctx, id, *keep); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "conflict %d settled: kept the %s value; the choice syncs with your next export\n", id, *keep)
	return nil
}

func runDuplicates(c *call) error {
	if len(c.pos) == 2 && c.pos[0] == "reviewed" {
		id, err := strconv.ParseInt(c.pos[1], 10, 64)
		if err != nil {
			return domain.Invalid("ID", "%q is not a duplicate number", c.pos[1])
		}
		today, err := c.Today()
		if err != nil {
			return err
		}
		if err := c.st.ReviewDuplicate(c.ctx, id, today); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "duplicate %d marked reviewed\n", id)
		return nil
	}
	if err := c.want(c.pos, 0, ""); err != nil {
		return err
	}
	ds, err := c.st.Duplicates(c.ctx)
	if err != nil {
		return err
	}
	return writeRows(c, ds, "no probable duplicates waiting",
		&table{header: []string{"id", "ref", "first", "second", "reason", "flagged"}}, func(t *table, d store.Duplicate) {
			t.add(strconv.FormatInt(d.ID, 10), d.Ref, d.First, d.Second, d.Reason, d.Flagged)
		})
}
