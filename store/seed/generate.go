package seed

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"caseload/domain"
	"caseload/domain/worklist"
	"caseload/store"
)

// Package seed makes a synthetic caseload: the demo an officer first sees
// (`caseload demo`) and the volumes the benchmarks need (`caseload seed`).
// The generator (NewPlan, Plan.Account) is pure and deterministic: it
// returns plain values and touches no database. Write writes them through
// the store's batch API (store.Batch), naming the officer on each call.
//
// Every account is built from a scenario — a Direct Debit payer, a Universal
// Credit claimant in technical arrears, a tenant sliding into arrears, a
// broken arrangement, a NOSP about to lapse, a Right to Buy claim whose RTB2
// is overdue — so that, with Casework, every rule of the default worklist
// policy (RULES.md) fires on a few accounts of the first officer's patch on
// Today, while the regular UC and HB payers in technical arrears stay off it.
//
// How a scenario lands on its figures: the weekly debits and the payments
// are generated first, then the opening balance (brought forward at the start
// of the history) is solved so that the balance on a chosen day is exactly
// the scenario's target ("owes 2.6 weeks today", "clear just after the last
// UC payment"). Generating forwards and solving for the opening balance keeps
// every ledger internally consistent while still landing each account where
// the worklist rule needs it.

// Options say what the seed makes.
type Options struct {
	// Accounts is how many accounts to write (default 600, the demo; the
	// benchmarks use 30,000).
	Accounts int
	// Years is how many years of ledger history end on Today (default 2).
	Years int
	// Seed makes the content deterministic: the same seed and options write
	// the same accounts, names, charges, ledgers and casework. Ids differ
	// between databases because they name the replica that wrote them.
	Seed int64
	// Today is the last day of the history. Nothing is dated after it except
	// what is set for later on purpose: diary follow-ups and pauses.
	Today domain.Date
	// Officers are the patches (default asmith, bkhan, cjones). The first
	// officer's patch is twice the size of each other one and, with
	// Casework, holds a few accounts for every worklist rule.
	Officers []string
	// PatchSize, when above 0, makes the patches equal instead, and, when
	// Officers is empty, spreads the accounts over as many patches of
	// about PatchSize accounts as they fill (a council's patches hold
	// 300–1,000 accounts), named by PatchOfficers.
	PatchSize int
	// Casework adds what officers record: notes, case events on the arrears
	// ladder, diary follow-ups, arrangements, pauses, unpaid Direct Debits,
	// managed payments and Right to Buy claims. Without it only accounts,
	// charges and ledgers are written.
	Casework bool
}

// Summary says what Write wrote.
type Summary struct {
	// Events counts case events; a Right to Buy claim's steps count with
	// the claim in RTBCases.
	Accounts, Transactions, Notes, Events, Arrangements, RTBCases int
	// Patches is how many officers' patches the accounts were spread over.
	Patches int
	// InArrears counts current accounts owing money on Today (balance > 0),
	// technical arrears included.
	InArrears int
	// Profiles counts accounts by payment profile: "dd-weekly",
	// "dd-monthly", "standing-order", "cash-card", "uc", "uc-self", "hb",
	// "credit", "sliding", "heavy", "arrangement", "former-none",
	// "former-sporadic", "former-credit", "sundry"; accounts that received
	// Discretionary Housing Payments also count under "dhp".
	Profiles map[string]int
}

// DefaultOfficers are the patches of the demo.
var DefaultOfficers = []string{"asmith", "bkhan", "cjones"}

// DefaultPatchSize is `caseload seed`'s patch: about this many accounts
// an officer.
const DefaultPatchSize = 600

// PatchOfficers names the officers of accounts spread in patches of about
// patchSize: the demo's officers first, then login names made from the
// borough's surnames, all different.
func PatchOfficers(accounts, patchSize int) []string {
	k := 1
	if patchSize > 0 {
		k = max(1, (accounts+patchSize/2)/patchSize)
	}
	out := make([]string, 0, k)
	seen := map[string]bool{}
	for i := 0; len(out) < k; i++ {
		var name string
		if i < len(DefaultOfficers) {
			name = DefaultOfficers[i]
		} else {
			surname := strings.Map(func(r rune) rune {
				if r >= 'a' && r <= 'z' {
					return r
				}
				return -1
			}, strings.ToLower(seedSurnames[(i*7)%len(seedSurnames)]))
			name = string(rune('a'+i%26)) + surname
			if round := i / (26 * len(seedSurnames)); round > 0 {
				name += strconv.Itoa(round + 1)
			}
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

const (
	// seedBatch is how many accounts one write transaction holds: large
	// enough to amortise the commit, small enough that 30,000 accounts with
	// five years of history stay memory-bounded.
	seedBatch = 250
	// seedStream is the PCG stream constant of the plan; each account draws
	// from its own stream so that its content does not depend on the batch
	// size or on the accounts before it.
	seedStream uint64 = 0xca5e_10ad_5eed_0001
	// seedMaxAccounts keeps a mistyped --accounts from filling the disk.
	seedMaxAccounts = 500_000
)

func (o Options) withDefaults() (Options, error) {
	if o.Accounts == 0 {
		o.Accounts = 600
	}
	if o.Accounts < 0 || o.Accounts > seedMaxAccounts {
		return o, domain.Invalid("accounts", "%d is outside 1–%d", o.Accounts, seedMaxAccounts)
	}
	if o.Years == 0 {
		o.Years = 2
	}
	if o.Years < 1 || o.Years > 10 {
		return o, domain.Invalid("years", "%d is outside 1–10", o.Years)
	}
	if o.Today.IsZero() {
		return o, domain.Invalid("today", "give the day the history ends on")
	}
	if o.PatchSize < 0 || o.PatchSize > seedMaxAccounts {
		return o, domain.Invalid("patch-size", "%d is outside 0–%d", o.PatchSize, seedMaxAccounts)
	}
	// Tenancies begin up to 45 years before the history, and dates exist
	// from 1900 to 2999.
	if y := o.Today.Year(); y < 1970 || y > 2990 {
		return o, domain.Invalid("today", "%s is outside the years 1970–2990", o.Today)
	}
	var officers []string
	seen := map[string]bool{}
	for _, name := range o.Officers {
		name = strings.TrimSpace(name)
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		officers = append(officers, name)
	}
	if len(officers) == 0 && o.PatchSize > 0 {
		officers = PatchOfficers(o.Accounts, o.PatchSize)
	}
	if len(officers) == 0 {
		officers = append(officers, DefaultOfficers...)
	}
	o.Officers = officers
	return o, nil
}

// ---- the plan ----

// seedScenario is one kind of account the seed writes and how often.
type seedScenario struct {
	name string
	// profile is the payment profile it is counted under (a builder may
	// refine it, e.g. a garage paying by Direct Debit or by card).
	profile string
	// weight is its share of a patch, per thousand accounts or so.
	weight int
	// demoMin is how many the first officer's demo patch holds at least:
	// the scenarios that make a worklist rule fire.
	demoMin int
	build   func(g *acctGen)
}

// seedScenarios are every scenario. The quiet ones come first; the ones
// below them make the worklist.
var seedScenarios = []seedScenario{
	{"dd-weekly", "dd-weekly", 230, 0, (*acctGen).ddWeekly},
	{"dd-monthly", "dd-monthly", 140, 0, (*acctGen).ddMonthly},
	{"standing-order", "standing-order", 45, 0, (*acctGen).standingOrder},
	{"cash-card", "cash-card", 75, 0, (*acctGen).cashCard},
	{"uc", "uc", 95, 0, (*acctGen).universalCredit},
	{"uc-self", "uc-self", 20, 0, (*acctGen).ucSelf},
	{"hb", "hb", 40, 0, (*acctGen).housingBenefit},
	{"credit", "credit", 20, 0, (*acctGen).creditSmall},
	{"garage", "dd-monthly", 40, 0, (*acctGen).garage},
	{"leasehold", "dd-monthly", 38, 0, (*acctGen).leasehold},
	{"temporary", "hb", 30, 0, (*acctGen).temporary},
	{"former-paying", "former-sporadic", 12, 1, (*acctGen).formerPaying},

	{"credit-refund", "credit", 6, 3, (*acctGen).creditLarge},
	{"new-arrears", "sliding", 10, 3, (*acctGen).newArrears},
	{"first-letter", "sliding", 10, 3, (*acctGen).firstLetter},
	{"pre-action", "sliding", 8, 3, (*acctGen).preAction},
	{"consider-nosp", "heavy", 8, 3, (*acctGen).considerNOSP},
	{"nosp-served", "heavy", 5, 1, (*acctGen).nospServed},
	{"nosp-expiring", "heavy", 3, 3, (*acctGen).nospExpiring},
	{"court-breach", "heavy", 3, 3, (*acctGen).courtBreach},
	{"court-kept", "arrangement", 2, 1, (*acctGen).courtKept},
	{"arrangement-kept", "arrangement", 18, 3, (*acctGen).arrangementKept},
	{"arrangement-broken", "arrangement", 8, 3, (*acctGen).arrangementBroken},
	{"arrangement-completed", "arrangement", 2, 1, (*acctGen).arrangementCompleted},
	{"dd-unpaid", "dd-weekly", 6, 3, (*acctGen).ddUnpaid},
	{"dd-notice-late", "dd-monthly", 0, 3, (*acctGen).ddNoticeLate},
	{"uc-arrears", "uc-self", 6, 3, (*acctGen).ucArrears},
	{"uc-apa-requested", "uc-self", 3, 1, (*acctGen).ucAPARequested},
	{"vulnerable-arrears", "sliding", 5, 3, (*acctGen).vulnerableArrears},
	{"paused", "sliding", 4, 3, (*acctGen).paused},
	{"garage-arrears", "sliding", 4, 1, (*acctGen).garageArrears},
	{"leasehold-arrears", "sliding", 3, 1, (*acctGen).leaseholdArrears},
	{"temporary-arrears", "sliding", 5, 1, (*acctGen).temporaryArrears},
	{"former-debt", "former-none", 14, 3, (*acctGen).formerDebt},
	{"former-credit", "former-credit", 5, 2, (*acctGen).formerCredit},
	{"sundry-arrangement", "arrangement", 5, 1, (*acctGen).sundryArrangement},
	{"sundry-debt", "sundry", 5, 1, (*acctGen).sundryDebt},
}

// seedDonors give up places, largest first, when the demo raises the
// worklist scenarios to their minimums.
var seedDonors = []string{"dd-weekly", "uc", "dd-monthly", "cash-card", "standing-order"}

// The Right to Buy claims of the demo: the first officer's show every
// council deadline state (overdue, due this week, not due) and the ends of
// a claim; the others fill in the remaining stages.
var (
	seedRTBLead  = []string{"rtb2-overdue", "rtb2-due", "offer-due", "offer-overdue", "rtb6", "received", "awaiting-reply", "completed"}
	seedRTBOther = []string{"rtb2-other-landlord", "offer-pending", "dv-determination", "withdrawn", "denied", "notice-to-complete"}
)

// Diary follow-ups set on an account.
const (
	seedDiaryNone = iota
	seedDiaryToday
	seedDiaryOverdue
	seedDiaryLater
)

// seedSlot is one account of the plan: whose patch, which scenario, and
// the casework laid over it.
type seedSlot struct {
	officer string
	sc      *seedScenario
	rtb     string
	diary   int
}

// seedPlan decides every account's patch and scenario. It draws only from
// r, so the same seed gives the same plan.
func seedPlan(opt Options, r *rand.Rand) []seedSlot {
	weights := make([]int, len(opt.Officers))
	for i := range weights {
		weights[i] = 1
	}
	if opt.PatchSize == 0 {
		weights[0] = 2
	}
	sizes := seedApportion(opt.Accounts, weights)
	scWeights := make([]int, len(seedScenarios))
	for i, sc := range seedScenarios {
		scWeights[i] = sc.weight
	}
	var slots []seedSlot
	for oi, officer := range opt.Officers {
		counts := seedApportion(sizes[oi], scWeights)
		if opt.Casework && oi == 0 {
			seedRaiseToMinimums(counts, sizes[oi])
		}
		patch := make([]seedSlot, 0, sizes[oi])
		for si, n := range counts {
			for range n {
				patch = append(patch, seedSlot{officer: officer, sc: &seedScenarios[si]})
			}
		}
		if opt.Casework {
			stages := seedRTBOther
			if oi == 0 {
				stages = seedRTBLead
				if len(opt.Officers) == 1 {
					stages = append(append([]string{}, seedRTBLead...), seedRTBOther...)
				}
			} else {
				// The other stages are shared out among the other patches.
				var mine []string
				for k, st := range seedRTBOther {
					if k%(len(opt.Officers)-1) == oi-1 {
						mine = append(mine, st)
					}
				}
				stages = mine
			}
			seedAssignRTB(patch, stages, r)
			today, overdue, later := 1, 1, 3
			if oi == 0 {
				today, overdue, later = 3, 3, 6
			}
			seedAssignDiary(patch, r, today, overdue, later)
		}
		slots = append(slots, patch...)
	}
	r.Shuffle(len(slots), func(i, j int) { slots[i], slots[j] = slots[j], slots[i] })
	return slots
}

// seedApportion splits n in proportion to weights by the largest remainder,
// ties to the earlier weight.
func seedApportion(n int, weights []int) []int {
	total := 0
	for _, w := range weights {
		total += w
	}
	out := make([]int, len(weights))
	rem := make([]int, len(weights))
	given := 0
	for i, w := range weights {
		out[i], rem[i] = n*w/total, n*w%total
		given += out[i]
	}
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(rem[b], rem[a]) })
	for k := 0; given < n; k++ {
		out[order[k%len(order)]]++
		given++
	}
	return out
}

// seedRaiseToMinimums gives every worklist scenario at least its demo minimum,
// taking the places from the large quiet scenarios. A patch too small to
// hold the minimums keeps its proportional mix.
func seedRaiseToMinimums(counts []int, size int) {
	need := 0
	for i, sc := range seedScenarios {
		need += max(0, sc.demoMin-counts[i])
	}
	if need == 0 || need > size/2 {
		return
	}
	for i, sc := range seedScenarios {
		counts[i] = max(counts[i], sc.demoMin)
	}
	for need > 0 {
		best := -1
		for _, name := range seedDonors {
			i := slices.IndexFunc(seedScenarios, func(sc seedScenario) bool { return sc.name == name })
			if i >= 0 && counts[i] > 0 && (best < 0 || counts[i] > counts[best]) {
				best = i
			}
		}
		if best < 0 {
			return
		}
		counts[best]--
		need--
	}
}

// seedAssignRTB puts the Right to Buy stages on long-standing Direct Debit
// payers: a claim is most often made by a tenant whose account is clear.
func seedAssignRTB(patch []seedSlot, stages []string, r *rand.Rand) {
	var candidates []int
	for i, s := range patch {
		if s.sc.name == "dd-weekly" || s.sc.name == "dd-monthly" {
			candidates = append(candidates, i)
		}
	}
	perm := r.Perm(len(candidates))
	for k, stage := range stages {
		if k >= len(perm) {
			return
		}
		patch[candidates[perm[k]]].rtb = stage
	}
}

// seedAssignDiary sets follow-ups due today, overdue and later on accounts of
// the patch, whatever their scenario: officers set them on every kind of case.
func seedAssignDiary(patch []seedSlot, r *rand.Rand, today, overdue, later int) {
	perm := r.Perm(len(patch))
	k := 0
	for _, want := range []struct{ kind, n int }{{seedDiaryToday, today}, {seedDiaryOverdue, overdue}, {seedDiaryLater, later}} {
		for n := 0; n < want.n && k < len(perm); k++ {
			if patch[perm[k]].rtb == "completed" {
				continue // a sale that completed has nothing to follow up
			}
			patch[perm[k]].diary = want.kind
			n++
		}
	}
}

// ---- the calendar ----

// seedCalendar is what every account shares: the history's span, the rent
// years it covers, and which weeks are rent-free.
type seedCalendar struct {
	today, histStart domain.Date
	hol              domain.Holidays
	// years are the rent years from the one containing histStart to today's.
	years []domain.RentYear
	// charged[k][n] is the number of charged weeks of years[k] with n
	// rent-free weeks.
	charged [][5]int64
	// free[i] is, for the week i weeks after histStart, the least number of
	// rent-free weeks that makes it free (0: never free).
	free []int8
}

func newSeedCalendar(today domain.Date, years int) *seedCalendar {
	c := &seedCalendar{
		today:     today,
		histStart: domain.RentWeekStart(today.AddMonthsClamped(-12 * years)),
		hol:       domain.DefaultHolidays(),
	}
	for y := domain.RentYearOf(c.histStart); ; y = domain.RentYearOf(y.End.AddDays(1)) {
		c.years = append(c.years, y)
		var n [5]int64
		for rf := range n {
			n[rf] = int64(y.ChargedWeeks(rf))
		}
		c.charged = append(c.charged, n)
		if !y.End.Before(today) {
			break
		}
	}
	c.free = make([]int8, today.DaysSince(c.histStart)/7+1)
	for i := range c.free {
		m := c.histStart.AddDays(7 * i)
		for n := 1; n <= 4; n++ {
			if domain.IsRentFreeWeek(m, n) {
				c.free[i] = int8(n)
				break
			}
		}
	}
	return c
}

// yearIndex is the index of the rent year containing d, clamped to the
// years the history covers.
func (c *seedCalendar) yearIndex(d domain.Date) int {
	for k := len(c.years) - 1; k > 0; k-- {
		if !d.Before(c.years[k].Start) {
			return k
		}
	}
	return 0
}

// isFree reports whether the rent week starting monday is rent-free for an
// account with rf rent-free weeks.
func (c *seedCalendar) isFree(monday domain.Date, rf int) bool {
	i := monday.DaysSince(c.histStart) / 7
	if i < 0 || i >= len(c.free) {
		return domain.IsRentFreeWeek(monday, rf)
	}
	return c.free[i] > 0 && int(c.free[i]) <= rf
}

// seedRentIncrease is each rent year's social rent increase in tenths of a per
// cent, by the year the rent year starts (CPI + 1%, with the 7% ceiling of
// 2023/24). Years outside the table rise 3%.
var seedRentIncrease = map[int]int64{2020: 27, 2021: 15, 2022: 41, 2023: 70, 2024: 77, 2025: 27, 2026: 48}

func seedIncreaseFor(year int) int64 {
	if r, ok := seedRentIncrease[year]; ok {
		return r
	}
	return 30
}

// ---- one account ----

// seedAccount is one generated account, everything it will write.
type seedAccount struct {
	acct         store.NewAccount
	profile      string
	dhp          bool
	txns         []seedTxn
	notes        []seedNote
	events       []seedEvent
	arrangements []store.BatchArrangement
	rtb          *store.BatchRTB
	// pauseUntil and pauseReason are a pause of recovery (zero: none).
	pauseUntil  domain.Date
	pauseReason string
	// managed is set after the events (an APA requested during casework).
	managed domain.ManagedPayment
	balance int64
	// ddChange is a change of charges its Direct Debit was planned for.
	ddChange *seedDDChange
}

// seedTxn is one ledger transaction before it is written.
type seedTxn struct {
	id        int // the account's own numbering, for reversals
	date      domain.Date
	typ       domain.TxnType
	amount    int64 // pence, ledger sign
	method    domain.PaymentMethod
	reference string
	note      string
	runWeek   domain.Date
	reverses  int // id of the payment a reversal undoes (0 none)
}

// order sorts a day's transactions the way the ledger reads: what was
// brought forward, the week's debit, other debits, money received, then
// returned payments.
func (t seedTxn) order() int {
	switch {
	case t.typ == domain.TxnBroughtForward:
		return 0
	case t.typ == domain.TxnCharge:
		return 1
	case t.typ == domain.TxnReversal:
		return 4
	case t.amount > 0:
		return 2
	}
	return 3
}

// seedNote is a note, with a diary follow-up and when it was done.
type seedNote struct {
	date     domain.Date
	channel  domain.Channel
	text     string
	followUp domain.Date
	done     domain.Date
}

// seedEvent is a case event.
type seedEvent struct {
	date   domain.Date
	typ    domain.EventType
	detail string
}

// acctGen builds one account from its scenario.
type acctGen struct {
	cal      *seedCalendar
	casework bool
	r        *rand.Rand
	slot     seedSlot
	index    int
	a        *seedAccount

	start, end domain.Date
	rf         int
	// comps are every charge entry; eligible those Housing Benefit and the
	// UC housing element pay for (not water, heating or personal services).
	comps, eligible []domain.ChargeComponent
	// yearFull and yearElig are the whole-week charge in each rent year of
	// the calendar, in pence.
	yearFull, yearElig []int64
	nextID             int
	// meta are the dates of a possession case (courtCase), for its events.
	meta seedCourt
}

func generateSeedAccount(cal *seedCalendar, opt *Options, slot seedSlot, index int) *seedAccount {
	g := &acctGen{
		cal: cal, casework: opt.Casework, slot: slot, index: index, a: &seedAccount{profile: slot.sc.profile},
		// Each account its own stream: its content is a function of the
		// seed and its place in the plan only.
		r: rand.New(rand.NewPCG(uint64(opt.Seed), seedStream^(uint64(index+1)*0x9e37_79b9_7f4a_7c15))),
	}
	if slot.rtb != "" {
		g.rightToBuy()
	} else {
		slot.sc.build(g)
	}
	if g.casework {
		g.diary()
	}
	return g.a
}

// ---- random helpers ----

// between is a whole number from lo to hi inclusive.
func (g *acctGen) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.r.IntN(hi-lo+1)
}

