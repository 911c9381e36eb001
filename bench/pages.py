"""Page benchmark at national scale. Run:

    .venv/bin/python bench/pages.py [--products 20000] [--seed 1] [--reuse] [--duration 3] [--rounds 3]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust). It creates the database `ocop_bench` (kept between runs:
`--reuse` skips seeding when it is already seeded), seeds it with `manage.py seed_national`, starts the app under
gunicorn (2 workers, production settings: DEBUG off) with one extra reference page (bench/urls.py: one indexed
query for 20 products, a plain template), then loads each page with `wrk -t2 -c16` (installed from Debian when
missing), in alternation with the reference page, and prints requests per second, p50, p99, the page's queries and
the ratio of its time per request to the reference's, next to the target (public pages ≤ 2×, staff pages ≤ 4×,
the score sheet of 24 products × 7 members ≤ 6×).

Public pages are measured twice: as most visitors get them, kept whole in the shared cache (ocop/page_cache.py;
Redis at 127.0.0.1:6379/3 when it answers, as in production), and "rendered": each request at an address of its
own (a wrk script adds ?fresh=<n>), so that every one is rendered, as for the first visitor of a page. The queries
column counts a rendered page.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_NAME = "ocop_bench"
SERVER = "postgres://postgres@127.0.0.1:5432"
PORT = 8471
FRESH = "fresh"  # in place of a session cookie: an anonymous visitor at a new address each request
BENCH_REDIS = "redis://127.0.0.1:6379/3"


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("wrk is missing: installing Debian's package")
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False, stdout=subprocess.DEVNULL)
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "update", "-q"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, stdout=subprocess.DEVNULL)


def ensure_database(reuse):
    import psycopg  # noqa: PLC0415 — the benchmark's own connection, before Django is set up

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if exists and not reuse:
            conn.execute(f"DROP DATABASE {DB_NAME} WITH (FORCE)")
            exists = None
        if not exists:
            conn.execute(f"CREATE DATABASE {DB_NAME}")
    return bool(exists)


# Each request at an address of its own (…?fresh=<thread>-<n>): the public page cache never has it, so the page is
# rendered every time, as for a visitor who is the first to ask for that page.
FRESH_LUA = """
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
local counter = 0
function request()
  counter = counter + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "fresh=" .. tid .. "-" .. counter)
