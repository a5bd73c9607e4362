"""Business days: weekends and Canadian statutory holidays are skipped."""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _holidays(year: int, subdivision: str | None):
    return holidays.country_holidays("CA", subdiv=subdivision, years=year)


def is_business_day(day: date, subdivision: str | None = None) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year, subdivision)


def add_business_days(start: date, days: int, subdivision: str | None = None) -> date:
    """The date `days` business days after `start` (start itself is not counted)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_business_day(current, subdivision):
            remaining -= 1
    return current
