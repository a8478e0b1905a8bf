//go:build !unix

package extract_test

import "time"

// cpuTime cannot read the processor time here.
func cpuTime() (time.Duration, bool) { return 0, false }
