package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"caseload/domain"
	"caseload/domain/rtb"
	"caseload/store"
)

func init() {
	register("rtb deadlines", "rtb deadlines --received D --property house|flat [--other-landlord] [--leasehold] [--rtb2-served D] [--s125-served D] [--format json]",
		"Right to Buy statutory dates and how each is counted (needs no database)", runRTBDeadlines)
	register("rtb discount", "rtb discount --value X --years N --property house|flat --region R [--authority NAME] --received D [--previous-discount X] [--cost-floor X] [--format json]",
		"Right to Buy discount, cap and price (needs no database)", runRTBDiscount)
	register("rtb add", "rtb add REF --received D --property house|flat [--other-landlord] [--leasehold]",
		"open a Right to Buy claim on an account", runRTBAdd)
	register("rtb event", "rtb event CASE TYPE --date D [--ends D] [--detail X]",
		"record the next step of a claim (CASE: case id, or the account ref; TYPE: "+joined(rtb.EventTypes)+")", runRTBEvent)
	register("rtb check", "rtb check CASE ITEM STATUS [--note X]",
		"set an item of a claim's fraud checklist (ITEM: "+joined(rtb.FraudChecks)+"; STATUS: "+joined(rtb.CheckStatuses)+")", runRTBCheck)
	register("rtb list", "rtb list [--all] [--closed] [--format table|csv|json]",
		"Right to Buy claims with their next deadline, most urgent first", runRTBList)
	register("rtb show", "rtb show CASE [--format json]",
		"one claim: timeline, every date and how it was counted, checklist, rent credit", runRTBShow)
}

// joined lists the values of a string enum for help text.
func joined[T ~string](values []T) string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return strings.Join(out, ", ")
}

// requiredFlag is a usage error when a flag the command needs is missing.
func requiredFlag(cmd, flagName, v string) error {
	if v == "" {
		return usagef("caseload %s: %s is required (usage: caseload %s)", cmd, flagName, commands[cmd].usage)
	}
	return nil
}

// ---- rtb deadlines ----

// rtbDeadlinesJSON is `caseload rtb deadlines --format json`: the CLI.md
// fields (rtb2_due, s125_due, tenant_response_due) first, then what they
// were computed from and each deadline with how it was counted.
type rtbDeadlinesJSON struct {
	rtb.StatutoryDates
	Received      domain.Date  `json:"received"`
	Property      rtb.Property `json:"property"`
	Leasehold     bool         `json:"leasehold"`
	SoldOnLease   bool         `json:"sold_on_lease"`
	OtherLandlord bool         `json:"other_landlord"`
	RTB2Served    *domain.Date `json:"rtb2_served"`
	S125Served    *domain.Date `json:"s125_served"`
}

