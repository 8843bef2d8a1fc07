package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"

	"github.com/newsgraph/newsgraph/api/gqlfast"
)

// /graphql follows GraphQL over HTTP: POST with an application/json body,
// or GET with the parameters in the URL (queries only). The response is
// application/graphql-response+json when the client accepts it, with 4xx
// statuses for requests that never reached execution; application/json
// otherwise, with 200 for every well-formed request.

const (
	mediaJSON    = "application/json"
	mediaGQLResp = "application/graphql-response+json"
)

// params is one GraphQL request.
type params struct {
	Query         string
	OperationName string
	Variables     map[string]interface{}
	Extensions    map[string]interface{}
}

// httpError is a request refused before or instead of execution.
type httpError struct {
	status int
	msg    string
	header map[string]string
}

func (e *httpError) Error() string { return e.msg }

func badRequest(format string, args ...interface{}) *httpError {
	return &httpError{status: http.StatusBadRequest, msg: "api: " + fmt.Sprintf(format, args...)}
}

func (s *Server) serveGraphQL(w http.ResponseWriter, r *http.Request) {
	media, ok := negotiate(r.Header.Get("Accept"))
	if !ok {
		s.writeError(w, r, mediaJSON, &httpError{status: http.StatusNotAcceptable,
			msg: "api: cannot answer in the accepted media types; accept " + mediaGQLResp + " or " + mediaJSON})
		return
	}
	p, herr := s.readParams(w, r)
	if herr != nil {
		s.writeError(w, r, media, herr)
		return
	}
	status, res := s.run(r, p, media)
	s.writeJSON(w, media, status, res)
}

// negotiate picks the response media type from an Accept header.
func negotiate(accept string) (string, bool) {
	if strings.TrimSpace(accept) == "" {
		return mediaJSON, true
	}
	jsonOK := false
	for _, part := range strings.Split(accept, ",") {
		mt, prm, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil || prm["q"] == "0" {
			continue
		}
		switch mt {
		case mediaGQLResp:
			return mediaGQLResp, true
		case mediaJSON, "application/*", "*/*":
			jsonOK = true
		}
	}
	return mediaJSON, jsonOK
}

func (s *Server) readParams(w http.ResponseWriter, r *http.Request) (params, *httpError) {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		return s.paramsFromURL(r)
	case http.MethodPost:
		return s.paramsFromBody(w, r)
	}
	return params{}, &httpError{status: http.StatusMethodNotAllowed, msg: "api: /graphql takes GET or POST",
		header: map[string]string{"Allow": "GET, POST"}}
}

func (s *Server) paramsFromURL(r *http.Request) (params, *httpError) {
	if int64(len(r.URL.RawQuery)) > s.limits.MaxBodyBytes {
		return params{}, &httpError{status: http.StatusRequestURITooLong, msg: "api: URL too long; use POST"}
	}
	q := r.URL.Query()
	for _, k := range []string{"query", "operationName", "variables", "extensions"} {
		if len(q[k]) > 1 {
			return params{}, badRequest("the URL gives %q %d times", k, len(q[k]))
		}
	}
	p := params{Query: q.Get("query"), OperationName: q.Get("operationName")}
	for name, dst := range map[string]*map[string]interface{}{"variables": &p.Variables, "extensions": &p.Extensions} {
		if raw := q.Get(name); raw != "" {
			if err := json.Unmarshal([]byte(raw), dst); err != nil {
				return params{}, badRequest("%s must be a JSON object", name)
			}
		}
	}
	if p.Query == "" {
		return params{}, badRequest("missing query parameter")
	}
	return p, nil
}

