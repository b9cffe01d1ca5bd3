# RiskGrade: the two set-up commands are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
SWIFT ?= swift
# OpenBLAS's AVX2 kernels: the same kernels everywhere, so figures and results stay comparable (PLATFORM notes).
export OPENBLAS_CORETYPE ?= Haswell
DEMO_DIR ?= out/demo
DEMO_ENTERPRISES ?= 50000
DEMO_QUARTERS ?= 8
# The last of the demo's quarters (2025Q1 onwards): held out of training, for the out-of-time validation.
DEMO_TEST_QUARTER ?= 2026Q4
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RISKGRADE = .build/release/riskgrade
RISKSCORE = .build/release/riskscore

.PHONY: all deps build test demo lint format bench clean

all: build

# Installs OpenBLAS and LAPACKE from Debian's packages when their headers are missing.
deps:
	@if [ ! -e /usr/include/lapacke.h ] || ! pkg-config --exists openblas 2>/dev/null; then \
	  echo "installing libopenblas-dev liblapacke-dev (apt-get)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libopenblas-dev liblapacke-dev pkg-config >/dev/null; \
	fi

build: deps
	$(SWIFT) build -c release

test: deps lint
	$(SWIFT) test

demo: build
	@rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	$(RISKGRADE) synth --enterprises $(DEMO_ENTERPRISES) --quarters $(DEMO_QUARTERS) --seed 42 --out $(DEMO_DIR)/panel
	$(RISKGRADE) features --config experiments/general.yaml --panel $(DEMO_DIR)/panel --out $(DEMO_DIR)/table.csv
	$(RISKGRADE) train --config experiments/general.yaml --data $(DEMO_DIR)/table.csv --out $(DEMO_DIR)/gbdt --early-stopping 30 \
	    --test-quarter $(DEMO_TEST_QUARTER)
	$(RISKGRADE) validate $(DEMO_DIR)/gbdt --data $(DEMO_DIR)/table.csv --out $(DEMO_DIR)/validation
	$(RISKGRADE) models add $(DEMO_DIR)/gbdt/model.json --registry $(DEMO_DIR)/models
	$(RISKGRADE) models promote $(DEMO_DIR)/gbdt/model.json champion --registry $(DEMO_DIR)/models
	$(RISKGRADE) models verify general@champion --registry $(DEMO_DIR)/models
	@echo "demo: panel in $(DEMO_DIR)/panel, feature table $(DEMO_DIR)/table.csv, reports in $(DEMO_DIR)/gbdt and $(DEMO_DIR)/validation, registry $(DEMO_DIR)/models"
	@# The monthly batch: every enterprise on its latest snapshot (the table's last quarter), graded with reasons.
	awk -F, 'NR == FNR { if (FNR > 1 && $$2 > last) last = $$2; next } FNR == 1 || $$2 == last' \
	    $(DEMO_DIR)/table.csv $(DEMO_DIR)/table.csv > $(DEMO_DIR)/latest.csv
	$(RISKSCORE) --model $(DEMO_DIR)/models/general@champion --input $(DEMO_DIR)/latest.csv --output $(DEMO_DIR)/scores.csv \
	    --reasons 3

bench: build
	$(RISKGRADE) bench csv --rows 1000000 --columns 50
	$(RISKGRADE) bench synth --enterprises 1000000 --quarters 8

lint:
	$(SWIFT) format lint --recursive --strict Sources Tests Package.swift

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

clean:
	rm -rf .build out
