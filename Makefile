# НОК-монитор. Two commands on a fresh machine with Python 3.11: `make run`, `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Boundary files of the two demo regions, loaded when present (never part of the repository).
GEO_DIR ?= ../shared/geo
GEO_23 ?= $(GEO_DIR)/krasnodar-municipalities.geojson
GEO_26 ?= $(GEO_DIR)/stavropol-municipalities.geojson
BOUNDARIES := $(foreach code,23 26,$(if $(wildcard $(GEO_$(code))),--boundaries $(code)=$(GEO_$(code))))
# Subjects of Russia (Natural Earth) for the federal overview «Россия».
GEO_RU ?= $(GEO_DIR)/russia-subjects.geojson

.PHONY: run test seed serve admin clean

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
	$(if $(wildcard $(GEO_RU)),$(BIN)/python -m data_access load-subject-boundaries --if-missing $(GEO_RU))

# The demo opens without a login (reading only; imports need one: `make admin`).
# Production: login required (NOK_PUBLIC_READ unset), see README «Доступ».
serve: $(VENV)/.runtime
	NOK_PUBLIC_READ=$${NOK_PUBLIC_READ:-1} $(BIN)/python app.py

# An administrator for the imports: asks for the password twice (LOGIN=… to name it).
admin: $(VENV)/.runtime
	$(BIN)/python -m data_access create-user $(or $(LOGIN),admin) --role admin

test: $(VENV)/.dev
	NOK_GEO_DIR=$(GEO_DIR) $(BIN)/python -m pytest

clean:
	rm -rf $(VENV) instance
