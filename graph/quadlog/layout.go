package quadlog

import (
	"context"
	"encoding/json"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// The key-value layout of a bbolt store.
//
// Cayley's key-value store finds quads through indexes whose keys are node
// ids in a fixed order of directions and whose values list the ids of the
// quads that share that key. Its default pair, (subject, predicate) and
// (object, predicate, subject), suits a graph in which one quad states one
// fact. Here every article states its facts in its own named graph, so the
// quads that say "country/KR is a Country" in 30,000 articles differ only
// by label and share both keys: each of those keys lists 30,000 quads, and
// every write transaction that touches the entity reads and rewrites the
// list whole. What a transaction costs then grows with the number of
// articles already loaded, and a load slows and holds more memory as the
// store grows: 100,000 generated articles under a 900 MiB memory limit
// took 146 minutes, the transactions shrinking from 270 articles to 11 to
// stay under it.
//
// A store this package creates has one index instead, (label, subject,
// predicate, object):
//   - every key names one quad, so no key grows with the store;
//   - an article's quads are one contiguous run of keys, and a new article's
//     label is a new node with the highest id yet, so its keys append at the
//     end of the tree rather than dirtying pages all over it;
//   - the duplicate check of an addition and the lookup of a removal read
//     one key.
//
// In this layout the same 100,000 articles loaded in 80 minutes under a
// lower limit, 850 MiB, and the transactions stayed at 270 articles up to
// 52,000 articles loaded.
//
// Nothing here asks Cayley for the quads of a subject or an object: the
// reads come from the package's own index, built by scanning every quad,
// and removals name whole quads. Cayley still answers such a pattern, by a
// scan. A store created by an earlier newsgraph (or by Cayley) keeps the
// layout it records and works as before; export and import move a graph
// between layouts.
var boltIndexes = []kv.QuadIndex{
	{Dirs: []quad.Direction{quad.Label, quad.Subject, quad.Predicate, quad.Object}},
}

// boltOptions: no_bloom, since the bloom filters cost ~600 MB on a large
// load and buy no speed.
var boltOptions = graph.Options{kv.OptNoBloom: true}

// keyMetaIndexes is where Cayley records a store's indexes, read back by
// kv.New.
var keyMetaIndexes = hkv.Key{[]byte("meta"), []byte("indexes")}

// initBolt creates Cayley's buckets and metadata in an empty key-value
// store and records indexes as its layout (nil keeps Cayley's default). It
// returns graph.ErrDatabaseExists for a store that has been initialised
// already, whose layout it leaves alone. Cayley's Init takes no layout (the
// environment variable it reads for one cannot set it), so the layout is
// recorded in a second transaction. A crash between the two leaves a store
// in Cayley's default layout, which holds the same graph.
func initBolt(db hkv.KV, indexes []kv.QuadIndex) error {
	if err := kv.Init(db, boltOptions); err != nil {
		return err
	}
	if indexes == nil {
		return nil
	}
	meta, err := json.Marshal(indexes)
	if err != nil {
		return err
	}
	ctx := context.Background()
	return hkv.Update(ctx, db, func(tx hkv.Tx) error {
		for _, ind := range indexes {
			if err := hkv.CreateBucket(ctx, tx, indexBucket(ind)); err != nil {
				return err
			}
		}
		return tx.Put(ctx, keyMetaIndexes, meta)
	})
}

// indexBucket is the bucket Cayley keeps an index in: one letter per
// direction, in the index's order.
func indexBucket(ind kv.QuadIndex) hkv.Key {
	name := make([]byte, len(ind.Dirs))
	for i, d := range ind.Dirs {
		name[i] = d.Prefix()
	}
	return hkv.Key{name}
}

// articleDirection is quad.Label when the store's recorded layout has an
// index that starts with the label (this package's), so that an article's
// quads are one run of keys; quad.Subject otherwise (Cayley's default
// layout keys by subject first).
func articleDirection(db hkv.KV) quad.Direction {
	var indexes []kv.QuadIndex
	err := hkv.View(context.Background(), db, func(tx hkv.Tx) error {
		b, err := tx.Get(context.Background(), keyMetaIndexes)
		if err != nil {
			return err
		}
		return json.Unmarshal(b, &indexes)
	})
	if err == nil {
		for _, ind := range indexes {
			if len(ind.Dirs) > 0 && ind.Dirs[0] == quad.Label {
				return quad.Label
			}
		}
	}
	return quad.Subject
}
