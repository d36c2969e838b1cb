package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"caseload/domain"
	"caseload/store"
)

// The rent and account-lifecycle commands: the weekly rent run, statements
// of account, and creating, ending and adding services to accounts.

func init() {
	register("rent-run", "rent-run --week YYYY-MM-DD [--format table|csv|json]",
		"post the weekly charges for the rent week containing that date (twice posts nothing)", runRentRun)
	register("statement", "statement REF --from D --to D [--format text|csv|json] [--council NAME]",
		"a statement of account for a resident or a court: opening balance, each transaction, closing balance, arrears in weeks", runStatement)
	register("account create", "account create REF --kind K --name N --address A --start D --rent X [--service X] [--other X] [--water X] [--heating X] "+
		"[--tenancy T] [--method M] [--postcode P] [--property P] [--officer O] [--patch O] [--rent-free-weeks N] [--phone X] [--email X]",
		"set up a rent, garage or other account with its weekly charges", runAccountCreate)
	register("account terminate", "account terminate REF --end D",
		"end a tenancy: the final pro-rated adjustment, and the account becomes a former-tenant account", runAccountTerminate)
	register("account service", "account service REF insurance|care|garden AMOUNT --from D",
		"add or change (AMOUNT 0 cancels) an extra service charged with the rent, adjusting weeks already charged", runAccountService)
}

// rentRunJSON is `caseload rent-run --format json`.
type rentRunJSON struct {
	Week        domain.Date  `json:"week"`
	RentWeek    int          `json:"rent_week"`
	RentYear    string       `json:"rent_year"`
	Posted      int          `json:"posted"`
	Total       domain.Money `json:"total"`
	ProRated    int          `json:"pro_rated"`
	AlreadyRun  int          `json:"already_run"`
	RentFree    int          `json:"rent_free"`
	NoCharge    int          `json:"no_charge"`
	NotInPeriod int          `json:"not_in_period"`
}

func runRentRun(e env, args []string) error {
	s := newSettings("rent-run", e).withFormat()
	weekText := s.fs.String("week", "", "any date in the rent week to charge")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 0, ""); err != nil {
		return err
	}
	week, err := requiredDate(s, "--week", *weekText)
	if err != nil {
		return err
	}
	today, err := s.Today()
	if err != nil {
		return err
	}
	monday := domain.RentWeekStart(week)
	// Debits are dated the week's Monday: a week that has not begun would
	// put charges in the future, which no other posting may do.
	if monday.After(today) {
		return domain.Invalid("--week", "the rent week of %s has not begun (today is %s): run it on or after its Monday", monday.Human(), today.Human())
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := st.RentRun(context.Background(), week)
	if err != nil {
		return err
	}
	year := domain.RentYearOf(sum.Week)
	j := rentRunJSON{Week: sum.Week, RentWeek: year.WeekNumber(sum.Week), RentYear: year.Label(), Posted: sum.Posted, Total: sum.Total,
		ProRated: sum.ProRated, AlreadyRun: sum.AlreadyRun, RentFree: sum.RentFree, NoCharge: sum.NoCharge, NotInPeriod: sum.NotInPeriod}
	switch s.format {
	case "json":
		return writeJSON(e.stdout, j)
	case "csv":
		t := &table{header: []string{"week", "rent_week", "rent_year", "posted", "total", "pro_rated", "already_run", "rent_free", "no_charge", "not_in_period"}}
		t.add(j.Week.String(), fmt.Sprint(j.RentWeek), j.RentYear, fmt.Sprint(j.Posted), j.Total.String(), fmt.Sprint(j.ProRated),
			fmt.Sprint(j.AlreadyRun), fmt.Sprint(j.RentFree), fmt.Sprint(j.NoCharge), fmt.Sprint(j.NotInPeriod))
		return t.write(e.stdout, "csv")
	}
	fmt.Fprintf(e.stdout, "Rent run for the week of %s (rent week %d of %s)\n", sum.Week.Human(), j.RentWeek, j.RentYear)
	if sum.Posted == 0 && sum.AlreadyRun > 0 {
		fmt.Fprintf(e.stdout, "Nothing posted: the %d live account(s) were already charged for this week.\n", sum.AlreadyRun)
	}
	fields(e.stdout, [][2]string{
		{"Accounts charged", fmt.Sprintf("%d, total %s", sum.Posted, sum.Total.Human())},
		{"Pro-rated", fmt.Sprintf("%d (started or ended inside the week: weekly × days ÷ 7, rounded half-up)", sum.ProRated)},
		{"Already run", fmt.Sprintf("%d (charged earlier for this week: not charged again)", sum.AlreadyRun)},
		{"Rent-free week", fmt.Sprint(sum.RentFree)},
		{"Skipped", fmt.Sprintf("%d (%d with no weekly charge, %d not live in the week)", sum.NoCharge+sum.NotInPeriod, sum.NoCharge, sum.NotInPeriod)},
	})
	return nil
}