end
"""


def shared_cache_answers():
    """Redis at BENCH_REDIS, emptied: pages kept by an earlier run (of other code) must not be measured."""
    import redis  # noqa: PLC0415 — only the benchmark talks to Redis directly

    try:
        redis.Redis.from_url(BENCH_REDIS, socket_timeout=1).flushdb()
    except redis.RedisError:
        return False
    return True


def wrk(url, cookie, duration, fresh=False):
    """Requests per second, p50 and p99 in milliseconds."""
    command = ["wrk", "-t2", "-c16", f"-d{duration}s", "--timeout", "60s", "--latency", url]
    if fresh:
        script = Path(tempfile.gettempdir()) / "ocop-bench-fresh.lua"
        script.write_text(FRESH_LUA)
        command[1:1] = ["-s", str(script)]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    if "Non-2xx or 3xx responses" in out:
        raise SystemExit(f"{url} answered errors under load:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def percentile(label):
        value, unit = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return rps, percentile("50"), percentile("99")


def pages_to_measure(staff_login="seed-canbo-12"):
    """(label, path, session cookie or None or FRESH, target ratio) — found in the seeded data, in the province of
    `staff_login` (Lai Châu's staff by default)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: PLC0415 — after django.setup()
    from django.contrib.sessions.backends.db import SessionStore  # noqa: PLC0415 — after django.setup()

    from accounts.models import User  # noqa: PLC0415 — after django.setup()
    from certificates.models import Certificate  # noqa: PLC0415 — after django.setup()
    from evaluation.enums import RoundState  # noqa: PLC0415 — after django.setup()
    from evaluation.models import EvaluationRound  # noqa: PLC0415 — after django.setup()
    from products.queries import public_products  # noqa: PLC0415 — after django.setup()

    staff = User.objects.get(username=staff_login)
    province = staff.province
    product = public_products().filter(producer__province=province).order_by("pk").first()
    certificate = Certificate.objects.filter(product=product).order_by("-pk").first()
    decided = EvaluationRound.objects.filter(province=province, state=RoundState.DECIDED).order_by("-pk").first()
    open_round = bench_round(staff)

    def session(user):
        store = SessionStore()
        store[SESSION_KEY], store[BACKEND_SESSION_KEY] = str(user.pk), "accounts.backends.RoleBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return f"sessionid={store.session_key}"

    staff_cookie = session(staff)
    # Public pages twice: as most visitors get them (kept whole in the shared cache, ocop/page_cache.py), and
    # rendered for each request ("rendered": the first visitor of a page, or any visitor asking for a new address).
    return [
        ("registry", "/products/", None, 2),
        ("registry, rendered", "/products/", FRESH, 2),
        ("registry ?q=", "/products/?q=che", None, 2),
        ("registry ?q=, rendered", "/products/?q=che", FRESH, 2),
        ("registry ?province=", f"/products/?province={province.pk}", None, 2),
        ("registry ?page=500", "/products/?page=500", None, 2),
        ("registry ?page=500, rendered", "/products/?page=500", FRESH, 2),
        ("product page", f"/products/{product.pk}/", None, 2),
        ("product page, rendered", f"/products/{product.pk}/", FRESH, 2),
        ("verification", f"/verify/{certificate.number}/", None, 2),
        ("verification, rendered", f"/verify/{certificate.number}/", FRESH, 2),
        ("home", "/", None, 2),
        ("API products", "/api/v1/products/", None, 2),
        ("API products, rendered", "/api/v1/products/", FRESH, 2),
        ("staff dashboard", "/my/", staff_cookie, 4),
        ("certificates list", "/certificates/", staff_cookie, 4),
        ("round page, open", f"/rounds/{open_round.pk}/", staff_cookie, 4),
        ("round page, decided", f"/rounds/{decided.pk}/", staff_cookie, 4),
        ("score sheet 24×7", f"/rounds/{open_round.pk}/scores/", staff_cookie, 6),
    ]


def bench_round(staff):
    """A round open for scoring with 24 products × 7 members, made once through the services."""
    import datetime  # noqa: PLC0415 — after django.setup()

    from django.db.models import Count  # noqa: PLC0415 — after django.setup()

    from evaluation import services  # noqa: PLC0415 — after django.setup()
    from evaluation.enums import MemberRole, RoundState  # noqa: PLC0415 — after django.setup()
    from evaluation.models import EvaluationRound  # noqa: PLC0415 — after django.setup()
    from products.models import Producer, Product, ProductGroup  # noqa: PLC0415 — after django.setup()

    existing = (EvaluationRound.objects.filter(province=staff.province, state=RoundState.SCORING)
                .annotate(products=Count("enrolments")).filter(products=24).first())
    if existing:  # seed_national leaves one per province
        return existing
    round_ = services.create_round(province=staff.province, number=99, starts_on=datetime.date(2026, 11, 2),
                                   actor=staff)
    roles = [MemberRole.CHAIR, MemberRole.SECRETARY] + [MemberRole.MEMBER] * 5
    for position, role in enumerate(roles):
        services.add_member(round_, name=f"Thành viên {position + 1}", role=role, position=position, actor=staff)
    producer = Producer.objects.filter(province=staff.province).order_by("pk").first()
    group = ProductGroup.objects.filter(scheme="2026").order_by("position").first()
    for i in range(24):
        product = Product.objects.create(producer=producer, name=f"Sản phẩm đo tải {i + 1:02d}", group=group)
        services.enrol_product(round_, product, actor=staff)
    services.set_round_state(round_, RoundState.SCORING, actor=staff)
    return round_


def query_counts(pages):
    from django.db import connection  # noqa: PLC0415 — after django.setup()
    from django.test import Client  # noqa: PLC0415 — after django.setup()
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 — after django.setup()

    counts = {}
    for label, path, cookie, _target in pages:
        if cookie == FRESH:
            path += ("&" if "?" in path else "?") + "fresh=counted"
        client = Client()
        if cookie and cookie != FRESH:
            client.cookies.load(cookie)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, secure=True)
        if response.status_code != 200:
            raise SystemExit(f"{label}: {path} answered {response.status_code}")
        counts[label] = len(queries)
    return counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="keep ocop_bench if it is already seeded")
    parser.add_argument("--duration", type=int, default=3, help="seconds of wrk per measurement")
    parser.add_argument("--rounds", type=int, default=3, help="alternations page/reference per page")
    args = parser.parse_args()

    ensure_wrk()
    seeded = ensure_database(args.reuse)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "DATABASE_URL": f"{SERVER}/{DB_NAME}",
           "DEBUG": "0", "SECRET_KEY": "bench-only-" + "x" * 50, "ALLOWED_HOSTS": "127.0.0.1,testserver",
           "OCOP_PUBLIC_URL": f"http://127.0.0.1:{PORT}", "LOG_LEVEL": "ERROR"}
    if shared_cache_answers():  # as in production: one cache for both workers (else each keeps its own)
        env["REDIS_URL"] = BENCH_REDIS
    os.environ.update(env)
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)  # also a reused one
    if not seeded:
        subprocess.run([python, "manage.py", "seed_national", "--products", str(args.products), "--seed",
                        str(args.seed), "--allow-production"], cwd=ROOT, env=env, check=True)

    import django  # noqa: PLC0415 — after the environment is set

    django.setup()
    pages = pages_to_measure()
    counts = query_counts(pages)

    gunicorn = subprocess.Popen([str(Path(python).parent / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{PORT}",
                                 "--log-level", "warning", "ocop.wsgi:application"], cwd=ROOT, env=env)
    try:
        base = f"http://127.0.0.1:{PORT}"
        for _attempt in range(50):
            try:
                urllib.request.urlopen(f"{base}/bench/reference/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        reference = f"{base}/bench/reference/"
        wrk(reference, None, 1)  # warm up both workers
        print(f"{args.products} products; gunicorn 2 workers; wrk -t2 -c16, {args.rounds} × {args.duration} s "
              f"alternating with the reference page (one indexed query, 20 rows, plain template)")
        print(f"{'page':30}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'queries':>9}{'× ref':>8}{'target':>8}")
        for label, path, cookie, target in pages:
            ratios, page_runs, ref_runs = [], [], []
            fresh, cookie = cookie == FRESH, None if cookie == FRESH else cookie
            for _round in range(args.rounds):
                ref = wrk(reference, cookie, args.duration)
                page = wrk(base + path, cookie, args.duration, fresh=fresh)
                ref_runs.append(ref)
                page_runs.append(page)
                ratios.append(ref[0] / page[0] if page[0] else float("inf"))
            rps = statistics.median(r[0] for r in page_runs)
            p50 = statistics.median(r[1] for r in page_runs)
            p99 = statistics.median(r[2] for r in page_runs)
            ratio = statistics.median(ratios)
            verdict = "ok" if ratio <= target else "over"
            print(f"{label:30}{rps:9.0f}{p50:9.1f}{p99:9.1f}{counts[label]:9d}{ratio:7.1f}×{target:6d}× {verdict}")
        ref_rps = statistics.median(wrk(reference, None, args.duration)[0] for _ in range(2))
        print(f"{'reference':30}{ref_rps:9.0f}")
    finally:
        gunicorn.terminate()
        try:
            gunicorn.wait(30)
        except subprocess.TimeoutExpired:
            gunicorn.kill()


if __name__ == "__main__":
    main()
