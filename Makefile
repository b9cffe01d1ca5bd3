# RiskGrade: the two set-up commands are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
SWIFT ?= swift
# OpenBLAS's AVX2 kernels: the same kernels everywhere, so figures and results stay comparable (PLATFORM notes).
export OPENBLAS_CORETYPE ?= Haswell
DEMO_DIR ?= out/demo
DEMO_ENTERPRISES ?= 50000
DEMO_QUARTERS ?= 8
# Random inspections per enterprise-year. A province inspects about 5% of its register a year; the demo's 50,000
# enterprises are drawn once a year instead, so its labels are those of a province twenty times its size.
DEMO_RANDOM_RATE ?= 1.0
# The quarterly story on the demo's quarters (2025Q1 onwards): the first model is trained with DEMO_FIRST_HELD_OUT
# and every later quarter held out (so it trains through 2026Q1 and stops early on 2026Q2); the next quarter's
# retrain holds out DEMO_TEST_QUARTER (training through 2026Q2, early stopping on 2026Q3) and validates and compares
# both models on it, out of time for both.
DEMO_FIRST_HELD_OUT ?= 2026Q3
DEMO_TEST_QUARTER ?= 2026Q4
DEMO_USER ?= demo
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
	$(RISKGRADE) synth --enterprises $(DEMO_ENTERPRISES) --quarters $(DEMO_QUARTERS) --seed 42 \
	    --random-rate $(DEMO_RANDOM_RATE) --out $(DEMO_DIR)/panel
	$(RISKGRADE) features --config experiments/general.yaml --panel $(DEMO_DIR)/panel --out $(DEMO_DIR)/table.csv
	@echo "== quarter one: the first model, $(DEMO_FIRST_HELD_OUT) and later held out; registered and promoted champion"
	$(RISKGRADE) train --config experiments/general.yaml --data $(DEMO_DIR)/table.csv --out $(DEMO_DIR)/gbdt --early-stopping 30 \
	    --test-quarter $(DEMO_FIRST_HELD_OUT)
	$(RISKGRADE) validate $(DEMO_DIR)/gbdt --data $(DEMO_DIR)/table.csv --out $(DEMO_DIR)/validation
	$(RISKGRADE) models add $(DEMO_DIR)/gbdt/model.json --registry $(DEMO_DIR)/models --user $(DEMO_USER)
	$(RISKGRADE) models promote $(DEMO_DIR)/gbdt/model.json champion --registry $(DEMO_DIR)/models --user $(DEMO_USER)
	$(RISKGRADE) models verify general@champion --registry $(DEMO_DIR)/models
	@echo "== quarter two: retrain a challenger (warm start from the champion) and promote it only if every gate passes"
	$(RISKGRADE) retrain --data $(DEMO_DIR)/table.csv --registry $(DEMO_DIR)/models --out $(DEMO_DIR)/retrain \
	    --test-quarter $(DEMO_TEST_QUARTER) --warm-start --early-stopping 30 --user $(DEMO_USER)
	$(RISKGRADE) models list --registry $(DEMO_DIR)/models
	$(RISKGRADE) models audit --registry $(DEMO_DIR)/models
	@echo "demo: panel in $(DEMO_DIR)/panel, feature table $(DEMO_DIR)/table.csv, first model $(DEMO_DIR)/gbdt and $(DEMO_DIR)/validation, retrain reports in $(DEMO_DIR)/retrain, registry $(DEMO_DIR)/models"
	@# The monthly batch: every enterprise on its latest snapshot (the table's last quarter), graded with reasons by
	@# whichever model is champion now.
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
