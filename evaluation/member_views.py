"""Pages of council members scoring on their own device, and the secretary's live view of them.

A member has no account: the one-time link puts the member's id in the session, and every member page reads the
member (hence the round) from there, never from the URL; a product of another round is a 404."""

from decimal import Decimal

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from evaluation import member_services
from evaluation.enums import SCORES_EDITABLE_IN
from evaluation.models import CouncilMember, MemberSubmission
from evaluation.queries import score_sheet
from evaluation.views import PermissionMixin
from ocop.errors import DomainError
from ocop.text import points_text, whole_number

SESSION_KEY = "council_member"


class MemberLinkView(View):
    """GET only shows a button (mail scanners that follow links must not spend them); POST spends the link."""

    template_name = "evaluation/member/link.html"

    def get(self, request, token):
        return render(request, self.template_name, {"token": token})

    def post(self, request, token):
        try:
            link = member_services.open_link(token)
        except DomainError as error:
            return render(request, self.template_name, {"error": error.message}, status=403)
        request.session.flush()  # a fresh session holding the member only: whoever was logged in here is logged out
        request.session[SESSION_KEY] = link.member_id
        request.session.set_expiry(link.expires_at)
        return redirect("evaluation:member_home")


class MemberMixin:
    """The member of this session, or a refusal (403) that says how to get in."""

    def dispatch(self, request, *args, **kwargs):
        member_id = request.session.get(SESSION_KEY)
        member = (CouncilMember.objects.select_related("round", "round__criteria_set", "round__province")
                  .filter(pk=member_id).first() if isinstance(member_id, int) else None)
        if member is None or not member.round.members_score_online:
            return render(request, "evaluation/member/link.html",
                          {"error": _("Open the link the council's secretary sent you.")}, status=403)
        self.member, self.round = member, member.round
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def submitted(self):
        return MemberSubmission.objects.filter(member=self.member).first()

    @property
    def may_score(self):
        return self.submitted is None and self.round.state in SCORES_EDITABLE_IN

    def base_context(self):
        return {"member": self.member, "round": self.round, "submitted": self.submitted, "may_score": self.may_score}


class MemberHomeView(MemberMixin, TemplateView):
    """The member's products with their own total each; the others' totals only once they have submitted."""

    template_name = "evaluation/member/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        members, rows = score_sheet(self.round)
        products = []
        for row in rows:
            mine = [row.scores.get((self.member.pk, c.key)) for c in row.columns]
            filled = [v for v in mine if v is not None]
            others = ([(m, row.totals.get(m.pk)) for m in members if m.pk != self.member.pk]
                      if self.submitted else None)
            products.append({"enrolment": row.enrolment, "total": sum(filled, Decimal(0)) if filled else None,
                             "done": len(filled) == len(row.columns), "others": others})
        ctx.update(self.base_context(), products=products, all_done=all(p["done"] for p in products))
        return ctx


class MemberProductView(MemberMixin, TemplateView):
    """The member's own sheet of one product: points and a comment per part or criterion, a running total."""

    template_name = "evaluation/member/product.html"

    @cached_property
    def row(self):
        _members, rows = score_sheet(self.round, [self.kwargs["enrolment"]])
        if not rows:  # not a product of the member's round
            raise Http404
        return rows[0]

    def comments(self):
        return {(f"c{s.criterion_id}" if s.criterion_id else f"p{s.part_id}"): s.comment
                for s in self.row.enrolment.scores.model.objects.filter(enrolment=self.row.enrolment,
                                                                          member=self.member).only(
                    "part_id", "criterion_id", "comment")}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        typed = kwargs.get("typed") or {}
        comments = kwargs.get("typed_comments") or self.comments()
        errors = kwargs.get("errors") or {}
        lines = []
        for column in self.row.columns:
            saved = self.row.scores.get((self.member.pk, column.key))
            value = typed.get(column.key, "" if saved is None else points_text(saved))
            lines.append({"column": column, "value": value, "comment": comments.get(column.key, ""),
                          "error": errors.get(column.key)})
        ctx.update(self.base_context(), enrolment=self.row.enrolment, lines=lines,
                   total=self.row.totals.get(self.member.pk), max_total=sum(c.max_points for c in self.row.columns))
        return ctx

    def post(self, request, *args, **kwargs):
        columns = self.row.columns
        points = {c.key: (request.POST.get(f"p_{c.key}") or "").strip()[:8] or None for c in columns}
        comments = {c.key: (request.POST.get(f"n_{c.key}") or "")[:member_services.COMMENT_MAX] for c in columns}
        try:
            member_services.save_member_sheet(self.member, self.row.enrolment, points, comments)
        except DomainError as error:
            messages.error(request, error.message)
            return self.render_to_response(self.get_context_data(
                typed={k: v or "" for k, v in points.items()}, typed_comments=comments), status=400)
        messages.success(request, _("Your sheet for “%(product)s” is saved.") % {
            "product": self.row.enrolment.product.name})
        return HttpResponseRedirect(reverse("evaluation:member_home"))


