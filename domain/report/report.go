package report

import (
	"fmt"

	"caseload/domain"
)

// Inputs are the facts a report is computed from, as the ledger stood at the
// cut-off (AsAt). The store fills them with set-based queries.
type Inputs struct {
	Scope  Scope
	Period Period
	Today  domain.Date
	AsAt   AsAt
	// Accounts are the scope's dwelling rent accounts (kinds rent and
	// temporary accommodation, and former-tenant accounts) that had begun
	// by the period's end; garage, leasehold and sundry accounts are left
	// out of the rent figures, as the fact sheet's definitions do.
	Accounts []Account
	// Flows are the period's ledger movements; YTDFlows the financial
	// year's to the period's end.
	Flows, YTDFlows Flows
	Arrangements    Arrangements
	// Events count the case events dated in the period, by type.
	Events map[domain.EventType]int
	RTB    RTB
	Work   Work
	// DirectDebit are the Direct Debit figures.
	DirectDebit DirectDebit
	// Late are the postings dated on or before the period's end that this
	// database received after the cut-off: left out of the figures and
	// shown as later adjustments.
	Late Late
	// Backdated are the postings this database received during the period
	// (after the end of the day before it, up to the cut-off) dated before
	// the period: adjustments to earlier, closed periods, shown here.
	// BackdatedKnown is false when the database held no ledger before the
	// period began (everything would count).
	Backdated      Late
	BackdatedKnown bool
}

// Account is one account at the period's end.
type Account struct {
	Ref string
	// Former is true for a tenancy that had ended by the period's end (an
	// end date on or before it) and for former-tenant accounts.
	Former bool
	// Balance is the balance at the end of the period's last day;
	// OpeningPeriod at the end of the day before the period, OpeningYTD
	// at the end of the day before the financial year.
	Balance, OpeningPeriod, OpeningYTD domain.Money
	// Weekly is the weekly charge in force on the period's last day;
	// ChargedWeeks the weeks with a debit in the rent year containing it.
	Weekly       domain.Money
	ChargedWeeks int
	// Technical is true when the account's arrears at the period's end are
	// only the timing of its payments (worklist.Technical on that day).
	Technical bool
	// Stage is the ladder stage reached by the period's end.
	Stage Stage
}

// AnnualDebit is the account's weekly charge over its charged weeks.
func (a Account) AnnualDebit() domain.Money { return a.Weekly.MulInt(int64(a.ChargedWeeks)) }

// Flows are ledger movements over a period, each net of its reversals.
type Flows struct {
	// Due is the rent and charges debited (type charge).
	Due domain.Money
	// Collected is the money received, as a positive sum (payments,
	// Housing Benefit, Universal Credit, DHP).
	Collected domain.Money
	// WrittenOff is the debt written off, as a positive sum.
	WrittenOff domain.Money
}

// Arrangements are the repayment arrangements of the scope.
type Arrangements struct {
	// Made are those made in the period; Live those live at its end, of
	// which Kept and Broken by their monitoring on that day (the rest are
	// not yet due).
	Made, Live, Kept, Broken int
	BrokenRefs               []string
}

// DirectDebit is how many pay by Direct Debit and how often one comes back.
type DirectDebit struct {
	// Accounts are the current accounts whose payment method is Direct
	// Debit (the account's setting as it is now: the data keeps no history
	// of it); Current all current accounts.
	Accounts, Current int
	// Payments are the Direct Debit payments dated in the period (those
	// later reversed included: each was presented).
	Payments int
}

// RTB are the Right to Buy claims of the scope.
type RTB struct {
	// Open claims at the period's end; Missed those with a council
	// deadline that had passed by then without the notice.
	Open, Missed int
	MissedRefs   []string
}

// Work is worklist throughput, as far as the data records it.
type Work struct {
	// Done are the worklist items marked done on a day in the period,
	// Undone those marked and then undone (the data keeps only marks that
	// stand, so this is zero unless recorded).
	Done int
	// OpenNow is the number of accounts on today's worklist with an item
	// to do; OpenKnown is true only for a period containing today (the
	// worklist is computed each day, not kept).
	OpenNow   int
	OpenKnown bool
}