func (g *acctGen) chance(p float64) bool { return g.r.Float64() < p }

func seedPick[T any](g *acctGen, xs []T) T { return xs[g.r.IntN(len(xs))] }

func (g *acctGen) today() domain.Date { return g.cal.today }

// ago is the day n days before today.
func (g *acctGen) ago(n int) domain.Date { return g.cal.today.AddDays(-n) }

// weeksOf is pct per cent of the current weekly charge, in pence.
func (g *acctGen) weeksOf(pct int) int64 { return g.weekly() * int64(pct) / 100 }

// weeksBetween is a random amount between lo and hi per cent of the
// current weekly charge.
func (g *acctGen) weeksBetween(lo, hi int) int64 { return g.weeksOf(g.between(lo, hi)) }

func seedNextMonday(d domain.Date) domain.Date {
	m := domain.RentWeekStart(d)
	if m.Before(d) {
		m = m.AddDays(7)
	}
	return m
}

func seedRoundPounds(p int64) int64 { return (p + 50) / 100 * 100 }
func seedCeilPounds(p int64) int64  { return (p + 99) / 100 * 100 }
func seedMoney(p int64) string      { return domain.Pence(p).Human() }

// ---- the account and its charges ----

// seedCharge is a charge component at today's rent year's level.
type seedCharge struct {
	component string
	weekly    int64
	inflates  bool
	eligible  bool
}

// seedTenancy is what setup needs to create an account.
type seedTenancy struct {
	kind       domain.AccountKind
	tt         domain.TenancyType
	status     domain.AccountStatus
	pt         domain.PropertyType
	start, end domain.Date
	rf         int
	method     domain.PaymentMethod
	uc         bool
	managed    domain.ManagedPayment
	vulnerable bool
	older      bool
	charges    []seedCharge
}

var seedRefPrefix = map[domain.AccountKind]string{
	domain.KindRent: "NW", domain.KindGarage: "GR", domain.KindLeasehold: "LH",
	domain.KindTemporary: "TA", domain.KindFormerTenant: "FT", domain.KindSundry: "SD",
}

// setup creates the account and its effective-dated charges: one entry per
// component per rent year, each April's rise a new entry.
func (g *acctGen) setup(t seedTenancy) {
	g.start, g.end, g.rf = t.start, t.end, t.rf
	first, last := seedFirstName(g, t.older), seedPick(g, seedSurnames)
	name := first + " " + last
	if t.kind == domain.KindRent && g.chance(0.1) {
		name += " and " + seedPick(g, seedFirstNames) + " " + last
	}
	phone := fmt.Sprintf("07700 900%03d", g.r.IntN(1000))
	if g.chance(0.15) {
		phone = fmt.Sprintf("01632 960%03d", g.r.IntN(1000))
	}
	email := ""
	if g.chance(0.45) {
		email = strings.ToLower(strings.ReplaceAll(first+"."+last, "'", "")) + strconv.Itoa(g.between(1, 99)) + "@" + seedPick(g, seedEmailDomains)
	}
	address, postcode := g.address(t.kind, t.pt)
	g.a.acct = store.NewAccount{
		Ref: seedRefPrefix[t.kind] + strconv.Itoa(10001+g.index), Kind: t.kind, TenancyType: t.tt, Status: t.status,
		Name: name, Address: address, Postcode: postcode, PropertyType: t.pt, Start: t.start, End: t.end,
		RentFreeWeeks: t.rf, PaymentMethod: t.method, UCClaimant: t.uc, ManagedPayment: t.managed,
		Vulnerable: t.vulnerable, Officer: g.slot.officer, Phone: phone, Email: email,
	}
	g.charges(t.charges)
	g.a.acct.Charges = g.comps
}

func seedFirstName(g *acctGen, older bool) string {
	if older && g.chance(0.7) {
		return seedPick(g, seedOlderFirstNames)
	}
	return seedPick(g, seedFirstNames)
}

