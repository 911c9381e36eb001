"""The Lai Châu 2019–2020 programme in the demo data: its plan and targets, product ideas, points of sale, training
courses and the award ceremony of 13/12/2020."""

from programme.demo import ideas, outlets, plans, training


def load_programme_demo(*, staff=None, official=None) -> list[str]:
    """Loads every part (each safe to run twice) and returns their log lines."""
    parts = (training, outlets, ideas, plans)  # the plan last: its progress counts what the others recorded
    return [line for part in parts if (line := part.load(staff=staff, official=official))]