func runRTBDeadlines(e env, args []string) error {
	s := newSettings("rtb deadlines", e).withFormat()
	received := s.fs.String("received", "", "date the RTB1 was received YYYY-MM-DD")
	property := s.fs.String("property", "", "house or flat")
	other := s.fs.Bool("other-landlord", false, "the tenant relies on years with another public-sector landlord")
	leasehold := s.fs.Bool("leasehold", false, "a house that will be sold on a lease")
	rtb2 := s.fs.String("rtb2-served", "", "date the RTB2 admitting the right was served")
	s125 := s.fs.String("s125-served", "", "date the s125 offer notice was served")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 0, ""); err != nil {
		return err
	}
	q := rtb.DeadlineQuery{OtherLandlord: *other, Leasehold: *leasehold}
	if q.Received, err = requiredDate(s, "--received", *received); err != nil {
		return err
	}
	if err := requiredFlag(s.name, "--property", *property); err != nil {
		return err
	}
	if q.Property, err = rtb.ParseProperty(*property); err != nil {
		return err
	}
	if q.RTB2Served, err = optionalDate("--rtb2-served", *rtb2); err != nil {
		return err
	}
	if q.S125Served, err = optionalDate("--s125-served", *s125); err != nil {
		return err
	}
	// A calculator: no database is opened, so none is created.
	out, err := rtb.StatutoryDeadlines(q, domain.DefaultHolidays())
	if err != nil {
		return err
	}
	facts := rtb.Facts{Received: q.Received, Property: q.Property, Leasehold: q.Leasehold, OtherLandlord: q.OtherLandlord}
	switch s.format {
	case "json":
		return writeJSON(e.stdout, rtbDeadlinesJSON{
			StatutoryDates: out, Received: q.Received, Property: q.Property, Leasehold: q.Leasehold,
			SoldOnLease: facts.SoldOnLease(), OtherLandlord: q.OtherLandlord,
			RTB2Served: datePtr(q.RTB2Served), S125Served: datePtr(q.S125Served),
		})
	case "csv":
		return deadlineTable(out.Deadlines).write(e.stdout, "csv")
	}
	fmt.Fprintf(e.stdout, "Right to Buy dates for an RTB1 received %s: %s.\n", q.Received.Human(), rtb.DescribeFacts(facts))
	for _, d := range out.Deadlines {
		fmt.Fprintln(e.stdout)
		writeDeadline(e.stdout, d, "")
	}
	if out.S125Due == nil {
		fmt.Fprintln(e.stdout, "\ns125 offer notice (price and terms)\n  not running yet: it starts when the RTB2 admitting the right is served (give --rtb2-served)")
	}
	if out.TenantResponseDue == nil {
		fmt.Fprintln(e.stdout, "\nTenant's reply to the offer (s125D)\n  not running yet: it starts when the s125 offer is served (give --s125-served)")
	}
	fmt.Fprintln(e.stdout, "\nBank holidays never move these dates; ±1 day marks a period the statute leaves ambiguous: act by the earlier day.")
	return nil
}

// deadlineTable is the deadlines as rows, for CSV.
func deadlineTable(ds []rtb.Deadline) *table {
	t := &table{header: []string{"key", "name", "who", "kind", "due", "plus_minus_one_day", "bank_holiday", "status", "outcome", "rule", "warnings", "action", "if_missed"}}
	for _, d := range ds {
		t.add(d.Key, d.Name, string(d.Who), string(d.Kind), d.Due.String(), strconv.FormatBool(d.PlusMinusOneDay), d.BankHoliday,
			string(d.Status), d.Outcome, d.Rule, strings.Join(d.Warnings, "; "), d.Action, d.IfMissed)
	}
	return t
}

// writeDeadline writes one computed date in words: what, whose, when, how
// it was counted, what to watch, what to do, what follows if missed.
func writeDeadline(w io.Writer, d rtb.Deadline, indent string) {
	when := "due " + d.Due.Human()
	if d.Kind == rtb.MayServeFrom {
		when = "from " + d.Due.Human()
	}
	if d.PlusMinusOneDay {
		when += " (±1 day)"
	}
	fmt.Fprintf(w, "%s%s — %s, %s\n", indent, d.Name, d.Who, when)
	line := func(label, text string) {
		if text != "" {
			fmt.Fprintf(w, "%s  %-10s %s\n", indent, label+":", text)
		}
	}
	line("how", d.Rule)
	for _, warn := range d.Warnings {
		line("warning", warn)
	}
	switch d.Status {
	case rtb.Open:
		line("action", d.Action)
		line("if missed", d.IfMissed)
		line("status", "open")
	default:
		line("status", d.Outcome)
	}
}

// ---- rtb discount ----

// rtbDiscountJSON is `caseload rtb discount --format json`: the CLI.md
// fields (eligible, percent, discount, cap, price) and the working.
type rtbDiscountJSON struct {
	rtb.Discount
	Value            domain.Money `json:"value"`
	Years            int          `json:"years"`
	Property         rtb.Property `json:"property"`
	Region           rtb.Region   `json:"region"`
	Authority        string       `json:"authority,omitempty"`
	Received         domain.Date  `json:"received"`
	PreviousDiscount domain.Money `json:"previous_discount"`
	CostFloor        domain.Money `json:"cost_floor"`
}

