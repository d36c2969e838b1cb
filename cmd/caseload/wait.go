package main

import (
	"strconv"
	"time"

	"caseload/store"
)

// writeWait is CASELOAD_WRITE_WAIT: how long a write waits for another
// (an import, a rent run) to finish before giving up — a duration such as
// 90s or 5m, or whole seconds.
func (s *settings) writeWait() (time.Duration, error) {
	v := s.e.getenv("CASELOAD_WRITE_WAIT")
	if v == "" {
		return store.DefaultWriteWait, nil
	}
	if n, err := strconv.Atoi(v); err == nil && n > 0 {
		return time.Duration(n) * time.Second, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, usagef("CASELOAD_WRITE_WAIT=%q: give how long a write may wait, e.g. 90s or 5m", v)
	}
	return d, nil
}
