package quadlog

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"
	"time"

	"go.etcd.io/bbolt"
)

// ErrDamaged is wrapped by the error of opening a bbolt file whose pages
// do not hold together: torn by a disk fault, overwritten, truncated.
var ErrDamaged = errors.New("store is damaged")

// checkBoltFile looks over an existing bbolt file before it is opened for
// good. bbolt panics on a damaged page, and opened for writing (with the
// free list rebuilt at open, as openBoltDB asks) it walks every page at
// once, so a damaged store crashed every command with a stack trace. Here
// the file is opened read-only, which reads only the meta pages (their
// checksums catch a damaged header), and every page of every bucket is
// visited in a function that turns bbolt's assertions, and the faults of
// reading past a truncated mapping, into ErrDamaged.
//
// Damage that leaves each page whole but the tree inconsistent (a page
// referenced twice, keys out of order) passes here and is left to bbolt;
// `bbolt check FILE` lists it.
func checkBoltFile(path string) error {
	st, err := os.Stat(path)
	if err != nil || st.Size() == 0 {
		return nil // missing or empty: bbolt creates or initialises it
	}
	db, err := bbolt.Open(path, 0, &bbolt.Options{ReadOnly: true, Timeout: 2 * time.Second})
	switch {
	case errors.Is(err, bbolt.ErrTimeout):
		return nil // held by a writer: opening it for good says so
	case errors.As(err, new(*fs.PathError)):
		return err // cannot be read at all (permissions): not a matter of its content
	case err != nil:
		// bad meta pages (ErrInvalid, ErrChecksum, ErrVersionMismatch),
		// or a file too small to hold them
		return fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	defer db.Close()
	return walkPages(db)
}

// walkPages visits every page under every bucket.
func walkPages(db *bbolt.DB) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", ErrDamaged, r)
		}
	}()
	return db.View(func(tx *bbolt.Tx) error {
		return tx.ForEach(func(_ []byte, b *bbolt.Bucket) error {
			_ = b.Stats() // reads every branch and leaf page, and the buckets inside
			return nil
		})
	})
}

// damaged is the error a command shows for a damaged store: which file,
// what is wrong, and what to do.
func damaged(path string, err error) error {
	return fmt.Errorf("graph: open %s: %w\n"+
		"  The file is not a whole bbolt store, and nothing was read from it or written to it.\n"+
		"  Restore it from a backup ('newsgraph backup' makes one), or ingest the articles\n"+
		"  again into a new store; keep the damaged file for 'bbolt check %s'", path, err, path)
}
