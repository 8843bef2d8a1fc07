package quadlog

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	hkv "github.com/hidal-go/hidalgo/kv"
	"go.etcd.io/bbolt"
)

// In a bbolt store the catalog is two buckets of the same file, beside
// Cayley's: newsgraph.articles (article id -> entry) and newsgraph.meta.
// Cayley writes a transaction's quads through the hidalgo key-value
// interface this package gives it (hookedKV), whose commit writes the
// transaction's entries first: the quads and the entries go in one bbolt
// transaction, so that a crash keeps both or neither.
var (
	boltArticles = []byte("newsgraph.articles")
	boltMeta     = []byte("newsgraph.meta")
	boltFormat   = []byte("catalog")
)

type boltCatalog struct {
	db   *bbolt.DB
	next *pending // what the next write transaction also writes; nil for none
}

// hookedKV is the key-value store Cayley writes through: every write
// transaction it opens writes the catalog's pending entries before it
// commits.
type hookedKV struct {
	hkv.KV
	c *boltCatalog
}

func (k hookedKV) Tx(ctx context.Context, rw bool) (hkv.Tx, error) {
	tx, err := k.KV.Tx(ctx, rw)
	if err != nil || !rw {
		return tx, err
	}
	return hookedTx{Tx: tx, c: k.c}, nil
}

// Update is KV.Update through Tx, so that it is hooked too.
func (k hookedKV) Update(ctx context.Context, fn func(tx hkv.Tx) error) error {
	tx, err := k.Tx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Close()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

type hookedTx struct {
	hkv.Tx
	c *boltCatalog
}

func (t hookedTx) Commit(ctx context.Context) error {
	if p := t.c.next; p != nil {
		for _, e := range p.entries {
			key := hkv.Key{boltArticles, []byte(e.ID)}
			old, err := t.Get(ctx, key)
			if err != nil && !errors.Is(err, hkv.ErrNotFound) {
				return err
			}
			if len(old) > 0 {
				v, _ := binary.Uvarint(old)
				e.Version = int64(v) + 1
			} else {
				e.Version = 1
			}
			if err := t.Put(ctx, key, encodeBoltEntry(e)); err != nil {
				return err
			}
			p.versions[e.ID] = e.Version
		}
	}
	return t.Tx.Commit(ctx)
}

const (
	boltHasText = 1 << iota
	boltGone
)

// encodeBoltEntry is an entry as its bucket keeps it: the version, flags,
// the hash and the extras, each after its length, then the record.
func encodeBoltEntry(e Entry) []byte {
	extras := encodeExtras(e.extras)
	b := make([]byte, 0, 24+len(e.Hash)+len(extras)+len(e.Record))
	b = binary.AppendUvarint(b, uint64(e.Version))
	var flags byte
	if e.HasText {
		flags |= boltHasText
	}
	if e.Gone() {
		flags |= boltGone
	}
	b = append(b, flags)
	b = binary.AppendUvarint(b, uint64(len(e.Hash)))
	b = append(b, e.Hash...)
	b = binary.AppendUvarint(b, uint64(len(extras)))
	b = append(b, extras...)
	return append(b, e.Record...)
}

// decodeBoltEntry reads an entry back; its record is b's bytes, valid as
// long as b is.
func decodeBoltEntry(id string, b []byte) (Entry, error) {
	e := Entry{ID: id}
	bad := fmt.Errorf("graph: catalog entry of article %q is damaged", id)
	v, n := binary.Uvarint(b)
	if n <= 0 || len(b) < n+1 {
		return Entry{}, bad
	}
	e.Version, b = int64(v), b[n:]
	flags := b[0]
	b = b[1:]
	e.HasText = flags&boltHasText != 0
	str := func() (string, bool) {
		l, n := binary.Uvarint(b)
		if n <= 0 || uint64(len(b)-n) < l {
			return "", false
		}
		s := string(b[n : n+int(l)])
		b = b[n+int(l):]
		return s, true
	}
	var ok bool
	if e.Hash, ok = str(); !ok {
		return Entry{}, bad
	}
	extras, ok := str()
	if !ok {
		return Entry{}, bad
	}
	var err error
	if e.extras, err = decodeExtras(extras); err != nil {
		return Entry{}, fmt.Errorf("%w: %w", bad, err)
	}
	if flags&boltGone == 0 {
		e.Record = b
		if e.Record == nil {
			e.Record = []byte{}
		}
	}
	return e, nil
}

func (c *boltCatalog) lookup(_ context.Context, ids []string) (map[string]Entry, error) {
	out := make(map[string]Entry, len(ids))
	err := c.db.View(func(tx *bbolt.Tx) error {
		b := tx.Bucket(boltArticles)
		if b == nil {
			return nil
		}
		for _, id := range ids {
			v := b.Get([]byte(id))
			if v == nil {
				continue
			}
			e, err := decodeBoltEntry(id, v)
			if err != nil {
				return err
			}
			e.Record = cloneRecord(e.Record) // outlives the transaction
			out[id] = e
		}
		return nil
	})
	return out, err
}

func cloneRecord(r []byte) []byte {
	if r == nil {
		return nil
	}
	return append([]byte{}, r...)
}

// each gives fn records that are valid during the call only.
func (c *boltCatalog) each(ctx context.Context, fn func(Entry) error) (string, error) {
	err := c.db.View(func(tx *bbolt.Tx) error {
		b := tx.Bucket(boltArticles)
		if b == nil {
			return nil
		}
		n := 0
		return b.ForEach(func(k, v []byte) error {
			if n++; n%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			e, err := decodeBoltEntry(string(k), v)
			if err != nil || e.Gone() {
				return err
			}
			return fn(e)
		})
	})
	return "", err
}

func (c *boltCatalog) meta(context.Context) (string, error) {
	var format string
	err := c.db.View(func(tx *bbolt.Tx) error {
		if b := tx.Bucket(boltMeta); b != nil {
			format = string(b.Get(boltFormat))
		}
		return nil
	})
	return format, err
}

func (c *boltCatalog) setMeta(_ context.Context, format string) error {
	return c.db.Update(func(tx *bbolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(boltMeta)
		if err != nil {
			return err
		}
		return b.Put(boltFormat, []byte(format))
	})
}

func (c *boltCatalog) load(_ context.Context, entries []Entry) error {
	return c.db.Update(func(tx *bbolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(boltArticles)
		if err != nil {
			return err
		}
		for _, e := range entries {
			e.Version = 1
			if old := b.Get([]byte(e.ID)); len(old) > 0 {
				v, _ := binary.Uvarint(old)
				e.Version = int64(v) + 1
			}
			if err := b.Put([]byte(e.ID), encodeBoltEntry(e)); err != nil {
				return err
			}
		}
		return nil
	})
}
