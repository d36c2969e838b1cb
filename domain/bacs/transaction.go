package bacs

// TransactionCode is the two-character Bacs code of a Standard 18 record.
type TransactionCode string

// Direct Debit transaction codes (factsheet §1(c)).
const (
	FirstCollection    TransactionCode = "01" // first collection under a new instruction
	RegularCollection  TransactionCode = "17" // regular collection
	Representation     TransactionCode = "18" // re-presentation of an unpaid collection
	FinalCollection    TransactionCode = "19" // final collection
	NewInstruction     TransactionCode = "0N" // AUDDIS: lodge a new instruction
	CancelInstruction  TransactionCode = "0C" // AUDDIS: cancel an instruction
	ConvertInstruction TransactionCode = "0S" // AUDDIS: convert a paper instruction
	Credit             TransactionCode = "99" // credit; in a collection file, the contra
)

// IsCollection reports whether the code debits the payer (01, 17, 18, 19).
func (c TransactionCode) IsCollection() bool {
	switch c {
	case FirstCollection, RegularCollection, Representation, FinalCollection:
		return true
	}
	return false
}

// IsInstruction reports whether the code is an AUDDIS instruction (0N, 0C,
// 0S), which always carries a zero amount.
func (c TransactionCode) IsInstruction() bool {
	switch c {
	case NewInstruction, CancelInstruction, ConvertInstruction:
		return true
	}
	return false
}

// Valid reports whether c is one of the codes a Direct Debit file uses.
func (c TransactionCode) Valid() bool {
	return c.IsCollection() || c.IsInstruction() || c == Credit
}

// Meaning is the code in words, for run logs and the Bacs view.
func (c TransactionCode) Meaning() string {
	switch c {
	case FirstCollection:
		return "first collection"
	case RegularCollection:
		return "regular collection"
	case Representation:
		return "re-presentation"
	case FinalCollection:
		return "final collection"
	case NewInstruction:
		return "new instruction"
	case CancelInstruction:
		return "cancel instruction"
	case ConvertInstruction:
		return "convert paper instruction"
	case Credit:
		return "credit (contra)"
	}
	return "unknown transaction code " + string(c)
}
