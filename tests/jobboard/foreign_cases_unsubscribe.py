"""Foreign-user walk: the unsubscribe link holds its own signed proof (no tenant data)."""

from tests.foreign_walk import Case

PUBLIC = {
    "jobboard:unsubscribe": "signed token of one user's mailing; shows only that address",
}


def cases(world) -> list[Case]:
    return []
