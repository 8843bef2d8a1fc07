package api_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/newsgraph/newsgraph/api"
)

// TestGraphiQLInChromium opens the embedded GraphiQL page in a real headless
// Chromium, types a query into the editor, runs it with the run button and
// reads the answer from the result pane. A missing Chromium or build of
// the assets fails it under `make test` and CI, which provide both, and
// skips it under a plain `go test` (require).
func TestGraphiQLInChromium(t *testing.T) {
	chrome := chromiumPath(t)
	requireAssets(t)
	ts := newServer(t, api.Config{}, fixtureDocs(t))

	ctx, cancel := browser(t, chrome)
	defer cancel()
	watch := watchPage(t, ctx)
	defer func() {
		if t.Failed() {
			screenshot(t, ctx)
		}
	}()

	const query = `{ stats { articles entities } }`
	editor := `document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror`
	result := `document.querySelector('.graphiql-response .CodeMirror').CodeMirror`
	err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/graphiql"),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-query-editor .CodeMirror")),
		chromedp.Poll[chromedp.Void](editor+`.getValue().includes("search(")`, poll()),
		chromedp.Evaluate[chromedp.Void](editor+`.setValue("")`),
		chromedp.Click(chromedp.CSS(".graphiql-query-editor .CodeMirror-lines")),
		chromedp.SendKeys(chromedp.CSS(".graphiql-query-editor .CodeMirror textarea"), query),
	)
	if err != nil {
		t.Fatalf("open GraphiQL and type the query: %v", err)
	}
	typed, err := chromedp.Run(ctx, chromedp.Evaluate[string](editor+`.getValue()`))
	if err != nil || typed != query {
		t.Fatalf("editor holds %q after typing %q (%v)", typed, query, err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(".graphiql-execute-button")),
		chromedp.Poll[chromedp.Void](result+`.getValue().includes('"entities"')`, poll()),
	)
	if err != nil {
		t.Fatalf("run the query and wait for the result: %v", err)
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[string](result+`.getValue()`))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]interface{}
	if err := json.Unmarshal([]byte(shown), &got); err != nil {
		t.Fatalf("result pane is not JSON: %v\n%s", err, shown)
	}
	want := ts.post(t, query, nil)
	if want.firstError() != "" || !reflect.DeepEqual(got, want.Body) {
		t.Errorf("result pane shows\n%s\nwant the server's answer\n%s", shown, want.Raw)
	}
	if n, _ := got["data"].(map[string]interface{})["stats"].(map[string]interface{})["entities"].(float64); n == 0 {
		t.Errorf("result pane shows no entities: %s", shown)
	}
	watch.check(t, ts.URL)
}

// chromiumPath finds Chromium or Chrome, or fails the test saying how to get it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	require(t, false, "Chromium, which the browser tests drive,", "apt-get install chromium")
	return ""
}

// requireAssets: GraphiQL was built into web/dist.
func requireAssets(t *testing.T) {
	t.Helper()
	_, err := os.Stat(filepath.Join("web", "dist", "index.html"))
	require(t, err == nil, "the GraphiQL assets (web/dist)", "run `make assets` (npm ci && npm run build in api/web)")
}

// require fails the test when a tool it drives is missing under `make test`
// and CI (NEWSGRAPH_TEST_REQUIRE=1, CI=true), which install it, and skips
// it under a plain `go test`, saying what is missing and how to get it.
func require(t *testing.T, ok bool, what, how string) {
	t.Helper()
	if ok {
		return
	}
	msg := what + " is missing: " + how
	if os.Getenv("NEWSGRAPH_TEST_REQUIRE") != "" || os.Getenv("CI") != "" {
		t.Fatal(msg + " (`make test` installs it with .ci/deps.sh)")
	}
	t.Skip(msg + " (`make test` installs it and runs this test)")
}

// browser starts a headless Chromium of the test's own. The flags keep it
// off the network: on a machine without one, Chromium otherwise waits on
// refused connections (updates, sync, QUIC probes).
func browser(t *testing.T, chrome string) (context.Context, context.CancelFunc) {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	deadline, stop := context.WithTimeout(context.Background(), 90*time.Second)
	actx, cancelAlloc := chromedp.NewExecAllocator(deadline, opts...)
	ctx, cancelTab := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	return ctx, func() { cancelTab(); cancelAlloc(); stop() }
}

func poll() chromedp.PollOption { return chromedp.WithPollingTimeout(20 * time.Second) }

// pageWatch records the page's uncaught exceptions and the URLs it requests.
type pageWatch struct {
	mu         sync.Mutex
	exceptions []string
	urls       []string
}

func watchPage(t *testing.T, ctx context.Context) *pageWatch {
	t.Helper()
	w := &pageWatch{}
	err := chromedp.Listen(ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				msg += ": " + d.Exception.Description
			}
			w.exceptions = append(w.exceptions, msg)
		case *network.EventRequestWillBeSent:
			w.urls = append(w.urls, ev.Request.URL)
		}
	})
	if err != nil {
		t.Fatalf("start Chromium (%v)", err)
	}
	return w
}

// check fails on an uncaught exception and on a request that left the
// server under test: the page must work with no CDN and no network.
func (w *pageWatch) check(t *testing.T, base string) {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, e := range w.exceptions {
		t.Errorf("uncaught exception in the page: %s", e)
	}
	for _, u := range w.urls {
		if !strings.HasPrefix(u, base+"/") && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page requested %s, outside the server", u)
		}
	}
}

// screenshot saves what the browser shows, for a failed test.
func screenshot(t *testing.T, ctx context.Context) {
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Logf("no screenshot: %v", err)
		return
	}
	f, err := os.CreateTemp("", "graphiql-*.png")
	if err != nil {
		t.Logf("no screenshot: %v", err)
		return
	}
	defer f.Close()
	if _, err := f.Write(buf); err != nil {
		t.Logf("no screenshot: %v", err)
		return
	}
	t.Logf("screenshot of the page: %s", f.Name())
}
