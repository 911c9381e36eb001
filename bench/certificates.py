"""Benchmark of certificate rendering. Run: .venv/bin/python bench/certificates.py [--runs 7]

Sets up a throwaway SQLite database with the Lai Châu 2020 demo data, then measures in one process:
  floor  — WeasyPrint rendering a blank A4 landscape page with the same embedded font;
  one    — one certificate (median of --runs);
  batch  — the 47 certificates of Lai Châu 2020 in one PDF (median of --runs);
and prints each figure and its ratio to the floor.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_time(fn, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times), max(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="ocop-bench-")
    os.environ.update({"DJANGO_SETTINGS_MODULE": "ocop.settings", "DEBUG": "1",
                       "SQLITE_PATH": os.path.join(workdir, "bench.sqlite3"), "MEDIA_ROOT": workdir,
                       "PRIVATE_MEDIA_ROOT": workdir})
    os.environ.pop("DATABASE_URL", None)
    # Django is imported and set up only now, on the throwaway database configured just above.
    import django  # noqa: PLC0415 — after the environment is set

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415 — after django.setup()

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-logins", stdout=open(os.devnull, "w"))

    from weasyprint import HTML  # noqa: PLC0415 — after django.setup(), like the app's models
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415 — after django.setup()

    from certificates import rendering  # noqa: PLC0415 — after django.setup()
    from certificates.models import Certificate  # noqa: PLC0415 — after django.setup()

    certificates = list(Certificate.objects.order_by("decision_date", "position"))
    assert len(certificates) == 47, len(certificates)
    font = f"{rendering.FONT_DIR.resolve().as_uri()}/LiberationSerif-Regular.ttf"
    blank = f"""<html><head><style>
      @font-face {{ font-family: "OCOP Serif"; src: url("{font}"); }}
      @page {{ size: A4 landscape; }} html {{ font-family: "OCOP Serif"; }}</style></head>
      <body>Giấy chứng nhận</body></html>"""

    def floor():
        HTML(string=blank, url_fetcher=rendering._fetcher(), base_url=str(rendering.FONT_DIR)).write_pdf(
            font_config=rendering._font_config())

    # warm up: imports, font loading, QR images, templates
    floor()
    rendering.render_certificates(certificates)

    def floor_fresh():
        HTML(string=blank, url_fetcher=rendering._fetcher(), base_url=str(rendering.FONT_DIR)).write_pdf(
            font_config=FontConfiguration())

    def one_fresh():
        rendering._font_config.cache_clear()
        rendering.render_certificates(certificates[:1])

    floor_t = median_time(floor, args.runs)
    floor_fresh_t = median_time(floor_fresh, args.runs)
    one_fresh_t = median_time(one_fresh, args.runs)
    one_t = median_time(lambda: rendering.render_certificates(certificates[:1]), args.runs)
    batch_t = median_time(lambda: rendering.render_certificates(certificates), max(3, args.runs // 2))
    pages = len(rendering.render_certificates(certificates))

    print(f"runs: {args.runs}; WeasyPrint {__import__('weasyprint').__version__}; Python {sys.version.split()[0]}")
    print(f"{'':18}{'median':>10}{'min':>10}{'max':>10}{'× floor':>10}")
    print("fonts loaded once per process (how the app runs):")
    for label, (med, lo, hi) in [("floor (blank)", floor_t), ("one certificate", one_t), ("batch of 47", batch_t)]:
        print(f"  {label:16}{med * 1000:9.0f}ms{lo * 1000:9.0f}ms{hi * 1000:9.0f}ms{med / floor_t[0]:9.1f}×")
    print("fonts loaded for each render (a cold process):")
    for label, (med, lo, hi) in [("floor (blank)", floor_fresh_t), ("one certificate", one_fresh_t)]:
        print(f"  {label:16}{med * 1000:9.0f}ms{lo * 1000:9.0f}ms{hi * 1000:9.0f}ms{med / floor_fresh_t[0]:9.1f}×")
    print(f"batch per page: {batch_t[0] / 47 * 1000:.0f} ms; batch / one: {batch_t[0] / one_t[0]:.1f}× for 47 pages; "
          f"batch PDF {pages // 1024} KB")


if __name__ == "__main__":
    main()