func runRTBDiscount(e env, args []string) error {
	s := newSettings("rtb discount", e).withFormat()
	value := s.fs.String("value", "", "value at the relevant time, pounds")
	years := s.fs.String("years", "", "complete years of public-sector tenancy")
	property := s.fs.String("property", "", "house or flat")
	region := s.fs.String("region", "", joined(rtb.Regions))
	authority := s.fs.String("authority", "", "the council, where its cap differs inside the region")
	received := s.fs.String("received", "", "date the RTB1 was received YYYY-MM-DD (decides which caps apply)")
	previous := s.fs.String("previous-discount", "", "earlier Right to Buy discounts received, pounds")
	costFloor := s.fs.String("cost-floor", "", "the council's cost floor, pounds")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 0, ""); err != nil {
		return err
	}
	for _, f := range [][2]string{{"--value", *value}, {"--years", *years}, {"--property", *property}, {"--region", *region}} {
		if err := requiredFlag(s.name, f[0], f[1]); err != nil {
			return err
		}
	}
	c := rtb.DiscountClaim{Authority: *authority}
	if c.Value, err = moneyArg("--value", *value); err != nil {
		return err
	}
	if c.Years, err = strconv.Atoi(*years); err != nil {
		return domain.Invalid("--years", "%q is not a whole number of years: give the complete years of public-sector tenancy", *years)
	}
	if c.Property, err = rtb.ParseProperty(*property); err != nil {
		return err
	}
	if c.Region, err = rtb.ParseRegion(*region); err != nil {
		return err
	}
	if c.Received, err = requiredDate(s, "--received", *received); err != nil {
		return err
	}
	if *previous != "" {
		if c.PreviousDiscount, err = moneyArg("--previous-discount", *previous); err != nil {
			return err
		}
	}
	if *costFloor != "" {
		if c.CostFloor, err = moneyArg("--cost-floor", *costFloor); err != nil {
			return err
		}
	}
	// The caps in force: as the council corrected them in its database, or
	// the shipped ones (the calculator never creates a database).
	path, err := s.DBPath("caseload.db")
	if err != nil {
		return err
	}
	if _, statErr := os.Stat(path); statErr == nil {
		st, err := s.open()
		if err != nil {
			return err
		}
		c.Caps = st.RTBCaps()
		st.Close()
	}
	d, err := rtb.CalculateDiscount(c)
	if err != nil {
		return err
	}
	if s.format == "json" {
		return writeJSON(e.stdout, rtbDiscountJSON{Discount: d, Value: c.Value, Years: c.Years, Property: c.Property, Region: c.Region,
			Authority: c.Authority, Received: c.Received, PreviousDiscount: c.PreviousDiscount, CostFloor: c.CostFloor})
	}
	eligible, percent := "yes", fmt.Sprintf("%d%% (statutory %d%%, at most 70%%)", d.Percent, d.StatutoryPercent)
	if !d.Eligible {
		eligible, percent = "no: under the qualifying period", "—"
	}
	pairs := [][2]string{
		{"Eligible", eligible},
		{"Percent", percent},
		{"Discount", d.Discount.Human()},
		{"Cap", d.Cap.Human() + " (" + d.CapArea + ")" + map[bool]string{true: "", false: " — UNCONFIRMED"}[d.CapConfirmed]},
		{"Source", d.CapSource},
		{"Price", d.Price.Human()},
		{"Rules", d.Rules},
		{"Working", d.Reason},
	}
	if s.format == "csv" {
		t := &table{header: []string{"eligible", "percent", "discount", "cap", "price", "reason"}}
		t.add(strconv.FormatBool(d.Eligible), strconv.Itoa(d.Percent), d.Discount.String(), d.Cap.String(), d.Price.String(), d.Reason)
		return t.write(e.stdout, "csv")
	}
	fields(e.stdout, pairs)
	return nil
}

// ---- rtb add / event / check ----

