package bacs

import (
	"fmt"

	"caseload/domain"
)

// FileError refuses an outside file at a place an officer can find: a line
// (and column) for text files, an XML path for advices. It unwraps to a
// domain.ValidationError so the CLI exits 3 and nothing is written.
type FileError struct {
	Line   int    // 1-based line for text files; 0 for XML
	Column int    // 1-based column of the field, 0 when the whole line is wrong
	Path   string // XML path such as BACSDocument/Data/ARUDD/Header/@currentProcessingDate
	Reason string
}

// Where is "line 4 col 36" or the XML path.
func (e *FileError) Where() string {
	switch {
	case e.Path != "":
		return e.Path
	case e.Column > 0:
		return fmt.Sprintf("line %d col %d", e.Line, e.Column)
	default:
		return fmt.Sprintf("line %d", e.Line)
	}
}

func (e *FileError) Error() string { return e.Where() + ": " + e.Reason }

// In is the refusal as an officer reads it about a named file:
// "valacdos.txt:4: reason" or "arudd.xml: BACSDocument/…/@valueOf: reason".
func (e *FileError) In(file string) string {
	switch {
	case e.Path != "":
		return file + ": " + e.Path + ": " + e.Reason
	case e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", file, e.Line, e.Column, e.Reason)
	default:
		return fmt.Sprintf("%s:%d: %s", file, e.Line, e.Reason)
	}
}

// utf8BOM is stripped from text files saved by Windows tools.
var utf8BOM = []byte("\xef\xbb\xbf")

// Unwrap makes a FileError a validation error for domain.IsValidation.
func (e *FileError) Unwrap() error {
	return &domain.ValidationError{Field: e.Where(), Reason: e.Reason}
}

func lineErr(line int, format string, args ...any) error {
	return &FileError{Line: line, Reason: fmt.Sprintf(format, args...)}
}

func colErr(line, col int, format string, args ...any) error {
	return &FileError{Line: line, Column: col, Reason: fmt.Sprintf(format, args...)}
}

func pathErr(path string, format string, args ...any) error {
	return &FileError{Path: path, Reason: fmt.Sprintf(format, args...)}
}