func (g *acctGen) address(kind domain.AccountKind, pt domain.PropertyType) (string, string) {
	street, town := seedPick(g, seedStreets), seedPick(g, seedTowns)
	postcode := fmt.Sprintf("ZZ99 %d%c%c", g.r.IntN(10), seedPostcodeLetters[g.r.IntN(len(seedPostcodeLetters))],
		seedPostcodeLetters[g.r.IntN(len(seedPostcodeLetters))])
	switch {
	case kind == domain.KindGarage:
		return fmt.Sprintf("Garage %d, rear of %s, %s", g.between(1, 40), street, town), postcode
	case kind == domain.KindTemporary && g.chance(0.4):
		return fmt.Sprintf("Room %d, %s, %d %s, %s", g.between(1, 24), seedPick(g, seedHostels), g.between(2, 60), street, town), postcode
	case kind == domain.KindSundry:
		return fmt.Sprintf("%d %s, %s", g.between(1, 140), street, town), postcode
	case pt == domain.PropertyFlat || pt == domain.PropertyMaisonette:
		return fmt.Sprintf("Flat %d, %s, %s, %s", g.between(1, 48), seedPick(g, seedBlocks), street, town), postcode
	}
	return fmt.Sprintf("%d %s, %s", g.between(1, 140), street, town), postcode
}

// charges turns today's levels into yearly entries back to the start of
// the history: each earlier year is the next year's charge divided by that
// year's rise, half-up to the penny.
func (g *acctGen) charges(cs []seedCharge) {
	years := g.cal.years
	g.yearFull = make([]int64, len(years))
	g.yearElig = make([]int64, len(years))
	g.comps, g.eligible = nil, nil
	if len(cs) == 0 {
		return
	}
	k0 := g.cal.yearIndex(domain.MaxDate(g.cal.histStart, g.start))
	lastDay := g.cal.today
	if !g.end.IsZero() && g.end.Before(lastDay) {
		lastDay = g.end
	}
	k1 := g.cal.yearIndex(lastDay)
	K := len(years) - 1
	for _, c := range cs {
		v := make([]int64, len(years))
		v[K] = c.weekly
		for k := K - 1; k >= 0; k-- {
			v[k] = v[k+1]
			if c.inflates {
				r := 1000 + seedIncreaseFor(years[k+1].Start.Year())
				v[k] = (v[k+1]*1000 + r/2) / r
			}
		}
		for k := k0; k <= k1; k++ {
			g.yearFull[k] += v[k]
			if c.eligible {
				g.yearElig[k] += v[k]
			}
			if k > k0 && v[k] == v[k-1] {
				continue
			}
			from := years[k].Start
			if g.start.After(from) {
				from = g.start
			}
			e := domain.ChargeComponent{Component: c.component, Weekly: domain.Pence(v[k]), From: from}
			g.comps = append(g.comps, e)
			if c.eligible {
				g.eligible = append(g.eligible, e)
			}
		}
	}
}

// weekly is the whole-week charge today (or when the tenancy ended).
func (g *acctGen) weekly() int64 {
	d := g.cal.today
	if !g.end.IsZero() && g.end.Before(d) {
		d = g.end
	}
	return g.yearFull[g.cal.yearIndex(d)]
}

// weeklyOn is the whole-week charge in force on d.
func (g *acctGen) weeklyOn(d domain.Date) int64 { return g.yearFull[g.cal.yearIndex(d)] }

// weekCharge is what the rent run debits for the week starting monday
// (domain.WeekCharge), or the HB-eligible part of it.
func (g *acctGen) weekCharge(monday domain.Date, eligibleOnly bool) int64 {
	if g.cal.isFree(monday, g.rf) {
		return 0
	}
	if !g.start.After(monday) && (g.end.IsZero() || !g.end.Before(monday.AddDays(6))) {
		k := g.cal.yearIndex(monday)
		if eligibleOnly {
			return g.yearElig[k]
		}
		return g.yearFull[k]
	}
	cs := g.comps
	if eligibleOnly {
		cs = g.eligible
	}
	amount, _ := domain.WeekCharge(cs, monday, g.start, g.end, g.rf)
	return amount.PenceValue()
}

// monthlyDD is a monthly Direct Debit in the rent year containing d: the
// year's charged weeks × the weekly charge ÷ 12, half-up.
func (g *acctGen) monthlyDD(d domain.Date) int64 {
	k := g.cal.yearIndex(d)
	return (g.yearFull[k]*g.cal.charged[k][g.rf]*2 + 12) / 24
}

// ucMonthly is the UC housing element for a month: the eligible weekly
// charge × (52 − rent-free weeks) ÷ 12, half-up (RULES.md).
func (g *acctGen) ucMonthly(d domain.Date, eligibleOnly bool) int64 {
	w := g.yearFull[g.cal.yearIndex(d)]
	if eligibleOnly {
		w = g.yearElig[g.cal.yearIndex(d)]
	}
	return domain.MonthsRent(domain.Pence(w), 1, g.rf).PenceValue()
}

// ledgerStart is the first day of the account's ledger.
func (g *acctGen) ledgerStart() domain.Date { return domain.MaxDate(g.cal.histStart, g.start) }

// postCharges posts the weekly debits the rent run would have posted, with
// its run week (so a later rent run skips them) and its note.
func (g *acctGen) postCharges() {
	if len(g.comps) == 0 {
		return
	}
	for m := domain.RentWeekStart(g.ledgerStart()); !m.After(g.cal.today) && (g.end.IsZero() || !m.After(g.end)); m = m.AddDays(7) {
		amount := g.weekCharge(m, false)
		if amount <= 0 {
			continue
		}
		date := domain.MaxDate(m, g.start)
		y := g.cal.years[g.cal.yearIndex(m)]
		note := fmt.Sprintf("rent week %d of %s", y.WeekNumber(m), y.Label())
		days := 0
		for i := range 7 {
			d := m.AddDays(i)
			if !d.Before(g.start) && (g.end.IsZero() || !d.After(g.end)) {
				days++
			}
		}
		if days < 7 {
			note += fmt.Sprintf(", %d of 7 days", days)
		}
		g.add(seedTxn{date: date, typ: domain.TxnCharge, amount: amount, runWeek: m, note: note})
	}
}

// add appends transactions to the ledger, numbering those not yet numbered.
func (g *acctGen) add(ts ...seedTxn) {
	for _, t := range ts {
		if t.id == 0 {
			g.nextID++
			t.id = g.nextID
		}
		g.a.txns = append(g.a.txns, t)
	}
}

// seedPay is a payment of amount pence (positive) on d.
func seedPay(d domain.Date, typ domain.TxnType, amount int64, method domain.PaymentMethod, reference string) seedTxn {
	return seedTxn{date: d, typ: typ, amount: -amount, method: method, reference: reference}
}

// ---- payers ----

type seedPayKind int

const (
	seedPayDDWeekly seedPayKind = iota
	seedPayDDMonthly
	seedPayStandingOrder
	seedPayBankMonthly
	seedPayCardWeekly
	seedPayIrregular
	seedPayUC
	seedPayUCSelf
	seedPayHB
	seedPayTopUpWeekly
	seedPayFixedWeekly
)

// seedPayer is how a resident (or the benefit system) pays.
type seedPayer struct {
	kind seedPayKind
	// day is the weekday offset from Monday (weekly kinds) or the day of
	// the month (monthly kinds).
	day int
	// anchor is a payday of a four-weekly Housing Benefit cycle.
	anchor domain.Date
	method domain.PaymentMethod
	// eligibleOnly: UC or HB pays the eligible charges only; the resident
	// tops up the rest.
	eligibleOnly bool
	// amount is the fixed weekly payment of payFixedWeekly (pence).
	amount int64
}

func (g *acctGen) cardMethod() domain.PaymentMethod {
	if g.chance(0.5) {
		return domain.MethodCash
	}
	return domain.MethodCard
}

func seedCardReference(m domain.PaymentMethod) string {
	if m == domain.MethodCash {
		return "PayPoint"
	}
	return "Card payment"
}

// stream is a payer's payments dated from..to (never after today), at pct
// per cent of what the payer usually pays.
func (g *acctGen) stream(p seedPayer, from, to domain.Date, pct int64) []seedTxn {
	if to.After(g.cal.today) {
		to = g.cal.today
	}
	if from.Before(g.ledgerStart()) && p.kind != seedPayHB {
		from = g.ledgerStart()
	}
	var out []seedTxn
	if to.Before(from) {
		return out
	}
	scale := func(v int64) int64 { return v * pct / 100 }
	monthly := func(back bool, each func(d domain.Date) (seedTxn, bool)) {
		for mo := domain.MustDate(from.Year(), from.Month(), 1); !mo.After(to); mo = mo.AddMonthsClamped(1) {
			d := domain.MustDate(mo.Year(), mo.Month(), min(p.day, domain.DaysIn(mo.Year(), mo.Month())))
			if back {
				d = g.cal.hol.PreviousWorkingDay(d)
			} else {
				d = g.cal.hol.NextWorkingDay(d)
			}
			if d.Before(from) || d.After(to) {
				continue
			}
			if t, ok := each(d); ok {
				out = append(out, t)
			}
		}
	}
	switch p.kind {
	case seedPayDDWeekly, seedPayCardWeekly, seedPayTopUpWeekly, seedPayFixedWeekly:
		var carry int64
		for m := domain.RentWeekStart(from); !m.After(to); m = m.AddDays(7) {
			d := m.AddDays(p.day)
			if p.kind == seedPayDDWeekly {
				d = g.cal.hol.NextWorkingDay(d)
			} else if p.kind != seedPayFixedWeekly && g.chance(0.15) {
				d = d.AddDays(g.between(-1, 1))
			}
			if d.Before(from) || d.After(to) {
				continue
			}
			var amount int64
			switch p.kind {
			case seedPayFixedWeekly:
				amount = p.amount
			case seedPayTopUpWeekly:
				amount = g.weekCharge(m, false) - g.weekCharge(m, true)
			default:
				amount = g.weekCharge(m, false)
			}
			amount = scale(amount)
			if p.kind == seedPayDDWeekly || p.kind == seedPayFixedWeekly {
				if amount > 0 {
					out = append(out, seedPay(d, domain.TxnPayment, amount, p.method, seedPaymentReference(p.method)))
				}
				continue
			}
			amount += carry
			carry = 0
			if amount <= 0 {
				continue
			}
			if g.chance(0.04) {
				carry = amount // missed a week: both weeks at the next visit
				continue
			}
			if amount >= 1000 {
				amount = seedRoundPounds(amount)
			}
			out = append(out, seedPay(d, domain.TxnPayment, amount, p.method, seedCardReference(p.method)))
		}
	case seedPayIrregular:
		prev := from.AddDays(-1)
		for d := from.AddDays(g.between(0, 6)); !d.After(to); {
			var owed int64
			for m := seedNextMonday(prev.AddDays(1)); !m.After(d); m = m.AddDays(7) {
				owed += g.weekCharge(m, false)
			}
			owed = scale(owed)
			if g.chance(0.4) {
				owed = (owed + 250) / 500 * 500
			} else {
				owed = seedRoundPounds(owed)
			}
			if owed > 0 {
				out = append(out, seedPay(d, domain.TxnPayment, owed, p.method, seedCardReference(p.method)))
			}
			prev = d
			switch x := g.r.IntN(100); {
			case x < 65:
				d = d.AddDays(g.between(6, 8))
			case x < 87:
				d = d.AddDays(14)
			case x < 96:
				d = d.AddDays(21)
			default:
				d = d.AddDays(g.between(3, 5))
			}
		}
	case seedPayDDMonthly:
		monthly(false, func(d domain.Date) (seedTxn, bool) {
			return seedPay(d, domain.TxnPayment, scale(g.monthlyDD(d)), domain.MethodDirectDebit, "Direct Debit"), true
		})
	case seedPayStandingOrder, seedPayBankMonthly:
		monthly(false, func(d domain.Date) (seedTxn, bool) {
			return seedPay(d, domain.TxnPayment, seedCeilPounds(scale(g.monthlyDD(d))), p.method, seedPaymentReference(p.method)), true
		})
	case seedPayUC:
		monthly(true, func(d domain.Date) (seedTxn, bool) {
			return seedPay(d, domain.TxnUC, scale(g.ucMonthly(d, p.eligibleOnly)), domain.MethodUC, "DWP UC managed payment"), true
		})
		if p.eligibleOnly {
			// The resident pays what UC does not cover a few days later.
			var tops []seedTxn
			for _, t := range out {
				top := g.ucMonthly(t.date, false) - g.ucMonthly(t.date, true)
				d := g.cal.hol.NextWorkingDay(t.date.AddDays(g.between(1, 4)))
				if top > 0 && !d.After(to) {
					tops = append(tops, seedPay(d, domain.TxnPayment, seedCeilPounds(scale(top)), domain.MethodCard, "Card payment"))
				}
			}
			out = append(out, tops...)
		}
	case seedPayUCSelf:
		monthly(true, func(d domain.Date) (seedTxn, bool) {
			d = g.cal.hol.NextWorkingDay(d.AddDays(1))
			if d.After(to) {
				return seedTxn{}, false
			}
			return seedPay(d, domain.TxnPayment, seedRoundPounds(scale(g.ucMonthly(d, false))), domain.MethodBank, "Bank transfer"), true
		})
	case seedPayHB:
		d := p.anchor
		for d.Before(from) {
			d = d.AddDays(28)
		}
		for ; !d.After(to); d = d.AddDays(28) {
			var amount int64
			for j := 1; j <= 4; j++ {
				amount += g.weekCharge(d.AddDays(-7*j), p.eligibleOnly)
			}
			if amount = scale(amount); amount > 0 {
				out = append(out, seedPay(d, domain.TxnHB, amount, domain.MethodHB, "Housing Benefit"))
			}
		}
	}
	return out
}

