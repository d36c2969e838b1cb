package ledger

import (
	"os"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"caseload/domain"
	"caseload/store"
	"caseload/tui/common"
	"caseload/tui/form"
	"caseload/tui/tuitest"
)

func TestMain(m *testing.M) {
	tuitest.NoColour()
	os.Exit(m.Run())
}

func newContext(t *testing.T) *common.Context {
	t.Helper()
	return tuitest.Context(t, tuitest.Store(t))
}

// drive is the unit tests' event loop (tuitest.Drive).
func drive(t *testing.T, m Model, cmd tea.Cmd) (Model, []tea.Msg) {
	t.Helper()
	return tuitest.Drive(m, cmd)
}

// keyMsg is the key message for a name or runes (tuitest.Key).
func keyMsg(k string) tea.KeyMsg { return tuitest.Key(k) }

// press sends keys one by one, running what each one starts.
func press(t *testing.T, m Model, keys ...string) (Model, []tea.Msg) {
	t.Helper()
	return tuitest.Press(m, keys...)
}

// opened is the pane at w×h showing ref, loaded.
func opened(t *testing.T, ctx *common.Context, ref string, w, h int) Model {
	t.Helper()
	m := New(ctx).SetSize(w, h)
	m, _ = drive(t, m, common.Select(ref))
	if !m.loaded || m.err != nil {
		t.Fatalf("not loaded: %v", m.err)
	}
	return m
}

func statuses(msgs []tea.Msg) string {
	var b []string
	for _, msg := range msgs {
		switch msg := msg.(type) {
		case common.StatusMsg:
			b = append(b, msg.Text)
		case common.ErrMsg:
			b = append(b, "ERR "+msg.Err.Error())
		}
	}
	return strings.Join(b, "\n")
}

// flat is a view as one line of words: the form box wraps long
// confirmations, and a test reads the words, not the wrapping.
func flat(v string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("│", " ", "╭", " ", "╮", " ", "╰", " ", "╯", " ", "─", "").Replace(v)), " ")
}

func checkHeight(t *testing.T, v string, w, h int) {
	t.Helper()
	lines := strings.Split(v, "\n")
	if len(lines) != h {
		t.Errorf("view is %d lines, want exactly %d:\n%s", len(lines), h, v)
	}
	for _, l := range lines {
		if lipgloss.Width(l) > w {
			t.Errorf("line wider than %d: %q", w, l)
		}
	}
}

func TestNoAccountSaysHowToChooseOne(t *testing.T) {
	m := New(newContext(t)).SetSize(80, 20)
	v := m.View()
	checkHeight(t, v, 80, 20)
	if !strings.Contains(v, "No account chosen yet") || !strings.Contains(v, "press enter on it") {
		t.Fatalf("view:\n%s", v)
	}
	// A money key says the same instead of opening a form.
	m, msgs := press(t, m, "p")
	if m.form != nil || !strings.Contains(statuses(msgs), "Choose an account first") {
		t.Fatalf("p with no account: form %v, status %q", m.form != nil, statuses(msgs))
	}
}

func TestSelectedAccountShowsBalanceChargesChartAndNewestLine(t *testing.T) {
	ctx := newContext(t)
	m := opened(t, ctx, "NW1001", 80, 20)
	v := m.View()
	checkHeight(t, v, 80, 20)
	t.Log("\n" + v)
	// Alice: 26 weeks at £100 since 1 Jun, 15 paid: £1,100 owed, 11 weeks.
	for _, want := range []string{
		"NW1001 Alice Example · Balance £1,100.00 owed (11.0 weeks) · weekly £100.00",
		"Rent · weekly charge £100.00 = Rent £100.00",
		"£1,100 ┤", "£0 ┤", "Jul", "Nov", // the chart's scale and months
		"date      type", "23 Nov 26", "£1,100.00",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q", want)
		}
	}
	// The cursor starts on the newest line, at the bottom of the table.
	if m.cursor != len(m.lines)-1 || !strings.Contains(v, common.SelectGlyph+" 23 Nov 26") {
		t.Errorf("cursor %d of %d lines", m.cursor, len(m.lines))
	}
	// The balance chart rises over the last weeks: the last column is a
	// full block on the top row.
	lines := strings.Split(v, "\n")
	top := lines[2]
	if !strings.HasSuffix(strings.TrimRight(top, " "), "█") {
		t.Errorf("chart top row does not end in a full block: %q", top)
	}
}

