package main

import (
	"context"
	"fmt"

	"caseload/store"
)

func init() {
	register("peers", "peers [list] [--format json]", "the signing keys this database accepts packs from", runPeers)
	register("peers list", "peers list [--format json]", "the signing keys this database accepts packs from", runPeers)
	register("peers trust", "peers trust FINGERPRINT", "accept packs signed by this key (confirm it with its sender first)", runTrustPeer)
	register("peers forget", "peers forget FINGERPRINT", "stop accepting packs signed by this key", runForgetPeer)
}

func runPeers(e env, args []string) error {
	s := newSettings("peers", e).withFormat()
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
	keys, err := st.TrustedKeys(context.Background())
	if err != nil {
		return err
	}
	if s.format == "json" {
		if keys == nil {
			keys = []store.TrustedKey{}
		}
		return writeJSON(e.stdout, keys)
	}
	if len(keys) == 0 && s.format == "table" {
		fmt.Fprintln(e.stdout, "no trusted keys yet: the first pack from another replica asks for its fingerprint")
		return nil
	}
	t := &table{header: []string{"fingerprint", "replica", "id", "trusted", "last pack"}}
	for _, k := range keys {
		name, id := k.Name, k.Replica
		if id == "" {
			name = "(no pack yet)"
		}
		t.add(k.Fingerprint, name, id, k.Trusted, k.LastPack)
	}
	return t.write(e.stdout, s.format)
}

func runTrustPeer(e env, args []string) error {
	s := newSettings("peers trust", e)
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 1, "FINGERPRINT"); err != nil {
		return err
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	defer st.Close()
	fp, err := st.TrustPeer(context.Background(), pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "trusted key %s: packs signed by it are accepted\n", fp)
	return nil
}

func runForgetPeer(e env, args []string) error {
	s := newSettings("peers forget", e)
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 1, "FINGERPRINT"); err != nil {
		return err
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	defer st.Close()
	k, err := st.ForgetPeer(context.Background(), pos[0])
	if err != nil {
		return err
	}
	who := k.Name
	if who == "" {
		who = "no replica yet"
	}
	fmt.Fprintf(e.stdout, "forgot key %s (%s): packs signed by it are refused until it is trusted again\n", k.Fingerprint, who)
	return nil
}
