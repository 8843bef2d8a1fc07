package api_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// BenchmarkHTTPReads times BenchmarkHandlerReads's reads over HTTP beside
// the same reads through the handler in process and beside the limit any
// read over HTTP is measured against: a handler that writes a fixed byte
// slice (the JSON response of the first EntityByID read, so the bytes on
// the wire are alike), served and fetched the same way. Over HTTP means
// the handler served on a loopback port of this machine, one request at a
// time on a kept-alive connection, each timed from sending the request to
// having read the whole response.
//
// Each iteration is a round in which every configuration serves
// httpChunk requests in turn, so that whatever else the shared machine
// does falls on all of them alike; run it for a number of rounds
// (-benchtime=10x). It reports, for static and for each read R:
//
//	static-requests/s, static-p50-µs, static-p99-µs
//	R-handler-requests/s, R-handler-p50-µs, R-handler-p99-µs   in process
//	R-http-requests/s, R-http-p50-µs, R-http-p99-µs            over HTTP
//
//	go test -run '^$' -bench '^BenchmarkHTTPReads$' -benchtime=10x ./api/
func BenchmarkHTTPReads(b *testing.B) {
	h, reads := readsHandler(b)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, jsonPost("/graphql", reads[0].body(0)))
	if rec.Code != http.StatusOK {
		b.Fatalf("%s: %d %s", reads[0].name, rec.Code, rec.Body.Bytes())
	}
	fixed := rec.Body.Bytes()
	static := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Write(fixed)
	}))
	defer static.Close()
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
	defer client.CloseIdleConnections()

	configs := []*timedReads{{name: "static", serve: overHTTP(client, static.URL), bodies: [][]byte{reads[0].body(0)}}}
	for _, r := range reads {
		bodies := make([][]byte, r.n)
		for i := range bodies {
			bodies[i] = r.body(i)
		}
		configs = append(configs,
			&timedReads{name: r.name + "-handler", serve: inProcess(h), bodies: bodies},
			&timedReads{name: r.name + "-http", serve: overHTTP(client, srv.URL+"/graphql"), bodies: bodies})
	}
	b.ResetTimer()
	for range b.N {
		for _, c := range configs {
			c.round(b)
		}
	}
	b.StopTimer()
	for _, c := range configs {
		c.report(b)
	}
}

// httpChunk is how many requests each configuration serves in a round.
const httpChunk = 100

// timedReads is one configuration of BenchmarkHTTPReads: a way to serve a
// request, the bodies it is sent in turn, and the latencies measured.
type timedReads struct {
	name   string
	serve  func(body []byte) (status int, resp []byte, err error)
	bodies [][]byte
	next   int
	lat    []time.Duration
}

func (c *timedReads) round(b *testing.B) {
	for range httpChunk {
		in := c.bodies[c.next%len(c.bodies)]
		c.next++
		start := time.Now()
		code, out, err := c.serve(in)
		c.lat = append(c.lat, time.Since(start))
		if err != nil || code != http.StatusOK || bytes.Contains(out, []byte(`"errors"`)) {
			b.Fatalf("%s with %s: %d %s %v", c.name, in, code, out, err)
		}
	}
}

// report gives the rate over the time spent serving, and the latencies.
func (c *timedReads) report(b *testing.B) {
	var sum time.Duration
	for _, d := range c.lat {
		sum += d
	}
	p50, p99 := percentileMicros(c.lat, 0.50), percentileMicros(c.lat, 0.99)
	b.ReportMetric(float64(len(c.lat))/sum.Seconds(), c.name+"-requests/s")
	b.ReportMetric(p50, c.name+"-p50-µs")
	b.ReportMetric(p99, c.name+"-p99-µs")
}

func inProcess(h http.Handler) func([]byte) (int, []byte, error) {
	return func(body []byte) (int, []byte, error) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, jsonPost("/graphql", body))
		return rec.Code, rec.Body.Bytes(), nil
	}
}

func overHTTP(client *http.Client, url string) func([]byte) (int, []byte, error) {
	var out bytes.Buffer
	return func(body []byte) (int, []byte, error) {
		resp, err := client.Post(url, "application/json", bytes.NewReader(body))
		if err != nil {
			return 0, nil, err
		}
		defer resp.Body.Close()
		out.Reset()
		_, err = out.ReadFrom(resp.Body)
		return resp.StatusCode, out.Bytes(), err
	}
}

func jsonPost(target string, body []byte) *http.Request {
	req := httptest.NewRequest(http.MethodPost, target, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return req
}
