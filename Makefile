# Waymark: make run · make test · make bench
# Installs the system packages it needs (ncursesw, SQLite headers, tmux) when they are missing.

SHELL := /bin/bash
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
CONFIG ?= release
BIN := .build/$(CONFIG)/waymark
APT_PACKAGES := libncursesw5-dev libsqlite3-dev tmux wrk sqlite3 time
# Testing is enabled in the release build too, so that one build serves the binary and the unit tests.
SWIFTFLAGS := -Xswiftc -enable-testing
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build deps venv unit e2e bench clean fuzz soak

run: deps build
	$(BIN) $(ARGS)

build:
	$(SWIFT) build -c $(CONFIG) $(SWIFTFLAGS)

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# The official validators (python-jsonschema, frictionless) and schemathesis, in a virtual
# environment under .build/ so that nothing is installed system-wide.
VENV := .build/venv
PY_TOOLS := 'jsonschema[format]' frictionless schemathesis
venv: $(VENV)/.installed
$(VENV)/.installed:
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check $(PY_TOOLS)
	touch $@

# One release build (binary and tests together) serves the unit tests, the end-to-end tests and the benchmarks.
test: deps venv
	$(SWIFT) build -c $(CONFIG) $(SWIFTFLAGS) --build-tests
	@set -o pipefail; mkdir -p .build/test-logs; \
	$(SWIFT) test -c $(CONFIG) $(SWIFTFLAGS) --skip-build --disable-swift-testing 2>&1 | tee .build/test-logs/unit.log; unit=$$?; \
	WAYMARK_BIN=$(BIN) bash e2e/run.sh 2>&1 | tee .build/test-logs/e2e.log; e2e=$$?; \
	bash Tests/Fuzz/run.sh $(FUZZ_TEST_SECONDS) 2>&1 | tee .build/test-logs/fuzz.log; fuzz=$$?; \
	bash e2e/summary.sh .build/test-logs/unit.log .build/test-logs/e2e.log; \
	[ $$unit -eq 0 ] && [ $$e2e -eq 0 ] && [ $$fuzz -eq 0 ]

unit: deps
	$(SWIFT) test --disable-swift-testing

e2e: deps build
	WAYMARK_BIN=$(BIN) bash e2e/run.sh

# libFuzzer targets (Tests/Fuzz), built in .build-fuzz; make test runs each for FUZZ_TEST_SECONDS.
FUZZ_SECONDS ?= 300
FUZZ_TEST_SECONDS ?= 20
fuzz: deps
	bash Tests/Fuzz/run.sh $(FUZZ_SECONDS)

# 20,000 random keys with resizes in tmux; make test runs 2,000 of them in e2e.
SOAK_KEYS ?= 20000
soak: deps build
	WAYMARK_BIN=$(BIN) bash e2e/soak.sh $(SOAK_KEYS)

bench: deps build
	$(BIN) bench

clean:
	rm -rf .build
