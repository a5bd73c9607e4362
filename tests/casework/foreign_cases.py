"""Foreign-user walk for the casework pages (filled as pages come)."""

from tests.foreign_walk import Case

PUBLIC = {
    "casework:home": "redirects to the user's own provider or the ministry desk",
}


def cases(world) -> list[Case]:
    return []