// statementJSON is `caseload statement --format json`.
type statementJSON struct {
	Ref          string             `json:"ref"`
	Kind         string             `json:"kind"`
	Status       string             `json:"status"`
	Name         string             `json:"name"`
	Address      string             `json:"address"`
	Postcode     string             `json:"postcode"`
	From         domain.Date        `json:"from"`
	To           domain.Date        `json:"to"`
	Opening      domain.Money       `json:"opening"`
	Closing      domain.Money       `json:"closing"`
	WeeklyCharge domain.Money       `json:"weekly_charge"`
	ArrearsWeeks *string            `json:"arrears_weeks"`
	Lines        []store.LedgerLine `json:"lines"`
}

func runStatement(e env, args []string) error {
	s := newSettings("statement", e)
	from := s.fs.String("from", "", "first day of the period")
	to := s.fs.String("to", "", "last day of the period")
	format := s.fs.String("format", "text", "text, csv or json")
	council := s.fs.String("council", "", "the council's name for the heading (CASELOAD_COUNCIL)")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 1, "REF"); err != nil {
		return err
	}
	switch *format {
	case "text", "table", "csv", "json":
	default:
		return usagef("caseload statement: --format %q: use text, csv or json", *format)
	}
	fromDate, err := requiredDate(s, "--from", *from)
	if err != nil {
		return err
	}
	toDate, err := requiredDate(s, "--to", *to)
	if err != nil {
		return err
	}
	st, today, err := s.session()
	if err != nil {
		return err
	}
	defer st.Close()
	stmt, err := st.Statement(context.Background(), pos[0], fromDate, toDate)
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		j := statementJSON{Ref: stmt.Account.Ref, Kind: string(stmt.Account.Kind), Status: string(stmt.Account.Status), Name: stmt.Account.Name,
			Address: stmt.Account.Address, Postcode: stmt.Account.Postcode, From: stmt.From, To: stmt.To, Opening: stmt.Opening,
			Closing: stmt.Closing, WeeklyCharge: stmt.Weekly, Lines: stmt.Lines}
		if stmt.Weeks != nil {
			w := stmt.Weeks.Hundredths()
			j.ArrearsWeeks = &w
		}
		if j.Lines == nil {
			j.Lines = []store.LedgerLine{}
		}
		return writeJSON(e.stdout, j)
	case "csv":
		return statementCSV(e.stdout, stmt)
	}
	heading := s.value(*council, "CASELOAD_COUNCIL")
	writeStatementText(e.stdout, stmt, heading, today, s.Officer())
	return nil
}

// statementCSV is one row per transaction, framed by an opening-balance and
// a closing-balance row, with signed amounts (debits positive) as in the
// ledger and plain numbers for spreadsheets.
func statementCSV(w io.Writer, st store.Statement) error {
	cw := newCSVWriter(w)
	cw.Write([]string{"ref", "date", "id", "type", "method", "reference", "note", "debit", "credit", "amount", "balance", "void"})
	ref := st.Account.Ref
	cw.Write([]string{ref, st.From.String(), "", "opening-balance", "", "", "", "", "", "", st.Opening.String(), ""})
	for _, l := range st.Lines {
		debit, credit := "", ""
		if l.Amount.IsNegative() {
			credit = l.Amount.Abs().String()
		} else {
			debit = l.Amount.String()
		}
		void := ""
		if l.Void {
			void = "yes"
		}
		cw.Write([]string{ref, l.Date.String(), l.ID, string(l.Type), l.Method, l.Reference, l.Note, debit, credit, l.Amount.String(), l.Balance.String(), void})
	}
	weeks := ""
	if st.Weeks != nil {
		weeks = st.Weeks.Hundredths()
	}
	cw.Write([]string{ref, st.To.String(), "", "closing-balance", "", "", "arrears_weeks=" + weeks, "", "", "", st.Closing.String(), ""})
	return cw.Flush()
}

