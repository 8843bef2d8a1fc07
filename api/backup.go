package api

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"
)

// GET /backup streams a consistent copy of the store, taken while it is
// served, to holders of the token: the way to back up a store whose file
// the server holds locked (newsgraph backup --server).

func (s *Server) serveBackup(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		http.Error(w, "api: /backup takes GET", http.StatusMethodNotAllowed)
		return
	}
	if s.cfg.Backup == nil {
		http.Error(w, "api: this server's store cannot be backed up over HTTP (only a bbolt file can)", http.StatusNotFound)
		return
	}
	if !s.hasToken(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="newsgraph"`)
		http.Error(w, "api: /backup needs the bearer token (Authorization: Bearer <token>)", http.StatusUnauthorized)
		return
	}
	// a copy of a large store takes longer than the server's write
	// timeout, which is meant for answers to queries
	_ = http.NewResponseController(w).SetWriteDeadline(time.Time{})
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", `attachment; filename="newsgraph-backup.db"`)
	w.Header().Set("Cache-Control", "no-store")
	n, err := s.cfg.Backup.Backup(r.Context(), w)
	if err != nil {
		s.log.LogAttrs(r.Context(), slog.LevelError, "backup failed",
			slog.String("request_id", requestID(r.Context())), slog.Int64("bytes", n), slog.String("error", err.Error()))
		if n == 0 {
			w.Header().Del("Content-Disposition")
			http.Error(w, fmt.Sprintf("api: backup failed: %v", err), http.StatusInternalServerError)
			return
		}
		// the status went out with the first bytes: cutting the chunked
		// body short, without its last chunk, is how the client learns
		panic(http.ErrAbortHandler)
	}
	s.log.LogAttrs(r.Context(), slog.LevelInfo, "backup",
		slog.String("request_id", requestID(r.Context())), slog.Int64("bytes", n))
}

// withToken serves next to holders of the token only.
func (s *Server) withToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hasToken(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="newsgraph"`)
			http.Error(w, "api: this needs the bearer token (Authorization: Bearer <token>)", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}
