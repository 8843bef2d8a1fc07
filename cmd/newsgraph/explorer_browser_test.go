package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// TestExplorerInChromium drives the explorer in Debian's Chromium against
// the real server on the seed graph, as an analyst would: search
// "Kratsios", pick the suggestion, expand a neighbour, open the evidence of
// one of Kratsios's relations and check that the sentence shown is the
// API's; the URL then keeps the view. It saves a screenshot in the test's
// temporary folder. A missing Chromium or built page fails it under `make
// test` and CI, which provide both, and skips it under a plain `go test`
// (require).
func TestExplorerInChromium(t *testing.T) {
	chrome := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chrome = p
			break
		}
	}
	require(t, chrome != "", "Chromium, which the explorer's browser test drives,", "apt-get install chromium")
	_, built := os.Stat("../../api/web/dist/explorer/index.html")
	require(t, built == nil, "the built explorer page", "run `make assets`")
	s := startServer(t, seedStore(t, false))
	const person = "person/michael-kratsios"
	var rel struct {
		Entity struct {
			Relations struct {
				Nodes []struct {
					ID       string
					Evidence []struct{ Text string }
				}
			}
		}
	}
	s.query(t, `query($id: ID!) { entity(id: $id) { relations(first: 100) { nodes { id evidence { text } } } } }`,
		map[string]any{"id": person}, &rel)
	if len(rel.Entity.Relations.Nodes) == 0 {
		t.Fatalf("the seed graph gives %s no relations", person)
	}

	ctx, cancel := headless(t, chrome)
	defer cancel()
	watch := watchBrowser(t, ctx)
	shot := filepath.Join(t.TempDir(), "explorer.png")
	defer func() {
		if buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil && os.WriteFile(shot, buf, 0o644) == nil {
			t.Logf("screenshot of the explorer: %s", shot)
			if dst := os.Getenv("NEWSGRAPH_EXPLORER_SCREENSHOT"); dst != "" {
				os.WriteFile(dst, buf, 0o644) // for docs/: make docs-screenshot
			}
		}
	}()

	ready := `window.__explorer && window.__explorer.ready && window.__explorer.pending === 0`
	wait := func(expr string) chromedp.Action[chromedp.Void] {
		return chromedp.Poll[chromedp.Void](expr, explorerPoll())
	}
	count := func(what string) int {
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.__explorer.cy.`+what+`(':visible').length`))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/"),
		wait(ready),
		chromedp.Click(chromedp.CSS("#search")),
		chromedp.SendKeys(chromedp.CSS("#search"), "Kratsios"),
		wait(`[...document.querySelectorAll('#search-list li[role=option]')].some(li => li.textContent.includes('Michael Kratsios'))`),
		chromedp.SendKeys(chromedp.CSS("#search"), "\r"), // Enter picks the highlighted suggestion
		wait(`window.__explorer.state.focus === '`+person+`' && `+ready),
		wait(`document.querySelectorAll('#relations button[data-edge]').length > 0`),
	)
	if err != nil {
		t.Fatalf("search Kratsios and draw him: %v", err)
	}
	before := count("nodes")
	if before < 2 {
		t.Fatalf("the graph shows %d entities after picking Kratsios", before)
	}
	// expand the best connected neighbour by its keyboard-reachable button
	neighbour, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`[...document.querySelectorAll('#in-view button[data-expand]')].map(b => b.dataset.expand).find(id => id !== '`+person+`') || ''`))
	if err != nil || neighbour == "" {
		t.Fatalf("no neighbour to expand (%v)", err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#in-view button[data-expand="`+neighbour+`"]`)),
		wait(`window.__explorer.state.expanded.includes('`+neighbour+`') && `+ready),
	)
	if err != nil {
		t.Fatalf("expand %s: %v", neighbour, err)
	}
	if after := count("nodes"); after <= before {
		t.Errorf("expanding %s left %d entities (before %d)", neighbour, after, before)
	}
	// back to Kratsios (a click on his node), then the evidence of his first relation
	edge := rel.Entity.Relations.Nodes[0]
	err = chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`void window.__explorer.cy.getElementById('`+person+`').emit('tap')`),
		wait(`document.querySelector('#relations button[data-edge="`+edge.ID+`"]') !== null && `+ready),
		chromedp.Click(chromedp.CSS(`#relations button[data-edge="`+edge.ID+`"]`)),
		wait(`document.querySelector('#evidence .evidence .text') !== null && `+ready),
	)
	if err != nil {
		t.Fatalf("open the evidence of %s: %v", edge.ID, err)
	}
	shown, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#evidence .evidence .text`)))
	if err != nil {
		t.Fatal(err)
	}
	if want := edge.Evidence[0].Text; strings.TrimSpace(shown) != want {
		t.Errorf("the evidence panel shows %q, the API's sentence is %q", shown, want)
	}
	if marks, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#evidence .evidence mark').length`)); marks == 0 {
		t.Errorf("the evidence sentence highlights none of the relation's words")
	}
	hash, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.hash`))
	for _, want := range []string{"focus=" + strings.ReplaceAll(person, "/", "%2F"), "edge=" + edge.ID, "expand="} {
		if !strings.Contains(hash, want) {
			t.Errorf("the URL %q does not keep %s", hash, want)
		}
	}
	// the URL is the view: a new page on it draws the same graph
	nodes := count("nodes")
	err = chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/"+hash),
		wait(ready+` && document.querySelector('#evidence .evidence .text') !== null`),
	)
	if err != nil {
		t.Fatalf("reload the view from its URL: %v", err)
	}
	if again := count("nodes"); again != nodes {
		t.Errorf("the view reloaded from its URL shows %d entities, it showed %d", again, nodes)
	}
	// 2,000 elements: they are added in chunks and laid out in a worker, so
	// the page's thread keeps running its tasks (input, timers) all along;
	// one batch and a layout on the page's thread would let none through
	// until they ended
	frames, err := chromedp.Run(ctx, chromedp.Evaluate[int](`(async () => {
		const ex = window.__explorer, cy = ex.cy;
		const nodes = [], edges = [];
		for (let i = 0; i < 1000; i++) nodes.push({ id: 'load/' + i, name: 'n' + i, type: 'Person', degree: 1 });
		for (let i = 0; i < 1000; i++) edges.push({ id: 'load-e' + i, predicate: 'memberOf', confidence: 0.5, evidenceCount: 1,
			subject: { id: 'load/' + i }, object: { id: 'load/' + ((i * 7 + 1) % 1000) }, evidence: [] });
		let ticks = 0, done = false;
		const tick = () => { if (!done) { ticks++; setTimeout(tick, 5); } };
		setTimeout(tick, 0);
		await ex.merge({ nodes, edges }, null);
		await ex.layout();
		done = true;
		return cy.elements().length >= 2000 ? ticks : -1;
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("lay out 2,000 elements: %v", err)
	}
	if frames < 2 {
		t.Errorf("the page ran %d timer tasks while adding and laying out 2,000 elements: it freezes", frames)
	} else {
		t.Logf("the page ran %d timer tasks while adding and laying out 2,000 elements", frames)
	}
	watch.check(t, s.URL)
}

