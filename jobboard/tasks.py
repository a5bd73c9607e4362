"""Scheduled job board jobs (CELERY_BEAT_SCHEDULE) and the targeted send's worker task."""

from celery import shared_task

from jobboard.boosts import alerts as alerts_employer
from jobboard.boosts import services as boosts
from jobboard.postings import services
from jobboard.seekers import digest, saved_searches
from jobboard.seekers import services as seekers


@shared_task(name="jobboard.publish_and_expire_postings")
def publish_and_expire_postings() -> dict[str, int]:
    """Publish and expire, then the employer alerts those changes (and dates) call for."""
    done = services.postings_publish_and_expire()
    # Paid targeted sends whose task the broker lost go out now (nothing is sent twice).
    resumed = {"targeted_resumed": boosts.targeted_sends_resume()}
    return {**done, **alerts_employer.employer_alerts_run(), **resumed}


@shared_task(name="jobboard.employer_alerts")
def employer_alerts() -> dict[str, int]:
    return alerts_employer.employer_alerts_run()


@shared_task(
    name="jobboard.targeted_send",
    autoretry_for=(Exception,),
    retry_backoff=60,
    max_retries=5,
)
def targeted_send_task(send_id: int) -> int:
    return boosts.targeted_send_run(send_id)


@shared_task(name="jobboard.follower_notices")
def follower_notices(posting_ids: list[int]) -> int:
    return sum(seekers.follower_notices_send(posting_id=pk) for pk in posting_ids)


@shared_task(name="jobboard.weekly_digest")
def weekly_digest() -> int:
    return digest.weekly_digest_send()


@shared_task(name="jobboard.saved_search_alerts")
def saved_search_alerts() -> int:
    return saved_searches.saved_search_alerts()
