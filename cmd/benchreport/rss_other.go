//go:build !unix

package main

import "os"

// peakRSS is 0: this system does not report a process's peak resident set.
func peakRSS(*os.ProcessState) int64 { return 0 }
