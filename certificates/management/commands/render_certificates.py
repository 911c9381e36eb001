import time

from django.core.management.base import BaseCommand, CommandError

from certificates.documents import store_pdfs, without_current_pdf
from certificates.models import Certificate
from certificates.rendering import BATCH_CHUNK
from certificates.services import queue_pdf_rendering
from geo.services import find_province


class Command(BaseCommand):
    help = ("Render and store the certificate PDFs that are missing or out of date (certificates issued before PDFs "
            "were stored, or a file lost): queued for the task workers, a task per 16 certificates, so that every "
            "running worker (manage.py db_worker) takes a share; --here renders them in this process.")

    def add_arguments(self, parser):
        parser.add_argument("--province", help='e.g. "Lai Châu" (diacritics optional); all provinces by default')
        parser.add_argument("--year", type=int, help="only the certificates of this year")
        parser.add_argument("--here", action="store_true", help="render in this process instead of the workers")

    def handle(self, *args, province, year, here, **options):
        certificates = Certificate.objects.all()
        if province:
            match = find_province(province)
            if match is None:
                raise CommandError(f"Không tìm thấy tỉnh “{province}”.")
            certificates = certificates.filter(province=match)
        if year:
            certificates = certificates.filter(year=year)
        missing = list(without_current_pdf(certificates).order_by("pk"))
        if not here:
            queue_pdf_rendering([c.pk for c in missing], chunk=BATCH_CHUNK)
            self.stdout.write(f"{len(missing)} certificates queued for rendering "
                              f"({-(-len(missing) // BATCH_CHUNK)} tasks for the workers).")
            return
        started = time.perf_counter()
        stored = store_pdfs(missing, progress=lambda done, total: self.stdout.write(f"  {done}/{total}"))
        self.stdout.write(f"{stored} certificate PDFs stored ({time.perf_counter() - started:.1f} s).")