// AsAt says how the ledger was cut.
type AsAt struct {
	// LedgerRow is the last ledger row counted (rows are numbered in the
	// order this database received them); 0 means every row.
	LedgerRow int64
	// Words say where the cut came from.
	Words string
}

// Late are postings left out because they arrived after the cut-off.
type Late struct {
	Count  int
	Amount domain.Money
	// Rows are the postings (at most 50, the latest first).
	Rows []LatePosting
}

// LatePosting is one posting dated in or before the period that arrived
// after its cut-off.
type LatePosting struct {
	Ref    string         `json:"ref"`
	Date   domain.Date    `json:"date"`
	Type   domain.TxnType `json:"type"`
	Amount domain.Money   `json:"amount"`
}

// Report is a computed report: its tables of measures.
type Report struct {
	Scope  Scope
	Period Period
	YTD    Period
	Today  domain.Date
	AsAt   AsAt
	Tables []Table
	Late   Late
	// Snapshot is what was kept when the period was first reported after
	// it closed, and how today's figures differ (nil when none).
	Snapshot *Comparison
}

// Table returns the table with the key.
func (r Report) Table(key string) (Table, bool) {
	for _, t := range r.Tables {
		if t.Key == key {
			return t, true
		}
	}
	return Table{}, false
}

// Measure finds a measure by key in any table.
func (r Report) Measure(key string) (Measure, bool) {
	for _, t := range r.Tables {
		if m, ok := t.Find(key); ok {
			return m, true
		}
	}
	return Measure{}, false
}

// Figures are the report's values by measure key: what a snapshot keeps.
// The ledger adjustments are left out: they count what arrives after the
// cut-off, which grows on every re-run by design.
func (r Report) Figures() map[string]string {
	out := map[string]string{}
	for _, t := range r.Tables {
		if t.Key == "adjustments" {
			continue
		}
		for _, m := range t.Measures {
			out[m.Key] = m.Value()
		}
	}
	return out
}

// The band edges in weeks of the weekly charge: under 1, 1–4, 4–8, 8–13, 13+.
var bands = []struct {
	key, label string
	lo, hi     int64 // weeks; hi 0 = no upper edge
}{
	{"under-1", "under 1 week", 0, 1},
	{"1-4", "1 to under 4 weeks", 1, 4},
	{"4-8", "4 to under 8 weeks", 4, 8},
	{"8-13", "8 to under 13 weeks", 8, 13},
	{"13-plus", "13 weeks or more", 13, 0},
}

// band is the index of the band of an account in arrears (-1: no weekly
// charge, so no weeks).
func band(balance, weekly domain.Money) int {
	if !weekly.IsPositive() {
		return -1
	}
	b, w := balance.PenceValue(), weekly.PenceValue()
	for i, bd := range bands {
		if bd.hi == 0 || b < bd.hi*w {
			return i
		}
	}
	return len(bands) - 1
}

// Compute turns the inputs into the report's tables.
func Compute(in Inputs) Report {
	r := Report{Scope: in.Scope, Period: in.Period, YTD: in.Period.YearToDate(), Today: in.Today, AsAt: in.AsAt, Late: in.Late}
	r.Tables = append(r.Tables, collection(in, r.YTD), arrears(in), arrearsBands(in), former(in),
		arrangementsTable(in), enforcement(in), directDebit(in), rtbTable(in), work(in), adjustments(in))
	return r
}

const (
	dueWords       = "Σ charges (type charge) dated in the period, net of their reversals"
	collectedWords = "Σ payments, Housing Benefit, Universal Credit and DHP dated in the period, net of their reversals"
	scopeWords     = "rent and temporary accommodation accounts of the scope (garage, leasehold and sundry accounts excluded)"
)

