"""Casework benchmarks: the shared client registry with 1,000,000 clients and 50,000
employers. Client search by a misspelt name + birth date (the page, the query function and
the bare SQL), the duplicate check run on registration, and an employer search; p50/p95 and
the number of queries. Runs in a throw-away test database; prints figures.

    .venv/bin/python bench/bench_casework.py                 # 1,000,000 clients, 50,000 employers
    .venv/bin/python bench/bench_casework.py 100000 5000     # smaller
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

SAMPLES = 200


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["*"]
    # Its own database, so the tests can run meanwhile.
    database = settings.DATABASES["default"]
    database.setdefault("TEST", {})["NAME"] = f"bench_{database['NAME']}"
    clients = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    employers = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        context = seed_registry(clients, employers)
        bench_search(context)
    finally:
        runner.teardown_databases(old)


# --- Data -------------------------------------------------------------------------------------

SYLLABLES = [
    "ma", "ri", "lo", "ga", "gne", "tre", "blay", "bou", "chard", "lé", "vê", "que", "ro", "y",
    "pel", "le", "tier", "ber", "ge", "ron", "sé", "bas", "tien", "mac", "don", "ald", "cam",
    "bell", "ste", "wart", "thi", "bault", "fon", "taine", "côté", "mo", "rin", "gau", "thier",
    "la", "voie", "for", "tin", "ouel", "let", "pa", "quet", "te", "gi", "rard", "si", "mard",
]  # fmt: skip
FIRST = [
    "Émilie", "Léa", "Chloé", "Camille", "Zoé", "Maëlle", "Noémie", "Sarah", "Olivia", "Emma",
    "Ava", "Hannah", "Jade", "Rosalie", "Florence", "Gabriel", "Thomas", "William", "Félix",
    "Nathan", "Samuel", "Liam", "Noah", "Jacob", "Olivier", "Raphaël", "Mathis", "Ethan",
    "Logan", "Aiden", "Maya", "Aanya", "Mohamed", "Yasmine", "Kiona", "Tyler", "Jordan",
    "Philippe", "Catherine", "Mackenzie", "Jean-François", "Marie-Ève", "Antoine", "Laurence",
]  # fmt: skip


def _last_names(rng, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        names.add(word.capitalize())
    return sorted(names)


def _copy(cursor, table: str, columns: list[str], rows) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def seed_registry(client_count: int, employer_count: int) -> dict:
    """Clients and employers written with COPY (their search keys computed by the same
    Python as the app), indexes dropped during the load and built after."""
    import datetime

    from django.db import connection

    from casework import names
    from casework.models import Client, Employer
    from tests.casework.helpers import make_provider, make_worker

    rng = random.Random(7)
    provider, _point = make_provider("Bench Provider", eo_id="EO-9999")
    worker = make_worker(provider)
    group_id = provider.group.pk
    lasts = _last_names(rng, 20_000)
    sound: dict[str, str] = {}

    def key_of(first, last):
        pair = f"{first} {last}"
        if pair not in sound:
            sound[pair] = names.sound_key(pair)
        return sound[pair]

    start = time.perf_counter()
    seen: set[tuple[str, datetime.date]] = set()
    rows: list[tuple] = []
    first_day = datetime.date(2004, 1, 1)
    now = datetime.datetime.now(datetime.UTC)
    while len(rows) < client_count:
        first, last = rng.choice(FIRST), rng.choice(lasts)
        born = first_day + datetime.timedelta(days=rng.randrange(365 * 8))
        name_key = names.person_name_key(first, last)
        if (name_key, born) in seen:
            continue
        seen.add((name_key, born))
        phone = f"705555{len(rows) % 10000:04d}"
        rows.append(
            (first, "", last, born, "fr", phone, "", "", "Sudbury", "", name_key,
             key_of(first, last), phone, "", now, now, group_id)
        )  # fmt: skip
    columns = [
        "first_name", "middle_name", "last_name", "birth_date", "language", "phone", "email",
        "street_address", "city", "postal_code", "name_key", "sound_key", "phone_key",
        "income_source", "created_at", "updated_at", "created_by_group_id",
    ]  # fmt: skip
    client_indexes = ["client_name_trgm", "client_birth_date", "client_sound_key", "client_phone"]
    with connection.cursor() as cursor:
        definitions = _drop_indexes(cursor, client_indexes + ["client_exact_duplicate"])
        _copy(cursor.cursor, Client._meta.db_table, columns, rows)
        employer_rows: list[tuple] = []
        numbers: set[str] = set()
        while len(employer_rows) < employer_count:
            number = f"{rng.randrange(10**8, 10**9)}"
            if number in numbers:
                continue
            numbers.add(number)
            legal = (
                f"{rng.choice(lasts)} {rng.choice(['inc.', 'ltée', 'Ltd.', 'Services', 'Café'])}"
            )
            employer_rows.append(
                (legal, "", number, number, names.normalise(legal), "", "", "", "", "Sudbury",
                 "", now, now)
            )  # fmt: skip
        _copy(
            cursor.cursor,
            Employer._meta.db_table,
            ["legal_name", "operating_name", "business_number", "business_number_key",
             "name_key", "contact_name", "phone", "email", "street_address", "city",
             "postal_code", "created_at", "updated_at"],
            employer_rows,
        )  # fmt: skip
        loaded = time.perf_counter()
        for sql in definitions:
            cursor.execute(sql)
        cursor.execute("ANALYZE casework_client")
        cursor.execute("ANALYZE casework_employer")
    print(
        f"seeded {client_count:,} clients and {employer_count:,} employers: COPY "
        f"{loaded - start:.0f} s, indexes {time.perf_counter() - loaded:.0f} s"
    )
    samples = rng.sample(rows, SAMPLES)
    return {"provider": provider, "worker": worker, "samples": samples, "rng": rng}


def _drop_indexes(cursor, index_names: list[str]) -> list[str]:
    """Drop the named indexes (and the exact-duplicate unique index); return the SQL that
    builds them again."""
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)", [index_names]
    )
    found = cursor.fetchall()
    for name, _definition in found:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in found]


def misspell(rng, text: str) -> str:
    """One typing error: two letters swapped, a letter dropped or doubled, accents lost."""
    from casework.names import normalise

    text = rng.choice([text, normalise(text)])
    i = rng.randrange(1, max(2, len(text) - 1))
    kind = rng.randrange(3)
    if kind == 0 and i + 1 < len(text):
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if kind == 1:
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i] + text[i:]


# --- Measures ---------------------------------------------------------------------------------


def _measure(label: str, calls, bare=None) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, counts, found = [], set(), 0
    for call in calls:
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            hit = call()
        timings.append((time.perf_counter() - start) * 1000)
        counts.add(len(queries))
        found += bool(hit)
    line = f"{label}: p50 {statistics.median(timings):.1f} ms, p95 {_p95(timings):.1f} ms, "
    line += f"queries {sorted(counts)}, found the person {found}/{len(timings)}"
    if bare is not None:
        bare_times = []
        for call in bare:
            start = time.perf_counter()
            call()
            bare_times.append((time.perf_counter() - start) * 1000)
        ratio = _p95(timings) / max(_p95(bare_times), 0.001)
        line += f"; bare SQL p50 {statistics.median(bare_times):.1f} ms, p95 "
        line += f"{_p95(bare_times):.1f} ms (x{ratio:.1f})"
    print(line)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def bench_search(context: dict) -> None:
    from django.db import connection
    from django.test import Client as HttpClient

    from casework import names
    from casework.registry import queries

    rng, provider, samples = context["rng"], context["provider"], context["samples"]
    group = provider.group
    typed = [(misspell(rng, f"{row[0]} {row[2]}"), row[3], row[10]) for row in samples]
    http = HttpClient()
    http.force_login(context["worker"])
    base = f"/en/casework/p/{group.pk}/clients/"
    http.get(base, {"name": typed[0][0], "birth_date": typed[0][1].isoformat()})  # warm up

    def page(name, born, key):
        response = http.get(base, {"name": name, "birth_date": born.isoformat()})
        assert response.status_code == 200
        return key in {c.name_key for c in response.context["results"]}

    bare_search = (
        "SELECT id, first_name, last_name, birth_date, city, similarity(name_key, %s) AS s "
        "FROM casework_client WHERE merged_into_id IS NULL AND birth_date = %s "
        "AND (similarity(name_key, %s) >= 0.3 OR sound_key = %s) "
        "ORDER BY s DESC, last_name, first_name, id LIMIT 25"
    )

    def bare(name, born, explain=""):
        with connection.cursor() as cursor:
            key = names.normalise(name)
            cursor.execute(explain + bare_search, [key, born, key, names.sound_key(name)])
            return cursor.fetchall()

    plan = bare(typed[0][0], typed[0][1], explain="EXPLAIN (ANALYZE, BUFFERS) ")
    print("plan of the search:\n  " + "\n  ".join(row[0] for row in plan))

    points = f"/en/casework/p/{group.pk}/service-points/"
    _measure(
        "baseline: a page without search (service points)",
        [lambda: http.get(points).status_code == 200 for _ in range(50)],
    )
    _measure(
        "client search page, misspelt name + birth date",
        [lambda t=t: page(*t) for t in typed],
        [lambda t=t: bare(t[0], t[1]) for t in typed],
    )
    _measure(
        "client_search(), misspelt name + birth date",
        [
            lambda t=t: (
                t[2] in {c.name_key for c in queries.client_search(name=t[0], birth_date=t[1])}
            )
            for t in typed
        ],
        [lambda t=t: bare(t[0], t[1]) for t in typed],
    )

    # The duplicate check on registration: exact duplicate + near duplicates (same or swapped
    # birth date, similar or same-sounding name).
    def check(name, born, key):
        first, _space, last = name.partition(" ")
        queries.client_exact_duplicate(first, last, born)
        return key in {c.name_key for c in queries.client_near_duplicates(first, last, born)}

    bare_check = (
        "SELECT id FROM casework_client WHERE merged_into_id IS NULL AND birth_date = ANY(%s) "
        "AND (similarity(name_key, %s) >= 0.45 OR sound_key = %s) "
        "ORDER BY similarity(name_key, %s) DESC, id LIMIT 10"
    )

    def bare_dup(name, born):
        from casework.registry.queries import swapped_birth_date

        key = names.normalise(name)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM casework_client WHERE merged_into_id IS NULL AND name_key = %s "
                "AND birth_date = %s LIMIT 1",
                [key, born],
            )
            dates = [born] + [d for d in [swapped_birth_date(born)] if d]
            cursor.execute(bare_check, [dates, key, names.sound_key(name), key])
            return cursor.fetchall()

    _measure(
        "duplicate check on registration (exact + near)",
        [lambda t=t: check(*t) for t in typed],
        [lambda t=t: bare_dup(t[0], t[1]) for t in typed],
    )

    # Without a birth date: the name alone over 1,000,000 rows (trigram index).
    _measure(
        "client search page, misspelt name only",
        [lambda t=t: http.get(base, {"name": t[0]}).status_code == 200 for t in typed[:50]],
    )
    employer_names = list(
        __import__("casework.models", fromlist=["Employer"])
        .Employer.objects.order_by("?")
        .values_list("legal_name", flat=True)[:50]
    )
    emp_base = f"/en/casework/p/{group.pk}/employers/"
    _measure(
        "employer search page, misspelt name",
        [
            lambda n=n: http.get(emp_base, {"q": misspell(rng, n)}).status_code == 200
            for n in employer_names
        ],
    )


if __name__ == "__main__":
    main()