func seedPaymentReference(m domain.PaymentMethod) string {
	switch m {
	case domain.MethodDirectDebit:
		return "Direct Debit"
	case domain.MethodStandingOrder:
		return "Standing order"
	case domain.MethodBank:
		return "Bank transfer"
	}
	return seedCardReference(m)
}

// seedLastDate is the latest date among ts (zero when none).
func seedLastDate(ts []seedTxn) domain.Date {
	var d domain.Date
	for _, t := range ts {
		d = domain.MaxDate(d, t.date)
	}
	return d
}

// withUnpaid returns some Direct Debits unpaid (a reversal three working
// days later) and re-presents them ten days on; the last month's
// collections are left alone. With casework each return is an event.
func (g *acctGen) withUnpaid(pays []seedTxn, p float64) []seedTxn {
	cutoff := g.ago(35)
	var out []seedTxn
	for _, t := range pays {
		out = append(out, t)
		if t.method != domain.MethodDirectDebit || !t.date.Before(cutoff) || !g.chance(p) {
			continue
		}
		g.nextID++
		t.id = g.nextID
		out[len(out)-1] = t
		back := g.cal.hol.AddWorkingDays(t.date, 3)
		out = append(out, seedTxn{date: back, typ: domain.TxnReversal, amount: -t.amount, method: domain.MethodDirectDebit,
			reference: "ARUDD", note: "Direct Debit returned unpaid: refer to payer", reverses: t.id})
		again := g.cal.hol.NextWorkingDay(t.date.AddDays(10))
		out = append(out, seedPay(again, domain.TxnPayment, -t.amount, domain.MethodDirectDebit, "Direct Debit re-presented"))
		if g.casework {
			g.event(back, domain.EventDDUnpaid, "ARUDD 0 refer to payer; re-presented on "+again.Human())
		}
	}
	return out
}

// settleTo solves the opening balance so that the balance at the end of
// pivot is target: brought forward at the start of the history, or, for a
// tenancy that began inside it, rent paid in advance at sign-up (a new
// tenancy cannot begin owing).
func (g *acctGen) settleTo(pivot domain.Date, target int64) {
	var net int64
	for _, t := range g.a.txns {
		if !t.date.After(pivot) {
			net += t.amount
		}
	}
	need := target - net
	switch {
	case need == 0:
	case g.start.Before(g.cal.histStart):
		g.add(seedTxn{date: g.cal.histStart, typ: domain.TxnBroughtForward, amount: need, reference: "B/F",
			note: "Balance brought forward from the previous rent accounting system"})
	case need < 0:
		g.add(seedTxn{date: g.start, typ: domain.TxnPayment, amount: need, method: domain.MethodCard,
			reference: "Rent in advance", note: "Paid at sign-up"})
	}
}

// finish puts the ledger in date order and works out the final balance.
func (g *acctGen) finish() {
	slices.SortStableFunc(g.a.txns, func(x, y seedTxn) int {
		if c := x.date.Compare(y.date); c != 0 {
			return c
		}
		return cmp.Compare(x.order(), y.order())
	})
	g.a.balance = 0
	for _, t := range g.a.txns {
		g.a.balance += t.amount
	}
}

// owedAt is the balance at the end of d of what the ledger holds so far
// (before finish, in any order).
func (g *acctGen) owedAt(d domain.Date) int64 {
	var b int64
	for _, t := range g.a.txns {
		if !t.date.After(d) {
			b += t.amount
		}
	}
	return b
}

// balanceAt is the balance at the end of d (after finish).
func (g *acctGen) balanceAt(d domain.Date) int64 {
	var b int64
	for _, t := range g.a.txns {
		if t.date.After(d) {
			break
		}
		b += t.amount
	}
	return b
}

// firstOwing is the first day since from on which the balance reached
// amount (zero when it never did).
func (g *acctGen) firstOwing(from domain.Date, amount int64) domain.Date {
	var b int64
	for i, t := range g.a.txns {
		b += t.amount
		if i+1 < len(g.a.txns) && g.a.txns[i+1].date.Equal(t.date) {
			continue
		}
		if !t.date.Before(from) && b >= amount {
			return t.date
		}
	}
	return domain.Date{}
}

// lastPaid is the date of the latest payment (zero when none).
func (g *acctGen) lastPaid() domain.Date {
	for i := len(g.a.txns) - 1; i >= 0; i-- {
		if g.a.txns[i].typ.IsPayment() {
			return g.a.txns[i].date
		}
	}
	return domain.Date{}
}

// ---- tenancies ----

// longAgo is a tenancy start well before the history.
func (g *acctGen) longAgo(minYears, maxYears int) domain.Date {
	return g.cal.histStart.AddDays(-g.between(60+365*minYears, 365*maxYears))
}

func (g *acctGen) rentFreeWeeks() int {
	switch x := g.r.IntN(100); {
	case x < 35:
		return 0
	case x < 90:
		return 2
	}
	return 4
}

// rentCharges are a home's charges at today's rent year's level: social
// rent by the size of home, service charges on flats, and now and then a
// small charge HB does not pay for.
func (g *acctGen) rentCharges(pt domain.PropertyType, older bool) []seedCharge {
	var rent, service int64
	switch pt {
	case domain.PropertyFlat:
		rent = int64(g.between(8500, 11800))
	case domain.PropertyMaisonette:
		rent = int64(g.between(10000, 13000))
	case domain.PropertyBungalow:
		rent = int64(g.between(10000, 13500))
	default:
		rent = int64(g.between(11500, 15500))
	}
	if pt == domain.PropertyFlat || pt == domain.PropertyMaisonette {
		if g.chance(0.75) {
			service = int64(g.between(400, 1500))
		}
	} else if g.chance(0.2) {
		service = int64(g.between(100, 300))
	}
	cs := []seedCharge{{"rent", rent, true, true}}
	if service > 0 {
		cs = append(cs, seedCharge{"service", service, true, true})
	}
	if g.chance(0.35) {
		other := seedPick(g, []string{"heating", "water", "insurance", "garden"})
		if older && g.chance(0.5) {
			other = "care"
		}
		cs = append(cs, seedCharge{other, int64(g.between(150, 600)), other == "heating" || other == "water", false})
	}
	return cs
}

func (g *acctGen) homeType() domain.PropertyType {
	switch x := g.r.IntN(100); {
	case x < 48:
		return domain.PropertyFlat
	case x < 58:
		return domain.PropertyMaisonette
	case x < 65:
		return domain.PropertyBungalow
	}
	return domain.PropertyHouse
}

// rent sets up a current rent account. A quiet scenario (mayBeNew) is now
// and then a new introductory tenancy that began inside the history.
func (g *acctGen) rent(mayBeNew bool, method domain.PaymentMethod, older bool) seedTenancy {
	pt := g.homeType()
	if older && pt == domain.PropertyMaisonette {
		pt = domain.PropertyBungalow
	}
	t := seedTenancy{kind: domain.KindRent, tt: domain.TenancySecure, status: domain.StatusCurrent, pt: pt,
		start: g.longAgo(0, 30), rf: g.rentFreeWeeks(), method: method, older: older}
	if window := g.cal.today.DaysSince(g.cal.histStart); mayBeNew && window > 120 && g.chance(0.08) {
		t.tt = domain.TenancyIntroductory
		t.start = g.ago(g.between(40, min(330, window-30)))
	} else if g.chance(0.04) {
		t.tt = domain.TenancyFlexible
		t.start = g.longAgo(0, 10)
	}
	t.charges = g.rentCharges(pt, older)
	t.vulnerable = g.chance(0.04) || (older && g.chance(0.1))
	return t
}

// firstPay is when a new tenancy's payments begin: the first Direct Debit
// or visit a week or two in, a first UC payment five weeks in.
func (g *acctGen) firstPay(lo, hi int) domain.Date {
	if g.start.Before(g.cal.histStart) {
		return g.cal.histStart
	}
	return g.start.AddDays(g.between(lo, hi))
}

// ---- quiet scenarios ----

func (g *acctGen) ddWeekly() {
	g.setup(g.rent(true, domain.MethodDirectDebit, false))
	g.postCharges()
	g.add(g.withUnpaid(g.stream(seedPayer{kind: seedPayDDWeekly, method: domain.MethodDirectDebit}, g.firstPay(7, 14), g.today(), 100), 0.012)...)
	var target int64
	switch x := g.r.IntN(100); {
	case x < 15:
		target = -g.weeksBetween(10, 100)
	case x < 21:
		target = g.weeksBetween(5, 40)
	}
	g.settleTo(g.today(), target)
	g.finish()
	g.quietNotes()
}

// monthlyTarget is a monthly payer's balance just after paying: in credit
// by most of a month, because councils ask monthly payers to pay in
// advance, but by less than the four weeks' charge at which credit-refund
// would ask for a refund every payday.
func (g *acctGen) monthlyTarget(domain.Date) int64 {
	return -g.weeksBetween(330, 395)
}

func (g *acctGen) ddMonthly() {
	g.setup(g.rent(true, domain.MethodDirectDebit, false))
	g.postCharges()
	day := seedPick(g, []int{1, 1, 1, 8, 15, 15, 22, 28})
	pays := g.withUnpaid(g.stream(seedPayer{kind: seedPayDDMonthly, day: day}, g.firstPay(7, 21), g.today(), 100), 0.02)
	g.add(pays...)
	pivot := domain.MaxDate(seedLastDate(pays), g.ledgerStart())
	g.settleTo(pivot, g.monthlyTarget(pivot))
	g.finish()
	g.quietNotes()
}

func (g *acctGen) standingOrder() {
	kind, method := seedPayStandingOrder, domain.MethodStandingOrder
	if g.chance(0.25) {
		kind, method = seedPayBankMonthly, domain.MethodBank
	}
	g.setup(g.rent(true, method, false))
	g.postCharges()
	pays := g.stream(seedPayer{kind: kind, day: g.between(1, 28), method: method}, g.firstPay(7, 21), g.today(), 100)
	g.add(pays...)
	pivot := domain.MaxDate(seedLastDate(pays), g.ledgerStart())
	g.settleTo(pivot, g.monthlyTarget(pivot))
	g.finish()
	g.quietNotes()
}

func (g *acctGen) cashCard() {
	method := g.cardMethod()
	g.setup(g.rent(true, method, false))
	g.postCharges()
	kind := seedPayIrregular
	if g.chance(0.45) {
		kind = seedPayCardWeekly
	}
	g.add(g.stream(seedPayer{kind: kind, day: g.between(0, 5), method: method}, g.firstPay(0, 6), g.today(), 100)...)
	g.settleTo(g.today(), g.weeksBetween(-150, 40))
	g.finish()
	g.quietNotes()
}

// universalCredit is a UC claimant whose housing element is paid to us
// monthly in arrears: technical arrears that rise every week and fall on UC
// day, and must stay off the worklist.
func (g *acctGen) universalCredit() {
	t := g.rent(true, domain.MethodUC, false)
	t.uc, t.managed = true, domain.APAInPlace
	g.setup(t)
	g.postCharges()
	p := seedPayer{kind: seedPayUC, day: g.between(1, 28), eligibleOnly: g.yearElig[len(g.yearElig)-1] != g.weekly()}
	pays := g.stream(p, g.firstPay(35, 42), g.today(), 100)
	g.add(pays...)
	pivot := g.lastOf(pays, domain.TxnUC)
	g.maybeDHP(pivot)
	// Many UC tenants are a few weeks ahead (they paid the first month
	// themselves); the rest are about clear just after UC day.
	target := -g.weeksBetween(20, 120)
	if g.chance(0.65) {
		target = -g.weeksBetween(200, 330)
	}
	g.settleTo(pivot, target)
	g.finish()
	if g.casework {
		first := g.firstPay(35, 42)
		if g.start.Before(g.cal.histStart) {
			first = g.start.AddDays(g.between(60, 2000))
			if !first.Before(g.cal.histStart) {
				first = g.cal.histStart.AddDays(-g.between(30, 300))
			}
		}
		if !first.After(g.today()) {
			g.event(first, domain.EventAPAInPlace, "DWP confirmed the housing element is paid to us (managed payment)")
		}
	}
	g.quietNotes()
}

// lastOf is the latest date of a payment of type typ (or the ledger start).
func (g *acctGen) lastOf(pays []seedTxn, typ domain.TxnType) domain.Date {
	var d domain.Date
	for _, t := range pays {
		if t.typ == typ {
			d = domain.MaxDate(d, t.date)
		}
	}
	return domain.MaxDate(d, g.ledgerStart())
}

