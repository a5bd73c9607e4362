import re

from django.core import mail


def last_email_to(address: str):
    for message in reversed(mail.outbox):
        if address in message.to:
            return message
    raise AssertionError(f"no e-mail to {address}; sent: {[m.to for m in mail.outbox]}")


def link_in(text: str, contains: str) -> str:
    """The first absolute or relative link in `text` containing `contains`."""
    for url in re.findall(r"https?://[^\s\"'<>]+", text):
        if contains in url:
            return url
    raise AssertionError(f"no link with {contains!r} in:\n{text}")


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def run_concurrently(*calls, refused: tuple[type[Exception], ...] = ()) -> list:
    """Run each call in its own thread, so each has its own database connection, all released
    at the same instant. Returns each call's result in order, or the exception it raised when
    that exception is one of `refused`; any other exception is raised here."""
    import threading

    from django.db import connection

    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)
    errors: list[BaseException] = []

    def worker(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except refused as error:
            results[index] = error
        except BaseException as error:  # surfaced in the test's thread below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    if errors:
        raise errors[0]
    return results
