package graph

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/graph/index"
	"github.com/newsgraph/newsgraph/graph/quadlog"
)

// Following: on PostgreSQL several processes share one store, and each
// keeps an index of its own. A process that follows the store reads, every
// so often, the catalog entries that other processes' transactions wrote
// since its last read (quadlog.Log.Changes), decodes their records and
// applies them to its index, which then answers as the store is. Its own
// writes it applies at once; an entry read again later, or an older one
// read after a newer, is left out by the articles' versions.

// ErrNoFeed is returned by Follow on a store that other processes cannot
// write: a bbolt file or a memstore has one writer, the process that holds
// it.
var ErrNoFeed = quadlog.ErrNoFeed

// DefaultFollowEvery is how often a following store reads the changes,
// unless told otherwise.
const DefaultFollowEvery = 250 * time.Millisecond

// feed is where a following store stands.
type feed struct {
	mu        sync.Mutex // one read of the changes at a time
	pos       string     // the position to read from next
	following bool
	caughtUp  time.Time       // the start of the last read that found everything committed before it
	applied   uint64          // changes applied
	delays    []time.Duration // from commit to applied here, since FeedDelays last took them
	errs      uint64          // reads that failed
}

// maxDelays bounds the delays kept between two takes.
const maxDelays = 4096

// Follows reports whether other processes may write the store, so that
// Follow has something to follow.
func (s *Store) Follows() bool { return s.log.HasFeed() }

// Follow applies, every every, the changes other processes commit to the
// store, until ctx is done; it returns nil then. A read that fails (the
// database gone for a while) is counted, passed to failed when it is not
// nil, and tried again at the next tick; the index goes on serving what it
// has, and FeedLag grows. failed gets nil at the first read that succeeds
// after one that failed, so that a caller can say the feed is back.
func (s *Store) Follow(ctx context.Context, every time.Duration, failed func(error)) error {
	if !s.log.HasFeed() {
		return ErrNoFeed
	}
	if every <= 0 {
		return fmt.Errorf("graph: follow %s every %v: want a positive interval", s.log.Name(), every)
	}
	s.feed.mu.Lock()
	s.feed.following = true
	s.feed.mu.Unlock()
	t := time.NewTicker(every)
	defer t.Stop()
	failing := false
	for {
		err := s.CatchUp(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			s.feed.mu.Lock()
			s.feed.errs++
			s.feed.mu.Unlock()
			failing = true
			if failed != nil {
				failed(err)
			}
		case err == nil && failing:
			failing = false
			if failed != nil {
				failed(nil)
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// CatchUp applies the changes committed since the last read once every
// transaction that began writing before them has ended: after it returns,
// the index answers for every write committed before it was called,
// except those of transactions still running then.
func (s *Store) CatchUp(ctx context.Context) error {
	if !s.log.HasFeed() {
		return ErrNoFeed
	}
	f := &s.feed
	f.mu.Lock()
	defer f.mu.Unlock()
	start := time.Now()
	got, next, err := s.log.Changes(ctx, f.pos)
	if err != nil {
		return err
	}
	changes := make([]index.Change, 0, len(got))
	var errs []error
	for _, c := range got {
		ch := index.Change{ID: c.ID, Version: c.Version}
		if !c.Gone() {
			d, err := index.DecodeRecord(c.Record)
			if err != nil {
				errs = append(errs, fmt.Errorf("graph: article %q: %w", c.ID, err))
				continue
			}
			ch.Doc = d
		}
		changes = append(changes, ch)
	}
	s.ix.Apply(changes)
	for _, c := range got {
		s.texts.drop(c.ID)
	}
	f.pos, f.caughtUp = next, start
	f.applied += uint64(len(changes))
	took := time.Since(start)
	for _, c := range got {
		if len(f.delays) < maxDelays {
			f.delays = append(f.delays, c.Age+took)
		}
	}
	return errors.Join(errs...)
}

// FeedLag is how long ago the store's index last caught up: applied every
// change committed before, but those a write transaction still running
// then held back (see CatchUp; FeedDelays times each change from its
// commit). ok is false when the store does not follow, or has not caught
// up yet.
func (s *Store) FeedLag() (lag time.Duration, ok bool) {
	s.feed.mu.Lock()
	defer s.feed.mu.Unlock()
	if !s.feed.following || s.feed.caughtUp.IsZero() {
		return 0, false
	}
	return time.Since(s.feed.caughtUp), true
}

// FeedPosition is where the store's index stands in the feed, as a number
// that grows with it (quadlog.Sequence): two processes at one position
// have applied the same changes. It is 0 on a store without a feed.
func (s *Store) FeedPosition() uint64 {
	s.feed.mu.Lock()
	pos := s.feed.pos
	s.feed.mu.Unlock()
	n, _ := quadlog.Sequence(pos) // positions come from the log, which writes them as numbers
	return n
}

// FeedApplied is the number of other processes' changes applied, and of
// reads of the feed that failed.
func (s *Store) FeedApplied() (applied, failed uint64) {
	s.feed.mu.Lock()
	defer s.feed.mu.Unlock()
	return s.feed.applied, s.feed.errs
}

// FeedDelays takes the delays, from a change's commit to its being
// answered here, of the changes applied since the last take.
func (s *Store) FeedDelays() []time.Duration {
	s.feed.mu.Lock()
	defer s.feed.mu.Unlock()
	d := s.feed.delays
	s.feed.delays = nil
	return d
}