// maybeDHP now and then credits a Discretionary Housing Payment before
// pivot, as councils award them to UC and HB claimants with a shortfall.
func (g *acctGen) maybeDHP(pivot domain.Date) {
	if !g.chance(0.15) {
		return
	}
	span := pivot.DaysSince(g.ledgerStart()) - 30
	if span < 30 {
		return
	}
	d := g.cal.hol.NextWorkingDay(g.ledgerStart().AddDays(g.between(14, span)))
	if d.After(pivot) {
		return
	}
	g.a.dhp = true
	g.add(seedPay(d, domain.TxnDHP, int64(g.between(10, 40))*1000, domain.MethodDHP, "DHP award"))
}

// ucSelf is a UC claimant paid the housing element themselves, paying the
// rent by bank transfer the day after UC day.
func (g *acctGen) ucSelf() {
	t := g.rent(true, domain.MethodBank, false)
	t.uc = true
	g.setup(t)
	g.postCharges()
	pays := g.stream(seedPayer{kind: seedPayUCSelf, day: g.between(1, 28)}, g.firstPay(35, 42), g.today(), 100)
	g.add(pays...)
	pivot := domain.MaxDate(seedLastDate(pays), g.ledgerStart())
	g.settleTo(pivot, -g.weeksBetween(80, 330))
	g.finish()
	g.quietNotes()
}

// housingBenefit is HB paid four-weekly in arrears (mostly pensioners); a
// charge HB does not cover is topped up weekly in cash.
func (g *acctGen) housingBenefit() {
	t := g.rent(true, domain.MethodHB, true)
	g.setup(t)
	g.postCharges()
	g.hbPayments()
}

// hbPayments adds HB, its top-ups and a settled balance just after the last
// HB payment.
func (g *acctGen) hbPayments() {
	from := g.firstPay(28, 42)
	anchor := seedNextMonday(from)
	elig := g.yearElig[len(g.yearElig)-1] != g.weekly()
	pays := g.stream(seedPayer{kind: seedPayHB, anchor: anchor, eligibleOnly: elig}, from, g.today(), 100)
	g.add(pays...)
	if elig {
		g.add(g.stream(seedPayer{kind: seedPayTopUpWeekly, day: g.between(0, 4), method: domain.MethodCash}, from, g.today(), 100)...)
	}
	pivot := g.lastOf(pays, domain.TxnHB)
	g.maybeDHP(pivot)
	g.settleTo(pivot, -g.weeksBetween(60, 280))
	g.finish()
	g.quietNotes()
}

// creditSmall overpays a little every week (rounding up to the next £5).
func (g *acctGen) creditSmall() {
	g.overpayer(30, 300)
}

// creditLarge has built up more than four weeks' credit: credit-refund.
func (g *acctGen) creditLarge() {
	g.overpayer(450, 750)
	if g.casework && g.chance(0.5) {
		g.note(g.ago(g.between(20, 90)), domain.ChannelPhone, "Tenant asked why the account is in credit; explained the overpayments and that a refund can be requested.")
	}
}

// overpayer ends between lo and hi per cent of a week's charge in credit.
func (g *acctGen) overpayer(lo, hi int) {
	method := g.cardMethod()
	g.setup(g.rent(false, method, false))
	target := -g.weeksBetween(lo, hi)
	g.postCharges()
	pays := g.stream(seedPayer{kind: seedPayCardWeekly, day: g.between(0, 4), method: method}, g.ledgerStart(), g.today(), 100)
	for i := range pays {
		pays[i].amount = -((-pays[i].amount + 499) / 500 * 500)
	}
	g.add(pays...)
	g.settleTo(g.today(), target)
	g.finish()
	g.quietNotes()
}

// garage is a garage licence, paid monthly by Direct Debit or standing
// order, or weekly by card.
func (g *acctGen) garage() {
	t := seedTenancy{kind: domain.KindGarage, status: domain.StatusCurrent, pt: domain.PropertyGarage,
		start: g.longAgo(0, 20), charges: []seedCharge{{"garage", int64(g.between(1000, 1800)), true, false}}}
	switch x := g.r.IntN(100); {
	case x < 55:
		t.method = domain.MethodDirectDebit
		g.setup(t)
		g.postCharges()
		pays := g.stream(seedPayer{kind: seedPayDDMonthly, day: seedPick(g, []int{1, 15, 28})}, g.ledgerStart(), g.today(), 100)
		g.add(pays...)
		pivot := seedLastDate(pays)
		g.settleTo(pivot, g.monthlyTarget(pivot))
	case x < 75:
		t.method = domain.MethodStandingOrder
		g.setup(t)
		g.postCharges()
		pays := g.stream(seedPayer{kind: seedPayStandingOrder, day: g.between(1, 28), method: domain.MethodStandingOrder}, g.ledgerStart(), g.today(), 100)
		g.add(pays...)
		pivot := seedLastDate(pays)
		g.settleTo(pivot, g.monthlyTarget(pivot))
		g.a.profile = "standing-order"
	default:
		t.method = g.cardMethod()
		g.setup(t)
		g.postCharges()
		g.add(g.stream(seedPayer{kind: seedPayCardWeekly, day: g.between(0, 4), method: t.method}, g.ledgerStart(), g.today(), 100)...)
		g.settleTo(g.today(), g.weeksBetween(-100, 50))
		g.a.profile = "cash-card"
	}
	g.finish()
	g.quietNotes()
}

// leasehold is a leaseholder paying the service charge monthly.
func (g *acctGen) leasehold() {
	t := g.leaseTenancy()
	g.setup(t)
	g.postCharges()
	var pays []seedTxn
	if t.method == domain.MethodDirectDebit {
		pays = g.stream(seedPayer{kind: seedPayDDMonthly, day: seedPick(g, []int{1, 1, 15})}, g.ledgerStart(), g.today(), 100)
	} else {
		pays = g.stream(seedPayer{kind: seedPayStandingOrder, day: g.between(1, 28), method: t.method}, g.ledgerStart(), g.today(), 100)
		g.a.profile = "standing-order"
	}
	g.add(pays...)
	pivot := seedLastDate(pays)
	g.settleTo(pivot, g.monthlyTarget(pivot))
	g.finish()
	g.quietNotes()
}

func (g *acctGen) leaseTenancy() seedTenancy {
	pt := domain.PropertyFlat
	if g.chance(0.25) {
		pt = domain.PropertyMaisonette
	}
	method := domain.MethodDirectDebit
	if g.chance(0.3) {
		method = domain.MethodStandingOrder
	}
	return seedTenancy{kind: domain.KindLeasehold, tt: domain.TenancyLease, status: domain.StatusCurrent, pt: pt,
		start: g.longAgo(1, 35), method: method, charges: []seedCharge{{"service", int64(g.between(1200, 3000)), true, false}}}
}

// temporary is a household in temporary accommodation paying use and
// occupation charges through HB or UC.
func (g *acctGen) temporary() {
	t := g.taTenancy()
	if g.chance(0.55) {
		t.method = domain.MethodHB
		g.setup(t)
		g.postCharges()
		g.hbPayments()
		return
	}
	t.method, t.uc, t.managed = domain.MethodUC, true, domain.APAInPlace
	g.setup(t)
	g.postCharges()
	pays := g.stream(seedPayer{kind: seedPayUC, day: g.between(1, 28)}, g.firstPay(35, 42), g.today(), 100)
	g.add(pays...)
	g.settleTo(g.lastOf(pays, domain.TxnUC), -g.weeksBetween(100, 320))
	g.finish()
	g.a.profile = "uc"
	g.quietNotes()
}

func (g *acctGen) taTenancy() seedTenancy {
	tt := domain.TenancyLicence
	if g.chance(0.4) {
		tt = domain.TenancyNonSecure
	}
	window := g.cal.today.DaysSince(g.cal.histStart)
	return seedTenancy{kind: domain.KindTemporary, tt: tt, status: domain.StatusCurrent, pt: domain.PropertyFlat,
		start:   g.ago(g.between(60, window+400)),
		charges: []seedCharge{{"rent", int64(g.between(13000, 21000)), true, true}, {"service", int64(g.between(500, 2000)), true, true}}}
}

// ---- arrears: the ladder ----

// stopPaying makes the account owe target today, the payer having paid
// normally until lastAgo days ago (at least minAgo): roughly the days of
// charges that make up the arrears, so the balance before the stop was
// about clear. It returns the last day paid.
func (g *acctGen) stopPaying(p seedPayer, target int64, minAgo, maxAgo int) domain.Date {
	owedDays := int(target*7/max(g.weekly(), 1)) - g.between(0, 6)
	last := g.ago(min(max(owedDays, minAgo), maxAgo))
	g.add(g.stream(p, g.ledgerStart(), last, 100)...)
	g.settleTo(g.today(), target)
	g.finish()
	return g.lastPaid()
}

// arrearsRent is a settled secure tenancy (no new tenancies: the ladder
// needs a history) paying weekly by card or cash.
func (g *acctGen) arrearsRent(vulnerable bool) seedPayer {
	method := g.cardMethod()
	t := g.rent(false, method, false)
	t.vulnerable = vulnerable
	g.setup(t)
	g.postCharges()
	return seedPayer{kind: seedPayCardWeekly, day: g.between(0, 4), method: method}
}

// newArrears stopped paying two or three weeks ago and owes 1–2 weeks:
// nobody has been in touch yet.
func (g *acctGen) newArrears() {
	p := g.arrearsRent(false)
	g.stopPaying(p, g.weeksBetween(115, 185), 15, 21)
	g.quietNotesBefore(g.ago(30))
}

// firstLetter owes 2–4 weeks and has had no letter.
func (g *acctGen) firstLetter() {
	p := g.arrearsRent(false)
	g.stopPaying(p, g.weeksBetween(220, 370), 16, 27)
	if g.casework && g.chance(0.5) {
		g.note(g.ago(g.between(2, 10)), domain.ChannelPhone, "Called about the missed payments: no answer, left a voicemail asking the tenant to call back.")
	}
}

// chargesFor sums what the rent run debited for the weeks starting
// from..to: the base a payer's pct per cent is taken of.
func (g *acctGen) chargesFor(from, to domain.Date) int64 {
	var c int64
	for m := seedNextMonday(from); !m.After(to); m = m.AddDays(7) {
		c += g.weekCharge(m, false)
	}
	return c
}

// clearUntil has the payer pay in full until the day before slide, where
// the balance is pre (about clear): where a slide into arrears begins.
func (g *acctGen) clearUntil(p seedPayer, slide domain.Date, pre int64) {
	g.add(g.stream(p, g.ledgerStart(), slide.AddDays(-1), 100)...)
	g.settleTo(slide.AddDays(-1), pre)
}

// fitPhase has the payer pay, from from to payTo, the share of the charges
// that leaves the account owing about target at the end of pivot, given
// what the ledger already holds. It returns the share in per cent.
func (g *acctGen) fitPhase(p seedPayer, from, payTo, pivot domain.Date, target int64) int64 {
	owed := g.owedAt(pivot)
	base := g.chargesFor(from.AddDays(-p.day), domain.MinDate(payTo, pivot).AddDays(-p.day))
	var pct int64
	if base > 0 {
		pct = min(max((owed-target)*100/base, 0), 200)
	}
	g.add(g.stream(p, from, payTo, pct)...)
	return pct
}

// preAction owes 4–8 weeks and had a first letter 2–6 weeks ago.
func (g *acctGen) preAction() {
	p := g.arrearsRent(false)
	if g.chance(0.5) {
		g.stopPaying(p, g.weeksBetween(430, 720), 20, 60)
	} else {
		// Still paying something every week, too little to bring the
		// arrears under four weeks.
		slide := domain.RentWeekStart(g.ago(7 * g.between(8, 16)))
		g.clearUntil(p, slide, g.weeksBetween(-40, 30))
		g.fitPhase(p, slide, g.ago(g.between(2, 6)), g.today(), g.weeksBetween(520, 740))
		g.finish()
	}
	if !g.casework {
		return
	}
	letter := g.letterDate(g.ago(60), g.ago(16))
	g.letter(letter, domain.EventLetter1, "First arrears letter (LET1)")
	if g.chance(0.6) {
		d := letter.AddDays(g.between(2, 8))
		g.note(d, domain.ChannelPhone, fmt.Sprintf("Tenant called after the letter: %s. Said they would pay %s extra a week from Friday; nothing received since.",
			seedPick(g, seedArrearsReasons), seedMoney(int64(g.between(1, 4))*500)))
	}
}

// letter records an arrears letter quoting the balance that day.
func (g *acctGen) letter(d domain.Date, t domain.EventType, what string) {
	text := what + ": " + seedMoney(g.balanceAt(d)) + " owed"
	if t == domain.EventLetter2 {
		text += "; asked to contact us within 7 days"
	}
	g.event(d, t, text)
}

// letterDate is when the first letter went: a few days after the balance
// first reached two weeks, within [earliest, latest].
func (g *acctGen) letterDate(earliest, latest domain.Date) domain.Date {
	d := g.firstOwing(earliest, g.weeksOf(200))
	if d.IsZero() {
		d = latest
	} else {
		d = d.AddDays(g.between(3, 10))
	}
	d = domain.MaxDate(domain.MinDate(d, latest), earliest)
	// Letters go out on working days.
	return g.cal.hol.PreviousWorkingDay(d)
}