func runRTBAdd(e env, args []string) error {
	s := newSettings("rtb add", e)
	received := s.fs.String("received", "", "date the RTB1 was received YYYY-MM-DD")
	property := s.fs.String("property", "", "house or flat")
	other := s.fs.Bool("other-landlord", false, "the tenant relies on years with another public-sector landlord")
	leasehold := s.fs.Bool("leasehold", false, "a house that will be sold on a lease")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 1, "REF"); err != nil {
		return err
	}
	n := store.NewRTBCase{Ref: pos[0], OtherLandlord: *other, Leasehold: *leasehold}
	if n.Received, err = requiredDate(s, "--received", *received); err != nil {
		return err
	}
	if err := requiredFlag(s.name, "--property", *property); err != nil {
		return err
	}
	if n.Property, err = rtb.ParseProperty(*property); err != nil {
		return err
	}
	st, today, err := s.session()
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	id, err := st.AddRTBCase(ctx, n, today)
	if err != nil {
		return err
	}
	c, err := st.RTBCase(ctx, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Right to Buy case %s on %s: RTB1 received %s; %s\n", id, n.Ref, n.Received.Human(), rtb.StageWords(c.Case, st.Holidays(), today))
	return nil
}

func runRTBEvent(e env, args []string) error {
	s := newSettings("rtb event", e)
	date := s.fs.String("date", "", "date the notice was served or the step happened YYYY-MM-DD")
	ends := s.fs.String("ends", "", "the end date the notice states (RTB6 response period, s140/s141 date to complete, s125E extension)")
	detail := s.fs.String("detail", "", "detail, e.g. the reasons for a denial")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 2, "CASE and TYPE"); err != nil {
		return err
	}
	text, err := textArg(e, domain.TextDetail, "--detail", *detail)
	if err != nil {
		return err
	}
	ev := rtb.Event{Detail: text}
	if ev.Type, err = rtb.ParseEventType(pos[1]); err != nil {
		return err
	}
	if ev.Date, err = requiredDate(s, "--date", *date); err != nil {
		return err
	}
	if ev.Ends, err = optionalDate("--ends", *ends); err != nil {
		return err
	}
	st, today, err := s.session()
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	c, err := st.FindRTBCase(ctx, pos[0])
	if err != nil {
		return err
	}
	if err := st.AddRTBEvent(ctx, c.ID, ev, today); err != nil {
		return err
	}
	if c, err = st.RTBCase(ctx, c.ID); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s recorded on %s for %s (case %s); %s\n", ev.Type.Label(), ev.Date.Human(), c.Ref, c.ID, rtb.StageWords(c.Case, st.Holidays(), today))
	return nil
}

func runRTBCheck(e env, args []string) error {
	s := newSettings("rtb check", e)
	note := s.fs.String("note", "", "what was seen, or what the concern is (required for a concern)")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 3, "CASE, ITEM and STATUS"); err != nil {
		return err
	}
	text, err := textArg(e, domain.TextNote, "--note", *note)
	if err != nil {
		return err
	}
	r := rtb.CheckResult{Note: text}
	if r.Check, err = rtb.ParseFraudCheck(pos[1]); err != nil {
		return err
	}
	if r.Status, err = rtb.ParseCheckStatus(pos[2]); err != nil {
		return err
	}
	st, today, err := s.session()
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	c, err := st.FindRTBCase(ctx, pos[0])
	if err != nil {
		return err
	}
	if err := st.SetFraudCheck(ctx, c.ID, r, today); err != nil {
		return err
	}
	if c, err = st.RTBCase(ctx, c.ID); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s on %s (case %s): %s\n%s\n", r.Check.Short(), c.Ref, c.ID, r.Status, c.Case.Fraud().Summary())
	if c.Case.Fraud().HasOpenConcern() {
		fmt.Fprintf(e.stdout, "The clocks keep running: %s\n", rtb.StageWords(c.Case, st.Holidays(), today))
	}
	return nil
}

// ---- rtb list ----