func (s *Server) paramsFromBody(w http.ResponseWriter, r *http.Request) (params, *httpError) {
	ct := r.Header.Get("Content-Type")
	mt, prm, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil || mt != mediaJSON {
		return params{}, &httpError{status: http.StatusUnsupportedMediaType,
			msg: "api: POST /graphql needs Content-Type: application/json"}
	}
	if cs := prm["charset"]; cs != "" && !strings.EqualFold(cs, "utf-8") {
		return params{}, &httpError{status: http.StatusUnsupportedMediaType, msg: "api: only utf-8 bodies are accepted"}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.limits.MaxBodyBytes))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		s.metrics.rejected.WithLabelValues("body_bytes").Inc()
		return params{}, &httpError{status: http.StatusRequestEntityTooLarge,
			msg: fmt.Sprintf("api: request body exceeds %d bytes", s.limits.MaxBodyBytes)}
	}
	if err != nil {
		return params{}, badRequest("reading body: %v", err)
	}
	return decodeBody(body)
}

// decodeBody reads the JSON request, checking each parameter's JSON type.
func decodeBody(body []byte) (params, *httpError) {
	if len(bytes.TrimSpace(body)) == 0 {
		return params{}, badRequest("empty request body; send {\"query\": \"...\"}")
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return params{}, badRequest("body is not a JSON object: %v", err)
	}
	if k, dup := duplicateKey(body); dup {
		// encoding/json keeps the last: which query would run is
		// ambiguous, and a filter that read the first saw another one
		return params{}, badRequest("the body gives %q twice", k)
	}
	var p params
	q, ok := raw["query"]
	if !ok {
		return params{}, badRequest("missing query parameter")
	}
	if err := json.Unmarshal(q, &p.Query); err != nil || p.Query == "" {
		return params{}, badRequest("query must be a non-empty string")
	}
	if err := decodeField(raw, "operationName", &p.OperationName); err != nil {
		return params{}, badRequest("operationName must be a string or null")
	}
	if err := decodeField(raw, "variables", &p.Variables); err != nil {
		return params{}, badRequest("variables must be an object or null")
	}
	if err := decodeField(raw, "extensions", &p.Extensions); err != nil {
		return params{}, badRequest("extensions must be an object or null")
	}
	return p, nil
}

// duplicateKey finds a member name given twice in the body's top-level
// object, which must be valid JSON.
func duplicateKey(body []byte) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if _, err := dec.Token(); err != nil { // {
		return "", false
	}
	seen := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return "", false
		}
		k, _ := t.(string)
		if seen[k] {
			return k, true
		}
		seen[k] = true
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return "", false
		}
	}
	return "", false
}

// decodeField decodes raw[name] into dst when present and not null; JSON
// of another type (an array for a map, a number for a string) is an error.
func decodeField(raw map[string]json.RawMessage, name string, dst interface{}) error {
	v, ok := raw[name]
	if !ok || string(bytes.TrimSpace(v)) == "null" {
		return nil
	}
	return json.Unmarshal(v, dst)
}

