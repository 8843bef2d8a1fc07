package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/schema"
)

// Exporter is an optional Store method: the graph, or an entity's
// neighbourhood, in one of schema.ExportFormats. With it the server
// answers GET /export: an export of the store it holds, while it holds it,
// consistent because the store writes nothing while it exports.
type Exporter interface {
	ExportWith(ctx context.Context, w io.Writer, q schema.ExportQuery) error
}

// exportTypes are each format's media type and file extension.
var exportTypes = map[string][2]string{
	"nquads": {"application/n-quads", "nq"}, "jsonld": {"application/ld+json", "jsonld"},
	"graphml": {"application/graphml+xml", "graphml"}, "gexf": {"application/gexf+xml", "gexf"},
	"cytoscape": {"application/json", "cyjs"}, "csv": {"application/zip", "zip"},
	"csv-nodes": {"text/csv; charset=utf-8", "nodes.csv"}, "csv-edges": {"text/csv; charset=utf-8", "edges.csv"},
	"csv-evidence": {"text/csv; charset=utf-8", "evidence.csv"},
}

// serveExport answers GET /export?format=&entity=&depth=&neo4j=.
func (s *Server) serveExport(w http.ResponseWriter, r *http.Request) {
	fail := func(status int, format string, args ...any) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		fmt.Fprintf(w, "api: export: "+format+"\n", args...)
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		fail(http.StatusMethodNotAllowed, "use GET")
		return
	}
	ex, ok := s.store.(Exporter)
	if !ok {
		fail(http.StatusNotImplemented, "this server's store cannot export")
		return
	}
	q, err := exportQuery(r)
	if err != nil {
		fail(http.StatusBadRequest, "%v", err)
		return
	}
	if q.Entity != "" {
		if _, err := s.store.Entity(r.Context(), q.Entity); s.notFound(err) {
			fail(http.StatusNotFound, "no entity %q", q.Entity)
			return
		}
	}
	release, herr := s.acquire(r.Context(), s.readSlots, s.cfg.QueueWait)
	if herr != nil {
		w.Header().Set("Retry-After", "1")
		fail(herr.status, "%s", strings.TrimPrefix(herr.msg, "api: "))
		return
	}
	defer release()
	// an export streams for as long as the graph is large: the server's
	// write timeout, which bounds an answer to a query, does not apply
	_ = http.NewResponseController(w).SetWriteDeadline(time.Time{})
	t := exportTypes[q.Format]
	name := "newsgraph"
	if q.Entity != "" {
		name += "-" + strings.NewReplacer("/", "-", `"`, "", `\`, "").Replace(q.Entity)
	}
	w.Header().Set("Content-Type", t[0])
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, name, t[1]))
	w.Header().Set("Cache-Control", "no-store")
	if r.Method == http.MethodHead {
		return
	}
	cw := &countingWriter{w: w}
	if err := ex.ExportWith(r.Context(), cw, q); err != nil {
		s.log.ErrorContext(r.Context(), "export failed", "request_id", requestID(r.Context()), "format", q.Format, "err", err)
		if cw.n == 0 {
			w.Header().Set("Content-Disposition", "")
			status := http.StatusInternalServerError
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				status = http.StatusServiceUnavailable
			}
			fail(status, "%v", err)
		}
	}
}

// exportQuery reads and checks the export's parameters.
func exportQuery(r *http.Request) (schema.ExportQuery, error) {
	v := r.URL.Query()
	q := schema.ExportQuery{Format: v.Get("format"), Entity: v.Get("entity")}
	if q.Format == "" {
		q.Format = "nquads"
	}
	if !slices.Contains(schema.ExportFormats, q.Format) {
		return q, fmt.Errorf("format %q: want one of %s", q.Format, strings.Join(schema.ExportFormats, ", "))
	}
	if d := v.Get("depth"); d != "" {
		n, err := strconv.Atoi(d)
		if err != nil || n < 1 || n > ceilHops || q.Entity == "" {
			return q, fmt.Errorf("depth %q: want 1 to %d, with entity", d, ceilHops)
		}
		q.Depth = n
	}
	if n := v.Get("neo4j"); n != "" {
		b, err := strconv.ParseBool(n)
		if err != nil {
			return q, fmt.Errorf("neo4j %q: want true or false", n)
		}
		q.Neo4j = b
	}
	return q, nil
}

// countingWriter counts what went to the client, so that an error before
// the first byte can still be an error status.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
