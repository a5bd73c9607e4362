"""Redis restarted (its queues lost: nothing saved to disk) while the web serves and e-mails
are queued: pages keep working, sign-in too (the rate limits do not hold while Redis is
down: docs/production.md), and every e-mail goes out once, re-queued from the database by
the outbox sweep (the beat job)."""

from collections import Counter

from tests.factories import PASSWORD
from tests.faults import stack
from tests.faults.mailbox import delivered
from tests.faults.visitor import Visitor

PAGES = ["/fr/", "/en/"]


def test_pages_and_e_mails_survive_a_redis_restart(
    private_postgres, private_database, private_redis, processes, tmp_path
):
    local = tmp_path / "local"
    env = stack.portal_env(private_database, private_redis.url(0), local)
    stack.django_script(
        env,
        "from tests.faults.scenarios import users\n"
        "users('ana@example.org', 'ben@example.org', 'cleo@example.org')",
    )
    web, base = stack.gunicorn(env, tmp_path / "web.log")
    processes.append(web)
    ana = Visitor(base)
    signed_in = ana.sign_in("ana@example.org", PASSWORD)
    assert signed_in.status_code == 302
    home = signed_in.headers["Location"]

    # A request queues an e-mail while no worker runs: the task waits in Redis.
    assert Visitor(base).post("/fr/accounts/password/reset/", {"email": "ben@example.org"}).ok

    private_redis.stop()  # its queue is gone with it
    for path in [*PAGES, home]:
        assert ana.get(path).status_code == 200, path
    assert Visitor(base).get("/fr/accounts/login/").status_code == 200
    assert Visitor(base).sign_in("ben@example.org", PASSWORD).status_code == 302
    reset = Visitor(base).post("/fr/accounts/password/reset/", {"email": "cleo@example.org"})
    assert reset.status_code == 302  # stored; its task could not be queued
    assert "ERROR" in web.log() and "not queued" in web.log()

    private_redis.start()
    for path in [*PAGES, home]:
        assert ana.get(path).status_code == 200, path
    processes.append(stack.celery_worker(env, tmp_path / "worker.log"))
    # The sweep (every 5 minutes) takes the messages queued more than 2 minutes ago.
    name = private_database.rsplit("/", 1)[1]
    private_postgres.execute(
        "UPDATE portal_outboundemail SET updated_at = updated_at - interval '3 minutes'", name
    )
    stack.enqueue(private_redis.url(0), "portal.tasks.retry_unsent_emails")
    stack.wait_until(
        lambda: Counter(delivered(local)) == Counter(["ben@example.org", "cleo@example.org"]),
        "both e-mails delivered",
        90,
    )
    states = private_postgres.execute('SELECT "to", status FROM portal_outboundemail', name)
    assert sorted(states) == [("ben@example.org", "sent"), ("cleo@example.org", "sent")]
