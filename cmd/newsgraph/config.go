package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/dustin/go-humanize"
	"github.com/newsgraph/newsgraph/api"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// Config is everything the commands can be told, from flags and the
// environment (NEWSGRAPH_DB, NEWSGRAPH_ADDR, NEWSGRAPH_TOKEN, ...); a flag
// given on the command line wins over the environment.
type Config struct {
	DB              string
	Addr            string
	Token           string
	CORSOrigin      string
	NoIntrospection bool
	ReadOnly        bool
	Timeout         time.Duration
	ReadTimeout     time.Duration // a whole request, body included
	WriteTimeout    time.Duration // from the end of the request's headers to the end of the answer
	IdleTimeout     time.Duration // a kept-alive connection between requests
	MaxConns        int           // connections open at once
	MetricsAddr     string        // serve /metrics here rather than on Addr
	MetricsToken    bool          // /metrics needs the token
	WriteShare      float64       // the part of the time mutations may run
	// Follow is how often serve reads the changes other processes commit
	// to a store they share (PostgreSQL); 0 never. FollowGiven says the
	// flag was given, which a store with no feed refuses.
	Follow      time.Duration
	FollowGiven bool
	Server      string // a running server's URL: backup and export ask it
	Workers     int
	TxDeltas    int
	MemoryLimit byteSize // 0: GOMEMLIMIT's, or none
	Shard       shard    // ingest: this process's share of the input
	Format      string
	Output      string
	Gold        string
	Quiet       bool
	// export: a neighbourhood, Neo4j's CSV headers
	Entity string
	Depth  int
	Neo4j  bool
	// serve: the query limits (zero keeps api.DefaultLimits')
	Limits api.Limits
}

func defaultConfig() Config {
	return Config{
		DB:          envOr("NEWSGRAPH_DB", "data/newsgraph.db"),
		Addr:        envOr("NEWSGRAPH_ADDR", "127.0.0.1:8080"),
		Token:       os.Getenv("NEWSGRAPH_TOKEN"),
		Timeout:     10 * time.Second,
		ReadTimeout: 10 * time.Second,
		IdleTimeout: 2 * time.Minute,
		MaxConns:    1024,
		WriteShare:  0.5,
		Follow:      graph.DefaultFollowEvery,
		Server:      os.Getenv("NEWSGRAPH_SERVER"),
		Workers:     runtime.GOMAXPROCS(0),
	}
}