// rtbLineJSON is one claim of `caseload rtb list --format json`.
type rtbLineJSON struct {
	ID              string       `json:"id"`
	Ref             string       `json:"ref"`
	Name            string       `json:"name"`
	Address         string       `json:"address"`
	Officer         string       `json:"officer"`
	Received        domain.Date  `json:"received"`
	Property        rtb.Property `json:"property"`
	Stage           rtb.Stage    `json:"stage"`
	Open            bool         `json:"open"`
	NextKey         *string      `json:"next_key"`
	NextDeadline    *string      `json:"next_deadline"`
	NextWho         *rtb.Party   `json:"next_who"`
	NextDue         *domain.Date `json:"next_due"`
	DaysLeft        *int         `json:"days_left"`
	Urgency         string       `json:"urgency"`
	Overdue         bool         `json:"overdue"`
	DueSoon         bool         `json:"due_soon"`
	PlusMinusOneDay bool         `json:"plus_minus_one_day"`
	BankHoliday     string       `json:"bank_holiday"`
	Words           string       `json:"words"`
	FraudConcern    bool         `json:"fraud_concern"`
	Fraud           string       `json:"fraud"`
	Problems        []string     `json:"problems"`
}

func lineJSON(l store.RTBLine) rtbLineJSON {
	f := l.Case.Facts()
	j := rtbLineJSON{ID: l.ID, Ref: l.Ref, Name: l.Name, Address: l.Address, Officer: l.Officer, Received: f.Received,
		Property: f.Property, Stage: l.Stage, Open: l.Open, Urgency: l.Urgency(), DueSoon: l.DueSoon,
		FraudConcern: l.FraudConcern, Fraud: l.Case.Fraud().Summary(), Problems: l.Problems, Words: "no deadline waiting"}
	if j.Problems == nil {
		j.Problems = []string{}
	}
	if l.HasNext {
		d := l.Next.Deadline
		key, name, who, due, left := d.Key, d.Name, d.Who, d.Due, l.Next.DaysLeft
		j.NextKey, j.NextDeadline, j.NextWho, j.NextDue, j.DaysLeft = &key, &name, &who, &due, &left
		j.Overdue, j.PlusMinusOneDay, j.BankHoliday, j.Words = l.Next.Overdue(), d.PlusMinusOneDay, d.BankHoliday, l.Next.Words()
	}
	return j
}

// flagWords are the line's warnings as short words.
func flagWords(l store.RTBLine) string {
	var flags []string
	if l.HasNext && l.Next.Deadline.PlusMinusOneDay {
		flags = append(flags, "±1 day")
	}
	if l.HasNext && l.Next.Deadline.BankHoliday != "" {
		flags = append(flags, "bank holiday")
	}
	if l.FraudConcern {
		flags = append(flags, "⚑ FRAUD CONCERN (clocks keep running)")
	}
	if len(l.Problems) > 0 {
		flags = append(flags, "✗ records to fix")
	}
	return strings.Join(flags, "; ")
}

