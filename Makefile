# Two commands set everything up on a fresh machine:
#   make run   — virtualenv, install, migrate, Lai Châu 2020 demo data, demo logins, serve on :8000 (PORT=8101 make run)
#   make test  — the whole test suite (SQLite by default; PostgreSQL when DATABASE_URL is set)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Links and QR codes follow the address each request was served at (a batch printed by the worker keeps the
# address of the request that asked for it); load_demo has no request, so it is told the address served here.
DEMO_PUBLIC_URL := $(or $(OCOP_PUBLIC_URL),http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT))

.PHONY: run test install clean messages

$(PY):
	@PYTHON="$$(sh scripts/find-python.sh)" || exit 1; \
	echo "Using $$PYTHON"; \
	"$$PYTHON" -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[test]"
	touch $@

install: $(VENV)/.installed

run: install
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} OCOP_PUBLIC_URL=$(DEMO_PUBLIC_URL) $(PY) manage.py load_demo
	@echo "Starting the task worker (batch printing) beside the server"
	DEBUG=$${DEBUG:-1} $(PY) manage.py db_worker --interval 0.5 & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

messages: install
	sh scripts/messages.sh

clean:
	rm -rf $(VENV) db.sqlite3
