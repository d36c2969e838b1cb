package main

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"caseload/domain"
	"caseload/domain/worklist"
	"caseload/store"
)

// kit is the prelude every command shares, said once: its name, usage and
// help, its positional arguments (read from the usage), --format, and what
// it needs of the database before its body runs. A command's function is
// then only what the command does.
type kit struct {
	name, usage, help string
	// flags: the body declares flags of its own on c.fs and then calls
	// c.parse; otherwise the kit parses before the body runs.
	flags bool
	// variadic: the body checks the positional arguments itself; otherwise
	// the command takes exactly the ones its usage names (see positional).
	variadic bool
	// format adds --format table|csv|json.
	format bool
	// today reads --today before anything is opened (a bad date is refused
	// first); store opens the database, closed when the body returns.
	today, store bool
	// policy adds --policy FILE and reads the worklist policy (the flag,
	// CASELOAD_POLICY or the database folder's policy.json) before the
	// database is opened.
	policy bool
	// ref: the first argument is an account that must exist; the body finds
	// it in call.account.
	ref bool
}

// call is one run of a command: its settings and flags, its positional
// arguments and, as the kit asked, today, the open database and the
// account.
type call struct {
	*settings
	env
	kit     kit
	args    []string
	pos     []string
	today   domain.Date
	policy  worklist.Policy
	st      *store.Store
	account store.Account
	ctx     context.Context

	policyFile *string
}

// define registers a command with its kit.
func (k kit) define(body func(c *call) error) {
	register(k.name, k.usage, k.help, func(e env, args []string) error {
		s := newSettings(k.name, e)
		if k.format {
			s.withFormat()
		}
		c := &call{settings: s, env: e, kit: k, args: args, ctx: context.Background()}
		defer c.close()
		if k.policy {
			c.policyFile = s.fs.String("policy", "", "worklist policy file (JSON; CASELOAD_POLICY)")
		}
		if !k.flags {
			if err := c.parse(); err != nil {
				return err
			}
		}
		return body(c)
	})
}

// parse reads the flags and positional arguments and does what the kit
// asked before the body: today, the database, the account. A body that must
// refuse bad flags before a database is created leaves store off and calls
// c.session or c.open itself once they are checked.
func (c *call) parse() error {
	pos, err := c.settings.parse(c.args)
	if err != nil {
		return err
	}
	c.pos = pos
	if !c.kit.variadic {
		n, names := positional(c.kit.name, c.kit.usage)
		if err := c.want(pos, n, names); err != nil {
			return err
		}
	}
	if c.kit.today {
		if c.today, err = c.Today(); err != nil {
			return err
		}
	}
	if c.kit.policy {
		if c.policy, err = loadPolicy(c.settings, *c.policyFile); err != nil {
			return err
		}
	}
	if c.kit.store || c.kit.ref {
		if err := c.open(); err != nil {
			return err
		}
	}
	if c.kit.ref {
		if c.account, err = c.st.Account(c.ctx, pos[0]); err != nil {
			return err
		}
	}
	return nil
}

// session reads today and opens the database after the body's own checks
// (a command that must refuse bad input before it creates a database
// opens it this way); the kit closes it when the body returns.
func (c *call) session() error {
	var err error
	if c.today, err = c.Today(); err != nil {
		return err
	}
	return c.open()
}

// open opens the database after the body's own checks.
func (c *call) open() error {
	st, err := c.settings.open()
	if err != nil {
		return err
	}
	c.st = st
	return nil
}

// close closes the database, however it was opened.
func (c *call) close() {
	if c.st != nil {
		c.st.Close()
	}
}

// positional reads a command's positional arguments from its usage: the
// words after its name up to the first flag or option, each starting with
// a capital ("account show REF" takes REF; "note REF TEXT [--channel C]"
// takes REF and TEXT). It returns how many and how a refusal names them.
func positional(name, usage string) (int, string) {
	words := strings.Fields(strings.TrimPrefix(usage, name))
	var names []string
	for _, w := range words {
		if r := []rune(w)[0]; !unicode.IsUpper(r) {
			break
		}
		names = append(names, w)
	}
	switch len(names) {
	case 0:
		return 0, ""
	case 1:
		return 1, names[0]
	}
	return len(names), strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// writeRows is a list command's output: the rows as JSON ([] for none),
// or as the table (none, when set, said instead of an empty table) or CSV,
// each row added by add.
func writeRows[T any](c *call, rows []T, none string, t *table, add func(t *table, r T)) error {
	if c.format == "json" {
		if rows == nil {
			rows = []T{}
		}
		return writeJSON(c.stdout, rows)
	}
	if len(rows) == 0 && c.format == "table" && none != "" {
		fmt.Fprintln(c.stdout, none)
		return nil
	}
	for _, r := range rows {
		add(t, r)
	}
	return t.write(c.stdout, c.format)
}