// maxWorkers bounds --workers: extraction is CPU-bound, and workers past
// the cores only hold more articles in memory at once (100,000 workers
// took 3x the memory and 6x the time of the default).
func maxWorkers() int { return 4 * runtime.NumCPU() }

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// newFlags builds a command's flag set over cfg with the flags it accepts.
func newFlags(name string, cfg *Config, stderr io.Writer, want ...string) *flag.FlagSet {
	fs := flag.NewFlagSet("newsgraph "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	for _, w := range want {
		switch w {
		case "db":
			fs.StringVar(&cfg.DB, "db", cfg.DB, "the graph store: a bbolt file path, postgres://... URL, or \"memory\" (env NEWSGRAPH_DB)")
		case "addr":
			fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "address to listen on (env NEWSGRAPH_ADDR)")
		case "token":
			fs.StringVar(&cfg.Token, "token", cfg.Token, "bearer token that allows mutations; none means read-only (env NEWSGRAPH_TOKEN)")
			fs.StringVar(&cfg.CORSOrigin, "cors-origin", os.Getenv("NEWSGRAPH_CORS_ORIGIN"), "allow browser clients from this origin")
			fs.BoolVar(&cfg.NoIntrospection, "no-introspection", false, "turn off schema introspection and field suggestions")
			fs.DurationVar(&cfg.Timeout, "timeout", cfg.Timeout, "deadline for executing one request")
			fs.DurationVar(&cfg.ReadTimeout, "read-timeout", cfg.ReadTimeout, "time a client has to send a whole request, body included")
			fs.DurationVar(&cfg.WriteTimeout, "write-timeout", cfg.WriteTimeout, "time to write an answer, from the end of the request's headers (default --timeout + 5s)")
			fs.DurationVar(&cfg.IdleTimeout, "idle-timeout", cfg.IdleTimeout, "how long a kept-alive connection may wait for its next request")
			fs.IntVar(&cfg.MaxConns, "max-conns", cfg.MaxConns, "connections open at once; more wait to be accepted")
			fs.StringVar(&cfg.MetricsAddr, "metrics-addr", "", "serve /metrics on this address only, not on --addr")
			fs.BoolVar(&cfg.MetricsToken, "metrics-token", false, "/metrics needs the bearer token, like mutations")
			fs.Float64Var(&cfg.WriteShare, "write-share", cfg.WriteShare, "the part of the time mutations may run, above 0 and at most 1; the rest is the reads'")
			fs.BoolVar(&cfg.ReadOnly, "read-only", false, "open the store read-only (a read-only file, or one another reader shares); mutations are refused")
		case "follow":
			fs.DurationVar(&cfg.Follow, "follow", cfg.Follow, "on PostgreSQL, how often to read the articles other processes (ingest, other servers) "+
				"commit and answer with them; 0 never, and the server answers as the store was when it started plus its own writes")
		case "tx-deltas":
			fs.IntVar(&cfg.TxDeltas, "tx-deltas", 0, fmt.Sprintf("quad changes per store transaction, whole articles only (default %d); fewer hold less memory during a large load, and load more slowly", graph.DefaultTxDeltas))
		case "memory-limit":
			fs.Var(&cfg.MemoryLimit, "memory-limit", "soft memory limit of the process, a `SIZE` such as 900MiB or 2GB (default GOMEMLIMIT's, or none); the store sizes its write transactions to stay under it")
		case "shard":
			fs.Var(&cfg.Shard, "shard", "take share `I/N` of the articles, by a stable hash of their ids (1/2 and 2/2 split them whole); "+
				"N processes may write one PostgreSQL store at once")
		case "workers":
			fs.IntVar(&cfg.Workers, "workers", cfg.Workers, fmt.Sprintf("articles extracted at once, 1 to %d", maxWorkers()))
		case "server":
			fs.StringVar(&cfg.Server, "server", cfg.Server, "`URL` of the server that holds the store, such as http://127.0.0.1:8080, "+
				"for a consistent copy while it serves (env NEWSGRAPH_SERVER)")
		case "format":
			fs.StringVar(&cfg.Format, "format", cfg.Format, "output format")
		case "output":
			fs.StringVar(&cfg.Output, "o", "", "write to this file instead of standard output")
		case "gold":
			fs.StringVar(&cfg.Gold, "gold", cfg.Gold, "directory of gold annotations")
		case "limits":
			d := api.DefaultLimits
			l := &cfg.Limits
			for _, f := range []struct {
				p    *int
				name string
				def  int
				doc  string
			}{
				{&l.MaxCost, "max-cost", d.MaxCost, "query cost: each field counts once per item of the lists above it, a list by its first or limit"},
				{&l.MaxFirst, "max-first", d.MaxFirst, "largest first of a list (and stats' top), 1 to 1000"},
				{&l.MaxNodes, "max-nodes", d.MaxNodes, "largest neighborhood limit, 1 to 1000"},
				{&l.MaxHops, "max-hops", d.MaxHops, "largest neighborhood depth, 1 to 5"},
				{&l.MaxPathDepth, "max-path-depth", d.MaxPathDepth, "largest path maxDepth, 1 to 12"},
				{&l.MaxDepth, "max-depth", d.MaxDepth, "deepest nesting of fields in a query"},
				{&l.MaxFields, "max-fields", d.MaxFields, "most fields in a query, fragments expanded"},
				{&l.MaxAliases, "max-aliases", d.MaxAliases, "most aliases in a query"},
				{&l.MaxRootFields, "max-root-fields", d.MaxRootFields, "most fields at a query's root"},
				{&l.MaxTokens, "max-tokens", d.MaxTokens, "most lexical tokens in a query"},
				{&l.MaxQueryChars, "max-query-chars", d.MaxQueryChars, "longest query text, in characters"},
			} {
				fs.IntVar(f.p, f.name, f.def, f.doc)
			}
			fs.Int64Var(&l.MaxBodyBytes, "max-body", d.MaxBodyBytes, "largest request body, in bytes")
		case "export":
			fs.StringVar(&cfg.Entity, "entity", "", "export only the neighbourhood of this entity `ID`")
			fs.IntVar(&cfg.Depth, "depth", 0, "with --entity, the hops around it (default 1)")
			fs.BoolVar(&cfg.Neo4j, "neo4j", false, "CSV headers for neo4j-admin import instead of Gephi's")
		case "quiet":
			fs.BoolVar(&cfg.Quiet, "q", false, "no progress output")
		}
	}
	return fs
}

