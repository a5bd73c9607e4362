"""A Celery worker killed (SIGKILL, as the kernel's out-of-memory killer or a container's
end does) in the middle of a batch of e-mails, then started again: every recipient of the
weekly digest and of a targeted send gets exactly one e-mail."""

import json
from collections import Counter

from tests.faults import stack
from tests.faults.mailbox import delivered


def outbox_states(server, database_url: str) -> Counter:
    name = database_url.rsplit("/", 1)[1]
    rows = server.execute("SELECT status FROM portal_outboundemail", name)
    return Counter(status for (status,) in rows)


def test_a_killed_worker_loses_and_doubles_no_e_mail(
    private_postgres, private_database, private_redis, processes, tmp_path
):
    local = tmp_path / "local"
    env = stack.portal_env(private_database, private_redis.url(0), local)
    people = json.loads(
        stack.django_script(env, "from tests.faults.scenarios import mailings; mailings(6)")
    )
    everyone = people["digest"] + people["targeted"]

    # The worker delivers 5 messages and dies while sending the 6th.
    worker = stack.celery_worker({**env, "FAULTS_MAIL_HOLD_AFTER": "5"}, tmp_path / "w1.log")
    processes.append(worker)
    broker = private_redis.url(0)
    stack.enqueue(broker, "jobboard.weekly_digest")
    stack.enqueue(broker, "jobboard.targeted_send", people["send"])
    stack.wait_until(lambda: (local / "mailbox-held").exists(), "the sixth message", 90)
    worker.kill()
    assert len(delivered(local)) == 5
    assert outbox_states(private_postgres, private_database)["sent"] == 5

    # Started again. The beat job that sends what no worker sent runs (every 5 minutes);
    # the messages it must take back are older than its thresholds by then.
    processes.append(stack.celery_worker(env, tmp_path / "w2.log"))
    name = private_database.rsplit("/", 1)[1]
    private_postgres.execute(
        "UPDATE portal_outboundemail SET updated_at = updated_at - interval '11 minutes'"
        " WHERE status <> 'sent'",
        name,
    )
    stack.enqueue(broker, "portal.tasks.retry_unsent_emails")
    stack.wait_until(
        lambda: outbox_states(private_postgres, private_database) == Counter(sent=12),
        "every message sent",
        90,
    )

    # The tasks the killed worker held come back (Redis redelivers unacknowledged ones):
    # run them again; nothing more goes out.
    done = finished(tmp_path / "w2.log")
    stack.enqueue(broker, "jobboard.weekly_digest")
    stack.enqueue(broker, "jobboard.targeted_send", people["send"])
    stack.enqueue(broker, "portal.tasks.retry_unsent_emails")
    stack.wait_until(lambda: finished(tmp_path / "w2.log") >= done + 3, "the tasks run again", 90)
    assert sorted(delivered(local)) == sorted(everyone)
    assert Counter(delivered(local)).most_common(1)[0][1] == 1
    assert outbox_states(private_postgres, private_database) == Counter(sent=12)


def finished(log) -> int:
    """How many tasks the worker's log says it finished."""
    return log.read_text(errors="replace").count(" succeeded in ")
