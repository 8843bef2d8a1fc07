package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"golang.org/x/net/netutil"

	"github.com/newsgraph/newsgraph/api"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
)

// The store and the extractor fit what the API asks of them.
var (
	_ api.Store     = (*graph.Store)(nil)
	_ api.Writer    = (*graph.Store)(nil)
	_ api.Backuper  = (*graph.Store)(nil)
	_ api.Follower  = (*graph.Store)(nil)
	_ api.Extractor = (*extract.Extractor)(nil)
)

const exampleQuery = `{ search(query: "Korea") { totalCount nodes { score entity { id name type } } } }`

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := defaultConfig()
	fs := newFlags("serve", &cfg, stderr, "db", "addr", "token", "follow", "memory-limit", "limits")
	if err := parse(fs, args); err != nil {
		return err
	}
	fs.Visit(func(f *flag.Flag) { cfg.FollowGiven = cfg.FollowGiven || f.Name == "follow" })
	defer cfg.limitMemory()()
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: serve takes no arguments, got %q", errUsage, fs.Args())
	}
	if err := cfg.checkServe(); err != nil {
		return err
	}
	if err := cfg.Limits.Check(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
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
	if err := cfg.checkServe(); err != nil {
		return err
	}
	metrics := api.MetricsOpen
	switch {
	case cfg.MetricsToken && cfg.MetricsAddr != "":
		return fmt.Errorf("%w: --metrics-token and --metrics-addr: choose one", errUsage)
	case cfg.MetricsToken && cfg.Token == "":
		return fmt.Errorf("%w: --metrics-token needs a token (--token or NEWSGRAPH_TOKEN)", errUsage)
	case cfg.MetricsToken:
		metrics = api.MetricsToken
	case cfg.MetricsAddr != "":
		metrics = api.MetricsOff
	}
	store, x, err := openServing(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	following, stopFollowing, err := follow(ctx, store, cfg)
	if err != nil {
		return err
	}
	defer stopFollowing()
	acfg := api.Config{
		Token: cfg.Token, CORSOrigin: cfg.CORSOrigin, NoIntrospection: cfg.NoIntrospection,
		Timeout: cfg.Timeout, Logger: slog.Default(), Limits: cfg.Limits, Metrics: metrics, Backup: store, WriteShare: cfg.WriteShare,
		IsNotFound: func(err error) bool { return errors.Is(err, graph.ErrNotFound) },
	}
	if !cfg.ReadOnly {
		acfg.Writer = store
	}
	if following {
		acfg.Feed = store
	}
	var ex api.Extractor
	if x != nil {
		ex = x
	}
	srv, err := api.NewServer(store, ex, acfg)
	if err != nil {
		return err
	}
	servers := []*http.Server{cfg.httpServer(srv.Handler())}
	listeners := []net.Listener{netutil.LimitListener(ln, cfg.MaxConns)}
	url := "http://" + ln.Addr().String()
	mode := ""
	if cfg.ReadOnly {
		mode = " (read-only)"
	}
	fmt.Fprintf(stdout, "newsgraph serving %s%s\n  explorer: %s/\n  GraphQL:  POST %s/graphql\n  GraphiQL: %s/graphiql\n  export:   %s/export?format=graphml\n",
		graph.Redact(cfg.DB), mode, url, url, url, url)
	if following {
		fmt.Fprintf(stdout, "  feed:     the changes other processes commit, every %v\n", cfg.Follow)
	}
	if cfg.MetricsAddr != "" {
		mln, err := net.Listen("tcp", cfg.MetricsAddr)
		if err != nil {
			return fmt.Errorf("cannot listen on %s for the metrics: %w", cfg.MetricsAddr, err)
		}
		defer mln.Close()
		mux := http.NewServeMux()
		mux.Handle("/metrics", srv.MetricsHandler())
		servers = append(servers, cfg.httpServer(mux))
		listeners = append(listeners, netutil.LimitListener(mln, 64))
		fmt.Fprintf(stdout, "  Metrics:  http://%s/metrics\n", mln.Addr())
	}
	fmt.Fprintf(stdout, "  try:      curl -s %s/graphql -H 'Content-Type: application/json' -d '{\"query\":%q}'\n", url, exampleQuery)
	errc := make(chan error, len(servers))
	for i, hs := range servers {
		go func() { errc <- hs.Serve(listeners[i]) }()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	for _, hs := range servers {
		if err := hs.Shutdown(shut); err != nil {
			return fmt.Errorf("shutdown: %w", err)
		}
	}
	fmt.Fprintln(stdout, "newsgraph: stopped")
	return nil
}

// httpServer is an http.Server for h with serve's timeouts: a client that
// sends its request slowly, or never sends the body it announced, or keeps
// an idle connection, lets go of its connection when they run out (only
// ReadHeaderTimeout was set, and 21,000 connections that announced a
// body and sent none ran the process out of file descriptors).
func (c Config) httpServer(h http.Handler) *http.Server {
	write := c.WriteTimeout
	if write == 0 {
		write = c.Timeout + 5*time.Second
	}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: min(10*time.Second, c.ReadTimeout),
		ReadTimeout:       c.ReadTimeout,
		WriteTimeout:      write,
		IdleTimeout:       c.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(slog.Default().Handler(), slog.LevelWarn),
	}
}

// openServing opens the store serve reads from and the extractor that
// feeds ingestArticle; read-only, an existing store and no extractor.
func openServing(ctx context.Context, cfg Config) (*graph.Store, *extract.Extractor, error) {
	if cfg.ReadOnly {
		store, err := openExisting(ctx, cfg.DB, true)
		return store, nil, err
	}
	return openPipeline(ctx, cfg)
}

// follow has the store apply, every cfg.Follow, the changes other
// processes commit to it, when it has a feed (PostgreSQL) and cfg.Follow
// is not 0, until stop is called; following says whether it does. A read
// of the feed that fails is logged once, and again when the feed is back;
// meanwhile the server answers from what it has. --follow given for a
// store without a feed is refused: that store has one writer, and nothing
// to follow.
func follow(ctx context.Context, store *graph.Store, cfg Config) (following bool, stop func(), err error) {
	if !store.Follows() {
		if cfg.FollowGiven && cfg.Follow > 0 {
			return false, nil, fmt.Errorf("%w: --follow %v: %s has no feed of changes to follow (only PostgreSQL has; a bbolt file has one writer, the process that holds it)",
				errUsage, cfg.Follow, graph.Redact(cfg.DB))
		}
		return false, func() {}, nil
	}
	if cfg.Follow == 0 {
		return false, func() {}, nil
	}
	fctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	failing := false // the hook runs on Follow's goroutine only
	go func() {
		done <- store.Follow(fctx, cfg.Follow, func(err error) {
			was := failing
			failing = err != nil
			if err != nil && !was {
				slog.Warn("cannot read the store's changes; answering from what this server has, and trying again", "every", cfg.Follow, "err", err)
			} else if err == nil && was {
				slog.Info("reading the store's changes again")
			}
		})
	}()
	return true, func() {
		cancel()
		if err := <-done; err != nil {
			slog.Error("following the store", "err", err)
		}
	}, nil
}