// parse parses args, turning flag errors into errUsage (flag has already
// printed them).
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return errUsage
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}

func oneOf(v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return fmt.Errorf("%w: --format %q: want one of %s", errUsage, v, strings.Join(allowed, ", "))
}

// byteSize is a flag value in bytes, written like 900MiB, 2GB or 1000000.
type byteSize int64

func (b *byteSize) String() string {
	if b == nil || *b == 0 {
		return ""
	}
	return humanize.IBytes(uint64(*b))
}

func (b *byteSize) Set(v string) error {
	n, err := humanize.ParseBytes(v)
	if err != nil || n == 0 || n > math.MaxInt64 {
		return fmt.Errorf("want a size above zero such as 900MiB or 2GB")
	}
	*b = byteSize(n)
	return nil
}

// limitMemory sets the runtime's soft memory limit to --memory-limit when
// it was given, and returns what puts the previous limit back.
func (c Config) limitMemory() (restore func()) {
	if c.MemoryLimit == 0 {
		return func() {}
	}
	prev := debug.SetMemoryLimit(int64(c.MemoryLimit))
	return func() { debug.SetMemoryLimit(prev) }
}

// checkWorkers refuses a --workers outside 1..maxWorkers by the flag's name.
func (c Config) checkWorkers() error {
	if c.Workers < 1 || c.Workers > maxWorkers() {
		return fmt.Errorf("%w: --workers %d: want 1 to %d (4 per CPU; the default is one per CPU)", errUsage, c.Workers, maxWorkers())
	}
	return nil
}

// checkServe refuses serve's settings that cannot work, by flag name.
func (c Config) checkServe() error {
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"--timeout", c.Timeout}, {"--read-timeout", c.ReadTimeout}, {"--write-timeout", c.WriteTimeout}, {"--idle-timeout", c.IdleTimeout}} {
		if d.v < 0 || d.v == 0 && d.name != "--write-timeout" {
			return fmt.Errorf("%w: %s %s: want a duration above zero", errUsage, d.name, d.v)
		}
	}
	if c.WriteTimeout != 0 && c.WriteTimeout <= c.Timeout {
		return fmt.Errorf("%w: --write-timeout %s: want more than --timeout %s, or a query could never answer", errUsage, c.WriteTimeout, c.Timeout)
	}
	if c.WriteShare <= 0 || c.WriteShare > 1 {
		return fmt.Errorf("%w: --write-share %v: want a part of the time above 0 and at most 1", errUsage, c.WriteShare)
	}
	if c.Follow < 0 {
		return fmt.Errorf("%w: --follow %s: want an interval above zero, or 0 not to follow", errUsage, c.Follow)
	}
	if c.MaxConns < 1 {
		return fmt.Errorf("%w: --max-conns %d: want 1 or more", errUsage, c.MaxConns)
	}
	return nil
}

// checkTxDeltas refuses a negative --tx-deltas by the flag's name.
func (c Config) checkTxDeltas() error {
	if c.TxDeltas < 0 {
		return fmt.Errorf("%w: --tx-deltas %d: want 0 (the default) or more", errUsage, c.TxDeltas)
	}
	return nil
}

// shard is one process's share of a batch that N processes share out:
// share I of N (1 <= I <= N), written I/N. The zero value takes it all.
type shard struct{ i, n int }

func (s *shard) String() string {
	if s == nil || s.n == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.i, s.n)
}

func (s *shard) Set(v string) error {
	is, ns, ok := strings.Cut(v, "/")
	i, ierr := strconv.Atoi(is)
	n, nerr := strconv.Atoi(ns)
	switch {
	case !ok || ierr != nil || nerr != nil:
		return fmt.Errorf("want I/N, two whole numbers such as 1/3")
	case n < 1:
		return fmt.Errorf("want N, the number of shares, 1 or more; got %d", n)
	case i < 1 || i > n:
		return fmt.Errorf("want I from 1 to %d, the share of %d this process takes; got %d", n, n, i)
	}
	*s = shard{i, n}
	return nil
}

// keeps reports whether the article id is this share's: those whose
// schema.ArticleShard of N is I-1.
func (s shard) keeps(id string) bool {
	return s.n <= 1 || schema.ArticleShard(id, s.n) == s.i-1
}
