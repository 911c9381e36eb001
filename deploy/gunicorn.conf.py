"""gunicorn for the OCOP registry: `gunicorn --config deploy/gunicorn.conf.py` (deploy/systemd/ocop-web.service).

An app server keeps nothing of its own: sessions are rows of the database, the cache is Redis (REDIS_URL), files are
in object storage (OCOP_STORAGE=s3) or on a disk every server mounts. Run as many as you like behind the reverse
proxy (deploy/nginx/ocop.conf); README, "Running on more than one machine"."""

import multiprocessing
import os

wsgi_app = "ocop.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: one request at a time each (the pages are database-bound and short; a certificate PDF rendered on
# request takes about a second). With DATABASE_POOL_MAX_SIZE each worker keeps its own pool.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
# A worker is replaced after this many requests (and a few more, so that they are not all replaced at once):
# WeasyPrint's memory is given back to the system.
max_requests = 1000
max_requests_jitter = 100
# The proxy's address, whose X-Forwarded-* headers gunicorn believes (the app reads them with BEHIND_PROXY=1).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
