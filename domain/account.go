package domain

import "strings"

// AccountKind is what an account collects.
type AccountKind string

// The account kinds (formats/EXTRACT.md).
const (
	KindRent         AccountKind = "rent"
	KindGarage       AccountKind = "garage"
	KindLeasehold    AccountKind = "leasehold"
	KindFormerTenant AccountKind = "former-tenant"
	KindTemporary    AccountKind = "temporary"
	KindSundry       AccountKind = "sundry"
)

// AccountKinds lists every kind in display order.
var AccountKinds = []AccountKind{KindRent, KindGarage, KindLeasehold, KindFormerTenant, KindTemporary, KindSundry}

// Label is the officer's word for the kind.
func (k AccountKind) Label() string {
	switch k {
	case KindRent:
		return "Rent"
	case KindGarage:
		return "Garage"
	case KindLeasehold:
		return "Leasehold service charge"
	case KindFormerTenant:
		return "Former tenant"
	case KindTemporary:
		return "Temporary accommodation (use and occupation)"
	case KindSundry:
		return "Sundry debt"
	}
	return string(k)
}

// HasPossessionSteps reports whether the possession ladder (NOSP, court)
// applies; garage and sundry debts follow the arrears ladder without it.
func (k AccountKind) HasPossessionSteps() bool {
	return k == KindRent || k == KindTemporary
}

// TenancyType is the legal form of the occupation.
type TenancyType string

// The tenancy types.
const (
	TenancyNone         TenancyType = ""
	TenancySecure       TenancyType = "secure"
	TenancyIntroductory TenancyType = "introductory"
	TenancyFlexible     TenancyType = "flexible"
	TenancyNonSecure    TenancyType = "non-secure"
	TenancyLicence      TenancyType = "licence"
	TenancyLease        TenancyType = "lease"
)

// TenancyTypes lists the named tenancy types.
var TenancyTypes = []TenancyType{TenancySecure, TenancyIntroductory, TenancyFlexible, TenancyNonSecure, TenancyLicence, TenancyLease}

// AccountStatus is current or former.
type AccountStatus string

// The statuses.
const (
	StatusCurrent AccountStatus = "current"
	StatusFormer  AccountStatus = "former"
)

// AccountStatuses lists the statuses.
var AccountStatuses = []AccountStatus{StatusCurrent, StatusFormer}

// PropertyType is the kind of home or garage.
type PropertyType string

// The property types.
const (
	PropertyNone       PropertyType = ""
	PropertyHouse      PropertyType = "house"
	PropertyFlat       PropertyType = "flat"
	PropertyMaisonette PropertyType = "maisonette"
	PropertyBungalow   PropertyType = "bungalow"
	PropertyGarage     PropertyType = "garage"
)

// PropertyTypes lists the named property types.
var PropertyTypes = []PropertyType{PropertyHouse, PropertyFlat, PropertyMaisonette, PropertyBungalow, PropertyGarage}

// PaymentMethod is how money arrives (or how an account usually pays).
type PaymentMethod string

// The payment methods.
const (
	MethodNone          PaymentMethod = ""
	MethodCard          PaymentMethod = "card"
	MethodCash          PaymentMethod = "cash"
	MethodDirectDebit   PaymentMethod = "dd"
	MethodBank          PaymentMethod = "bank"
	MethodStandingOrder PaymentMethod = "standing-order"
	MethodCheque        PaymentMethod = "cheque"
	MethodUC            PaymentMethod = "uc"
	MethodHB            PaymentMethod = "hb"
	MethodDHP           PaymentMethod = "dhp"
)

// PaymentMethods are the methods a payment can be taken by (CLI `pay --method`).
var PaymentMethods = []PaymentMethod{MethodCard, MethodCash, MethodDirectDebit, MethodBank, MethodStandingOrder, MethodCheque, MethodUC, MethodHB, MethodDHP}

// AccountPaymentMethods are the usual ways an account pays (its setting).
var AccountPaymentMethods = []PaymentMethod{MethodDirectDebit, MethodUC, MethodHB, MethodCard, MethodCash, MethodBank, MethodStandingOrder}

