package api_test

import (
	"github.com/newsgraph/newsgraph/api"
	"io"
	"sync"
)

// lockedWriter lets the slog handler and the test read one buffer safely.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func apiConfig() api.Config { return api.Config{} }
