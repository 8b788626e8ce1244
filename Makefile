# The front door of the RIC assistant. `make run` and `make test` are all a newcomer needs.
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONPATH := $(CURDIR)

.PHONY: install system-deps run test lint format train migrate seed extract update compile browser-deps pytest nlu-report nlu-compare clean

install:
	@scripts/bootstrap.sh $(VENV)

system-deps:
	@scripts/system-deps.sh

run: install system-deps
	@echo "make run: development mode (RIC_DEVELOPMENT=true; set RIC_DEVELOPMENT=false to try production mode)"
	@RIC_DEVELOPMENT=$${RIC_DEVELOPMENT:-true} $(BIN)/ric run

test: install lint train browser-deps pytest

lint: install
	@$(BIN)/ruff check ric bot tests
	@$(BIN)/ruff format --check ric bot tests

format: install
	@$(BIN)/ruff format ric bot tests
	@$(BIN)/ruff check --fix ric bot tests

train: install
	@$(BIN)/ric train

migrate: install
	@$(BIN)/ric db upgrade

seed: install
	@$(BIN)/ric seed

browser-deps:
	@scripts/browser-deps.sh

pytest: install train
	@$(BIN)/pytest -q

# Translations (Babel): extract the template, update the catalogs, compile them.
extract: install
	@$(BIN)/pybabel extract -F babel.cfg -o locales/messages.pot --no-location --sort-output --omit-header --no-wrap ric bot

update: extract
	@$(BIN)/pybabel update -i locales/messages.pot -d locales --ignore-obsolete --no-wrap

compile: install
	@$(BIN)/pybabel compile -d locales --statistics

# The held-out figures per language, end to end through the trained agent (a few minutes).
nlu-report: install train
	@RIC_NLU_REPORT=1 $(BIN)/pytest -q -s -p no:cacheprovider tests/conversations/test_heldout_figures.py

# The same on the tuning set (tests/data/tuning/), with every miss printed.
nlu-tuning: install train
	@RIC_NLU_SET=tuning RIC_NLU_REPORT=1 $(BIN)/pytest -q -s -p no:cacheprovider tests/conversations/test_heldout_figures.py

# The NLU pipeline comparison behind config.yml; rewrites docs/nlu.md (about an hour).
nlu-compare: install
	@$(PY) scripts/nlu_compare.py

clean:
	rm -rf var results .pytest_cache
