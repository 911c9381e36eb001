"""Pages of training courses (/programme/training/) and promotion events (/programme/events/).

Staff and officials read their province's; provincial staff write them (administrators anywhere); commune staff
and producers get 403 (programme.rules), a record of another province 404."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from accounts.scoping import PermissionRequiredMixin
from ocop.errors import DomainError
from ocop.pagination import NearestPageMixin
from ocop.text import whole_number
from programme.forms.training import AttendeeForm, CourseForm, EventForm, RemoveAttendeeForm
from programme.models import PromotionEvent, TrainingCourse
from programme.queries import training as queries
from programme.services import training as services


class ReadMixin(PermissionRequiredMixin):
    def has_permission(self, user):
        return queries.may_read(user)


class WriteMixin(PermissionRequiredMixin):
    def has_permission(self, user):
        return queries.may_write(user)


class YearListView(NearestPageMixin, ListView):
    paginate_by = 30

    def year(self):
        """?year=2020; any other value (or a year no date can have) shows every year."""
        year = whole_number(self.request.GET.get("year"))
        return year if year and 1 <= year <= 9999 else None

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["years"] = self.years(self.request.user)
        ctx["year"] = self.year()
        ctx["can_write"] = queries.may_write(self.request.user) and bool(self.request.user.province_id)
        return ctx


# --- courses -------------------------------------------------------------------------------------------------

class CourseMixin:
    @cached_property
    def course(self):
        return get_object_or_404(queries.courses_for_user(self.request.user), pk=self.kwargs["pk"])


class CourseListView(ReadMixin, YearListView):
    template_name = "programme/training/course_list.html"
    context_object_name = "courses"
    years = staticmethod(queries.course_years)

    def get_queryset(self):
        return queries.course_list(self.request.user, self.year())


class ProvinceWriteMixin(WriteMixin):
    """A new record belongs to the writer's province: an administrator (no province) records none."""

    def has_permission(self, user):
        return super().has_permission(user) and bool(user.province_id)


class CourseCreateView(ProvinceWriteMixin, FormView):
    form_class = CourseForm
    template_name = "programme/training/course_form.html"

    def form_valid(self, form):
        try:
            course = services.create_course(province=self.request.user.province, actor=self.request.user,
                                            **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The course was recorded. Add its attendees."))
        return redirect("programme:course", pk=course.pk)


class CourseEditView(WriteMixin, CourseMixin, FormView):
    form_class = CourseForm
    template_name = "programme/training/course_form.html"

    def get_form_kwargs(self):
        # a copy: a refused form must not change the course the page shows
        return {**super().get_form_kwargs(), "instance": TrainingCourse.objects.get(pk=self.course.pk)}

    def form_valid(self, form):
        try:
            services.edit_course(self.course, actor=self.request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The course was corrected."))
        return redirect("programme:course", pk=self.course.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(course=self.course, **kwargs)


class CourseDetailView(ReadMixin, CourseMixin, TemplateView):
    template_name = "programme/training/course_detail.html"

    def get_context_data(self, **kwargs):
        course = self.course
        can_write = queries.may_write(self.request.user)
        ctx = {"course": course, "attendees": queries.course_attendees(course),
               "by_role": queries.role_counts(course), "by_producer": queries.producer_counts(course),
               "removed": queries.removed_attendees(course) if can_write else [], "can_write": can_write}
        if can_write and "form" not in kwargs:
            ctx["form"] = AttendeeForm(province_id=course.province_id)
        return super().get_context_data(**ctx, **kwargs)


class AttendeeAddView(WriteMixin, CourseMixin, View):
    """POST: one more attendee; a refused form shows the course page again with its errors."""

    def post(self, request, *args, **kwargs):
        form = AttendeeForm(request.POST, province_id=self.course.province_id)
        if form.is_valid():
            try:
                attendee = services.add_attendee(self.course, actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("%(name)s was added to the attendees.") % {"name": attendee.full_name})
                return redirect("programme:course", pk=self.course.pk)
        view = CourseDetailView(request=request, args=args, kwargs=kwargs)
        return view.render_to_response(view.get_context_data(form=form), status=200)


class AttendeeRemoveView(WriteMixin, CourseMixin, View):
    def post(self, request, *args, **kwargs):
        attendee = get_object_or_404(self.course.attendees, pk=self.kwargs["attendee"])
        form = RemoveAttendeeForm(request.POST)
        reason = " ".join(form.cleaned_data["reason"].split()) if form.is_valid() else ""
        services.remove_attendee(attendee, actor=request.user, reason=reason)
        messages.success(request, _("%(name)s was removed from the attendees.") % {"name": attendee.full_name})
        return redirect("programme:course", pk=self.course.pk)


# --- events --------------------------------------------------------------------------------------------------

class EventMixin:
    @cached_property
    def event(self):
        return get_object_or_404(queries.events_for_user(self.request.user), pk=self.kwargs["pk"])


class EventListView(ReadMixin, YearListView):
    template_name = "programme/training/event_list.html"
    context_object_name = "events"
    years = staticmethod(queries.event_years)

    def get_queryset(self):
        return queries.event_list(self.request.user, self.year())


class EventCreateView(ProvinceWriteMixin, FormView):
    form_class = EventForm
    template_name = "programme/training/event_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "province_id": self.request.user.province_id}

    def form_valid(self, form):
        try:
            event = services.create_event(province=self.request.user.province, actor=self.request.user,
                                          **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The event was recorded."))
        return redirect("programme:event", pk=event.pk)


class EventEditView(WriteMixin, EventMixin, FormView):
    form_class = EventForm
    template_name = "programme/training/event_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": PromotionEvent.objects.get(pk=self.event.pk),
                "province_id": self.event.province_id}

    def form_valid(self, form):
        try:
            services.edit_event(self.event, actor=self.request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The event was corrected."))
        return redirect("programme:event", pk=self.event.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.event, **kwargs)


class EventDetailView(ReadMixin, EventMixin, TemplateView):
    template_name = "programme/training/event_detail.html"

    def get_context_data(self, **kwargs):
        products = list(queries.event_products(self.event))
        return super().get_context_data(event=self.event, products=products,
                                        by_stars=queries.recognised_by_stars(products),
                                        can_write=queries.may_write(self.request.user), **kwargs)