// seedLadder are the steps of the arrears ladder before a NOSP, worked
// backwards from the last Pre-Action Protocol step: the second letter
// before it, the first letter before that, and the slide into arrears a
// few weeks before the first letter.
type seedLadder struct{ slide, letter1, letter2, preAction domain.Date }

func (g *acctGen) ladderBack(preAction domain.Date) seedLadder {
	var l seedLadder
	l.preAction = preAction
	l.letter2 = g.cal.hol.PreviousWorkingDay(preAction.AddDays(-g.between(10, 21)))
	l.letter1 = g.cal.hol.PreviousWorkingDay(l.letter2.AddDays(-g.between(14, 28)))
	l.slide = domain.RentWeekStart(l.letter1.AddDays(-g.between(14, 28)))
	return l
}

// ladder records the letters and the Pre-Action Protocol steps, the last
// step on l.preAction.
func (g *acctGen) ladder(l seedLadder) {
	g.letter(l.letter1, domain.EventLetter1, "First arrears letter (LET1)")
	g.note(l.letter1.AddDays(g.between(1, 6)), domain.ChannelPhone,
		fmt.Sprintf("Spoke to tenant about the arrears: %s. Agreed to pay %s extra a week; did not keep to it.",
			seedPick(g, seedArrearsReasons), seedMoney(int64(g.between(1, 4))*500)))
	g.letter(l.letter2, domain.EventLetter2, "Second arrears letter (LET2)")
	steps := domain.PreActionItems // each a pre-action event naming its item
	for i, st := range steps {
		g.event(l.preAction.AddDays(-2*(len(steps)-1-i)), domain.EventPreAction, string(st))
	}
	g.note(l.preAction.AddDays(-2*(len(steps)-1)), domain.ChannelVisit,
		"Pre-action home visit: went through income and expenditure, gave a rent statement, checked UC entitlement and offered an affordable arrangement. Tenant would not commit to an amount.")
}

// considerNOSP owes 9–13 weeks with the pre-action steps done 2–5 weeks
// ago: still paying a little, or stopped a few weeks ago.
func (g *acctGen) considerNOSP() {
	p := g.arrearsRent(false)
	l := g.ladderBack(g.ago(g.between(16, 35)))
	g.clearUntil(p, l.slide, g.weeksBetween(-40, 30))
	payTo := g.ago(g.between(2, 6))
	if g.chance(0.4) {
		payTo = g.ago(g.between(15, 40))
	}
	g.fitPhase(p, l.slide, payTo, g.today(), g.weeksBetween(920, 1300))
	g.finish()
	if g.casework {
		g.ladder(l)
		if g.chance(0.35) {
			// An arrangement tried after the second letter that did not last.
			made := g.cal.hol.NextWorkingDay(l.letter2.AddDays(g.between(3, 7)))
			g.arrangement(made, seedNextMonday(made), "weekly", int64(g.between(1, 2))*500, g.balanceAt(made))
			ar := &g.a.arrangements[len(g.a.arrangements)-1]
			ar.Cancelled = true
			ar.CancelledOn = domain.MinDate(made.AddDays(g.between(14, 21)), l.preAction.AddDays(-1))
			ar.CancelReason = "Broken: no extra payments after the first fortnight; tenant not answering calls"
		}
	}
}

// seedNOSPDetail is a NOSP's detail with the date stated in the notice first
// (the worklist reads the first date as the date proceedings may begin).
func seedNOSPDetail(served domain.Date, balance int64) string {
	from := worklist.NOSPDates(served, domain.Date{}).ProceedingsFrom
	return fmt.Sprintf("Proceedings may begin after %s; served by hand on the tenant (Ground 1, arrears %s)", from, seedMoney(balance))
}

// seedNOSPLapses is the last day to issue proceedings on a NOSP served on
// served (worklist.NOSPDates).
func seedNOSPLapses(served domain.Date) domain.Date {
	return worklist.NOSPDates(served, domain.Date{}).LastDay
}

// nospServed has a NOSP in force, served 1–5 months ago, and is still
// paying short.
func (g *acctGen) nospServed() {
	p := g.arrearsRent(false)
	served := g.cal.hol.NextWorkingDay(g.ago(g.between(30, 150)))
	l := g.ladderBack(served.AddDays(-g.between(15, 30)))
	g.clearUntil(p, l.slide, g.weeksBetween(-40, 30))
	g.fitPhase(p, l.slide, g.ago(g.between(2, 6)), g.today(), g.weeksBetween(900, 1400))
	g.finish()
	if g.casework {
		g.ladder(l)
		g.event(served, domain.EventNOSPServed, seedNOSPDetail(served, g.balanceAt(served)))
	}
}

// nospExpiring had a NOSP served about 13 months ago that lapses within the
// next four weeks while the arrears remain: it paid the rent and a little
// more for months after the notice, then slipped again.
func (g *acctGen) nospExpiring() {
	var served domain.Date
	for back := 430; back >= 330; back-- {
		d := g.ago(back)
		if !g.cal.hol.IsWorkingDay(d) {
			continue
		}
		if l := seedNOSPLapses(d); !l.Before(g.ago(-6)) && !l.After(g.ago(-24)) {
			served = d
			if g.chance(0.3) {
				break
			}
		}
	}
	if served.IsZero() {
		served = g.cal.hol.PreviousWorkingDay(g.ago(380))
	}
	p := g.arrearsRent(false)
	l := g.ladderBack(served.AddDays(-g.between(15, 30)))
	g.clearUntil(p, l.slide, g.weeksBetween(-40, 30))
	g.fitPhase(p, l.slide, served.AddDays(-1), served, g.weeksBetween(700, 1000))
	relapse := g.ago(7 * g.between(10, 16))
	g.add(g.stream(p, served, relapse.AddDays(-1), 110)...)
	g.fitPhase(p, relapse, g.ago(g.between(2, 6)), g.today(), g.weeksBetween(600, 950))
	g.finish()
	if g.casework {
		g.ladder(l)
		g.event(served, domain.EventNOSPServed, seedNOSPDetail(served, g.balanceAt(served)))
		g.note(served.AddDays(g.between(10, 30)), domain.ChannelPhone,
			"Tenant called after the NOSP: agreed to pay the rent plus something towards the arrears. Told them the notice stays in force for 12 months.")
	}
}

// seedCourt are the dates of a possession case, for its events.
type seedCourt struct {
	ladder               seedLadder
	served, claim, order domain.Date
}

// courtCase is the road to a suspended possession order made orderAgo days
// ago on terms of rent plus £5 a week, owing between lo and hi per cent of
// a week's charge (costs included) at the order. It returns the first
// payday after the order and the weekly payment the terms need.
func (g *acctGen) courtCase(orderAgo, lo, hi int) (domain.Date, seedPayer) {
	m := &g.meta
	m.order = g.cal.hol.NextWorkingDay(g.ago(orderAgo))
	m.claim = g.cal.hol.NextWorkingDay(m.order.AddDays(-g.between(42, 70)))
	m.served = g.cal.hol.NextWorkingDay(m.claim.AddDays(-g.between(60, 150)))
	m.ladder = g.ladderBack(m.served.AddDays(-g.between(15, 30)))
	p := g.arrearsRent(false)
	g.clearUntil(p, m.ladder.slide, g.weeksBetween(-40, 30))
	g.add(seedTxn{date: m.order, typ: domain.TxnCourtCosts, amount: 35500, reference: "Possession claim",
		note: "Costs awarded at the possession hearing"})
	g.fitPhase(p, m.ladder.slide, m.order.AddDays(-1), m.order, g.weeksBetween(lo, hi))
	terms := seedPayer{kind: seedPayFixedWeekly, method: p.method, amount: g.weekly() + 500}
	return seedNextMonday(m.order.AddDays(1)), terms
}

// courtEvents records the possession case's ladder, notice, claim, hearing
// and order.
func (g *acctGen) courtEvents() {
	m := g.meta
	g.ladder(m.ladder)
	g.event(m.served, domain.EventNOSPServed, seedNOSPDetail(m.served, g.balanceAt(m.served)))
	g.event(m.claim, domain.EventCourtClaim, "Possession claim issued at Newtown County Court (N5, N119 and rent statement)")
	g.event(m.order, domain.EventHearing, seedPick(g, []string{"Hearing at Newtown County Court: tenant attended", "Hearing at Newtown County Court: tenant did not attend"}))
	g.event(m.order, domain.EventOrderSuspended, fmt.Sprintf("Suspended possession order: current rent plus £5.00 a week towards the arrears of %s; costs £355.00",
		seedMoney(g.balanceAt(m.order))))
}

// courtBreach had a suspended order, paid its terms for a few weeks and
// stopped: court-order-breach.
func (g *acctGen) courtBreach() {
	start, terms := g.courtCase(g.between(60, 110), 900, 1500)
	weeks := min(g.between(3, 6), max(1, g.ago(21).DaysSince(start)/7))
	g.add(g.stream(terms, start, start.AddDays(7*(weeks-1)), 100)...)
	g.finish()
	if !g.casework {
		return
	}
	g.courtEvents()
	if g.chance(0.4) {
		// The order's terms recorded as the arrangement it is monitored by.
		g.arrangement(g.meta.order, start, "weekly", 500, g.balanceAt(g.meta.order))
	}
}

// courtKept keeps to a suspended order's terms: quiet.
func (g *acctGen) courtKept() {
	start, terms := g.courtCase(g.between(60, 200), 800, 1300)
	g.add(g.stream(terms, start, g.today(), 100)...)
	g.finish()
	if g.casework {
		g.courtEvents()
		g.arrangement(g.meta.order, start, "weekly", 500, g.balanceAt(g.meta.order))
	}
}

// agreed is the road to an arrangement made on made: clear until a slide
// some weeks before, then paying short until the arrears reached about
// arrears on the day it was agreed.
func (g *acctGen) agreed(p seedPayer, made domain.Date, arrears int64) {
	slide := domain.RentWeekStart(made.AddDays(-7 * g.between(8, 16)))
	g.clearUntil(p, slide, g.weeksBetween(-40, 30))
	g.fitPhase(p, slide, made.AddDays(-g.between(1, 10)), made, arrears)
}

var seedInstalments = []int64{500, 750, 1000, 1500, 2000, 2500}

// instalmentFor picks an affordable weekly instalment that will not clear
// arrears before today.
func (g *acctGen) instalmentFor(arrears int64, weeks int) int64 {
	var fit []int64
	for _, i := range seedInstalments {
		if i*int64(weeks+4) < arrears {
			fit = append(fit, i)
		}
	}
	if len(fit) == 0 {
		return 500
	}
	return seedPick(g, fit)
}

// arrangementKept pays the rent plus the instalment on every due date.
func (g *acctGen) arrangementKept() {
	p := g.arrearsRent(g.chance(0.15))
	made := g.cal.hol.NextWorkingDay(g.ago(g.between(21, 180)))
	arrears := g.weeksBetween(250, 800)
	g.agreed(p, made, arrears)
	start := seedNextMonday(made)
	weeks := g.today().DaysSince(start) / 7
	inst := g.instalmentFor(arrears, weeks)
	freq := "weekly"
	if g.chance(0.3) {
		freq = "fortnightly"
		for d := start; !d.After(g.today()); d = d.AddDays(14) {
			g.add(seedPay(d, domain.TxnPayment, 2*g.weeklyOn(d)+inst, p.method, seedCardReference(p.method)))
		}
	} else {
		for d := start; !d.After(g.today()); d = d.AddDays(7) {
			g.add(seedPay(d, domain.TxnPayment, g.weeklyOn(d)+inst, p.method, seedCardReference(p.method)))
		}
	}
	g.finish()
	if g.casework {
		g.arrangementStory(made, start, freq, inst)
	}
}

// arrangementStory records the letter before an arrangement, the call that
// agreed it and the arrangement.
func (g *acctGen) arrangementStory(made, start domain.Date, freq string, inst int64) {
	g.letter(g.cal.hol.PreviousWorkingDay(made.AddDays(-g.between(14, 40))), domain.EventLetter1, "First arrears letter (LET1)")
	g.note(made, seedPick(g, []domain.Channel{domain.ChannelPhone, domain.ChannelOffice, domain.ChannelVisit}),
		fmt.Sprintf("Agreed an arrangement after going through income and expenditure: %s %s towards arrears of %s, on top of the rent, from %s.",
			seedMoney(inst), freq, seedMoney(g.balanceAt(made)), start.Human()))
	g.arrangement(made, start, freq, inst, g.balanceAt(made))
}

