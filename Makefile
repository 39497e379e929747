# НОК-монитор. Two commands on a fresh machine with Python 3.11: `make run`, `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Boundaries: the simplified ones shipped in data_access/reference/geo/ unless a file is named
# here (GEO_23=…, GEO_26=…, GEO_RU=…, or GEO_DIR=папка with the three files of ../shared/geo).
GEO_DIR ?=
GEO_23 ?= $(if $(GEO_DIR),$(GEO_DIR)/krasnodar-municipalities.geojson)
GEO_26 ?= $(if $(GEO_DIR),$(GEO_DIR)/stavropol-municipalities.geojson)
GEO_RU ?= $(if $(GEO_DIR),$(GEO_DIR)/russia-subjects.geojson)
BOUNDARIES := $(foreach code,23 26,$(if $(GEO_$(code)),--boundaries $(code)=$(GEO_$(code)))) \
	$(if $(GEO_RU),--subject-boundaries $(GEO_RU))
# The raw files, for the tests of the real files and for rebuilding the shipped ones.
RAW_GEO_DIR ?= $(or $(GEO_DIR),../shared/geo)

.PHONY: run test seed serve admin boundaries clean

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

# Rebuild the shipped boundaries from the raw files (after a new release of them).
boundaries: $(VENV)/.runtime
	$(BIN)/python -m data_access build-boundaries $(RAW_GEO_DIR)

# The demo opens without a login (reading only; imports need one: `make admin`).
# Production: login required (NOK_PUBLIC_READ unset), see README «Доступ».
serve: $(VENV)/.runtime
	NOK_PUBLIC_READ=$${NOK_PUBLIC_READ:-1} $(BIN)/python app.py

# An administrator for the imports: asks for the password twice (LOGIN=… to name it).
admin: $(VENV)/.runtime
	$(BIN)/python -m data_access create-user $(or $(LOGIN),admin) --role admin

test: $(VENV)/.dev
	NOK_GEO_DIR=$(RAW_GEO_DIR) $(BIN)/python -m pytest

clean:
	rm -rf $(VENV) instance