// run takes a request through the limits, parsing, validation and
// execution, and returns the status and the response body.
func (s *Server) run(r *http.Request, p params, media string) (int, *graphql.Result) {
	if err := s.limits.prescan(p.Query); err != nil {
		return s.refuse(media, err)
	}
	// a read slot is held through parsing and validation too: they are
	// work, and whether the operation writes is not known before
	release, herr := s.acquire(r.Context(), s.readSlots, s.cfg.QueueWait)
	if herr != nil {
		return herr.status, &graphql.Result{Errors: []gqlerrors.FormattedError{{Message: herr.msg}}}
	}
	defer func() { release() }()
	d, cached := s.docs.Get(p.Query)
	if !cached {
		doc, err := parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{
			Body: []byte(p.Query), Name: "GraphQL request"})})
		if err != nil {
			return s.requestFailed(media, gqlerrors.FormatErrors(err))
		}
		d = gqlfast.NewDoc(p.Query, doc)
	}
	op := operation(d.AST, p.OperationName)
	mutation := op != nil && op.Operation == ast.OperationTypeMutation
	if r.Method != http.MethodPost && mutation {
		return http.StatusMethodNotAllowed, &graphql.Result{Errors: []gqlerrors.FormattedError{
			{Message: "api: mutations are only accepted over POST"}}}
	}
	if err := s.walk(d.AST, p.Variables); err != nil {
		return s.refuse(media, err)
	}
	// graphql-go writes into the Schema it validates and executes with:
	// each request has a copy of its own (see gqlfast.Prepare)
	sch := s.schema
	if !cached {
		if v := graphql.ValidateDocument(&sch, d.AST, validationRules); !v.IsValid {
			return s.requestFailed(media, v.Errors)
		}
		s.docs.Put(d)
	}
	if op != nil {
		if err := checkVariables(&sch, op, p.Variables); err != nil {
			return s.requestFailed(media, []gqlerrors.FormattedError{{Message: err.Error()}})
		}
	}
	if mutation {
		// a writer queues for a write slot with the read slot given back,
		// so that writers wait behind each other, never in front of reads
		release()
		release = func() {}
		wrelease, herr := s.acquire(r.Context(), s.writeSlots, s.cfg.WriteQueueWait)
		if herr != nil {
			return herr.status, &graphql.Result{Errors: []gqlerrors.FormattedError{{Message: herr.msg}}}
		}
		start := time.Now()
		release = func() { s.restThenRelease(time.Since(start), wrelease) }
	}
	return s.execute(r, &sch, d, p, media)
}

// restThenRelease gives a write slot back once it has rested for its
// share (Config.WriteShare) of the busy time: the answer goes out at
// once, the next writer waits.
func (s *Server) restThenRelease(busy time.Duration, release func()) {
	rest := time.Duration(float64(busy) * (1 - s.cfg.WriteShare) / s.cfg.WriteShare)
	if rest <= 0 {
		release()
		return
	}
	time.AfterFunc(rest, release)
}

// refuse answers a query a limit turned down.
func (s *Server) refuse(media string, err error) (int, *graphql.Result) {
	var rj *rejection
	if errors.As(err, &rj) {
		s.metrics.rejected.WithLabelValues(rj.limit).Inc()
	}
	return s.requestFailed(media, []gqlerrors.FormattedError{{Message: err.Error()}})
}

// requestFailed answers a request that never reached execution: 400 with
// application/graphql-response+json, 200 with application/json.
func (s *Server) requestFailed(media string, errs []gqlerrors.FormattedError) (int, *graphql.Result) {
	status := http.StatusOK
	if media == mediaGQLResp {
		status = http.StatusBadRequest
	}
	return status, &graphql.Result{Errors: errs}
}

func (s *Server) execute(r *http.Request, sch *graphql.Schema, d *gqlfast.Doc, p params, media string) (int, *graphql.Result) {
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
	defer cancel()
	ctx = s.authorize(ctx, r)
	l := newLoader(s.store)
	res, err := s.executeFast(withLoader(ctx, l), sch, d, p)
	if err != nil {
		// graphql-go's executor, from the start, with a loader of its own
		s.metrics.executions.WithLabelValues("graphql-go").Inc()
		l = newLoader(s.store)
		res = graphql.Execute(graphql.ExecuteParams{Schema: *sch, AST: d.AST, Args: p.Variables,
			OperationName: p.OperationName, Context: withLoader(ctx, l)})
	} else {
		s.metrics.executions.WithLabelValues("fast").Inc()
	}
	l.logRoundTrips(ctx, s.log)
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		s.metrics.rejected.WithLabelValues("timeout").Inc()
		msg := fmt.Sprintf("api: query exceeded the %s deadline", s.cfg.Timeout)
		status := http.StatusOK
		if media == mediaGQLResp {
			status = http.StatusGatewayTimeout
		}
		return status, &graphql.Result{Data: res.Data, Errors: []gqlerrors.FormattedError{{Message: msg}}}
	}
	if res.Data == nil && len(res.Errors) > 0 {
		// no data at all: the variables did not coerce or no operation matched
		return s.requestFailed(media, res.Errors)
	}
	return http.StatusOK, res
}

