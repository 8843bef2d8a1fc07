package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/dustin/go-humanize"
	"github.com/newsgraph/newsgraph/api"
	"github.com/newsgraph/newsgraph/graph"
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
	Timeout         time.Duration
	Workers         int
	TxDeltas        int
	MemoryLimit     byteSize // 0: GOMEMLIMIT's, or none
	Format          string
	Output          string
	Gold            string
	Quiet           bool
	// export: a neighbourhood, Neo4j's CSV headers, a running server to ask
	Entity string
	Depth  int
	Neo4j  bool
	Server string
	// serve: the query limits (zero keeps api.DefaultLimits')
	Limits api.Limits
}

func defaultConfig() Config {
	return Config{
		DB:      envOr("NEWSGRAPH_DB", "data/newsgraph.db"),
		Addr:    envOr("NEWSGRAPH_ADDR", "127.0.0.1:8080"),
		Token:   os.Getenv("NEWSGRAPH_TOKEN"),
		Timeout: 10 * time.Second,
		Workers: runtime.GOMAXPROCS(0),
	}
}

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
			fs.DurationVar(&cfg.Timeout, "timeout", cfg.Timeout, "deadline for one request")
		case "tx-deltas":
			fs.IntVar(&cfg.TxDeltas, "tx-deltas", 0, fmt.Sprintf("quad changes per store transaction, whole articles only (default %d); fewer hold less memory during a large load, and load more slowly", graph.DefaultTxDeltas))
		case "memory-limit":
			fs.Var(&cfg.MemoryLimit, "memory-limit", "soft memory limit of the process, a `SIZE` such as 900MiB or 2GB (default GOMEMLIMIT's, or none); the store sizes its write transactions to stay under it")
		case "workers":
			fs.IntVar(&cfg.Workers, "workers", cfg.Workers, "articles extracted at once")
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
			fs.StringVar(&cfg.Server, "server", "", "export from a running server at this `URL` (http://127.0.0.1:8080): "+
				"a consistent export of the store it holds")
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

// checkTxDeltas refuses a negative --tx-deltas by the flag's name.
func (c Config) checkTxDeltas() error {
	if c.TxDeltas < 0 {
		return fmt.Errorf("%w: --tx-deltas %d: want 0 (the default) or more", errUsage, c.TxDeltas)
	}
	return nil
}
