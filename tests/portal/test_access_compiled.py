"""The staff pages' reads compiled once per process (issue 19): a group's permissions read as
guardian reads them, the request's memo dropped by a write, and the inbox's group summaries in
the reader's language."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from guardian.core import ObjectPermissionChecker

from portal.access import group_permissions
from portal.apps import group_summaries
from portal.lib import request_memo
from portal.services.permissions import sync_member_permissions
from tests.factories import GroupFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_groups_permissions_are_guardians(world):
    superuser = UserFactory(is_superuser=True)
    for user, group in [
        (world.alice, world.acme),
        (world.bob, world.acme),
        (world.alice, world.globex),  # not a member
        (world.charlie, world.globex),
        (superuser, world.acme),
    ]:
        checker = ObjectPermissionChecker(user)
        expected = checker.get_perms(group) if user.is_superuser else checker.get_user_perms(group)
        assert group_permissions(user, group) == set(expected)
    assert "portal_manage_group" in group_permissions(world.alice, world.acme)
    assert group_permissions(world.alice, world.globex) == set()


def test_a_role_given_during_the_request_is_read_after_it(world):
    token = request_memo._memo.set({})  # as RequestMemoMiddleware does
    try:
        assert "portal_manage_group" not in group_permissions(world.bob, world.acme)
        world.bob_in_acme.roles = ["manager"]
        world.bob_in_acme.save()
        sync_member_permissions(world.bob_in_acme)
        assert "portal_manage_group" in group_permissions(world.bob, world.acme)
    finally:
        request_memo._memo.reset(token)


def test_group_summaries_read_in_the_readers_language_in_one_statement():
    groups = [GroupFactory(organisation__legal_name=f"Org {n}") for n in range(3)]
    groups[1].name = "Équipe <Nord>"  # a typed name stays as typed
    groups[1].save()
    reviews = [SimpleNamespace(pk=100 + n, subject_id=g.pk) for n, g in enumerate(groups)]
    reviews.append(SimpleNamespace(pk=999, subject_id=-1))  # a group since deleted
    for language in ("fr", "en"):
        with translation.override(language), CaptureQueriesContext(connection) as queries:
            texts = group_summaries(reviews)
        assert len(queries) == 1
        with translation.override(language):
            assert texts == {100 + n: str(g) for n, g in enumerate(groups)}
    with translation.override("fr"):
        assert group_summaries(reviews[:1]) == {100: "Org 0 — Groupe 001"}
    assert group_summaries([]) == {}