func runRTBList(e env, args []string) error {
	s := newSettings("rtb list", e).withFormat()
	all := s.fs.Bool("all", false, "the whole borough, not the officer's patch")
	closed := s.fs.Bool("closed", false, "include completed, withdrawn and denied claims")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 0, ""); err != nil {
		return err
	}
	today, err := s.Today()
	if err != nil {
		return err
	}
	policy, err := loadPolicy(s, "")
	if err != nil {
		return err
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	patch, err := patchOf(ctx, st, s.Officer(), *all)
	if err != nil {
		return err
	}
	cases, err := st.RTBCases(ctx, patch)
	if err != nil {
		return err
	}
	var lines []store.RTBLine
	overdue, soon, open := 0, 0, 0
	for _, l := range store.RTBLines(cases, st.Holidays(), today, policy.RTBWithinDays) {
		if l.Open {
			open++
			switch l.Urgency() {
			case rtb.UrgencyOverdue:
				overdue++
			case rtb.UrgencyDueToday, rtb.UrgencyDueSoon:
				soon++
			}
		}
		if l.Open || *closed {
			lines = append(lines, l)
		}
	}
	switch s.format {
	case "json":
		out := make([]rtbLineJSON, 0, len(lines))
		for _, l := range lines {
			out = append(out, lineJSON(l))
		}
		return writeJSON(e.stdout, out)
	case "csv":
		t := &table{header: []string{"id", "ref", "name", "stage", "next_deadline", "who", "due", "days_left", "urgency", "flags"}}
		for _, l := range lines {
			j := lineJSON(l)
			left := ""
			if j.DaysLeft != nil {
				left = strconv.Itoa(*j.DaysLeft)
			}
			t.add(l.ID, l.Ref, l.Name, string(l.Stage), deref(j.NextDeadline), partyText(j.NextWho), dateText(j.NextDue), left, l.Urgency(), flagWords(l))
		}
		return t.write(e.stdout, "csv")
	}
	who := "the whole borough"
	if patch != "" {
		who = patch + "'s patch"
	}
	fmt.Fprintf(e.stdout, "Right to Buy claims in %s on %s: %d open (%d overdue, %d due within %d days)\n\n",
		who, today.Human(), open, overdue, soon, policy.RTBWithinDays)
	t := &table{header: []string{"case", "ref", "name", "stage", "next deadline", "who", "due", "left", "flags"}}
	for _, l := range lines {
		next, whose, due := "—", "", ""
		if l.HasNext {
			next, whose, due = l.Next.Deadline.Name, string(l.Next.Deadline.Who), l.Next.Deadline.Due.Human()
		}
		t.add(l.ID, l.Ref, l.Name, string(l.Stage), next, whose, due, l.Left(policy.RTBWithinDays), flagWords(l))
	}
	return t.write(e.stdout, "table")
}

func partyText(p *rtb.Party) string {
	if p == nil {
		return ""
	}
	return string(*p)
}

func dateText(d *domain.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}

// ---- rtb show ----

type rtbEventJSON struct {
	ID      string        `json:"id"`
	Date    domain.Date   `json:"date"`
	Type    rtb.EventType `json:"type"`
	Label   string        `json:"label"`
	Ends    *domain.Date  `json:"ends"`
	Detail  string        `json:"detail"`
	Officer string        `json:"officer"`
}

type rtbCheckJSON struct {
	Item   rtb.FraudCheck  `json:"item"`
	Label  string          `json:"label"`
	Status rtb.CheckStatus `json:"status"`
	On     *domain.Date    `json:"on"`
	Note   string          `json:"note"`
}

type rtbRentCreditJSON struct {
	Notice       int             `json:"notice"`
	Ground       rtb.DelayGround `json:"ground"`
	RTB6Served   domain.Date     `json:"rtb6_served"`
	ResponseEnds domain.Date     `json:"response_ends"`
	RTB8From     domain.Date     `json:"rtb8_from"`
	Cancelled    bool            `json:"cancelled"`
	OperativeOn  *domain.Date    `json:"operative_on"`
	From         *domain.Date    `json:"credit_from"`
	Until        *domain.Date    `json:"credit_until"`
	StoppedBy    string          `json:"stopped_by"`
	Running      bool            `json:"running"`
	Words        string          `json:"words"`
}

// rtbShowJSON is `caseload rtb show --format json`.
type rtbShowJSON struct {
	rtbLineJSON
	Leasehold     bool                `json:"leasehold"`
	OtherLandlord bool                `json:"other_landlord"`
	SoldOnLease   bool                `json:"sold_on_lease"`
	Events        []rtbEventJSON      `json:"events"`
	Deadlines     []rtb.Deadline      `json:"deadlines"`
	Checks        []rtbCheckJSON      `json:"checks"`
	RentCredits   []rtbRentCreditJSON `json:"rent_credits"`
}

