package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// runBackup copies a bbolt store to -o FILE: through the server that holds
// it (--server, GET /backup, which needs the token), or, when no process
// holds it, straight from the file. Either way the copy is one read
// transaction of the store, consistent while writes go on, written to a
// temporary file beside FILE, synced, checked page by page and only then
// renamed to FILE: a backup that ends halfway leaves no FILE behind.
func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := defaultConfig()
	fs := newFlags("backup", &cfg, stderr, "db", "server", "output")
	fs.StringVar(&cfg.Token, "token", cfg.Token, "bearer token of the server (env NEWSGRAPH_TOKEN)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if cfg.Output == "" || cfg.Output == "-" {
		return fmt.Errorf("%w: name the copy with -o FILE", errUsage)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: backup takes no arguments, got %q", errUsage, fs.Args())
	}
	from := cfg.DB
	if cfg.Server != "" {
		from = strings.TrimSuffix(cfg.Server, "/") + "/backup"
	} else if !(graph.Config{DB: cfg.DB}).IsFile() {
		return fmt.Errorf("%w: --db %s: only a bbolt file store is backed up; export the others", errUsage, graph.Redact(cfg.DB))
	}
	tmp, err := os.CreateTemp(filepath.Dir(cfg.Output), "."+filepath.Base(cfg.Output)+".part-*")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer os.Remove(tmp.Name()) // after the rename, there is nothing left to remove
	var n int64
	if cfg.Server != "" {
		n, err = fetchBackup(ctx, from, cfg.Token, tmp)
	} else {
		n, err = graph.BackupFile(ctx, cfg.DB, tmp)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("backup of %s: %w", from, err)
	}
	if err := graph.CheckFile(tmp.Name()); err != nil {
		return fmt.Errorf("backup of %s: the copy does not read back whole: %w", from, err)
	}
	if err := os.Rename(tmp.Name(), cfg.Output); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintf(stdout, "backed up %s to %s (%d bytes)\n", from, cfg.Output, n)
	return nil
}

// fetchBackup writes the copy a server streams from GET /backup to w.
func fetchBackup(ctx context.Context, url, token string, w io.Writer) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(res.Body, 512))
		return 0, fmt.Errorf("%s: %s", res.Status, strings.TrimSpace(string(msg)))
	}
	n, err := io.Copy(w, res.Body)
	if err != nil {
		return n, fmt.Errorf("the copy was cut off after %d bytes: %w", n, err)
	}
	return n, nil
}
