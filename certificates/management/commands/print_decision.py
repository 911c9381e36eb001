from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates.papers.docx import decision_docx, minutes_docx
from certificates.papers.pdf import decision_pdf, minutes_pdf, sheets_pdf
from certificates.papers.records import find_round, is_decided


class Command(BaseCommand):
    help = ("Write a round's decision of recognition with its annex list (PDF), or the council's minutes "
            "(--minutes), or the members' scoring sheets (--sheets); --docx writes an editable DOCX instead.")

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help='Province name, e.g. "Lai Châu" (diacritics optional)')
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--round", type=int, required=True, help="The round's number in the year.")
        parser.add_argument("--output", required=True, help="The file to write.")
        kind = parser.add_mutually_exclusive_group()
        kind.add_argument("--minutes", action="store_true", help="The council's minutes instead of the decision.")
        kind.add_argument("--sheets", action="store_true", help="Every member's scoring sheet, one page a product.")
        parser.add_argument("--docx", action="store_true", help="DOCX (for editing before signing) instead of PDF.")

    def handle(self, *args, province, year, round, output, minutes, sheets, docx, **options):
        try:
            round_ = find_round(province, year, round)
        except LookupError as error:
            raise CommandError(str(error)) from None
        if sheets:
            if docx:
                raise CommandError("Phiếu chấm điểm chỉ có bản PDF.")
            data = sheets_pdf(round_)
        elif minutes:
            data = minutes_docx(round_) if docx else minutes_pdf(round_)
        else:
            if not is_decided(round_):
                raise CommandError(f"Đợt {round} năm {year} chưa có quyết định công nhận.")
            data = decision_docx(round_) if docx else decision_pdf(round_)
        Path(output).write_bytes(data)
        self.stdout.write(f"{output}: {len(data):,} bytes")
