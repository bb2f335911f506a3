# Hearth: `make run` starts an instance on http://localhost:3000, `make test` runs every test.
# Everything the build and tests need is installed here; a fresh machine needs only Node and npm.

BUN := node_modules/.bin/bun
STAMP := node_modules/.hearth-installed
TEST_FLAGS ?=
SOURCES := $(shell find src migrations web -type f -not -path '*/node_modules/*' 2>/dev/null)

.PHONY: install build run test bench typecheck check format clean web chromium qemu proxies

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

# Binaries: dist/hearth-linux-x64 and dist/hearth-linux-arm64 (64-bit Raspberry Pi OS), each with the
# web client, migrations, sharp's addon and libvips (an extra entrypoint that src/media/sharp.ts unpacks
# and dlopens) and the static ffmpeg of @ffmpeg-installer/linux-<arch> (unpacked by src/media/ffmpeg.ts);
# dist/hearth is a hard link to the one for this machine. See scripts/build.ts.
# The other machine's Bun runtime (@oven/bun-linux-*), sharp and ffmpeg packages come from the npm registry,
# installed for that platform into a staging folder outside the tree, named by the locked versions.
HOST_ARCH := $(patsubst x86_64,x64,$(patsubst aarch64,arm64,$(shell uname -m)))
locked = $(shell node -p "require('./package-lock.json').packages['node_modules/$(1)'].version" 2>/dev/null)
BUN_VERSION := $(call locked,bun)
SHARP_VERSION := $(call locked,sharp)
BUILD_CACHE ?= $(HOME)/.cache/hearth-build
ffmpeg_pkg = @ffmpeg-installer/linux-$(1)
# Its per-platform optional dependencies pin exactly the linux-x64/linux-arm64 versions package-lock.json
# has (scripts/build.ts checks); npm refuses a platform package named directly for another CPU.
FFMPEG_INSTALLER := 1.1.0
stage = $(BUILD_CACHE)/linux-$(1)-bun$(BUN_VERSION)-sharp$(SHARP_VERSION)-ffmpeg$(call locked,$(call ffmpeg_pkg,$(1)))
# For this machine: ./node_modules (no argument); for the other one: its staging folder, made first.
modules = $(if $(filter $(1),$(HOST_ARCH)),,$(call stage,$(1))/node_modules)
staged = $(if $(filter $(1),$(HOST_ARCH)),,$(call stage,$(1))/.ready)
BINARY_DEPS = $(STAMP) $(SOURCES) web/dist/index.html scripts/build.ts scripts/bytecode-order.txt

dist/hearth-linux-x64: $(BINARY_DEPS) $(call staged,x64)
	$(BUN) scripts/build.ts linux-x64 $@ $(call modules,x64)
dist/hearth-linux-arm64: $(BINARY_DEPS) $(call staged,arm64)
	$(BUN) scripts/build.ts linux-arm64 $@ $(call modules,arm64)
dist/hearth: dist/hearth-linux-$(HOST_ARCH)
	ln -f $< $@

# `npm install --os --cpu` picks sharp's and bun's packages for that platform (scripts skipped: nothing
# runs at install); a private temp folder renamed into place, so parallel builds never see half of one.
$(BUILD_CACHE)/%/.ready:
	@set -e; tmp="$(@D).tmp.$$$$"; rm -rf "$$tmp"; mkdir -p "$$tmp"; \
	ffmpeg="@ffmpeg-installer/ffmpeg@$(FFMPEG_INSTALLER)"; \
	echo "npm install sharp@$(SHARP_VERSION) bun@$(BUN_VERSION) $$ffmpeg for linux-$(word 2,$(subst -, ,$*)) into $(@D)"; \
	npm install --os=linux --cpu=$(word 2,$(subst -, ,$*)) --libc=glibc --ignore-scripts --no-save --no-package-lock \
	  --no-audit --no-fund --loglevel=error --prefix "$$tmp" sharp@$(SHARP_VERSION) bun@$(BUN_VERSION) "$$ffmpeg"; \
	touch "$$tmp/.ready"; mv -T "$$tmp" "$(@D)" 2>/dev/null || rm -rf "$$tmp"