func TestWideScreenUsesTheRoom(t *testing.T) {
	m := opened(t, newContext(t), "NW1003", 160, 44)
	v := m.View()
	checkHeight(t, v, 160, 44)
	for _, want := range []string{"note", "rent week", "balance at each week's end, last 12 months", "⚠"} {
		if want == "⚠" {
			continue // the ledger does not repeat the vulnerability banner
		}
		if !strings.Contains(v, want) {
			t.Errorf("wide view lacks %q:\n%s", want, v)
		}
	}
	if m.chartRows() != 8 || m.tableHeight() < 25 {
		t.Errorf("chart rows %d table height %d", m.chartRows(), m.tableHeight())
	}
}

func TestScrollingKeepsTheCursorInView(t *testing.T) {
	m := opened(t, newContext(t), "NW1001", 80, 20)
	n := len(m.lines)
	m, _ = press(t, m, "g")
	if m.cursor != 0 || m.offset != 0 {
		t.Fatalf("g: cursor %d offset %d", m.cursor, m.offset)
	}
	m, _ = press(t, m, "j", "j")
	if m.cursor != 2 {
		t.Fatalf("j j: cursor %d", m.cursor)
	}
	m, _ = press(t, m, "pgdown")
	if m.cursor != 2+m.tableHeight() || m.cursor < m.offset || m.cursor >= m.offset+m.tableHeight() {
		t.Fatalf("pgdn: cursor %d offset %d height %d", m.cursor, m.offset, m.tableHeight())
	}
	m, _ = press(t, m, "G")
	if m.cursor != n-1 || m.offset != n-m.tableHeight() {
		t.Fatalf("G: cursor %d offset %d of %d", m.cursor, m.offset, n)
	}
	m, _ = press(t, m, "k", "pgup")
	if m.cursor != n-2-m.tableHeight() {
		t.Fatalf("k pgup: cursor %d", m.cursor)
	}
	m, _ = press(t, m, "G", "j")
	if m.cursor != n-1 {
		t.Fatalf("j past the end: cursor %d", m.cursor)
	}
	checkHeight(t, m.View(), 80, 20)
}

// TestPaymentFormValidatesConfirmsAndPosts: typing an amount updates the
// validation, enter shows the resulting balance from the store's preview,
// and confirming posts, announces the change and shows the new line.
func TestPaymentFormValidatesConfirmsAndPosts(t *testing.T) {
	ctx := newContext(t)
	m := opened(t, ctx, "NW1001", 80, 20)
	m, _ = press(t, m, "p")
	if m.form == nil || !m.Capturing() {
		t.Fatal("p did not open the payment form")
	}
	// An empty field just opened is not yet a mistake: its hint shows.
	if v := m.View(); strings.Contains(v, "give an amount") || !strings.Contains(v, "what was paid, in pounds") || !strings.Contains(v, "Payment to NW1001") {
		t.Fatalf("empty amount flagged before it was touched:\n%s", v)
	}
	m, _ = press(t, m, "5", "0", ".", "1", "2", "3")
	if v := m.View(); !strings.Contains(v, "more than two decimal places") {
		t.Fatalf("50.123 not flagged:\n%s", v)
	}
	m, _ = press(t, m, "backspace")
	if v := m.View(); strings.Contains(v, "✗") || !m.Dirty() {
		t.Fatalf("50.12 still flagged (dirty %v):\n%s", m.Dirty(), v)
	}
	m, _ = press(t, m, "backspace", "backspace", "backspace")
	// Method: cash is Alice's usual method, so it is first; → moves to card.
	m, _ = press(t, m, "tab")
	if v := m.View(); !strings.Contains(v, "‹ cash ›") {
		t.Fatalf("method does not start at the account's usual cash:\n%s", v)
	}
	m, _ = press(t, m, "right")
	m, _ = press(t, m, "tab", "tab")
	m, _ = press(t, m, strings.Split("ref 4111 1111 1111 1111", "")...)
	m, _ = press(t, m, "enter")
	v := flat(m.View())
	if !strings.Contains(v, "Confirm:") || !strings.Contains(v, "Post £50.00 card payment to NW1001 — balance after:") ||
		!strings.Contains(v, "£1,050.00") || !strings.Contains(v, "will be masked") {
		t.Fatalf("confirmation:\n%s", m.View())
	}
	checkHeight(t, m.View(), 80, 20)
	// Nothing is written before the officer confirms.
	if a, _ := ctx.Store.Account(t.Context(), "NW1001"); !a.Balance.Equal(domain.MustMoney("1100")) {
		t.Fatalf("balance %s before confirming", a.Balance)
	}
	before := len(m.lines)
	m, msgs := press(t, m, "y")
	if m.form != nil {
		t.Fatalf("form still open after saving: %s", m.View())
	}
	st := statuses(msgs)
	if !strings.Contains(st, "Post £50.00 card payment to NW1001 — balance now £1,050.00") || !strings.HasPrefix(st, "1 card number(s) masked to the last four digits") {
		t.Fatalf("status %q", st)
	}
	changed := false
	for _, msg := range msgs {
		if c, ok := msg.(common.ChangedMsg); ok && c.Touches("NW1001") {
			changed = true
		}
	}
	if !changed {
		t.Fatal("no ChangedMsg for NW1001")
	}
	if len(m.lines) != before+1 {
		t.Fatalf("%d lines, want %d", len(m.lines), before+1)
	}
	last := m.lines[m.cursor]
	if m.cursor != len(m.lines)-1 || last.Type != domain.TxnPayment || last.Method != "card" || last.Reference != "ref **** **** **** 1111" ||
		!last.Balance.Equal(domain.MustMoney("1050")) {
		t.Fatalf("new line %+v at cursor %d", last, m.cursor)
	}
	if v := m.View(); !strings.Contains(v, "Balance £1,050.00 owed") || !strings.Contains(v, "ref ****") {
		t.Fatalf("view after posting:\n%s", v)
	}
}