class MemberSubmitView(MemberMixin, View):
    def post(self, request):
        try:
            member_services.submit_sheet(self.member)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your sheet is submitted. Thank you."))
        return HttpResponseRedirect(reverse("evaluation:member_home"))


class MemberLeaveView(MemberMixin, View):
    def post(self, request):
        request.session.flush()
        return render(request, "evaluation/member/link.html", {"left": True})


# --- the secretary -------------------------------------------------------------------------------

class CouncilOnlineView(PermissionMixin, TemplateView):
    """Staff's view of a round scored on the members' devices: links to give, who submitted, spread alerts."""

    template_name = "evaluation/member/secretary.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(round=self.round, council=member_services.council_status(self.round),
                   can_manage=self.request.user.has_perm("evaluation.change_evaluationround"),
                   editable=self.round.state in SCORES_EDITABLE_IN, new_link=kwargs.get("new_link"),
                   new_link_qr=link_qr(kwargs["new_link"][1]) if kwargs.get("new_link") else None)
        return ctx

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("evaluation.change_evaluationround"):
            raise PermissionDenied
        new_link = None
        try:
            if "online" in request.POST:
                on = request.POST.get("online") == "1"
                member_services.set_members_score_online(self.round, on, actor=request.user)
                messages.success(request, _("Members now score on their own device.") if on
                                 else _("Members no longer score on their own device."))
            else:
                member = get_object_or_404(self.round.members.all(), pk=whole_number(request.POST.get("member")))
                token = member_services.issue_link(member, actor=request.user)
                new_link = (member, request.build_absolute_uri(reverse("evaluation:member_link", args=[token])))
        except DomainError as error:
            messages.error(request, error.message)
        if new_link is None:
            return HttpResponseRedirect(request.path)
        # The link is shown once, on this answer only: it is never stored in clear.
        return self.render_to_response(self.get_context_data(new_link=new_link))


def link_qr(url) -> str:
    """The one-time link as an inline SVG QR code, for the member to scan with the tablet they will score on
    (inline, so the content security policy needs no data: images)."""
    svg = segno.make(url, error="m").svg_inline(border=2, dark="#1f2933", omitsize=True)
    return mark_safe(svg)  # noqa: S308 — segno's drawing of our own link


class CouncilStatusView(PermissionMixin, View):
    """The secretary's page polls this every few seconds."""

    def get(self, request, *args, **kwargs):
        status = member_services.council_status(self.round)
        return JsonResponse({
            "state": self.round.state,
            "products": status["products"],
            "submitted": status["submitted"],
            "members": [{"id": m["id"], "name": m["name"], "products_done": m["products_done"],
                         "submitted_at": _when(m["submitted_at"])}
                        for m in status["members"]],
            "alerts": [{"product": a["product"], "spread": points_text(a["spread"]), "max": points_text(a["max"])}
                       for a in status["alerts"]],
        }, headers={"Cache-Control": "no-store"})


def _when(moment):
    """The local date and time as the page shows it (dd/mm/yyyy hh:mm), or None."""
    return localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else None
