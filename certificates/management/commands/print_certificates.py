import time

from django.core.management.base import BaseCommand, CommandError

from certificates.queries import batch_certificates
from certificates.rendering import render_certificates
from geo.models import Province
from ocop.text import search_key


class Command(BaseCommand):
    help = "Print every certificate of a province's year (or of one decision) into one PDF."

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help='e.g. "Lai Châu" (diacritics optional)')
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--decision", help="only this decision number, e.g. 1168/QĐ-UBND")
        parser.add_argument("--output", required=True, help="the PDF file to write")

    def handle(self, *args, province, year, decision, output, **options):
        key = search_key(province)
        match = next((p for p in Province.objects.all() if key in (search_key(p.short_name), search_key(p.name))),
                     None)
        if match is None:
            raise CommandError(f"Không tìm thấy tỉnh “{province}”.")
        certificates = batch_certificates(province=match, year=year)
        if decision:
            certificates = certificates.filter(decision_number=decision)
        certificates = list(certificates)
        if not certificates:
            raise CommandError(f"Không có giấy chứng nhận nào của {match.short_name} năm {year}.")
        started = time.perf_counter()
        pdf = render_certificates(certificates)
        with open(output, "wb") as fh:
            fh.write(pdf)
        self.stdout.write(f"{len(certificates)} giấy chứng nhận → {output} ({len(pdf) // 1024} KB, "
                          f"{time.perf_counter() - started:.2f} s)")