func TestEscCancelsAFormAndWritesNothing(t *testing.T) {
	ctx := newContext(t)
	m := opened(t, ctx, "NW1001", 80, 20)
	m, _ = press(t, m, "a", "1", "0")
	if !m.Dirty() {
		t.Fatal("typing did not make the form dirty")
	}
	m, msgs := press(t, m, "esc")
	if m.form != nil || !strings.Contains(statuses(msgs), "nothing was saved") {
		t.Fatalf("esc: form %v status %q", m.form != nil, statuses(msgs))
	}
	if lines, _ := ctx.Store.Ledger(t.Context(), "NW1001"); len(lines) != len(m.lines) {
		t.Fatal("cancelling wrote something")
	}
}

func TestARefusedConfirmationKeepsTheFormAndSaysWhy(t *testing.T) {
	ctx := newContext(t)
	m := opened(t, ctx, "NW1006", 80, 20) // Fay's garage is in credit
	m, _ = press(t, m, "t")
	if m.form == nil {
		t.Fatal("t did not open the transfer form")
	}
	// The amount starts at the whole credit; send it to an account that
	// does not exist.
	m, _ = press(t, m, "tab")
	m, _ = press(t, m, strings.Split("ZZ9999", "")...)
	m, _ = press(t, m, "enter", "enter", "enter")
	v := m.View()
	if m.form == nil || !strings.Contains(v, "no account ZZ9999") {
		t.Fatalf("refusal not shown:\n%s", v)
	}
}

