package main

import (
	"fmt"
	"strings"

	"caseload/domain"
	"caseload/store"
)

func init() {
	kit{name: "account show", usage: "account show REF", help: "one account: details, balance, arrears, charges, stage", format: true, today: true, ref: true}.define(runAccountShow)
	kit{name: "account set", usage: "account set REF FIELD=VALUE ...", help: "edit an account's fields", variadic: true}.define(runAccountSet)
	kit{name: "ledger", usage: "ledger REF", help: "the account's transactions with running balance", format: true, store: true}.define(runLedger)
}

// accountJSON is `caseload account show --format json` (CLI.md fields first).
type accountJSON struct {
	Ref             string       `json:"ref"`
	Kind            string       `json:"kind"`
	Status          string       `json:"status"`
	Name            string       `json:"name"`
	Balance         domain.Money `json:"balance"`
	WeeklyCharge    domain.Money `json:"weekly_charge"`
	ArrearsWeeks    *string      `json:"arrears_weeks"`
	LastPaymentDate *domain.Date `json:"last_payment_date"`
	Stage           string       `json:"stage"`
	StageDate       *domain.Date `json:"stage_date"`
	TenancyType     string       `json:"tenancy_type"`
	Address         string       `json:"address"`
	Postcode        string       `json:"postcode"`
	PropertyType    string       `json:"property_type"`
	Phone           string       `json:"phone"`
	Email           string       `json:"email"`
	Vulnerable      bool         `json:"vulnerable"`
	Officer         string       `json:"officer"`
	StartDate       domain.Date  `json:"start_date"`
	EndDate         *domain.Date `json:"end_date"`
	RentFreeWeeks   int          `json:"rent_free_weeks"`
	PaymentMethod   string       `json:"payment_method"`
	UCClaimant      bool         `json:"uc_claimant"`
	ManagedPayment  string       `json:"managed_payment"`
	PausedUntil     *domain.Date `json:"paused_until"`
	Charges         []chargeJSON `json:"charges"`
	// Arrangement is the live repayment arrangement with its monitored
	// state (as `arrangement show` gives it, without the checks), or null.
	Arrangement *arrangementJSON `json:"arrangement"`
}

type chargeJSON struct {
	Component string       `json:"component"`
	Weekly    domain.Money `json:"weekly"`
	From      domain.Date  `json:"from"`
}

func datePtr(d domain.Date) *domain.Date {
	if d.IsZero() {
		return nil
	}
	return &d
}

// arrearsWeeks is CLI.md's arrears_weeks: two decimals, "0.00" when not in
// arrears, nil when the weekly charge is zero.
func arrearsWeeks(balance, weekly domain.Money) *string {
	w, ok := domain.ArrearsWeeks(balance, weekly)
	if !ok {
		return nil
	}
	s := w.Hundredths()
	return &s
}

func stageName(a store.Account) string {
	if a.Stage == "" {
		return "none"
	}
	return string(a.Stage)
}

