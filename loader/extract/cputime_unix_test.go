//go:build unix

package extract_test

import (
	"syscall"
	"time"
)

// cpuTime returns the processor time the process has used, user and
// system, on every thread; ok is false where it cannot be read.
func cpuTime() (d time.Duration, ok bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
