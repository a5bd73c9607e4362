"""Issue 18: no 5xx on bad input. Every POST form a demo role reaches by following the
portal's links is sent once per kind of bad input (empty, 10k characters, RTL marks and
emoji, NUL, SQL, HTML, negative and huge numbers, impossible dates, wrong choices,
duplicated fields, wrong, polyglot and oversized files); no answer may be a 5xx."""

import sys
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.signals import got_request_exception
from django.test import Client

from tests.portal.fuzz import NUL, as_post_data, crawl, payloads, plain_urls
from tests.portal.test_safe_next import BAD as BAD_NEXT

pytestmark = pytest.mark.django_db

# The fuzz must reach at least this many distinct POST forms (the walk found 0 would pass).
MIN_FORMS = 60


@pytest.fixture
def demo(settings):
    settings.UPLOAD_MAX_BYTES = 64 * 1024  # the oversized file stays small
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    return get_user_model().objects.filter(email__endswith="@example.com").order_by("pk")


class _Exceptions:
    def __init__(self):
        self.last = ""

    def __call__(self, sender, request=None, **kwargs):
        error = sys.exc_info()[1]
        self.last = f"{type(error).__name__}: {str(error)[:200]}"


def _discover(users):
    """The POST forms by URL name, with the first role (or anonymous) that reached them."""
    found = {}
    anonymous = Client(raise_request_exception=False)
    forms, _pages = crawl(anonymous, plain_urls())
    found.update({name: (None, form) for name, form in forms.items()})
    shared: set[str] = set()
    for user in users:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        forms, _pages = crawl(client, ["/fr/dashboard/", *plain_urls()], shared)
        for name, form in forms.items():
            found.setdefault(name, (user, form))
    return found


def test_every_form_survives_bad_input(demo):
    """One test, one seeded demo: discovering the forms costs more than fuzzing them."""
    found = _discover(list(demo))
    assert len(found) >= MIN_FORMS, sorted(found)
    assert _fuzz(found) == []
    assert _bad_next(found) == []
    _errors_in_the_pages_language(found)


def _fuzz(found) -> list[str]:
    exceptions = _Exceptions()
    got_request_exception.connect(exceptions)
    failures = []
    try:
        for name, (user, form) in sorted(found.items()):
            for kind, body in payloads(form, settings.UPLOAD_MAX_BYTES).items():
                client = Client(raise_request_exception=False)
                if user is not None:
                    client.force_login(user)
                exceptions.last = ""
                response = client.post(form.action, as_post_data(body))
                if response.status_code >= 500:
                    who = user.email if user else "anonymous"
                    failures.append(
                        f"{name} {form.action} [{kind}] as {who}: "
                        f"{response.status_code} {exceptions.last}"
                    )
    finally:
        got_request_exception.disconnect(exceptions)
    return failures


def _bad_next(found) -> list[str]:
    """Every form that carries a `next`, sent with each bad value: no 5xx, never off-site."""
    failures = []
    with_next = [
        (name, user, form)
        for name, (user, form) in found.items()
        if "next" in {f["name"] for f in form.fields}
    ]
    assert with_next, "the job site's follow form carries a next"
    for name, user, form in with_next:
        for value in BAD_NEXT:
            client = Client(raise_request_exception=False)
            if user is not None:
                client.force_login(user)
            body = [(k, value if k == "next" else v) for k, v in form.base()]
            response = client.post(form.action, as_post_data(body))
            where = urlsplit(response.get("Location", ""))
            if response.status_code >= 500 or where.netloc not in {"", "testserver"}:
                failures.append(f"{name} next={value!r}: {response.status_code} {where}")
    return failures


# A sample of forms and the message each gives, by language, for a NUL in a text field.
NUL_MESSAGE = {
    "fr": "Le caractère nul n’est pas autorisé.",
    "en": "Null characters are not allowed.",
}
SAMPLE = ["organisation_new", "permits:register", "matching:operator_profile", "profile"]


def _errors_in_the_pages_language(found):
    for name in SAMPLE:
        user, form = found[name]
        for lang, message in NUL_MESSAGE.items():
            client = Client()
            client.force_login(user)
            texts = set(form.of_type("text", "textarea"))
            body = [(k, NUL if k in texts else v) for k, v in form.base()]
            action = form.action.replace("/fr/", f"/{lang}/", 1)
            page = client.post(action, as_post_data(body)).content.decode()
            assert message in page and f'lang="{lang}"' in page, (name, lang)