func runAccountShow(c *call) error {
	a := c.account
	policy, err := loadPolicy(c.settings, "")
	if err != nil {
		return err
	}
	live, hasLive, err := c.st.LiveArrangement(c.ctx, a.Ref, c.today, policy.ArrangementGraceDays)
	if err != nil {
		return err
	}
	weekly := a.WeeklyCharge(c.today)
	j := accountJSON{
		Ref: a.Ref, Kind: string(a.Kind), Status: string(a.Status), Name: a.Name, Balance: a.Balance,
		WeeklyCharge: weekly, ArrearsWeeks: arrearsWeeks(a.Balance, weekly), LastPaymentDate: datePtr(a.LastPayment),
		Stage: stageName(a), StageDate: datePtr(a.StageDate), TenancyType: string(a.TenancyType), Address: a.Address,
		Postcode: a.Postcode, PropertyType: string(a.PropertyType), Phone: a.Phone, Email: a.Email,
		Vulnerable: a.Vulnerable, Officer: a.Officer, StartDate: a.Start, EndDate: datePtr(a.End),
		RentFreeWeeks: a.RentFreeWeeks, PaymentMethod: string(a.PaymentMethod), UCClaimant: a.UCClaimant,
		ManagedPayment: string(a.ManagedPayment), PausedUntil: datePtr(a.PausedUntil), Charges: []chargeJSON{},
	}
	for _, c := range domain.ChargesOn(a.Charges, c.today) {
		j.Charges = append(j.Charges, chargeJSON{c.Component, c.Weekly, c.From})
	}
	if hasLive {
		aj := toArrangementJSON(live)
		aj.Checks = nil // `arrangement show` lists them
		j.Arrangement = &aj
	}
	switch c.format {
	case "json":
		return writeJSON(c.stdout, j)
	case "csv":
		t := &table{header: []string{"ref", "kind", "status", "name", "balance", "weekly_charge", "arrears_weeks", "last_payment_date", "stage", "arrangement"}}
		arr := ""
		if hasLive {
			arr = live.LiveWords()
		}
		t.add(j.Ref, j.Kind, j.Status, j.Name, j.Balance.String(), j.WeeklyCharge.String(), deref(j.ArrearsWeeks), a.LastPayment.String(), j.Stage, arr)
		return t.write(c.stdout, "csv")
	}
	weeks := "—"
	if w, ok := domain.ArrearsWeeks(a.Balance, weekly); ok {
		weeks = w.Words() // one decimal for the officer; JSON keeps two
	}
	vulnerable := "no"
	if a.Vulnerable {
		vulnerable = "YES — " + domain.VulnerableCaution
	}
	arrangementLine := "none"
	if hasLive {
		arrangementLine = live.LiveWords()
	}
	pairs := [][2]string{
		{"Account", a.Ref + "  " + a.Kind.Label() + " (" + string(a.Status) + ")"},
		{"Name", a.Name},
		{"Address", strings.TrimSpace(a.Address + "  " + a.Postcode)},
		{"Phone / email", strings.Trim(a.Phone+" / "+a.Email, " /")},
		{"Vulnerable", vulnerable},
		{"Tenancy", domain.TenancyWords(a.TenancyType, a.Start, a.End)},
		{"Balance", a.Balance.Balance()},
		{"Weekly charge", weekly.Human()},
		{"Arrears", weeks},
		{"Last payment", a.LastPayment.Human()},
		{"Pays by", paysBy(a)},
		{"Stage", domain.StageWords(a.Stage, a.StageDate)},
		{"Arrangement", arrangementLine},
		{"Officer", a.Officer},
	}
	for _, c := range j.Charges {
		pairs = append(pairs, [2]string{"  " + domain.ComponentLabel(c.Component), c.Weekly.Human() + " a week from " + c.From.Human()})
	}
	if !a.PausedUntil.IsZero() && a.PausedUntil.After(c.today) {
		pairs = append(pairs, [2]string{"Paused", "until " + a.PausedUntil.Human() + ": " + a.PauseReason})
	}
	fields(c.stdout, pairs)
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// paysBy is the payment method with the UC state in brackets: "Universal
// Credit (UC claimant, managed payment in place)".
func paysBy(a store.Account) string {
	if uc := domain.UCWords(a.UCClaimant, a.ManagedPayment); uc != "" {
		return a.PaymentMethod.Label() + " (" + uc + ")"
	}
	return a.PaymentMethod.Label()
}

func runAccountSet(c *call) error {
	if len(c.pos) < 2 {
		return c.want(c.pos, 2, "REF and FIELD=VALUE")
	}
	edits := map[string]string{}
	for _, kv := range c.pos[1:] {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return usagef("caseload account set: %q is not FIELD=VALUE", kv)
		}
		edits[k] = v
	}
	if err := c.open(); err != nil {
		return err
	}
	if err := c.st.SetAccountFields(c.ctx, c.pos[0], edits); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "%s: %d field(s) set\n", c.pos[0], len(edits))
	return nil
}

func runLedger(c *call) error {
	lines, err := c.st.Ledger(c.ctx, c.pos[0])
	if err != nil {
		return err
	}
	t := &table{header: []string{"id", "date", "type", "amount", "balance", "method", "reference"}, right: map[int]bool{3: true, 4: true}}
	return writeRows(c, lines, "", t, func(t *table, l store.LedgerLine) {
		ref := l.Reference
		if l.ReversedBy != "" {
			ref = strings.TrimSpace(ref + " (reversed by " + l.ReversedBy + ")")
		}
		if c.format == "csv" {
			t.add(l.ID, l.Date.String(), string(l.Type), l.Amount.String(), l.Balance.String(), l.Method, l.Reference)
		} else {
			t.add(l.ID, l.Date.String(), l.Type.Label(), l.Amount.Human(), l.Balance.Balance(), domain.PaymentMethod(l.Method).Label(), ref)
		}
	})
}
