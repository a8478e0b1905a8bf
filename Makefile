# The commands worth remembering. `make test` is the one CI runs.
.DEFAULT_GOAL := help
SHELL := /bin/bash

GO ?= go

.PHONY: help
help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-11s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: test
test: ## install missing tools, then generate check, gofmt, vet, lint, go test -race (scripts/test.sh)
	scripts/test.sh

.PHONY: lint
lint: ## golangci-lint, at the version scripts/test.sh pins
	scripts/test.sh lint

.PHONY: generate
generate: ## regenerate the GraphQL layer and the gazetteer data (go generate ./...)
	$(GO) generate ./...

.PHONY: run
run: ## serve the API and playground on localhost:8080 with the embedded store
	$(GO) run ./cmd/tradegraph serve

.PHONY: build
build: ## build the tradegraph binary into ./bin
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/tradegraph ./cmd/tradegraph

.PHONY: bench
bench: ## run the benchmarks (no tests)
	$(GO) test -run='^$$' -bench=. -benchmem ./...

.PHONY: playground
playground: ## refresh the vendored GraphiQL files from npm (needs npm)
	scripts/update-playground.sh
