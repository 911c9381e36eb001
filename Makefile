# Two commands set everything up on a fresh machine:
#   make run   — virtualenv, install, migrate, Lai Châu 2020 demo data, demo logins, serve on :8000 (PORT=8101 make run)
#   make test  — the whole test suite (SQLite by default; PostgreSQL when DATABASE_URL is set)
# and CI (.ci/run) runs `make lint` before the tests: ruff, migrations in step with the models, deployment checks.
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Links and QR codes follow the address each request was served at (a batch printed by the worker keeps the
# address of the request that asked for it); load_demo has no request, so it is told the address served here.
DEMO_PUBLIC_URL := $(or $(OCOP_PUBLIC_URL),http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT))

.PHONY: run test lint install clean messages

# What a production server sets (README, "Settings"): `check --deploy` must pass with it. A new random key each
# run; the host names are examples (check connects to no database and sends no mail).
DEPLOY_ENV = DEBUG=0 SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	ALLOWED_HOSTS=ocop.example.vn CSRF_TRUSTED_ORIGINS=https://ocop.example.vn OCOP_PUBLIC_URL=https://ocop.example.vn \
	DATABASE_URL=postgres://ocop@db.example.vn:5432/ocop \
	SECURE_SSL_REDIRECT=1 SECURE_HSTS_SECONDS=31536000 SECURE_HSTS_INCLUDE_SUBDOMAINS=1 SECURE_HSTS_PRELOAD=1 \
	EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend EMAIL_HOST=smtp.example.vn EMAIL_PORT=587 \
	EMAIL_USE_TLS=1 DEFAULT_FROM_EMAIL=ocop@example.vn

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
	DEBUG=$${DEBUG:-1} OCOP_PUBLIC_URL=$(DEMO_PUBLIC_URL) $(PY) manage.py render_certificates
	DEBUG=$${DEBUG:-1} $(PY) manage.py snapshot_registry
	@echo "Starting the task worker (certificate PDFs, batch printing) beside the server"
	DEBUG=$${DEBUG:-1} $(PY) manage.py db_worker --interval 0.5 & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	env $(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING

messages: install
	sh scripts/messages.sh

clean:
	rm -rf $(VENV) db.sqlite3
