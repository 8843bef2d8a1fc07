package quadlog

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"regexp"

	"github.com/cayleygraph/cayley/clog"
)

// LogTo sends what Cayley logs to l, with database passwords masked.
// Cayley logs through a package-level logger of its own (clog) that prints
// with the standard log package, and its SQL store writes the database URL,
// password and all, into the message when a connection fails.
func LogTo(l *slog.Logger) { clog.SetLogger(&clogger{l: l}) }

// clogger is clog's interface over slog.
type clogger struct {
	l *slog.Logger
	v int
}

func (c *clogger) log(level slog.Level, format string, args []interface{}) {
	c.l.Log(context.Background(), level, Redact(fmt.Sprintf(format, args...)), slog.String("from", "cayley"))
}

func (c *clogger) Infof(format string, args ...interface{})    { c.log(slog.LevelInfo, format, args) }
func (c *clogger) Warningf(format string, args ...interface{}) { c.log(slog.LevelWarn, format, args) }
func (c *clogger) Errorf(format string, args ...interface{})   { c.log(slog.LevelError, format, args) }
func (c *clogger) V(level int) bool                            { return level <= c.v }
func (c *clogger) SetV(level int)                              { c.v = level }

// Fatalf logs and exits, as clog's own logger does.
func (c *clogger) Fatalf(format string, args ...interface{}) {
	c.log(slog.LevelError, format, args)
	os.Exit(1)
}

var (
	urlPassword = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://[^:/?#@\s"']*):[^@/\s"']*@`)
	dsnPassword = regexp.MustCompile(`(?i)(\bpassword\s*=\s*)('[^']*'|"[^"]*"|[^\s"']+)`)
)

// Redact masks the passwords of the URLs (scheme://user:password@host) and
// connection strings (password=...) in text, wherever they stand.
func Redact(text string) string {
	text = urlPassword.ReplaceAllString(text, "${1}:xxxxx@")
	return dsnPassword.ReplaceAllString(text, "${1}xxxxx")
}
