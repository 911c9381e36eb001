from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from accounts.scoping import PermissionRequiredMixin
from evaluation import services
from evaluation.enums import ENROLMENT_OPEN_IN, ROUND_TRANSITIONS, SCORES_EDITABLE_IN, MemberRole, RoundState
from evaluation.errors import EvaluationError, RoundLocked, ScoreConflict
from evaluation.forms import (
    ConfirmForm,
    DecisionForm,
    EnrolForm,
    MemberForm,
    RoundEditForm,
    RoundForm,
    ScoreSheetForm,
)
from evaluation.models import CouncilMember, EvaluationRound
from evaluation.queries import round_changes, round_report, rounds_for_user, score_sheet, sheet_pages
from ocop.errors import DomainError
from ocop.pagination import NearestPageMixin
from ocop.text import search_key, whole_number
from products.queries import enrollable_products, products_for_user

CHANGES_SHOWN = 10  # on the round page; the history page has them all, page by page

# What the round waits for, said first on its page.
NEXT_STEP = {
    RoundState.DRAFT: gettext_lazy("Set up the council (a chair is required) and enrol the products, then open "
                                   "scoring. The round and its council can still be corrected."),
    RoundState.SCORING: gettext_lazy("The council scores: enter the members' sheets, then close scoring when every "
                                     "sheet is complete."),
    RoundState.SCORED: gettext_lazy("Scoring is closed: the official previews and finalises the decision (or "
                                    "scoring is re-opened to correct a sheet)."),
    RoundState.DECIDED: gettext_lazy("The decision is final. A product's scores change only by a recorded "
                                     "correction."),
    RoundState.CANCELLED: gettext_lazy("The round was cancelled; its products went back to the dossiers waiting "
                                       "for a round."),
}

# ?sort= on the round page: the products table's columns (a leading "-" sorts in descending order).
SORTS = {
    "position": lambda row: (row.enrolment.position, row.enrolment.pk),
    "product": lambda row: search_key(row.enrolment.product.name),
    "producer": lambda row: search_key(row.enrolment.product.producer.name),
    "points": lambda row: (row.enrolment.points is not None, row.enrolment.points or 0),
    "stars": lambda row: (row.enrolment.stars or 0, row.enrolment.points or 0),
}


def sorted_rows(rows, sort):
    key = sort.removeprefix("-")
    if key not in SORTS:
        return "position", rows
    return sort, sorted(rows, key=SORTS[key], reverse=sort.startswith("-"))


class PermissionMixin(PermissionRequiredMixin):
    """Requires `permission` (403 without it); the round, if any, must be in the user's scope (404)."""

    permission = "evaluation.view_evaluationround"

    @cached_property
    def round(self):
        return get_object_or_404(rounds_for_user(self.request.user), pk=self.kwargs["pk"])


class RoundListView(PermissionMixin, NearestPageMixin, ListView):
    template_name = "evaluation/round_list.html"
    context_object_name = "rounds"
    paginate_by = 50

    def get_queryset(self):
        return rounds_for_user(self.request.user).order_by("-year", "-number")


class RoundCreateView(PermissionMixin, FormView):
    permission = "evaluation.add_evaluationround"
    form_class = RoundForm
    template_name = "evaluation/round_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "province": self.request.user.province}

    def form_valid(self, form):
        user = self.request.user
        if not user.province_id:
            raise PermissionDenied(_("Only provincial staff open rounds for their province."))
        options = {k: form.cleaned_data[k] for k in ("ends_on", "detailed_scoring", "max_spread", "quorum",
                                                             "members_score_online")}
        try:
            round_ = services.create_round(province=user.province, number=form.cleaned_data["number"],
                                           level=form.cleaned_data["level"], district=form.cleaned_data["district"],
                                           commune=form.cleaned_data["commune"],
                                           starts_on=form.cleaned_data["starts_on"], actor=user, **options)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The round was created. Add the council, then enrol products."))
        return redirect(round_)


