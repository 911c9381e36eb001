"""Back office for evaluation data. Rules and criteria are editable by administrators; rounds, scores and
decisions are shown read-only here: they change only through the services (score sheet, decision,
recorded correction), so that every change is checked and recorded."""

from django.contrib import admin

from evaluation.models import (
    CouncilMember,
    CriteriaPart,
    CriteriaSet,
    Criterion,
    Decision,
    Enrolment,
    EvaluationRound,
    LevelRule,
    Recognition,
    RecognitionPeriod,
    Score,
    StarThreshold,
)
from evaluation.queries import enrolments_for_user, rounds_for_user
from ocop.admin_helpers import ReadOnlyAdmin


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# The rulebook is versioned data loaded by migrations (evaluation/rulebook/): read-only here, so that a
# decided round's rules can never change under it. A new rule version is a new rulebook module.
class StarThresholdInline(ReadOnlyInline):
    model = StarThreshold
    show_change_link = False


class CriteriaPartInline(ReadOnlyInline):
    model = CriteriaPart
    show_change_link = False


@admin.register(CriteriaSet)
class CriteriaSetAdmin(ReadOnlyAdmin):
    list_display = ["decision", "name", "issued_on"]
    inlines = [CriteriaPartInline, StarThresholdInline]


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "part", "product_group", "max_points", "knockout"]
    list_filter = ["part__criteria_set", "product_group", "knockout"]
    list_select_related = ["part", "product_group"]


class LevelRuleInline(ReadOnlyInline):
    model = LevelRule
    show_change_link = False


@admin.register(RecognitionPeriod)
class RecognitionPeriodAdmin(ReadOnlyAdmin):
    list_display = ["name", "criteria_set", "valid_from", "valid_until"]
    inlines = [LevelRuleInline]


class MemberInline(ReadOnlyInline):
    model = CouncilMember
    fields = ["position", "name", "role", "title", "unit"]


class EnrolmentInline(ReadOnlyInline):
    model = Enrolment
    fields = ["position", "product", "points", "stars", "outcome", "potential_five", "needs_rescoring"]


@admin.register(EvaluationRound)
class EvaluationRoundAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "level", "criteria_set", "starts_on", "state"]
    list_filter = ["state", "level", "year", "province"]
    inlines = [MemberInline, EnrolmentInline]

    def get_queryset(self, request):
        return rounds_for_user(request.user)


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = ["product", "round", "points", "stars", "outcome"]
    list_filter = ["outcome", "stars", "round__year"]
    list_select_related = ["product", "round", "round__province"]
    search_fields = ["product__name"]

    def get_queryset(self, request):
        return enrolments_for_user(request.user)


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdmin):
    list_display = ["enrolment", "member", "part", "criterion", "points"]
    list_select_related = ["enrolment__product", "enrolment__round__province", "member", "part", "criterion"]

    def get_queryset(self, request):
        return Score.objects.filter(enrolment__in=enrolments_for_user(request.user))


class RecognitionInline(ReadOnlyInline):
    model = Recognition
    fields = ["position", "product", "stars", "points", "potential_five"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["number", "signed_on", "signer_name", "round"]
    inlines = [RecognitionInline]

    def get_queryset(self, request):
        return Decision.objects.filter(round__in=rounds_for_user(request.user))
