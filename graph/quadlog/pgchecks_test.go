package quadlog

import (
	"database/sql"
	"testing"

	"github.com/newsgraph/newsgraph/graph/pgtest"
)

// TestForeignKeyChecks: a store on PostgreSQL skips the foreign-key checks
// that cannot fail where its role may set session_replication_role, and
// keeps them where it may not or where Config.CheckForeignKeys asks; every
// way, the same writes leave the same graph.
func TestForeignKeyChecks(t *testing.T) {
	base := pgtest.Server(t)
	var version int
	db, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	err = db.QueryRow(`SELECT current_setting('server_version_num')::int`).Scan(&version)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	docs := corpusDocs(4)
	edited := docs[1]
	edited.Relations = edited.Relations[:len(edited.Relations)/2]
	write := func(l *Log) string {
		commit(t, l, put(&docs[0]), put(&docs[1]), put(&docs[2]))
		commit(t, l, replace(&docs[1], &edited), remove(&docs[2]), put(&docs[3]))
		return dump(t, l)
	}
	want := write(openLog(t, Config{DB: "memory"}))
	for _, c := range []struct {
		name  string
		db    func() string
		check bool
		skips bool
		min   int // server version
	}{
		{"superuser", func() string { return pgtest.Database(t, base) }, false, true, 0},
		{"superuser, CheckForeignKeys", func() string { return pgtest.Database(t, base) }, true, false, 0},
		{"role without privileges", func() string { return pgtest.Role(t, base) }, false, false, 0},
		{"role granted the parameter", func() string {
			return pgtest.Role(t, base, "GRANT SET ON PARAMETER session_replication_role TO %s")
		}, false, true, 150000},
	} {
		t.Run(c.name, func(t *testing.T) {
			if version < c.min {
				t.Skipf("server version %d, want %d", version, c.min)
			}
			l := openLog(t, Config{DB: c.db(), CheckForeignKeys: c.check})
			if got := l.sqlCat.skipChecks; got != c.skips {
				t.Errorf("skips the checks: %v, want %v", got, c.skips)
			}
			if got := write(l); got != want {
				t.Errorf("the graph differs from the memory store's:\n%s", lineDiff(got, want))
			}
		})
	}
}
