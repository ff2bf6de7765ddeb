# planscope — the two commands are `make serve` and `make test` (see README.md).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
# trunk finds wasm-opt (npm binaryen) and wasm-bindgen on PATH.
export PATH := $(CURDIR)/js/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)

PORT ?= 8080
ECHARTS := public/vendor/echarts.min.js

.PHONY: setup data echarts dist site serve test size clippy perf scale scale-small clean

## setup: install or check every tool (idempotent; seconds when all is present)
setup:
	@scripts/setup

## data: parse seeds/ into public/data (index.json + one <id>.json per plan)
data:
	rm -rf public/data
	cargo run -q --locked -p planscope-cli -- build seeds --out public/data

## echarts: the custom ECharts bundle, loaded by chart views only
echarts: $(ECHARTS)
$(ECHARTS): js/echarts-custom.js js/package.json js/package-lock.json
	cd js && npm run --silent echarts

## dist: the release build of the static site: three bundles of the app — full (index.html),
## reader (reader.html: library + plan reader) and home (home.html: the library only) — then
## every page known at build time written as HTML by the app's own components, and the loader
## that starts the smallest bundle that draws the page (crates/planscope-site); last,
## planscope-publish writes .br/.gz copies of every text file and the host files (web.config
## for IIS, .htaccess for Apache; README.md "Deploying")
dist: setup data echarts
	trunk build --release
	cp dist/index.html target/trunk-index.html
	trunk build --release=true --dist target/home-dist home.html
	trunk build --release=true --dist target/reader-dist reader.html
	$(MAKE) --no-print-directory site
	cargo run -q --locked -p planscope-publish -- dist

## site: the static pages (library, plan readers, indicator pages, explorer) rendered natively by
## the app's components into copies of dist/index.html, their charts drawn as SVG by ECharts in
## Node (js/echarts-ssr.mjs), and the bundle loader; run after all trunk builds (trunk rewrites
## the page)
site:
	cargo run -q --locked -p planscope-site -- --data public/data --dist dist --home target/home-dist --reader target/reader-dist --charts js/echarts-ssr.mjs

## serve: build and serve dist/ at http://127.0.0.1:$(PORT)/ (gzip/brotli, application/wasm)
serve: dist
	cargo run -q --locked -p planscope-e2e --bin planscope-serve -- dist --port $(PORT)

## test: every test: native unit tests, browser tests + size budgets on dist/, the parser's
## and the ingest crate's wasm32 build, clippy on every crate
test: dist
	mkdir -p target
	$(MAKE) --no-print-directory scale-small
	cargo test --workspace --locked 2>&1 | tee target/test-output.log
	cargo build --locked -p planscope-parser -p planscope-ingest --target wasm32-unknown-unknown
	$(MAKE) --no-print-directory clippy
	$(MAKE) --no-print-directory size
	@awk '/^test result:/ { p += $$4; f += $$6 } END { printf "all tests: %d passed, %d failed\n", p, f; exit (p == 0 || f > 0) }' target/test-output.log

## clippy: lints for every crate of the workspace
clippy:
	cargo clippy --locked -q --workspace --all-targets -- -D warnings

## size: raw / gzip / brotli bytes of dist/ and the first-screen total
size:
	@test -f dist/index.html || { echo "dist/ not built: run make dist" >&2; exit 1; }
	@cargo run -q --locked -p planscope-e2e --bin planscope-size -- dist

## perf: figures, not assertions (not part of make test): outline-ready times per seed plan
## with 4x CPU throttling + slow 4G, and Lighthouse mobile scores; needs make dist first
perf:
	@scripts/perf

## scale-small: the site on synthetic libraries of 5 and 200 plans (target/scale/<N>/dist, no
## search index), for make test's size check at scale (tests/e2e/tests/suite/scale.rs)
scale-small:
	SCALE_SEARCH=0 scripts/scale 5 200

## scale: the site on synthetic libraries of 5, 500 and 2,000 plans (2,000 with its search
## index), then the size checks at 5/500/2,000 and the library's browser scenarios
## against the 2,000-plan site (filter/sort latency at 4x CPU throttling printed); slow, not in
## make test. Needs make dist.
scale:
	SCALE_SEARCH=0 scripts/scale 5 500
	scripts/scale 2000
	PLANSCOPE_SCALE=5,500,2000 cargo test --locked -p planscope-e2e --test suite -- scale:: --include-ignored --test-threads 1 --nocapture

clean:
	rm -rf dist public/data $(ECHARTS) target/e2e-artifacts
