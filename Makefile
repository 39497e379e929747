# НОК-монитор. Two commands on a fresh machine with Python 3.11: `make run`, `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
GEO ?= ../shared/geo/krasnodar-municipalities.geojson
BOUNDARIES := $(if $(wildcard $(GEO)),--boundaries $(GEO),)

.PHONY: run test seed serve clean

run: $(VENV)/.runtime seed serve

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

seed: $(VENV)/.runtime
	$(BIN)/python -m data_access seed-demo --if-empty $(BOUNDARIES)

serve: $(VENV)/.runtime
	$(BIN)/python app.py

test: $(VENV)/.dev
	NOK_GEO_DIR=$(dir $(GEO)) $(BIN)/python -m pytest

clean:
	rm -rf $(VENV) instance
