// Package rtb is the Right to Buy (Housing Act 1985 Part V, England) as an
// officer works it: the statutory clocks of a claim from the RTB1 to
// completion, the tenant's notices of delay and the rent credit they earn,
// the discount and its repayment on early resale, and the initial fraud
// assessment (RULES.md "Right to Buy", law fact sheet §1 and §8).
//
// The package is pure. "Today" and the bank holidays are always
// parameters, so a screen, a batch job and a test all see the same dates for
// the same inputs. Dates are domain.Date and money is domain.Money.
//
// Every computed date carries the rule that produced it, in words, because an
// officer has to defend the date to a tenant, a solicitor or a tribunal. Where
// the statute is ambiguous by a day the date says so (PlusMinusOneDay) rather
// than hiding it. Bank holidays never move a statutory housing deadline, so a
// deadline that falls on one carries a warning to act earlier instead.
package rtb
