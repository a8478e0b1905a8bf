//go:build !unix

package apibench

import "time"

// processCPU is not measured here; Cell.CPU stays zero.
func processCPU() time.Duration { return 0 }
