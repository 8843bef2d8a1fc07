# newsgraph: `make run` builds the graph from seeds/ and serves it;
# `make test` installs and starts what the tests need, then runs them.

GO        ?= go
BIN       := bin/newsgraph
DB        ?= data/newsgraph.db
ADDR      ?= 127.0.0.1:8080
EVAL_DIR  ?= ../shared/eval
TRAIN_DIR ?= ../shared/train/gum
NAME_MODEL := extract/model/names.bin.gz
HELD_OUT  ?= extract/model/held-out.txt
WEB       := api/web
WEB_DIST  := $(WEB)/dist/index.html
WEB_MODULES := $(WEB)/node_modules/.package-lock.json
PGDIR     := $(CURDIR)/.pgtest
GOFILES   := $(shell find . -name '*.go' -not -path './$(WEB)/*') go.mod go.sum
SEEDS     := $(wildcard seeds/*)

.PHONY: all build assets run notebook test test-deps vet race fuzz eval cv ablation train bench loadtest clean

all: build

build: $(BIN)

$(BIN): $(GOFILES) $(WEB_DIST) $(NAME_MODEL) $(shell find extract/data schema -name '*.tsv')
	$(GO) build -o $(BIN) ./cmd/newsgraph

# GraphiQL's assets come from the npm registry and are embedded in the binary.
assets: $(WEB_DIST)

# node_modules is rebuilt from the lock file whenever it changes (or is gone).
$(WEB_MODULES): $(WEB)/package.json $(WEB)/package-lock.json
	@command -v npm >/dev/null || { echo "make: npm is missing: install Node.js 18+ and npm (Debian: apt-get install nodejs npm)"; exit 1; }
	cd $(WEB) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(WEB_DIST): $(WEB_MODULES) $(WEB)/build.mjs $(shell find $(WEB)/src -type f)
	cd $(WEB) && npm run build --silent
	@touch $@

# The store is rebuilt when it is missing or older than a seed.
$(DB): $(SEEDS) | $(BIN)
	rm -f $(DB)
	$(BIN) ingest --db $(DB) seeds

run: $(BIN) $(DB)
	$(BIN) serve --db $(DB) --addr $(ADDR)

# notebook: serves the seed graph on a free port and executes
# examples/explore.ipynb against it with Jupyter (Debian's jupyter-nbconvert,
# python3-ipykernel, python3-networkx, python3-matplotlib; .ci/deps.sh
# installs them), writing the executed copy to examples/explore.executed.ipynb.
notebook: $(BIN) $(DB)
	@.ci/notebook.sh $(BIN) $(DB)

vet: $(WEB_DIST)
	$(GO) vet ./...

# test: PostgreSQL is started in a temporary folder on a free port (installed
# from Debian's packages first when missing and we are root), Chromium and
# Node.js likewise for the browser and HTTP-audit tests.
test: test-deps $(WEB_DIST) vet
	@set -e; \
	url=$$(.ci/postgres.sh start $(PGDIR)); \
	trap '.ci/postgres.sh stop $(PGDIR) >/dev/null 2>&1 || true' EXIT; \
	NEWSGRAPH_TEST_POSTGRES="$$url" NEWSGRAPH_TEST_REQUIRE=1 $(GO) test -count=1 ./...

test-deps:
	@.ci/deps.sh

# race: the packages with concurrency (the HTTP server and its loader, the
# store with its PostgreSQL tests, the extractor's workers, the commands)
# under the race detector, against a PostgreSQL started as for make test.
# The tests that kill or stop other processes (crash consistency, PostgreSQL
# going away) run in make test only: they test no goroutines of their own,
# and under the detector they take many times as long.
RACE_PKGS := ./api/... ./graph/ ./extract/ ./cmd/...
RACE_SKIP := TestCrashLeavesWholeArticles|TestPostgresGoesAwayMidIngest
race: test-deps $(WEB_DIST)
	@set -e; \
	url=$$(.ci/postgres.sh start $(PGDIR)-race); \
	trap '.ci/postgres.sh stop $(PGDIR)-race >/dev/null 2>&1 || true' EXIT; \
	NEWSGRAPH_TEST_POSTGRES="$$url" $(GO) test -race -count=1 -timeout 30m -skip '$(RACE_SKIP)' $(RACE_PKGS)

# fuzz: every fuzz target for FUZZTIME (60s) each; see .ci/fuzz.sh.
FUZZTIME ?= 60s
fuzz: $(WEB_DIST)
	@.ci/fuzz.sh $(FUZZTIME)

eval: $(BIN)
	@test -d "$(EVAL_DIR)/articles" || { echo "make eval: no evaluation set at $(EVAL_DIR) (set EVAL_DIR)"; exit 1; }
	$(BIN) eval --check --gold $(EVAL_DIR)/gold $(EVAL_DIR)/articles

# train: the name tagger that extract embeds, from GUM (TRAIN_DIR) and the
# development articles labelled from their gold files, less the held-out
# ones (HELD_OUT); the same inputs give the same file, byte for byte.
train: $(BIN)
	@test -f "$(TRAIN_DIR)/train.tsv" || { echo "make train: no training data at $(TRAIN_DIR) (set TRAIN_DIR)"; exit 1; }
	$(BIN) train --bio $(TRAIN_DIR) --gold $(EVAL_DIR)/gold --held-out $(HELD_OUT) -o $(NAME_MODEL) $(EVAL_DIR)/articles
	$(GO) build -o $(BIN) ./cmd/newsgraph

# cv: leave-one-publisher-out cross-validation of the name tagger beside
# the development-set scores of the shipped one.
cv: $(BIN)
	$(BIN) eval --cv --bio $(TRAIN_DIR) --gold $(EVAL_DIR)/gold $(EVAL_DIR)/articles

# ablation: names from the rules alone, the tagger alone and both, on the
# development set and on GUM's news names.
ablation: $(BIN)
	$(BIN) eval --ablation --gold $(EVAL_DIR)/gold $(EVAL_DIR)/articles
	$(BIN) eval --ablation --coarse --gold $(EVAL_DIR)/gum/gold $(EVAL_DIR)/gum/articles

# bench: every layer's benchmarks on generated corpora, then BENCHMARKS.md
# from what they measured (cmd/benchreport; the raw output stays in
# bin/bench.txt, and `go run ./cmd/benchreport -from bin/bench.txt`
# renders it again). The sizes below finish in under 10 minutes on this
# 2-core machine; set any on the command line or in the environment
# (make bench NEWSGRAPH_READS=10000). PostgreSQL is started as for make
# test unless NEWSGRAPH_TEST_POSTGRES names a server already;
# BENCH_POSTGRES=0 leaves it out. The graphs the reads run on are built
# once and kept in .benchcache/.
NEWSGRAPH_EXTRACT_ARTICLES ?= 150
NEWSGRAPH_WRITE_ARTICLES   ?= 500
NEWSGRAPH_WRITE_ROUNDS     ?= 3
NEWSGRAPH_START            ?= 200
NEWSGRAPH_START_ROUNDS     ?= 3
NEWSGRAPH_START_POSTGRES   ?= 100
NEWSGRAPH_FEED_ARTICLES    ?= 100
NEWSGRAPH_READS            ?= 500
NEWSGRAPH_INDEX_ARTICLES   ?= 2000
BENCH_POSTGRES ?= 1
BENCH_SIZES := NEWSGRAPH_EXTRACT_ARTICLES NEWSGRAPH_WRITE_ARTICLES NEWSGRAPH_WRITE_ROUNDS \
	NEWSGRAPH_START NEWSGRAPH_START_ROUNDS NEWSGRAPH_START_POSTGRES NEWSGRAPH_FEED_ARTICLES NEWSGRAPH_READS NEWSGRAPH_INDEX_ARTICLES
bench: $(WEB_DIST)
	@set -e; mkdir -p bin .benchcache; \
	url="$$NEWSGRAPH_TEST_POSTGRES"; \
	if [ -z "$$url" ] && [ "$(BENCH_POSTGRES)" = 1 ]; then \
		if url=$$(.ci/postgres.sh start $(PGDIR)-bench); then \
			trap '.ci/postgres.sh stop $(PGDIR)-bench >/dev/null 2>&1 || true' EXIT; \
		else \
			echo "make bench: PostgreSQL did not start (above); the report will have no PostgreSQL figures" >&2; url=; \
		fi; \
	fi; \
	NEWSGRAPH_TEST_POSTGRES="$$url" TMPDIR=$(CURDIR)/.benchcache $(foreach v,$(BENCH_SIZES),$(v)=$($(v))) \
		$(GO) run ./cmd/benchreport -o BENCHMARKS.md -raw bin/bench.txt

# loadtest: wrk against the server on a copy of a generated graph
# (NEWSGRAPH_READS articles, 10000 unless set): mixed reads for 60 s, then
# the same with 48 writers ingesting; LOADTEST_EACH=1 adds each read alone,
# LOADTEST_INPROCESS=1 the store's own figures. See .ci/loadtest.sh.
loadtest:
	@.ci/loadtest.sh

clean:
	rm -rf bin $(PGDIR) $(PGDIR)-race $(PGDIR)-bench .benchcache
