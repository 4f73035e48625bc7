# Dark: every command a reader or CI needs. `make help` lists them.
# The first use of any target creates .venv from the pinned requirements.txt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The repo's stages, as stages.py (the one place that knows) lists them.
STAGES := $(shell $(PYTHON) stages.py)
# A stage folder, or a reader's own copy of one (any folder that holds dark/).
STAGE ?=
# Options for pytest: make test STAGE=dark-1 ARGS=-v (full tracebacks), ARGS="-k backward".
ARGS ?=
PORT ?= 8000
OUT ?= out/samples
# mutmut's scratch copy of a stage and the suite: `make mutants`.
MUTATION := out/mutation
# The project's own Python files; a reader's copy inside the repo is not the project's.
PROJECT_PY = $$(git ls-files '*.py' | xargs -r ls -d 2>/dev/null)

export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.DEFAULT_GOAL := help
.PHONY: help venv test test-stage test-harness test-docs test-site lint format exercise samples docs serve bench mutants clean

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
	@$(MAKE) --no-print-directory test-harness
	@$(MAKE) --no-print-directory test-docs
	@$(MAKE) --no-print-directory test-site
	@echo "make test: PASSED (lint, $(STAGES), harness, docs, site)"
endif

test-stage: venv
	@test -n "$(STAGE)" || { echo "make test-stage needs STAGE=dark-1 (or a folder holding dark/)"; exit 2; }
	DARK_STAGE="$(STAGE)" $(BIN)/python -m pytest tests/stage $(ARGS)

test-harness: venv ## The harness's own tests: it grades learner copies (tests/learners) right.
	$(BIN)/python -m pytest tests/harness $(ARGS)

test-docs: venv ## Run every code block of the articles, and the benchmark at tiny sizes.
	$(BIN)/python -m pytest tests/docs tests/bench $(ARGS)

test-site: docs ## Build the site and check every page in headless Chromium.
	$(BIN)/python -m pytest tests/site $(ARGS)

lint: venv ## Check the project's own Python files with ruff (not a copy of yours in the repo).
	$(BIN)/ruff check $(PROJECT_PY)
	$(BIN)/ruff format --check $(PROJECT_PY)

format: venv ## Fix the project's own files' style with ruff, as lint checks them.
	$(BIN)/ruff format $(PROJECT_PY)
	$(BIN)/ruff check --fix $(PROJECT_PY)

exercise: venv ## Start your own copy: make exercise STAGE=dark-1 INTO=../my-dark.
	@test -n "$(STAGE)" -a -n "$(INTO)" || { echo "make exercise needs STAGE=dark-1 INTO=../my-dark"; exit 2; }
	@$(BIN)/python exercise.py "$(STAGE)" "$(INTO)"

samples: venv ## Draw a stage's figures: make samples STAGE=dark-1 [OUT=out/samples].
	@test -n "$(STAGE)" || { echo "make samples needs STAGE=dark-1"; exit 2; }
	@# A sample is a script that runs as a program; helpers such as draw.py are imported.
	@for script in $$(grep -l '__name__ == "__main__"' $(STAGE)/samples/*.py); do \
		echo "$$script -> $(OUT)"; \
		PYTHONPATH="$(STAGE)" MPLBACKEND=Agg $(BIN)/python "$$script" "$(OUT)" || exit 1; \
	done

docs: venv ## Build the site strictly into site/.
	$(BIN)/mkdocs build --strict

serve: venv ## Serve the site at http://127.0.0.1:8000 with live reload (PORT=8001 for another).
	@$(BIN)/python -c "import socket; socket.socket().bind(('127.0.0.1', $(PORT)))" 2>/dev/null \
		|| { echo "make serve: port $(PORT) is taken; try make serve PORT=$$(($(PORT) + 1))"; exit 2; }
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

bench: venv ## Time a stage against its peers: make bench STAGE=dark-1 [ARGS=--quick].
	@test -n "$(STAGE)" || { echo "make bench needs STAGE=dark-1"; exit 2; }
	$(BIN)/python -m bench --stage "$(STAGE)" $(ARGS)

mutants: venv ## Mutation-test a stage with mutmut: make mutants STAGE=dark-1 (3-20 min).
	@test -n "$(STAGE)" || { echo "make mutants needs STAGE=dark-1 (or a folder holding dark/)"; exit 2; }
	@# A fresh scratch copy each run, laid out as [tool.mutmut] in pyproject.toml expects.
	rm -rf $(MUTATION) && mkdir -p $(MUTATION)
	cp -R "$(STAGE)" $(MUTATION)/src
	cp -R pyproject.toml stages.py tests $(MUTATION)/
	@# The docs tests' links to docs/ and README.md would dangle there; the stage suite needs none.
	find $(MUTATION)/tests -type l -delete
	cd $(MUTATION) && DARK_STAGE=src $(abspath $(BIN))/mutmut run
	@echo "Mutants that survived (inspect one: cd $(MUTATION) && $(abspath $(BIN))/mutmut show NAME):"
	@cd $(MUTATION) && $(abspath $(BIN))/mutmut results

clean: ## Remove the virtual environment and everything built.
	rm -rf $(VENV) site .cache out .pytest_cache .hypothesis .ruff_cache
