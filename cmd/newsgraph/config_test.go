package main

import (
	"runtime/debug"
	"testing"
)

func TestMemoryLimitFlag(t *testing.T) {
	for _, tc := range []struct {
		arg  string
		want byteSize
	}{
		{"900MiB", 900 << 20},
		{"2GB", 2e9},
		{"1.5GiB", 3 << 29},
		{"1000000", 1e6},
	} {
		var b byteSize
		if err := b.Set(tc.arg); err != nil || b != tc.want {
			t.Errorf("--memory-limit %s = %d, %v; want %d", tc.arg, b, err, tc.want)
		}
	}

	prev := debug.SetMemoryLimit(-1)
	restore := Config{MemoryLimit: 512 << 20}.limitMemory()
	if got := debug.SetMemoryLimit(-1); got != 512<<20 {
		t.Errorf("during the command the memory limit is %d, want %d", got, 512<<20)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != prev {
		t.Errorf("after the command the memory limit is %d, want the previous %d", got, prev)
	}
	Config{}.limitMemory()()
	if got := debug.SetMemoryLimit(-1); got != prev {
		t.Errorf("without --memory-limit the limit became %d, want it left at %d", got, prev)
	}
}
