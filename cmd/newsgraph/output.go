package main

import (
	"fmt"
	"io"
	"os"
)

// openOutput returns the file named by path (created), or stdout when path
// is empty, with the function that closes it.
func openOutput(path string, stdout io.Writer) (io.Writer, func() error, error) {
	if path == "" || path == "-" {
		return stdout, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, fmt.Errorf("output %s: %w", path, err)
	}
	return f, f.Close, nil
}
