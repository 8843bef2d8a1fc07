package api

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/graphql-go/graphql"

	"github.com/newsgraph/newsgraph/schema"
)

// Mutations write through the Writer the store may implement, and only for
// a request that carried the configured bearer token.

// maxArticleBytes bounds the text of one ingested article; the 64 KiB body
// limit bounds it already, this keeps the message clear.
const maxArticleBytes = 60 << 10

type authKey struct{}

// authorize records in the context whether r carried the token.
func (s *Server) authorize(ctx context.Context, r *http.Request) context.Context {
	return context.WithValue(ctx, authKey{}, s.hasToken(r))
}

// hasToken reports whether r carries the configured token; never, when
// none is configured.
func (s *Server) hasToken(r *http.Request) bool {
	if s.cfg.Token == "" {
		return false
	}
	got, found := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return found && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.cfg.Token)) == 1
}

var (
	errReadOnly     = errors.New("api: mutations are disabled: this server is read-only (no token configured)")
	errUnauthorized = errors.New("api: mutation needs a valid bearer token (Authorization: Bearer <token>)")
	errNoWriter     = errors.New("api: mutations are disabled: the store is read-only")
)

func (s *Server) mayWrite(ctx context.Context) error {
	switch {
	case s.cfg.Token == "":
		return errReadOnly
	case ctx.Value(authKey{}) != true:
		return errUnauthorized
	case s.writer == nil:
		return errNoWriter
	}
	return nil
}

func (s *Server) resolveIngest(p graphql.ResolveParams) (interface{}, error) {
	if err := s.mayWrite(p.Context); err != nil {
		return nil, err
	}
	if s.ex == nil {
		return nil, errors.New("api: ingestArticle: this server has no extractor")
	}
	in, _ := p.Args["input"].(map[string]interface{})
	a, text, err := articleInput(in)
	if err != nil {
		return nil, err
	}
	doc, err := s.ex.Extract(p.Context, a, text)
	if err != nil {
		return nil, fmt.Errorf("api: ingestArticle %s: extract: %w", a.ID, err)
	}
	if err := doc.SetText(string(text)); err != nil {
		return nil, fmt.Errorf("api: ingestArticle %s: %w", a.ID, err)
	}
	res, err := s.writer.Ingest(p.Context, []schema.Document{doc})
	if err != nil {
		return nil, fmt.Errorf("api: ingestArticle %s: %w", a.ID, err)
	}
	if len(res) != 1 {
		return nil, fmt.Errorf("api: ingestArticle %s: store returned %d results", a.ID, len(res))
	}
	if res[0].Status == schema.Failed {
		return nil, fmt.Errorf("api: ingestArticle %s: %w", a.ID, res[0].Err)
	}
	loaderFrom(p.Context, s.store).prime(doc.Entities)
	return map[string]interface{}{
		"article": doc.Article, "status": string(res[0].Status), "quads": res[0].Quads,
		"entities": entityList(doc.Entities), "relations": docStatements(doc),
	}, nil
}

// articleInput turns the mutation's input into the article to extract.
func articleInput(in map[string]interface{}) (schema.Article, []byte, error) {
	str := func(k string) string { v, _ := in[k].(string); return strings.TrimSpace(v) }
	text := str("text")
	if text == "" {
		return schema.Article{}, nil, errors.New("api: ingestArticle: text must not be empty")
	}
	if len(text) > maxArticleBytes {
		return schema.Article{}, nil, fmt.Errorf("api: ingestArticle: text is %d bytes, at most %d", len(text), maxArticleBytes)
	}
	sum := sha256.Sum256([]byte(text))
	a := schema.Article{
		ID: str("id"), Title: str("title"), Published: str("published"), Source: str("source"),
		URL: str("url"), Author: str("author"), Publisher: str("publisher"),
		Hash: hex.EncodeToString(sum[:]), Words: len(strings.Fields(text)),
	}
	if a.ID == "" {
		a.ID = "article-" + a.Hash[:12]
	}
	if err := schema.CheckArticleID(a.ID); err != nil {
		return schema.Article{}, nil, fmt.Errorf("api: ingestArticle: %w", err)
	}
	if a.Published != "" && !schema.IsDate(a.Published) {
		return schema.Article{}, nil, fmt.Errorf("api: ingestArticle: published %q is not a YYYY-MM-DD date", a.Published)
	}
	if a.URL != "" && !schema.IsWebURL(a.URL) {
		return schema.Article{}, nil, fmt.Errorf("api: ingestArticle: url %q is not an http or https URL", a.URL)
	}
	return a, []byte(text), nil
}

// docStatements shows a document's relations as the store will give them back.
func docStatements(doc schema.Document) []interface{} {
	out := make([]interface{}, len(doc.Relations))
	for i, r := range doc.Relations {
		ev := r.Evidence
		ev.Article, ev.Published = doc.Article.ID, doc.Article.Published
		out[i] = schema.Statement{ID: schema.StatementID(r.Subject, r.Predicate, r.Object), Subject: r.Subject, Predicate: r.Predicate, Object: r.Object,
			Confidence: r.Confidence, Rule: r.Rule, EvidenceCount: 1, Evidence: []schema.Evidence{ev}}
	}
	return out
}

func (s *Server) resolveDelete(p graphql.ResolveParams) (interface{}, error) {
	if err := s.mayWrite(p.Context); err != nil {
		return nil, err
	}
	id, _ := p.Args["id"].(string)
	err := s.writer.DeleteArticle(p.Context, id)
	if s.notFound(err) {
		return nil, fmt.Errorf("api: deleteArticle: no article %q", id)
	}
	if err != nil {
		return nil, fmt.Errorf("api: deleteArticle %q: %w", id, err)
	}
	return map[string]interface{}{"id": id, "deleted": true}, nil
}
