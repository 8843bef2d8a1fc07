package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// exportFromServer asks a running server for the export (GET /export),
// which it makes from the store it holds: the way to export a bbolt store
// that 'newsgraph serve' has open.
func exportFromServer(ctx context.Context, cfg Config, opt graph.ExportOptions, stdout io.Writer) error {
	u, err := url.Parse(strings.TrimSuffix(cfg.Server, "/") + "/export")
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("%w: --server %q: want an http:// URL", errUsage, cfg.Server)
	}
	q := url.Values{"format": {opt.Format}}
	if opt.Entity != "" {
		q.Set("entity", opt.Entity)
	}
	if opt.Depth > 0 {
		q.Set("depth", strconv.Itoa(opt.Depth))
	}
	if opt.Neo4j {
		q.Set("neo4j", "true")
	}
	u.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return err
	}
	if cfg.Token != "" {
		req.Header.Set("Authorization", "Bearer "+cfg.Token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("export from %s: %w", cfg.Server, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return fmt.Errorf("export from %s: %s: %s", cfg.Server, resp.Status, strings.TrimSpace(string(msg)))
	}
	out, closeOut, err := openOutput(cfg.Output, stdout)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, resp.Body); err != nil {
		closeOut()
		return fmt.Errorf("export from %s: %w", cfg.Server, err)
	}
	return closeOut()
}
