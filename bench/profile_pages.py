"""Where a page's time goes: the pages of bench_http.py rendered in this process against the
database that `bench_http.py --keep` left, with CPU time per request (steadier than req/s on
a shared machine), SQL queries, and optionally a cProfile of one page.

    .venv/bin/python bench/bench_http.py --keep --only healthz --seconds 1
    .venv/bin/python bench/profile_pages.py [--only "owner search"] [--cprofile] [-n 30]
"""

import argparse
import cProfile
import os
import pstats
import time
from urllib.parse import urlsplit

import bench_http


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="")
    parser.add_argument("-n", type=int, default=30, help="requests per page")
    parser.add_argument("--cprofile", action="store_true", help="profile the first page chosen")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--sql", action="store_true", help="print each page's statements")
    parser.add_argument(
        "--floor", action="store_true", help="also a signed-in page whose view does nothing"
    )
    args = parser.parse_args()

    base = bench_http.base_database_url()
    name = urlsplit(base).path.lstrip("/") + "_bench_http"
    env = bench_http.server_env(bench_http.with_db_name(base, name), "60")
    cookies, pages = bench_http.sessions_and_pages(env)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    if args.floor:
        settings.ROOT_URLCONF = "bench.floor_urls"
        pages.insert(
            0, bench_http.Page("floor (signed in, empty view)", "owner@example.com", "/fr/floor/")
        )
    pages = [p for p in pages if args.only in p.label]
    print(f"{'page':34s} {'wall ms':>8s} {'CPU ms':>8s} {'queries':>8s}")
    for page in pages:
        client = Client()
        if page.user:
            client.cookies[settings.SESSION_COOKIE_NAME] = cookies[page.user].split("=", 1)[1]
        for _ in range(3):  # warm: template cache, first connection
            assert client.get(page.path).status_code == 200, page
        connection.force_debug_cursor = True  # the log is emptied at each request's start
        client.get(page.path)
        queries = list(connection.queries_log)
        connection.force_debug_cursor = False
        profiler = cProfile.Profile() if args.cprofile else None
        wall, cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        for _ in range(args.n):
            client.get(page.path)
        if profiler:
            profiler.disable()
        wall = (time.perf_counter() - wall) * 1000 / args.n
        cpu = (time.process_time() - cpu) * 1000 / args.n
        print(f"{page.label:34s} {wall:8.1f} {cpu:8.1f} {len(queries):8d}", flush=True)
        if args.sql:
            for query in queries:
                print(f"    {query['sql'][: int(os.environ.get('SQL_WIDTH', 160))]}")
        if profiler:
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(45)
            return


if __name__ == "__main__":
    main()
