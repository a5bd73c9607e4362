"""Foreign-user walk for the casework pages (filled as pages come)."""

from tests.foreign_walk import Case

PUBLIC = {
    "casework:home": "redirects to the user's own provider or the ministry desk",
}


def cases(world) -> list[Case]:
    return []


# The plans part of the app (tests/casework/foreign_cases_plans.py).
from tests.casework import foreign_cases_plans  # noqa: E402

PUBLIC.update(foreign_cases_plans.PUBLIC)
_registry_cases = cases


def cases(world) -> list[Case]:  # noqa: F811
    return _registry_cases(world) + foreign_cases_plans.cases(world)
