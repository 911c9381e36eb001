"""Domain errors: each carries a translated message fit to show the user."""

from django.utils.translation import gettext as _

from evaluation.enums import RoundState
from ocop.errors import DomainError


class EvaluationError(DomainError):
    """A refusal of the evaluation app (rounds, councils, scores, decisions)."""


class RoundLocked(EvaluationError):
    """A score of a round that is no longer open was about to change outside a correction."""

    @classmethod
    def for_state(cls, state):
        """Why the scores of a round in `state` cannot change now, and what is the way to change them."""
        if state == RoundState.SCORED:  # not locked for good: staff reopen scoring
            return cls(_("Scoring of this round is closed. To change a score, reopen scoring with “→ %(state)s” on "
                         "the round's page.") % {"state": RoundState.SCORING.label})
        if state == RoundState.CANCELLED:
            return cls(_("The round was cancelled: its scores can no longer be changed."))
        return cls(_("The scores of this round are locked; use a recorded correction."))


class ScoreConflict(EvaluationError):
    """Someone else saved the same product's scores since the sheet was opened."""

    def __init__(self, message, enrolment):
        super().__init__(message)
        self.enrolment = enrolment
