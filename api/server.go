// Package api serves newsgraph's knowledge graph over GraphQL: the schema
// (generated from the ontology in package schema), its resolvers, the
// GraphQL-over-HTTP handler with the limits that keep hostile queries from
// hurting the server, the embedded explorer (at /) and GraphiQL pages, the
// exports at /export, /healthz and /metrics.
//
// api knows the store and the extractor only through the small interfaces
// declared here (Store, Writer, Extractor, Backuper, Follower); cmd/newsgraph wires
// the concrete graph.Store and extract.Extractor in, and checks at compile
// time that they fit.
//
// Execution: a query that succeeds runs on package gqlfast's executor,
// which keeps per cached document the fields each selection collects;
// mutations, introspection, directives and any query in which a field
// fails run on graphql-go's own executor, the reference gqlfast's tests
// hold the fast one to. Reads and writes have execution slots of their
// own, so that writers queue behind each other and never take the slots
// reads need.
//
// Not found: a store error is taken for "no such entity or article" when
// Config.IsNotFound says so. Such errors become null results, not GraphQL
// errors.
package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"time"

	"github.com/graphql-go/graphql"

	"github.com/newsgraph/newsgraph/api/gqlfast"
	"github.com/newsgraph/newsgraph/schema"
)

// Store is what the API reads from the knowledge graph.
type Store interface {
	Entity(ctx context.Context, id string) (schema.Entity, error)
	EntitiesByID(ctx context.Context, ids []string) (map[string]schema.Entity, error)
	Entities(ctx context.Context, f schema.EntityFilter, p schema.Page) (schema.EntityPage, error)
	Search(ctx context.Context, q schema.SearchQuery) (schema.SearchPage, error)
	Relations(ctx context.Context, f schema.RelationFilter, p schema.Page) (schema.RelationPage, error)
	Statements(ctx context.Context, ids []string) (map[string]schema.Statement, error)
	// EvidenceText fills in the sentences that Relations and Statements
	// leave empty (the store reads them from the article texts it keeps).
	EvidenceText(ctx context.Context, evs []schema.Evidence) error
	Neighborhood(ctx context.Context, q schema.NeighborhoodQuery) (schema.Subgraph, error)
	Path(ctx context.Context, from, to string, maxDepth int) (schema.Subgraph, error)
	Article(ctx context.Context, id string) (schema.Article, error)
	// ArticleText is the text every offset of an article refers to; ok
	// is false for an article stored without it.
	ArticleText(ctx context.Context, id string) (text string, ok bool, err error)
	Articles(ctx context.Context, f schema.ArticleFilter, p schema.Page) (schema.ArticlePage, error)
	ArticleEntities(ctx context.Context, article string, t schema.EntityType) ([]schema.Entity, error)
	Degrees(ctx context.Context, ids []string) (map[string]int, error)
	Stats(ctx context.Context, top int) (schema.Stats, error)
}

// Writer is what the mutations need. With Config.Writer set,
// ingestArticle and deleteArticle are available (to holders of the token).
type Writer interface {
	Ingest(ctx context.Context, docs []schema.Document) ([]schema.IngestResult, error)
	DeleteArticle(ctx context.Context, id string) error
}

// Extractor turns an article's text into a document for ingestArticle.
type Extractor interface {
	Extract(ctx context.Context, a schema.Article, text []byte) (schema.Document, error)
}

// Backuper writes a consistent copy of the store while it is served, for
// GET /backup.
type Backuper interface {
	Backup(ctx context.Context, w io.Writer) (int64, error)
}

// Follower is a store that follows the changes other processes commit to
// the database it shares with them (several servers on one PostgreSQL);
// /metrics says how far behind it is.
type Follower interface {
	// FeedLag is how long ago the store last caught up with the changes
	// committed before; ok is false until it first has.
	FeedLag() (lag time.Duration, ok bool)
	// FeedApplied counts the changes applied and the reads that failed.
	FeedApplied() (applied, failed uint64)
	// FeedDelays takes the delays, from commit to applied here, of the
	// changes applied since the last take.
	FeedDelays() []time.Duration
	// FeedPosition is where the store stands in the feed, a number that
	// grows with it.
	FeedPosition() uint64
}

// Who may read /metrics.
const (
	MetricsOpen  = ""      // anyone who reaches Handler
	MetricsToken = "token" // holders of the token only
	MetricsOff   = "off"   // nobody on Handler: the caller serves MetricsHandler elsewhere
)