// arrangementBroken kept an arrangement for a few instalments, then
// stopped paying three or more weeks ago.
func (g *acctGen) arrangementBroken() {
	p := g.arrearsRent(false)
	made := g.cal.hol.NextWorkingDay(g.ago(g.between(45, 100)))
	arrears := g.weeksBetween(300, 900)
	g.agreed(p, made, arrears)
	start := seedNextMonday(made)
	inst := g.instalmentFor(arrears, 12)
	paid := min(g.between(2, 5), max(1, g.ago(21).DaysSince(start)/7+1))
	for k := range paid {
		d := start.AddDays(7 * k)
		g.add(seedPay(d, domain.TxnPayment, g.weeklyOn(d)+inst, p.method, seedCardReference(p.method)))
	}
	g.finish()
	if g.casework {
		g.arrangementStory(made, start, "weekly", inst)
		if g.chance(0.5) {
			g.note(g.lastPaid().AddDays(g.between(2, 5)), domain.ChannelSMS, "Tenant texted: will be short this week, will catch up on payday.")
		}
	}
}

// arrangementCompleted cleared the arrears it was made for and carries on
// paying the rent.
func (g *acctGen) arrangementCompleted() {
	p := g.arrearsRent(false)
	made := g.cal.hol.NextWorkingDay(g.ago(g.between(110, 200)))
	start := seedNextMonday(made)
	inst := seedPick(g, []int64{1000, 1500, 2000})
	weeks := g.ago(14).DaysSince(start) / 7
	g.agreed(p, made, min(int64(g.between(6000, 20000)), inst*int64(weeks-2)))
	// Enough instalments to clear what was actually owed that day.
	n := int((g.owedAt(made) + inst - 1) / inst)
	for k := 0; !start.AddDays(7 * k).After(g.today()); k++ {
		d := start.AddDays(7 * k)
		amount := g.weeklyOn(d)
		if k < n {
			amount += inst
		}
		g.add(seedPay(d, domain.TxnPayment, amount, p.method, seedCardReference(p.method)))
	}
	g.finish()
	if g.casework {
		g.arrangementStory(made, start, "weekly", inst)
	}
}

// ddUnpaid's latest Direct Debit came back unpaid in the last fortnight.
func (g *acctGen) ddUnpaid() {
	g.setup(g.rent(false, domain.MethodDirectDebit, false))
	g.postCharges()
	code := seedPick(g, seedUnpaidCodes)
	var pays []seedTxn
	bounced := -1
	if g.chance(0.5) {
		pays = g.stream(seedPayer{kind: seedPayDDWeekly, method: domain.MethodDirectDebit}, g.ledgerStart(), g.today(), 100)
		// The latest collection whose return (3 working days on) is in,
		// unless rent-free weeks put it more than a fortnight back.
		for i := len(pays) - 1; i >= 0; i-- {
			back := g.cal.hol.AddWorkingDays(pays[i].date, 3)
			if !back.After(g.ago(1)) {
				if !back.Before(g.ago(12)) {
					bounced = i
				}
				break
			}
		}
	}
	if bounced >= 0 {
		if !strings.HasPrefix(code, "ARUDD 0") {
			pays = pays[:bounced+1] // the instruction is gone: nothing collected since
		}
		g.a.profile = "dd-weekly"
	} else {
		collected := g.cal.hol.NextWorkingDay(g.ago(g.between(6, 9)))
		day := collected.Day()
		if day > 28 {
			day = 28
		}
		pays = g.stream(seedPayer{kind: seedPayDDMonthly, day: day}, g.ledgerStart(), g.today(), 100)
		bounced = len(pays) - 1
		g.a.profile = "dd-monthly"
	}
	g.add(pays...)
	b := &g.a.txns[len(g.a.txns)-len(pays)+bounced]
	back := g.cal.hol.AddWorkingDays(b.date, 3)
	if back.After(g.today()) {
		back = g.today()
	}
	g.add(seedTxn{date: back, typ: domain.TxnReversal, amount: -b.amount, method: domain.MethodDirectDebit,
		reference: "ARUDD", note: "Direct Debit returned unpaid: " + strings.TrimPrefix(code, "ARUDD "), reverses: b.id})
	pivot := b.date.AddDays(-1)
	if g.a.profile == "dd-weekly" {
		g.settleTo(pivot, 0)
	} else {
		g.settleTo(pivot, g.monthlyTarget(pivot)+g.monthlyDD(pivot))
	}
	g.finish()
	if g.casework {
		g.event(back, domain.EventDDUnpaid, code)
	}
}

// ucArrears is a UC claimant paid the housing element themselves who has
// stopped paying the rent: two months' rent or more, no managed payment yet.
func (g *acctGen) ucArrears() {
	g.ucOwing()
	if g.casework {
		letter := g.letterDate(g.ago(60), g.ago(16))
		g.letter(letter, domain.EventLetter1, "First arrears letter (LET1)")
		g.note(letter.AddDays(g.between(1, 7)), domain.ChannelPhone,
			fmt.Sprintf("Tenant on UC called: %s. Rent has not been paid from the housing element since %s.", seedPick(g, seedArrearsReasons), g.lastPaid().Human()))
	}
}

func (g *acctGen) ucOwing() {
	t := g.rent(false, domain.MethodBank, false)
	t.uc, t.vulnerable = true, false
	g.setup(t)
	g.postCharges()
	target := 2 * g.ucMonthly(g.today(), false) * int64(g.between(108, 140)) / 100
	g.stopPaying(seedPayer{kind: seedPayUCSelf, day: g.between(1, 28)}, target, 45, 120)
}

// ucAPARequested owes as much but a managed payment has been requested.
func (g *acctGen) ucAPARequested() {
	g.ucOwing()
	if !g.casework {
		return
	}
	letter := g.letterDate(g.ago(70), g.ago(25))
	g.letter(letter, domain.EventLetter1, "First arrears letter (LET1)")
	d := g.cal.hol.NextWorkingDay(g.ago(g.between(5, 18)))
	g.event(d, domain.EventAPARequested, "Requested a managed payment through the UC landlord portal (arrears over two months' rent)")
	g.a.managed = domain.APARequested
}

// vulnerableArrears is a vulnerable resident owing 2–6 weeks: the worklist
// asks for a support review before any enforcement.
func (g *acctGen) vulnerableArrears() {
	p := g.arrearsRent(true)
	g.stopPaying(p, g.weeksBetween(250, 550), 16, 45)
	if !g.casework {
		return
	}
	g.note(g.ago(g.between(120, 400)), domain.ChannelNone, seedPick(g, seedVulnerabilities))
	if g.chance(0.4) {
		d := g.ago(g.between(60, 200))
		g.event(d, domain.EventReferral, seedPick(g, seedReferrals))
	}
	if g.chance(0.5) {
		letter := g.letterDate(g.ago(45), g.ago(16))
		g.letter(letter, domain.EventLetter1, "First arrears letter (LET1)")
	}
}

// paused owes a few weeks while something outside the tenant's control is
// sorted out; the officer paused the case.
func (g *acctGen) paused() {
	p := g.arrearsRent(false)
	g.stopPaying(p, g.weeksBetween(250, 600), 16, 50)
	if !g.casework {
		return
	}
	reason := seedPick(g, seedPauseReasons)
	on := g.ago(g.between(0, 10))
	g.note(on, domain.ChannelPhone, "Paused arrears action: "+reason+".")
	g.a.pauseUntil, g.a.pauseReason = g.ago(-g.between(5, 30)), reason
}

// garageArrears has stopped paying for the garage.
func (g *acctGen) garageArrears() {
	method := g.cardMethod()
	g.setup(seedTenancy{kind: domain.KindGarage, status: domain.StatusCurrent, pt: domain.PropertyGarage, start: g.longAgo(0, 20),
		method: method, charges: []seedCharge{{"garage", int64(g.between(1000, 1800)), true, false}}})
	g.postCharges()
	g.stopPaying(seedPayer{kind: seedPayCardWeekly, day: g.between(0, 4), method: method}, g.weeksBetween(220, 600), 16, 60)
	if g.casework && g.a.balance >= g.weeksOf(400) {
		letter := g.letterDate(g.ago(60), g.ago(16))
		g.letter(letter, domain.EventLetter1, "Garage arrears letter")
	}
}

// leaseholdArrears has stopped paying the service charge.
func (g *acctGen) leaseholdArrears() {
	t := g.leaseTenancy()
	g.setup(t)
	g.postCharges()
	kind := seedPayDDMonthly
	if t.method != domain.MethodDirectDebit {
		kind = seedPayStandingOrder
	}
	g.stopPaying(seedPayer{kind: kind, day: g.between(1, 28), method: t.method}, g.weeksBetween(300, 700), 45, 90)
	if g.casework {
		letter := g.letterDate(g.ago(60), g.ago(16))
		g.letter(letter, domain.EventLetter1, "Service charge arrears letter (with the summary of rights and obligations)")
	}
}

// temporaryArrears is a household in temporary accommodation whose own
// payments stopped.
func (g *acctGen) temporaryArrears() {
	t := g.taTenancy()
	t.start = domain.MinDate(t.start, g.cal.histStart.AddDays(-g.between(30, 200)))
	t.method, t.uc = domain.MethodBank, true
	g.setup(t)
	g.postCharges()
	g.stopPaying(seedPayer{kind: seedPayUCSelf, day: g.between(1, 28)}, g.weeksBetween(250, 600), 45, 90)
	if g.casework && g.chance(0.5) {
		letter := g.letterDate(g.ago(60), g.ago(16))
		g.letter(letter, domain.EventLetter1, "Use and occupation charge arrears letter")
	}
}

// ---- former tenants and sundry debts ----

// formerTenancy is a tenancy that ended inside the history, paying short
// in its last months.
func (g *acctGen) formerTenancy() seedPayer {
	window := g.cal.today.DaysSince(g.cal.histStart)
	end := g.ago(g.between(35, min(3*365, window-60)))
	pt := g.homeType()
	t := seedTenancy{kind: domain.KindFormerTenant, tt: domain.TenancySecure, status: domain.StatusFormer, pt: pt,
		start: end.AddDays(-g.between(2*365, 20*365)), end: end, rf: g.rentFreeWeeks(), method: g.cardMethod(),
		charges: g.rentCharges(pt, false)}
	if t.start.After(g.cal.histStart) {
		t.start = g.cal.histStart.AddDays(-g.between(30, 400))
	}
	g.setup(t)
	g.postCharges()
	p := seedPayer{kind: seedPayCardWeekly, day: g.between(0, 4), method: t.method}
	slide := domain.RentWeekStart(end.AddDays(-7 * g.between(8, 26)))
	g.add(g.stream(p, g.ledgerStart(), slide.AddDays(-1), 100)...)
	g.add(g.stream(p, slide, end.AddDays(-g.between(0, 21)), int64(g.between(0, 50)))...)
	return p
}

func (g *acctGen) formerStory() {
	how := seedPick(g, []string{
		"keys returned; forwarding address given",
		"property abandoned; no forwarding address, trace requested",
		"tenant moved into residential care; family handling affairs",
		"tenancy ended by notice; forwarding address given",
		"tenant evicted under a warrant for possession",
	})
	g.note(g.end.AddDays(g.between(1, 10)), domain.ChannelNone, "Tenancy ended "+g.end.Human()+": "+how+".")
}

// formerDebt left owing and has paid nothing since.
func (g *acctGen) formerDebt() {
	g.formerTenancy()
	g.settleTo(g.today(), int64(g.between(200, 3500))*100)
	g.finish()
	if g.casework {
		g.formerStory()
		if d := g.end.AddDays(g.between(14, 30)); !d.After(g.today()) {
			g.letter(d, domain.EventLetter1, "Former tenant arrears letter sent to the last known address")
		}
	}
}

// formerPaying pays a little every month towards a former tenancy debt;
// some have lately stopped.
func (g *acctGen) formerPaying() {
	g.formerTenancy()
	from := g.end.AddDays(g.between(30, 60))
	to := g.today()
	if g.chance(0.4) {
		to = g.ago(g.between(40, 200))
	}
	amount := int64(g.between(1, 5)) * 500
	day := g.between(1, 28)
	for mo := domain.MustDate(from.Year(), from.Month(), 1); !mo.After(to); mo = mo.AddMonthsClamped(1) {
		d := g.cal.hol.NextWorkingDay(domain.MustDate(mo.Year(), mo.Month(), day))
		if !d.Before(from) && !d.After(to) {
			g.add(seedPay(d, domain.TxnPayment, amount, domain.MethodStandingOrder, "Standing order"))
		}
	}
	g.settleTo(g.today(), int64(g.between(150, 2500))*100)
	g.finish()
	if g.casework {
		g.formerStory()
		if from.Before(g.today()) {
			g.note(from.AddDays(-g.between(3, 20)), domain.ChannelPhone,
				fmt.Sprintf("Former tenant agreed to pay %s a month by standing order towards the debt.", seedMoney(amount)))
		}
	}
}

