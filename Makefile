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

# The release build is profile-guided (PGO) where the toolchain has what it needs: a build
# instrumented at the LLVM IR level runs a training workload (the profile's recipe below) and
# the real build is optimized with the counts it wrote (branch weights, block layout,
# inlining). On the 100 MB benchmark this cut user time by about 4% (README, "Profile-guided
# build").
# IR-level, not Swift's -profile-use: that one asserts in the SIL inliner of Swift 6.3.1
# (ColdBlockInfo::inferFromEdgeProfile). `make release PGO=0` builds without it.
PGO ?= 1
TOOLCHAIN_BIN := $(dir $(realpath $(shell command -v $(SWIFT))))
LLVM_PROFDATA := $(wildcard $(TOOLCHAIN_BIN)llvm-profdata)
PROFILE_RT := $(firstword $(wildcard $(TOOLCHAIN_BIN)../lib/clang/*/lib/linux/libclang_rt.profile-$(shell uname -m).a))
PGO_DIR := .build-pgo
PGO_BIN := $(PGO_DIR)/gen/release/relgraph
PGO_PROFILE := $(PGO_DIR)/relgraph.profdata
# The profile is made again when anything the trained binary runs changes.
PGO_INPUTS := $(shell find Sources Corpus -type f 2>/dev/null) Package.swift

# Which profile (or `plain`) the release build folder was compiled with. When it changes, the
# folder is emptied first: every module is compiled again anyway (the flag changed), and an
# incremental build over objects of another profile once left relgraph's own module compiled
# without any (its hot functions the size of a plain build's, its instruction count too).
RELEASE_STAMP := $(PGO_DIR)/release-profile
fresh_release = if [ "$$(cat $(RELEASE_STAMP) 2>/dev/null)" != "$(1)" ]; then \
		if [ -e .build/release ]; then rm -rf "$$(readlink -f .build/release)" .build/release; fi; fi; \
	mkdir -p $(PGO_DIR) && echo "$(1)" > $(RELEASE_STAMP).new
ifeq ($(PGO)$(if $(LLVM_PROFDATA),y)$(if $(PROFILE_RT),y),1yy)
release: deps $(PGO_PROFILE)
	@# The profile's path names its contents: SwiftPM rebuilds when a flag changes, not
	@# when the file a flag names does.
	@sum=$$(sha256sum $(PGO_PROFILE) | cut -c1-16); \
	$(call fresh_release,$$sum); \
	find $(PGO_DIR) -maxdepth 1 -name 'relgraph-*.profdata' ! -name relgraph-$$sum.profdata -delete; \
	cp $(PGO_PROFILE) $(PGO_DIR)/relgraph-$$sum.profdata; \
	echo "$(SWIFT) build -c release (profile-guided: $(PGO_DIR)/relgraph-$$sum.profdata)"; \
	$(SWIFT) build -c release -Xswiftc -Xfrontend -Xswiftc -ir-profile-use=$(CURDIR)/$(PGO_DIR)/relgraph-$$sum.profdata \
		&& mv $(RELEASE_STAMP).new $(RELEASE_STAMP)
else
release: deps
	@$(if $(filter 1,$(PGO)),echo "relgraph: no llvm-profdata or profile runtime beside $(SWIFT); building without PGO")
	@$(call fresh_release,plain)
	$(SWIFT) build -c release && mv $(RELEASE_STAMP).new $(RELEASE_STAMP)
endif

# The instrumented build (its own scratch path) and the training run. The workload is what
# relgraph is for: `build` of a 10 MB synthetic corpus on one and on all cores and of Corpus/,
# then the queries, exports and diagrams of `make graphs`, so that none of them is laid out
# as code that never runs.
$(PGO_PROFILE): $(PGO_INPUTS) | deps
	$(SWIFT) build -c release --product relgraph --scratch-path $(PGO_DIR)/gen \
		-Xswiftc -Xfrontend -Xswiftc -ir-profile-generate \
		-Xlinker -u -Xlinker __llvm_profile_runtime -Xlinker $(PROFILE_RT)
	rm -rf $(PGO_DIR)/train && mkdir -p $(PGO_DIR)/train
	export LLVM_PROFILE_FILE=$(CURDIR)/$(PGO_DIR)/train/%p.profraw; set -e; \
	$(PGO_BIN) synth --megabytes 10 --seed 2 -o $(PGO_DIR)/train/corpus; \
	$(PGO_BIN) build --corpus $(PGO_DIR)/train/corpus --threads 1 --quiet -o $(PGO_DIR)/train/synth.json; \
	$(PGO_BIN) build --corpus $(PGO_DIR)/train/corpus --quiet -o $(PGO_DIR)/train/synth-all.json; \
	$(PGO_BIN) rank --graph $(PGO_DIR)/train/synth.json --by pagerank --top 10 > /dev/null; \
	$(PGO_BIN) render --graph $(PGO_DIR)/train/synth.json --top 200 --format svg -o $(PGO_DIR)/train/top200.svg; \
	$(MAKE) --no-print-directory graphs RELGRAPH=$(PGO_BIN) GRAPHS=$(PGO_DIR)/train/graphs > /dev/null; \
	$(PGO_BIN) path "Elon Musk" Microsoft --graph $(PGO_DIR)/train/graphs/corpus.json > /dev/null; \
	$(PGO_BIN) neighbors Altman --graph $(PGO_DIR)/train/graphs/corpus.json > /dev/null; \
	$(PGO_BIN) extract $(PGO_DIR)/train/corpus/0000 --quiet -o $(PGO_DIR)/train/part.jsonl; \
	$(PGO_BIN) merge $(PGO_DIR)/train/part.jsonl --quiet -o $(PGO_DIR)/train/merged.json
	$(LLVM_PROFDATA) merge -o $@.tmp $(PGO_DIR)/train/*.profraw && mv $@.tmp $@

run: release graphs

# The binary in $(PREFIX)/bin and its data folder in $(PREFIX)/share/relgraph, where it looks.
PREFIX ?= /usr/local
BUNDLE := relgraph_RelGraphCore.resources
install: release
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/relgraph"
	rm -rf "$(DESTDIR)$(PREFIX)/share/relgraph/$(BUNDLE)"
	cp -R .build/release/$(BUNDLE) "$(DESTDIR)$(PREFIX)/share/relgraph/"
	install -m 755 .build/release/relgraph "$(DESTDIR)$(PREFIX)/bin/relgraph"

GRAPHS ?= Graphs
graphs:
	mkdir -p $(GRAPHS)
	$(RELGRAPH) build --corpus Corpus -o $(GRAPHS)/corpus.json
	$(RELGRAPH) export --graph $(GRAPHS)/corpus.json --format dot -o $(GRAPHS)/corpus.dot
	$(RELGRAPH) render --graph $(GRAPHS)/corpus.json --format svg -o $(GRAPHS)/corpus.svg
	$(RELGRAPH) export --graph $(GRAPHS)/corpus.json $(EGO) --format dot -o $(GRAPHS)/musk-altman.dot
	$(RELGRAPH) render --graph $(GRAPHS)/corpus.json $(EGO) --format svg -o $(GRAPHS)/musk-altman.svg
	$(RELGRAPH) export --graph $(GRAPHS)/corpus.json --polarity hostile --format dot -o $(GRAPHS)/hostile.dot
	$(RELGRAPH) render --graph $(GRAPHS)/corpus.json --polarity hostile --format svg -o $(GRAPHS)/hostile.svg

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
	rm -rf .build .build-fuzz .build-asan .build-pgo fuzz-out bench-out
