package domain

// TxnType is a kind of ledger transaction. Each type has a required sign
// (DESIGN.md "Money": debits positive, credits negative).
type TxnType string

// The transaction types.
const (
	TxnBroughtForward TxnType = "brought-forward"
	TxnCharge         TxnType = "charge"
	TxnPayment        TxnType = "payment"
	TxnHB             TxnType = "hb"
	TxnUC             TxnType = "uc"
	TxnDHP            TxnType = "dhp"
	TxnAdjustment     TxnType = "adjustment"
	TxnRefund         TxnType = "refund"
	TxnWriteOff       TxnType = "write-off"
	TxnCourtCosts     TxnType = "court-costs"
	TxnTransferIn     TxnType = "transfer-in"
	TxnTransferOut    TxnType = "transfer-out"
	TxnReversal       TxnType = "reversal"
)

// ExtractTxnTypes are the types a housing-system extract may carry
// (reversals are made here, never loaded).
var ExtractTxnTypes = []TxnType{TxnBroughtForward, TxnCharge, TxnPayment, TxnHB, TxnUC, TxnDHP, TxnAdjustment, TxnRefund, TxnWriteOff, TxnCourtCosts, TxnTransferIn, TxnTransferOut}

// TxnTypes are all types, including reversal.
var TxnTypes = append(append([]TxnType{}, ExtractTxnTypes...), TxnReversal)

// ParseTxnType reads an extract transaction type.
func ParseTxnType(s string) (TxnType, error) { return oneOf("type", s, ExtractTxnTypes) }

// Sign is the sign a type's amount must have: +1, -1, or 0 for either.
func (t TxnType) Sign() int {
	switch t {
	case TxnCharge, TxnRefund, TxnCourtCosts, TxnTransferOut:
		return 1
	case TxnPayment, TxnHB, TxnUC, TxnDHP, TxnWriteOff, TxnTransferIn:
		return -1
	}
	return 0
}

// CheckSign refuses an amount whose sign the type does not allow (a wrong
// sign is an error, never a silent flip) and a zero amount.
func (t TxnType) CheckSign(amount Money) error {
	if amount.IsZero() {
		return Invalid("amount", "must not be zero")
	}
	switch t.Sign() {
	case 1:
		if !amount.IsPositive() {
			return Invalid("amount", "%s must be positive (a debit), got %s", t, amount)
		}
	case -1:
		if !amount.IsNegative() {
			return Invalid("amount", "%s must be negative (a credit), got %s", t, amount)
		}
	}
	return nil
}

// IsPayment reports whether the type is money received for the account
// (the resident's own payments and benefit paid to the landlord): these set
// the "last payment" date and count towards arrangements.
func (t TxnType) IsPayment() bool {
	switch t {
	case TxnPayment, TxnHB, TxnUC, TxnDHP:
		return true
	}
	return false
}

// Label is the officer's word for the type.
func (t TxnType) Label() string {
	switch t {
	case TxnBroughtForward:
		return "Brought forward"
	case TxnCharge:
		return "Charge"
	case TxnPayment:
		return "Payment"
	case TxnHB:
		return "Housing Benefit"
	case TxnUC:
		return "Universal Credit"
	case TxnDHP:
		return "DHP"
	case TxnAdjustment:
		return "Adjustment"
	case TxnRefund:
		return "Refund"
	case TxnWriteOff:
		return "Write-off"
	case TxnCourtCosts:
		return "Court costs"
	case TxnTransferIn:
		return "Transfer in"
	case TxnTransferOut:
		return "Transfer out"
	case TxnReversal:
		return "Reversal"
	}
	return string(t)
}

// PaymentTxnType is the ledger type of a payment taken by method m:
// Universal Credit, Housing Benefit and DHP are their own types, every
// other method is a plain payment.
func PaymentTxnType(m PaymentMethod) TxnType {
	switch m {
	case MethodUC:
		return TxnUC
	case MethodHB:
		return TxnHB
	case MethodDHP:
		return TxnDHP
	}
	return TxnPayment
}

// Txn is one ledger transaction as the domain sees it. Amount carries the
// ledger sign: debits positive, credits negative.
type Txn struct {
	ID        string
	Date      Date
	Type      TxnType
	Amount    Money
	Method    PaymentMethod
	Reference string
	// Reverses names the transaction a reversal undoes ("" otherwise).
	Reverses string
}