func TestTransferRefundAndWriteOffConfirmWithBothBalances(t *testing.T) {
	ctx := newContext(t)
	// Fay: £12 a week for 26 weeks = £312 against £500 paid: £188 CR.
	m := opened(t, ctx, "NW1006", 80, 24)
	if !m.account.Balance.Equal(domain.MustMoney("-188")) {
		t.Fatalf("fixture changed: Fay's balance %s", m.account.Balance)
	}
	m, _ = press(t, m, "t", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "4", "0", "tab")
	m, _ = press(t, m, strings.Split("NW1001", "")...)
	m, _ = press(t, m, "enter", "enter", "enter")
	if v := flat(m.View()); !strings.Contains(v, "Transfer £40.00 of credit from NW1006 to NW1001 — balance after: £148.00 CR; NW1001 balance after: £1,060.00") {
		t.Fatalf("transfer confirmation:\n%s", v)
	}
	m, msgs := press(t, m, "enter")
	if !strings.Contains(statuses(msgs), "Transfer £40.00") {
		t.Fatalf("status %q", statuses(msgs))
	}
	var refs []string
	for _, msg := range msgs {
		if c, ok := msg.(common.ChangedMsg); ok {
			refs = append(refs, c.Refs...)
		}
	}
	if strings.Join(refs, ",") != "NW1006,NW1001" {
		t.Fatalf("changed %v, want both accounts", refs)
	}
	// Refund: the amount starts at the whole credit and may not exceed it.
	m, _ = press(t, m, "r")
	if v := m.View(); !strings.Contains(v, "148.00") {
		t.Fatalf("refund not prefilled with the credit:\n%s", v)
	}
	m, _ = press(t, m, "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "2", "0", "0")
	if v := m.View(); !strings.Contains(v, "more than the credit of £148.00") {
		t.Fatalf("200 not flagged:\n%s", v)
	}
	m, _ = press(t, m, "esc")
	// A write-off on an account in credit is refused before any form.
	m, msgs = press(t, m, "w")
	if m.form != nil || !strings.Contains(statuses(msgs), "owes nothing to write off") {
		t.Fatalf("write-off on credit: %q", statuses(msgs))
	}
	// On Alice's debt it needs a reason, and confirms the balance after.
	m = opened(t, ctx, "NW1001", 80, 24)
	m, _ = press(t, m, "w")
	m, _ = press(t, m, "enter", "enter")
	if v := m.View(); !strings.Contains(v, "give the reason") {
		t.Fatalf("write-off without a reason:\n%s", v)
	}
	m, _ = press(t, m, strings.Split("uneconomic", "")...)
	// £1,060.00 is above the £500.00 limit: without a second officer the
	// confirmation is refused, naming what is missing.
	m, _ = press(t, m, "enter", "enter", "enter")
	if v := flat(m.View()); !strings.Contains(v, "needs a second officer's approval") || strings.Contains(v, "balance after") {
		t.Fatalf("write-off above the limit without an approver:\n%s", v)
	}
	if lines, _ := ctx.Store.Ledger(t.Context(), "NW1001"); lines[len(lines)-1].Type == domain.TxnWriteOff {
		t.Fatal("a refused write-off was written")
	}
}

// TestWriteOffAboveTheLimitNeedsASecondOfficer: the write-off form's
// "Approved by" field refuses the officer themself as they type, and a
// second officer's name lets a write-off above the policy limit through,
// kept on the transaction.
func TestWriteOffAboveTheLimitNeedsASecondOfficer(t *testing.T) {
	ctx := newContext(t)
	m := opened(t, ctx, "NW1001", 80, 24)
	m, _ = press(t, m, "w")
	m, _ = press(t, m, "enter")
	m, _ = press(t, m, strings.Split("uneconomic", "")...)
	m, _ = press(t, m, "enter")
	m, _ = press(t, m, strings.Split(tuitest.Officer, "")...)
	if v := flat(m.View()); !strings.Contains(v, "cannot approve their own write-off") {
		t.Fatalf("self-approval not flagged as typed:\n%s", v)
	}
	m, _ = press(t, m, repeat("backspace", len(tuitest.Officer))...)
	m, _ = press(t, m, strings.Split("jbloggs", "")...)
	m, _ = press(t, m, "enter", "enter")
	if v := flat(m.View()); !strings.Contains(v, "Write off £1,100.00 on NW1001 (uneconomic), approved by jbloggs — balance after: £0.00") {
		t.Fatalf("write-off confirmation:\n%s", v)
	}
	m, msgs := press(t, m, "y")
	if !strings.Contains(statuses(msgs), "approved by jbloggs") {
		t.Fatalf("saved status %q", statuses(msgs))
	}
	lines, err := ctx.Store.Ledger(t.Context(), "NW1001")
	if err != nil {
		t.Fatal(err)
	}
	last := lines[len(lines)-1]
	if last.Type != domain.TxnWriteOff || !strings.Contains(last.Note, "approved by jbloggs") {
		t.Fatalf("the write-off does not carry its approver: %+v", last)
	}
}

func repeat(key string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = key
	}
	return out
}

func TestReverseTheHighlightedLine(t *testing.T) {
	ctx := newContext(t)
	m := opened(t, ctx, "NW1001", 80, 20)
	// Go to the last payment (the newest lines are rent charges).
	for m.lines[m.cursor].Type != domain.TxnPayment {
		m, _ = press(t, m, "k")
	}
	pay := m.lines[m.cursor]
	m, _ = press(t, m, "x")
	if m.form == nil || !strings.Contains(m.View(), "Reverse "+pay.ID) {
		t.Fatalf("x did not open the reversal of %s:\n%s", pay.ID, m.View())
	}
	m, _ = press(t, m, strings.Split("cash was counterfeit", "")...)
	m, _ = press(t, m, "enter", "enter")
	if v := flat(m.View()); !strings.Contains(v, "balance after: £1,200.00") {
		t.Fatalf("reversal confirmation:\n%s", v)
	}
	m, _ = press(t, m, "y")
	last := m.lines[m.cursor]
	if last.Type != domain.TxnReversal || last.Reverses != pay.ID || last.Note != "cash was counterfeit" {
		t.Fatalf("reversal line %+v", last)
	}
	// The payment now says it was reversed, and x on it says so at once.
	for i, l := range m.lines {
		if l.ID == pay.ID {
			m.cursor = i
		}
	}
	m.clamp()
	if v := m.View(); !strings.Contains(v, "[reversed]") {
		t.Fatalf("reversed payment not marked:\n%s", v)
	}
	m, msgs := press(t, m, "x")
	if m.form != nil || !strings.Contains(statuses(msgs), "already reversed by "+last.ID) {
		t.Fatalf("x on a reversed line: %q", statuses(msgs))
	}
}

