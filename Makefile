# Summit's interface: `make run` starts the product, `make test` proves it.
SHELL := /bin/bash
GO ?= go
BIN := bin/summit
# Accounts in the demo data set seeded on the first `make run`.
DEMO_ACCOUNTS ?= 3000
# Accounts in the databases `make bench` measures the screens on
# (SUMMIT_BENCH_ACCOUNTS; the benchmarks default to 10,000 when run alone).
BENCH_ACCOUNTS ?= 100000
# How long `make test` fuzzes the GraphQL HTTP handler (FuzzGraphQLHTTP).
FUZZTIME ?= 25s
# Generated files; `make test` fails when `make generate` would change them.
GENERATED := ent graph ent/migrate/migrations frontend/src/gql
# golangci-lint, pinned and installed into bin/ on first use (.golangci.yml).
GOLANGCI_LINT_VERSION := v2.15.0
GOLANGCI_LINT := bin/golangci-lint-$(GOLANGCI_LINT_VERSION)

.PHONY: run build test vet lint lint-fix generate generate-code check-generated bench e2e scale postgres clean-data app app-deps app-test app-e2e app-bench

## run: install what is missing, build, start the embedded database, migrate, seed demo data (first start only), serve
run: postgres build
	@SUMMIT_DEMO_ACCOUNTS=$${SUMMIT_DEMO_ACCOUNTS:-$(DEMO_ACCOUNTS)} exec ./$(BIN) serve

build: app
	$(GO) build -o $(BIN) ./cmd/summit

## postgres: make sure PostgreSQL server binaries are installed (apt-get when root)
postgres:
	@bash deploy/ensure-postgres.sh

## test: lint (with vet), generation drift check, every test, FUZZTIME of fuzzing the GraphQL
## endpoint (its seed corpus, the audit's inputs, also runs as a normal test), the app's browser tests
test: postgres lint check-generated
	$(GO) test -count=1 -timeout 20m ./...
	$(GO) test -count=1 -run '^$$' -fuzz '^FuzzGraphQLHTTP$$' -fuzztime $(FUZZTIME) -parallel 1 ./graph
	$(MAKE) --no-print-directory app-test

vet:
	$(GO) vet ./...

## lint: go vet, then golangci-lint (.golangci.yml: formatting and import grouping, errorlint, revive's doc rules, unused …)
lint: vet $(GOLANGCI_LINT)
	$(GOLANGCI_LINT) run ./...

## lint-fix: apply the formatters (gofmt, goimports) and the fixes linters offer
lint-fix: $(GOLANGCI_LINT)
	$(GOLANGCI_LINT) run --fix ./...

$(GOLANGCI_LINT):
	@mkdir -p bin
	GOBIN=$(CURDIR)/bin $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)
	mv bin/golangci-lint $@

## generate: entc, then gqlgen, then a migration for any schema change
generate: postgres generate-code
	$(GO) run ./cmd/summit generate-migration auto

## generate-code: entc then gqlgen, without a migration (while iterating on a schema)
generate-code:
	cd ent && $(GO) run -mod=mod entc.go
	cd graph && $(GO) tool gqlgen generate --config gqlgen.yml
	$(MAKE) --no-print-directory app-deps
	cd frontend && npx graphql-codegen --config codegen.ts --silent

## check-generated: fail when generated code or migrations are stale
check-generated:
	@before=$$(find $(GENERATED) -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum); \
	$(MAKE) --no-print-directory generate >/tmp/summit-generate.$$$$.log 2>&1 || { cat /tmp/summit-generate.$$$$.log; exit 1; }; \
	after=$$(find $(GENERATED) -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum); \
	if [ "$$before" != "$$after" ]; then \
	  echo "generated code or migrations were stale; 'make generate' changed:"; git status --short -- $(GENERATED); exit 1; \
	fi; echo "generated code is up to date"

## bench: benchmarks (each prints its ratio against a baseline measured in the same run)
bench: postgres
	SUMMIT_BENCH_ACCOUNTS=$(BENCH_ACCOUNTS) $(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./...
	$(MAKE) --no-print-directory app-bench

## e2e: end-to-end tests of the built binary (also part of `make test`)
e2e: postgres
	$(GO) test -count=1 -run 'TestE2E' ./cmd/summit/

## scale: the multi-node fault test (2 API + 3 worker processes, a SIGKILLed worker, a PostgreSQL
## restart) at the issue's size, SUMMIT_SCALE_ACCOUNTS (default 200000; `make test` uses 3000)
scale: postgres
	SUMMIT_SCALE_ACCOUNTS=$${SUMMIT_SCALE_ACCOUNTS:-200000} $(GO) test -count=1 -v -timeout 3h -run '^TestE2EMultiNodeFaults$$' ./cmd/summit/

## clean-data: delete the embedded database of `make run` (.data/)
clean-data:
	rm -rf .data

# ---- the single-page app (frontend/, docs/app.md) ---------------------------
# go build never needs Node: without frontend/dist/app the binary serves a
# placeholder page. These targets build the app into frontend/dist/app.
APP_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) frontend/index.html frontend/vite.config.ts frontend/tsconfig.json
APP_STAMP := frontend/node_modules/.summit-lock.sha

## app-deps: npm ci, only when package-lock.json changed since the last install
app-deps:
	@command -v npm >/dev/null || { echo "Node.js 20 (npm) is needed to build the app: apt-get install nodejs npm"; exit 1; }
	@want=$$(sha256sum frontend/package-lock.json | cut -d' ' -f1); \
	if [ "$$(cat $(APP_STAMP) 2>/dev/null)" != "$$want" ]; then \
	  echo "npm ci (frontend/package-lock.json changed)"; \
	  (cd frontend && npm ci --no-audit --no-fund --loglevel=error) && echo "$$want" > $(APP_STAMP); \
	fi

## app: build the app into frontend/dist/app (embedded by the next go build)
app: app-deps frontend/dist/app/index.html

frontend/dist/app/index.html: $(APP_SOURCES) frontend/package-lock.json
	cd frontend && npx tsc -b && npx vite build --logLevel warn

## app-test: i18n key check, type check, browser journeys (Playwright on /usr/bin/chromium)
app-test: app
	cd frontend && node --test test/unit/
	$(GO) build -o $(BIN) ./cmd/summit
	cd frontend && SUMMIT_BIN=../$(BIN) npx playwright test

## app-bench: bundle sizes per chunk (gzip) and page timings on 100,000 accounts
app-bench: app
	cd frontend && node scripts/bundle-report.mjs
	$(GO) build -o $(BIN) ./cmd/summit
	cd frontend && SUMMIT_BIN=../$(BIN) SUMMIT_BENCH_ACCOUNTS=$${SUMMIT_BENCH_ACCOUNTS:-100000} npx playwright test --config playwright.bench.config.ts
# ---- end of the app's targets ------------------------------------------------
