# Hearth: `make run` starts an instance on http://localhost:3000, `make test` runs every test.
# Everything the build and tests need is installed here; a fresh machine needs only Node and npm.

BUN := node_modules/.bin/bun
STAMP := node_modules/.hearth-installed
TEST_FLAGS ?=

.PHONY: install build run test bench typecheck clean

install: $(STAMP)

$(STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $(STAMP)

dist/hearth: $(STAMP) $(shell find src migrations -type f 2>/dev/null)
	$(BUN) build --compile --minify --sourcemap=none --target=bun-linux-x64 src/main.ts --outfile dist/hearth

build: dist/hearth

run: build
	PROTOCOL=$${PROTOCOL:-http} DATA_DIR=$${DATA_DIR:-./data} ./dist/hearth serve

test: $(STAMP)
	$(BUN) test $(TEST_FLAGS)

bench: $(STAMP)
	$(BUN) scripts/bench/run.ts

typecheck: $(STAMP)
	node_modules/.bin/tsc -p tsconfig.json

clean:
	rm -rf dist node_modules/.hearth-installed
