package caseload

import (
	"strings"
	"testing"

	"caseload/domain"
	"caseload/domain/arrangement"
	"caseload/store"
	"caseload/tui/tuitest"
)

// TestDetailSaysTheAccountInDomainWords: the account view words the UC
// state, stage, tenancy, vulnerability and live arrangement with the
// domain's functions, the same ones `caseload account show` uses.
func TestDetailSaysTheAccountInDomainWords(t *testing.T) {
	ctx := tuitest.Context(t, nil)
	today := ctx.Today
	a := store.Account{Ref: "ZZ9001", Name: "Fay Fake", Kind: domain.KindRent, Status: domain.StatusCurrent,
		TenancyType: domain.TenancySecure, Start: today.AddDays(-700), Balance: domain.MustMoney("300.00"),
		Vulnerable: true, PaymentMethod: domain.MethodUC, UCClaimant: true, ManagedPayment: domain.APARequested,
		Stage: domain.EventLetter1, StageDate: today.AddDays(-10)}
	terms := arrangement.Terms{Start: today.AddDays(-14), Frequency: arrangement.Weekly,
		Instalment: domain.MustMoney("10.00"), Arrears: domain.MustMoney("300.00")}
	status := arrangement.Status{State: arrangement.Kept, Reason: "£20.00 paid of £20.00 expected"}
	d := newDetail(a.Ref, ctx, ctx.Policy)
	msg := detailLoadedMsg{ref: a.Ref, account: a}
	msg.facts.Arrangement, msg.facts.ArrangementStatus = &terms, &status
	d.fill(msg)
	got := d.render(200)
	for _, want := range []string{
		domain.StageWords(a.Stage, a.StageDate),
		domain.UCWords(a.UCClaimant, a.ManagedPayment),
		domain.TenancyWords(a.TenancyType, a.Start, a.End),
		domain.VulnerableCaution,
		terms.Words(),
		status.Words(),
	} {
		if !strings.Contains(got, want) {
			t.Errorf("account view lacks %q:\n%s", want, got)
		}
	}
}
