"""Two app servers and two task workers against one PostgreSQL and one Redis, on this machine.

    .venv/bin/python deploy/run_two_by_two.py [--database-url postgres://postgres@127.0.0.1:5432/ocop_two_by_two]
                                              [--redis-url redis://127.0.0.1:6379/0] [--ports 8301,8302] [--keep]

Creates the database (dropped first if it exists: give it a name of its own), migrates it and loads the demo, then
starts gunicorn twice (server A and server B, deploy/gunicorn.conf.py, production settings: DEBUG off, connection
pool, Redis cache, the primary standing in for a read replica) and `manage.py db_worker` twice (worker-a,
worker-b). Then, as a browser behind the reverse proxy would (Host, X-Forwarded-Proto and X-Forwarded-For set as
deploy/nginx/ocop.conf sets them), it:

1. logs in as the demo official on server A and opens private pages with the same cookie on server B;
2. asks for the batch PDFs of every decision and of every year, alternating the servers, waits for the workers,
   and downloads each PDF from the server that did not start it;
3. prints which worker ran which task (django-tasks-db records the worker's id on each task), and what the
   shared cache holds.

The client alternates the two servers itself rather than through a round-robin proxy: the point is to know which
server answered each request (a session made on A, used on B), which a proxy would hide. Everything listens on
127.0.0.1 only and stops at the end (the database is dropped unless --keep).
"""

import argparse
import http.client
import io
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg
import redis
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
HOST = "ocop.local"  # the public name the proxy passes on (proxy_set_header Host $host)
PASSWORD = "demo-ocop-2020"  # the demo logins' published password (products/demo.py)
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def say(text=""):
    print(text, flush=True)


class Browser:
    """Keeps cookies as a browser does (the proxy speaks HTTPS to it; the servers see X-Forwarded-Proto: https)."""

    def __init__(self, servers: dict[str, int]):
        self.servers = servers
        self.cookies: dict[str, str] = {}

    def request(self, server: str, method: str, path: str, form: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.servers[server], timeout=60)
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.10",
                   "Referer": f"https://{HOST}{path}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        connection.close()
        return response.status, response.headers, content

    def get(self, server, path):
        return self.request(server, "GET", path)

    def post(self, server, path, form):
        return self.request(server, "POST", path, form)


def reset_database(url: str):
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        sys.exit(f"database name {name!r}: use lower-case letters, digits and _")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")


def drop_database(url: str):
    parts = urlsplit(url)
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {parts.path.lstrip('/')} WITH (FORCE)")


def wait_until_serving(browser: Browser, server: str, log: Path, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status, _headers, _content = browser.get(server, "/")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit(f"server {server} did not start:\n{log.read_text()[-3000:]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/ocop_two_by_two")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--ports", default="8301,8302")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    port_a, port_b = (int(port) for port in args.ports.split(","))
    work = Path(tempfile.mkdtemp(prefix="ocop-two-by-two-"))
    prefix = f"ocop-two-by-two-{secrets.token_hex(4)}"
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "ocop.settings", "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": HOST, "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
        "OCOP_PUBLIC_URL": f"https://{HOST}", "BEHIND_PROXY": "1",
        "DATABASE_URL": args.database_url, "DATABASE_POOL_MAX_SIZE": "4",
        "DATABASE_REPLICA_URL": args.database_url,  # the primary standing in for a replica: reads are routed to it
        "REDIS_URL": args.redis_url, "CACHE_KEY_PREFIX": prefix,
        "MEDIA_ROOT": str(work / "media"), "PRIVATE_MEDIA_ROOT": str(work / "private"),  # one disk: one machine
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend", "GUNICORN_WORKERS": "2", "LOG_LEVEL": "WARNING",
    }
    cache = redis.Redis.from_url(args.redis_url, socket_connect_timeout=2)
    cache.ping()

    say(f"== one PostgreSQL ({urlsplit(args.database_url).path.lstrip('/')}), one Redis ({args.redis_url})")
    reset_database(args.database_url)
    started = time.monotonic()
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run([PYTHON, "manage.py", "load_demo", "--allow-production"], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    say(f"   migrated and loaded the demo in {time.monotonic() - started:.0f} s")

    processes = []
    try:
        for name, port in (("A", port_a), ("B", port_b)):
            log = work / f"server-{name}.log"
            processes.append(subprocess.Popen(
                [GUNICORN, "--config", "deploy/gunicorn.conf.py"], cwd=ROOT, stdout=log.open("w"),
                stderr=subprocess.STDOUT, env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}))
        for name in ("worker-a", "worker-b"):
            processes.append(subprocess.Popen(
                [PYTHON, "manage.py", "db_worker", "--no-reload", "--interval", "0.2", "--worker-id", name],
                cwd=ROOT, env=env, stdout=(work / f"{name}.log").open("w"), stderr=subprocess.STDOUT))
        browser = Browser({"A": port_a, "B": port_b})
        for name in ("A", "B"):
            wait_until_serving(browser, name, work / f"server-{name}.log")
        say(f"== two app servers: A on 127.0.0.1:{port_a}, B on 127.0.0.1:{port_b} (gunicorn, 2 processes each); "
            "two task workers: worker-a, worker-b")
        say("   DEBUG=0, BEHIND_PROXY=1, DATABASE_POOL_MAX_SIZE=4, REDIS_URL set, DATABASE_REPLICA_URL = the primary")
        run_demo(browser, args.database_url, cache, prefix)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        for key in cache.scan_iter(f"{prefix}:*"):
            cache.delete(key)
        if not args.keep:
            drop_database(args.database_url)


