// Package bacs reads and writes the files a council exchanges with its bank
// or Bacs bureau for Direct Debits: the Pay.UK modulus checking tables
// (valacdos weight table, scsubtab substitutions) and the check itself,
// Standard 18 collection and AUDDIS files, and the ARUDD, ADDACS and AUDDIS
// advices that come back. It is pure: every function takes bytes or a
// reader (and a date where one matters) and returns values or a FileError
// saying where the file is wrong. Keeping, matching and acting on these
// values is the store's job.
//
// What the store, CLI and TUI call:
//   - bacs modulus load DIR: ParseWeightTable and ParseSubstitutions on the
//     two files' bytes, then NewChecker; Checker.Check on every mandate's
//     details (CheckResult.Blocks says whether to refuse; CannotCheck never
//     does); Standardise and MaskAccount for the form and every display.
//   - bacs collect / bacs auddis: CycleForCollection to find the file's
//     processing date for a collection day, then WriteStandard18 with a
//     Batch whose Created is today and Holidays the council's bank holidays;
//     it validates the whole batch first (CheckProcessingDate included) and
//     writes nothing if refused. ValidateReference when a mandate's reference is made.
//   - bacs import FILE: Fingerprint to recognise a file imported twice,
//     Detect to choose ParseARUDD, ParseADDACS or ParseAUDDIS, each of which
//     validates the whole file; MatchReturns against the collections sent;
//     RepresentationPolicy.MayRepresent for each matched return; the reason
//     tables (ARUDDReason, ADDACSReason, AUDDISReason) for the words and the
//     action. FileError.In(file) is the one-line refusal (exit code 3).
package bacs
