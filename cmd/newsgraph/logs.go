package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// Every log line of the process, newsgraph's own and whatever a library
// prints (Cayley through its clog, anything through the standard log
// package, net/http's server errors), goes through one slog handler that
// masks secrets: database passwords wherever a URL or connection string
// shows them, and the configured token. A library's own message is
// masked like ours, since no library can be trusted to leave secrets out.

// redacting wraps a handler, masking secrets in messages and values.
type redacting struct {
	next    slog.Handler
	secrets []string // exact values to mask: the token
}

func (h redacting) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h redacting) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, h.mask(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h redacting) WithAttrs(as []slog.Attr) slog.Handler {
	masked := make([]slog.Attr, len(as))
	for i, a := range as {
		masked[i] = h.attr(a)
	}
	return redacting{h.next.WithAttrs(masked), h.secrets}
}

func (h redacting) WithGroup(name string) slog.Handler {
	return redacting{h.next.WithGroup(name), h.secrets}
}

// attr masks one attribute, groups included; values that are not strings
// (errors, structs) are masked in their printed form.
func (h redacting) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.mask(v.String()))
	case slog.KindGroup:
		g := v.Group()
		out := make([]any, len(g))
		for i, ga := range g {
			out[i] = h.attr(ga)
		}
		return slog.Group(a.Key, out...)
	case slog.KindAny:
		return slog.String(a.Key, h.mask(fmt.Sprint(v.Any())))
	}
	return a
}

func (h redacting) mask(s string) string {
	s = graph.Redact(s)
	for _, secret := range h.secrets {
		s = strings.ReplaceAll(s, secret, "xxxxx")
	}
	return s
}

// newRedacting is the process's log handler, writing text lines to w with
// the secrets of args and the environment masked.
func newRedacting(w io.Writer, args []string) redacting {
	return redacting{slog.NewTextHandler(w, nil), secretsOf(args)}
}

// secretsOf finds the token among a command's arguments and environment:
// known before the command parses its flags, so that nothing is logged
// unmasked in between.
func secretsOf(args []string) []string {
	var out []string
	add := func(s string) {
		if len(s) >= 4 { // a shorter "secret" would mask ordinary words
			out = append(out, s)
		}
	}
	add(os.Getenv("NEWSGRAPH_TOKEN"))
	for i, a := range args {
		switch {
		case a == "--token" || a == "-token":
			if i+1 < len(args) {
				add(args[i+1])
			}
		case strings.HasPrefix(a, "--token="), strings.HasPrefix(a, "-token="):
			add(a[strings.Index(a, "=")+1:])
		}
	}
	return out
}

// setLogging makes l the default for slog and the standard log package,
// and Cayley's logger.
func setLogging(l *slog.Logger) {
	slog.SetDefault(l)
	graph.LogTo(l)
}
