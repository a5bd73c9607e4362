"""The job board's demo (idempotent), package by package; `seed_demo` calls seed() and prints
DEMO_PEOPLE with the other demo accounts."""

from django.db import transaction

from jobboard.boosts import demo as boosts
from jobboard.employer import demo as employer
from jobboard.postings import demo as postings
from jobboard.public import demo as public
from jobboard.seekers import demo as seekers
from jobboard.seekers.demo import DEMO_PEOPLE
from jobboard.statistics import demo as statistics

__all__ = ["DEMO_PEOPLE", "seed"]


@transaction.atomic
def seed() -> None:
    employer.seed()  # imported companies, the demo company's information and people
    postings.seed()  # packages bought and a posting in every status
    public.seed()  # the job site: 300 postings online
    seekers.seed()  # job seekers, their consents and follows (J8)
    boosts.seed()  # targeted sends to those seekers, the employer's alerts on
    statistics.seed()  # 60 days of views, clicks and shares for the live postings