func collection(in Inputs, ytd Period) Table {
	var bfP, bfY domain.Money
	for _, a := range in.Accounts {
		if a.Former {
			continue
		}
		if a.OpeningPeriod.IsPositive() {
			bfP = bfP.Add(a.OpeningPeriod)
		}
		if a.OpeningYTD.IsPositive() {
			bfY = bfY.Add(a.OpeningYTD)
		}
	}
	t := Table{Key: "collection", Title: "Rent due and collected"}
	add := func(prefix, when string, f Flows, bf domain.Money, bfDay string) {
		t.Measures = append(t.Measures,
			money(prefix+".due", "Rent due "+when, f.Due, dueWords+"; "+scopeWords),
			money(prefix+".collected", "Rent collected "+when, f.Collected, collectedWords),
			percent(prefix+".rate", "Collection rate "+when+" (excluding arrears b/f)", f.Collected, f.Due,
				"collected ÷ due × 100"),
			money(prefix+".arrears-bf", "Arrears brought forward "+when, bf,
				"Σ positive balances of current accounts at the end of "+bfDay),
			percent(prefix+".rate-with-bf", "Collection rate "+when+" (including arrears b/f)", f.Collected, f.Due.Add(bf),
				"collected ÷ (due + arrears brought forward) × 100"),
		)
	}
	add("period", "in the period", in.Flows, bfP, in.Period.From.AddDays(-1).Human())
	add("ytd", "year to date", in.YTDFlows, bfY, ytd.From.AddDays(-1).Human()+" (the financial year starts on 1 April)")
	return t
}

func arrears(in Inputs) Table {
	var all, ex, debit domain.Money
	var nAll, nEx int
	var refsAll, refsEx, refsTech []string
	for _, a := range in.Accounts {
		if a.Former {
			continue
		}
		debit = debit.Add(a.AnnualDebit())
		if !a.Balance.IsPositive() {
			continue
		}
		all, nAll, refsAll = all.Add(a.Balance), nAll+1, append(refsAll, a.Ref)
		if a.Technical {
			refsTech = append(refsTech, a.Ref)
			continue
		}
		ex, nEx, refsEx = ex.Add(a.Balance), nEx+1, append(refsEx, a.Ref)
	}
	const annual = "Σ over current accounts of the weekly charge on the period's last day × the charged weeks of its rent year"
	techWords := "an account's arrears are technical when its next expected payment (learned from its own payments) is not overdue by more than 7 days and would bring it under one week's charge (RULES.md), judged on the period's last day"
	m := []Measure{
		money("arrears.annual-debit", "Annual rent debit", debit, annual),
		money("arrears.total", "Current tenant arrears (including technical)", all,
			"Σ positive balances of current accounts at the end of the period's last day"),
		count("arrears.accounts", "Accounts in arrears (including technical)", nAll, "current accounts with a balance > £0.00"),
		percent("arrears.pct-debit", "Current tenant arrears as % of annual debit (including technical)", all, debit,
			"current tenant arrears ÷ annual rent debit × 100"),
		money("arrears.total-ex-technical", "Current tenant arrears (excluding technical)", ex,
			"Σ positive balances of current accounts whose arrears are not technical; "+techWords),
		count("arrears.accounts-ex-technical", "Accounts in arrears (excluding technical)", nEx, "current accounts in arrears that are not technical"),
		percent("arrears.pct-debit-ex-technical", "Current tenant arrears as % of annual debit (excluding technical)", ex, debit,
			"arrears excluding technical ÷ annual rent debit × 100"),
		money("arrears.technical", "Technical arrears (the difference)", all.Sub(ex),
			"arrears including technical − arrears excluding technical"),
		count("arrears.technical-accounts", "Accounts in technical arrears only", nAll-nEx, "accounts in arrears − accounts in arrears excluding technical"),
	}
	m[1].Accounts, m[2].Accounts, m[4].Accounts, m[5].Accounts = refsAll, refsAll, refsEx, refsEx
	m[7].Accounts, m[8].Accounts = refsTech, refsTech
	m[3].Note = "Fact sheet §5 (HouseMark, unconfirmed): denominator = annual gross rent debit; the formula used is stated"
	return Table{Key: "arrears", Title: "Current tenant arrears", Measures: m}
}

