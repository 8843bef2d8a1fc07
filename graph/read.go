package graph

import (
	"context"
	"io"
	"log/slog"

	"github.com/newsgraph/newsgraph/graph/quadlog"
	"github.com/newsgraph/newsgraph/schema"
)

// The reads are the index's (package index), which answers them from
// memory; see its documentation for what each returns.

// Entity returns one entity, merged over every article that mentions it.
func (s *Store) Entity(ctx context.Context, id string) (schema.Entity, error) {
	return s.ix.Entity(ctx, id)
}

// EntitiesByID returns the entities it knows among ids.
func (s *Store) EntitiesByID(ctx context.Context, ids []string) (map[string]schema.Entity, error) {
	return s.ix.EntitiesByID(ctx, ids)
}

// Entities lists entities in id order.
func (s *Store) Entities(ctx context.Context, f schema.EntityFilter, p schema.Page) (schema.EntityPage, error) {
	return s.ix.Entities(ctx, f, p)
}

// Search finds entities by name or alias.
func (s *Store) Search(ctx context.Context, q schema.SearchQuery) (schema.SearchPage, error) {
	return s.ix.Search(ctx, q)
}

// Relations lists statements in (subject, predicate, object) order, each
// with the evidence of the articles that pass the filter.
func (s *Store) Relations(ctx context.Context, f schema.RelationFilter, p schema.Page) (schema.RelationPage, error) {
	return s.ix.Relations(ctx, f, p)
}

// Statements returns the statements it knows among ids, each with all its
// evidence.
func (s *Store) Statements(ctx context.Context, ids []string) (map[string]schema.Statement, error) {
	return s.ix.Statements(ctx, ids)
}

// Neighborhood returns the entities within q.Depth hops of q.ID and the
// edges among them.
func (s *Store) Neighborhood(ctx context.Context, q schema.NeighborhoodQuery) (schema.Subgraph, error) {
	return s.ix.Neighborhood(ctx, q)
}

// Path returns a shortest path from one entity to another.
func (s *Store) Path(ctx context.Context, from, to string, maxHops int) (schema.Subgraph, error) {
	return s.ix.Path(ctx, from, to, maxHops)
}

// Article returns the metadata of one article.
func (s *Store) Article(ctx context.Context, id string) (schema.Article, error) {
	return s.ix.Article(ctx, id)
}

// Articles lists articles, newest published first, then by id.
func (s *Store) Articles(ctx context.Context, f schema.ArticleFilter, p schema.Page) (schema.ArticlePage, error) {
	return s.ix.Articles(ctx, f, p)
}

// ArticleEntities returns the entities an article mentions.
func (s *Store) ArticleEntities(ctx context.Context, article string, t schema.EntityType) ([]schema.Entity, error) {
	return s.ix.ArticleEntities(ctx, article, t)
}

// Degrees returns the number of statements each known entity takes part in.
func (s *Store) Degrees(ctx context.Context, ids []string) (map[string]int, error) {
	return s.ix.Degrees(ctx, ids)
}

// Stats counts articles, entities and statements.
func (s *Store) Stats(ctx context.Context, top int) (schema.Stats, error) {
	return s.ix.Stats(ctx, top)
}

// BackupFile copies the bbolt store at path to w without loading it: for a
// store no process holds open for writing.
func BackupFile(ctx context.Context, path string, w io.Writer) (int64, error) {
	return quadlog.BackupFile(ctx, path, w)
}

// CheckFile opens the bbolt file at path read-only and visits every page.
func CheckFile(path string) error { return quadlog.CheckFile(path) }

// LogTo sends what Cayley logs to l, with database passwords masked.
func LogTo(l *slog.Logger) { quadlog.LogTo(l) }

// Redact masks the passwords of the URLs and connection strings in text.
func Redact(text string) string { return quadlog.Redact(text) }
