package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/newsgraph/newsgraph/api"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
)

// The store and the extractor fit what the API asks of them.
var (
	_ api.Store     = (*graph.Store)(nil)
	_ api.Writer    = (*graph.Store)(nil)
	_ api.Extractor = (*extract.Extractor)(nil)
)

const exampleQuery = `{ search(query: "Korea") { score entity { id name type } } }`

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := defaultConfig()
	fs := newFlags("serve", &cfg, stderr, "db", "addr", "token", "memory-limit")
	if err := parse(fs, args); err != nil {
		return err
	}
	defer cfg.limitMemory()()
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: serve takes no arguments, got %q", errUsage, fs.Args())
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w (is another server running? pick one with --addr)", cfg.Addr, err)
	}
	defer ln.Close()
	return serve(ctx, ln, cfg, stdout)
}

// serve runs the GraphQL server on ln until ctx is done, then shuts down
// gracefully, letting requests in flight finish.
func serve(ctx context.Context, ln net.Listener, cfg Config, stdout io.Writer) error {
	store, x, err := openPipeline(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	srv, err := api.NewServer(store, x, api.Config{
		Writer: store, Token: cfg.Token, CORSOrigin: cfg.CORSOrigin, NoIntrospection: cfg.NoIntrospection,
		Timeout: cfg.Timeout, Logger: slog.Default(),
		IsNotFound: func(err error) bool { return errors.Is(err, graph.ErrNotFound) },
	})
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	url := "http://" + ln.Addr().String()
	fmt.Fprintf(stdout, "newsgraph serving %s\n  GraphQL:  POST %s/graphql\n  GraphiQL: %s/graphiql\n", cfg.DB, url, url)
	fmt.Fprintf(stdout, "  try:      curl -s %s/graphql -H 'Content-Type: application/json' -d '{\"query\":%q}'\n", url, exampleQuery)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	fmt.Fprintln(stdout, "newsgraph: stopped")
	return nil
}
