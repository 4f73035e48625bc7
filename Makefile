# Dark: every command a reader or CI needs. `make help` lists them.
# The first use of any target creates .venv from the pinned requirements.txt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAGES := $(sort $(wildcard dark-*))
# A stage folder, or a reader's own copy of one (any folder that holds dark/).
STAGE ?=
OUT ?= out/samples

export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.DEFAULT_GOAL := help
.PHONY: help venv test test-stage test-docs test-site lint format samples docs serve bench clean

help: ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed ## Create .venv from requirements.txt (done for you by every target).

test: venv ## Test STAGE=dark-1 (or your own copy); with no STAGE, test everything.
ifdef STAGE
	@$(MAKE) --no-print-directory test-stage
else
	@$(MAKE) --no-print-directory lint
	@for stage in $(STAGES); do $(MAKE) --no-print-directory test-stage STAGE=$$stage || exit 1; done
	@$(MAKE) --no-print-directory test-docs
	@$(MAKE) --no-print-directory test-site
endif

test-stage: venv
	@test -n "$(STAGE)" || { echo "make test-stage needs STAGE=dark-1 (or a folder holding dark/)"; exit 2; }
	DARK_STAGE="$(STAGE)" $(BIN)/python -m pytest tests/stage

test-docs: venv ## Run every code block of the articles, and the benchmark at tiny sizes.
	$(BIN)/python -m pytest tests/docs tests/bench

test-site: docs ## Build the site and check every page in headless Chromium.
	$(BIN)/python -m pytest tests/site

lint: venv ## Check style with ruff.
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv ## Fix style with ruff.
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

samples: venv ## Draw a stage's figures: make samples STAGE=dark-1 [OUT=out/samples].
	@test -n "$(STAGE)" || { echo "make samples needs STAGE=dark-1"; exit 2; }
	PYTHONPATH="$(STAGE)" $(BIN)/python $(STAGE)/samples/derivation.py "$(OUT)"
	PYTHONPATH="$(STAGE)" $(BIN)/python $(STAGE)/samples/optimisation.py "$(OUT)"

docs: venv ## Build the site strictly into site/.
	$(BIN)/mkdocs build --strict

serve: venv ## Serve the site at http://127.0.0.1:8000 with live reload.
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

bench: venv ## Compare a stage with micrograd and PyTorch: make bench STAGE=dark-1.
	$(BIN)/python -m bench --stage "$(or $(STAGE),dark-1)"

clean: ## Remove the virtual environment and everything built.
	rm -rf $(VENV) site .cache out .pytest_cache .hypothesis .ruff_cache