func arrearsBands(in Inputs) Table {
	all := make([][]string, len(bands))
	ex := make([][]string, len(bands))
	var noWeekly []string
	for _, a := range in.Accounts {
		if a.Former || !a.Balance.IsPositive() {
			continue
		}
		i := band(a.Balance, a.Weekly)
		if i < 0 {
			noWeekly = append(noWeekly, a.Ref)
			continue
		}
		all[i] = append(all[i], a.Ref)
		if !a.Technical {
			ex[i] = append(ex[i], a.Ref)
		}
	}
	t := Table{Key: "bands", Title: "Accounts in arrears by weeks of the weekly charge"}
	for i, bd := range bands {
		f := fmt.Sprintf("current accounts in arrears with balance ÷ weekly charge %s", bd.label)
		a := count("bands."+bd.key, "Arrears "+bd.label+" (including technical)", len(all[i]), f)
		b := count("bands."+bd.key+"-ex-technical", "Arrears "+bd.label+" (excluding technical)", len(ex[i]), f+", not technical")
		d := count("bands."+bd.key+"-difference", "Arrears "+bd.label+": technical (the difference)", len(all[i])-len(ex[i]), "including − excluding technical")
		a.Accounts, b.Accounts = all[i], ex[i]
		t.Measures = append(t.Measures, a, b, d)
	}
	nw := count("bands.no-weekly-charge", "In arrears with no weekly charge", len(noWeekly), "current accounts in arrears whose weekly charge is £0.00 (no weeks to count)")
	nw.Accounts = noWeekly
	t.Measures = append(t.Measures, nw)
	return t
}

func former(in Inputs) Table {
	var owed, credit, debit domain.Money
	var nOwed, nCredit int
	var refsOwed, refsCredit []string
	for _, a := range in.Accounts {
		if !a.Former {
			debit = debit.Add(a.AnnualDebit())
		}
		switch {
		case a.Former && a.Balance.IsPositive():
			owed, nOwed, refsOwed = owed.Add(a.Balance), nOwed+1, append(refsOwed, a.Ref)
		case a.Balance.IsNegative():
			credit, nCredit, refsCredit = credit.Add(a.Balance.Neg()), nCredit+1, append(refsCredit, a.Ref)
		}
	}
	m := []Measure{
		money("former.total", "Former tenant arrears", owed, "Σ positive balances of former accounts (tenancy ended on or before the period's last day, or kind former-tenant)"),
		count("former.accounts", "Former tenant accounts owing", nOwed, "former accounts with a balance > £0.00"),
		percent("former.pct-debit", "Former tenant arrears as % of annual debit", owed, debit, "former tenant arrears ÷ annual rent debit of current accounts × 100"),
		money("writeoffs.period", "Written off in the period", in.Flows.WrittenOff, "−Σ write-offs dated in the period, net of their reversals"),
		money("writeoffs.ytd", "Written off year to date", in.YTDFlows.WrittenOff, "−Σ write-offs dated in the financial year to the period's end, net of their reversals"),
		percent("writeoffs.pct-debit", "Written off year to date as % of annual debit", in.YTDFlows.WrittenOff, debit, "write-offs year to date ÷ annual rent debit × 100"),
		money("credits.total", "Credits owed to residents", credit, "Σ −balance of accounts in credit (current and former) at the period's end"),
		count("credits.accounts", "Accounts in credit", nCredit, "accounts with a balance < £0.00"),
	}
	m[0].Accounts, m[1].Accounts, m[6].Accounts, m[7].Accounts = refsOwed, refsOwed, refsCredit, refsCredit
	m[2].Note = "Fact sheet §5 (Gateshead, HouseMark unconfirmed): denominator = annual rent debit; the formula used is stated"
	m[5].Note = m[2].Note
	return Table{Key: "former", Title: "Former tenant arrears, write-offs and credits", Measures: m}
}

func arrangementsTable(in Inputs) Table {
	a := in.Arrangements
	m := []Measure{
		count("arrangements.made", "Arrangements made in the period", a.Made, "arrangements whose made-on date is in the period"),
		count("arrangements.live", "Arrangements live at the period's end", a.Live, "arrangements started on or before the period's last day and not cancelled by then"),
		count("arrangements.kept", "Live arrangements kept", a.Kept, "live arrangements kept at the period's end: payments received ≥ expected − one instalment, checked 7 days after each due date (RULES.md)"),
		count("arrangements.broken", "Live arrangements broken", a.Broken, "live arrangements not kept at the period's end (RULES.md monitoring)"),
		percentOf("arrangements.kept-rate", "Kept rate", a.Kept, a.Kept+a.Broken, "kept ÷ (kept + broken) × 100; arrangements not yet due are left out"),
	}
	m[3].Accounts = a.BrokenRefs
	return Table{Key: "arrangements", Title: "Repayment arrangements", Measures: m}
}

