import time

from django.core.management.base import BaseCommand, CommandError

from certificates.documents import has_current_pdf, store_pdfs, write_merged
from certificates.queries import batch_certificates
from geo.services import find_province


class Command(BaseCommand):
    help = ("Print every certificate of a province's year (or of one decision) into one PDF: a merge of the stored "
            "PDFs (those missing are rendered and stored first).")

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help='e.g. "Lai Châu" (diacritics optional)')
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--decision", help="only this decision number, e.g. 1168/QĐ-UBND")
        parser.add_argument("--output", required=True, help="the PDF file to write")

    def handle(self, *args, province, year, decision, output, **options):
        match = find_province(province)
        if match is None:
            raise CommandError(f"Không tìm thấy tỉnh “{province}”.")
        certificates = batch_certificates(province=match, year=year)
        if decision:
            certificates = certificates.filter(decision_number=decision)
        certificates = list(certificates)
        if not certificates:
            raise CommandError(f"Không có giấy chứng nhận nào của {match.short_name} năm {year}.")
        started = time.perf_counter()
        rendered = store_pdfs([c for c in certificates if not has_current_pdf(c)])
        with open(output, "wb") as fh:
            write_merged(certificates, fh)
            size = fh.tell()
        self.stdout.write(f"{len(certificates)} giấy chứng nhận → {output} ({size // 1024} KB, "
                          f"{rendered} vừa in lần đầu, {time.perf_counter() - started:.2f} s)")
