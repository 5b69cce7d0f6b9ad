# Outbreak: `make run` starts the command centre on the demo, `make test` runs every test.
# Both install the Debian packages that are missing first (scripts/install-deps.sh).

BUILD ?= build
DB ?= outbreak.db
JOBS ?= $(shell nproc)

.PHONY: all deps configure build run test sanitize fuzz bench format clean

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

LISTEN ?= 127.0.0.1:8080

run: build
	./$(BUILD)/src/cli/outbreak --db $(DB) serve --demo --listen $(LISTEN)

test: build
	@bash scripts/run-tests.sh $(BUILD)

# The domain unit tests under AddressSanitizer and UndefinedBehaviorSanitizer, then every fuzz
# target for FUZZ_SECONDS each from its corpus (scripts/sanitize.sh; build folder build-san).
FUZZ_SECONDS ?= 10

sanitize: deps
	@bash scripts/sanitize.sh unit

fuzz: deps
	@FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/sanitize.sh fuzz

bench: build
	@BUILD_DIR=$(abspath $(BUILD)) bash bench/run.sh

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD)
