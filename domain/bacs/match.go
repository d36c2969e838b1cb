package bacs

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"caseload/domain"
)

// Fingerprint identifies a file by its content, so a file imported twice is
// recognised whatever it is called.
func Fingerprint(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// Collection is a collection the council sent, as the store keeps it.
type Collection struct {
	Reference      string
	Amount         domain.Money
	ProcessingDate domain.Date // the UHL1 date of the file it went in (Bacs day 2)
	CollectionDate domain.Date // the day the payer is debited (Bacs day 3)
}

// ReturnMatch pairs a returned debit with the collection it unpays: Index
// into the collections given, or -1 with the reason it could not be matched
// (the item then goes to the exceptions list; none is dropped).
type ReturnMatch struct {
	Return ReturnedDebit
	Index  int
	Why    string
}

// MatchReturns matches each returned debit to exactly one sent collection by
// reference (the item's, else its PayerAccount's), amount and date (the ARUDD's original processing date may be
// either the file's processing date or the collection date). A collection is
// unpaid at most once; a return that fits none, or more than one, is
// unmatched with the reason.
func MatchReturns(returns []ReturnedDebit, sent []Collection) []ReturnMatch {
	byRef := map[string][]int{}
	for i, c := range sent {
		k := strings.ToUpper(strings.TrimSpace(c.Reference))
		byRef[k] = append(byRef[k], i)
	}
	used := map[int]bool{}
	out := make([]ReturnMatch, 0, len(returns))
	for _, r := range returns {
		m := ReturnMatch{Return: r, Index: -1}
		cands := byRef[strings.ToUpper(strings.TrimSpace(r.Reference))]
		if len(cands) == 0 && r.PayerReference != "" {
			// Some banks put a suffix on the item's ref ("X01234-1") and
			// the instruction's reference on PayerAccount/@ref.
			cands = byRef[strings.ToUpper(strings.TrimSpace(r.PayerReference))]
		}
		var hits []int
		amountSeen := false
		for _, i := range cands {
			c := sent[i]
			if !c.Amount.Equal(r.Amount) {
				continue
			}
			amountSeen = true
			if c.ProcessingDate.Equal(r.OriginalProcessingDate) || c.CollectionDate.Equal(r.OriginalProcessingDate) {
				hits = append(hits, i)
			}
		}
		switch {
		case len(cands) == 0:
			m.Why = fmt.Sprintf("no collection was sent with reference %s", r.Reference)
		case !amountSeen:
			m.Why = fmt.Sprintf("reference %s was collected, but never for £%s", r.Reference, r.Amount)
		case len(hits) == 0:
			m.Why = fmt.Sprintf("reference %s for £%s was not collected on %s", r.Reference, r.Amount, r.OriginalProcessingDate)
		case len(hits) > 1:
			m.Why = fmt.Sprintf("reference %s for £%s on %s fits %d collections", r.Reference, r.Amount, r.OriginalProcessingDate, len(hits))
		case used[hits[0]]:
			m.Why = fmt.Sprintf("the collection %s for £%s on %s is returned twice in this file", r.Reference, r.Amount, r.OriginalProcessingDate)
		default:
			m.Index = hits[0]
			used[hits[0]] = true
		}
		out = append(out, m)
	}
	return out
}