def run_demo(browser: Browser, database_url: str, cache, prefix: str):
    say("\n== 1. a session survives a switch of app server")
    status, headers, _ = browser.get("B", "/certificates/")
    say(f"   B  GET  /certificates/ without logging in      → {status} {headers.get('Location', '')}")
    assert status == 302, status
    browser.get("A", "/login/")
    status, headers, _ = browser.post("A", "/login/", {"username": "lanhdao", "password": PASSWORD})
    say(f"   A  POST /login/ as lanhdao (official)           → {status} {headers.get('Location')}  "
        f"(session cookie {browser.cookies['sessionid'][:8]}…)")
    assert status == 302, status
    for server, path in (("B", "/certificates/"), ("A", "/"), ("B", "/")):
        status, _headers, content = browser.get(server, path)
        logged_in = b'action="/logout/"' in content
        say(f"   {server}  GET  {path:<40} → {status}, logged in as lanhdao: {logged_in}")
        assert status == 200 and logged_in, (server, path, status)

    say("\n== 2. batch printing: every decision and every year, asked of A and B in turn")
    with psycopg.connect(database_url) as db:
        rounds = db.execute("SELECT round_id, number FROM evaluation_decision ORDER BY signed_on, id").fetchall()
        years = [row[0] for row in db.execute("SELECT DISTINCT year FROM certificates_certificate ORDER BY year")]
    requests = [({"round": round_id}, f"decision {number}") for round_id, number in rounds]
    requests += [({"year": year}, f"year {year}") for year in years]
    jobs = []
    for index, (form, label) in enumerate(requests):
        server = "AB"[index % 2]
        status, headers, _ = browser.post(server, "/certificates/print/", form)
        assert status == 302, (label, status)
        job = headers["Location"].rstrip("/").rsplit("/", 1)[-1]
        jobs.append((job, label, server))
        say(f"   {server}  POST /certificates/print/ {label:<22} → job {job[:8]}…")
    deadline = time.monotonic() + 600
    pending = {job for job, _label, _server in jobs}
    while pending and time.monotonic() < deadline:
        for index, job in enumerate(sorted(pending)):
            _status, _headers, content = browser.get("AB"[index % 2], f"/certificates/jobs/{job}/status/")
            state = json.loads(content)
            if state["state"] in ("done", "failed"):
                pending.discard(job)
        time.sleep(0.5)
    assert not pending, f"jobs still running after 10 minutes: {pending}"
    for job, label, asked_of in jobs:
        other = "B" if asked_of == "A" else "A"
        status, _headers, content = browser.get(other, f"/certificates/jobs/{job}/download/")
        pages = len(PdfReader(io.BytesIO(content)).pages) if status == 200 else 0
        say(f"   {other}  GET  /certificates/jobs/{job[:8]}…/download/ ({label}) → {status}, "
            f"{len(content) // 1024} KB, {pages} pages")
        assert status == 200 and pages > 0, (label, status)

    say("\n== 3. who ran what (django-tasks-db records the worker on each task it claims)")
    with psycopg.connect(database_url) as db:
        tasks = db.execute(
            "SELECT task_path, args_kwargs, worker_ids, status, started_at, finished_at "
            "FROM django_tasks_database_dbtaskresult ORDER BY started_at").fetchall()
        labels = {job: label for job, label, _server in jobs}
        attempts = dict(db.execute("SELECT id::text, attempts FROM certificates_printjob").fetchall())
    per_worker = {}
    for path, args_kwargs, workers, status, began, ended in tasks:
        first = (args_kwargs.get("args") or [""])[0]
        what = labels.get(str(first), str(first)[:20])
        seconds = (ended - began).total_seconds() if began and ended else 0
        claims = f", print job claimed {attempts[str(first)]}×" if str(first) in attempts else ""
        task = f"{path.rsplit('.', 1)[-1]}({what})"
        say(f"   {','.join(workers):<9} {status:<10} {task:<36} {seconds:5.1f} s{claims}")
        for worker in workers:
            per_worker[worker] = per_worker.get(worker, 0) + 1
        assert len(workers) == 1, f"task claimed by {workers}"
    say(f"   tasks per worker: {per_worker}; each task claimed by exactly one worker")

    say("\n== 4. the shared cache")
    browser.cookies.clear()
    browser.get("A", "/")
    keys = sorted(key.decode() for key in cache.scan_iter(f"{prefix}:*public-counts*"))
    say(f"   A  GET  / → home page counts computed, kept in Redis for every server: {keys}")
    status, _headers, content = browser.get("B", "/")
    sentence = re.search(r'class="hero">.*?<p>(.*?)</p>', content.decode(), re.S)
    say(f"   B  GET  / → {status}, read from Redis: {' '.join(sentence.group(1).split()) if sentence else '?'}")


if __name__ == "__main__":
    main()