class RoundDetailView(PermissionMixin, TemplateView):
    template_name = "evaluation/round_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        round_, user = self.round, self.request.user
        report = round_report(round_)
        sort, rows = sorted_rows(report.rows, self.request.GET.get("sort", ""))
        enrolled = [row.enrolment.product_id for row in report.rows]
        can_manage = user.has_perm("evaluation.change_evaluationround")
        enrollable = (enrollable_products(user, round_.province_id).exclude(pk__in=enrolled)
                      if can_manage and round_.state in ENROLMENT_OPEN_IN else None)
        ctx.update(
            round=round_, report=report, rows=rows, sort=sort, changes=round_changes(round_, per_page=CHANGES_SHOWN),
            next_step=NEXT_STEP[round_.state], outcomes=sorted(report.outcomes.items()),
            can_manage=can_manage,
            can_score=user.has_perm("evaluation.change_score") and round_.state in SCORES_EDITABLE_IN,
            can_finalise=user.has_perm("evaluation.finalise_decision") and round_.state == RoundState.SCORED,
            can_publish_screening=user.has_perm("evaluation.finalise_decision") and round_.state == RoundState.SCORED
            and round_.period.level_rules.filter(level=round_.level, screening=True).exists(),
            can_correct=user.has_perm("evaluation.correct_scores") and round_.state == RoundState.DECIDED,
            transitions=[s for s in ROUND_TRANSITIONS[RoundState(round_.state)] if s != RoundState.DECIDED]
            if can_manage else [],
            member_form=MemberForm() if can_manage and round_.state == RoundState.DRAFT else None,
            member_roles=MemberRole.choices, can_edit=can_manage and round_.state == RoundState.DRAFT,
            cancel_form=ConfirmForm(),
            enrol_form=EnrolForm(products=enrollable) if enrollable is not None else None,
            enrol_choices=list(enrollable.values_list("pk", "name")) if enrollable is not None else [],
            decision_form=kwargs.get("decision_form") or DecisionForm(),
            problems=services.closing_problems(round_) if round_.state == RoundState.SCORING else [],
        )
        return ctx


class RoundHistoryView(PermissionMixin, TemplateView):
    """The round's whole history, one entry per save, newest first, page by page (?page=N)."""

    template_name = "evaluation/round_history.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = round_changes(self.round, page=whole_number(self.request.GET.get("page")) or 1)
        ctx.update(round=self.round, changes=page,
                   page_numbers=range(1, page.pages + 1) if page.pages > 1 else None)
        return ctx


class RoundActionView(PermissionMixin, View):
    """POST-only actions on a round: each calls one service and reports its refusal plainly."""

    permission = "evaluation.change_evaluationround"

    def post(self, request, *args, **kwargs):
        try:
            with transaction.atomic():
                message = self.act(request)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            if message:
                messages.success(request, message)
        return HttpResponseRedirect(self.round.get_absolute_url())


def _form_errors(form):
    return "; ".join(f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}".lstrip(": ")
                     for f, e in form.errors.items())


class RoundStateView(RoundActionView):
    """Moves a round along its states. Cancelling is a big action: it needs a reason and a ticked confirmation
    (its only counter-action is a new round, which may take the cancelled round's number)."""

    def act(self, request):
        new = request.POST.get("state")
        if new not in RoundState.values:
            raise EvaluationError(_("Unknown state."))
        reason = request.POST.get("reason", "")
        if new == RoundState.CANCELLED:
            form = ConfirmForm(request.POST)
            if not form.is_valid():
                raise EvaluationError(_("The round was not cancelled: %(errors)s") % {"errors": _form_errors(form)})
            reason = form.cleaned_data["reason"]
        services.set_round_state(self.round, new, actor=request.user, reason=reason)
        return _("The round is now “%(state)s”.") % {"state": RoundState(new).label}


class RoundEditView(PermissionMixin, FormView):
    """Correct a draft round's number, dates and options; each change goes to the round's history."""

    permission = "evaluation.change_evaluationround"
    form_class = RoundEditForm
    template_name = "evaluation/round_edit.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.round.state != RoundState.DRAFT:
            messages.error(request, _("A round can be corrected only while it is a draft."))
            return HttpResponseRedirect(self.round.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": EvaluationRound.objects.get(pk=self.round.pk)}

    def form_valid(self, form):
        changes = {name: form.cleaned_data[name] for name in services.ROUND_EDITABLE}
        try:
            services.edit_round(self.round, actor=self.request.user, **changes)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The round was corrected."))
        return redirect(self.round)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "round": self.round}


class MemberAddView(RoundActionView):
    def act(self, request):
        form = MemberForm(request.POST)
        if not form.is_valid():
            raise EvaluationError(_form_errors(form))
        services.add_member(self.round, actor=request.user, **form.cleaned_data)
        return _("%(name)s joined the council.") % {"name": form.cleaned_data["name"]}


