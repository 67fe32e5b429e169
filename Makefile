# Wegwijs. `make run` starts everything; `make test` checks everything. `make help` lists the rest.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV     := .venv
BIN      := $(VENV)/bin
PY       := $(BIN)/python
RASA     := $(BIN)/rasa
PIP_VERSION := 24.2
# Python from .python-version (pyenv), else whatever python3.10 is on the PATH.
BASE_PYTHON ?= $(shell pyenv which python 2>/dev/null || command -v python3.10)

# Every rasa command uses these data paths. Held-out test sets live in tests/nlu (never trained on).
NLU_DATA    := nlu
CORE_DATA   := stories
RASA_DATA   := $(NLU_DATA) $(CORE_DATA)
TEST_STORIES := tests/stories
# The model is named after its inputs, so training happens only when data or config changed.
# The model's inputs: configuration, training data, the other languages' samples and the code
# that trains (the NLU components in config.yml and the text handling they use).
MODEL_INPUTS = config.yml domain.yml $$(find $(NLU_DATA) $(CORE_DATA) -name "*.yml" | sort) \
  bot/i18n/langid/*.txt bot/rasa_ext/intent_classifier.py bot/rasa_ext/terms.py \
  bot/rasa_ext/language_detector.py bot/rasa_ext/personal_data.py bot/rasa_ext/link_code.py \
  bot/rasa_ext/detectors.py bot/i18n/detect.py bot/i18n/words.py \
  bot/i18n/language_model.py bot/i18n/terms.py bot/i18n/clauses.py
MODEL_HASH := $(shell cat $(MODEL_INPUTS) 2>/dev/null | sha256sum | cut -c1-12)
MODEL      := models/wegwijs-$(MODEL_HASH).tar.gz

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export PYTHONDONTWRITEBYTECODE := 1
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: help run run-scaled test setup install env catalogs model db lint validate unit stories browser nginx e2e evaluate converse bench chat lock clean

help: ## show this list
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

run: setup db ## set everything up and start the whole assistant (Ctrl-C stops it)
	MODEL_PATH=$${MODEL_PATH:-$(MODEL)} $(PY) -m bot.supervisor Procfile --once ready

run-scaled: setup nginx ## two Rasa and two action servers behind nginx, PostgreSQL and Redis (docs/deploy.md)
	MODEL_PATH=$${MODEL_PATH:-$(MODEL)} $(PY) -m bot.scaled

test: setup lint validate unit stories e2e ## set up, then run every check and test (what CI runs)

setup: install env catalogs model ## virtualenv, dependencies, .env, catalogs and model

install: $(VENV)/.installed ## create .venv (Python from .python-version) and install pinned dependencies

$(VENV)/.installed: constraints.txt requirements.in requirements-dev.in pyproject.toml
	@test -x "$(PY)" || { test -n "$(BASE_PYTHON)" || { echo "Python 3.10 not found: install it (pyenv install 3.10)"; exit 1; }; $(BASE_PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet pip==$(PIP_VERSION)
	$(PY) -m pip install --quiet -r requirements.in -r requirements-dev.in -c constraints.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

env: install ## create .env with fresh secrets, or add variables new in .env.example
	@$(PY) -m bot env init

catalogs: install ## update every catalog from the English source and compile them
	$(PY) -m bot catalogs
	$(BIN)/pybabel update -i locales/messages.pot -d locales -D messages --no-fuzzy-matching --ignore-obsolete -w 100
	$(BIN)/pybabel compile -d locales -D messages
	$(BIN)/pybabel compile -d locales -D unsupported
	$(BIN)/pybabel update -i locales/console.pot -d locales -D console --no-fuzzy-matching --ignore-obsolete -w 100
	$(BIN)/pybabel compile -d locales -D console

model: $(MODEL) ## train the model, only when training data or config changed

$(MODEL): $(VENV)/.installed
	@mkdir -p models
	$(RASA) train --config config.yml --domain domain.yml --data $(RASA_DATA) --out models --fixed-model-name wegwijs-$(MODEL_HASH)

db: install env ## migrate the databases, load the demo cases and make a link code
	$(PY) -m bot db migrate
	$(PY) -m bot demo load
	@mkdir -p var
	@$(PY) -m bot cases link-code DEMO-0007 | tail -n 1 > var/demo-link-code.txt
	@echo "Demo link code for DEMO-0007 (Samuel Okafor): $$(cat var/demo-link-code.txt)"

lint: install ## ruff (lint + format), mypy, and models == migrations (alembic check)
	$(BIN)/ruff check bot actions tests
	$(BIN)/ruff format --check bot actions tests
	$(BIN)/mypy
	$(PY) -m bot db check

validate: install ## rasa data validate, failing on any warning
	$(RASA) data validate --domain domain.yml --data $(RASA_DATA) --config config.yml --fail-on-warnings

unit: setup ## unit and action tests (no servers)
	$(BIN)/pytest -q -m "not e2e" tests

stories: setup ## test stories with the real model, failing on any prediction error
	$(RASA) test core --model $(MODEL) --stories $(TEST_STORIES) --fail-on-prediction-errors --out var/results/stories

browser: ## Debian's chromium and Noto fonts (Arabic, Ethiopic) for the widget's browser tests (installs them when missing; needs root)
	@{ command -v chromium >/dev/null 2>&1 && dpkg -s fonts-noto-core >/dev/null 2>&1; } || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core; } \
	  || echo "Chromium could not be installed (apt-get install chromium fonts-noto-core, as root); the widget tests will fail."

nginx: ## Debian's nginx, the load balancer of `make run-scaled` and the multi-server e2e tests (installs it when missing; needs root)
	@command -v nginx >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light; } \
	  || echo "nginx could not be installed (apt-get install nginx-light, as root); run-scaled and its e2e tests will fail."

e2e: setup browser nginx ## end-to-end tests: real Rasa and action servers on free ports, temporary databases
	MODEL_PATH=$(MODEL) $(BIN)/pytest -q -m e2e tests

evaluate: setup ## intent accuracy and macro-F1 per language on the held-out sets
	MODEL_PATH=$(MODEL) $(PY) -m tests.nlu.evaluate

converse: setup ## replay the conversation sets (dev and fresh) and score every turn per language and kind
	MODEL_PATH=$(MODEL) $(PY) -m tests.conversations.runner dev fresh

chat: ## talk to the running assistant in this terminal
	$(PY) -m bot chat

lock: ## re-resolve dependencies and rewrite constraints.txt
	$(PY) -m pip install -r requirements.in -r requirements-dev.in
	{ echo "# Exact versions of every package (direct and transitive), from 'make lock'."; $(PY) -m pip freeze --exclude-editable | grep -v '^-e\|^wegwijs'; } > constraints.txt

clean: ## remove the virtualenv, models, compiled catalogs and local data
	rm -rf $(VENV) models var locales/*/LC_MESSAGES/*.mo .mypy_cache .ruff_cache .pytest_cache

bench: setup nginx ## latency, throughput, session length and cost; the console with 20,000 conversations; the scaled set-up through nginx (var/results/)
	MODEL_PATH=$(MODEL) $(PY) -m tests.bench.run
	$(PY) -m tests.bench.console
	MODEL_PATH=$(MODEL) $(PY) -m tests.bench.scaled