// Statement text columns: date, details, debit, credit, balance (80 wide).
const (
	stDate    = 10
	stDetails = 30
	stMoney   = 10
	stBalance = 12
)

// writeStatementText is the statement as a resident or a court reads it:
// who and what it is for, the period, then the opening balance, every
// transaction with a running balance in debit and credit columns, the
// closing balance and what it is in weeks of the charge.
func writeStatementText(w io.Writer, st store.Statement, council string, today domain.Date, officer string) {
	a := st.Account
	rule := strings.Repeat("=", 80)
	if council != "" {
		fmt.Fprintln(w, strings.ToUpper(council))
	}
	fmt.Fprintln(w, "STATEMENT OF ACCOUNT")
	fmt.Fprintln(w, rule)
	tenancy := a.Kind.Label() + " (" + string(a.Status) + ")"
	if a.TenancyType != "" {
		tenancy += ", " + string(a.TenancyType) + " tenancy"
	}
	tenancy += " from " + a.Start.Human()
	if !a.End.IsZero() {
		tenancy += " to " + a.End.Human()
	}
	fields(w, [][2]string{
		{"Payment reference", a.Ref},
		{"Name", a.Name},
		{"Address", strings.TrimSpace(a.Address + "  " + a.Postcode)},
		{"Account", tenancy},
		{"Period", st.From.Human() + " to " + st.To.Human()},
		{"Produced", today.Human() + " by " + officer},
	})
	fmt.Fprintln(w, rule)
	// Details wrap onto further lines rather than being cut: a statement
	// for a court must not lose words.
	row := func(date, details, debit, credit, balance string) {
		lines := wrapText(details, stDetails)
		first := fmt.Sprintf("%-*s  %-*s  %*s  %*s  %*s", stDate, date, stDetails, lines[0], stMoney, debit, stMoney, credit, stBalance, balance)
		fmt.Fprintln(w, strings.TrimRight(first, " "))
		for _, l := range lines[1:] {
			fmt.Fprintf(w, "%-*s  %s\n", stDate, "", l)
		}
	}
	row("Date", "Details", "Debit", "Credit", "Balance")
	fmt.Fprintln(w, strings.Repeat("-", 80))
	row(dmy(st.From), "Opening balance", "", "", st.Opening.Balance())
	debits, credits := domain.Zero, domain.Zero
	for _, l := range st.Lines {
		debit, credit := "", ""
		switch {
		case l.Void:
			// Shown so nothing disappears, counted nowhere.
		case l.Amount.IsNegative():
			credit = l.Amount.Abs().Human()
			credits = credits.Add(l.Amount.Abs())
		default:
			debit = l.Amount.Human()
			debits = debits.Add(l.Amount)
		}
		row(dmy(l.Date), statementDetails(l), debit, credit, l.Balance.Balance())
	}
	fmt.Fprintln(w, strings.Repeat("-", 80))
	row(dmy(st.To), "Totals for the period", debits.Human(), credits.Human(), "")
	row(dmy(st.To), "Closing balance", "", "", st.Closing.Balance())
	fmt.Fprintln(w, rule)
	owed := "The account is clear."
	switch {
	case st.Closing.IsPositive():
		owed = "Amount owed on " + st.To.Human() + ": " + st.Closing.Human() + "."
	case st.Closing.IsNegative():
		owed = "The account is in credit by " + st.Closing.Abs().Human() + " on " + st.To.Human() + "."
	}
	fmt.Fprintln(w, owed)
	if st.Weeks != nil {
		fmt.Fprintf(w, "Weekly charge: %s. Arrears: %s of the weekly charge.\n", st.Weekly.Human(), st.Weeks.Words())
	} else {
		fmt.Fprintln(w, "There is no weekly charge on this account: arrears are not counted in weeks.")
	}
	fmt.Fprintln(w, "Debits are charges and costs; credits are payments, benefit paid to us")
	fmt.Fprintln(w, "and other reductions.")
}

