package domain

import "fmt"

// RowError is a rule of a whole reference table (UC rates, discount caps)
// broken by one of its rows, counted from 0 in the order given: a loader
// turns Row into the file's line. It wraps the ValidationError, so it is
// bad input like any other.
type RowError struct {
	Row int
	Err error
}

func (e *RowError) Error() string { return fmt.Sprintf("row %d: %v", e.Row+1, e.Err) }

// Unwrap gives the ValidationError.
func (e *RowError) Unwrap() error { return e.Err }

// InvalidRow builds a RowError around a ValidationError.
func InvalidRow(row int, field, format string, args ...any) error {
	return &RowError{Row: row, Err: Invalid(field, format, args...)}
}
