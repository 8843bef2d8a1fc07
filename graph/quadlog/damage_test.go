package quadlog

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDamagedStoreRefused damages a bbolt store as disks and people do,
// and opens it for writing and for reading: each open must fail with
// ErrDamaged and a message that names the file and says what to do, never
// panic (it crashed every command with "assertion failed: Page expected
// to be: 130"), and leave the file as it was.
func TestDamagedStoreRefused(t *testing.T) {
	ctx := context.Background()
	good := filepath.Join(t.TempDir(), "good.db")
	s, err := Open(ctx, Config{DB: good})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteRaw(ctx, RawQuads(corpusDocs(40))); err != nil {
		t.Fatal(err)
	}
	s.Close()
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	if len(data) < 40*page {
		t.Fatalf("store of %d bytes is too small to damage in the middle", len(data))
	}
	garbage := bytes.Repeat([]byte{0xA5}, page)
	damages := []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"a page in the middle overwritten", func(b []byte) []byte {
			copy(b[(len(b)/page/2)*page:], garbage)
			return b
		}},
		{"every page past the first ten overwritten", func(b []byte) []byte {
			for off := 10 * page; off+page <= len(b); off += page {
				copy(b[off:], garbage)
			}
			return b
		}},
		{"both meta pages overwritten", func(b []byte) []byte {
			copy(b[0:], garbage)
			copy(b[page:], garbage)
			return b
		}},
		{"truncated to a third", func(b []byte) []byte { return b[:(len(b)/3/page)*page] }},
		{"not a store at all", func([]byte) []byte { return []byte(strings.Repeat("not a database\n", 500)) }},
	}
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "graph.db")
			bad := d.damage(append([]byte(nil), data...))
			if err := os.WriteFile(path, bad, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, ro := range []bool{false, true} {
				s, err := Open(ctx, Config{DB: path, ReadOnly: ro})
				if err == nil {
					s.Close()
					t.Fatalf("read-only %v: a damaged store opened", ro)
				}
				if !errors.Is(err, ErrDamaged) {
					t.Errorf("read-only %v: err = %v, want ErrDamaged", ro, err)
				}
				for _, want := range []string{path, "damaged", "Restore it from a backup"} {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("read-only %v: message %q does not say %q", ro, err, want)
					}
				}
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(after, bad) {
				t.Error("opening the damaged store changed the file")
			}
		})
	}
	if err := CheckFile(good); err != nil {
		t.Errorf("the undamaged store: %v", err)
	}
}
