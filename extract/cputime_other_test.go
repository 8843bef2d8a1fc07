//go:build !unix

package extract_test

import "time"

// cpuTime is unknown here: benchmarks then leave out their CPU time.
func cpuTime() time.Duration { return 0 }
