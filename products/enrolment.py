"""How the products app hands a dossier to an evaluation round without depending on the app that runs rounds.

Rounds belong to the evaluation app, above this one. It registers its two functions here when it loads
(evaluation.apps); the dossier queue (products.dossier_views) and `services.accept_dossier` call them and never
import a round. The same pattern as standing.py.
"""

_open_rounds = None
_enrol = None


def provide(*, open_rounds, enrol) -> None:
    """Called once by the evaluation app: `open_rounds(user) -> queryset` of the rounds this user may accept a
    dossier into; `enrol(round_, product, *, actor) -> enrolment`, which raises a DomainError when it refuses."""
    global _open_rounds, _enrol
    _open_rounds, _enrol = open_rounds, enrol


def _provided(function):
    if function is None:
        raise RuntimeError("the evaluation app is not installed: no dossier can be accepted into a round")
    return function


def open_rounds(user):
    return _provided(_open_rounds)(user)


def enrol(round_, product, *, actor):
    return _provided(_enrol)(round_, product, actor=actor)
