package store

import (
	"encoding/json"

	"caseload/domain"
)

// invalid is a validation failure: exit code 3 on the CLI, nothing written.
func invalid(field, format string, args ...any) error { return domain.Invalid(field, format, args...) }

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own plain values reach here
	}
	return b
}
