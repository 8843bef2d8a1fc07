package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/graphql-go/graphql"
)

// Every request gets an id (the client's X-Request-Id when it is sane),
// echoed in the response, carried in the context to the resolvers, and
// written in its log line with the status and duration. A panic anywhere
// is logged with that id and answered with a generic error naming it.

type requestIDKey struct{}

var saneID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// statusWriter remembers the status code written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe wraps the routes with request ids, recovery, logs and metrics.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-Id")
		if !saneID.MatchString(id) {
			id = newRequestID()
		}
		w.Header().Set("X-Request-Id", id)
		r = r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id))
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.panicked(r.Context(), v)
				if sw.status == 0 {
					http.Error(sw, "internal error (request id "+id+")", http.StatusInternalServerError)
				}
			}
			d := time.Since(start)
			rt := route(r.URL.Path)
			s.metrics.requests.WithLabelValues(rt, r.Method, strconv.Itoa(sw.status)).Inc()
			s.metrics.latency.WithLabelValues(rt).Observe(d.Seconds())
			s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("request_id", id), slog.String("method", r.Method), slog.String("path", r.URL.Path),
				slog.Int("status", sw.status), slog.Duration("duration", d))
		}()
		next.ServeHTTP(sw, r)
	})
}

// panicked logs a recovered panic with its request id and stack.
func (s *Server) panicked(ctx context.Context, v interface{}) {
	if ctx.Value(fastPassKey{}) != nil {
		// the query is run again on graphql-go's executor, where the
		// panic, if it happens again, is logged and counted once
		s.log.LogAttrs(ctx, slog.LevelDebug, "panic in the fast executor; running the query on graphql-go's",
			slog.String("request_id", requestID(ctx)), slog.String("panic", fmt.Sprint(v)))
		return
	}
	s.metrics.panics.Inc()
	s.log.LogAttrs(ctx, slog.LevelError, "panic recovered",
		slog.String("request_id", requestID(ctx)), slog.String("panic", fmt.Sprint(v)),
		slog.String("stack", string(debug.Stack())))
}

func internalError(ctx context.Context) error {
	return errors.New("api: internal error (request id " + requestID(ctx) + ")")
}

// wrapResolvers makes every resolver of the schema, and every thunk one
// returns, recover its panics: graphql-go would turn them into errors that
// show the panic's text to the client.
func (s *Server) wrapResolvers(sch *graphql.Schema) {
	for name, t := range sch.TypeMap() {
		obj, ok := t.(*graphql.Object)
		if !ok || len(name) > 1 && name[:2] == "__" {
			continue
		}
		for _, fd := range obj.Fields() {
			if fd.Resolve != nil {
				fd.Resolve = s.safe(fd.Resolve)
			}
		}
	}
}

func (s *Server) safe(fn graphql.FieldResolveFn) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (v interface{}, err error) {
		defer func() {
			if r := recover(); r != nil {
				s.panicked(p.Context, r)
				v, err = nil, internalError(p.Context)
			}
		}()
		v, err = fn(p)
		if thunk, ok := v.(func() (interface{}, error)); ok {
			return s.safeThunk(p.Context, thunk), err
		}
		return v, err
	}
}

func (s *Server) safeThunk(ctx context.Context, fn func() (interface{}, error)) func() (interface{}, error) {
	return func() (v interface{}, err error) {
		defer func() {
			if r := recover(); r != nil {
				s.panicked(ctx, r)
				v, err = nil, internalError(ctx)
			}
		}()
		return fn()
	}
}

// cors lets browser clients of Config.CORSOrigin call next.
func (s *Server) cors(next http.Handler) http.Handler {
	if s.cfg.CORSOrigin == "" {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", s.cfg.CORSOrigin)
		if s.cfg.CORSOrigin != "*" {
			h.Add("Vary", "Origin")
		}
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization, X-Request-Id")
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}
