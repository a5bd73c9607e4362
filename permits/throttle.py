"""PIN guessing limits (P7): failed "Associate" tries counted in the cache (Redis in
production, shared by every web worker) per user and per client address, over a window."""

from django.core.cache import cache

WINDOW_SECONDS = 15 * 60
USER_LIMIT = 5  # failed tries per user per window
ADDRESS_LIMIT = 20  # failed tries per client address per window (several people, one office)


def _keys(user_id: int, ip: str) -> tuple[str, str]:
    return f"permits:pin:user:{user_id}", f"permits:pin:ip:{ip}"


def is_throttled(user_id: int, ip: str) -> bool:
    user_key, ip_key = _keys(user_id, ip)
    counts = cache.get_many([user_key, ip_key])
    return counts.get(user_key, 0) >= USER_LIMIT or counts.get(ip_key, 0) >= ADDRESS_LIMIT


def count_failure(user_id: int, ip: str) -> None:
    for key in _keys(user_id, ip):
        cache.add(key, 0, WINDOW_SECONDS)  # starts the window; no-op when it runs already
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, WINDOW_SECONDS)
