# The two commands (see README): `make run` and `make test`. Each installs what it needs.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

SANDBOX_PORT ?= 8787
APP_PORT ?= 8080

.PHONY: run test tools test-tools lint test-native test-wasm size-budget test-e2e build-release sandbox-release bench sandbox

tools:
	@scripts/ensure-tools.sh build

test-tools:
	@scripts/ensure-tools.sh test

## make run: the sandbox API and the app (trunk serve, proxying /api/v1/domains/ to the sandbox).
## make run UPSTREAM=https://admin.vps.org: the app against that API instead; no sandbox.
run: tools
	@UPSTREAM="$(UPSTREAM)" SANDBOX_PORT=$(SANDBOX_PORT) scripts/run-dev.sh $(APP_PORT)

## make sandbox: the sandbox alone, on its default database file.
sandbox:
	cargo run -p vps-sandbox -- --listen 127.0.0.1:$(SANDBOX_PORT)

## make test: formatting and lints, then every test: native, headless-browser, the size
## budget, end to end (against the sandbox, then behind nginx).
test: test-tools lint test-native test-wasm size-budget test-e2e

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p vps-admin --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy -p vps-admin --target wasm32-unknown-unknown --features split -- -D warnings

test-native:
	cargo test --workspace

test-wasm:
	scripts/test-wasm.sh

## The release build in dist/: split into the first screen and lazy chunks (see the script).
build-release: tools
	node scripts/build-release.mjs

## The ceilings of bench/budget.json: the first screen as a real page load fetches it, and the
## whole app.
size-budget: build-release sandbox-release
	node scripts/check-size-budget.mjs

sandbox-release:
	cargo build --release -p vps-sandbox

test-e2e: build-release sandbox-release
	cd end2end && npx playwright test

## make bench: size, speed and load figures (see bench/README.md).
bench: build-release sandbox-release
	node bench/run.mjs