// Label is the officer's word for the method.
func (m PaymentMethod) Label() string {
	switch m {
	case MethodCard:
		return "Card"
	case MethodCash:
		return "Cash"
	case MethodDirectDebit:
		return "Direct Debit"
	case MethodBank:
		return "Bank transfer"
	case MethodStandingOrder:
		return "Standing order"
	case MethodCheque:
		return "Cheque"
	case MethodUC:
		return "Universal Credit"
	case MethodHB:
		return "Housing Benefit"
	case MethodDHP:
		return "DHP"
	case MethodNone:
		return "—"
	}
	return string(m)
}

// ManagedPayment is the state of a UC Alternative Payment Arrangement
// (managed payment of the housing element to the landlord).
type ManagedPayment string

// The managed-payment states.
const (
	APANone      ManagedPayment = ""
	APARequested ManagedPayment = "requested"
	APAInPlace   ManagedPayment = "in-place"
)

// ManagedPayments lists the named managed-payment states.
var ManagedPayments = []ManagedPayment{APARequested, APAInPlace}

// oneOf parses s as one of the allowed values of a string enum, with an
// error that lists them.
func oneOf[T ~string](field, s string, allowed []T) (T, error) {
	for _, a := range allowed {
		if string(a) == s {
			return a, nil
		}
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	return "", Invalid(field, "%q is not one of %s", s, strings.Join(names, ", "))
}

// ParseAccountKind reads a kind.
func ParseAccountKind(s string) (AccountKind, error) { return oneOf("kind", s, AccountKinds) }

// ParseTenancyType reads a tenancy type; "" is no tenancy type.
func ParseTenancyType(s string) (TenancyType, error) {
	if s == "" {
		return TenancyNone, nil
	}
	return oneOf("tenancy_type", s, TenancyTypes)
}

// ParseAccountStatus reads a status.
func ParseAccountStatus(s string) (AccountStatus, error) {
	return oneOf("status", s, AccountStatuses)
}

// ParsePropertyType reads a property type; "" is unknown.
func ParsePropertyType(s string) (PropertyType, error) {
	if s == "" {
		return PropertyNone, nil
	}
	return oneOf("property_type", s, PropertyTypes)
}

// ParsePaymentMethod reads a method a payment can be taken by.
func ParsePaymentMethod(s string) (PaymentMethod, error) {
	return oneOf("method", s, PaymentMethods)
}

// ParseAccountPaymentMethod reads an account's usual payment method; "" is none.
func ParseAccountPaymentMethod(s string) (PaymentMethod, error) {
	if s == "" {
		return MethodNone, nil
	}
	return oneOf("payment_method", s, AccountPaymentMethods)
}

// ParseManagedPayment reads a managed-payment state; "" or "none" is none.
func ParseManagedPayment(s string) (ManagedPayment, error) {
	if s == "" || s == "none" {
		return APANone, nil
	}
	return oneOf("managed_payment", s, ManagedPayments)
}

// ParseYesNo reads yes/no (and true/false), as the extract and `account set` write flags.
func ParseYesNo(field, s string) (bool, error) {
	switch strings.ToLower(s) {
	case "yes", "y", "true":
		return true, nil
	case "no", "n", "false", "":
		return false, nil
	}
	return false, Invalid(field, "%q is not yes or no", s)
}

// YesNo writes a flag the way the extract does.
func YesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// ValidRef reports whether s is a payment reference: 4–20 letters, digits or '-'.
func ValidRef(s string) error {
	if len(s) < 4 || len(s) > 20 {
		return Invalid("ref", "%q must be 4–20 characters", s)
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return Invalid("ref", "%q may hold only letters, digits and '-'", s)
		}
	}
	return nil
}

// RentFreeWeeksValid checks the 0–4 range.
func RentFreeWeeksValid(n int) error {
	if n < 0 || n > 4 {
		return Invalid("rent_free_weeks", "%d is outside 0–4", n)
	}
	return nil
}
