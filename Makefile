# The two commands that matter: `make demo` and `make test`. Both install what is missing.
SHELL := /bin/bash
BIN := .venv/bin
DEMO_DATA ?= $(CURDIR)/.demo-data
DEMO_ARGS ?=
BENCH_SIZE ?= small

.PHONY: demo test lint bench screenshots lock clean

demo:
	@scripts/bootstrap.sh demo
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY$$QT_QPA_PLATFORM" ]; then \
		POS_DATA_DIR=$(DEMO_DATA) $(BIN)/pos demo $(DEMO_ARGS); \
	else \
		echo "make demo: no screen here; running the till on a virtual screen (Xvfb)"; \
		POS_DATA_DIR=$(DEMO_DATA) xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/pos demo $(DEMO_ARGS); \
	fi

test:
	@scripts/bootstrap.sh test
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

lint:
	@scripts/bootstrap.sh
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

bench:
	@scripts/bootstrap.sh
	QT_QPA_PLATFORM=offscreen $(BIN)/pos bench --size $(BENCH_SIZE)

screenshots:
	@scripts/bootstrap.sh screenshots
	xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python scripts/screenshots.py docs/screenshots

lock:
	$(BIN)/pip freeze --exclude-editable | sort > requirements.lock.new
	{ head -2 requirements.lock; cat requirements.lock.new; } > requirements.lock.tmp
	mv requirements.lock.tmp requirements.lock && rm requirements.lock.new

clean:
	rm -rf .venv .mypy_cache .ruff_cache .pytest_cache .demo-data
