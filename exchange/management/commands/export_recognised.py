from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from exchange.exports.recognised import ExportError, find_province, recognised_list
from exchange.exports.writers import FORMATS, write


class Command(BaseCommand):
    help = ("Write the official list of a province's recognised OCOP products (one decision, or every decision of "
            "a year) as XLSX or CSV, or as the ministry's PTNT_OCOP table (QĐ 5277/QĐ-BNNMT).")

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help='Province name, e.g. "Lai Châu" (diacritics optional)')
        parser.add_argument("--year", type=int, required=True, help="Year of the decisions")
        parser.add_argument("--decision", default="", help='Decision number, e.g. "1168/QĐ-UBND" (default: all)')
        parser.add_argument("--format", required=True, choices=sorted(FORMATS), dest="fmt")
        parser.add_argument("--output", required=True, help="File to write")

    def handle(self, *args, province, year, decision, fmt, output, **options):
        with translation.override("vi"):
            found = find_province(province)
            if found is None:
                raise CommandError(f"Không tìm thấy tỉnh “{province}”.")
            try:
                # The command is run by the province's own people, on the server: the full list.
                export = recognised_list(found, year, decision, private=True)
            except ExportError as error:
                raise CommandError(error.message) from error
            content = write(export, fmt)
        path = Path(output)
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Không ghi được tệp “{output}”: {error.strerror}.") from error
        self.stdout.write(f"{export.title}: {len(export.rows)} sản phẩm → {path}")
