# Summit's interface: `make run` starts the product, `make test` proves it.
SHELL := /bin/bash
GO ?= go
BIN := bin/summit
# Accounts in the demo data set seeded on the first `make run`.
DEMO_ACCOUNTS ?= 3000
# How long `make test` fuzzes the GraphQL HTTP handler (FuzzGraphQLHTTP).
FUZZTIME ?= 25s
# Generated files; `make test` fails when `make generate` would change them.
GENERATED := ent graph ent/migrate/migrations

.PHONY: run build test vet lint generate generate-code check-generated bench e2e postgres clean-data

## run: install what is missing, build, start the embedded database, migrate, seed demo data (first start only), serve
run: postgres build
	@SUMMIT_DEMO_ACCOUNTS=$${SUMMIT_DEMO_ACCOUNTS:-$(DEMO_ACCOUNTS)} exec ./$(BIN) serve

build:
	$(GO) build -o $(BIN) ./cmd/summit

## postgres: make sure PostgreSQL server binaries are installed (apt-get when root)
postgres:
	@bash deploy/ensure-postgres.sh

## test: vet, generation drift check, every test, then FUZZTIME of fuzzing the GraphQL endpoint
## (its seed corpus, the audit's inputs, also runs as a normal test)
test: postgres vet check-generated
	$(GO) test -count=1 -timeout 20m ./...
	$(GO) test -count=1 -run '^$$' -fuzz '^FuzzGraphQLHTTP$$' -fuzztime $(FUZZTIME) -parallel 1 ./graph

vet:
	$(GO) vet ./...

## lint: formatting and vet
lint: vet
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

## generate: entc, then gqlgen, then a migration for any schema change
generate: postgres generate-code
	$(GO) run ./cmd/summit generate-migration auto

## generate-code: entc then gqlgen, without a migration (while iterating on a schema)
generate-code:
	cd ent && $(GO) run -mod=mod entc.go
	cd graph && $(GO) tool gqlgen generate --config gqlgen.yml

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
	$(GO) test -run '^$$' -bench . -benchmem -timeout 30m ./...

## e2e: end-to-end tests of the built binary (also part of `make test`)
e2e: postgres
	$(GO) test -count=1 -run 'TestE2E' ./cmd/summit/

## clean-data: delete the embedded database of `make run` (.data/)
clean-data:
	rm -rf .data