// statementDetails describes one transaction in words a resident reads.
func statementDetails(l store.LedgerLine) string {
	if l.Type == domain.TxnCharge && strings.HasPrefix(l.Note, "rent week ") {
		// The rent run's debit says which week it is for: "Rent week 31
		// of 2026/27" (and the days of a part week).
		return "Rent " + strings.TrimPrefix(l.Note, "rent ")
	}
	d := l.Type.Label()
	if l.Method != "" && l.Type != domain.TxnHB && l.Type != domain.TxnUC && l.Type != domain.TxnDHP {
		d += " (" + domain.PaymentMethod(l.Method).Label() + ")"
	}
	switch {
	case l.Void:
		d += " — void duplicate, not counted"
	case l.Type == domain.TxnReversal:
		d += " of " + l.Reverses
	case l.Note != "":
		d += ": " + l.Note
	}
	if l.Reference != "" {
		d += " " + l.Reference
	}
	return d
}

// dmy is the date as UK forms and courts write it.
func dmy(d domain.Date) string {
	return fmt.Sprintf("%02d/%02d/%04d", d.Day(), int(d.Month()), d.Year())
}

// wrapText breaks text into lines of at most width characters at spaces
// (a word longer than the width is split).
func wrapText(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		for len([]rune(word)) > width {
			if line != "" {
				lines, line = append(lines, line), ""
			}
			r := []rune(word)
			lines, word = append(lines, string(r[:width])), string(r[width:])
		}
		switch {
		case line == "":
			line = word
		case len([]rune(line))+1+len([]rune(word)) <= width:
			line += " " + word
		default:
			lines, line = append(lines, line), word
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

func runAccountCreate(e env, args []string) error {
	s := newSettings("account create", e)
	kind := s.fs.String("kind", "", "rent, garage, leasehold, former-tenant, temporary, sundry")
	name := s.fs.String("name", "", "the resident's name")
	address := s.fs.String("address", "", "the property's address")
	startText := s.fs.String("start", "", "tenancy start date")
	endText := s.fs.String("end", "", "end date (former-tenant and sundry debt accounts)")
	rent := s.fs.String("rent", "", "weekly rent (the garage charge for a garage)")
	service := s.fs.String("service", "", "weekly service charge")
	other := s.fs.String("other", "", "weekly other charge")
	water := s.fs.String("water", "", "weekly water charge")
	heating := s.fs.String("heating", "", "weekly heating charge")
	tenancy := s.fs.String("tenancy", "", "secure, introductory, flexible, non-secure, licence, lease")
	method := s.fs.String("method", "", "how the account usually pays: dd, uc, hb, card, cash, bank, standing-order")
	postcode := s.fs.String("postcode", "", "postcode")
	property := s.fs.String("property", "", "house, flat, maisonette, bungalow, garage")
	patch := s.fs.String("patch", "", "the officer whose patch the account is in (default --officer)")
	rentFree := s.fs.Int("rent-free-weeks", 0, "rent-free weeks a year, 0–4")
	phone := s.fs.String("phone", "", "phone")
	email := s.fs.String("email", "", "email")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 1, "REF"); err != nil {
		return err
	}
	for _, req := range []struct{ flag, value string }{{"kind", *kind}, {"name", *name}, {"address", *address}, {"start", *startText}, {"rent", *rent}} {
		if strings.TrimSpace(req.value) == "" {
			return usagef("caseload account create: --%s is required (usage: caseload %s)", req.flag, commands[s.name].usage)
		}
	}
	a := store.NewAccount{Ref: pos[0], RentFreeWeeks: *rentFree, Status: domain.StatusCurrent}
	for _, f := range []struct {
		field domain.TextField
		label string
		to    *string
	}{{domain.TextName, "--name", name}, {domain.TextAddress, "--address", address}, {domain.TextPostcode, "--postcode", postcode},
		{domain.TextPhone, "--phone", phone}, {domain.TextEmail, "--email", email}, {domain.TextOfficer, "--patch", patch}} {
		if *f.to, err = textArg(e, f.field, f.label, *f.to); err != nil {
			return err
		}
	}
	a.Name, a.Address, a.Postcode, a.Phone, a.Email = *name, *address, *postcode, *phone, *email
	if a.Kind, err = domain.ParseAccountKind(*kind); err != nil {
		return err
	}
	if a.TenancyType, err = domain.ParseTenancyType(*tenancy); err != nil {
		return err
	}
	if a.PaymentMethod, err = domain.ParseAccountPaymentMethod(*method); err != nil {
		return err
	}
	if a.PropertyType, err = domain.ParsePropertyType(*property); err != nil {
		return err
	}
	if a.Kind == domain.KindGarage && a.PropertyType == domain.PropertyNone {
		a.PropertyType = domain.PropertyGarage
	}
	if a.Start, err = dateArg("--start", *startText); err != nil {
		return err
	}
	if a.End, err = optionalDate("--end", *endText); err != nil {
		return err
	}
	if a.Kind == domain.KindFormerTenant {
		a.Status = domain.StatusFormer
	}
	a.Officer = strings.TrimSpace(*patch)
	if a.Officer == "" {
		a.Officer = s.Officer()
	}
	main := "rent"
	if a.Kind == domain.KindGarage {
		main = "garage"
	}
	for _, c := range []struct{ component, flag, value string }{
		{main, "--rent", *rent}, {"service", "--service", *service}, {"water", "--water", *water},
		{"heating", "--heating", *heating}, {"other", "--other", *other},
	} {
		if c.value == "" {
			continue
		}
		m, err := moneyArg(c.flag, c.value)
		if err != nil {
			return err
		}
		if m.IsNegative() {
			return domain.Invalid(c.flag, "a weekly charge must not be negative")
		}
		if !m.IsZero() {
			a.Charges = append(a.Charges, domain.ChargeComponent{Component: c.component, Weekly: m, From: a.Start})
		}
	}
	st, err := s.open()
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.CreateAccount(context.Background(), a); err != nil {
		return err
	}
	weekly := domain.WeeklyCharge(a.Charges, a.Start)
	var parts []string
	for _, c := range a.Charges {
		parts = append(parts, strings.ToLower(domain.ComponentLabel(c.Component))+" "+c.Weekly.Human())
	}
	charges := "no weekly charge"
	if len(parts) > 0 {
		charges = "weekly charge " + weekly.Human() + " (" + strings.Join(parts, ", ") + ")"
	}
	fmt.Fprintf(e.stdout, "%s created: %s account for %s from %s; %s; patch %s\n", a.Ref, a.Kind.Label(), a.Name, a.Start.Human(), charges, a.Officer)
	return nil
}

func runAccountTerminate(e env, args []string) error {
	s := newSettings("account terminate", e)
	endText := s.fs.String("end", "", "the last day of the tenancy")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 1, "REF"); err != nil {
		return err
	}
	end, err := requiredDate(s, "--end", *endText)
	if err != nil {
		return err
	}
	st, today, err := s.session()
	if err != nil {
		return err
	}
	defer st.Close()
	out, err := st.Terminate(context.Background(), pos[0], end, today)
	if err != nil {
		return err
	}
	adj := "no adjustment (no week after the end had been charged)"
	if !out.Adjustment.IsZero() {
		adj = fmt.Sprintf("final adjustment %s over %d rent week(s)", out.Adjustment.Human(), out.Weeks)
	}
	fmt.Fprintf(e.stdout, "%s ended on %s: %s; balance %s; now a %s account\n",
		pos[0], end.Human(), adj, out.Balance.Balance(), strings.ToLower(out.Kind.Label()))
	return nil
}