class MemberActionView(RoundActionView):
    """Edit, move or remove one member of a draft round's council (action = edit | up | down | remove)."""

    def act(self, request):
        member = get_object_or_404(CouncilMember, pk=self.kwargs["member"], round=self.round)
        action = request.POST.get("action")
        if action in ("up", "down"):
            services.move_member(member, step=-1 if action == "up" else 1, actor=request.user)
            return None
        if action == "remove":
            services.remove_member(member, actor=request.user)
            return _("%(name)s left the council.") % {"name": member.name}
        if action == "edit":
            form = MemberForm(request.POST)
            if not form.is_valid():
                raise EvaluationError(_form_errors(form))
            services.edit_member(member, actor=request.user, **form.cleaned_data)
            return _("%(name)s was corrected.") % {"name": form.cleaned_data["name"]}
        raise EvaluationError(_("Unknown action."))


class EnrolView(RoundActionView):
    def act(self, request):
        form = EnrolForm(request.POST, products=products_for_user(request.user))
        if not form.is_valid():
            raise EvaluationError(_("Choose a product from the list."))
        product = form.cleaned_data["product"]
        services.enrol_product(self.round, product, actor=request.user)
        return _("“%(product)s” was enrolled.") % {"product": product.name}


class PublishScreeningView(RoundActionView):
    """A commune's screening ends without a decision: its results are published as they stand."""

    permission = "evaluation.finalise_decision"

    def act(self, request):
        services.publish_screening(self.round, actor=request.user)
        return _("The screening results are published; no certificate is issued.")


