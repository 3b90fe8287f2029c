# relgraph — the two commands a newcomer needs:
#   make run    build the graph of Corpus/ and write Graphs/
#   make test   run the test suite
SHELL := /bin/bash
SWIFT ?= swift
RELGRAPH ?= .build/release/relgraph
# The Musk–Altman ego network: both, their typed relations, one hop out.
EGO := --focus "Elon Musk" --focus "Sam Altman" --depth 1 --no-co-mentions

.PHONY: run test bench deps build release install graphs clean fuzz sanitize

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

# The binary in $(PREFIX)/bin and its data folder in $(PREFIX)/share/relgraph, where it looks.
PREFIX ?= /usr/local
BUNDLE := relgraph_RelGraphCore.resources
install: release
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/relgraph"
	rm -rf "$(DESTDIR)$(PREFIX)/share/relgraph/$(BUNDLE)"
	cp -R .build/release/$(BUNDLE) "$(DESTDIR)$(PREFIX)/share/relgraph/"
	install -m 755 .build/release/relgraph "$(DESTDIR)$(PREFIX)/bin/relgraph"

graphs:
	mkdir -p Graphs
	$(RELGRAPH) build --corpus Corpus -o Graphs/corpus.json
	$(RELGRAPH) export --graph Graphs/corpus.json --format dot -o Graphs/corpus.dot
	$(RELGRAPH) render --graph Graphs/corpus.json --format svg -o Graphs/corpus.svg
	$(RELGRAPH) export --graph Graphs/corpus.json $(EGO) --format dot -o Graphs/musk-altman.dot
	$(RELGRAPH) render --graph Graphs/corpus.json $(EGO) --format svg -o Graphs/musk-altman.svg
	$(RELGRAPH) export --graph Graphs/corpus.json --polarity hostile --format dot -o Graphs/hostile.dot
	$(RELGRAPH) render --graph Graphs/corpus.json --polarity hostile --format svg -o Graphs/hostile.svg

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

# libFuzzer over the recognizer and per-document pipeline, for a fixed number of runs (not in CI).
# Debug + ASan runs about 20-25 inputs of up to 4 KB a second on a loaded 2-core machine.
FUZZ_RUNS ?= 20000
fuzz: deps
	$(SWIFT) build --product relgraph-fuzz -Xswiftc -sanitize=fuzzer,address -Xlinker --export-dynamic --scratch-path .build-fuzz
	mkdir -p fuzz-out/corpus fuzz-out/crashes
	cp -n Corpus/*.txt fuzz-out/corpus/ 2>/dev/null || true
	.build-fuzz/debug/relgraph-fuzz -runs=$(FUZZ_RUNS) -max_len=4096 -artifact_prefix=fuzz-out/crashes/ fuzz-out/corpus

# The whole test suite under AddressSanitizer (LeakSanitizer included). The suppression files
# name third-party libraries only (Graphviz's pango plugin, the XCTest runner); never relgraph.
sanitize: deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	ASAN_OPTIONS=suppressions=$(CURDIR)/Tests/asan-suppressions.txt \
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan-suppressions.txt:print_suppressions=0 \
		$(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan

clean:
	rm -rf .build .build-fuzz .build-asan fuzz-out bench-out
