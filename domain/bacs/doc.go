// Package bacs reads and writes the files a council exchanges with its bank
// or Bacs bureau for Direct Debits: the Pay.UK modulus checking tables
// (valacdos weight table, scsubtab substitutions) and the check itself,
// Standard 18 collection and AUDDIS files, and the ARUDD, ADDACS and AUDDIS
// advices that come back. It is pure: every function takes bytes or a
// reader (and a date where one matters) and returns values or a FileError
// saying where the file is wrong. Keeping, matching and acting on these
// values is the store's job.
package bacs
