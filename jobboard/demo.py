"""Job board demo (idempotent)."""

from jobboard import demo_postings


def seed() -> None:
    demo_postings.seed()