func enforcement(in Inputs) Table {
	byStage := make([][]string, len(Stages))
	for _, a := range in.Accounts {
		if a.Former {
			continue
		}
		byStage[a.Stage] = append(byStage[a.Stage], a.Ref)
	}
	t := Table{Key: "enforcement", Title: "Cases at each ladder stage and enforcement in the period"}
	for _, s := range Stages {
		m := count("stage."+s.Key(), "At stage: "+s.Label(), len(byStage[s]),
			"current accounts whose highest ladder step since the last stage-reset, on or before the period's last day, is "+s.Label())
		m.Accounts = byStage[s]
		t.Measures = append(t.Measures, m)
	}
	ev := func(key, label string, types ...domain.EventType) {
		n := 0
		for _, ty := range types {
			n += in.Events[ty]
		}
		words := ""
		for i, ty := range types {
			if i > 0 {
				words += ", "
			}
			words += string(ty)
		}
		t.Measures = append(t.Measures, count(key, label, n, "events dated in the period of type "+words))
	}
	for _, e := range EventMeasures {
		ev(e.Key, e.Label, e.Types...)
	}
	return t
}

func rtbTable(in Inputs) Table {
	m := []Measure{
		count("rtb.open", "Right to Buy claims open", in.RTB.Open, "claims received on or before the period's last day and not completed, withdrawn or denied by then"),
		count("rtb.missed", "Statutory deadlines missed", in.RTB.Missed, "open claims whose council deadline (RTB2, s125) had passed by the period's last day without the notice served"),
	}
	m[1].Accounts = in.RTB.MissedRefs
	return Table{Key: "rtb", Title: "Right to Buy", Measures: m}
}

func work(in Inputs) Table {
	m := []Measure{
		count("worklist.done", "Worklist items done", in.Work.Done, "items marked done (d) on a day in the period; the data keeps marks that stand (an undone mark is removed) and items raised are not kept (the worklist is computed each day), so neither is counted"),
	}
	if in.Work.OpenKnown {
		m = append(m, count("worklist.open", "Worklist cases open today", in.Work.OpenNow, "accounts on today's worklist with an item to do, under the default policy (RULES.md)"))
	}
	return Table{Key: "worklist", Title: "Worklist throughput", Measures: m}
}

func adjustments(in Inputs) Table {
	m := []Measure{
		count("adjustments.late", "Postings left out: received after the cut-off", in.Late.Count,
			"postings dated on or before the period's last day that this database received after the report's cut-off (later adjustments)"),
		money("adjustments.late-amount", "Their net amount (ledger sign)", in.Late.Amount, "Σ amount of those postings (debits +, credits −)"),
	}
	if in.BackdatedKnown {
		m = append(m,
			count("adjustments.backdated", "Back-dated postings received in the period", in.Backdated.Count,
				"postings dated before the period's first day that this database received during the period, up to the cut-off: adjustments to closed periods"),
			money("adjustments.backdated-amount", "Their net amount (ledger sign)", in.Backdated.Amount, "Σ amount of those postings (debits +, credits −)"))
	}
	return Table{Key: "adjustments", Title: "Ledger adjustments", Measures: m}
}

func directDebit(in Inputs) Table {
	dd, unpaid := in.DirectDebit, in.Events[domain.EventDDUnpaid]
	m := []Measure{
		count("dd.accounts", "Current accounts paying by Direct Debit", dd.Accounts, "current accounts whose payment method is Direct Debit (today's setting)"),
		percentOf("dd.share", "Direct Debit share", dd.Accounts, dd.Current, "Direct Debit accounts ÷ current accounts × 100"),
		count("dd.payments", "Direct Debit payments in the period", dd.Payments, "payments by Direct Debit dated in the period, reversed ones included"),
		count("dd.unpaid", "Direct Debits returned unpaid in the period", unpaid, "dd-unpaid events (ARUDD returns) dated in the period"),
		percentOf("dd.unpaid-rate", "Unpaid rate", unpaid, dd.Payments, "unpaid returns ÷ Direct Debit payments in the period × 100"),
	}
	m[1].Note = "Not defined in the fact sheet (§5): the formula used is stated"
	m[4].Note = m[1].Note
	return Table{Key: "directdebit", Title: "Direct Debit", Measures: m}
}