// Config tunes the server. The zero value is a read-only server with the
// default limits.
type Config struct {
	// Token, when set, is the bearer token that mutations require. Without
	// it the server is read-only.
	Token string
	// CORSOrigin, when set, is sent as Access-Control-Allow-Origin so that
	// browser clients on that origin ("*" for any) may call /graphql.
	CORSOrigin string
	// NoIntrospection rejects __schema and __type, and drops field
	// suggestions and type names from error messages.
	NoIntrospection bool
	// Writer takes the mutations; nil makes the server read-only.
	Writer Writer
	// Backup, when set, serves GET /backup to holders of the token.
	Backup Backuper
	// Feed, when set, is the store's following of other processes'
	// changes, which /metrics reports (newsgraph_feed_*).
	Feed Follower
	// Metrics says who may read /metrics: MetricsOpen (the default),
	// MetricsToken or MetricsOff.
	Metrics string
	// MaxConcurrent is how many reads may execute at once
	// (default 2×GOMAXPROCS); QueueWait how long another waits for a slot
	// before a 503 (default 1s).
	MaxConcurrent int
	QueueWait     time.Duration
	// MaxWriters is how many mutations may execute at once (default 1:
	// the store serialises writes anyway, and extraction is CPU-bound);
	// WriteQueueWait how long a mutation waits for a slot before a 503
	// (default Timeout). Writers never take the reads' slots.
	MaxWriters     int
	WriteQueueWait time.Duration
	// WriteShare is the part of the time a write slot may be busy, from 0
	// to 1 (default 0.5): after a mutation that held it for d, the slot
	// rests d*(1-share)/share before the next one takes it. Extraction is
	// CPU-bound, so a steady stream of writers would otherwise take a core
	// from the reads for as long as it lasts.
	WriteShare float64
	// ReferenceExecutor runs every operation on graphql-go's executor, as
	// gqlfast's differential tests do: slower, for comparing answers.
	ReferenceExecutor bool
	// DocCacheBytes bounds the parsed documents and plans kept between
	// requests (default 32 MiB, estimated).
	DocCacheBytes int64
	// Timeout is the deadline of one request (default 10s).
	Timeout time.Duration
	// Logger receives one line per request and every recovered panic
	// (default slog.Default()).
	Logger *slog.Logger
	// IsNotFound tells the store's not-found errors apart (see the package
	// comment); nil takes no error for one.
	IsNotFound func(error) bool
	// Limits overrides the query limits; zero fields keep the defaults.
	Limits Limits
}

// Server is the GraphQL API over one store.
type Server struct {
	store      Store
	writer     Writer // nil when the server is read-only
	ex         Extractor
	cfg        Config
	log        *slog.Logger
	schema     graphql.Schema
	limits     Limits
	readSlots  chan struct{}
	writeSlots chan struct{}
	metrics    *metrics
	docs       *gqlfast.Cache
}

// NewServer builds the GraphQL schema over store and returns the server, or
// the schema's construction error. ex may be nil: ingestArticle then fails.
func NewServer(store Store, ex Extractor, cfg Config) (*Server, error) {
	if store == nil {
		return nil, errors.New("api: nil store")
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = 2 * runtime.GOMAXPROCS(0)
	}
	if cfg.QueueWait <= 0 {
		cfg.QueueWait = time.Second
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	if cfg.MaxWriters <= 0 {
		cfg.MaxWriters = 1
	}
	if cfg.WriteQueueWait <= 0 {
		cfg.WriteQueueWait = cfg.Timeout
	}
	if cfg.WriteShare <= 0 || cfg.WriteShare > 1 {
		cfg.WriteShare = 0.5
	}
	if cfg.DocCacheBytes <= 0 {
		cfg.DocCacheBytes = 32 << 20
	}
	switch cfg.Metrics {
	case MetricsOpen, MetricsToken, MetricsOff:
	default:
		return nil, fmt.Errorf("api: Metrics %q: want %q, %q or %q", cfg.Metrics, MetricsOpen, MetricsToken, MetricsOff)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.IsNotFound == nil {
		cfg.IsNotFound = func(error) bool { return false }
	}
	if err := cfg.Limits.Check(); err != nil {
		return nil, err
	}
	s := &Server{
		store:      store,
		writer:     cfg.Writer,
		ex:         ex,
		cfg:        cfg,
		log:        cfg.Logger,
		limits:     cfg.Limits.withDefaults(),
		readSlots:  make(chan struct{}, cfg.MaxConcurrent),
		writeSlots: make(chan struct{}, cfg.MaxWriters),
		metrics:    newMetrics(cfg.Feed),
		docs:       gqlfast.NewCache(cfg.DocCacheBytes),
	}
	sch, err := s.buildSchema()
	if err != nil {
		return nil, fmt.Errorf("api: build schema: %w", err)
	}
	gqlfast.Prepare(&sch)
	s.schema = sch
	return s, nil
}

// Handler routes the explorer at /, /graphql, /export, /graphiql,
// /healthz, /backup and /metrics (as Config.Metrics says).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/graphql", s.cors(http.HandlerFunc(s.serveGraphQL)))
	mux.Handle("/export", s.cors(http.HandlerFunc(s.serveExport)))
	mux.Handle("/graphiql", http.HandlerFunc(s.serveGraphiQL))
	mux.Handle("/graphiql/", http.HandlerFunc(s.serveGraphiQL))
	mux.HandleFunc("/healthz", s.serveHealth)
	mux.HandleFunc("/backup", s.serveBackup)
	switch s.cfg.Metrics {
	case MetricsOpen:
		mux.Handle("/metrics", s.metrics.handler())
	case MetricsToken:
		mux.Handle("/metrics", s.withToken(s.metrics.handler()))
	}
	mux.HandleFunc("/{$}", s.serveExplorer)
	mux.HandleFunc("/explorer/", s.serveExplorer)
	return s.observe(mux)
}

// MetricsHandler serves the Prometheus metrics, for a listener of their
// own (Config.Metrics MetricsOff).
func (s *Server) MetricsHandler() http.Handler { return s.metrics.handler() }

// Schema is the live GraphQL schema (for the snapshot test and tools).
func (s *Server) Schema() graphql.Schema { return s.schema }

func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte("ok\n"))
}

func (s *Server) notFound(err error) bool { return err != nil && s.cfg.IsNotFound(err) }