func runAccountService(e env, args []string) error {
	s := newSettings("account service", e)
	fromText := s.fs.String("from", "", "the date the service starts, changes or stops")
	pos, err := s.parse(args)
	if err != nil {
		return err
	}
	if err := s.want(pos, 3, "REF, SERVICE and AMOUNT"); err != nil {
		return err
	}
	weekly, err := moneyArg("AMOUNT", pos[2])
	if err != nil {
		return err
	}
	from, err := requiredDate(s, "--from", *fromText)
	if err != nil {
		return err
	}
	st, today, err := s.session()
	if err != nil {
		return err
	}
	defer st.Close()
	ref, service := pos[0], pos[1]
	adj, err := st.SetService(context.Background(), ref, service, weekly, from, today)
	if err != nil {
		return err
	}
	a, err := st.Account(context.Background(), ref)
	if err != nil {
		return err
	}
	what := fmt.Sprintf("%s %s a week from %s", domain.ComponentLabel(service), weekly.Human(), from.Human())
	if weekly.IsZero() {
		what = fmt.Sprintf("%s cancelled from %s", domain.ComponentLabel(service), from.Human())
	}
	adjText := "no adjustment (no week already charged is affected)"
	if !adj.IsZero() {
		adjText = "adjustment " + adj.Human() + " for the weeks already charged"
	}
	on := domain.MaxDate(from, today)
	fmt.Fprintf(e.stdout, "%s on %s: %s; weekly charge from %s %s; balance %s\n",
		what, ref, adjText, on.Human(), a.WeeklyCharge(on).Human(), a.Balance.Balance())
	return nil
}
