from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CouncilLevel(models.TextChoices):
    COMMUNE = "commune", pgettext_lazy("council level", "Commune")
    DISTRICT = "district", pgettext_lazy("council level", "District")
    PROVINCE = "province", pgettext_lazy("council level", "Province")
    CENTRAL = "central", pgettext_lazy("council level", "Central")


class RoundState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("round state", "Draft")
    SCORING = "scoring", pgettext_lazy("round state", "Open for scoring")
    SCORED = "scored", pgettext_lazy("round state", "Scored")
    DECIDED = "decided", pgettext_lazy("round state", "Decided")
    CANCELLED = "cancelled", pgettext_lazy("round state", "Cancelled")


# The only moves a round may make; set_round_state refuses anything else.
ROUND_TRANSITIONS = {
    RoundState.DRAFT: {RoundState.SCORING, RoundState.CANCELLED},
    RoundState.SCORING: {RoundState.SCORED, RoundState.CANCELLED},
    RoundState.SCORED: {RoundState.SCORING, RoundState.DECIDED, RoundState.CANCELLED},
    RoundState.DECIDED: set(),
    RoundState.CANCELLED: set(),
}
SCORES_EDITABLE_IN = {RoundState.DRAFT, RoundState.SCORING}
ENROLMENT_OPEN_IN = {RoundState.DRAFT, RoundState.SCORING}


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")


class Outcome(models.TextChoices):
    PENDING = "pending", pgettext_lazy("outcome", "Not yet scored")
    RECOGNISED = "recognised", pgettext_lazy("outcome", "Recognised")
    NOT_RECOGNISED = "not_recognised", pgettext_lazy("outcome", "Not recognised")
    KNOCKED_OUT = "knocked_out", pgettext_lazy("outcome", "Failed (knock-out criterion)")
    PROPOSED = "proposed", pgettext_lazy("outcome", "Proposed to the higher level")
    SCREENED = "screened", pgettext_lazy("outcome", "Screened by the commune (no certificate)")
