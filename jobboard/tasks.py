"""Scheduled job board jobs (CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from jobboard import digest, seekers, services


@shared_task(name="jobboard.publish_and_expire_postings")
def publish_and_expire_postings() -> dict[str, int]:
    return services.postings_publish_and_expire()


@shared_task(name="jobboard.follower_notices")
def follower_notices(posting_ids: list[int]) -> int:
    return sum(seekers.follower_notices_send(posting_id=pk) for pk in posting_ids)


@shared_task(name="jobboard.weekly_digest")
def weekly_digest() -> int:
    return digest.weekly_digest_send()


@shared_task(name="jobboard.saved_search_alerts")
def saved_search_alerts() -> int:
    from jobboard import saved_searches

    return saved_searches.saved_search_alerts()
