"""Benchmark of certificate rendering and batch printing. Run: .venv/bin/python bench/certificates.py [--runs 7]

Sets up a throwaway SQLite database with the Lai Châu 2020 demo data, then measures in one process:
  floor  — WeasyPrint rendering a blank A4 landscape page with the same embedded font;
  one    — one certificate (median of --runs);
  batch  — the 47 certificates of Lai Châu 2020 in one PDF (median of --runs);
  stored — the PDFs stored one per certificate (certificates.documents), for a province's year of --year-size
           certificates (the 47 and copies of them with numbers of their own): time per page;
and prints each figure and its ratio to the floor. Then the batch of that year printed from the stored files
(certificates.batches.run_print_job: a merge, no rendering), in a fresh process each time (time and peak memory,
VmHWM), beside a floor run the same way: a process that reads every stored file of the batch and
writes their bytes one after the other into one file, stored like the batch. Targets: ≤ 2 s and ≤ 200 MB.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
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


def use_workdir(workdir):
    os.environ.update({"DJANGO_SETTINGS_MODULE": "ocop.settings", "DEBUG": "1",
                       "SQLITE_PATH": os.path.join(workdir, "bench.sqlite3"), "MEDIA_ROOT": workdir,
                       "PRIVATE_MEDIA_ROOT": workdir, "TASKS_BACKEND": "django.tasks.backends.dummy.DummyBackend"})
    os.environ.pop("DATABASE_URL", None)


def child(kind, workdir):
    """One batch printed in this fresh process: `merge` (the print job) or `floor` (read and concatenate the stored
    files). Prints its time and peak memory as JSON."""
    use_workdir(workdir)
    import django  # noqa: PLC0415 — after the environment is set

    django.setup()
    from django.core.files import File  # noqa: PLC0415 — after django.setup()

    from certificates.batches import run_print_job  # noqa: PLC0415 — after django.setup()
    from certificates.models import PrintJob  # noqa: PLC0415 — after django.setup()
    from certificates.queries import batch_certificates  # noqa: PLC0415 — after django.setup()
    from geo.models import Province  # noqa: PLC0415 — after django.setup()

    province = Province.objects.get(code=12)
    started = time.perf_counter()
    if kind == "merge":
        job = PrintJob.objects.create(province=province, year=2020)
        job = run_print_job(job.pk)
        assert job.state == "done", job.error
        size = job.file.size
    else:
        certificates = list(batch_certificates(province=province, year=2020))
        with tempfile.TemporaryFile() as out:
            for certificate in certificates:
                with certificate.pdf.open("rb") as pdf:
                    out.write(pdf.read())
            size = out.tell()
            out.seek(0)
            certificates[0].pdf.storage.save(f"certificates/batches/floor-{time.time_ns()}.pdf", File(out))
    elapsed = time.perf_counter() - started
    print(json.dumps({"seconds": elapsed, "max_rss_mb": peak_rss_mb(), "bytes": size}))


def peak_rss_mb():
    """This process's peak resident memory. Linux's VmHWM starts afresh in a new program; getrusage's ru_maxrss
    would carry over the high-water mark of the process that started it."""
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_fresh_process(kind, workdir):
    command = [sys.executable, __file__, "--child", kind, "--workdir", workdir]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--year-size", type=int, default=508, help="certificates in the year printed from storage")
    parser.add_argument("--child", choices=["merge", "floor"], help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.workdir)

    workdir = tempfile.mkdtemp(prefix="ocop-bench-")
    use_workdir(workdir)
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

    certificates = list(Certificate.objects.filter(year=2020).order_by("decision_date", "position"))
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

    # A province's year stored one PDF per certificate, as issuing leaves it (certificates.documents).
    from certificates.documents import store_pdfs  # noqa: PLC0415 — after django.setup()

    template = {f.attname: f for f in Certificate._meta.concrete_fields if not f.primary_key}
    copies = [Certificate(**{**{name: getattr(certificates[i % 47], name) for name in template},
                             "number": f"OCOP-12-2020-{1000 + i:04d}", "sequence": 1000 + i})
              for i in range(args.year_size - 47)]
    Certificate.objects.bulk_create(copies)
    year = list(Certificate.objects.filter(province__code=12, year=2020))
    started = time.perf_counter()
    store_pdfs(year)
    stored_t = time.perf_counter() - started
    per_page = stored_t / len(year)
    print(f"stored PDFs, one per certificate: {len(year)} in {stored_t:.1f} s, {per_page * 1000:.0f} ms per page "
          f"= {per_page / floor_t[0]:.1f}× floor (blank page {floor_t[0] * 1000:.0f} ms)")

    merge = [in_fresh_process("merge", workdir) for _ in range(3)]
    floor_runs = [in_fresh_process("floor", workdir) for _ in range(3)]
    merge_s, floor_s = (statistics.median(r["seconds"] for r in runs) for runs in (merge, floor_runs))
    merge_mb, floor_mb = (statistics.median(r["max_rss_mb"] for r in runs) for runs in (merge, floor_runs))
    print(f"batch of {len(year)} printed from the stored PDFs (print job, fresh process, median of 3):")
    print(f"  {'':34}{'time':>9}{'× floor':>9}{'target':>9}{'peak RSS':>11}{'× floor':>9}{'target':>9}")
    print(f"  {'floor (read + concatenate files)':34}{floor_s:8.2f}s{'':9}{'':9}{floor_mb:9.0f}MB")
    print(f"  {'merge (the print job)':34}{merge_s:8.2f}s{merge_s / floor_s:8.1f}×{'≤ 2 s':>9}{merge_mb:9.0f}MB"
          f"{merge_mb / floor_mb:8.1f}×{'≤ 200 MB':>9}")
    print(f"  batch PDF {merge[0]['bytes'] // 1024} KB ({merge[0]['bytes'] // len(year) // 1024} KB per page)")


if __name__ == "__main__":
    main()