class FinaliseView(PermissionMixin, View):
    """Finalising is two POSTs. The first (the decision's fields) writes nothing and shows the preview: the
    products with their stars, the certificate numbers, the e-mails. The second repeats the fields with the
    preview's token and a ticked confirmation; if anything the preview showed has changed since (a score, a
    result, another decision's certificates taking numbers), it is refused and the new preview shown."""

    permission = "evaluation.finalise_decision"
    template_name = "evaluation/finalise_preview.html"

    def post(self, request, *args, **kwargs):
        form = DecisionForm(request.POST)
        if not form.is_valid():
            return self.detail(request, form, *args, **kwargs)
        try:
            preview = services.preview_decision(self.round, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.detail(request, form, *args, **kwargs)
        token = request.POST.get("token", "")
        if not token:
            return self.show(preview, form)
        if not services.preview_still_holds(preview, token):
            messages.error(request, _("The round changed since the preview: nothing was finalised. Check the new "
                                      "preview below and confirm again."))
            return self.show(preview, form, status=409)
        if request.POST.get("confirm") != "on":
            messages.error(request, _("Tick the box to confirm: nothing was finalised."))
            return self.show(preview, form, status=400)
        try:
            decision = services.finalise_decision(self.round, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.detail(request, form, *args, **kwargs)
        messages.success(request, _("%(decision)s is final: %(count)s products recognised.")
                         % {"decision": decision, "count": decision.recognitions.count()})
        return HttpResponseRedirect(self.round.get_absolute_url())

    def show(self, preview, form, status=200):
        return TemplateResponse(self.request, self.template_name,
                                {"round": self.round, "preview": preview, "form": form}, status=status)

    def detail(self, request, form, *args, **kwargs):
        view = RoundDetailView()
        view.setup(request, *args, **kwargs)
        return view.render_to_response(view.get_context_data(decision_form=form), status=400)


class ScoreSheetView(PermissionMixin, TemplateView):
    """The keyboard-friendly score sheet: every product of the round (or one product, per criterion)."""

    permission = "evaluation.change_score"
    template_name = "evaluation/score_sheet.html"
    correction = False

    @cached_property
    def pages(self):
        """The round's sheet in pages under Django's field limit (one product's sheet is a single page)."""
        return [[self.kwargs["enrolment"]]] if "enrolment" in self.kwargs else sheet_pages(self.round)

    @cached_property
    def page_number(self):
        return min(whole_number(self.request.GET.get("page")) or 1, len(self.pages)) or 1

    def rows(self):
        members, rows = score_sheet(self.round, self.pages[self.page_number - 1] if self.pages else [])
        if "enrolment" in self.kwargs and not rows:
            raise Http404
        return members, rows

    def get_form(self, data=None):
        members, rows = self.rows()
        return ScoreSheetForm(data, members=members, rows=rows, correction=self.correction)

    def check_state(self):
        if self.round.state not in SCORES_EDITABLE_IN:
            messages.error(self.request, RoundLocked.for_state(self.round.state).message)
            return False
        return True

    def get(self, request, *args, **kwargs):
        if not self.check_state():
            return HttpResponseRedirect(self.round.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        if not self.check_state():
            return HttpResponseRedirect(self.round.get_absolute_url())
        form = self.get_form(request.POST)
        if not form.is_valid():
            messages.error(request, _("Nothing was saved: correct the cells marked in red."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        conflicts, saved = self.save(form)
        if conflicts:
            return self.conflict_response(form, conflicts, saved)
        if form.errors:  # refused by the service: show the sheet again with what was typed
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("Scores saved for %(count)s products.") % {"count": len(saved)}
                         if saved else _("Nothing changed."))
        return HttpResponseRedirect(request.get_full_path())  # the same page of the sheet

    def write(self, form, row):
        """Save one product's row through the service (the correction view overrides this)."""
        services.record_scores(row.enrolment, form.values_for(row), actor=self.request.user,
                               expected_version=form.cleaned_data[f"v_{row.enrolment.pk}"],
                               knockout_note=form.cleaned_data.get(f"k_{row.enrolment.pk}", ""))

    def save(self, form):
        conflicts, saved = [], []
        for row in form.changed_rows():
            try:
                self.write(form, row)
                saved.append(row.enrolment)
            except ScoreConflict as conflict:
                conflicts.append(conflict)
            except DomainError as error:
                form.add_error(None, error.message)
        return conflicts, saved

    def conflict_response(self, form, conflicts, saved):
        """Show the user's typed values again for the products in conflict, with the current saved values
        beside them and fresh versions, so that saving again is a conscious choice and nothing typed is lost.
        Every other product shows what is saved now, so saving again cannot undo someone else's work."""
        members, rows = self.rows()
        current = {row.enrolment.pk: row for row in rows}
        fresh_form = ScoreSheetForm(members=members, rows=rows, correction=self.correction)
        data = form.data.copy()
        for name, field in fresh_form.fields.items():
            data[name] = field.initial if field.initial is not None else ""
        for conflict in conflicts:
            pk = conflict.enrolment.pk
            for name in form.data:
                if name.startswith((f"s_{pk}_", f"k_{pk}")):
                    data[name] = form.data[name]
            messages.error(self.request, conflict.message)
        if self.correction:
            data["reason"] = form.data.get("reason", "")
        if saved:
            messages.success(self.request, _("Scores saved for %(count)s products.") % {"count": len(saved)})
        fresh = ScoreSheetForm(data, members=members, rows=rows, correction=self.correction)
        fresh.is_valid()
        theirs = {conflict.enrolment.pk: current[conflict.enrolment.pk].scores for conflict in conflicts}
        return self.render_to_response(self.get_context_data(form=fresh, theirs=theirs), status=409)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, theirs = kwargs["form"], kwargs.get("theirs", {})
        blocks = []
        for row in form.rows:
            e = row.enrolment
            lines = []
            for member in form.members:
                cells = []
                for column in row.columns:
                    other = theirs[e.pk].get((member.pk, column.key), "—") if e.pk in theirs else None
                    cells.append((column, form[form.cell(e.pk, member.pk, column.key)], other))
                lines.append((member, cells, row.totals.get(member.pk)))
            blocks.append({"row": row, "version": form[f"v_{e.pk}"], "knockout": form[f"k_{e.pk}"], "lines": lines})
        ctx.update(round=self.round, members=form.members, blocks=blocks, page_number=self.page_number,
                   page_numbers=range(1, len(self.pages) + 1) if len(self.pages) > 1 else None,
                   product_count=sum(len(page) for page in self.pages))
        return ctx


class CorrectionView(ScoreSheetView):
    """After the decision: the same sheet for one product, with a required reason, recorded."""

    permission = "evaluation.correct_scores"
    template_name = "evaluation/correction.html"
    correction = True

    def check_state(self):
        if self.round.state != RoundState.DECIDED:
            messages.error(self.request, _("Corrections are for decided rounds; edit the scores directly."))
            return False
        return True

    def write(self, form, row):
        services.correct_scores(row.enrolment, form.values_for(row), reason=form.cleaned_data["reason"],
                                actor=self.request.user,
                                knockout_note=form.cleaned_data.get(f"k_{row.enrolment.pk}", ""),
                                expected_version=form.cleaned_data[f"v_{row.enrolment.pk}"])

    def post(self, request, *args, **kwargs):
        if not self.check_state():
            return HttpResponseRedirect(self.round.get_absolute_url())
        form = self.get_form(request.POST)
        if form.is_valid():
            conflicts, saved = self.save(form)
            if conflicts:
                return self.conflict_response(form, conflicts, saved)
            if not form.errors:
                messages.success(request, _("The correction was recorded.") if saved else _("Nothing changed."))
                return HttpResponseRedirect(self.round.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class RoundReportView(PermissionMixin, TemplateView):
    template_name = "evaluation/round_report.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(round=self.round, report=round_report(self.round))
        return ctx


class RoundReportPrintView(RoundReportView):
    template_name = "evaluation/round_report_print.html"
