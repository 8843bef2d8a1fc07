package graph

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/schema"
)

// TestFollow: two stores open on one PostgreSQL database, as two servers
// are, each writing: after catching up, each answers as the other does,
// additions, replacements and deletions alike, and its own writes read
// back from the feed change nothing.
func TestFollow(t *testing.T) {
	if !havePostgres(t) {
		return
	}
	ctx := context.Background()
	cfg := freshPostgres(t)
	a, b := open(t, cfg), open(t, cfg)
	if !a.Follows() {
		t.Fatal("a PostgreSQL store does not follow")
	}
	catchUp := func(stores ...*Store) {
		t.Helper()
		for _, s := range stores {
			if err := s.CatchUp(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
	same := func(when string) {
		t.Helper()
		catchUp(a, b)
		if ra, rb := reads(t, a), reads(t, b); ra != rb {
			t.Fatalf("%s, the two stores answer otherwise:\n%s", when, lineDiff(ra, rb))
		}
	}
	ingest(t, a, mou, followup)
	if _, err := b.Entity(ctx, "person/bae-kyung-hoon"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("b knows a's article before it caught up: %v", err)
	}
	same("after a's ingest")
	if _, err := b.Entity(ctx, "person/bae-kyung-hoon"); err != nil {
		t.Errorf("b after catching up: %v", err)
	}
	if _, err := b.Ingest(ctx, append(corpusDocs(12), changed(t), textDoc(t))); err != nil {
		t.Fatal(err)
	}
	same("after b's ingest and replacement")
	if err := a.DeleteArticle(ctx, "korea-us-followup.txt"); err != nil {
		t.Fatal(err)
	}
	same("after a's delete")
	if _, err := b.Article(ctx, "korea-us-followup.txt"); !errors.Is(err, ErrNotFound) {
		t.Errorf("b still has the deleted article: %v", err)
	}
	// a replaces what b wrote; b, which wrote it, takes a's version
	d := corpusDocs(1)[0]
	d.Text += " More."
	d.Article.Hash = schema.TextHash(d.Text)
	if _, err := a.Ingest(ctx, []schema.Document{d}); err != nil {
		t.Fatal(err)
	}
	same("after a replaced b's article")
	if got, _, _ := b.ArticleText(ctx, d.Article.ID); got != d.Text {
		t.Errorf("b gives the text of the version it wrote")
	}
	if applied, failed := b.FeedApplied(); applied == 0 || failed != 0 {
		t.Errorf("b read %d changes from the feed, %d reads failed", applied, failed)
	}
	if len(b.FeedDelays()) == 0 || len(b.FeedDelays()) != 0 {
		t.Errorf("the delays are not taken once")
	}
}

// TestFollowLoop: Follow keeps a store within its interval of the other's
// writes, and says how far behind it is; it stops with its context.
func TestFollowLoop(t *testing.T) {
	if !havePostgres(t) {
		return
	}
	cfg := freshPostgres(t)
	a, b := open(t, cfg), open(t, cfg)
	if _, ok := b.FeedLag(); ok {
		t.Errorf("a store that does not follow has a lag")
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Follow(ctx, 20*time.Millisecond, nil) }()
	before := b.FeedPosition()
	ingest(t, a, lisbon)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := b.Article(context.Background(), "lisbon-web-summit.txt"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("b did not see a's article in 10s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if lag, ok := b.FeedLag(); !ok || lag > 5*time.Second {
		t.Errorf("FeedLag = %v, %v", lag, ok)
	}
	if after := b.FeedPosition(); after <= before {
		t.Errorf("FeedPosition = %d after a's write was applied, %d before: want it past", after, before)
	}
	stop()
	if err := <-done; err != nil {
		t.Errorf("Follow = %v", err)
	}
	if err := open(t, Config{DB: "memory"}).Follow(context.Background(), time.Second, nil); !errors.Is(err, ErrNoFeed) {
		t.Errorf("Follow on a memstore: %v, want ErrNoFeed", err)
	}
}

// TestFollowFails: a read of the feed that fails (here the catalog's table
// is gone for a while) is counted and passed to the caller, the lag grows
// meanwhile, and the first read that succeeds again says so with nil.
func TestFollowFails(t *testing.T) {
	if !havePostgres(t) {
		return
	}
	cfg := freshPostgres(t)
	a := open(t, cfg)
	db, err := sql.Open("postgres", cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`ALTER TABLE newsgraph_articles RENAME TO newsgraph_articles_away`); err != nil {
		t.Fatal(err)
	}
	got := make(chan error, 100)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- a.Follow(ctx, 10*time.Millisecond, func(err error) {
			select {
			case got <- err:
			default:
			}
		})
	}()
	select {
	case err := <-got:
		if err == nil {
			t.Fatal("the hook got nil while the catalog was gone")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no failed read reported in 10s")
	}
	if _, ok := a.FeedLag(); ok {
		t.Error("a store that never caught up has a lag")
	}
	if _, err := db.Exec(`ALTER TABLE newsgraph_articles_away RENAME TO newsgraph_articles`); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(10 * time.Second)
	for back := false; !back; {
		select {
		case err := <-got:
			back = err == nil
		case <-deadline:
			t.Fatal("the feed's recovery was not reported in 10s")
		}
	}
	if _, ok := a.FeedLag(); !ok {
		t.Error("caught up again, the store has no lag")
	}
	if _, failed := a.FeedApplied(); failed == 0 {
		t.Error("the failed reads were not counted")
	}
	stop()
	if err := <-done; err != nil {
		t.Errorf("Follow = %v", err)
	}
}

// TestFollowPastOtherDatabases: a write transaction left open in another
// database of the same server does not hold back the feed (transaction
// ids are the server's), while one in the store's own database does,
// until it ends: a change committed after it began is not skipped.
func TestFollowPastOtherDatabases(t *testing.T) {
	if !havePostgres(t) {
		return
	}
	ctx := context.Background()
	cfg := freshPostgres(t)
	a, b := open(t, cfg), open(t, cfg)
	hold := func(db string) (release func()) {
		t.Helper()
		conn, err := sql.Open("postgres", db)
		if err != nil {
			t.Fatal(err)
		}
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(`SELECT pg_current_xact_id()`); err != nil { // takes a transaction id
			t.Fatal(err)
		}
		return func() { tx.Rollback(); conn.Close() }
	}
	has := func(id string) bool {
		t.Helper()
		if err := b.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		_, err := b.Article(ctx, id)
		return err == nil
	}

	release := hold(freshPostgres(t).DB)
	ingest(t, a, lisbon)
	if !has("lisbon-web-summit.txt") {
		t.Error("a transaction open in another database held back the feed")
	}
	release()

	release = hold(cfg.DB)
	ingest(t, a, followup)
	if has("korea-us-followup.txt") {
		t.Error("b read a change committed after a transaction of its database began, before that one ended")
	}
	release()
	if !has("korea-us-followup.txt") {
		t.Error("b does not have the change once the transaction before it ended")
	}
}
