// Package pgtest gives tests a PostgreSQL database of their own on the
// server that make test starts (.ci/postgres.sh), whose URL it puts in
// NEWSGRAPH_TEST_POSTGRES.
package pgtest

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/lib/pq" // the driver the store uses
)

// Env names the variable that holds the server's URL.
const Env = "NEWSGRAPH_TEST_POSTGRES"

// Server returns the URL of the tests' server. Without one a plain go
// test skips the test, naming what is missing; under make test
// (NEWSGRAPH_TEST_REQUIRE) the test fails.
func Server(tb testing.TB) string {
	tb.Helper()
	if base := os.Getenv(Env); base != "" {
		return base
	}
	if os.Getenv("NEWSGRAPH_TEST_REQUIRE") != "" {
		tb.Fatalf("%s is not set, though make test starts PostgreSQL", Env)
	}
	tb.Skipf("%s is not set: no PostgreSQL server (make test starts one; "+
		"or export %s=$(.ci/postgres.sh start /tmp/pg-test))", Env, Env)
	return ""
}

var seq atomic.Int64

// Database creates an empty database on the server at base, dropped with
// everything in it when the test ends, and returns its URL.
func Database(tb testing.TB, base string) string {
	tb.Helper()
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("pgtest: server URL: %v", err)
	}
	admin, err := sql.Open("postgres", base)
	if err != nil {
		tb.Fatalf("pgtest: open %s: %v", u.Redacted(), err)
	}
	name := fmt.Sprintf("ng_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano(), seq.Add(1))
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		admin.Close()
		tb.Fatalf("pgtest: create database on %s: %v", u.Redacted(), err)
	}
	tb.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			tb.Errorf("pgtest: drop database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}

// Role creates a role that may log in, without the superuser's
// privileges, and runs each of grants with %s standing for its name; then
// a database it owns (as Database does). It returns the database's URL as
// that role. The role goes when the test ends, after the database.
func Role(tb testing.TB, base string, grants ...string) string {
	tb.Helper()
	admin, err := sql.Open("postgres", base)
	if err != nil {
		tb.Fatalf("pgtest: open %s: %v", base, err)
	}
	defer admin.Close()
	name := fmt.Sprintf("ng_role_%d_%d_%d", os.Getpid(), time.Now().UnixNano(), seq.Add(1))
	if _, err := admin.Exec("CREATE ROLE " + name + " LOGIN"); err != nil {
		tb.Fatalf("pgtest: create role: %v", err)
	}
	// registered before the database's, this runs after it
	tb.Cleanup(func() {
		admin, err := sql.Open("postgres", base)
		if err != nil {
			tb.Errorf("pgtest: drop role %s: %v", name, err)
			return
		}
		defer admin.Close()
		if _, err := admin.Exec("DROP OWNED BY " + name + "; DROP ROLE " + name); err != nil {
			tb.Errorf("pgtest: drop role %s: %v", name, err)
		}
	})
	for _, g := range grants {
		if _, err := admin.Exec(fmt.Sprintf(g, name)); err != nil {
			tb.Fatalf("pgtest: %s: %v", fmt.Sprintf(g, name), err)
		}
	}
	u, err := url.Parse(Database(tb, base))
	if err != nil {
		tb.Fatalf("pgtest: database URL: %v", err)
	}
	if _, err := admin.Exec("ALTER DATABASE " + u.Path[1:] + " OWNER TO " + name); err != nil {
		tb.Fatalf("pgtest: give the database to %s: %v", name, err)
	}
	u.User = url.User(name)
	return u.String()
}
