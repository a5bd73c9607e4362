"""C6: a user of another organisation gets 404 or 403 on every tenant URL, never data."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.files import private_file_store
from portal.services.organisations import organisation_request
from tests.factories import OrganisationFactory, UserFactory
from tests.foreign_walk import PUBLIC, PUBLIC_PREFIXES, TENANT_CASES, Case, url_names, walk

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def full_world(world):
    world.alice_file = private_file_store(
        upload=SimpleUploadedFile("consent.pdf", PDF), owner=world.alice, attach_to=world.acme
    )
    organisation_request(
        user=world.alice, organisation=OrganisationFactory.build(), service="jobboard"
    )
    from portal.models import Review

    world.regulator_review = Review.objects.get()
    world.other_staff = UserFactory(staff_role="certification_office")
    return world


def test_every_url_is_classified():
    tenant_names = set(_tenant_names())
    unclassified = {
        name
        for name in url_names()
        if name not in PUBLIC and name not in tenant_names and not name.startswith(PUBLIC_PREFIXES)
    }
    assert not unclassified, f"add these URL names to tests/foreign_walk.py: {sorted(unclassified)}"


def _tenant_names():
    # Build the cases with a stand-in world whose every attribute has a pk.
    class Stub:
        pk = 1

        def __getattr__(self, item):
            return Stub()

    for builder in TENANT_CASES:
        for case in builder(Stub()):
            yield case.name


def test_outsiders_get_404_or_403_everywhere(client, full_world):
    assert walk(client, full_world) == []


def test_insiders_do_get_the_pages(client, full_world):
    """The walk would pass trivially if the pages failed for everyone."""
    client.force_login(full_world.alice)
    assert client.get(f"/fr/groups/{full_world.acme.pk}/").status_code == 200
    assert client.get(f"/fr/files/{full_world.alice_file.pk}/").status_code == 200


@pytest.mark.urls("tests.portal.unscoped_urls")
def test_the_walk_catches_a_view_that_forgets_scoping(client, full_world):
    def leaky(world):
        return [Case("leaky_group", {"group_id": world.acme.pk}, world.charlie)]

    leaks = walk(client, full_world, builders=[leaky])
    assert leaks and "leaky_group" in leaks[0]
