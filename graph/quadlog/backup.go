package quadlog

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"go.etcd.io/bbolt"
)

// Backup writes a consistent copy of a bbolt store to w, taken in one read
// transaction while the store goes on serving and taking writes (a write
// commits beside it; the copy is the store as it was when Backup began).
// It returns the bytes written. Other backends are refused: export them,
// or use the database's own tools.
func (l *Log) Backup(ctx context.Context, w io.Writer) (int64, error) {
	if l.bolt == nil {
		return 0, fmt.Errorf("graph: backup %s: only a bbolt file store is copied this way; use export", l.name)
	}
	n, err := writeSnapshot(ctx, l.bolt, w)
	if err != nil {
		return n, fmt.Errorf("graph: backup %s: %w", l.name, err)
	}
	return n, nil
}

// BackupFile copies the bbolt store at path to w, as Backup does, without
// loading it: for a store no process holds open for writing. A store that
// a server holds is copied by the server (GET /backup).
func BackupFile(ctx context.Context, path string, w io.Writer) (int64, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, fmt.Errorf("graph: backup %s: %w", path, err)
	}
	db, err := bbolt.Open(path, 0, &bbolt.Options{ReadOnly: true, Timeout: 2 * time.Second})
	if errors.Is(err, bbolt.ErrTimeout) {
		return 0, fmt.Errorf("graph: backup %s: the store is held by a running server or another command; "+
			"back it up through the server instead (newsgraph backup --server URL)", path)
	}
	if err != nil {
		return 0, fmt.Errorf("graph: backup %s: %w", path, err)
	}
	defer db.Close()
	n, err := writeSnapshot(ctx, db, w)
	if err != nil {
		return n, fmt.Errorf("graph: backup %s: %w", path, err)
	}
	return n, nil
}

// CheckFile opens the bbolt file at path read-only and visits every page:
// a copy is worth keeping only if it reads back whole.
func CheckFile(path string) error {
	if err := checkBoltFile(path); err != nil {
		return fmt.Errorf("graph: check %s: %w", path, err)
	}
	return nil
}

func writeSnapshot(ctx context.Context, db *bbolt.DB, w io.Writer) (int64, error) {
	tx, err := db.Begin(false)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	return tx.WriteTo(ctxWriter{ctx, w})
}

// ctxWriter stops a copy when its context is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
