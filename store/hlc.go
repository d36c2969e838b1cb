package store

// The hybrid logical clock that orders every change.

import (
	"time"
)

// hlc is a hybrid logical clock: 48 bits of Unix milliseconds and a 16-bit
// counter, never going backwards, so later local edits sort after
// everything this replica has seen.
type hlc struct {
	last int64
	now  func() time.Time
}

func (c *hlc) Now() int64 {
	phys := c.now().UnixMilli() << 16
	if phys > c.last {
		c.last = phys
	} else {
		c.last++
	}
	return c.last
}

// maxClockLead is how far ahead of this machine's wall clock a remote
// timestamp may pull the clock; a laptop with a clock days fast must not
// drag every later edit here into its future.
const maxClockLead = 24 * time.Hour

// Observe moves the clock past a remote timestamp, up to maxClockLead
// ahead of the wall clock; it reports whether the remote was too far ahead.
func (c *hlc) Observe(remote int64) (tooFast bool) {
	limit := c.now().Add(maxClockLead).UnixMilli() << 16
	if remote > limit {
		remote, tooFast = limit, true
	}
	if remote > c.last {
		c.last = remote
	}
	return tooFast
}