func runRTBShow(e env, args []string) error {
	s := newSettings("rtb show", e).withFormat()
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 1, "CASE"); err != nil {
		return err
	}
	today, err := s.Today()
	if err != nil {
		return err
	}
	policy, err := loadPolicy(s, "")
	if err != nil {
		return err
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	defer st.Close()
	c, err := st.FindRTBCase(context.Background(), pos[0])
	if err != nil {
		return err
	}
	h := st.Holidays()
	l := store.RTBLines([]store.RTBCase{c}, h, today, policy.RTBWithinDays)[0]
	f := c.Case.Facts()
	deadlines := rtb.Deadlines(c.Case, h, today)
	credits := rtb.RentCredits(c.Case)
	if s.format == "json" {
		out := rtbShowJSON{rtbLineJSON: lineJSON(l), Leasehold: f.Leasehold, OtherLandlord: f.OtherLandlord, SoldOnLease: f.SoldOnLease(),
			Events: []rtbEventJSON{}, Deadlines: deadlines, Checks: []rtbCheckJSON{}, RentCredits: []rtbRentCreditJSON{}}
		for _, r := range c.History {
			out.Events = append(out.Events, rtbEventJSON{ID: r.ID, Date: r.Event.Date, Type: r.Event.Type, Label: r.Event.Type.Label(),
				Ends: datePtr(r.Event.Ends), Detail: r.Event.Detail, Officer: r.Officer})
		}
		for _, r := range c.Case.Fraud().Results() {
			out.Checks = append(out.Checks, rtbCheckJSON{Item: r.Check, Label: r.Check.Label(), Status: r.Status, On: datePtr(r.On), Note: r.Note})
		}
		for _, rc := range credits {
			out.RentCredits = append(out.RentCredits, rtbRentCreditJSON{Notice: rc.Notice, Ground: rc.Ground, RTB6Served: rc.RTB6Served,
				ResponseEnds: rc.ResponseEnds, RTB8From: rc.RTB8From, Cancelled: rc.Cancelled, OperativeOn: datePtr(rc.OperativeOn),
				From: datePtr(rc.From), Until: datePtr(rc.Until), StoppedBy: rc.StoppedBy, Running: rc.Running, Words: rc.Words})
		}
		return writeJSON(e.stdout, out)
	}
	w := e.stdout
	fmt.Fprintf(w, "Right to Buy case %s · %s %s · %s\n", c.ID, c.Ref, c.Name, c.Address)
	fmt.Fprintf(w, "RTB1 received %s: %s\n", f.Received.Human(), rtb.DescribeFacts(f))
	fmt.Fprintf(w, "Stage: %s\n", l.Stage)
	if l.HasNext {
		fmt.Fprintf(w, "Next: %s — %s\n", l.Next.Words(), l.Next.Deadline.Who)
	} else {
		fmt.Fprintln(w, "Next: no deadline waiting")
	}
	if l.FraudConcern {
		fmt.Fprintln(w, "⚑ FRAUD CONCERN: "+c.Case.Fraud().Summary())
	}
	for _, p := range c.Problems {
		fmt.Fprintln(w, "✗ "+p)
	}

	fmt.Fprintln(w, "\nTimeline")
	fmt.Fprintf(w, "  %-16s %s\n", f.Received.Human(), rtb.EventRTB1Received.Label()+" (the relevant time: fixes the valuation date and the discount law)")
	for _, r := range c.History {
		if r.Event.Type == rtb.EventRTB1Received {
			continue
		}
		text := r.Event.Type.Label()
		if !r.Event.Ends.IsZero() {
			text += ", stating " + r.Event.Ends.Human()
		}
		if r.Event.Detail != "" {
			text += " — " + r.Event.Detail
		}
		fmt.Fprintf(w, "  %-16s %s (%s)\n", r.Event.Date.Human(), text, r.Officer)
	}

	fmt.Fprintln(w, "\nDates, and how each was counted")
	for _, d := range deadlines {
		writeDeadline(w, d, "  ")
	}

	fmt.Fprintln(w, "\nFraud checklist (the clocks keep running whatever it says)")
	t := &table{header: []string{"  status", "item", "on", "note"}}
	for _, r := range c.Case.Fraud().Results() {
		t.add("  "+string(r.Status), r.Check.Short(), r.On.String(), r.Note)
	}
	t.write(w, "table")

	fmt.Fprintln(w, "\nRent credit")
	if len(credits) == 0 {
		fmt.Fprintln(w, "  No notice of delay served: no rent credit.")
	}
	for _, rc := range credits {
		fmt.Fprintln(w, "  "+rc.Words)
	}
	return nil
}