// formerCredit left in credit: the Direct Debit ran on after the end.
func (g *acctGen) formerCredit() {
	window := g.cal.today.DaysSince(g.cal.histStart)
	end := g.ago(g.between(20, min(300, window-60)))
	pt := g.homeType()
	g.setup(seedTenancy{kind: domain.KindFormerTenant, tt: domain.TenancySecure, status: domain.StatusFormer, pt: pt,
		start: g.longAgo(0, 20), end: end, rf: g.rentFreeWeeks(), method: domain.MethodDirectDebit, charges: g.rentCharges(pt, false)})
	g.postCharges()
	g.add(g.stream(seedPayer{kind: seedPayDDWeekly, method: domain.MethodDirectDebit}, g.ledgerStart(), end, 100)...)
	for k := 1; k <= g.between(1, 2); k++ {
		if d := g.cal.hol.NextWorkingDay(seedNextMonday(end).AddDays(7 * (k - 1))); !d.After(g.today()) {
			g.add(seedPay(d, domain.TxnPayment, g.weeklyOn(end), domain.MethodDirectDebit, "Direct Debit"))
		}
	}
	g.settleTo(g.today(), -int64(g.between(15, 450))*100)
	g.finish()
	if g.casework {
		g.formerStory()
		g.note(g.end.AddDays(g.between(12, 18)), domain.ChannelLetter, "Wrote to the former tenant for bank details to refund the credit: the Direct Debit ran on after the tenancy ended.")
	}
}

// sundry sets up a sundry debt account invoiced on invoiced.
func (g *acctGen) sundry(invoiced domain.Date, amount int64) {
	g.setup(seedTenancy{kind: domain.KindSundry, status: domain.StatusCurrent, start: invoiced, method: g.cardMethod()})
	g.add(seedTxn{date: invoiced, typ: domain.TxnCharge, amount: amount,
		reference: fmt.Sprintf("INV-%c%05d", 'A'+rune(g.r.IntN(26)), g.r.IntN(100000)), note: seedPick(g, seedRecharges)})
}

// sundryArrangement pays a recharge off by instalments.
func (g *acctGen) sundryArrangement() {
	window := g.cal.today.DaysSince(g.cal.histStart)
	invoiced := g.ago(g.between(60, min(400, window-7)))
	amount := int64(g.between(150, 950)) * 100
	g.sundry(invoiced, amount)
	made := g.cal.hol.NextWorkingDay(invoiced.AddDays(g.between(14, 40)))
	freq, inst, step := "weekly", seedPick(g, []int64{500, 1000, 1500}), 7
	if g.chance(0.4) {
		freq, inst, step = "monthly", seedPick(g, []int64{2000, 3000, 4000}), 0
	}
	start := seedNextMonday(made)
	paid := int64(0)
	for k := 0; paid < amount; k++ {
		d := start.AddDays(step * k)
		if step == 0 {
			d = start.AddMonthsClamped(k)
		}
		if d.After(g.today()) {
			break
		}
		x := min(inst, amount-paid)
		g.add(seedPay(d, domain.TxnPayment, x, g.a.acct.PaymentMethod, seedCardReference(g.a.acct.PaymentMethod)))
		paid += x
	}
	g.finish()
	if g.casework && !made.After(g.today()) {
		g.note(made, domain.ChannelPhone, fmt.Sprintf("Agreed to pay the recharge of %s at %s %s.", seedMoney(amount), seedMoney(inst), freq))
		g.arrangement(made, start, freq, inst, amount)
	}
	g.a.profile = "arrangement"
}

// sundryDebt is an unpaid recharge with a letter sent.
func (g *acctGen) sundryDebt() {
	invoiced := g.ago(g.between(45, 200))
	amount := int64(g.between(180, 1200)) * 100
	g.sundry(invoiced, amount)
	if g.chance(0.4) {
		d := invoiced.AddDays(g.between(10, 30))
		g.add(seedPay(d, domain.TxnPayment, int64(g.between(1, 4))*1000, g.a.acct.PaymentMethod, seedCardReference(g.a.acct.PaymentMethod)))
	}
	g.finish()
	if g.casework {
		d := g.cal.hol.NextWorkingDay(domain.MinDate(invoiced.AddDays(g.between(21, 35)), g.ago(16)))
		g.letter(d, domain.EventLetter1, "Sundry debt reminder")
	}
}

// ---- Right to Buy ----

// rightToBuy is a secure tenant with a claim at the slot's stage. Every
// step is one the law allows at that point (domain/rtb replays them).
func (g *acctGen) rightToBuy() {
	T := g.today()
	type step struct {
		ago    int
		typ    string
		detail string
	}
	var (
		received   int
		property   = "house"
		other      bool
		steps      []step
		completion int
	)
	admitted := "RTB2 served by post: the right to buy is admitted"
	offer := func() string {
		value := int64(g.between(30, 70)) * 500000
		if property == "flat" {
			value = int64(g.between(25, 45)) * 500000
		}
		discount := min(value*35/100, 3800000)
		return fmt.Sprintf("s125 offer served: value %s, discount %s, price %s", seedMoney(value), seedMoney(discount), seedMoney(value-discount))
	}
	switch g.slot.rtb {
	case "received":
		received = 3
	case "rtb2-overdue":
		received = 31
	case "rtb2-due":
		received = 24
	case "rtb2-other-landlord":
		received, other = 35, true
	case "offer-due":
		received = 71
		steps = []step{{51, "rtb2-admitted", admitted}}
	case "offer-overdue":
		received, property = 115, "flat"
		steps = []step{{93, "rtb2-admitted", admitted}}
	case "offer-pending":
		received, property = 50, "flat"
		steps = []step{{30, "rtb2-admitted", admitted}}
	case "awaiting-reply":
		received = 140
		steps = []step{{118, "rtb2-admitted", admitted}, {70, "s125-served", ""}}
	case "rtb6":
		received = 160
		steps = []step{{140, "rtb2-admitted", admitted}, {27, "rtb6-served", "Tenant served an RTB6 initial notice of delay: the s125 offer is late"},
			{10, "s125-served", ""}}
	case "dv-determination":
		received = 220
		steps = []step{{200, "rtb2-admitted", admitted}, {160, "s125-served", ""},
			{30, "dv-determination", "District Valuer's determination notified (s128(5)); the tenant's 12 weeks start again"}}
	case "withdrawn":
		received, property = 200, "flat"
		steps = []step{{180, "rtb2-admitted", admitted}, {120, "s125-served", ""}, {60, "tenant-withdrew", "Tenant withdrew the claim in writing"}}
	case "denied":
		received = 90
		steps = []step{{70, "rtb2-denied", "RTB2 served denying the right: 2 years 5 months of public-sector tenancy, 3 years needed"}}
	case "notice-to-complete":
		received, property = 330, "flat"
		steps = []step{{310, "rtb2-admitted", admitted}, {260, "s125-served", ""}, {200, "tenant-accepted", "Tenant's notice to pursue the claim (s125D) received"},
			{40, "s140-served", "First notice to complete (s140) served"}}
	case "completed":
		received, completion = 420, 120
		steps = []step{{400, "rtb2-admitted", admitted}, {350, "s125-served", ""}, {300, "tenant-accepted", "Tenant's notice to pursue the claim (s125D) received"},
			{completion, "completed", "Sale completed; the freehold transferred"}}
	}
	receivedOn := T.AddDays(-received)
	pt := domain.PropertyHouse
	if property == "flat" {
		pt = domain.PropertyFlat
	}
	start := receivedOn.AddDays(-g.between(4*365, 25*365))
	if g.slot.rtb == "denied" {
		start = receivedOn.AddDays(-(2*365 + 150))
	}
	t := seedTenancy{kind: domain.KindRent, tt: domain.TenancySecure, status: domain.StatusCurrent, pt: pt, start: start,
		rf: g.rentFreeWeeks(), method: domain.MethodDirectDebit, charges: g.rentCharges(pt, false)}
	if completion > 0 {
		t.kind, t.status, t.end = domain.KindFormerTenant, domain.StatusFormer, T.AddDays(-completion)
	}
	g.setup(t)
	g.postCharges()
	if g.slot.sc.name == "dd-monthly" && completion == 0 {
		pays := g.stream(seedPayer{kind: seedPayDDMonthly, day: 1}, g.firstPay(7, 21), T, 100)
		g.add(pays...)
		pivot := domain.MaxDate(seedLastDate(pays), g.ledgerStart())
		g.settleTo(pivot, g.monthlyTarget(pivot))
		g.a.profile = "dd-monthly"
	} else {
		to := T
		if completion > 0 {
			to = t.end
		}
		g.add(g.stream(seedPayer{kind: seedPayDDWeekly, method: domain.MethodDirectDebit}, g.firstPay(7, 14), to, 100)...)
		g.settleTo(T, 0)
		g.a.profile = "dd-weekly"
	}
	g.finish()
	rb := &store.BatchRTB{Received: receivedOn, PropertyType: property, OtherLandlord: other}
	rb.Steps = append(rb.Steps, store.BatchRTBStep{Date: receivedOn, Type: "rtb1-received", Detail: "RTB1 claim form received at the Newtown office"})
	for _, s := range steps {
		detail := s.detail
		if s.typ == "s125-served" {
			detail = offer()
		}
		rb.Steps = append(rb.Steps, store.BatchRTBStep{Date: T.AddDays(-s.ago), Type: s.typ, Detail: detail})
	}
	g.a.rtb = rb
	// The fraud assessment runs alongside the clocks.
	if received >= 20 {
		checked := receivedOn.AddDays(g.between(5, 12))
		rb.Checks = append(rb.Checks,
			store.BatchCheck{Item: "identity", Status: "passed", On: checked, Note: "Passport and photocard licence seen for the applicant"},
			store.BatchCheck{Item: "principal-home", Status: "passed", On: checked, Note: "Council tax, electoral roll and NFI match this address"})
		qp := store.BatchCheck{Item: "qualifying-period", Status: "passed", On: checked, Note: "Tenancy history on file covers the qualifying period"}
		if other {
			qp = store.BatchCheck{Item: "qualifying-period", Status: "in-progress", On: checked, Note: "Written to the previous landlord to confirm the tenancy dates"}
		}
		rb.Checks = append(rb.Checks, qp)
		switch {
		case g.slot.rtb == "offer-pending":
			rb.Checks = append(rb.Checks, store.BatchCheck{Item: "source-of-funds", Status: "concern", On: checked,
				Note: "Gift of the deposit from a third party: donor ID and three months' statements not yet provided"})
		case received >= 70:
			rb.Checks = append(rb.Checks, store.BatchCheck{Item: "source-of-funds", Status: "in-progress", On: checked,
				Note: "Mortgage agreement in principle seen; money-laundering declaration awaited"})
		}
	}
	if g.casework {
		g.note(receivedOn, domain.ChannelLetter, "Right to Buy claim (RTB1) received; acknowledged and logged for the statutory clocks.")
	}
}

// ---- casework ----

func (g *acctGen) note(d domain.Date, ch domain.Channel, text string) *seedNote {
	if d.After(g.today()) {
		d = g.today()
	}
	g.a.notes = append(g.a.notes, seedNote{date: d, channel: ch, text: text})
	return &g.a.notes[len(g.a.notes)-1]
}

func (g *acctGen) event(d domain.Date, t domain.EventType, detail string) {
	if d.After(g.today()) {
		d = g.today()
	}
	g.a.events = append(g.a.events, seedEvent{date: d, typ: t, detail: detail})
}

func (g *acctGen) arrangement(made, start domain.Date, freq string, inst, arrears int64) {
	g.a.arrangements = append(g.a.arrangements, store.BatchArrangement{MadeOn: made, Start: start, Frequency: freq,
		Instalment: domain.Pence(inst), Arrears: domain.Pence(arrears)})
}

// quietNotes gives a quarter of the quiet accounts an everyday note or
// two, some with a follow-up that was done.
func (g *acctGen) quietNotes() { g.quietNotesBefore(g.today()) }

func (g *acctGen) quietNotesBefore(latest domain.Date) {
	if !g.casework || !g.chance(0.25) {
		return
	}
	first := g.ledgerStart()
	span := latest.DaysSince(first)
	if span < 14 {
		return
	}
	for range g.between(1, 2) {
		q := seedPick(g, seedQuietNotes)
		d := first.AddDays(g.between(0, span))
		n := g.note(d, domain.Channel(q.channel), q.text)
		if q.followUp && g.chance(0.5) {
			if fu := d.AddDays(g.between(3, 14)); fu.Before(g.today()) {
				n.followUp, n.done = fu, fu.AddDays(g.between(0, 2))
				if n.done.After(g.today()) {
					n.done = g.today()
				}
			}
		}
	}
}

// diary sets the slot's follow-up: due today, overdue or later.
func (g *acctGen) diary() {
	if g.slot.diary == seedDiaryNone {
		return
	}
	var due domain.Date
	switch g.slot.diary {
	case seedDiaryToday:
		due = g.today()
	case seedDiaryOverdue:
		due = g.ago(g.between(1, 8))
	default:
		due = g.ago(-g.between(1, 30))
	}
	// The officer's own reminder: a plain note, not a contact.
	made := domain.MinDate(due.AddDays(-g.between(3, 14)), g.today())
	n := g.note(made, domain.ChannelNone, seedPick(g, seedDiaryTexts))
	n.followUp = due
}
