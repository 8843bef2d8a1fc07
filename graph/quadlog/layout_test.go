package quadlog

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph/kv"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	"go.etcd.io/bbolt"
)

// TestBoltLayouts runs the same writes against a store in newsgraph's
// layout and one in Cayley's default layout (as earlier newsgraph versions
// created): both record the layout they were made with, keep it when
// reopened, and end with the same quads after additions, a replacement, a
// deletion and the re-ingest of a deleted article.
func TestBoltLayouts(t *testing.T) {
	dir := t.TempDir()
	ours, theirs := filepath.Join(dir, "ours.db"), filepath.Join(dir, "cayley.db")
	createBolt(t, theirs, nil)

	run := func(path string) string {
		l := openLog(t, Config{DB: path, TxDeltas: 500})
		m, f, lis, ch := fixture(t, mou), fixture(t, followup), fixture(t, lisbon), changed(t)
		commit(t, l, put(&m), put(&f), put(&lis))
		docs := corpusDocs(20)
		for i := range docs {
			commit(t, l, put(&docs[i]))
		}
		if res := commit(t, l, replace(&m, &ch)); res[0].Unchanged {
			t.Fatalf("%s: the changed article changed nothing", path)
		}
		commit(t, l, remove(&f))
		l.Close()
		l = openLog(t, Config{DB: path})
		defer l.Close()
		commit(t, l, put(&f))
		return dump(t, l)
	}
	got, want := run(ours), run(theirs)
	if got != want || got == "" {
		t.Errorf("newsgraph's layout and Cayley's hold different quads:\n%s", lineDiff(got, want))
	}
	for _, c := range []struct {
		path string
		want []kv.QuadIndex
	}{{ours, boltIndexes}, {theirs, kv.DefaultQuadIndexes}} {
		if got := recordedIndexes(t, c.path); !slices.EqualFunc(got, c.want, func(a, b kv.QuadIndex) bool {
			return slices.Equal(a.Dirs, b.Dirs) && a.Unique == b.Unique
		}) {
			t.Errorf("%s records indexes %v, want %v", c.path, got, c.want)
		}
	}
}

// createBolt creates an empty store at path in the given layout (nil:
// Cayley's default), the way openBolt does.
func createBolt(t *testing.T, path string, indexes []kv.QuadIndex) {
	t.Helper()
	qs, err := openBoltLayout(path, false, indexes)
	if err != nil {
		t.Fatal(err)
	}
	qs.Close()
}

// recordedIndexes reads the indexes a store's metadata records, where
// Cayley's kv.New reads them.
func recordedIndexes(t *testing.T, path string) []kv.QuadIndex {
	t.Helper()
	bdb, err := bbolt.Open(path, 0o644, &bbolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	db := hbolt.New(bdb)
	defer db.Close()
	ctx := context.Background()
	var out []kv.QuadIndex
	err = hkv.View(ctx, db, func(tx hkv.Tx) error {
		meta, err := tx.Get(ctx, keyMetaIndexes)
		if err != nil {
			return err
		}
		return json.Unmarshal(meta, &out)
	})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

// TestCommitSameArticleTwice: two writes of one article in one Commit go in
// order, the second planned against what the first left, so the store
// ends as if only the second were written.
func TestCommitSameArticleTwice(t *testing.T) {
	dir := t.TempDir()
	m, ch := fixture(t, mou), changed(t)
	both := openLog(t, Config{DB: filepath.Join(dir, "both.db")})
	res := commit(t, both, put(&m), put(&ch))
	if !res[1].Replaced {
		t.Errorf("the second write of %s replaced nothing", m.Article.ID)
	}
	second := openLog(t, Config{DB: filepath.Join(dir, "second.db")})
	commit(t, second, put(&ch))
	if got, want := dump(t, both), dump(t, second); got != want {
		t.Errorf("an article written twice in one Commit holds:\n%s", lineDiff(got, want))
	}
}
