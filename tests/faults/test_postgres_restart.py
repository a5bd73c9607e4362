"""PostgreSQL restarted (stopped at once, as a crash or a failover does) while the web is
under load: every request answers 503 with the portal's page in its language, /healthz says
why, and once the database is back every page works again by itself (the persistent
connections are checked before use: CONN_HEALTH_CHECKS), the signed-in session included."""

import threading
from collections import Counter

import requests

from tests.factories import PASSWORD
from tests.faults import stack
from tests.faults.visitor import Visitor


class Load:
    """Threads asking for pages without pause until stopped; the statuses they got."""

    def __init__(self, base: str, cookies, paths: list[str], threads: int = 4):
        self.statuses: Counter = Counter()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._run, args=(base, cookies, paths)) for _n in range(threads)
        ]
        for thread in self._threads:
            thread.start()

    def _run(self, base, cookies, paths) -> None:
        with requests.Session() as session:
            session.cookies.update(cookies)
            while not self._stop.is_set():
                for path in paths:
                    status = session.get(base + path, timeout=30, allow_redirects=False)
                    with self._lock:
                        self.statuses[status.status_code] += 1

    def count(self, status: int) -> int:
        with self._lock:
            return self.statuses[status]

    def stop(self) -> Counter:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)
        return self.statuses


def test_the_web_answers_503_while_postgres_restarts_and_recovers_by_itself(
    private_postgres, private_database, private_redis, processes, tmp_path
):
    env = stack.portal_env(private_database, private_redis.url(0), tmp_path / "local")
    stack.django_script(env, "from tests.faults.scenarios import users; users('ana@example.org')")
    web, base = stack.gunicorn(env, tmp_path / "web.log")
    processes.append(web)
    ana = Visitor(base)
    signed_in = ana.sign_in("ana@example.org", PASSWORD)
    assert signed_in.status_code == 302
    home = signed_in.headers["Location"]
    pages = ["/fr/", home, "/en/jobs/search/"]  # the home page itself needs no database
    load = Load(base, ana.session.cookies, pages)
    try:
        stack.wait_until(lambda: load.count(200) >= 20, "pages served before the fault")

        private_postgres.stop("immediate")
        stack.wait_until(lambda: load.count(503) >= 20, "503s during the outage")
        # Searches nobody made before the outage: a search the load made is in the shared
        # cache (the job site's result blocks) and may still be served without the database.
        fr = Visitor(base).get("/fr/jobs/search/?q=panne")
        en = Visitor(base).get("/en/jobs/search/?q=outage")
        assert (fr.status_code, en.status_code) == (503, 503)
        assert '<html lang="fr">' in fr.text and "momentanément indisponible" in fr.text
        assert '<html lang="en">' in en.text and "briefly unavailable" in en.text
        assert fr.headers["Retry-After"] == "30"
        assert ana.get(home).status_code == 503
        health = Visitor(base).get("/healthz")
        assert (health.status_code, health.text) == (503, "database unavailable: OperationalError")

        private_postgres.start()
        stack.wait_until(lambda: Visitor(base).get("/healthz").status_code == 200, "recovery")
        served = load.count(200)
        stack.wait_until(lambda: load.count(200) >= served + 40, "pages served after it")
    finally:
        statuses = load.stop()
    assert set(statuses) == {200, 503}, statuses  # never a 500
    assert [ana.get(path).status_code for path in pages * 5] == [200] * 15
    assert "Internal Server Error" not in web.log()
