from django.http import HttpResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from exchange.exports.forms import RecognisedExportForm
from exchange.exports.recognised import ExportError, may_see_private, recognised_list
from exchange.exports.writers import FORMATS, file_name, write


@method_decorator(never_cache, name="dispatch")
class RecognisedExportView(View):
    """The official list of recognised products, for anyone: decisions of recognition are public. The staff and
    officials of the province (and administrators) also get the producers' registration codes and
    representatives, which the public pages do not show, and the ministry's PTNT_OCOP table."""

    template_name = "exchange/export_recognised.html"

    def get(self, request):
        asked = any(name in request.GET for name in RecognisedExportForm.base_fields)
        form = RecognisedExportForm(request.GET if asked else None, user=request.user)
        if asked and form.is_valid():
            data = form.cleaned_data
            private = may_see_private(request.user, data["province"])
            if data["format"] == "ptnt" and not private:
                form.add_error("format", _("Only the staff and officials of the province download its PTNT_OCOP "
                                           "table."))
            else:
                try:
                    export = recognised_list(data["province"], data["year"], data["decision"], private=private)
                except ExportError as error:
                    form.add_error("decision" if data["decision"] else None, error.message)
                else:
                    response = HttpResponse(write(export, data["format"]), content_type=FORMATS[data["format"]][1])
                    response["Content-Disposition"] = f'attachment; filename="{file_name(export, data["format"])}"'
                    return response
        return render(request, self.template_name, {"form": form}, status=400 if form.errors else 200)