func explorerPoll() chromedp.PollOption { return chromedp.WithPollingTimeout(30 * time.Second) }

// headless starts a Chromium of the test's own, off the network.
func headless(t *testing.T, chrome string) (context.Context, context.CancelFunc) {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chrome), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1366, 800),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	deadline, stop := context.WithTimeout(context.Background(), 2*time.Minute)
	actx, cancelAlloc := chromedp.NewExecAllocator(deadline, opts...)
	ctx, cancelTab := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	return ctx, func() { cancelTab(); cancelAlloc(); stop() }
}

// browserWatch records the page's uncaught exceptions and what it fetched.
type browserWatch struct {
	mu         sync.Mutex
	exceptions []string
	urls       []string
}

func watchBrowser(t *testing.T, ctx context.Context) *browserWatch {
	t.Helper()
	w := &browserWatch{}
	err := chromedp.Listen(ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			msg := ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				msg += ": " + ev.ExceptionDetails.Exception.Description
			}
			w.exceptions = append(w.exceptions, msg)
		case *network.EventRequestWillBeSent:
			w.urls = append(w.urls, ev.Request.URL)
		}
	})
	if err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return w
}

// check fails on an uncaught exception or a request that left the server:
// the page works with no CDN and no network.
func (w *browserWatch) check(t *testing.T, base string) {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, e := range w.exceptions {
		t.Errorf("uncaught exception in the page: %s", e)
	}
	for _, u := range w.urls {
		if !strings.HasPrefix(u, base+"/") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
			t.Errorf("the page requested %s, outside the server", u)
		}
	}
}
