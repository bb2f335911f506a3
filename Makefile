# Hearth: `make run` starts an instance on http://localhost:3000, `make test` runs every test.
# Everything the build and tests need is installed here; a fresh machine needs only Node and npm.

BUN := node_modules/.bin/bun
STAMP := node_modules/.hearth-installed
TEST_FLAGS ?=
# libvips ships as a separate .so next to sharp's addon; the binary embeds it as an extra
# entrypoint and src/media/sharp.ts unpacks and dlopens it before requiring sharp.
LIBVIPS = $(wildcard node_modules/@img/sharp-libvips-linux-x64/lib/libvips-cpp.so.*)
SOURCES := $(shell find src migrations web -type f -not -path '*/node_modules/*' 2>/dev/null)

.PHONY: install build run test bench typecheck check format clean web chromium

install: $(STAMP)

# `npm ci` when package.json or package-lock.json changed since the last install, unless an
# `npm install` already brought node_modules in line (npm writes its hidden lockfile last).
$(STAMP): package.json package-lock.json
	@if [ node_modules/.package-lock.json -nt package-lock.json ] && [ node_modules/.package-lock.json -nt package.json ]; then \
	  echo "node_modules is up to date"; \
	else \
	  npm ci --no-audit --no-fund; \
	fi
	@touch $(STAMP)

dist/hearth: $(STAMP) $(SOURCES)
	@mkdir -p dist/.partial
	@test -n "$(LIBVIPS)" || { echo "libvips for linux-x64 not found under node_modules/@img (run make install)"; exit 1; }
	$(BUN) build --compile --minify --sourcemap=none --target=bun-linux-x64 src/main.ts $(LIBVIPS) --outfile dist/.partial/hearth
	@mv dist/.partial/hearth dist/hearth

build: web dist/hearth

# The web client: vite builds web/ to web/dist and lists its files in src/web-client/assets.gen.ts,
# which the server imports so `bun build --compile` embeds them.
WEB_SOURCES := $(shell find web -type f -not -path 'web/dist/*' 2>/dev/null)
web: web/dist/index.html
web/dist/index.html: $(STAMP) $(WEB_SOURCES)
	node_modules/.bin/vite build --config web/vite.config.ts --logLevel warn
dist/hearth: web/dist/index.html

# The browser tests drive Debian's Chromium (never a downloaded browser); a clean machine gets it here.
chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# Local use: plain http on localhost:3000, data in ./data (override any of these from the env).
run: build
	PROTOCOL=$${PROTOCOL:-http} DATA_DIR=$${DATA_DIR:-./data} PORT=$${PORT:-3000} LOCAL_DOMAIN=$${LOCAL_DOMAIN:-localhost:$${PORT:-3000}} exec ./dist/hearth serve

test: $(STAMP) web chromium check
	$(BUN) test $(TEST_FLAGS)

# The structure rules (SQL only in src/db/, imports point down, /api/v2 routes under src/api/v2/)
# and the formatter's verdict; `make format` rewrites files the formatter would change.
FORMATTED := src tests scripts/bench $(wildcard scripts/*.ts) web/src web/vite.config.ts
check: $(STAMP)
	node_modules/.bin/tsc -p tsconfig.json --noEmit
	$(BUN) scripts/check-structure.ts
	node_modules/.bin/biome format --config-path=scripts/format $(FORMATTED)

format: $(STAMP)
	node_modules/.bin/biome format --config-path=scripts/format --write $(FORMATTED)

bench: $(STAMP)
	$(BUN) scripts/bench/run.ts

typecheck: $(STAMP)
	node_modules/.bin/tsc -p tsconfig.json --noEmit

clean:
	rm -rf dist .bench $(STAMP)
