"""Domain errors: each carries a translated message fit to show the user."""


class EvaluationError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


class RoundLocked(EvaluationError):
    """A score of a round that is no longer open was about to change outside a correction."""


class ScoreConflict(EvaluationError):
    """Someone else saved the same product's scores since the sheet was opened."""

    def __init__(self, message, enrolment):
        super().__init__(message)
        self.enrolment = enrolment