func TestStatementPreview(t *testing.T) {
	m := opened(t, newContext(t), "NW1001", 80, 20)
	m, _ = press(t, m, "s")
	if m.form == nil {
		t.Fatal("s did not ask for the period")
	}
	m, _ = press(t, m, "enter", "enter")
	v := m.View()
	checkHeight(t, v, 80, 20)
	for _, want := range []string{"Statement Sat 1 Aug 2026 to Mon 23 Nov 2026", "Opening balance", "closing £1,100.00 owed", "11.0 weeks", "caseload statement NW1001 --from 2026-08-01 --to 2026-11-23"} {
		if !strings.Contains(v, want) {
			t.Errorf("statement lacks %q:\n%s", want, v)
		}
	}
	m, _ = press(t, m, "G")
	if v := m.View(); !strings.Contains(v, "Closing balance") {
		t.Errorf("G does not reach the closing balance:\n%s", v)
	}
	m, _ = press(t, m, "esc")
	if m.statement != nil || !strings.Contains(m.View(), "weekly charge £100.00") {
		t.Fatal("esc did not return to the ledger")
	}
}

func TestStaleLoadsAreDropped(t *testing.T) {
	ctx := newContext(t)
	m := New(ctx).SetSize(80, 20)
	m, first := m.Update(common.AccountSelectedMsg{Ref: "NW1001"})
	m, second := m.Update(common.AccountSelectedMsg{Ref: "NW1002"})
	// The answer for NW1001 arrives after NW1002 was chosen: ignored.
	m, _ = m.Update(first())
	if m.loaded {
		t.Fatal("a stale load was shown")
	}
	m, _ = m.Update(second())
	if !m.loaded || m.account.Ref != "NW1002" {
		t.Fatalf("loaded %v account %q", m.loaded, m.account.Ref)
	}
}

func TestChangedElsewhereReloads(t *testing.T) {
	ctx := newContext(t)
	m := opened(t, ctx, "NW1002", 80, 20)
	n := len(m.lines)
	if _, err := ctx.Store.Post(t.Context(), store.Posting{Ref: "NW1002", Kind: store.PostPayment, Amount: domain.MustMoney("10"),
		Method: domain.MethodCash}, ctx.Today); err != nil {
		t.Fatal(err)
	}
	m, _ = drive(t, m, common.Changed("NW1001"))
	if len(m.lines) != n {
		t.Fatal("a change to another account reloaded this one")
	}
	m, _ = drive(t, m, common.Changed("NW1002"))
	if len(m.lines) != n+1 {
		t.Fatalf("%d lines after the change, want %d", len(m.lines), n+1)
	}
}

func TestUnknownAccountShowsTheReason(t *testing.T) {
	m := New(newContext(t)).SetSize(80, 20)
	m, _ = drive(t, m, common.Select("ZZ9999"))
	if v := m.View(); !strings.Contains(v, "no account ZZ9999") {
		t.Fatalf("view:\n%s", v)
	}
	checkHeight(t, m.View(), 80, 20)
}

func TestHelpHasAKeyForEveryAction(t *testing.T) {
	m := New(newContext(t))
	var keys []string
	for _, b := range m.ShortHelp() {
		keys = append(keys, b.Help().Key)
	}
	if got := strings.Join(keys, " "); !strings.HasPrefix(got, "p a t r w x s") {
		t.Fatalf("short help keys %q", got)
	}
	if len(m.FullHelp()) != 3 {
		t.Fatal("full help groups")
	}
	_ = form.DefaultKeyMap()
}

func TestAnEndedTenancySaysSoInsteadOfAWeeklyCharge(t *testing.T) {
	ctx := newContext(t)
	if _, err := ctx.Store.Terminate(t.Context(), "NW1001", ctx.Today.AddDays(-2), ctx.Today); err != nil {
		t.Fatal(err)
	}
	m := opened(t, ctx, "NW1001", 80, 20)
	v := m.View()
	// Ended Sat 21 Nov: the week of 16 Nov keeps 6 days (£85.71), the week
	// of 23 Nov is credited back in full: £1,100 − £114.29.
	for _, want := range []string{"Balance £985.71 owed (9.9 weeks) · ended 21 Nov 26", "Former tenant · ended Sat 21 Nov 2026; last weekly charge £100.00", "Adjustment"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
}
