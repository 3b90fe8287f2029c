# relgraph — the two commands a newcomer needs:
#   make run    build the graph of Corpus/ and write Graphs/
#   make test   run the test suite
SHELL := /bin/bash
SWIFT ?= swift
RELGRAPH := .build/release/relgraph

.PHONY: run test bench deps build release graphs clean

deps:
	@if ! pkg-config --exists libgvc 2>/dev/null; then \
		echo "relgraph: libgvc not found; installing libgraphviz-dev with apt-get"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libgraphviz-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release graphs

graphs:
	mkdir -p Graphs
	$(RELGRAPH) build --corpus Corpus -o Graphs/corpus.json
	$(RELGRAPH) export --graph Graphs/corpus.json --format dot -o Graphs/corpus.dot
	$(RELGRAPH) render --graph Graphs/corpus.json --format svg -o Graphs/corpus.svg

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# make bench: release build, a synthetic corpus of BENCH_MB megabytes (generated once per
# size and seed, kept in bench-out/), then one table of throughput, memory and graph figures.
BENCH_MB ?= 100
BENCH_SEED ?= 1
BENCH_DIR ?= bench-out
BENCH_CORPUS := $(BENCH_DIR)/corpus-$(BENCH_MB)mb-seed$(BENCH_SEED)

bench: release
	@if [ ! -f $(BENCH_CORPUS)/.complete ]; then \
		rm -rf $(BENCH_CORPUS); \
		$(RELGRAPH) synth --megabytes $(BENCH_MB) --seed $(BENCH_SEED) -o $(BENCH_CORPUS) && touch $(BENCH_CORPUS)/.complete; \
	fi
	.build/release/relgraph-bench $(BENCH_CORPUS) $(BENCH_DIR)/graph.json

clean:
	rm -rf .build
