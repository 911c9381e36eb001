"""Domain errors: each carries a translated message fit to show the user."""

from ocop.errors import DomainError


class EvaluationError(DomainError):
    """A refusal of the evaluation app (rounds, councils, scores, decisions)."""


class RoundLocked(EvaluationError):
    """A score of a round that is no longer open was about to change outside a correction."""


class ScoreConflict(EvaluationError):
    """Someone else saved the same product's scores since the sheet was opened."""

    def __init__(self, message, enrolment):
        super().__init__(message)
        self.enrolment = enrolment