// fastPassKey marks the context of a fast execution, which a failure
// sends to graphql-go's executor.
type fastPassKey struct{}

// executeFast runs the request on the fast executor, or returns
// gqlfast.ErrFallback.
func (s *Server) executeFast(ctx context.Context, sch *graphql.Schema, d *gqlfast.Doc, p params) (*graphql.Result, error) {
	if s.cfg.ReferenceExecutor {
		return nil, gqlfast.ErrFallback
	}
	pl, err := d.Plan(sch, p.OperationName)
	if err != nil {
		return nil, err
	}
	return gqlfast.Execute(context.WithValue(ctx, fastPassKey{}, true), sch, pl, p.Variables)
}

// acquire takes one of slots, waiting at most wait.
func (s *Server) acquire(ctx context.Context, slots chan struct{}, wait time.Duration) (func(), *httpError) {
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case slots <- struct{}{}:
		s.metrics.inflight.Inc()
		return func() { <-slots; s.metrics.inflight.Dec() }, nil
	case <-t.C:
	case <-ctx.Done():
	}
	s.metrics.rejected.WithLabelValues("busy").Inc()
	return nil, &httpError{status: http.StatusServiceUnavailable, msg: "api: server busy, retry shortly",
		header: map[string]string{"Retry-After": "1"}}
}

// operation is the operation that would run: the named one, or the only
// one; nil when there is no such one.
func operation(doc *ast.Document, name string) *ast.OperationDefinition {
	var found []*ast.OperationDefinition
	for _, d := range doc.Definitions {
		if op, ok := d.(*ast.OperationDefinition); ok {
			if name == "" || (op.Name != nil && op.Name.Value == name) {
				found = append(found, op)
			}
		}
	}
	if len(found) != 1 {
		return nil
	}
	return found[0]
}

var (
	suggestion = regexp.MustCompile(` Did you mean [^?]*\?`)
	quoted     = regexp.MustCompile(`"[^"\\]*"`)
)

// scrub takes what would tell the schema out of error messages when
// introspection is off: field suggestions, and the names of its types
// (graphql-go's messages quote them, wrapped or not: "ID!", "[Predicate!]").
func (s *Server) scrub(msg string) string {
	msg = suggestion.ReplaceAllString(msg, "")
	return quoted.ReplaceAllStringFunc(msg, func(q string) string {
		if s.schema.Type(strings.Trim(q, `"[]!`)) != nil {
			return `"(hidden)"`
		}
		return q
	})
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, media string, e *httpError) {
	for k, v := range e.header {
		w.Header().Set(k, v)
	}
	s.writeJSON(w, media, e.status, &graphql.Result{Errors: []gqlerrors.FormattedError{{Message: e.msg}}})
}

// bodies recycles response buffers; one that grew past maxPooledBody (a
// large answer) is left to the collector rather than kept.
var bodies = sync.Pool{New: func() any { b := make([]byte, 0, 4<<10); return &b }}

const maxPooledBody = 1 << 20

func (s *Server) writeJSON(w http.ResponseWriter, media string, status int, res *graphql.Result) {
	out := gqlfast.Response{Data: res.Data, Extensions: res.Extensions}
	for _, e := range res.Errors {
		msg := e.Message
		if s.cfg.NoIntrospection {
			msg = s.scrub(msg)
		}
		out.Errors = append(out.Errors, gqlfast.ResponseError{Message: msg, Locations: e.Locations, Path: e.Path, Extensions: e.Extensions})
	}
	buf := bodies.Get().(*[]byte)
	body, err := gqlfast.AppendResponse((*buf)[:0], out)
	if err != nil {
		status = http.StatusInternalServerError
		body = append(body[:0], `{"errors":[{"message":"api: cannot encode the response"}]}`...)
	}
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(body)
	if cap(body) <= maxPooledBody {
		*buf = body
		bodies.Put(buf)
	}
}
