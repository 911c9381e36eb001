"""The base of every app's domain errors: a refusal whose message, already translated, is fit to show the user.

Each app raises its own subclass (accounts: AccountError, products: DossierError, evaluation: EvaluationError,
certificates: CertificateError); a view that calls services catches DomainError, whatever layer refused.
"""


class DomainError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message