build: web dist/hearth-linux-x64 dist/hearth-linux-arm64 dist/hearth

# The web client: vite builds web/ to web/dist and lists its files in src/web-client/assets.gen.ts,
# which the server imports so `bun build --compile` embeds them.
WEB_SOURCES := $(shell find web -type f -not -path 'web/dist/*' 2>/dev/null)
web: web/dist/index.html
web/dist/index.html: $(STAMP) $(WEB_SOURCES)
	node_modules/.bin/vite build --config web/vite.config.ts --logLevel warn

# The browser tests drive Debian's Chromium (never a downloaded browser); a clean machine gets it here.
chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The arm64 binary's test runs it under qemu-user with Debian's arm64 C/C++ runtime (as on Raspberry Pi OS).
QEMU_PACKAGES := qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross libgcc-s1-arm64-cross
qemu:
	@test -x /usr/bin/qemu-aarch64-static && test -e /usr/aarch64-linux-gnu/lib/libstdc++.so.6 && test -e /usr/aarch64-linux-gnu/lib/libgcc_s.so.1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(QEMU_PACKAGES); }

# docs/Caddyfile and docs/nginx.conf are checked by Debian's own caddy and nginx (tests/docs): their packages are
# downloaded through apt and unpacked into the build cache, never installed or started.
PROXY_TOOLS := $(BUILD_CACHE)/proxy-tools
proxies:
	@test -x $(PROXY_TOOLS)/usr/bin/caddy && test -x $(PROXY_TOOLS)/usr/sbin/nginx || { set -e; tmp=$$(mktemp -d); cd $$tmp; \
	  apt-get download -qq caddy nginx nginx-common 2>/dev/null || { apt-get update -qq && apt-get download -qq caddy nginx nginx-common; }; \
	  mkdir -p $(PROXY_TOOLS); for f in *.deb; do dpkg -x $$f $(PROXY_TOOLS); done; cd /; rm -rf $$tmp; }

# Local use: plain http on localhost:3000, data in ./data (override any of these from the env).
run: build
	PROTOCOL=$${PROTOCOL:-http} DATA_DIR=$${DATA_DIR:-./data} PORT=$${PORT:-3000} LOCAL_DOMAIN=$${LOCAL_DOMAIN:-localhost:$${PORT:-3000}} exec ./dist/hearth serve

# The binaries are built before the tests run (the binary tests only find them up to date).
test: $(STAMP) web chromium qemu proxies check build
	$(BUN) test $(TEST_FLAGS)

# Type-checks the server and the web client (each with its own tsconfig), the structure rules (SQL only in src/db/, imports point down, /api/v2 routes under src/api/v2/)
# and the formatter's verdict; `make format` rewrites files the formatter would change.
FORMATTED := src tests scripts/bench $(wildcard scripts/*.ts) web/src web/vite.config.ts
check: $(STAMP)
	node_modules/.bin/tsc -p tsconfig.json --noEmit
	node_modules/.bin/tsc -p web/tsconfig.json --noEmit
	$(BUN) scripts/check-structure.ts
	node_modules/.bin/biome format --config-path=scripts/format $(FORMATTED)

format: $(STAMP)
	node_modules/.bin/biome format --config-path=scripts/format --write $(FORMATTED)

bench: $(STAMP)
	$(BUN) scripts/bench/run.ts

typecheck: $(STAMP)
	node_modules/.bin/tsc -p tsconfig.json --noEmit
	node_modules/.bin/tsc -p web/tsconfig.json --noEmit
	node_modules/.bin/tsc -p web/tsconfig.json --noEmit

clean:
	rm -rf dist .bench $(STAMP)
