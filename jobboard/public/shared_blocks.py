"""Blocks of the job site that every visitor sees the same (issue 19): the home's lists and a
search's page of results. Anonymous visitors get whole pages from the page cache; a signed-in
seeker's page is rendered for them, but these blocks are taken from the shared cache.

A block is stored with the page cache's generation (portal.lib.page_cache) and used only while
it is still current: a posting or a company that changes bumps the generation (now and once the
transaction commits), so a block never outlives the rows it shows. The key holds the page's
language and today's date (the featured flag and the deadlines change with the day), and a
block expires after the page cache's own delay anyway.
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.utils import timezone, translation

from portal.lib.page_cache import GENERATION_KEY, SERVER_SECONDS


def shared_block(name: str, parts: Any, build: Callable[[], Any]) -> Any:
    """`build()`, or the value stored for (name, parts) in this language and day while the
    job site has not changed since (one cache round trip)."""
    address = repr((name, translation.get_language(), timezone.localdate().isoformat(), parts))
    key = "jobboard:block:" + hashlib.sha256(address.encode()).hexdigest()
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY, 0)
    entry = found.get(key)
    if entry is not None and entry[0] == generation:
        return entry[1]
    value = build()
    cache.set(key, (generation, value), SERVER_SECONDS)
    return value
